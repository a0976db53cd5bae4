package gitlabtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Members of projects and groups, with their access levels, are the
// fake's access model: a user's access to a project is the highest of
// their direct membership, their memberships of the project's group and its
// ancestors, and ownership of the personal namespace; reads need a
// membership (Guest or more), the store's default writes Developer or more.
// Creating a project or group stores its creator's membership.

// Access levels (https://docs.gitlab.com/api/members/#roles).
const (
	levelMinimal    = 5
	levelGuest      = 10
	levelReporter   = 20
	levelDeveloper  = 30
	levelMaintainer = 40
	levelOwner      = 50
)

var levelNames = map[int]string{levelMinimal: "Minimal Access", levelGuest: "Guest", levelReporter: "Reporter",
	levelDeveloper: "Developer", levelMaintainer: "Maintainer", levelOwner: "Owner"}

// validLevel: projects take Guest to Owner, groups Minimal Access too
// (https://docs.gitlab.com/api/members/#roles).
func validLevel(level int, group bool) bool {
	return levelNames[level] != "" && (group || level != levelMinimal)
}

func memberSpec(group bool) string {
	if group {
		return "group_member"
	}
	return "project_member"
}

func (s *Server) memberColl(group bool, id int) *coll {
	return s.storeColl(memberSpec(group), strconv.Itoa(id))
}

// memberLevel is a membership's access level: 0 for none, or once the day
// of its expires_at has passed.
func (s *Server) memberLevel(it *item) int {
	if it == nil {
		return 0
	}
	if exp, _ := it.obj["expires_at"].(string); exp != "" && exp < date(s.now()) {
		return 0
	}
	n, _ := intOf(it.obj["access_level"])
	return n
}

func (s *Server) directLevel(group bool, id int, u *user) int {
	col := s.memberColl(group, id)
	if col == nil {
		return 0
	}
	return s.memberLevel(col.byKey[strconv.Itoa(u.id)])
}

// groupLevel is u's access to g: the highest of its memberships of g and of
// g's ancestors.
func (s *Server) groupLevel(u *user, g *group) int {
	lvl := 0
	if u == nil {
		return 0
	}
	for ; g != nil; g = g.parent {
		lvl = max(lvl, s.directLevel(true, g.id, u))
	}
	return lvl
}

// projectLevel is u's access to p: its direct membership, the owner of the
// personal namespace (Owner), the memberships of the namespace's group and
// its ancestors. Projects loaded in bulk have no members: their creator is
// a Maintainer.
func (s *Server) projectLevel(u *user, p *project) int {
	if u == nil {
		return 0
	}
	lvl := 0
	if col := s.memberColl(false, p.id); col != nil {
		lvl = s.memberLevel(col.byKey[strconv.Itoa(u.id)])
	} else if p.creatorID == u.id {
		lvl = levelMaintainer
	}
	if p.ns != nil {
		if p.ns.user == u {
			lvl = max(lvl, levelOwner)
		}
		if p.ns.group != nil {
			lvl = max(lvl, s.groupLevel(u, p.ns.group))
		}
	}
	return lvl
}

func (s *Server) canWriteGroup(u *user, g *group) bool {
	return u != nil && (u.admin || s.groupLevel(u, g) >= levelDeveloper)
}

// callerLevel is the caller's access to the scope's project or group;
// administrators count as owners.
func (c *call) callerLevel(sc *scope) int {
	if c.user != nil && c.user.admin {
		return levelOwner
	}
	return c.s.scopeLevel(c.user, sc)
}

// scopeLevel is u's access to the scope's project or group.
func (s *Server) scopeLevel(u *user, sc *scope) int {
	switch {
	case u == nil:
		return 0
	case sc.project != nil:
		return s.projectLevel(u, sc.project)
	case sc.group != nil:
		return s.groupLevel(u, sc.group)
	}
	return 0
}

