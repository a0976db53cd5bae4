package gitlabtest

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Personal and project snippets (https://docs.gitlab.com/api/snippets/,
// https://docs.gitlab.com/api/project_snippets/): a title, files (files[]
// of file_path and content, or the older file_name and content), a
// visibility that decides who sees them (a private personal snippet is its
// author's; a private project snippet its project's members'), raw
// content, per file too, and the user agent that created them.

// snippetState is a snippet's unrendered state: its files' contents, in
// order, and where it came from.
type snippetState struct {
	paths     []string
	contents  map[string]string
	author    *user
	userAgent string
	ip        string
}

func snippetOf(it *item) *snippetState {
	st, _ := it.ext.(*snippetState)
	return st
}

// snippetFiles reads the files of a create or update: files[] with
// file_path and content (and, on update, action and previous_path), or
// file_name and content.
type snippetFile struct {
	action, path, previous, content string
	hasContent                      bool
}

func snippetFiles(c *call) ([]snippetFile, *apiError) {
	if name, ok := c.p.str("file_name"); ok {
		content, has := c.p.str("content")
		return []snippetFile{{action: "update", path: name, content: content, hasContent: has}}, nil
	}
	list, ok := c.p["files"].([]any)
	if !ok {
		if c.p.has("files") {
			return nil, invalid("files")
		}
		return nil, nil
	}
	var out []snippetFile
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, invalid("files")
		}
		f := snippetFile{action: anyString(m["action"]), path: anyString(m["file_path"]), previous: anyString(m["previous_path"])}
		f.content, f.hasContent = m["content"].(string)
		if f.path == "" && f.action != "delete" {
			return nil, errErr(http.StatusBadRequest, "files[file_path] is empty")
		}
		out = append(out, f)
	}
	return out, nil
}

// applyFiles changes a snippet's files: a create, or an update's actions
// (create, update, delete, move; an update without action updates or
// creates).
func applyFiles(st *snippetState, files []snippetFile, create bool) *apiError {
	for _, f := range files {
		_, exists := st.contents[f.path]
		switch f.action {
		case "", "update":
			if create || !exists {
				if !f.hasContent || f.content == "" {
					return fieldErr("content", "can't be blank")
				}
				st.paths = append(st.paths, f.path)
			}
			if f.hasContent {
				st.contents[f.path] = f.content
			}
		case "create":
			if exists {
				return msgErr(http.StatusBadRequest, "A file with this name already exists")
			}
			st.paths, st.contents[f.path] = append(st.paths, f.path), f.content
		case "delete", "move":
			old := f.path
			if f.action == "move" {
				old = f.previous
			}
			if _, ok := st.contents[old]; !ok {
				return msgErr(http.StatusBadRequest, "A file with this name doesn't exist")
			}
			content := st.contents[old]
			delete(st.contents, old)
			for i, p := range st.paths {
				if p == old {
					st.paths = append(st.paths[:i:i], st.paths[i+1:]...)
					break
				}
			}
			if f.action == "move" {
				if f.hasContent {
					content = f.content
				}
				st.paths, st.contents[f.path] = append(st.paths, f.path), content
			}
		default:
			return errErr(http.StatusBadRequest, "files[action] does not have a valid value")
		}
	}
	if len(st.paths) == 0 {
		return fieldErr("files", "can't be empty")
	}
	return nil
}

// snippetURLs sets the web, raw and repository URLs and the files' of a
// snippet (project snippets live under their project).
func (s *Server) snippetURLs(it *item, p *project) {
	id := it.key
	web, api := urlMarker+"/-/snippets/"+id, urlMarker+apiPrefix+"/snippets/"+id
	repo := "snippets/" + id + ".git"
	if p != nil {
		web = urlMarker + "/" + p.fullPath + "/-/snippets/" + id
		api = urlMarker + apiPrefix + "/projects/" + strconv.Itoa(p.id) + "/snippets/" + id
		repo = p.fullPath + "/snippets/" + id + ".git"
	}
	st := snippetOf(it)
	files := make([]any, len(st.paths))
	for i, path := range st.paths {
		files[i] = map[string]any{"path": path, "raw_url": web + "/raw/main/" + path}
	}
	it.obj["web_url"], it.obj["raw_url"], it.obj["files"] = web, api+"/raw", files
	it.obj["ssh_url_to_repo"], it.obj["http_url_to_repo"] = "git@"+hostMarker+":"+repo, urlMarker+"/"+repo
	it.obj["file_name"] = nil
	if len(st.paths) > 0 {
		it.obj["file_name"] = st.paths[0]
	}
}

