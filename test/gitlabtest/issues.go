package gitlabtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

func (s *Server) registerIssueRoutes() {
	s.handle("GET /projects/{id}/issues", s.listIssues)
	s.handle("GET /projects/{id}/issues/{iid}", s.getIssue)
	s.handle("POST /projects/{id}/issues", s.createIssue, needAuth)
	s.handle("PUT /projects/{id}/issues/{iid}", s.updateIssue, needAuth)
	s.handle("DELETE /projects/{id}/issues/{iid}", s.deleteIssue, needAuth)
	s.registerIssuableActions("issues")
}

// containsFold reports whether list holds s, ignoring case (labels match
// case-insensitively).
func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

func strList(v any) []string {
	switch x := v.(type) {
	case []any:
		return toStrings(x)
	case []string:
		return x
	}
	return nil
}

// issuableFilter implements the list filters shared by issues and merge
// requests: state, labels (comma list or labels[], None/Any), search,
// iids[], author_id, assignee_id
// (https://docs.gitlab.com/api/issues/#list-project-issues,
// https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests).
func issuableFilter(c *call, states []string) (func(it *item) bool, *apiError) {
	state, hasState := c.p.str("state")
	if hasState {
		ok := state == "all"
		for _, st := range states {
			ok = ok || st == state
		}
		if !ok {
			return nil, errErr(http.StatusBadRequest, "state does not have a valid value")
		}
	}
	labels, hasLabels := c.p.list("labels")
	search := lower(c.p.get("search"))
	iids, hasIIDs := c.p.list("iids")
	author, hasAuthor, e := c.p.integer("author_id")
	if e != nil {
		return nil, e
	}
	assignee, hasAssignee := c.p.str("assignee_id")
	if hasAssignee && !isDigits(assignee) && !strings.EqualFold(assignee, "none") && !strings.EqualFold(assignee, "any") {
		return nil, invalid("assignee_id")
	}
	src, hasSrc := c.p.str("source_branch")
	tgt, hasTgt := c.p.str("target_branch")
	return func(it *item) bool {
		if hasState && state != "all" && it.str("state") != state {
			return false
		}
		if hasLabels {
			have := strList(it.obj["labels"])
			for _, l := range labels {
				switch strings.ToLower(l) {
				case "none":
					if len(have) > 0 {
						return false
					}
					continue
				case "any":
					if len(have) == 0 {
						return false
					}
					continue
				}
				if !containsFold(have, l) {
					return false
				}
			}
		}
		if search != "" && !strings.Contains(lower(it.str("title")), search) &&
			!strings.Contains(lower(it.str("description")), search) {
			return false
		}
		if hasIIDs {
			found := false
			for _, x := range iids {
				if x == it.key {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
		if hasAuthor && authorID(it) != author {
			return false
		}
		if hasAssignee {
			var ids []int
			if x, ok := it.ext.(*issuable); ok {
				ids = x.assigneeIDs
			}
			switch {
			case strings.EqualFold(assignee, "none"):
				if len(ids) > 0 {
					return false
				}
			case strings.EqualFold(assignee, "any"):
				if len(ids) == 0 {
					return false
				}
			default:
				found := false
				for _, id := range ids {
					found = found || strconv.Itoa(id) == assignee
				}
				if !found {
					return false
				}
			}
		}
		if (hasSrc && it.str("source_branch") != src) || (hasTgt && it.str("target_branch") != tgt) {
			return false
		}
		return true
	}, nil
}

func authorID(it *item) int {
	if u, ok := it.ext.(*issuable); ok {
		return u.authorID
	}
	return 0
}

// issuable is the state kept beside an issue's or merge request's JSON.
type issuable struct {
	authorID    int
	assigneeIDs []int
	approvals   []approval
	subscribers map[int]bool
	todos       map[int]bool
}

func newIssuable(author *user) *issuable {
	// Authors are subscribed to what they open.
	return &issuable{authorID: author.id, subscribers: map[int]bool{author.id: true}, todos: map[int]bool{}}
}

// issuableDoc renders one issue or merge request with the caller's
// "subscribed" flag, which only single-object responses carry
// (https://docs.gitlab.com/api/issues/#single-project-issue).
func (c *call) issuableDoc(status int, it *item) *apiError {
	sub := c.user != nil && it.ext.(*issuable).subscribers[c.user.id]
	raw, err := sjson.SetBytes(it.doc.raw, "subscribed", sub)
	if err != nil {
		panic("gitlabtest: " + err.Error())
	}
	return c.doc(status, newDocPtr(raw))
}

// registerIssuableActions adds subscribe, unsubscribe and todo under issues
// or merge_requests: 201 with the object, 304 without body when nothing
// changes (https://docs.gitlab.com/api/issues/#subscribe-to-an-issue,
// https://docs.gitlab.com/api/issues/#create-a-to-do-item,
// https://docs.gitlab.com/api/merge_requests/#create-a-to-do-item).
func (s *Server) registerIssuableActions(kind string) {
	col := mrsOf
	if kind == "issues" {
		col = issuesOf
	}
	for _, on := range []bool{true, false} {
		action := "subscribe"
		if !on {
			action = "unsubscribe"
		}
		s.handle("POST /projects/{id}/"+kind+"/{iid}/"+action, func(c *call) *apiError {
			_, it, e := s.issuableFor(c, col)
			if e != nil {
				return e
			}
			x := it.ext.(*issuable)
			if x.subscribers[c.user.id] == on {
				return c.notModified()
			}
			x.subscribers[c.user.id] = on
			return c.issuableDoc(http.StatusCreated, it)
		}, needAuth)
	}
	s.handle("POST /projects/{id}/"+kind+"/{iid}/todo", func(c *call) *apiError {
		p, it, e := s.issuableFor(c, col)
		if e != nil {
			return e
		}
		x := it.ext.(*issuable)
		if x.todos[c.user.id] {
			return c.notModified()
		}
		x.todos[c.user.id] = true
		s.st.nextTodo++
		target, typ := "issues", "Issue"
		if kind != "issues" {
			target, typ = "merge_requests", "MergeRequest"
		}
		return c.value(http.StatusCreated, map[string]any{
			"id": s.st.nextTodo, "project": map[string]any{"id": p.id, "name": p.name,
				"name_with_namespace": gjson.GetBytes(p.doc.raw, "name_with_namespace").String(),
				"path":                p.path, "path_with_namespace": p.fullPath},
			"author": c.user.basicJSON(), "action_name": "marked", "target_type": typ,
			"target": json.RawMessage(it.doc.raw), "target_url": urlMarker + "/" + p.fullPath + "/-/" + target + "/" + it.key,
			"body": it.obj["title"], "state": "pending", "created_at": s.nowTS(),
		})
	}, needAuth)
}

type approval struct {
	user *user
	at   string
}

// listIssuables filters (issuableFilter with the given states), sorts and
// paginates the issues or merge requests of the project.
func (s *Server) listIssuables(c *call, col func(*project) *coll, states, orders []string) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	pred, e := issuableFilter(c, states)
	if e != nil {
		return e
	}
	order, dir, e := c.orderParams(orders, "created_at", "desc")
	if e != nil {
		return e
	}
	var list []*item
	if all := col(p); all != nil {
		for _, it := range all.items {
			if pred(it) {
				list = append(list, it)
			}
		}
	}
	key := func(it *item) string {
		switch order {
		case "updated_at", "title", "due_date", "merged_at":
			return lower(anyString(it.obj[order]))
		case "relative_position":
			return s.positionKey(it) // issue_actions.go
		}
		return ""
	}
	sortByKey(list, key, func(it *item) int { return it.id })
	if dir == "desc" {
		slices.Reverse(list)
	}
	return c.listDocs(len(list), itemDocs(list))
}

// issueOrders are the documented order_by values of the issues list.
var issueOrders = []string{"created_at", "updated_at", "priority", "due_date", "relative_position",
	"label_priority", "milestone_due", "popularity", "weight", "title"}

// listIssues: https://docs.gitlab.com/api/issues/#list-project-issues.
func (s *Server) listIssues(c *call) *apiError {
	return s.listIssuables(c, issuesOf, []string{"opened", "closed"}, issueOrders)
}

// findIssuable finds an issue or merge request by iid; a global id does not
// match (https://docs.gitlab.com/api/rest/#id-vs-iid). Missing records answer
// {"message":"404 Not found"} as ActiveRecord::RecordNotFound does.
func findIssuable(col *coll, iid string) (*item, *apiError) {
	if col != nil {
		if it := col.byKey[iid]; it != nil {
			return it, nil
		}
	}
	return nil, errNotFoundPlain
}

// issuesOf and mrsOf pick a project's issues or merge requests.
func issuesOf(p *project) *coll { return p.issues }
func mrsOf(p *project) *coll    { return p.mrs }

// issuableFor finds the project of the request and, in col of it, the issue
// or merge request named by the iid in the path.
func (s *Server) issuableFor(c *call, col func(*project) *coll) (*project, *item, *apiError) {
	p, e := s.projectFor(c, false)
	if e != nil {
		return nil, nil, e
	}
	it, e := findIssuable(col(p), c.args[1])
	return p, it, e
}

// getIssuable answers one issue or merge request.
func (s *Server) getIssuable(c *call, col func(*project) *coll) *apiError {
	_, it, e := s.issuableFor(c, col)
	if e != nil {
		return e
	}
	return c.issuableDoc(http.StatusOK, it)
}

// getIssue: https://docs.gitlab.com/api/issues/#single-project-issue.
func (s *Server) getIssue(c *call) *apiError { return s.getIssuable(c, issuesOf) }

// assigneesFrom resolves assignee_ids (or assignee_id) to ids and basic user
// entities (https://docs.gitlab.com/api/issues/#new-issue).
func (s *Server) assigneesFrom(c *call) ([]int, []any, bool, *apiError) {
	ids, ok := c.p.list("assignee_ids")
	if !ok {
		if v, has := c.p.str("assignee_id"); has {
			ids, ok = []string{v}, true
			if v == "" || v == "0" {
				ids = nil
			}
		}
	}
	if !ok {
		return nil, nil, false, nil
	}
	var out []int
	users := []any{}
	for _, id := range ids {
		if !isDigits(id) {
			return nil, nil, false, invalid("assignee_ids")
		}
		if u := s.st.userByID[atoi(id)]; u != nil {
			out = append(out, u.id)
			users = append(users, u.basicJSON())
		}
	}
	if out == nil {
		out = []int{}
	}
	return out, users, true, nil
}

func setAssignees(obj map[string]any, x *issuable, ids []int, users []any) {
	x.assigneeIDs = ids
	obj["assignees"] = users
	obj["assignee"] = nil
	if len(users) > 0 {
		obj["assignee"] = users[0]
	}
}

func (s *Server) refreshOpenIssues(p *project) {
	n := 0
	if p.issues != nil {
		for _, it := range p.issues.items {
			if it.str("state") == "opened" {
				n++
			}
		}
	}
	p.set("open_issues_count", n)
	p.commit()
}

// createIssue: https://docs.gitlab.com/api/issues/#new-issue (title
// required; any signed-in user who can see the project may open issues,
// https://docs.gitlab.com/user/permissions/#project-members-permissions).
func (s *Server) createIssue(c *call) *apiError {
	if !c.p.has("title") {
		return missing("title")
	}
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	title := c.p.get("title")
	if strings.TrimSpace(title) == "" {
		return fieldErr("title", "can't be blank")
	}
	ids, users, _, e := s.assigneesFrom(c)
	if e != nil {
		return e
	}
	if p.issues == nil {
		p.issues = newColl()
	}
	p.issues.next++
	s.st.nextIssue++
	iid, id := p.issues.next, s.st.nextIssue
	now := s.nowTS()
	if v := c.p.get("created_at"); v != "" && (c.user.admin || p.creatorID == c.user.id) {
		now = v
	}
	labels := labelsParam(c)
	self := urlMarker + apiPrefix + "/projects/" + strconv.Itoa(p.id)
	ref := "#" + strconv.Itoa(iid)
	var due any
	if v := c.p.get("due_date"); v != "" {
		due = v
	}
	confidential, _, e := c.p.boolean("confidential")
	if e != nil {
		return e
	}
	// Field set of https://docs.gitlab.com/api/issues/#single-project-issue.
	obj := map[string]any{
		"id": id, "iid": iid, "project_id": p.id, "title": title, "description": c.p.get("description"),
		"state": "opened", "created_at": now, "updated_at": now, "closed_at": nil, "closed_by": nil,
		"labels": labels, "milestone": nil, "author": c.user.basicJSON(), "type": "ISSUE",
		"user_notes_count": 0, "merge_requests_count": 0, "upvotes": 0, "downvotes": 0, "due_date": due,
		"confidential": confidential, "discussion_locked": nil, "issue_type": "issue",
		"web_url":                urlMarker + "/" + p.fullPath + "/-/issues/" + strconv.Itoa(iid),
		"time_stats":             map[string]any{"time_estimate": 0, "total_time_spent": 0, "human_time_estimate": nil, "human_total_time_spent": nil},
		"task_completion_status": map[string]any{"count": 0, "completed_count": 0}, "weight": nil,
		"blocking_issues_count": 0, "has_tasks": false, "severity": "UNKNOWN", "moved_to_id": nil,
		"service_desk_reply_to": nil,
		"_links": map[string]any{
			"self": self + "/issues/" + strconv.Itoa(iid), "notes": self + "/issues/" + strconv.Itoa(iid) + "/notes",
			"award_emoji": self + "/issues/" + strconv.Itoa(iid) + "/award_emoji", "project": self,
			"closed_as_duplicate_of": nil,
		},
		"references": map[string]any{"short": ref, "relative": ref, "full": p.fullPath + ref},
	}
	it := c.addIssuable(p.issues, iid, id, obj, ids, users)
	s.refreshOpenIssues(p)
	return c.issuableDoc(http.StatusCreated, it)
}

// labelsParam is the labels of a new issue or merge request.
func labelsParam(c *call) []string {
	labels, _ := c.p.list("labels")
	if labels == nil {
		labels = []string{}
	}
	return labels
}

// addIssuable stores a new issue or merge request opened by the caller, with
// the assignees of assigneesFrom (none when ids is nil).
func (c *call) addIssuable(col *coll, iid, id int, obj map[string]any, ids []int, users []any) *item {
	x := newIssuable(c.user)
	c.s.applyMilestone(c, obj)
	setAssignees(obj, x, []int{}, []any{})
	if ids != nil {
		setAssignees(obj, x, ids, users)
	}
	it := &item{key: strconv.Itoa(iid), id: id, obj: obj, ext: x}
	it.render()
	col.add(it)
	c.recordAgent(it) // issue_actions.go
	return it
}

// editableIssuable is issuableFor for edits, which the author or anyone who
// can write to the project may make.
func (s *Server) editableIssuable(c *call, col func(*project) *coll) (*project, *item, *apiError) {
	p, it, e := s.issuableFor(c, col)
	if e != nil {
		return nil, nil, e
	}
	if !s.canWriteProject(c.user, p) && authorID(it) != c.user.id {
		return nil, nil, errForbidden
	}
	return p, it, nil
}

// editText applies title (which may not be blank) and description.
func editText(c *call, obj map[string]any) *apiError {
	if v, ok := c.p.str("title"); ok {
		if strings.TrimSpace(v) == "" {
			return fieldErr("title", "can't be blank")
		}
		obj["title"] = v
	}
	if v, ok := c.p.str("description"); ok {
		obj["description"] = v
	}
	return nil
}

// editAssigneesAndLabels applies assignee_ids (or assignee_id) and the label
// parameters.
func (s *Server) editAssigneesAndLabels(c *call, it *item) *apiError {
	ids, users, ok, e := s.assigneesFrom(c)
	if e != nil {
		return e
	}
	if ok {
		setAssignees(it.obj, it.ext.(*issuable), ids, users)
	}
	updateLabels(c, it.obj)
	s.applyMilestone(c, it.obj)
	return nil
}

// updateLabels handles labels, add_labels and remove_labels.
func updateLabels(c *call, obj map[string]any) {
	labels := strList(obj["labels"])
	if l, ok := c.p.list("labels"); ok {
		labels = l
	}
	if add, ok := c.p.list("add_labels"); ok {
		for _, a := range add {
			if !containsFold(labels, a) {
				labels = append(labels, a)
			}
		}
	}
	if rm, ok := c.p.list("remove_labels"); ok {
		kept := labels[:0:0]
		for _, l := range labels {
			if !containsFold(rm, l) {
				kept = append(kept, l)
			}
		}
		labels = kept
	}
	if labels == nil {
		labels = []string{}
	}
	obj["labels"] = labels
}

// finishEdit applies state_event close/reopen, stamps updated_at with now and
// renders the edited issue or merge request.
func finishEdit(c *call, it *item, now string) *apiError {
	obj := it.obj
	if ev, ok := c.p.str("state_event"); ok {
		switch ev {
		case "close":
			if obj["state"] == "opened" {
				obj["state"], obj["closed_at"], obj["closed_by"] = "closed", now, c.user.basicJSON()
			}
		case "reopen":
			if obj["state"] == "closed" {
				obj["state"], obj["closed_at"], obj["closed_by"] = "opened", nil, nil
			}
		default:
			return errErr(http.StatusBadRequest, "state_event does not have a valid value")
		}
	}
	obj["updated_at"] = now
	it.render()
	return nil
}

// updateIssue: https://docs.gitlab.com/api/issues/#edit-an-issue.
func (s *Server) updateIssue(c *call) *apiError {
	p, it, e := s.editableIssuable(c, issuesOf)
	if e != nil {
		return e
	}
	obj := it.obj
	if e := editText(c, obj); e != nil {
		return e
	}
	if v, ok := c.p.str("due_date"); ok {
		obj["due_date"] = v
		if v == "" {
			obj["due_date"] = nil
		}
	}
	for _, k := range []string{"confidential", "discussion_locked"} {
		if v, ok, e := c.p.boolean(k); e != nil {
			return e
		} else if ok {
			obj[k] = v
		}
	}
	if e := s.editAssigneesAndLabels(c, it); e != nil {
		return e
	}
	if e := finishEdit(c, it, s.nowTS()); e != nil {
		return e
	}
	s.refreshOpenIssues(p)
	return c.issuableDoc(http.StatusOK, it)
}

// deleteIssue: https://docs.gitlab.com/api/issues/#delete-an-issue (project
// owners and administrators only, 204).
func (s *Server) deleteIssue(c *call) *apiError {
	p, e := s.deleteIssuable(c, issuesOf)
	if e != nil {
		return e
	}
	s.refreshOpenIssues(p)
	return c.noContent()
}

// deleteIssuable removes an issue or merge request (project owners and
// administrators only) and returns its project.
func (s *Server) deleteIssuable(c *call, col func(*project) *coll) (*project, *apiError) {
	p, it, e := s.issuableFor(c, col)
	if e != nil {
		return nil, e
	}
	if !s.isProjectOwner(c.user, p) {
		return nil, errForbidden
	}
	col(p).remove(it.key)
	return p, nil
}