// memberObj is a member as GitLab shows it
// (https://docs.gitlab.com/api/members/#get-a-member-of-a-group-or-project).
func (s *Server) memberObj(u *user, level int, expires any, by *user) map[string]any {
	obj := userFields(u)
	var creator any
	if by != nil {
		creator = by.basicJSON()
	}
	obj["access_level"], obj["created_at"], obj["created_by"], obj["expires_at"] = level, s.nowTS(), creator, expires
	obj["group_saml_identity"], obj["membership_state"] = nil, "active"
	return obj
}

// putMember stores (or replaces) a direct membership without checks: the
// creator's, an approved access request's, AddProjectMember's.
func (s *Server) putMember(group bool, id int, u *user, level int, expires any, by *user) *item {
	key := storeKey(memberSpec(group), strconv.Itoa(id))
	col := s.st.colls[key]
	if col == nil {
		col = newColl()
		s.st.colls[key] = col
	}
	obj := s.memberObj(u, level, expires, by)
	if group {
		obj["group_id"] = id
	} else {
		obj["project_id"] = id
	}
	obj["updated_at"] = obj["created_at"]
	it := &item{key: strconv.Itoa(u.id), id: u.id, obj: obj, ext: by}
	it.render()
	col.remove(it.key)
	col.add(it)
	return it
}

// addCreatorMember: the creator of a group is its Owner, the owner of a
// personal namespace the Owner of its projects, and the creator of a
// project in a group its Maintainer unless the group gives them as much
// (https://docs.gitlab.com/user/permissions/).
func (s *Server) addCreatorMember(p *project, g *group, creator *user) {
	switch {
	case creator == nil:
	case g != nil:
		s.putMember(true, g.id, creator, levelOwner, nil, creator)
	case p.ns != nil && p.ns.user != nil:
		s.putMember(false, p.id, p.ns.user, levelOwner, nil, creator)
	case p.ns != nil && p.ns.group != nil && s.groupLevel(creator, p.ns.group) < levelMaintainer:
		s.putMember(false, p.id, creator, levelMaintainer, nil, creator)
	default: // members are stored from now on
		s.st.colls[storeKey("project_member", strconv.Itoa(p.id))] = newColl()
	}
}

func (s *Server) addMemberByName(group bool, id int, username string) {
	s.lock()
	defer s.mu.Unlock()
	u := s.st.userByName[lower(username)]
	ok := u != nil
	if group {
		ok = ok && s.st.groupByID[id] != nil
	} else {
		ok = ok && s.st.projectByID[id] != nil
	}
	if !ok {
		panic("gitlabtest: unknown user " + username + " or " + strings.TrimSuffix(memberSpec(group), "_member") + " " + strconv.Itoa(id))
	}
	s.putMember(group, id, u, levelDeveloper, nil, s.st.userByID[1])
}

// ancestors are the groups a project's or group's members inherit from.
func ancestors(sc *scope) *group {
	if sc.group != nil {
		return sc.group.parent
	}
	if sc.project != nil && sc.project.ns != nil {
		return sc.project.ns.group
	}
	return nil
}

// levelParam validates the access level of a new or changed membership of
// u: one of the roles, and no lower than what u inherits
// (https://docs.gitlab.com/api/members/#add-a-member-to-a-group-or-project).
func (c *call) levelParam(sc *scope, u *user, def int) (int, *apiError) {
	level := def
	if v, ok := c.p["access_level"]; ok || def == 0 {
		n, ok := intOf(v)
		if !ok {
			return 0, invalid("access_level")
		}
		level = n
	}
	if !validLevel(level, sc.group != nil) {
		return 0, fieldErr("access_level", "is not included in the list")
	}
	if u == nil {
		return level, nil
	}
	for g := ancestors(sc); g != nil; g = g.parent {
		if l := c.s.directLevel(true, g.id, u); l > level {
			return 0, fieldErr("access_level", "should be greater than or equal to "+levelNames[l]+
				" inherited membership from group "+g.ns.name)
		}
	}
	return level, nil
}

// expiresParam: a date, not in the past.
func (c *call) expiresParam() (any, bool, *apiError) {
	if _, ok := c.p["expires_at"]; !ok {
		return nil, false, nil
	}
	d, e := dateParam(c.p, "expires_at")
	if e != nil {
		return nil, false, e
	}
	if s, _ := d.(string); s != "" && s < date(c.s.now()) {
		return nil, false, fieldErr("expires_at", "cannot be a date in the past")
	}
	return d, true, nil
}

