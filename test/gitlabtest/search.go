package gitlabtest

import (
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Searches (https://docs.gitlab.com/api/search/): global, in a group and
// in a project, by scope, case-insensitive substrings of titles,
// descriptions, names, bodies, commit messages and file contents, among what
// the caller may see; paginated. Without Elasticsearch GitLab searches code,
// commits, notes and wikis only in a project, and so does the fake.

func (s *Server) registerSearchRoutes() {
	s.handle("GET /search", func(c *call) *apiError { return s.search(c, "global", nil) }, needAuth)
	s.handle("GET /groups/{id}/search", func(c *call) *apiError {
		g, e := s.findGroup(c, c.args[0])
		if e != nil {
			return e
		}
		return s.search(c, "group", g)
	}, needAuth)
	s.handle("GET /projects/{id}/search", func(c *call) *apiError {
		p, e := s.findProject(c, c.args[0])
		if e != nil {
			return e
		}
		return s.search(c, "project", p)
	}, needAuth)
}

// searchScopes are the scopes of each level; those marked * need
// Elasticsearch outside a project
// (https://docs.gitlab.com/api/search/#search-the-instance).
var searchScopes = map[string][]string{
	"global":  {"projects", "issues", "merge_requests", "milestones", "snippet_titles", "users", "*wiki_blobs", "*commits", "*blobs", "*notes"},
	"group":   {"projects", "issues", "merge_requests", "milestones", "users", "*wiki_blobs", "*commits", "*blobs", "*notes"},
	"project": {"issues", "merge_requests", "milestones", "notes", "wiki_blobs", "commits", "blobs", "users"},
}

// searchIn is what one search looks at.
type searchIn struct {
	c        *call
	term     string
	projects []*project
	group    *group
	project  *project
}

func (in *searchIn) match(texts ...string) bool {
	for _, t := range texts {
		if strings.Contains(lower(t), in.term) {
			return true
		}
	}
	return false
}

// search answers one search: scope where is "global", "group" (of a
// *group) or "project" (of a *project).
func (s *Server) search(c *call, where string, of any) *apiError {
	if e := c.checkAttrs([]string{"scope", "search"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	scope := c.p.get("scope")
	i := slices.IndexFunc(searchScopes[where], func(x string) bool { return strings.TrimPrefix(x, "*") == scope })
	switch {
	case i < 0:
		return errErr(http.StatusBadRequest, "scope does not have a valid value")
	case strings.HasPrefix(searchScopes[where][i], "*"):
		return objErr(http.StatusBadRequest, map[string]any{"error": "Scope supported only with Elasticsearch"})
	}
	in := &searchIn{c: c, term: lower(c.p.get("search"))}
	switch x := of.(type) {
	case *group:
		in.group = x
		for _, p := range s.projectView(c.user, "id") {
			if p.ns != nil && p.ns.group != nil && (p.ns.group == x || strings.HasPrefix(p.lfull, lower(x.ns.fullPath)+"/")) {
				in.projects = append(in.projects, p)
			}
		}
	case *project:
		in.project, in.projects = x, []*project{x}
	default:
		in.projects = s.projectView(c.user, "id")
	}
	vals := searchers[scope](s, in)
	docs := make([]doc, len(vals))
	for i, v := range vals {
		if d, ok := v.(*doc); ok {
			docs[i] = *d
		} else {
			docs[i] = marshalDoc(v)
		}
	}
	return c.listDocs(len(docs), func(i int) *doc { return &docs[i] })
}

// searchers find the results of each scope: stored docs or values.
var searchers = map[string]func(s *Server, in *searchIn) []any{
	"projects": func(s *Server, in *searchIn) []any {
		var out []any
		for _, p := range in.projects {
			if in.match(p.name, p.fullPath, gjson.GetBytes(p.doc.raw, "description").String()) {
				out = append(out, p.simpleDoc())
			}
		}
		return out
	},
	"issues": func(s *Server, in *searchIn) []any {
		return issuableHits(in, issuesOf)
	},
	"merge_requests": func(s *Server, in *searchIn) []any {
		return issuableHits(in, mrsOf)
	},
	"milestones": func(s *Server, in *searchIn) []any {
		var out []any
		for _, p := range in.projects {
			out = append(out, storeHits(in, s.storeItems("project_milestone", strconv.Itoa(p.id)), "title", "description")...)
		}
		if in.group != nil {
			out = append(out, storeHits(in, s.storeItems("group_milestone", strconv.Itoa(in.group.id)), "title", "description")...)
		}
		return out
	},
	"snippet_titles": func(s *Server, in *searchIn) []any {
		var out []any
		for _, it := range s.storeItems("snippet") {
			if (it.str("visibility") == "public" || it.ext == in.c.user || in.c.user.admin) && in.match(it.str("title"), it.str("description")) {
				out = append(out, &it.doc)
			}
		}
		return out
	},
	"users": func(s *Server, in *searchIn) []any {
		var out []any
		for _, u := range s.st.users {
			if in.match(u.username, u.str("name")) && s.inSearch(in, u) {
				out = append(out, &u.basic)
			}
		}
		return out
	},
	"notes": func(s *Server, in *searchIn) []any {
		var out []any
		pid := strconv.Itoa(in.project.id)
		for _, kind := range []struct {
			spec string
			col  func(*project) *coll
		}{{"project_issue_note", issuesOf}, {"project_merge_request_note", mrsOf}} {
			if col := kind.col(in.project); col != nil {
				for _, it := range col.items {
					out = append(out, storeHits(in, s.storeItems(kind.spec, pid, it.key), "body")...)
				}
			}
		}
		return out
	},
	"commits": func(s *Server, in *searchIn) []any {
		var out []any
		r := s.repoOf(in.project)
		if head := r.branches[in.project.defaultBranch]; head != nil {
			for _, cm := range history(r, false, head) {
				if in.match(cm.message) {
					m := commitJSON(in.project, cm)
					m["project_id"] = in.project.id
					out = append(out, m)
				}
			}
		}
		return out
	},
	"blobs": func(s *Server, in *searchIn) []any {
		var out []any
		p := in.project
		if head := s.repoOf(p).branches[p.defaultBranch]; head != nil {
			for _, fp := range sortedPaths(head.files) {
				if line, n := matchingLine(string(head.files[fp].content), in.term); n > 0 || in.match(fp) {
					out = append(out, blobHit(p, fp, line, max(n, 1)))
				}
			}
		}
		return out
	},
	"wiki_blobs": func(s *Server, in *searchIn) []any {
		var out []any
		p := in.project
		for _, it := range s.storeItems("project_wiki", strconv.Itoa(p.id)) {
			if line, n := matchingLine(it.str("content"), in.term); n > 0 || in.match(it.str("title")) {
				out = append(out, blobHit(p, it.key+".md", line, max(n, 1)))
			}
		}
		return out
	},
}

// issuableHits are the issues or merge requests of the searched projects
// whose title or description matches.
func issuableHits(in *searchIn, col func(*project) *coll) []any {
	var out []any
	for _, p := range in.projects {
		if c := col(p); c != nil {
			for _, it := range c.items {
				if in.match(it.str("title"), it.str("description")) {
					out = append(out, &it.doc)
				}
			}
		}
	}
	return out
}

// storeHits are the objects of the generic store whose fields match.
func storeHits(in *searchIn, items []*item, fields ...string) []any {
	var out []any
	for _, it := range items {
		texts := make([]string, len(fields))
		for i, f := range fields {
			texts[i] = it.str(f)
		}
		if in.match(texts...) {
			out = append(out, &it.doc)
		}
	}
	return out
}

// inSearch: a group search finds its members, a project search the
// project's members.
func (s *Server) inSearch(in *searchIn, u *user) bool {
	switch {
	case in.project != nil:
		return s.isProjectMember(u, in.project)
	case in.group != nil:
		return s.groupLevel(u, in.group) > 0
	}
	return true
}

// matchingLine is the first line of content holding term and its number
// (0 when none does).
func matchingLine(content, term string) (string, int) {
	for i, line := range strings.Split(content, "\n") {
		if strings.Contains(lower(line), term) {
			return line, i + 1
		}
	}
	return "", 0
}

// blobHit is a code search result
// (https://docs.gitlab.com/api/search/#scope-blobs).
func blobHit(p *project, fp, line string, n int) map[string]any {
	return map[string]any{"basename": strings.TrimSuffix(fp, path.Ext(fp)), "data": line + "\n", "path": fp, "filename": fp,
		"id": nil, "ref": p.defaultBranch, "startline": n, "project_id": p.id}
}
