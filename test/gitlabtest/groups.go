package gitlabtest

import (
	"net/http"
	"slices"
	"strings"
)

const (
	visPrivate uint8 = iota
	visInternal
	visPublic
)

var visNames = [...]string{"private", "internal", "public"}

func parseVis(s string) (uint8, bool) {
	for i, n := range visNames {
		if s == n {
			return uint8(i), true
		}
	}
	return 0, false
}

type group struct {
	id        int
	ns        *namespace
	parent    *group
	creatorID int
	vis       uint8
	obj       map[string]any
	doc       doc
}

// AddGroup creates a group owned by root and returns its id. visibility is
// "private", "internal" or "public" (default private). path may contain
// slashes to create a subgroup of an existing group. It panics on a taken
// path or a missing parent.
func (s *Server) AddGroup(name, path string, visibility string) int {
	s.lock()
	defer s.mu.Unlock()
	var parent *group
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		ns := s.st.nsByPath[lower(path[:i])]
		if ns == nil || ns.group == nil {
			panic("gitlabtest: AddGroup: no parent group " + path[:i])
		}
		parent, path = ns.group, path[i+1:]
	}
	vis, ok := parseVis(visibility)
	if !ok {
		vis = visPrivate
	}
	g, e := s.addGroup(name, path, "", vis, parent, 1)
	if e != nil {
		panic("gitlabtest: AddGroup: " + string(e.body))
	}
	return g.id
}

func (s *Server) addGroup(name, path, description string, vis uint8, parent *group, creator int) (*group, *apiError) {
	full := path
	if parent != nil {
		full = parent.ns.fullPath + "/" + path
	}
	if s.st.nsByPath[lower(full)] != nil {
		return nil, fieldErr("path", "has already been taken")
	}
	s.st.nextNS++
	g := &group{id: s.st.nextNS, parent: parent, creatorID: creator, vis: vis}
	g.ns = &namespace{id: g.id, name: name, path: path, fullPath: full, kind: "group", group: g}
	fullName := name
	if parent != nil {
		fullName = parent.obj["full_name"].(string) + " / " + name
	}
	// Field set of https://docs.gitlab.com/api/groups/#get-a-single-group.
	g.obj = map[string]any{
		"id": g.id, "web_url": urlMarker + "/groups/" + full, "name": name, "path": path,
		"description": description, "visibility": visNames[vis], "share_with_group_lock": false,
		"require_two_factor_authentication": false, "two_factor_grace_period": 48,
		"project_creation_level": "developer", "auto_devops_enabled": nil, "subgroup_creation_level": "maintainer",
		"emails_disabled": false, "emails_enabled": true, "mentions_disabled": nil, "lfs_enabled": true,
		"default_branch": nil, "default_branch_protection": 2, "avatar_url": nil, "request_access_enabled": true,
		"full_name": fullName, "full_path": full, "created_at": s.nowTS(), "parent_id": nil,
		"organization_id": 1, "shared_runners_setting": "enabled", "ldap_cn": nil, "ldap_access": nil,
		"marked_for_deletion_on": nil, "wiki_access_level": "enabled",
	}
	if parent != nil {
		g.obj["parent_id"] = parent.id
	}
	g.doc = marshalDoc(g.obj)
	s.st.groups = append(s.st.groups, g)
	s.st.groupByID[g.id] = g
	s.st.namespaces[g.id] = g.ns
	s.st.nsByPath[lower(full)] = g.ns
	s.addCreatorMember(nil, g, s.st.userByID[creator])
	return g, nil
}

// AddGroupMember makes an existing user a Developer of a group: they see its
// private projects and may write to them.
func (s *Server) AddGroupMember(groupID int, username string) {
	s.addMemberByName(true, groupID, username)
}

func (s *Server) canReadGroup(u *user, g *group) bool {
	switch {
	case g.vis == visPublic:
		return true
	case u == nil:
		return false
	case u.admin || g.vis == visInternal:
		return true
	}
	return s.groupLevel(u, g) > 0
}