// canManageMembers: Maintainers manage members, Owners (and
// administrators) the Owners too; a member may leave
// (https://docs.gitlab.com/user/permissions/#members).
func (c *call) canManageMembers(sc *scope, it *item) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	lvl := c.callerLevel(sc)
	if it != nil && c.r.Method == http.MethodDelete && it.key == strconv.Itoa(c.user.id) && lvl > 0 {
		return nil
	}
	if lvl < levelMaintainer {
		return errForbidden
	}
	next, _ := intOf(c.p["access_level"])
	if lvl < levelOwner && (next == levelOwner || c.s.memberLevel(it) == levelOwner) {
		return errForbidden
	}
	return nil
}

// lastOwner: a group keeps at least one Owner, its own or inherited.
func (s *Server) lastOwner(sc *scope, it *item) bool {
	if sc.group == nil || s.memberLevel(it) != levelOwner {
		return false
	}
	owners := map[string]bool{}
	for g := sc.group; g != nil; g = g.parent {
		if col := s.memberColl(true, g.id); col != nil {
			for _, m := range col.items {
				if s.memberLevel(m) == levelOwner {
					owners[m.key] = true
				}
			}
		}
	}
	return len(owners) == 1
}

// memberFilter applies the list filters of members: query (name or
// username), user_ids and skip_users
// (https://docs.gitlab.com/api/members/#list-all-members-of-a-group-or-project).
func memberFilter(c *call, items []*item) []*item {
	query := lower(c.p.get("query"))
	ids, hasIDs := c.p.list("user_ids")
	skip, _ := c.p.list("skip_users")
	var out []*item
	for _, it := range items {
		if query != "" && !strings.Contains(lower(it.str("username")), query) && !strings.Contains(lower(it.str("name")), query) {
			continue
		}
		if (hasIDs && !slices.Contains(ids, it.key)) || slices.Contains(skip, it.key) {
			continue
		}
		out = append(out, it)
	}
	return out
}

// memberHooks: https://docs.gitlab.com/api/members/ (add by user_id or
// username, 404 for an unknown user, 409 when already a member; edit the
// access level and expires_at; remove).
func memberHooks() *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: func(c *call, sc *scope, it *item) *apiError { return c.canManageMembers(sc, it) },
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			var u *user
			if v := anyString(obj["user_id"]); v != "" {
				if isDigits(v) {
					u = c.s.st.userByID[atoi(v)]
				}
			} else {
				u = c.s.st.userByName[lower(anyString(obj["username"]))]
			}
			if u == nil {
				return notFound("User")
			}
			level, e := c.levelParam(sc, u, 0)
			if e != nil {
				return e
			}
			expires, _, e := c.expiresParam()
			if e != nil {
				return e
			}
			m := c.s.memberObj(u, level, expires, c.user)
			for _, ph := range []string{"project_id", "group_id"} {
				if v, ok := obj[ph]; ok {
					m[ph] = v
				}
			}
			m["updated_at"] = m["created_at"]
			clear(obj)
			for k, v := range m {
				obj[k] = v
			}
			return nil
		},
		dup: func(string) *apiError { return msgErr(http.StatusConflict, "Member already exists") },
		update: func(c *call, sc *scope, it *item, _ map[string]any) *apiError {
			level, e := c.levelParam(sc, c.s.st.userByID[it.id], 0)
			if e != nil {
				return e
			}
			expires, ok, e := c.expiresParam()
			if e != nil {
				return e
			}
			if level != levelOwner && c.s.lastOwner(sc, it) {
				return errForbidden
			}
			it.obj["access_level"] = level
			if ok {
				it.obj["expires_at"] = expires
			}
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
		delete: func(c *call, sc *scope, it *item) *apiError {
			if c.s.lastOwner(sc, it) {
				return errForbidden
			}
			return nil
		},
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) { return memberFilter(c, items), nil },
	}
}

