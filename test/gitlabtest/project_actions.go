package gitlabtest

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

// Project and group actions (https://docs.gitlab.com/api/projects/,
// https://docs.gitlab.com/api/groups/): transfers to another namespace or
// parent (paths change; a project's old path redirects, as renames do),
// archive and unarchive, restore, sharing with groups (shared_with_groups),
// fork relations, housekeeping, pull mirroring, LDAP sync. Searches are in
// search.go, exports and imports in import_export.go, the CI linter in
// lint.go, Markdown in markdown.go.

func (s *Server) registerProjectActionRoutes() {
	const p = "/projects/{id}/"
	s.handle("PUT "+p+"transfer", s.transferProject, needAuth)
	s.handle("POST "+p+"archive", func(c *call) *apiError { return s.archiveProject(c, true) }, needAuth)
	s.handle("POST "+p+"unarchive", func(c *call) *apiError { return s.archiveProject(c, false) }, needAuth)
	s.handle("POST "+p+"restore", s.restoreProject, needAuth)
	s.handle("POST "+p+"fork/{forked_from_id}", s.createForkRelation, needAuth)
	s.handle("DELETE "+p+"fork", s.deleteForkRelation, needAuth)
	s.handle("POST "+p+"housekeeping", s.housekeeping, needAuth)
	s.handle("POST "+p+"mirror/pull", s.startPullMirror, needAuth)
	s.handle("GET "+p+"mirror/pull", s.pullMirrorDetails, needAuth)
	const g = "/groups/{id}/"
	s.handle("POST "+g+"transfer", s.transferGroup, needAuth)
	s.handle("POST "+g+"projects/{project_id}", s.transferProjectToGroup, needAuth)
	for _, kind := range []string{"projects", "groups"} {
		s.handle("POST /"+kind+"/{id}/share", func(c *call) *apiError { return s.share(c, kind) }, needAuth)
		s.handle("DELETE /"+kind+"/{id}/share/{group_id}", func(c *call) *apiError { return s.unshare(c, kind) }, needAuth)
	}
	s.handle("POST "+g+"restore", s.restoreGroup, needAuth)
	s.handle("POST "+g+"ldap_sync", s.ldapSync, needAuth)
	s.registerSearchRoutes()
	s.registerImportExportRoutes()
	s.registerLintRoutes()
	s.registerMarkdownRoutes()
}

// ownedProject resolves the project of the path for an owner's action:
// 404 when invisible, 403 for others.
func (s *Server) ownedProject(c *call) (*project, *apiError) {
	p, e := s.projectFor(c, false)
	if e != nil {
		return nil, e
	}
	if !s.isProjectOwner(c.user, p) {
		return nil, errForbidden
	}
	return p, nil
}

// transferFailed is the 400 of a refused project transfer: GitLab writes
// the project's errors as a Ruby hash
// (https://docs.gitlab.com/api/projects/#transfer-a-project-to-a-new-namespace).
func transferFailed(msg string) *apiError {
	return msgErr(http.StatusBadRequest, `Failed to transfer project {:new_namespace=>["`+msg+`"]}`)
}

// moveProject moves p into ns, keeping its path: path_with_namespace,
// namespace, owner and the URLs follow, and the old path redirects.
func (s *Server) moveProject(p *project, ns *namespace) *apiError {
	if ns == p.ns {
		return transferFailed("Please select a new namespace for your project.")
	}
	if n, pt := s.nameTaken(ns, p.name, p.path, p); n || pt {
		return transferFailed("Project with same name or path in target namespace already exists")
	}
	p.ns = ns
	s.renameProject(p, ns.fullPath+"/"+p.path)
	p.set("name_with_namespace", ns.name+" / "+p.name)
	if ns.user != nil {
		p.setRaw("owner", ns.user.basicJSON())
	} else {
		unset(p, "owner") // group projects have no owner
	}
	p.set("container_registry_image_prefix", "registry."+hostMarker+"/"+p.fullPath)
	p.commit()
	return nil
}

// findNamespace resolves a namespace id or full path the caller may create
// projects in.
func (s *Server) findNamespace(c *call, v string) (*namespace, *apiError) {
	var ns *namespace
	if isDigits(v) {
		ns = s.st.namespaces[atoi(v)]
	} else {
		ns = s.st.nsByPath[lower(v)]
	}
	if ns == nil || (ns.group != nil && !s.canReadGroup(c.user, ns.group)) {
		return nil, notFound("Namespace")
	}
	if !c.user.admin && ns.user != c.user && (ns.group == nil || !c.s.canWriteGroup(c.user, ns.group)) {
		return nil, transferFailed("You don't have permission to transfer this project to that namespace.")
	}
	return ns, nil
}

