package gitlabtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

// Project describes a project for AddProject. Namespace is a username or a
// group full path (default "root"); Visibility defaults to "private" and
// DefaultBranch to "main". The repository gets a main branch with README.md.
type Project struct {
	Name          string
	Path          string
	Namespace     string
	Visibility    string
	Description   string
	DefaultBranch string
	Topics        []string
}

type project struct {
	id            int
	name, path    string
	lname, lfull  string     // lower-case name and full path, for search, sorting and lookup
	ns            *namespace // nil when bulk-loaded into an unknown namespace
	nsPath        string
	fullPath      string
	vis           uint8
	creatorID     int
	archived      bool
	defaultBranch string
	topics        []string
	createdAt     string
	updatedAt     string
	lastActivity  string
	starCount     int
	starredBy     map[int]bool
	doc           doc
	simple        atomic.Pointer[doc]
	repo          *repo // guarded by Server.repoMu for lazy creation
	emptyRepo     bool
	issues, mrs   *coll
	pushRule      *item
}

// set patches top-level or dotted fields of the stored JSON; call commit after.
func (p *project) set(path string, v any) {
	raw, err := sjson.SetBytes(p.doc.raw, path, v)
	if err != nil {
		panic("gitlabtest: cannot patch project JSON: " + err.Error())
	}
	p.doc.raw = raw
}

func (p *project) setRaw(path string, v []byte) {
	raw, err := sjson.SetRawBytes(p.doc.raw, path, v)
	if err != nil {
		panic("gitlabtest: cannot patch project JSON: " + err.Error())
	}
	p.doc.raw = raw
}

func (p *project) commit() {
	p.doc = newDoc(p.doc.raw)
	p.simple.Store(nil)
}

// setName and setFullPath keep the lower-case copies in step.
func (p *project) setName(name string) { p.name, p.lname = name, lower(name) }

func (p *project) setFullPath(full string) { p.fullPath, p.lfull = full, lower(full) }

// lpath is the lower-case last segment of the full path.
func (p *project) lpath() string { return p.lfull[strings.LastIndexByte(p.lfull, '/')+1:] }

// simpleFields is the reduced representation served with simple=true
// (https://docs.gitlab.com/api/projects/#list-all-projects, "simple").
var simpleFields = []string{"id", "description", "name", "name_with_namespace", "path", "path_with_namespace",
	"created_at", "default_branch", "tag_list", "topics", "ssh_url_to_repo", "http_url_to_repo", "web_url",
	"readme_url", "forks_count", "avatar_url", "star_count", "last_activity_at", "visibility", "namespace"}

func (p *project) simpleDoc() *doc {
	if d := p.simple.Load(); d != nil {
		return d
	}
	res := gjson.GetManyBytes(p.doc.raw, simpleFields...)
	b := make([]byte, 0, 1024)
	b = append(b, '{')
	n := 0
	for i, r := range res {
		if !r.Exists() {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, '"')
		b = append(b, simpleFields[i]...)
		b = append(b, '"', ':')
		b = append(b, r.Raw...)
	}
	b = append(b, '}')
	d := newDoc(b)
	p.simple.Store(&d)
	return &d
}

// isProjectMember: a Guest or more (members.go).
func (s *Server) isProjectMember(u *user, p *project) bool { return s.projectLevel(u, p) >= levelGuest }

// canReadProject: public to all, internal to signed-in users, private to
// members and administrators (https://docs.gitlab.com/user/public_access/).
func (s *Server) canReadProject(u *user, p *project) bool {
	switch {
	case p.vis == visPublic:
		return true
	case u == nil:
		return false
	case u.admin || p.vis == visInternal:
		return true
	}
	return s.isProjectMember(u, p)
}

// isProjectOwner: administrators, the creator, the owner of the personal
// namespace or the creator of the group (https://docs.gitlab.com/user/permissions/).
func (s *Server) isProjectOwner(u *user, p *project) bool {
	switch {
	case u.admin || p.creatorID == u.id:
		return true
	case p.ns == nil:
		return false
	case p.ns.user != nil:
		return p.ns.user == u
	}
	return p.ns.group.creatorID == u.id
}

func (s *Server) canWriteProject(u *user, p *project) bool {
	return u != nil && (u.admin || s.projectLevel(u, p) >= levelDeveloper)
}

// findProject resolves a numeric id or URL-encoded full path (digits are an
// id). Renamed paths answer 301 to the id URL; projects the caller may not
// see look absent (https://docs.gitlab.com/api/rest/#redirects,
// https://docs.gitlab.com/api/rest/troubleshooting/#status-codes).
func (s *Server) findProject(c *call, id string) (*project, *apiError) {
	var p *project
	if isDigits(id) {
		p = s.st.projectByID[atoi(id)]
	} else {
		p = s.st.projectByPath[lower(id)]
		if p == nil {
			if pid, ok := s.st.redirects[lower(id)]; ok {
				if target := s.st.projectByID[pid]; target != nil && s.canReadProject(c.user, target) {
					return nil, c.movedTo(pid)
				}
			}
		}
	}
	if p == nil || !s.canReadProject(c.user, p) {
		return nil, notFound("Project")
	}
	return p, nil
}