// allMembers are the members of a project or group and of its ancestor
// groups, each user once with their highest access level
// (https://docs.gitlab.com/api/members/#list-all-members-of-a-group-or-project-including-inherited-and-invited-members).
func (s *Server) allMembers(sc *scope) []*item {
	var cols []*coll
	if sc.project != nil {
		cols = append(cols, s.memberColl(false, sc.project.id))
	} else if sc.group != nil {
		cols = append(cols, s.memberColl(true, sc.group.id))
	}
	for g := ancestors(sc); g != nil; g = g.parent {
		cols = append(cols, s.memberColl(true, g.id))
	}
	best := map[string]*item{}
	var order []string
	for _, col := range cols {
		if col == nil {
			continue
		}
		for _, it := range col.items {
			lvl := s.memberLevel(it)
			if lvl == 0 {
				continue
			}
			if b := best[it.key]; b == nil {
				order = append(order, it.key)
				best[it.key] = it
			} else if lvl > s.memberLevel(b) {
				best[it.key] = it
			}
		}
	}
	out := make([]*item, len(order))
	for i, key := range order {
		out[i] = best[key]
	}
	return out
}

// memberAllHooks: members/all is computed from the memberships; objects
// stored there (AddObject) are listed after them, as members the fake
// cannot derive (through a shared group).
func memberAllHooks() *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		list: func(c *call, sc *scope, stored []*item) ([]*item, *apiError) {
			return memberFilter(c, mergeItems(c.s.allMembers(sc), stored)), nil
		},
		find: func(c *call, sc *scope, key string) *item { return findKey(c.s.allMembers(sc), key) },
	}
}

// mergeItems lists computed objects, then the stored ones with other keys.
func mergeItems(computed, stored []*item) []*item {
	out := computed
	for _, it := range stored {
		if findKey(computed, it.key) == nil {
			out = append(out, it)
		}
	}
	return out
}

func findKey(items []*item, key string) *item {
	for _, it := range items {
		if it.key == key {
			return it
		}
	}
	return nil
}

// hierarchy is a group and its descendants, and their projects.
func (s *Server) hierarchy(g *group) ([]*group, []*project) {
	groups := []*group{g}
	for _, x := range s.st.groups {
		for a := x.parent; a != nil; a = a.parent {
			if a == g {
				groups = append(groups, x)
				break
			}
		}
	}
	var projects []*project
	for _, p := range s.st.projects {
		if p.ns != nil && p.ns.group != nil && slices.Contains(groups, p.ns.group) {
			projects = append(projects, p)
		}
	}
	return groups, projects
}

// membership is one direct membership in a group's hierarchy.
type membership struct {
	it       *item
	group    *group
	project  *project
	userID   int
	fullName string
	url      string
}

func (s *Server) memberships(g *group) []membership {
	groups, projects := s.hierarchy(g)
	var out []membership
	add := func(col *coll, m membership) {
		if col == nil {
			return
		}
		for _, it := range col.items {
			m.it, m.userID = it, it.id
			out = append(out, m)
		}
	}
	for _, x := range groups {
		add(s.memberColl(true, x.id), membership{group: x, fullName: anyString(x.obj["full_name"]),
			url: urlMarker + "/groups/" + x.ns.fullPath + "/-/group_members"})
	}
	for _, p := range projects {
		add(s.memberColl(false, p.id), membership{project: p, fullName: gjson.GetBytes(p.doc.raw, "name_with_namespace").String(),
			url: urlMarker + "/" + p.fullPath + "/-/project_members"})
	}
	return out
}