// transferProject: https://docs.gitlab.com/api/projects/#transfer-a-project-to-a-new-namespace
// (to_namespace: an id or path; owners only; 200 with the moved project).
func (s *Server) transferProject(c *call) *apiError {
	if e := c.p.require("to_namespace"); e != nil {
		return e
	}
	p, e := s.ownedProject(c)
	if e != nil {
		return e
	}
	ns, e := s.findNamespace(c, c.p.get("to_namespace"))
	if e != nil {
		return e
	}
	if e := s.moveProject(p, ns); e != nil {
		return e
	}
	return c.doc(http.StatusOK, &p.doc)
}

// transferProjectToGroup: https://docs.gitlab.com/api/groups/#transfer-a-project-to-a-group
// (201 with the group).
func (s *Server) transferProjectToGroup(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !c.s.canWriteGroup(c.user, g) {
		return errForbidden
	}
	p, e := s.findProject(c, c.args[1])
	if e != nil {
		return e
	}
	if !s.isProjectOwner(c.user, p) {
		return errForbidden
	}
	if e := s.moveProject(p, g.ns); e != nil {
		return e
	}
	return c.doc(http.StatusCreated, &g.doc)
}

// archiveProject: https://docs.gitlab.com/api/projects/#archive-a-project
// and #unarchive-a-project (201 with the project; idempotent; owners and
// maintainers). An archived project's repository is read-only.
func (s *Server) archiveProject(c *call, on bool) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	p.archived = on
	p.set("archived", on)
	p.commit()
	return c.doc(http.StatusCreated, &p.doc)
}

// restoreProject: https://docs.gitlab.com/api/projects/#restore-a-project-marked-for-deletion
// (201 with the project, no longer marked for deletion and unarchived).
func (s *Server) restoreProject(c *call) *apiError {
	p, e := s.ownedProject(c)
	if e != nil {
		return e
	}
	p.archived = false
	p.set("archived", false)
	p.set("marked_for_deletion_on", nil)
	p.set("marked_for_deletion_at", nil)
	p.commit()
	return c.doc(http.StatusCreated, &p.doc)
}

// groupLink is a project or group shared with a group.
type groupLink struct {
	group   *group
	access  int
	expires any
}

func (l groupLink) json() map[string]any {
	return map[string]any{"group_id": l.group.id, "group_name": l.group.ns.name, "group_full_path": l.group.ns.fullPath,
		"group_access_level": l.access, "expires_at": l.expires}
}

func linksJSON(links []groupLink) []any {
	out := []any{}
	for _, l := range links {
		out = append(out, l.json())
	}
	return out
}

// accessLevels are the valid group_access values
// (https://docs.gitlab.com/api/members/#roles).
var accessLevels = []int{10, 15, 20, 30, 40, 50}

// shareParams reads group_id, group_access and expires_at of a share.
func (s *Server) shareParams(c *call) (groupLink, *apiError) {
	if e := c.p.require("group_id", "group_access"); e != nil {
		return groupLink{}, e
	}
	access, _, e := c.p.integer("group_access")
	if e != nil || !slices.Contains(accessLevels, access) {
		return groupLink{}, errErr(http.StatusBadRequest, "group_access does not have a valid value")
	}
	g, e := s.findGroup(c, c.p.get("group_id"))
	if e != nil {
		return groupLink{}, e
	}
	l := groupLink{group: g, access: access}
	if v := c.p.get("expires_at"); v != "" {
		l.expires = v
	}
	return l, nil
}

// addLink adds a share to links, once per group.
func addLink(links []groupLink, l groupLink) ([]groupLink, *apiError) {
	for _, x := range links {
		if x.group == l.group {
			return nil, msgErr(http.StatusConflict, "Group already shared with this group")
		}
	}
	return append(links, l), nil
}

// dropLink removes the share with the group named by the path.
func dropLink(links []groupLink, id string) ([]groupLink, bool) {
	n := len(links)
	links = slices.DeleteFunc(links, func(l groupLink) bool { return strconv.Itoa(l.group.id) == id })
	return links, len(links) < n
}

// shareTarget is the project or group of a share or unshare.
type shareTarget struct {
	links   map[int][]groupLink // the shares of its kind, by id
	id      int
	save    func(links []groupLink) // writes shared_with_groups
	created func(l groupLink) *apiError
}