// movedTo is the 301 of a renamed project: Location uses the numeric id and
// the body is plain text (https://docs.gitlab.com/api/rest/#redirects).
func (c *call) movedTo(id int) *apiError {
	var b strings.Builder
	b.WriteString(c.base + apiPrefix + "/projects/" + strconv.Itoa(id))
	for _, seg := range c.segs[2:] {
		b.WriteString("/" + url.PathEscape(seg))
	}
	if c.r.URL.RawQuery != "" {
		b.WriteString("?" + c.r.URL.RawQuery)
	}
	loc := b.String()
	h := http.Header{}
	h.Set("Location", loc)
	return &apiError{status: http.StatusMovedPermanently, ctype: "text/plain; charset=utf-8", header: h,
		body: []byte("This resource has been moved permanently to " + loc)}
}

// projectFor resolves c.args[0] and checks write access when write is set:
// 404 for invisible projects, 403 for visible ones the caller cannot change.
func (s *Server) projectFor(c *call, write bool) (*project, *apiError) {
	p, e := s.findProject(c, c.args[0])
	if e != nil {
		return nil, e
	}
	if write && !s.canWriteProject(c.user, p) {
		return nil, errForbidden
	}
	return p, nil
}

type projectOpts struct {
	name, path, description, defaultBranch string
	ns                                     *namespace
	creator                                *user
	vis                                    uint8
	topics                                 []string
	readme                                 bool
}

func (s *Server) nameTaken(ns *namespace, name, path string, self *project) (nameTaken, pathTaken bool) {
	full := lower(ns.fullPath + "/" + path)
	if p := s.st.projectByPath[full]; p != nil && p != self {
		pathTaken = true
	}
	for _, p := range s.st.projects {
		if p != self && p.ns == ns && strings.EqualFold(p.name, name) {
			nameTaken = true
			break
		}
	}
	return
}

// takenErr is the 400 GitLab answers for a duplicate project in a namespace
// (gitlab#356008, despite the docs' 409 example).
func takenErr(name, path bool) *apiError {
	m := map[string]any{}
	if name {
		m["name"] = []string{"has already been taken"}
	}
	if path {
		m["path"] = []string{"has already been taken"}
	}
	return objErr(http.StatusBadRequest, m)
}

// newProject builds a project shaped like GET /projects/:id
// (https://docs.gitlab.com/api/projects/#get-a-single-project).
func (s *Server) newProject(o projectOpts) *project {
	s.st.nextProject++
	id := s.st.nextProject
	full := o.ns.fullPath + "/" + o.path
	now := s.nowTS()
	if o.defaultBranch == "" {
		o.defaultBranch = "main"
	}
	if o.topics == nil {
		o.topics = []string{}
	}
	self := urlMarker + apiPrefix + "/projects/" + strconv.Itoa(id)
	var readme any
	if o.readme {
		readme = urlMarker + "/" + full + "/-/blob/" + o.defaultBranch + "/README.md"
	}
	obj := map[string]any{
		"id": id, "description": o.description, "name": o.name,
		"name_with_namespace": o.ns.name + " / " + o.name, "path": o.path, "path_with_namespace": full,
		"created_at": now, "default_branch": o.defaultBranch, "tag_list": o.topics, "topics": o.topics,
		"ssh_url_to_repo": "git@" + hostMarker + ":" + full + ".git", "http_url_to_repo": urlMarker + "/" + full + ".git",
		"web_url": urlMarker + "/" + full, "readme_url": readme, "forks_count": 0, "avatar_url": nil,
		"star_count": 0, "last_activity_at": now, "visibility": visNames[o.vis], "namespace": o.ns.json(),
		"container_registry_image_prefix": "registry." + hostMarker + "/" + full,
		"_links": map[string]any{
			"self": self, "issues": self + "/issues", "merge_requests": self + "/merge_requests",
			"repo_branches": self + "/repository/branches", "labels": self + "/labels", "events": self + "/events",
			"members": self + "/members", "cluster_agents": self + "/cluster_agents",
		},
		"packages_enabled": true, "empty_repo": !o.readme, "archived": false,
		"resolve_outdated_diff_discussions": false, "issues_enabled": true, "merge_requests_enabled": true,
		"wiki_enabled": true, "jobs_enabled": true, "snippets_enabled": true, "container_registry_enabled": true,
		"service_desk_enabled": false, "service_desk_address": nil, "can_create_merge_request_in": true,
		"issues_access_level": "enabled", "repository_access_level": "enabled", "merge_requests_access_level": "enabled",
		"forking_access_level": "enabled", "wiki_access_level": "enabled", "builds_access_level": "enabled",
		"snippets_access_level": "enabled", "pages_access_level": "enabled", "container_registry_access_level": "enabled",
		"emails_enabled": true, "shared_runners_enabled": true, "lfs_enabled": true, "creator_id": o.creator.id,
		"import_url": nil, "import_type": nil, "import_status": "none", "import_error": nil, "open_issues_count": 0,
		"updated_at": now, "ci_default_git_depth": 20, "ci_delete_pipelines_in_seconds": nil,
		"ci_forward_deployment_enabled": true, "ci_forward_deployment_rollback_allowed": true,
		"ci_job_token_scope_enabled": false, "ci_id_token_sub_claim_components": []string{"project_path", "ref_type", "ref"},
		"build_git_strategy": "fetch", "runners_token": "GR1348941fake" + strconv.Itoa(id), "group_runners_enabled": true,
		"auto_cancel_pending_pipelines": "enabled", "build_timeout": 3600, "auto_devops_enabled": false,
		"auto_devops_deploy_strategy": "continuous", "ci_config_path": "", "public_jobs": true,
		"shared_with_groups": []any{}, "only_allow_merge_if_pipeline_succeeds": false,
		"allow_merge_on_skipped_pipeline": nil, "request_access_enabled": true,
		"only_allow_merge_if_all_discussions_are_resolved": false, "remove_source_branch_after_merge": true,
		"printing_merge_request_link_enabled": true, "merge_method": "merge", "squash_option": "default_off",
		"enforce_auth_checks_on_uploads": true, "suggestion_commit_message": nil, "merge_commit_template": nil,
		"squash_commit_template": nil, "issue_branch_template": nil, "autoclose_referenced_issues": true,
		"approvals_before_merge": 0, "mirror": false, "compliance_frameworks": []any{}, "marked_for_deletion_on": nil,
		"container_expiration_policy": map[string]any{
			"cadence": "1d", "enabled": false, "keep_n": 10, "older_than": "90d", "name_regex": ".*",
			"name_regex_delete": nil, "name_regex_keep": nil, "next_run_at": now,
		},
		"permissions": map[string]any{"project_access": nil, "group_access": nil},
	}
	if o.ns.user != nil {
		obj["owner"] = o.ns.user.basicJSON()
	}
	p := &project{id: id, path: o.path, ns: o.ns, nsPath: o.ns.fullPath, vis: o.vis,
		creatorID: o.creator.id, defaultBranch: o.defaultBranch, topics: o.topics, createdAt: now, updatedAt: now,
		lastActivity: now, emptyRepo: !o.readme}
	p.setName(o.name)
	p.setFullPath(full)
	p.doc = marshalDoc(obj)
	s.insertProject(p)
	s.addCreatorMember(p, nil, o.creator)
	return p
}

