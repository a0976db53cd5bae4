package managers

import (
	"net/http"
	"slices"
	"strings"

	"github.com/golab/gitlab/base"
)

// Endpoint is one REST endpoint as the coverage counts it: an HTTP method
// and a path template under /api/v4 whose placeholders are blank
// ("/projects/{}/issues/{}"), the form of the reference lists of
// python-gitlab's and GitLab's official Go client's endpoints.
type Endpoint struct{ Method, Path string }

func (e Endpoint) String() string { return e.Method + " " + e.Path }

// DeclaredEndpoints returns the distinct endpoints that declarations reach,
// each with what reaches it ("project_issue get", "project_issue action
// subscribe"): every declared operation and action, with their verbs and
// paths as the generic code sends them. Where a manager's IDs are
// documented words (an integration's slug, IntegrationSlugs), each word
// also gives its own endpoint (/projects/{}/integrations/slack), as GitLab
// documents one route per word; the template stays too. Hand-written
// methods are not counted: only declarations are. Tests (and the README's
// coverage table) use it; it makes no request.
func DeclaredEndpoints(specs []*base.Spec) map[Endpoint][]string {
	out := map[Endpoint][]string{}
	add := func(sp *base.Spec, method, path, what string) {
		for _, p := range expandWords(sp, path) {
			e := Endpoint{method, blankPath(p)}
			if !slices.Contains(out[e], sp.Name+" "+what) {
				out[e] = append(out[e], sp.Name+" "+what)
			}
		}
	}
	for _, sp := range specs {
		coll, obj := sp.Path, sp.Path
		if id := sp.IDAttribute(); id != "" && !sp.Ops.Has(base.OpGetWithoutID) {
			obj = sp.Path + "/{" + id + "}"
		}
		if sp.Ops.Has(base.OpList) {
			add(sp, http.MethodGet, coll, "list")
		}
		if sp.Ops.Has(base.OpGet) {
			add(sp, http.MethodGet, obj, "get")
		}
		if sp.Ops.Has(base.OpGetWithoutID) {
			add(sp, http.MethodGet, coll, "get_without_id")
		}
		if sp.Ops.Has(base.OpCreate) {
			p := coll
			if sp.CreatePath != "" {
				p = sp.CreatePath
			}
			add(sp, sp.CreateVerb(), p, "create")
		}
		if sp.Ops.Has(base.OpUpdate) {
			add(sp, sp.UpdateVerb(), obj, "update")
		}
		if sp.Ops.Has(base.OpDelete) {
			add(sp, http.MethodDelete, obj, "delete")
		}
		if sp.Ops.Has(base.OpSet) {
			m := sp.SetMethod
			if m == "" {
				m = http.MethodPut
			}
			add(sp, m, sp.Path+"/{key}", "set")
		}
		for _, a := range sp.Actions {
			p := a.Path
			if p == "" {
				p = a.Name
			}
			if !strings.HasPrefix(p, "/") {
				prefix := obj
				if a.OnManager {
					prefix = coll
				}
				p = prefix + "/" + p
			}
			m := a.Method
			if m == "" {
				m = http.MethodPost
			}
			add(sp, m, p, "action "+a.Name)
		}
	}
	return out
}

// expandWords returns path and, when sp's IDs are documented words and path
// holds the ID placeholder, path with each word in its place.
func expandWords(sp *base.Spec, path string) []string {
	out := []string{path}
	words := documentedIDs(sp.Name)
	ph := "{" + sp.IDAttribute() + "}"
	if len(words) == 0 || !strings.Contains(path, ph) {
		return out
	}
	for _, w := range words {
		out = append(out, strings.Replace(path, ph, w, 1))
	}
	return out
}

// blankPath blanks the names of a template's placeholders and drops a
// trailing slash: /projects/{project_id}/issues/ → /projects/{}/issues.
func blankPath(p string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(p)
			break
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			b.WriteString(p)
			break
		}
		b.WriteString(p[:i])
		b.WriteString("{}")
		p = p[i+j+1:]
	}
	return strings.TrimSuffix(b.String(), "/")
}

func documentedIDs(name string) []string { return nil }