// shareTargetOf resolves the project (maintainers) or group (owners) of
// the path.
func (s *Server) shareTargetOf(c *call, kind string) (*shareTarget, *apiError) {
	st := &s.st.act
	if st.projectShares == nil {
		st.projectShares, st.groupShares = map[int][]groupLink{}, map[int][]groupLink{}
	}
	if kind == "projects" {
		p, e := s.projectFor(c, true)
		if e != nil {
			return nil, e
		}
		return &shareTarget{links: st.projectShares, id: p.id,
			save: func(links []groupLink) {
				p.setRaw("shared_with_groups", marshal(linksJSON(links)))
				p.commit()
			},
			created: func(l groupLink) *apiError {
				st.nextLink++
				return c.value(http.StatusCreated, map[string]any{"id": st.nextLink, "project_id": p.id, "group_id": l.group.id,
					"group_access": l.access, "expires_at": l.expires})
			}}, nil
	}
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return nil, e
	}
	if !c.s.canWriteGroup(c.user, g) {
		return nil, errForbidden
	}
	return &shareTarget{links: st.groupShares, id: g.id,
		save: func(links []groupLink) {
			g.obj["shared_with_groups"] = linksJSON(links)
			g.doc = marshalDoc(g.obj)
		},
		created: func(groupLink) *apiError { return c.doc(http.StatusCreated, &g.doc) }}, nil
}

// share: https://docs.gitlab.com/api/projects/#share-a-project-with-a-group
// (201 with the link) and https://docs.gitlab.com/api/groups/#share-groups-with-groups
// (201 with the group); either lists the group in shared_with_groups; 409
// when shared already.
func (s *Server) share(c *call, kind string) *apiError {
	t, e := s.shareTargetOf(c, kind)
	if e != nil {
		return e
	}
	l, e := s.shareParams(c)
	if e != nil {
		return e
	}
	links, e := addLink(t.links[t.id], l)
	if e != nil {
		return e
	}
	t.links[t.id] = links
	t.save(links)
	return t.created(l)
}

// unshare: https://docs.gitlab.com/api/projects/#delete-a-shared-project-link-in-a-group
// and https://docs.gitlab.com/api/groups/#delete-the-link-that-shares-a-group-with-another-group
// (204; 404 when not shared).
func (s *Server) unshare(c *call, kind string) *apiError {
	t, e := s.shareTargetOf(c, kind)
	if e != nil {
		return e
	}
	links, ok := dropLink(t.links[t.id], c.args[1])
	if !ok {
		return errNotFoundPlain
	}
	t.links[t.id] = links
	t.save(links)
	return c.noContent()
}

// createForkRelation: https://docs.gitlab.com/api/project_forks/#create-a-fork-relationship-between-projects
// (201 with the project, forked_from_project set; 409 when it is a fork
// already; owners and administrators).
func (s *Server) createForkRelation(c *call) *apiError {
	p, e := s.ownedProject(c)
	if e != nil {
		return e
	}
	src, e := s.findProject(c, c.args[1])
	if e != nil {
		return e
	}
	if gjson.GetBytes(p.doc.raw, "forked_from_project").Exists() {
		return msgErr(http.StatusConflict, "Project already forked")
	}
	if src == p {
		return msgErr(http.StatusBadRequest, "Project cannot be forked from itself")
	}
	p.setRaw("forked_from_project", src.simpleDoc().raw)
	p.commit()
	src.set("forks_count", gjson.GetBytes(src.doc.raw, "forks_count").Int()+1)
	src.commit()
	return c.doc(http.StatusCreated, &p.doc)
}

// deleteForkRelation: https://docs.gitlab.com/api/project_forks/#delete-a-fork-relationship-between-projects
// (204; 304 when the project is no fork).
func (s *Server) deleteForkRelation(c *call) *apiError {
	p, e := s.ownedProject(c)
	if e != nil {
		return e
	}
	from := gjson.GetBytes(p.doc.raw, "forked_from_project")
	if !from.Exists() {
		return c.notModified()
	}
	unset(p, "forked_from_project")
	p.commit()
	if src := s.st.projectByID[int(from.Get("id").Int())]; src != nil {
		src.set("forks_count", max(0, gjson.GetBytes(src.doc.raw, "forks_count").Int()-1))
		src.commit()
	}
	return c.noContent()
}

// housekeeping: https://docs.gitlab.com/api/projects/#start-the-housekeeping-task-for-a-project
// (201; task eager or prune; maintainers).
func (s *Server) housekeeping(c *call) *apiError {
	if _, e := s.projectFor(c, true); e != nil {
		return e
	}
	if t := c.p.get("task"); t != "" && t != "eager" && t != "prune" {
		return errErr(http.StatusBadRequest, "task does not have a valid value")
	}
	return c.json(http.StatusCreated, []byte("null"))
}