// findGroup resolves an id or URL-encoded full path; invisible groups look
// absent (https://docs.gitlab.com/api/groups/#get-a-single-group).
func (s *Server) findGroup(c *call, id string) (*group, *apiError) {
	var g *group
	if isDigits(id) {
		g = s.st.groupByID[atoi(id)]
	} else if ns := s.st.nsByPath[lower(id)]; ns != nil {
		g = ns.group
	}
	if g == nil || !s.canReadGroup(c.user, g) {
		return nil, notFound("Group")
	}
	return g, nil
}

func (s *Server) registerGroupRoutes() {
	s.handle("GET /groups", s.listGroups)
	s.handle("GET /groups/{id}", s.getGroup)
	s.handle("POST /groups", s.createGroup, needAuth)
	s.handle("PUT /groups/{id}", s.updateGroup, needAuth)
	s.handle("DELETE /groups/{id}", s.deleteGroup, needAuth)
	s.handle("GET /groups/{id}/projects", s.listGroupProjects)
}

var groupOrders = []string{"name", "path", "id", "similarity"}

// listGroups: https://docs.gitlab.com/api/groups/#list-groups (order_by name,
// sort asc by default).
func (s *Server) listGroups(c *call) *apiError {
	order, dir, e := c.orderParams(groupOrders, "name", "asc")
	if e != nil {
		return e
	}
	search := lower(c.p.get("search"))
	owned, _, e := c.p.boolean("owned")
	if e != nil {
		return e
	}
	topOnly, _, e := c.p.boolean("top_level_only")
	if e != nil {
		return e
	}
	vis, hasVis := c.p.str("visibility")
	var list []*group
	for _, g := range s.st.groups {
		if !s.canReadGroup(c.user, g) || (topOnly && g.parent != nil) || (hasVis && visNames[g.vis] != vis) {
			continue
		}
		if owned && (c.user == nil || g.creatorID != c.user.id) {
			continue
		}
		if search != "" && !strings.Contains(lower(g.ns.name), search) && !strings.Contains(lower(g.ns.fullPath), search) {
			continue
		}
		list = append(list, g)
	}
	key := func(g *group) string {
		switch order {
		case "path":
			return lower(g.ns.fullPath)
		case "id":
			return ""
		}
		return lower(g.ns.name)
	}
	sortByKey(list, key, func(g *group) int { return g.id })
	if dir == "desc" {
		slices.Reverse(list)
	}
	return c.listDocs(len(list), func(i int) *doc { return &list[i].doc })
}

// getGroup: https://docs.gitlab.com/api/groups/#get-a-single-group.
func (s *Server) getGroup(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	return c.doc(http.StatusOK, &g.doc)
}

// createGroup: https://docs.gitlab.com/api/groups/#create-a-group (name and
// path required).
func (s *Server) createGroup(c *call) *apiError {
	if e := c.p.require("name", "path"); e != nil {
		return e
	}
	name, path := c.p.get("name"), c.p.get("path")
	if name == "" {
		return fieldErr("name", "can't be blank")
	}
	if path == "" {
		return fieldErr("path", "can't be blank")
	}
	vis := visPrivate
	if v, ok := c.p.str("visibility"); ok {
		if vis, ok = parseVis(v); !ok {
			return errVisibility
		}
	}
	var parent *group
	if pid, ok, e := c.p.integer("parent_id"); e != nil {
		return e
	} else if ok {
		parent = s.st.groupByID[pid]
		if parent == nil || !s.canReadGroup(c.user, parent) {
			return notFound("Parent Group")
		}
		if !s.canWriteGroup(c.user, parent) {
			return errForbidden
		}
	}
	g, e := s.addGroup(name, path, c.p.get("description"), vis, parent, c.user.id)
	if e != nil {
		return e
	}
	return c.doc(http.StatusCreated, &g.doc)
}