func (s *Server) insertProject(p *project) {
	s.st.projects = append(s.st.projects, p)
	s.st.projectByID[p.id] = p
	s.st.projectByPath[p.lfull] = p
	delete(s.st.redirects, p.lfull)
}

func (s *Server) removeProject(p *project) {
	i := sort.Search(len(s.st.projects), func(i int) bool { return s.st.projects[i].id >= p.id })
	if i < len(s.st.projects) && s.st.projects[i] == p {
		s.st.projects = append(s.st.projects[:i], s.st.projects[i+1:]...)
	}
	delete(s.st.projectByID, p.id)
	delete(s.st.projectByPath, p.lfull)
	for k, id := range s.st.redirects {
		if id == p.id {
			delete(s.st.redirects, k)
		}
	}
}

// renameProject moves a project to a new full path, remembering the old one
// for the 301 redirect.
func (s *Server) renameProject(p *project, full string) {
	delete(s.st.projectByPath, p.lfull)
	s.st.redirects[p.lfull] = p.id
	nsPath, path := "", full
	if i := strings.LastIndexByte(full, '/'); i >= 0 {
		nsPath, path = full[:i], full[i+1:]
	}
	if ns := s.st.nsByPath[lower(nsPath)]; ns != nil {
		p.ns = ns
	}
	p.nsPath, p.path = nsPath, path
	p.setFullPath(full)
	s.st.projectByPath[p.lfull] = p
	delete(s.st.redirects, p.lfull)
	p.set("path", path)
	p.set("path_with_namespace", full)
	p.set("web_url", urlMarker+"/"+full)
	p.set("http_url_to_repo", urlMarker+"/"+full+".git")
	p.set("ssh_url_to_repo", "git@"+hostMarker+":"+full+".git")
	if gjson.GetBytes(p.doc.raw, "readme_url").Type == gjson.String {
		p.set("readme_url", urlMarker+"/"+full+"/-/blob/"+p.defaultBranch+"/README.md")
	}
	if p.ns != nil {
		p.setRaw("namespace", marshal(p.ns.json()))
	}
	p.commit()
}

// AddProject creates a project and returns its id. It panics if the
// namespace does not exist or the path is taken.
func (s *Server) AddProject(in Project) int {
	s.lock()
	defer s.mu.Unlock()
	if in.Namespace == "" {
		in.Namespace = "root"
	}
	ns := s.st.nsByPath[lower(in.Namespace)]
	if ns == nil {
		panic("gitlabtest: AddProject: unknown namespace " + in.Namespace)
	}
	if in.Path == "" {
		in.Path = parameterize(in.Name)
	}
	if in.Name == "" {
		in.Name = in.Path
	}
	if n, p := s.nameTaken(ns, in.Name, in.Path, nil); n || p {
		panic("gitlabtest: AddProject: name or path taken in " + in.Namespace)
	}
	vis, ok := parseVis(in.Visibility)
	if !ok {
		vis = visPrivate
	}
	creator := ns.user
	if creator == nil {
		creator = s.st.userByID[ns.group.creatorID]
	}
	if creator == nil {
		creator = s.st.userByID[1]
	}
	p := s.newProject(projectOpts{name: in.Name, path: in.Path, description: in.Description, ns: ns,
		creator: creator, vis: vis, defaultBranch: in.DefaultBranch, topics: in.Topics, readme: true})
	return p.id
}