// canSeeSnippet: a public snippet is everyone's, an internal one signed-in
// users', a private one its author's (a project snippet: its project
// members'), and administrators see all.
func (c *call) canSeeSnippet(sc *scope, it *item) bool {
	st := snippetOf(it)
	switch vis := it.str("visibility"); {
	case c.user != nil && c.user.admin, vis == "public":
		return true
	case c.user == nil:
		return false
	case vis == "internal":
		return true
	case sc.project != nil:
		return c.s.projectLevel(c.user, sc.project) >= levelGuest
	}
	return st != nil && st.author == c.user
}

func snippetProject(c *call, sc *scope) *project {
	if sc.project != nil || len(sc.vals) == 0 {
		return sc.project
	}
	return c.s.st.projectByID[atoi(sc.vals[0])]
}

// snippetHooks: https://docs.gitlab.com/api/snippets/#create-new-snippet
// (title not blank, files required, visibility internal by default; lists
// hold what the caller sees: for /snippets, their own). Reporters create
// project snippets; their authors, the project's Maintainers and
// administrators change and delete them
// (https://docs.gitlab.com/user/permissions/#project-members-permissions).
func snippetHooks(inProject bool) *hooks {
	return &hooks{
		notFound: notFound("Snippet"),
		canWrite: func(c *call, sc *scope, it *item) *apiError {
			switch {
			case c.user == nil:
				return errUnauthorized
			case it != nil && !c.canSeeSnippet(sc, it):
				return notFound("Snippet")
			case c.user.admin:
				return nil
			case it != nil && snippetOf(it) != nil && snippetOf(it).author == c.user:
				return nil
			case inProject && c.callerLevel(sc) >= levelReporter && (it == nil || c.callerLevel(sc) >= levelMaintainer):
				return nil
			case !inProject && it == nil:
				return nil
			}
			return errForbidden
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			if strings.TrimSpace(anyString(obj["title"])) == "" {
				return fieldErr("title", "can't be blank")
			}
			vis := anyString(obj["visibility"])
			if vis == "" {
				vis = "internal"
			}
			if _, ok := parseVis(vis); !ok {
				return errVisibility
			}
			files, e := snippetFiles(c)
			if e != nil {
				return e
			}
			if e := applyFiles(&snippetState{contents: map[string]string{}}, files, true); e != nil {
				return e
			}
			var pid any
			if p := snippetProject(c, sc); p != nil {
				pid = p.id
			}
			keepPlaceholders(obj, map[string]any{"id": obj["id"], "title": obj["title"], "description": obj["description"], "visibility": vis,
				"author": c.user.basicJSON(), "project_id": pid, "imported": false, "imported_from": "none"})
			return nil
		},
		after: func(c *call, sc *scope) {
			col := c.collFor(sc, false)
			if col == nil {
				return
			}
			for _, it := range col.items {
				if snippetOf(it) != nil {
					continue
				}
				author, _ := it.ext.(*user)
				st := &snippetState{contents: map[string]string{}, author: author, userAgent: c.r.UserAgent()}
				st.ip, _, _ = net.SplitHostPort(c.r.RemoteAddr)
				files, _ := snippetFiles(c)
				_ = applyFiles(st, files, true)
				it.ext = st
				c.s.snippetURLs(it, snippetProject(c, sc))
				it.render()
			}
		},
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			files, e := snippetFiles(c)
			if e != nil {
				return e
			}
			st := snippetOf(it)
			next := &snippetState{paths: append([]string(nil), st.paths...), contents: map[string]string{}}
			for k, v := range st.contents {
				next.contents[k] = v
			}
			if e := applyFiles(next, files, false); e != nil {
				return e
			}
			if v, ok := fields["visibility"]; ok {
				if _, ok := parseVis(anyString(v)); !ok {
					return errVisibility
				}
				it.obj["visibility"] = v
			}
			for _, k := range []string{"title", "description"} {
				if v, ok := fields[k]; ok {
					it.obj[k] = v
				}
			}
			if strings.TrimSpace(it.str("title")) == "" {
				return fieldErr("title", "can't be blank")
			}
			st.paths, st.contents = next.paths, next.contents
			c.s.snippetURLs(it, snippetProject(c, sc))
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			var out []*item
			for _, it := range items {
				if !c.canSeeSnippet(sc, it) || !inProject && (c.user == nil || snippetOf(it) == nil || snippetOf(it).author != c.user) {
					continue
				}
				out = append(out, it)
			}
			return out, nil
		},
	}
}