// updateGroup: https://docs.gitlab.com/api/groups/#update-group-attributes.
func (s *Server) updateGroup(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !s.canWriteGroup(c.user, g) {
		return errForbidden
	}
	if v, ok := c.p.str("visibility"); ok {
		vis, ok := parseVis(v)
		if !ok {
			return errVisibility
		}
		g.vis = vis
		g.obj["visibility"] = v
	}
	if name, ok := c.p.str("name"); ok && name != "" {
		g.ns.name = name
		g.obj["name"] = name
		g.obj["full_name"] = name
		if g.parent != nil {
			g.obj["full_name"] = g.parent.obj["full_name"].(string) + " / " + name
		}
	}
	if e := applySettable(g.obj, c.p, []string{"description", "request_access_enabled", "lfs_enabled",
		"share_with_group_lock", "require_two_factor_authentication", "project_creation_level",
		"subgroup_creation_level", "default_branch", "emails_enabled", "mentions_disabled"}); e != nil {
		return e
	}
	if path, ok := c.p.str("path"); ok && path != "" && path != g.ns.path {
		full := path
		if g.parent != nil {
			full = g.parent.ns.fullPath + "/" + path
		}
		if s.st.nsByPath[lower(full)] != nil {
			return fieldErr("path", "has already been taken")
		}
		g.ns.path = path
		g.obj["path"] = path
		s.moveGroup(g)
	}
	g.doc = marshalDoc(g.obj)
	return c.doc(http.StatusOK, &g.doc)
}

// moveGroup recomputes the full paths of a group, its subgroups and their
// projects after a path change.
func (s *Server) moveGroup(g *group) {
	delete(s.st.nsByPath, lower(g.ns.fullPath))
	full := g.ns.path
	if g.parent != nil {
		full = g.parent.ns.fullPath + "/" + g.ns.path
	}
	g.ns.fullPath = full
	g.obj["full_path"] = full
	g.obj["web_url"] = urlMarker + "/groups/" + full
	g.doc = marshalDoc(g.obj)
	s.st.nsByPath[lower(full)] = g.ns
	for _, p := range s.st.projects {
		if p.ns == g.ns {
			s.renameProject(p, full+"/"+p.path)
		}
	}
	for _, child := range s.st.groups {
		if child.parent == g {
			s.moveGroup(child)
		}
	}
}

// deleteGroup: https://docs.gitlab.com/api/groups/#delete-a-group (202
// Accepted, deletion is scheduled; here it is immediate).
func (s *Server) deleteGroup(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !c.user.admin && g.creatorID != c.user.id {
		return errForbidden
	}
	for _, child := range s.st.groups {
		if child.parent == g {
			return msgErr(400, "400 Bad request - Group has subgroups")
		}
	}
	for i, x := range s.st.groups {
		if x == g {
			s.st.groups = append(s.st.groups[:i], s.st.groups[i+1:]...)
			break
		}
	}
	delete(s.st.groupByID, g.id)
	delete(s.st.namespaces, g.id)
	delete(s.st.nsByPath, lower(g.ns.fullPath))
	for _, p := range append([]*project(nil), s.st.projects...) {
		if p.ns == g.ns {
			s.removeProject(p)
		}
	}
	return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
}

// listGroupProjects: https://docs.gitlab.com/api/groups/#list-projects (same
// filters, ordering and pagination as GET /projects).
func (s *Server) listGroupProjects(c *call) *apiError {
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	sub, _, e := c.p.boolean("include_subgroups")
	if e != nil {
		return e
	}
	return s.listProjectsIn(c, g.holds(sub))
}

// holds tells the group's projects: those in its namespace and, with
// subgroups, those in its descendants' namespaces.
func (g *group) holds(subgroups bool) func(*project) bool {
	return func(p *project) bool {
		if p.ns == g.ns {
			return true
		}
		return subgroups && p.ns != nil && strings.HasPrefix(lower(p.ns.fullPath), lower(g.ns.fullPath)+"/")
	}
}