// billable are the users with a membership in the group's hierarchy
// (https://docs.gitlab.com/api/members/#list-all-billable-members-of-a-group).
func (s *Server) billable(g *group) []*item {
	var out []*item
	seen := map[int]*item{}
	for _, m := range s.memberships(g) {
		u := s.st.userByID[m.userID]
		if u == nil {
			continue
		}
		if it := seen[u.id]; it != nil {
			if m.group != nil {
				it.obj["membership_type"] = "group_member"
				it.render()
			}
			continue
		}
		obj := userFields(u)
		typ := "project_member"
		if m.group != nil {
			typ = "group_member"
		}
		obj["membership_type"], obj["removable"], obj["created_at"] = typ, true, u.obj["created_at"]
		obj["last_activity_on"], obj["last_login_at"], obj["email"] = u.obj["last_activity_on"], u.obj["last_sign_in_at"], u.obj["email"]
		obj["is_last_owner"] = false
		it := transient(strconv.Itoa(u.id), obj)
		seen[u.id] = it
		out = append(out, it)
	}
	return out
}

// billableHooks: the billable members of a group are computed from the
// memberships; removing one removes the user from the group, its
// subgroups and their projects
// (https://docs.gitlab.com/api/members/#remove-a-billable-member-from-a-group).
// Owners see them.
func billableHooks() *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		canRead: func(c *call, sc *scope) *apiError {
			if c.callerLevel(sc) < levelOwner {
				return errForbidden
			}
			return nil
		},
		list: func(c *call, sc *scope, stored []*item) ([]*item, *apiError) {
			search := lower(c.p.get("search"))
			var out []*item
			for _, it := range mergeItems(c.s.billable(sc.group), stored) {
				if search == "" || strings.Contains(lower(it.str("name")), search) || strings.Contains(lower(it.str("username")), search) {
					out = append(out, it)
				}
			}
			return out, nil
		},
		find: func(c *call, sc *scope, key string) *item { return findKey(c.s.billable(sc.group), key) },
		delete: func(c *call, sc *scope, it *item) *apiError {
			for _, m := range c.s.memberships(sc.group) {
				if strconv.Itoa(m.userID) == it.key {
					c.s.removeMember(m)
				}
			}
			return nil
		},
	}
}

func (s *Server) removeMember(m membership) {
	if m.group != nil {
		s.memberColl(true, m.group.id).remove(m.it.key)
	} else {
		s.memberColl(false, m.project.id).remove(m.it.key)
	}
}

// billableMembershipHooks: a billable member's memberships in the group's
// hierarchy, with their source
// (https://docs.gitlab.com/api/members/#list-memberships-for-a-billable-member-of-a-group).
func billableMembershipHooks() *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		list: func(c *call, sc *scope, stored []*item) ([]*item, *apiError) {
			var out []*item
			for _, m := range c.s.memberships(sc.group) {
				if sc.parent == nil || strconv.Itoa(m.userID) != sc.parent.key {
					continue
				}
				lvl, _ := intOf(m.it.obj["access_level"])
				src := 0
				if m.group != nil {
					src = m.group.id
				} else {
					src = m.project.id
				}
				out = append(out, transient(strconv.Itoa(len(out)+1), map[string]any{
					"id": len(out) + 1, "user_id": m.userID, "source_id": src, "source_full_name": m.fullName,
					"source_members_url": m.url, "created_at": m.it.obj["created_at"], "expires_at": m.it.obj["expires_at"],
					"access_level": map[string]any{"string_value": levelNames[lvl], "integer_value": lvl},
				}))
			}
			return append(out, stored...), nil
		},
	}
}

func accessRequestSpec(group bool) string {
	if group {
		return "group_access_request"
	}
	return "project_access_request"
}

// requestAccessEnabled reads the setting of the scope's project or group.
func requestAccessEnabled(sc *scope) bool {
	if sc.group != nil {
		v, _ := sc.group.obj["request_access_enabled"].(bool)
		return v
	}
	return gjson.GetBytes(sc.project.doc.raw, "request_access_enabled").Bool()
}

