package gitlabtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Milestones of projects and groups (https://docs.gitlab.com/api/milestones/,
// https://docs.gitlab.com/api/group_milestones/): a global ID shared by
// project and group milestones, an iid per project or group, a title
// unique in its project or group, active or closed (state_event close and
// activate), start and due dates (expired once the due date has passed).
// Issues and merge requests take one by milestone_id (the project's or an
// ancestor group's); the milestone's issues and merge_requests actions list
// them, and promote moves a project milestone, with its issues, to the
// project's group.

func (s *Server) milestoneColl(group bool, id int) *coll {
	if group {
		return s.storeColl("group_milestone", strconv.Itoa(id))
	}
	return s.storeColl("project_milestone", strconv.Itoa(id))
}

// findMilestone finds a milestone by global ID in a project and its
// ancestor groups.
func (s *Server) findMilestone(p *project, id string) *item {
	cols := []*coll{s.milestoneColl(false, p.id)}
	if p.ns != nil {
		for g := p.ns.group; g != nil; g = g.parent {
			cols = append(cols, s.milestoneColl(true, g.id))
		}
	}
	for _, col := range cols {
		if col != nil && col.byKey[id] != nil {
			return col.byKey[id]
		}
	}
	return nil
}

// milestoneRef is a milestone as issues and merge requests embed it.
func (s *Server) milestoneRef(m *item) map[string]any {
	ref := make(map[string]any, len(m.obj)+1)
	for k, v := range m.obj {
		ref[k] = v
	}
	ref["expired"] = s.expired(m)
	return ref
}

func (s *Server) expired(m *item) bool {
	due, _ := m.obj["due_date"].(string)
	return due != "" && due < date(s.now())
}

// applyMilestone sets the milestone of a new or edited issue or merge
// request from milestone_id (0 or empty removes it; an ID the project
// cannot use is ignored, as GitLab does)
// (https://docs.gitlab.com/api/issues/#edit-an-issue).
func (s *Server) applyMilestone(c *call, obj map[string]any) {
	v, ok := c.p.str("milestone_id")
	if !ok {
		return
	}
	if v == "" || v == "0" {
		obj["milestone"] = nil
		return
	}
	p := s.st.projectByID[atoi(anyString(obj["project_id"]))]
	if p == nil {
		return
	}
	if m := s.findMilestone(p, v); m != nil {
		obj["milestone"] = s.milestoneRef(m)
	}
}

// issuables are the issues or merge requests of the milestone's scope
// (its project, or its group's projects) that carry it.
func (s *Server) milestoneIssuables(sc *scope, m *item, col func(*project) *coll) []*item {
	var projects []*project
	if sc.project != nil {
		projects = []*project{sc.project}
	} else {
		_, projects = s.hierarchy(sc.group)
	}
	var out []*item
	for _, p := range projects {
		if cl := col(p); cl != nil {
			for _, it := range cl.items {
				if ref, ok := it.obj["milestone"].(map[string]any); ok && anyString(ref["id"]) == m.key {
					out = append(out, it)
				}
			}
		}
	}
	return out
}

// relinkMilestone points the issues and merge requests that carry m at to
// (nil removes it), or refreshes their copy of m when to is m.
func (s *Server) relinkMilestone(sc *scope, m, to *item) {
	for _, col := range []func(*project) *coll{issuesOf, mrsOf} {
		for _, it := range s.milestoneIssuables(sc, m, col) {
			it.obj["milestone"] = nil
			if to != nil {
				it.obj["milestone"] = s.milestoneRef(to)
			}
			it.render()
		}
	}
}

// milestoneDates validates start_date and due_date together.
func milestoneDates(c *call, obj map[string]any) *apiError {
	for _, k := range []string{"start_date", "due_date"} {
		if _, ok := c.p[k]; ok {
			d, e := dateParam(c.p, k)
			if e != nil {
				return e
			}
			obj[k] = d
		}
	}
	start, _ := obj["start_date"].(string)
	due, _ := obj["due_date"].(string)
	if start != "" && due != "" && due < start {
		return msgErr(http.StatusBadRequest, `Failed to save milestone {:due_date=>["must be greater than start date"]}`)
	}
	return nil
}

func milestoneState(c *call, obj map[string]any) *apiError {
	switch ev, _ := c.p.str("state_event"); ev {
	case "":
	case "close":
		obj["state"] = "closed"
	case "activate":
		obj["state"] = "active"
	default:
		return errErr(http.StatusBadRequest, "state_event does not have a valid value")
	}
	return nil
}

func titleTaken(col *coll, title string, self *item) bool {
	for _, it := range col.items {
		if it != self && it.str("title") == title {
			return true
		}
	}
	return false
}

// milestoneHooks: https://docs.gitlab.com/api/milestones/. Reporters
// manage milestones.
func milestoneHooks(group bool) *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: func(c *call, sc *scope, _ *item) *apiError {
			if c.user == nil {
				return errUnauthorized
			}
			if c.callerLevel(sc) < levelReporter {
				return errForbidden
			}
			return nil
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			title := strings.TrimSpace(anyString(obj["title"]))
			if title == "" {
				return fieldErr("title", "can't be blank")
			}
			col := c.collFor(sc, true)
			if titleTaken(col, title, nil) {
				return msgErr(http.StatusBadRequest, `Failed to create milestone {:title=>["has already been taken"]}`)
			}
			m := map[string]any{"title": title, "description": obj["description"], "state": "active",
				"start_date": nil, "due_date": nil, "created_at": obj["created_at"], "updated_at": obj["updated_at"]}
			if e := milestoneDates(c, m); e != nil {
				return e
			}
			if e := milestoneState(c, m); e != nil {
				return e
			}
			c.s.st.ids["milestones"]++
			col.next++
			id, iid := c.s.st.ids["milestones"], col.next
			m["id"], m["iid"] = id, iid
			if group { // sc has only vals when the milestone is inserted (promote)
				g := c.s.st.groupByID[atoi(sc.vals[0])]
				m["group_id"], m["web_url"] = g.id, urlMarker+"/groups/"+g.ns.fullPath+"/-/milestones/"+strconv.Itoa(iid)
			} else {
				m["project_id"], m["web_url"] = sc.project.id, urlMarker+"/"+sc.project.fullPath+"/-/milestones/"+strconv.Itoa(iid)
			}
			clear(obj)
			for k, v := range m {
				obj[k] = v
			}
			return nil
		},
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			next := map[string]any{"start_date": it.obj["start_date"], "due_date": it.obj["due_date"], "state": it.obj["state"]}
			if e := milestoneDates(c, next); e != nil {
				return e
			}
			if e := milestoneState(c, next); e != nil {
				return e
			}
			if v, ok := fields["title"]; ok {
				title := strings.TrimSpace(anyString(v))
				if title == "" {
					return fieldErr("title", "can't be blank")
				}
				if titleTaken(c.collFor(sc, true), title, it) {
					return msgErr(http.StatusBadRequest, `Failed to update milestone {:title=>["has already been taken"]}`)
				}
				next["title"] = title
			}
			if v, ok := fields["description"]; ok {
				next["description"] = v
			}
			for k, v := range next {
				it.obj[k] = v
			}
			it.obj["updated_at"] = c.s.nowTS()
			it.render()
			c.s.relinkMilestone(sc, it, it)
			return nil
		},
		delete: func(c *call, sc *scope, it *item) *apiError {
			c.s.relinkMilestone(sc, it, nil)
			return nil
		},
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			state, hasState := c.p.str("state")
			if hasState && state != "active" && state != "closed" {
				return nil, errErr(http.StatusBadRequest, "state does not have a valid value")
			}
			if v, _, _ := c.p.boolean("include_ancestors"); v {
				for g := ancestors(sc); g != nil; g = g.parent {
					if col := c.s.milestoneColl(true, g.id); col != nil {
						items = append(slices.Clone(items), col.items...)
					}
				}
			}
			iids, hasIIDs := c.p.list("iids")
			title, hasTitle := c.p.str("title")
			search := lower(c.p.get("search"))
			var out []*item
			for _, it := range items {
				switch {
				case hasState && it.str("state") != state,
					hasIIDs && !slices.Contains(iids, anyString(it.obj["iid"])),
					hasTitle && it.str("title") != title,
					search != "" && !strings.Contains(lower(it.str("title")), search) && !strings.Contains(lower(it.str("description")), search):
					continue
				}
				out = append(out, it)
			}
			return out, nil
		},
		show: func(c *call, _ *scope, it *item) *doc {
			d := marshalDoc(c.s.milestoneRef(it))
			return &d
		},
	}
}