// pullMirror is the project's pull mirror configuration in the generic
// store (project_pull_mirror), nil when none is.
func (s *Server) pullMirror(p *project) *item {
	items := s.storeItems("project_pull_mirror", strconv.Itoa(p.id))
	if len(items) == 0 || items[0].obj["enabled"] == false {
		return nil
	}
	return items[0]
}

// pullMirrorDetails: https://docs.gitlab.com/api/project_pull_mirroring/#get-a-projects-pull-mirror-details
// (maintainers; the configuration's url and the last update).
func (s *Server) pullMirrorDetails(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	m := s.pullMirror(p)
	if m == nil {
		return errNotFoundPlain
	}
	last := s.st.act.mirrorUpdates[p.id]
	status := "none"
	if last != "" {
		status = "finished"
	}
	out := map[string]any{"id": p.id, "url": m.obj["url"], "update_status": status, "last_error": nil,
		"last_update_at": nilIfEmpty(last), "last_update_started_at": nilIfEmpty(last), "last_successful_update_at": nilIfEmpty(last)}
	for k, v := range m.obj {
		if _, ok := out[k]; !ok && k != "project_id" {
			out[k] = v
		}
	}
	return c.value(http.StatusOK, out)
}

// startPullMirror: https://docs.gitlab.com/api/project_pull_mirroring/#start-the-pull-mirroring-process-for-a-project
// (200; the update happens at once; 400 for a project that is not a
// mirror).
func (s *Server) startPullMirror(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if s.pullMirror(p) == nil {
		return msgErr(http.StatusBadRequest, "The project is not mirrored")
	}
	if s.st.act.mirrorUpdates == nil {
		s.st.act.mirrorUpdates = map[int]string{}
	}
	s.st.act.mirrorUpdates[p.id] = s.nowTS()
	c.status = http.StatusOK
	return nil
}

// transferGroup: https://docs.gitlab.com/api/groups/#transfer-a-group
// (group_id: the new parent, none for the top level; 201 with the group;
// its subgroups and projects move with it).
func (s *Server) transferGroup(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !c.user.admin && g.creatorID != c.user.id {
		return errForbidden
	}
	var parent *group
	if v := c.p.get("group_id"); v != "" {
		if parent, e = s.findGroup(c, v); e != nil {
			return e
		}
		if !c.s.canWriteGroup(c.user, parent) {
			return errForbidden
		}
	}
	fail := func(why string) *apiError { return msgErr(http.StatusBadRequest, "Transfer failed: "+why) }
	switch {
	case parent == nil && g.parent == nil:
		return fail("Group is already a root group.")
	case parent != nil && parent == g.parent:
		return fail("Group is already associated to the parent group.")
	}
	for x := parent; x != nil; x = x.parent {
		if x == g {
			return fail("Cannot transfer group to one of its subgroup.")
		}
	}
	full := g.ns.path
	if parent != nil {
		full = parent.ns.fullPath + "/" + g.ns.path
	}
	if s.st.nsByPath[lower(full)] != nil {
		return fail("The parent group already has a subgroup or a project with the same path.")
	}
	g.parent = nil
	g.obj["parent_id"], g.obj["full_name"] = nil, g.ns.name
	if parent != nil {
		g.parent = parent
		g.obj["parent_id"] = parent.id
		g.obj["full_name"] = parent.obj["full_name"].(string) + " / " + g.ns.name
	}
	s.moveGroup(g)
	return c.doc(http.StatusCreated, &g.doc)
}

// restoreGroup: https://docs.gitlab.com/api/groups/#restore-a-group-marked-for-deletion
// (201 with the group, no longer marked for deletion).
func (s *Server) restoreGroup(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !c.user.admin && g.creatorID != c.user.id {
		return errForbidden
	}
	g.obj["marked_for_deletion_on"] = nil
	g.doc = marshalDoc(g.obj)
	return c.doc(http.StatusCreated, &g.doc)
}

// ldapSync: https://docs.gitlab.com/api/groups/#sync-group-with-ldap
// (202; group owners and administrators).
func (s *Server) ldapSync(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !c.user.admin && g.creatorID != c.user.id {
		return errForbidden
	}
	c.status = http.StatusAccepted
	return nil
}

// unset removes a top-level field of a project's JSON; call commit after.
func unset(p *project, key string) {
	if raw, err := sjson.DeleteBytes(p.doc.raw, key); err == nil {
		p.doc.raw = raw
	}
}
