package gitlabtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Issue actions (https://docs.gitlab.com/api/issues/): move to another
// project (a new issue there, with the notes; the old one closed with
// moved_to_id), reorder (order_by=relative_position follows), the merge
// requests that close or mention an issue, the user agent that opened it,
// time tracking and participants (issuable_actions.go).

func (s *Server) registerIssueActionRoutes() {
	const base = "/projects/{id}/issues/{iid}/"
	s.handle("POST "+base+"move", s.moveIssue, needAuth)
	s.handle("PUT "+base+"reorder", s.reorderIssue, needAuth)
	s.handle("GET "+base+"closed_by", func(c *call) *apiError { return s.issueMRs(c, true) })
	s.handle("GET "+base+"related_merge_requests", func(c *call) *apiError { return s.issueMRs(c, false) })
	s.handle("GET "+base+"user_agent_detail", s.userAgentDetail, adminOnly)
	s.registerIssuableTimeRoutes("issues", issuesOf)
}

// agent is what GitLab keeps of the request that opened an issue, for
// spam checks (https://docs.gitlab.com/api/issues/#retrieve-user-agent-details).
type agent struct{ userAgent, ip string }

// recordAgent remembers the user agent and address of the request that
// made it.
func (c *call) recordAgent(it *item) {
	st := &c.s.st.act
	if st.agents == nil {
		st.agents = map[*item]agent{}
	}
	ip := c.r.RemoteAddr
	if i := strings.LastIndexByte(ip, ':'); i >= 0 {
		ip = strings.Trim(ip[:i], "[]")
	}
	st.agents[it] = agent{userAgent: c.r.UserAgent(), ip: ip}
}

// userAgentDetail: https://docs.gitlab.com/api/issues/#retrieve-user-agent-details
// (administrators only).
func (s *Server) userAgentDetail(c *call) *apiError {
	_, it, e := s.issuableFor(c, issuesOf)
	if e != nil {
		return e
	}
	a := s.st.act.agents[it]
	return c.value(http.StatusOK, map[string]any{"user_agent": a.userAgent, "ip_address": a.ip, "akismet_submitted": false})
}

// moveIssue: https://docs.gitlab.com/api/issues/#move-an-issue (201 with
// the new issue, a new iid in the target project, its notes copied; the
// original closed with moved_to_id; 400 for the same project, or an issue
// already moved or that the user cannot move).
func (s *Server) moveIssue(c *call) *apiError {
	if e := c.p.require("to_project_id"); e != nil {
		return e
	}
	p, it, e := s.issuableFor(c, issuesOf)
	if e != nil {
		return e
	}
	to, e := s.findProject(c, c.p.get("to_project_id"))
	if e != nil {
		return e
	}
	if to == p {
		return msgErr(http.StatusBadRequest, "Cannot move issue to project it originates from!")
	}
	if it.obj["moved_to_id"] != nil || !s.canWriteProject(c.user, p) || !s.canWriteProject(c.user, to) {
		return msgErr(http.StatusBadRequest, "Cannot move issue due to insufficient permissions!")
	}
	var obj map[string]any
	_ = json.Unmarshal(marshal(it.obj), &obj) // a deep copy
	if to.issues == nil {
		to.issues = newColl()
	}
	to.issues.next++
	s.st.nextIssue++
	iid, id := to.issues.next, s.st.nextIssue
	now := s.nowTS()
	self := urlMarker + apiPrefix + "/projects/" + strconv.Itoa(to.id) + "/issues/" + strconv.Itoa(iid)
	ref := "#" + strconv.Itoa(iid)
	for k, v := range map[string]any{
		"id": id, "iid": iid, "project_id": to.id, "created_at": now, "updated_at": now, "state": "opened",
		"closed_at": nil, "closed_by": nil, "moved_to_id": nil,
		"web_url":    urlMarker + "/" + to.fullPath + "/-/issues/" + strconv.Itoa(iid),
		"references": map[string]any{"short": ref, "relative": ref, "full": to.fullPath + ref},
		"_links": map[string]any{"self": self, "notes": self + "/notes", "award_emoji": self + "/award_emoji",
			"project": urlMarker + apiPrefix + "/projects/" + strconv.Itoa(to.id), "closed_as_duplicate_of": nil},
	} {
		obj[k] = v
	}
	x := *it.ext.(*issuable)
	x.subscribers, x.todos, x.approvals = map[int]bool{}, map[int]bool{}, nil
	for k, v := range it.ext.(*issuable).subscribers {
		x.subscribers[k] = v
	}
	moved := &item{key: strconv.Itoa(iid), id: id, obj: obj, ext: &x}
	// The notes go with the issue, renumbered.
	notes := s.storeItems("project_issue_note", strconv.Itoa(p.id), it.key)
	col := s.storeCollMade("project_issue_note", strconv.Itoa(to.id), moved.key)
	col.owner = nil
	for _, n := range notes {
		var nobj map[string]any
		_ = json.Unmarshal(n.doc.raw, &nobj)
		nid := s.nextID(storeKind("project_issue_note"))
		nobj["id"], nobj["noteable_id"], nobj["noteable_iid"], nobj["project_id"] = nid, id, iid, to.id
		note := &item{key: strconv.Itoa(nid), id: nid, obj: nobj, ext: n.ext}
		note.render()
		col.add(note)
	}
	obj["user_notes_count"] = len(notes)
	moved.render()
	to.issues.add(moved)
	it.obj["state"], it.obj["closed_at"], it.obj["closed_by"] = "closed", now, c.user.basicJSON()
	it.obj["moved_to_id"], it.obj["updated_at"] = id, now
	it.render()
	s.refreshOpenIssues(p)
	s.refreshOpenIssues(to)
	return c.issuableDoc(http.StatusCreated, moved)
}

// position is an issue's relative position: set by reorder, else its id
// spaced out, so new issues come last
// (https://docs.gitlab.com/api/issues/#reorder-an-issue).
func (s *Server) position(it *item) int {
	if n, ok := s.st.act.positions[it]; ok {
		return n
	}
	return it.id << 20
}

// positionKey orders issues by relative position (order_by=relative_position).
func (s *Server) positionKey(it *item) string { return fmt.Sprintf("%020d", s.position(it)) }

// reorderIssue: https://docs.gitlab.com/api/issues/#reorder-an-issue
// (move_after_id and move_before_id are global issue ids of the same
// project; the issue goes between them).
func (s *Server) reorderIssue(c *call) *apiError {
	p, it, e := s.editableIssuable(c, issuesOf)
	if e != nil {
		return e
	}
	find := func(k string) (*item, bool, *apiError) {
		id, ok, e := c.p.integer(k)
		if !ok || e != nil {
			return nil, ok, e
		}
		for _, x := range p.issues.items {
			if x.id == id {
				return x, true, nil
			}
		}
		return nil, true, errNotFoundPlain
	}
	after, hasAfter, e := find("move_after_id")
	if e != nil {
		return e
	}
	before, hasBefore, e := find("move_before_id")
	if e != nil {
		return e
	}
	if !hasAfter && !hasBefore {
		return atLeastOne("move_after_id", "move_before_id")
	}
	// The neighbours in the current order give the bounds not named.
	order := make([]*item, 0, len(p.issues.items))
	for _, x := range p.issues.items {
		if x != it {
			order = append(order, x)
		}
	}
	sortByKey(order, s.positionKey, func(x *item) int { return x.id })
	const top = 1 << 50
	lo, hi := 0, top
	for i, x := range order {
		if x == after {
			lo = s.position(x)
			if !hasBefore && i+1 < len(order) {
				hi = s.position(order[i+1])
			}
		}
		if x == before {
			hi = s.position(x)
			if !hasAfter && i > 0 {
				lo = s.position(order[i-1])
			}
		}
	}
	if !hasBefore && hi == top {
		hi = lo + 2<<20
	}
	if s.st.act.positions == nil {
		s.st.act.positions = map[*item]int{}
	}
	s.st.act.positions[it] = lo + (hi-lo)/2
	it.obj["updated_at"] = s.nowTS()
	it.render()
	return c.issuableDoc(http.StatusOK, it)
}

// issueMRs: closed_by (https://docs.gitlab.com/api/issues/#list-merge-requests-that-close-a-particular-issue-on-merge)
// and related_merge_requests (https://docs.gitlab.com/api/issues/#list-merge-requests-related-to-issue).
func (s *Server) issueMRs(c *call, closing bool) *apiError {
	p, it, e := s.issuableFor(c, issuesOf)
	if e != nil {
		return e
	}
	var list []*item
	if p.mrs != nil {
		for _, mr := range p.mrs.items {
			refs := s.mrIssueRefs(p, mr, closing)
			if !closing {
				refs = append(refs, s.mrIssueRefs(p, mr, true)...)
			}
			for _, x := range refs {
				if x == it {
					list = append(list, mr)
					break
				}
			}
		}
	}
	return c.listDocs(len(list), itemDocs(list))
}
