package managers

import (
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
// each with what reaches it ("project_issue get", "project_issue
// subscribe"): base.Spec.Endpoints, with the routes of documented ID words
// (an integration's slug). Hand-written methods are not counted: only
// declarations are. It makes no request.
func DeclaredEndpoints(specs []*base.Spec) map[Endpoint][]string {
	out := map[Endpoint][]string{}
	for _, sp := range specs {
		for _, e := range sp.Endpoints() {
			k, what := Endpoint{e.Method, blankPath(e.Path)}, sp.Name+" "+e.Op
			if !slices.Contains(out[k], what) {
				out[k] = append(out[k], what)
			}
		}
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