// snippet finds a snippet the caller may see (404 otherwise).
func (c *call) snippet(spec string) (*scope, *item, *apiError) {
	_, sc, it, e := c.storeTarget(spec)
	if e != nil {
		return nil, nil, e
	}
	if !c.canSeeSnippet(sc, it) {
		return nil, nil, notFound("Snippet")
	}
	return sc, it, nil
}

// getSnippet: GET /snippets/:id and /projects/:id/snippets/:snippet_id.
func (s *Server) getSnippet(spec string) handler {
	return func(c *call) *apiError {
		_, it, e := c.snippet(spec)
		if e != nil {
			return e
		}
		return c.doc(http.StatusOK, &it.doc)
	}
}

// rawSnippet: GET .../raw is the first file's content; GET
// .../files/:ref/:file_path/raw a file's, at the snippet repository's
// main branch (https://docs.gitlab.com/api/snippets/#single-snippet-contents).
func (s *Server) rawSnippet(spec string, byFile bool) handler {
	return func(c *call) *apiError {
		_, it, e := c.snippet(spec)
		if e != nil {
			return e
		}
		st := snippetOf(it)
		path := it.str("file_name")
		if byFile {
			n := len(c.args)
			ref, p := c.args[n-2], c.args[n-1]
			if ref != "main" && ref != "master" && ref != "HEAD" {
				return notFound("Reference")
			}
			if _, ok := st.contents[p]; !ok {
				return notFound("File")
			}
			path = p
		}
		h := c.w.Header()
		h.Set("Content-Disposition", `attachment; filename="`+url.PathEscape(path)+`"; filename*=UTF-8''`+url.PathEscape(path))
		return c.text(http.StatusOK, "text/plain; charset=utf-8", []byte(st.contents[path]))
	}
}

// snippetAgent: GET .../user_agent_detail, administrators only
// (https://docs.gitlab.com/api/snippets/#get-user-agent-details).
func (s *Server) snippetAgent(spec string) handler {
	return func(c *call) *apiError {
		if !c.user.admin {
			return errForbidden
		}
		_, it, e := c.snippet(spec)
		if e != nil {
			return e
		}
		st := snippetOf(it)
		return c.value(http.StatusOK, map[string]any{"user_agent": st.userAgent, "ip_address": st.ip, "akismet_submitted": false})
	}
}

// listSnippets: GET /snippets/public lists the public snippets, GET
// /snippets/all every snippet the caller sees
// (https://docs.gitlab.com/api/snippets/#list-all-public-snippets).
func (s *Server) listSnippets(public bool) handler {
	return func(c *call) *apiError {
		var out []*item
		sc := &scope{}
		if col := s.storeColl("snippet"); col != nil {
			for _, it := range col.items {
				if public && it.str("visibility") == "public" || !public && c.canSeeSnippet(sc, it) {
					out = append(out, it)
				}
			}
		}
		return c.listDocs(len(out), itemDocs(out))
	}
}

func (s *Server) registerSnippetRoutes() {
	for _, x := range []struct{ root, spec string }{{"/snippets/{id}", "snippet"}, {"/projects/{id}/snippets/{snippet_id}", "project_snippet"}} {
		s.handle("GET "+x.root, s.getSnippet(x.spec))
		s.handle("GET "+x.root+"/raw", s.rawSnippet(x.spec, false))
		s.handle("GET "+x.root+"/files/{ref}/{file_path}/raw", s.rawSnippet(x.spec, true))
		s.handle("GET "+x.root+"/user_agent_detail", s.snippetAgent(x.spec), needAuth)
	}
	s.handle("GET /snippets/public", s.listSnippets(true), needAuth)
	s.handle("GET /snippets/all", s.listSnippets(false), needAuth)
}