// accessRequestHooks: https://docs.gitlab.com/api/access_requests/ (a user
// who is not a member requests access for themselves, once, where access
// requests are enabled; Maintainers list them; the requester or a
// Maintainer denies one).
func accessRequestHooks() *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: func(c *call, sc *scope, it *item) *apiError {
			switch {
			case c.user == nil:
				return errUnauthorized
			case it == nil && (!requestAccessEnabled(sc) || c.s.scopeLevel(c.user, sc) > 0):
				return errForbidden
			case it == nil:
				return nil
			}
			return c.canManageMembers(sc, it)
		},
		create: func(c *call, _ *scope, obj map[string]any) *apiError {
			now := c.s.nowTS()
			m := userFields(c.user)
			for k, v := range obj {
				if strings.HasSuffix(k, "_id") {
					m[k] = v
				}
			}
			m["id"], m["created_at"], m["requested_at"] = c.user.id, now, now
			clear(obj)
			for k, v := range m {
				obj[k] = v
			}
			return nil
		},
		dup: func(string) *apiError { return fieldErr("user", "already exists in source") },
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			if c.callerLevel(sc) < levelMaintainer {
				return nil, errForbidden
			}
			return items, nil
		},
	}
}

// approveAccess: PUT .../access_requests/:user_id/approve makes the
// requester a member (Developer unless access_level says otherwise) and
// answers the member
// (https://docs.gitlab.com/api/access_requests/#approve-an-access-request).
func (s *Server) approveAccess(group bool) handler {
	return func(c *call) *apiError {
		_, sc, it, e := c.storeTarget(accessRequestSpec(group))
		if e != nil {
			return e
		}
		if e := c.canManageMembers(sc, nil); e != nil {
			return e
		}
		u := s.st.userByID[it.id]
		if u == nil {
			return notFound("User")
		}
		level, e := c.levelParam(sc, u, levelDeveloper)
		if e != nil {
			return e
		}
		src := 0
		if group {
			src = sc.group.id
		} else {
			src = sc.project.id
		}
		m := s.putMember(group, src, u, level, nil, c.user)
		c.collFor(sc, true).remove(it.key)
		return c.doc(http.StatusOK, &m.doc)
	}
}

func invitationSpec(group bool) string {
	if group {
		return "group_invitation"
	}
	return "project_invitation"
}

// invite: POST .../invitations adds existing users (by user_id, or by an
// e-mail that is theirs) as members and invites the other e-mails; it
// answers {"status":"success"}, or {"status":"error","message":{...}} with
// the address or user that failed
// (https://docs.gitlab.com/api/invitations/#add-a-member-to-a-group-or-project).
// Beyond GitLab's answer, a single pending invitation's fields are
// included, so that a client can address it by e-mail.
func (s *Server) invite(group bool) handler {
	name := invitationSpec(group)
	return func(c *call) *apiError {
		k := storeKind(name)
		if e := c.checkAttrs(k.create.Required, k.create.Exclusive, func(string) bool { return false }); e != nil {
			return e
		}
		_, sc, e := c.storeScope(name)
		if e != nil {
			return e
		}
		if e := c.canManageMembers(sc, nil); e != nil {
			return e
		}
		level, e := c.levelParam(sc, nil, 0)
		if e != nil {
			return e
		}
		expires, _, e := c.expiresParam()
		if e != nil {
			return e
		}
		src := 0
		if group {
			src = sc.group.id
		} else {
			src = sc.project.id
		}
		failed := map[string]any{}
		var invited []*item
		member := func(key string, u *user) {
			if s.directLevel(group, src, u) > 0 {
				failed[key] = "Already a member"
				return
			}
			if _, e := c.levelParam(sc, u, level); e != nil {
				failed[key] = "Access level should be greater than or equal to the inherited membership"
				return
			}
			s.putMember(group, src, u, level, expires, c.user)
		}
		ids, _ := c.p.list("user_id")
		for _, id := range ids {
			if u := s.findUser(id); u != nil && isDigits(id) {
				member(id, u)
			} else {
				failed[id] = "User not found"
			}
		}
		emails, _ := c.p.list("email")
		col := c.collFor(sc, true)
		for _, email := range emails {
			if u := s.userByEmail(email); u != nil {
				member(email, u)
				continue
			}
			if col.byKey[email] != nil {
				failed[email] = "Invite email has already been taken"
				continue
			}
			it, e := c.insert(name, sc.vals, nil, map[string]any{"email": email, "access_level": level, "expires_at": expires})
			if e != nil {
				return e
			}
			invited = append(invited, it)
		}
		if len(failed) > 0 {
			return c.created(map[string]any{"status": "error", "message": failed})
		}
		out := map[string]any{}
		if len(invited) == 1 {
			for k, v := range invited[0].obj {
				out[k] = v
			}
		}
		out["status"] = "success"
		return c.created(out)
	}
}