// AddProjectMember makes an existing user a Developer of a project: they see
// it even when private and may write to it.
func (s *Server) AddProjectMember(projectID int, username string) {
	s.addMemberByName(false, projectID, username)
}

// SetProjectPath renames a project. newPath is either a path inside the
// current namespace or a full path; afterwards the old full path answers 301
// with Location /api/v4/projects/<id>. It panics on an unknown id.
func (s *Server) SetProjectPath(id int, newPath string) {
	s.lock()
	defer s.mu.Unlock()
	p := s.st.projectByID[id]
	if p == nil {
		panic("gitlabtest: SetProjectPath: unknown project " + strconv.Itoa(id))
	}
	full := newPath
	if !strings.Contains(newPath, "/") {
		full = p.nsPath + "/" + newPath
	}
	s.renameProject(p, full)
}

// AddProjectsFromJSON bulk-loads n projects built from one raw project JSON
// (for example fixtures/project.json). Ids continue after the highest
// project id (1..n on a fresh server); id, name ("Project <id>"), path
// ("project-<id>"), path_with_namespace and name_with_namespace are set and
// every other field is kept verbatim. Each project is stored as raw bytes
// (one compact copy of the template per project, in a single allocation), so
// 20,000 projects load in milliseconds. Visibility, creator_id, archived,
// star_count, topics and timestamps are read from the template for filtering.
// It panics if the template is not a JSON object.
func (s *Server) AddProjectsFromJSON(template []byte, n int) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, template); err != nil || !gjson.ValidBytes(buf.Bytes()) || buf.Bytes()[0] != '{' {
		panic("gitlabtest: AddProjectsFromJSON: template is not a JSON object")
	}
	tpl := buf.Bytes()
	meta := gjson.GetManyBytes(tpl, "visibility", "creator_id", "namespace.full_path", "namespace.name",
		"archived", "star_count", "topics", "created_at", "updated_at", "last_activity_at", "default_branch")
	vis, ok := parseVis(meta[0].String())
	if !ok {
		vis = visPrivate
	}
	var topics []string
	for _, t := range meta[6].Array() {
		topics = append(topics, t.String())
	}
	// Byte spans of the top-level values to replace, in document order.
	type span struct {
		key        string
		start, end int
	}
	var spans []span
	for _, k := range []string{"id", "name", "path", "path_with_namespace", "name_with_namespace"} {
		r := gjson.GetBytes(tpl, k)
		if r.Exists() && r.Index > 0 {
			spans = append(spans, span{k, r.Index, r.Index + len(r.Raw)})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	hasMarkers := bytes.Contains(tpl, []byte(urlMarker)) || bytes.Contains(tpl, []byte(hostMarker))

	s.lock()
	defer s.mu.Unlock()
	nsPath, nsName := meta[2].String(), meta[3].String()
	ns := s.st.nsByPath[lower(nsPath)]
	// One allocation holds every copy: the template minus the replaced
	// values plus the new ones (names grow with the digits of the id).
	fixed := len(tpl)
	for _, sp := range spans {
		fixed -= sp.end - sp.start
	}
	size := 0
	for i := 1; i <= n; i++ {
		d := len(strconv.Itoa(s.st.nextProject + i))
		size += fixed + len(nsPath) + len(nsName) + 5*d + 44
	}
	arena := make([]byte, 0, size)
	s.st.projects = append(make([]*project, 0, len(s.st.projects)+n), s.st.projects...)
	for i := 0; i < n; i++ {
		s.st.nextProject++
		id := s.st.nextProject
		ids := strconv.Itoa(id)
		name, path := "Project "+ids, "project-"+ids
		full := path
		if nsPath != "" {
			full = nsPath + "/" + path
		}
		start := len(arena)
		prev := 0
		for _, sp := range spans {
			arena = append(arena, tpl[prev:sp.start]...)
			switch sp.key {
			case "id":
				arena = append(arena, ids...)
			case "name":
				arena = strconv.AppendQuote(arena, name)
			case "path":
				arena = strconv.AppendQuote(arena, path)
			case "path_with_namespace":
				arena = strconv.AppendQuote(arena, full)
			case "name_with_namespace":
				arena = strconv.AppendQuote(arena, nsName+" / "+name)
			}
			prev = sp.end
		}
		arena = append(arena, tpl[prev:]...)
		raw := arena[start:len(arena):len(arena)]
		p := &project{id: id, path: path, ns: ns, nsPath: nsPath, vis: vis,
			creatorID: int(meta[1].Int()), archived: meta[4].Bool(), starCount: int(meta[5].Int()),
			topics: topics, createdAt: meta[7].String(), updatedAt: meta[8].String(),
			lastActivity: meta[9].String(), defaultBranch: meta[10].String()}
		p.setName(name)
		p.setFullPath(full)
		if hasMarkers {
			p.doc = newDoc(raw)
		} else {
			p.doc = doc{raw: raw}
		}
		s.insertProject(p)
	}
}

func (s *Server) registerProjectRoutes() {
	s.handle("GET /projects", s.listProjects)
	s.handle("GET /projects/{id}", s.getProject, jobOK)
	s.handle("POST /projects", s.createProject, needAuth)
	s.handle("PUT /projects/{id}", s.updateProject, needAuth)
	s.handle("DELETE /projects/{id}", s.deleteProject, needAuth)
	s.handle("POST /projects/{id}/star", s.starProject, needAuth)
	s.handle("POST /projects/{id}/unstar", s.unstarProject, needAuth)
	s.handle("POST /projects/{id}/fork", s.forkProject, needAuth)
	s.handle("GET /projects/{id}/forks", s.listForks)
}

// projectOrders are the documented order_by values of GET /projects
// (https://docs.gitlab.com/api/projects/#list-all-projects).
var projectOrders = []string{"id", "name", "path", "created_at", "updated_at", "last_activity_at", "star_count"}

// listProjects: https://docs.gitlab.com/api/projects/#list-all-projects.
func (s *Server) listProjects(c *call) *apiError { return s.listProjectsIn(c, nil) }

// listProjectsIn serves GET /projects and GET /groups/:id/projects: filters,
// offset pagination with the 50,000 offset cap, and keyset pagination on
// order_by=id (https://docs.gitlab.com/api/projects/#list-all-projects,
// https://docs.gitlab.com/api/rest/#keyset-based-pagination). It pages over a
// cached view of the projects the caller may see in the requested order, so
// an unfiltered page costs the rendering of one page and a filtered one a
// scan of cheap predicates.
func (s *Server) listProjectsIn(c *call, in func(*project) bool) *apiError {
	order, dir, e := c.orderParams(projectOrders, "created_at", "desc")
	if e != nil {
		return e
	}
	page, perPage, e := c.pageParams()
	if e != nil {
		return e
	}
	pred, trivial, e := s.projectFilter(c, in)
	if e != nil {
		return e
	}
	simple, _, e := c.p.boolean("simple")
	if e != nil {
		return e
	}
	docOf := func(p *project) *doc {
		if simple {
			return p.simpleDoc()
		}
		return &p.doc
	}
	if c.keyset() {
		if order != "id" {
			return errKeyset
		}
		return s.projectKeyset(c, s.projectView(c.user, "id"), pred, dir == "desc", perPage, docOf)
	}
	if e := c.offsetCap(page, perPage, "Project"); e != nil {
		return e
	}
	view := s.projectView(c.user, order)
	at := func(i int) *project {
		if dir == "desc" {
			return view[len(view)-1-i]
		}
		return view[i]
	}
	if trivial {
		return c.offsetPage(page, perPage, len(view), func(i int) *doc { return docOf(at(i)) })
	}
	start := (page - 1) * perPage
	rows := make([]*project, 0, perPage)
	total := 0
	for i := range view {
		p := at(i)
		if !pred(p) {
			continue
		}
		if total >= start && len(rows) < perPage {
			rows = append(rows, p)
		}
		total++
	}
	c.offsetHeaders(page, perPage, total)
	if len(rows) == 0 {
		return c.json(http.StatusOK, []byte("[]"))
	}
	return c.array(len(rows), func(i int) *doc { return docOf(rows[i]) })
}

// viewKey names a cached project view: whose (0 anonymous, -1 every
// project) and in which order.
type viewKey struct {
	uid   int
	order string
}

// projectView returns the projects u may see, ascending by the order key then
// id (created_at is id order: ids are assigned in creation order). Views are
// cached until the next write.
func (s *Server) projectView(u *user, order string) []*project {
	if order == "created_at" {
		order = "id"
	}
	admin := u != nil && u.admin
	if admin && order == "id" {
		return s.st.projects
	}
	s.viewMu.Lock()
	defer s.viewMu.Unlock()
	if s.views == nil || s.viewGen != s.st.gen {
		s.views, s.viewGen = map[viewKey][]*project{}, s.st.gen
	}
	all := s.st.projects
	if order != "id" {
		k := viewKey{-1, order}
		if all = s.views[k]; all == nil {
			all = append([]*project(nil), s.st.projects...)
			less := projectLess(order)
			sort.SliceStable(all, func(i, j int) bool { return less(all[i], all[j]) })
			s.views[k] = all
		}
	}
	if admin {
		return all
	}
	k := viewKey{0, order}
	if u != nil {
		k.uid = u.id
	}
	if v, ok := s.views[k]; ok {
		return v
	}
	v := make([]*project, 0, len(all))
	for _, p := range all {
		if s.canReadProject(u, p) {
			v = append(v, p)
		}
	}
	s.views[k] = v
	return v
}

// projectLess orders by a sort key, ties broken by id (ascending).
func projectLess(order string) func(a, b *project) bool {
	var key func(a, b *project) int
	switch order {
	case "name":
		key = func(a, b *project) int { return strings.Compare(a.lname, b.lname) }
	case "path":
		key = func(a, b *project) int { return strings.Compare(a.lpath(), b.lpath()) }
	case "updated_at":
		key = func(a, b *project) int { return strings.Compare(a.updatedAt, b.updatedAt) }
	case "last_activity_at":
		key = func(a, b *project) int { return strings.Compare(a.lastActivity, b.lastActivity) }
	case "star_count":
		key = func(a, b *project) int { return a.starCount - b.starCount }
	default:
		key = func(a, b *project) int { return 0 }
	}
	return func(a, b *project) bool {
		if k := key(a, b); k != 0 {
			return k < 0
		}
		return a.id < b.id
	}
}

// projectKeyset walks the id-ordered view from id_after (asc) or id_before
// (desc) and links to the next page with the last id.
func (s *Server) projectKeyset(c *call, all []*project, pred func(*project) bool, desc bool, perPage int, docOf func(*project) *doc) *apiError {
	after, _, e := c.p.integer("id_after")
	if e != nil {
		return e
	}
	before, hasBefore, e := c.p.integer("id_before")
	if e != nil {
		return e
	}
	rows := make([]*doc, 0, perPage)
	last := 0
	if desc {
		i := len(all) - 1
		if hasBefore {
			i = sort.Search(len(all), func(i int) bool { return all[i].id >= before }) - 1
		}
		for ; i >= 0 && len(rows) < perPage; i-- {
			if p := all[i]; pred(p) {
				rows, last = append(rows, docOf(p)), p.id
			}
		}
		return c.keysetPage(rows, "id_before", strconv.Itoa(last), "per_page", strconv.Itoa(perPage))
	}
	i := sort.Search(len(all), func(i int) bool { return all[i].id > after })
	for ; i < len(all) && len(rows) < perPage; i++ {
		if p := all[i]; pred(p) {
			rows, last = append(rows, docOf(p)), p.id
		}
	}
	return c.keysetPage(rows, "id_after", strconv.Itoa(last), "per_page", strconv.Itoa(perPage))
}

// projectFilter builds the predicate of the documented filters: owned,
// membership, starred, archived, visibility, search, topic, id_after,
// id_before (https://docs.gitlab.com/api/projects/#list-all-projects).
// Visibility to the caller is handled by projectView. trivial reports that
// no filter is set.
func (s *Server) projectFilter(c *call, in func(*project) bool) (pred func(*project) bool, trivial bool, e *apiError) {
	u := c.user
	bools := map[string]bool{}
	has := map[string]bool{}
	for _, k := range []string{"owned", "membership", "starred", "archived"} {
		v, ok, e := c.p.boolean(k)
		if e != nil {
			return nil, false, e
		}
		bools[k], has[k] = v, ok
	}
	var vis uint8
	visStr, hasVis := c.p.str("visibility")
	if hasVis {
		var ok bool
		if vis, ok = parseVis(visStr); !ok {
			return nil, false, errVisibility
		}
	}
	search := lower(c.p.get("search"))
	topics, _ := c.p.list("topic")
	idAfter, hasAfter, e := c.p.integer("id_after")
	if e != nil {
		return nil, false, e
	}
	idBefore, hasBefore, e := c.p.integer("id_before")
	if e != nil {
		return nil, false, e
	}
	if c.keyset() { // there id_after and id_before are the cursor
		hasAfter, hasBefore = false, false
	}
	needUser := bools["owned"] || bools["membership"] || bools["starred"]
	trivial = in == nil && !has["archived"] && !hasVis && search == "" && len(topics) == 0 &&
		!needUser && !hasAfter && !hasBefore
	pred = func(p *project) bool {
		if in != nil && !in(p) {
			return false
		}
		if needUser {
			if u == nil {
				return false
			}
			if bools["owned"] && p.creatorID != u.id && (p.ns == nil || p.ns.user != u) {
				return false
			}
			if bools["membership"] && !s.isProjectMember(u, p) {
				return false
			}
			if bools["starred"] && !p.starredBy[u.id] {
				return false
			}
		}
		if has["archived"] && p.archived != bools["archived"] {
			return false
		}
		if hasVis && p.vis != vis {
			return false
		}
		if (hasAfter && p.id <= idAfter) || (hasBefore && p.id >= idBefore) {
			return false
		}
		if search != "" && !strings.Contains(p.lname, search) && !strings.Contains(p.lfull, search) {
			return false
		}
		for _, t := range topics {
			found := false
			for _, pt := range p.topics {
				if strings.EqualFold(pt, t) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		return true
	}
	return pred, trivial, nil
}

// getProject: https://docs.gitlab.com/api/projects/#get-a-single-project
// (also reachable with a CI job token).
func (s *Server) getProject(c *call) *apiError {
	p, e := s.findProject(c, c.args[0])
	if e != nil {
		return e
	}
	return c.doc(http.StatusOK, &p.doc)
}

// projectIdentity are not settable through create/update parameters.
var projectIdentity = map[string]bool{
	"id": true, "name": true, "path": true, "path_with_namespace": true, "name_with_namespace": true,
	"created_at": true, "namespace": true, "owner": true, "_links": true, "web_url": true, "http_url_to_repo": true,
	"ssh_url_to_repo": true, "readme_url": true, "star_count": true, "forks_count": true, "creator_id": true,
	"empty_repo": true, "open_issues_count": true, "updated_at": true, "last_activity_at": true,
	"forked_from_project": true, "runners_token": true, "permissions": true, "visibility": true,
	"default_branch": true, "topics": true, "tag_list": true, "description": true, "archived": true,
	"namespace_id": true, "initialize_with_readme": true, "import_status": true,
}

// applyProjectSettings copies the remaining parameters onto existing scalar
// fields, converting to the field's JSON type; unknown parameters are ignored
// (gitlab-protocol.md section 4).
func applyProjectSettings(p *project, prm params) *apiError {
	for k := range prm {
		if reservedParams[k] || projectIdentity[k] || !plainKey(k) {
			continue
		}
		cur := gjson.GetBytes(p.doc.raw, k)
		if !cur.Exists() {
			continue
		}
		switch cur.Type {
		case gjson.True, gjson.False:
			v, _, e := prm.boolean(k)
			if e != nil {
				return e
			}
			p.set(k, v)
		case gjson.Number:
			v, _, e := prm.integer(k)
			if e != nil {
				return e
			}
			p.set(k, v)
		case gjson.String, gjson.Null:
			if str, ok := prm.str(k); ok {
				p.set(k, str)
			}
		}
	}
	return nil
}

func plainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		ch := k[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return k != ""
}

func projectTopics(prm params) ([]string, bool) {
	if t, ok := prm.list("topics"); ok {
		return t, true
	}
	return prm.list("tag_list")
}

// createProject: https://docs.gitlab.com/api/projects/#create-a-project
// (name or path required, 201, duplicates 400 with field errors).
func (s *Server) createProject(c *call) *apiError {
	if !c.p.has("name") && !c.p.has("path") {
		return atLeastOne("name", "path")
	}
	name, path := c.p.get("name"), c.p.get("path")
	if path == "" {
		path = parameterize(name)
	}
	if name == "" {
		name = path
	}
	if name == "" {
		return fieldErr("name", "can't be blank")
	}
	if path == "" {
		return fieldErr("path", "can't be blank")
	}
	ns := c.user.ns
	if v, ok := c.p.str("namespace_id"); ok && v != "" {
		ns = nil
		if isDigits(v) {
			ns = s.st.namespaces[atoi(v)]
		} else {
			ns = s.st.nsByPath[lower(v)]
		}
		if ns == nil || (ns.group != nil && !s.canReadGroup(c.user, ns.group)) {
			return notFound("Namespace")
		}
		if !c.user.admin && ns.user != c.user && (ns.group == nil || !s.canWriteGroup(c.user, ns.group)) {
			return errForbidden
		}
	}
	vis := visPrivate
	if v, ok := c.p.str("visibility"); ok {
		var valid bool
		if vis, valid = parseVis(v); !valid {
			return errVisibility
		}
	}
	readme, _, e := c.p.boolean("initialize_with_readme")
	if e != nil {
		return e
	}
	if n, pt := s.nameTaken(ns, name, path, nil); n || pt {
		return takenErr(n, pt)
	}
	topics, _ := projectTopics(c.p)
	creator := c.user
	p := s.newProject(projectOpts{name: name, path: path, description: c.p.get("description"), ns: ns,
		creator: creator, vis: vis, defaultBranch: c.p.get("default_branch"), topics: topics, readme: readme})
	if e := applyProjectSettings(p, c.p); e != nil {
		s.removeProject(p)
		return e
	}
	p.commit()
	return c.doc(http.StatusCreated, &p.doc)
}

// projectUpdatable is the at_least_one_of list reported when PUT has no
// parameter (https://docs.gitlab.com/api/projects/#edit-a-project).
var projectUpdatable = []string{"name", "path", "description", "default_branch", "visibility", "topics",
	"issues_enabled", "merge_requests_enabled", "wiki_enabled", "jobs_enabled", "snippets_enabled",
	"merge_method", "request_access_enabled", "lfs_enabled"}

// updateProject: https://docs.gitlab.com/api/projects/#edit-a-project (200
// with the full project).
func (s *Server) updateProject(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if len(c.p.fields("id")) == 0 {
		return atLeastOne(projectUpdatable...)
	}
	name, hasName := c.p.str("name")
	path, hasPath := c.p.str("path")
	if hasName && name == "" {
		return fieldErr("name", "can't be blank")
	}
	if !hasName {
		name = p.name
	}
	if !hasPath || path == "" {
		path = p.path
	}
	if p.ns != nil {
		if n, pt := s.nameTaken(p.ns, name, path, p); n || pt {
			return takenErr(n, pt)
		}
	} else if other := s.st.projectByPath[lower(p.nsPath+"/"+path)]; other != nil && other != p {
		return takenErr(false, true)
	}
	if v, ok := c.p.str("visibility"); ok {
		vis, valid := parseVis(v)
		if !valid {
			return errVisibility
		}
		p.vis = vis
		p.set("visibility", v)
	}
	if e := applyProjectSettings(p, c.p); e != nil {
		return e
	}
	if v, ok := c.p.str("description"); ok {
		p.set("description", v)
	}
	if v, ok := c.p.str("default_branch"); ok && v != "" {
		p.defaultBranch = v
		p.set("default_branch", v)
	}
	if t, ok := projectTopics(c.p); ok {
		p.topics = t
		p.set("topics", t)
		p.set("tag_list", t)
	}
	if hasName && name != p.name {
		p.setName(name)
		p.set("name", name)
		nsName := p.nsPath
		if p.ns != nil {
			nsName = p.ns.name
		}
		p.set("name_with_namespace", nsName+" / "+name)
	}
	now := s.nowTS()
	p.updatedAt = now
	p.set("updated_at", now)
	if path != p.path {
		s.renameProject(p, p.nsPath+"/"+path)
	}
	p.commit()
	return c.doc(http.StatusOK, &p.doc)
}

// deleteProject: https://docs.gitlab.com/api/projects/#delete-a-project (202
// {"message":"202 Accepted"}; owners and administrators only).
func (s *Server) deleteProject(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if !s.isProjectOwner(c.user, p) {
		return errForbidden
	}
	s.removeProject(p)
	return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
}

// starProject: https://docs.gitlab.com/api/projects/#star-a-project (201 with
// the project; 304 without body when already starred).
func (s *Server) starProject(c *call) *apiError {
	p, e := s.findProject(c, c.args[0])
	if e != nil {
		return e
	}
	if p.starredBy[c.user.id] {
		return c.notModified()
	}
	if p.starredBy == nil {
		p.starredBy = map[int]bool{}
	}
	p.starredBy[c.user.id] = true
	p.starCount++
	p.set("star_count", p.starCount)
	p.commit()
	return c.doc(http.StatusCreated, &p.doc)
}

// unstarProject: https://docs.gitlab.com/api/projects/#unstar-a-project (201
// with the project; 304 when it was not starred).
func (s *Server) unstarProject(c *call) *apiError {
	p, e := s.findProject(c, c.args[0])
	if e != nil {
		return e
	}
	if !p.starredBy[c.user.id] {
		return c.notModified()
	}
	delete(p.starredBy, c.user.id)
	p.starCount--
	p.set("star_count", p.starCount)
	p.commit()
	return c.doc(http.StatusCreated, &p.doc)
}

// forkProject: https://docs.gitlab.com/api/project_forks/#fork-a-project (201
// with forked_from_project; namespace_id, namespace_path, name, path).
func (s *Server) forkProject(c *call) *apiError {
	src, e := s.findProject(c, c.args[0])
	if e != nil {
		return e
	}
	ns := c.user.ns
	if v, ok := c.p.str("namespace_id"); ok && v != "" {
		ns = s.st.namespaces[atoi(v)]
	} else if v, ok := c.p.str("namespace_path"); ok && v != "" {
		ns = s.st.nsByPath[lower(v)]
	} else if v, ok := c.p.str("namespace"); ok && v != "" {
		if isDigits(v) {
			ns = s.st.namespaces[atoi(v)]
		} else {
			ns = s.st.nsByPath[lower(v)]
		}
	}
	if ns == nil || (ns.group != nil && !s.canReadGroup(c.user, ns.group)) {
		return notFound("Target Namespace")
	}
	if !c.user.admin && ns.user != c.user && (ns.group == nil || !s.canWriteGroup(c.user, ns.group)) {
		return errForbidden
	}
	name, path := src.name, src.path
	if v := c.p.get("name"); v != "" {
		name = v
	}
	if v := c.p.get("path"); v != "" {
		path = v
	}
	if n, pt := s.nameTaken(ns, name, path, nil); n || pt {
		m := takenErr(n, pt)
		m.status = http.StatusConflict
		return m
	}
	vis := src.vis
	if v, ok := c.p.str("visibility"); ok {
		var valid bool
		if vis, valid = parseVis(v); !valid {
			return errVisibility
		}
	}
	desc := gjson.GetBytes(src.doc.raw, "description").String()
	if v, ok := c.p.str("description"); ok {
		desc = v
	}
	fork := s.newProject(projectOpts{name: name, path: path, description: desc, ns: ns, creator: c.user,
		vis: vis, defaultBranch: src.defaultBranch, topics: src.topics, readme: !src.emptyRepo})
	if r := s.repoOf(src); r != nil {
		s.repoMu.Lock()
		fork.repo = r.clone()
		s.repoMu.Unlock()
	}
	fork.setRaw("forked_from_project", src.simpleDoc().raw)
	fork.set("empty_repo", src.emptyRepo)
	fork.commit()
	src.set("forks_count", gjson.GetBytes(src.doc.raw, "forks_count").Int()+1)
	src.commit()
	return c.doc(http.StatusCreated, &fork.doc)
}

// listForks: https://docs.gitlab.com/api/project_forks/#list-forks-of-a-project
// (the direct forks the caller can see, newest first as GitLab's default
// order_by=created_at, sort=desc).
func (s *Server) listForks(c *call) *apiError {
	p, e := s.findProject(c, c.args[0])
	if e != nil {
		return e
	}
	var forks []*project
	for i := len(s.st.projects) - 1; i >= 0; i-- {
		f := s.st.projects[i]
		if gjson.GetBytes(f.doc.raw, "forked_from_project.id").Int() == int64(p.id) && s.canReadProject(c.user, f) {
			forks = append(forks, f)
		}
	}
	return c.listDocs(len(forks), func(i int) *doc { return &forks[i].doc })
}