// milestoneIssuablesRoute: GET .../milestones/:milestone_id/issues and
// .../merge_requests list what carries the milestone, offset-paginated
// (https://docs.gitlab.com/api/milestones/#get-all-issues-assigned-to-a-single-milestone).
func (s *Server) milestoneIssuablesRoute(spec string, col func(*project) *coll) handler {
	return func(c *call) *apiError {
		_, sc, it, e := c.storeTarget(spec)
		if e != nil {
			return e
		}
		items := s.milestoneIssuables(sc, it, col)
		var visible []*item
		for _, x := range items {
			if p := s.st.projectByID[atoi(anyString(x.obj["project_id"]))]; p != nil && s.canReadProject(c.user, p) {
				visible = append(visible, x)
			}
		}
		return c.listDocs(len(visible), itemDocs(visible))
	}
}

// promoteMilestone: POST /projects/:id/milestones/:milestone_id/promote
// makes the milestone a milestone of the project's group (the group's
// milestone of that title when there is one): the milestones of that title
// in the group's projects go, their issues and merge requests follow. 400
// "Project does not belong to a group." outside a group
// (https://docs.gitlab.com/api/milestones/#promote-project-milestone-to-a-group-milestone).
// It answers the group milestone.
func (s *Server) promoteMilestone(c *call) *apiError {
	_, sc, it, e := c.storeWrite("project_milestone")
	if e != nil {
		return e
	}
	g := ancestors(sc)
	if g == nil {
		return msgErr(http.StatusBadRequest, "Project does not belong to a group.")
	}
	if lvl := c.callerLevel(&scope{group: g}); lvl < levelReporter {
		return errForbidden
	}
	gsc := &scope{group: g, vals: []string{strconv.Itoa(g.id)}}
	gsc.key = collKey(storeKind("group_milestone"), gsc.vals)
	var target *item
	if col := c.collFor(gsc, false); col != nil {
		for _, m := range col.items {
			if m.str("title") == it.str("title") {
				target = m
			}
		}
	}
	if target == nil {
		saved := c.p
		c.p = params{"title": it.obj["title"], "description": it.obj["description"], "start_date": it.obj["start_date"],
			"due_date": it.obj["due_date"]}
		target, e = c.insert("group_milestone", gsc.vals, nil, map[string]any{"title": it.obj["title"], "description": it.obj["description"]})
		c.p = saved
		if e != nil {
			return e
		}
	}
	_, projects := s.hierarchy(g)
	for _, p := range projects {
		col := s.milestoneColl(false, p.id)
		if col == nil {
			continue
		}
		for _, m := range slices.Clone(col.items) {
			if m.str("title") == it.str("title") {
				s.relinkMilestone(&scope{project: p}, m, target)
				col.remove(m.key)
			}
		}
	}
	return c.doc(http.StatusOK, marshalDocPtr(s.milestoneRef(target)))
}

func marshalDocPtr(v any) *doc {
	d := marshalDoc(v)
	return &d
}

func (s *Server) registerMilestoneRoutes() {
	for _, x := range []struct{ root, spec string }{{"/projects/{id}", "project_milestone"}, {"/groups/{id}", "group_milestone"}} {
		s.handle("GET "+x.root+"/milestones/{milestone_id}/issues", s.milestoneIssuablesRoute(x.spec, issuesOf))
		s.handle("GET "+x.root+"/milestones/{milestone_id}/merge_requests", s.milestoneIssuablesRoute(x.spec, mrsOf))
	}
	s.handle("POST /projects/{id}/milestones/{milestone_id}/promote", s.promoteMilestone, needAuth)
}