func (s *Server) userByEmail(email string) *user {
	for _, u := range s.st.users {
		if strings.EqualFold(u.str("email"), email) {
			return u
		}
	}
	return nil
}

// invitationHooks: a pending invitation, addressed by its e-mail
// (https://docs.gitlab.com/api/invitations/): listed with invite_email
// (and the query filter), its access level and expires_at changed,
// deleted.
func invitationHooks() *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: func(c *call, sc *scope, it *item) *apiError { return c.canManageMembers(sc, it) },
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			c.s.st.ids[storePaths[invitationSpec(sc.group != nil)]]++
			obj["id"], obj["invite_email"] = c.s.st.ids[storePaths[invitationSpec(sc.group != nil)]], obj["email"]
			obj["user_name"], obj["created_by_name"] = nil, c.user.str("name")
			return nil
		},
		update: func(c *call, sc *scope, it *item, _ map[string]any) *apiError {
			if _, ok := c.p["access_level"]; ok {
				level, e := c.levelParam(sc, nil, 0)
				if e != nil {
					return e
				}
				it.obj["access_level"] = level
			}
			expires, ok, e := c.expiresParam()
			if e != nil {
				return e
			}
			if ok {
				it.obj["expires_at"] = expires
			}
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) {
			q := lower(c.p.get("query"))
			var out []*item
			for _, it := range items {
				if strings.Contains(lower(it.str("invite_email")), q) {
					out = append(out, it)
				}
			}
			return out, nil
		},
	}
}

// deleteLDAPLink: DELETE /groups/:id/ldap_group_links with provider and cn
// or filter, or /ldap_group_links/:cn and /ldap_group_links/:provider/:cn;
// 204, or 404 "Linked LDAP group not found"
// (https://docs.gitlab.com/api/group_ldap_links/#delete-an-ldap-group-link).
// The store's own ID names a link too.
func (s *Server) deleteLDAPLink(c *call) *apiError {
	const name = "group_ldap_group_link"
	k, sc, e := c.storeScope(name)
	if e != nil {
		return e
	}
	if e := c.canWrite(k, sc, nil); e != nil {
		return e
	}
	provider, cn, filter := c.p.get("provider"), c.p.get("cn"), c.p.get("filter")
	switch len(c.args) {
	case 1:
		if cn == "" && filter == "" {
			return errErr(http.StatusBadRequest, "cn, filter are missing, exactly one parameter must be provided")
		}
	case 2:
		cn = c.args[1]
	case 3:
		provider, cn = c.args[1], c.args[2]
	}
	col := c.collFor(sc, false)
	if col != nil {
		for _, it := range col.items {
			if (provider == "" || it.str("provider") == provider) &&
				(cn != "" && (it.str("cn") == cn || it.key == cn) || filter != "" && it.str("filter") == filter) {
				col.remove(it.key)
				return c.noContent()
			}
		}
	}
	return msgErr(http.StatusNotFound, "Linked LDAP group not found")
}

func (s *Server) registerMemberRoutes() {
	for _, group := range []bool{false, true} {
		root := "/projects/{id}"
		if group {
			root = "/groups/{id}"
		}
		s.handle("PUT "+root+"/access_requests/{user_id}/approve", s.approveAccess(group), needAuth)
		s.handle("POST "+root+"/invitations", s.invite(group), needAuth)
	}
	s.handle("DELETE /groups/{id}/ldap_group_links", s.deleteLDAPLink, needAuth)
	s.handle("DELETE /groups/{id}/ldap_group_links/{cn}", s.deleteLDAPLink, needAuth)
	s.handle("DELETE /groups/{id}/ldap_group_links/{provider}/{cn}", s.deleteLDAPLink, needAuth)
}
