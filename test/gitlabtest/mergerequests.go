package gitlabtest

import (
	"net/http"
	"strconv"
	"strings"
)

func (s *Server) registerMRRoutes() {
	s.handle("GET /projects/{id}/merge_requests", s.listMRs)
	s.handle("GET /projects/{id}/merge_requests/{iid}", s.getMR)
	s.handle("POST /projects/{id}/merge_requests", s.createMR, needAuth)
	s.handle("PUT /projects/{id}/merge_requests/{iid}", s.updateMR, needAuth)
	s.handle("DELETE /projects/{id}/merge_requests/{iid}", s.deleteMR, needAuth)
	s.handle("PUT /projects/{id}/merge_requests/{iid}/merge", s.mergeMR, needAuth)
	s.handle("POST /projects/{id}/merge_requests/{iid}/approve", s.approveMR, needAuth)
	s.handle("POST /projects/{id}/merge_requests/{iid}/unapprove", s.unapproveMR, needAuth)
	s.handle("GET /projects/{id}/merge_requests/{iid}/approvals", s.getApprovals, needAuth)
	s.registerIssuableActions("merge_requests")
}

// mrOrders are the documented order_by values of the merge request list.
var mrOrders = []string{"created_at", "updated_at", "title", "merged_at", "label_priority", "milestone_due",
	"popularity", "priority"}

// listMRs: https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests.
func (s *Server) listMRs(c *call) *apiError {
	return s.listIssuables(c, mrsOf, []string{"opened", "closed", "locked", "merged"}, mrOrders)
}

// getMR: https://docs.gitlab.com/api/merge_requests/#get-single-mr (by iid).
func (s *Server) getMR(c *call) *apiError { return s.getMergeRequest(c) } // mr_actions.go

func isDraft(title string) bool {
	t := strings.ToLower(title)
	for _, pfx := range []string{"draft:", "[draft]", "(draft)"} {
		if strings.HasPrefix(t, pfx) {
			return true
		}
	}
	return false
}

// openMRFor finds another open merge request from the same source branch.
func openMRFor(p *project, branch string, self *item) *item {
	if p.mrs == nil {
		return nil
	}
	for _, it := range p.mrs.items {
		if it != self && it.str("state") == "opened" && it.str("source_branch") == branch {
			return it
		}
	}
	return nil
}

// branchConflict is the 409 GitLab answers for a second open merge request
// from one source branch: `message` is a one-element list
// (https://docs.gitlab.com/api/merge_requests/#create-mr; gitlab-protocol.md section 6).
func branchConflict(other *item) *apiError {
	return objErr(http.StatusConflict, []string{"Another open merge request already exists for this source branch: !" + other.key})
}

// createMR: https://docs.gitlab.com/api/merge_requests/#create-mr
// (source_branch, target_branch and title required; developers only).
func (s *Server) createMR(c *call) *apiError {
	if e := c.p.require("source_branch", "target_branch", "title"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	src, tgt, title := c.p.get("source_branch"), c.p.get("target_branch"), c.p.get("title")
	if strings.TrimSpace(title) == "" {
		return fieldErr("title", "can't be blank")
	}
	if src == tgt {
		return objErr(http.StatusUnprocessableEntity, []string{"You can't use same project/branch for source and target"})
	}
	if other := openMRFor(p, src, nil); other != nil {
		return branchConflict(other)
	}
	ids, users, _, e := s.assigneesFrom(c)
	if e != nil {
		return e
	}
	removeSrc, _, e := c.p.boolean("remove_source_branch")
	if e != nil {
		return e
	}
	squash, _, e := c.p.boolean("squash")
	if e != nil {
		return e
	}
	if p.mrs == nil {
		p.mrs = newColl()
	}
	p.mrs.next++
	s.st.nextMR++
	iid, id := p.mrs.next, s.st.nextMR
	now := s.nowTS()
	labels := labelsParam(c)
	r := s.repoOf(p)
	var sha, base any
	if h := r.branches[src]; h != nil {
		sha = h.id
	}
	if h := r.branches[tgt]; h != nil {
		base = h.id
	}
	ref := "!" + strconv.Itoa(iid)
	draft := isDraft(title)
	if v, ok, e := c.p.boolean("draft"); e != nil {
		return e
	} else if ok {
		draft = draft || v
	}
	// Field set of https://docs.gitlab.com/api/merge_requests/#get-single-mr.
	obj := map[string]any{
		"id": id, "iid": iid, "project_id": p.id, "title": title, "description": c.p.get("description"),
		"state": "opened", "created_at": now, "updated_at": now, "merged_by": nil, "merge_user": nil,
		"merged_at": nil, "closed_by": nil, "closed_at": nil, "target_branch": tgt, "source_branch": src,
		"user_notes_count": 0, "upvotes": 0, "downvotes": 0, "author": c.user.basicJSON(), "reviewers": []any{},
		"source_project_id": p.id, "target_project_id": p.id, "labels": labels, "draft": draft,
		"work_in_progress": draft, "milestone": nil, "merge_when_pipeline_succeeds": false,
		"merge_status": "can_be_merged", "detailed_merge_status": "mergeable", "sha": sha,
		"merge_commit_sha": nil, "squash_commit_sha": nil, "discussion_locked": nil,
		"should_remove_source_branch": nil, "force_remove_source_branch": removeSrc, "prepared_at": now,
		"reference": ref, "references": map[string]any{"short": ref, "relative": ref, "full": p.fullPath + ref},
		"web_url":    urlMarker + "/" + p.fullPath + "/-/merge_requests/" + strconv.Itoa(iid),
		"time_stats": map[string]any{"time_estimate": 0, "total_time_spent": 0, "human_time_estimate": nil, "human_total_time_spent": nil},
		"squash":     squash, "squash_on_merge": squash,
		"task_completion_status": map[string]any{"count": 0, "completed_count": 0},
		"has_conflicts":          false, "blocking_discussions_resolved": true, "approvals_before_merge": nil,
		"changes_count": "0", "latest_build_started_at": nil, "latest_build_finished_at": nil,
		"first_deployed_to_production_at": nil, "pipeline": nil, "head_pipeline": nil,
		"diff_refs":   map[string]any{"base_sha": base, "head_sha": sha, "start_sha": base},
		"merge_error": nil, "first_contribution": false, "user": map[string]any{"can_merge": true},
	}
	it := c.addIssuable(p.mrs, iid, id, obj, ids, users)
	return c.issuableDoc(http.StatusCreated, it)
}

// updateMR: https://docs.gitlab.com/api/merge_requests/#update-mr.
func (s *Server) updateMR(c *call) *apiError {
	p, it, e := s.editableIssuable(c, mrsOf)
	if e != nil {
		return e
	}
	obj := it.obj
	if e := editText(c, obj); e != nil {
		return e
	}
	if v, ok := c.p.str("title"); ok {
		obj["draft"], obj["work_in_progress"] = isDraft(v), isDraft(v)
	}
	if v, ok := c.p.str("target_branch"); ok && v != "" {
		if v == it.str("source_branch") {
			return objErr(http.StatusUnprocessableEntity, []string{"You can't use same project/branch for source and target"})
		}
		obj["target_branch"] = v
	}
	for k, field := range map[string]string{"remove_source_branch": "force_remove_source_branch", "squash": "squash",
		"discussion_locked": "discussion_locked", "draft": "draft"} {
		if v, ok, e := c.p.boolean(k); e != nil {
			return e
		} else if ok {
			obj[field] = v
			if k == "draft" {
				obj["work_in_progress"] = v
			}
		}
	}
	if e := s.editAssigneesAndLabels(c, it); e != nil {
		return e
	}
	if c.p.get("state_event") == "reopen" && obj["state"] == "closed" {
		if other := openMRFor(p, it.str("source_branch"), it); other != nil {
			return branchConflict(other)
		}
	}
	now := s.nowTS()
	if obj["state"] == "merged" && c.p.has("state_event") {
		return objErr(http.StatusUnprocessableEntity, []string{"State cannot be changed for merged merge requests"})
	}
	if e := finishEdit(c, it, now); e != nil {
		return e
	}
	return c.issuableDoc(http.StatusOK, it)
}

// deleteMR: https://docs.gitlab.com/api/merge_requests/#delete-a-merge-request
// (owners and administrators only, 204).
func (s *Server) deleteMR(c *call) *apiError {
	if _, e := s.deleteIssuable(c, mrsOf); e != nil {
		return e
	}
	return c.noContent()
}

// checkSHA is GitLab's check_sha_param!: a given sha must be the source
// branch HEAD, else 409 naming the HEAD
// (https://docs.gitlab.com/api/merge_requests/#merge-a-merge-request).
func checkSHA(c *call, it *item) *apiError {
	if sha, ok := c.p.str("sha"); ok {
		head, _ := it.obj["sha"].(string)
		if sha != head {
			return msgErr(http.StatusConflict, "SHA does not match HEAD of source branch: "+head)
		}
	}
	return nil
}

// mergeMR: https://docs.gitlab.com/api/merge_requests/#merge-a-merge-request
// (200 with state "merged"; 405 when not open; 409 on a stale sha; 422 for
// drafts; 401 for users who may not merge).
func (s *Server) mergeMR(c *call) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	if !s.canWriteProject(c.user, p) || !s.canMerge(c.user, p, it.str("target_branch")) {
		return errUnauthorized
	}
	if it.str("state") != "opened" {
		return msgErr(http.StatusMethodNotAllowed, "405 Method Not Allowed")
	}
	if e := checkSHA(c, it); e != nil {
		return e
	}
	if it.obj["draft"] == true {
		return msgErr(http.StatusUnprocessableEntity, "Branch cannot be merged")
	}
	if e, done := s.autoMerge(c, p, it); done { // mr_actions.go
		return e
	}
	removeSrc, hasRemove, e := c.p.boolean("should_remove_source_branch")
	if e != nil {
		return e
	}
	now := s.nowTS()
	r := s.repoOf(p)
	src, tgt := it.str("source_branch"), it.str("target_branch")
	var mergeSHA any
	if head := r.branches[src]; head != nil {
		msg := c.p.get("merge_commit_message")
		if msg == "" {
			msg = "Merge branch '" + src + "' into '" + tgt + "'"
		}
		mc := s.newCommit(r.branches[tgt], head.files, msg, c.user.str("name"), c.user.str("email"), now)
		if base := r.branches[tgt]; base != nil {
			mc.parents = append(mc.parents, head.id)
		}
		r.commits[mc.id] = mc
		r.branches[tgt] = mc
		mergeSHA = mc.id
		if (hasRemove && removeSrc) || it.obj["force_remove_source_branch"] == true {
			delete(r.branches, src)
		}
	}
	obj := it.obj
	obj["state"], obj["merged_at"], obj["updated_at"] = "merged", now, now
	obj["merged_by"], obj["merge_user"] = c.user.basicJSON(), c.user.basicJSON()
	obj["merge_commit_sha"] = mergeSHA
	obj["merge_status"], obj["detailed_merge_status"] = "merged", "not_open"
	if hasRemove {
		obj["should_remove_source_branch"] = removeSrc
	}
	it.render()
	return c.issuableDoc(http.StatusOK, it)
}

// approvalState renders the approval object of
// https://docs.gitlab.com/api/merge_request_approvals/#approve-merge-request.
func approvalState(c *call, it *item) map[string]any {
	x := it.ext.(*issuable)
	by := []any{}
	mine := false
	for _, a := range x.approvals {
		by = append(by, map[string]any{"user": a.user.basicJSON(), "approved_at": a.at})
		mine = mine || a.user == c.user
	}
	return map[string]any{
		"id": it.id, "iid": it.obj["iid"], "project_id": it.obj["project_id"], "title": it.obj["title"],
		"description": it.obj["description"], "state": it.obj["state"], "created_at": it.obj["created_at"],
		"updated_at": it.obj["updated_at"], "merge_status": it.obj["merge_status"], "approved": len(by) > 0,
		"approvals_required": 0, "approvals_left": 0, "require_password_to_approve": false,
		"approved_by": by, "suggested_approvers": []any{}, "approvers": []any{}, "approver_groups": []any{},
		"user_has_approved": mine, "user_can_approve": !mine, "approval_rules_left": []any{},
		"has_approval_rules": false, "merge_request_approvers_available": true,
		"multiple_approval_rules_available": true, "invalid_approvers_rules": []any{},
	}
}

func (s *Server) mrForApproval(c *call) (*item, *apiError) {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return nil, e
	}
	if !s.canWriteProject(c.user, p) {
		return nil, errForbidden
	}
	return it, nil
}

// approveMR: https://docs.gitlab.com/api/merge_request_approvals/#approve-merge-request
// (201 with the approval state; 409 on a stale sha). Approving twice answers
// 401 {"message":"401 Unauthorized"}: in GitLab 17.x the approval service
// refuses and the endpoint calls unauthorized! (lib/api/merge_request_approvals.rb;
// zaquestion/lab#673). GitLab 18 answers 304 instead.
func (s *Server) approveMR(c *call) *apiError {
	it, e := s.mrForApproval(c)
	if e != nil {
		return e
	}
	if e := checkSHA(c, it); e != nil {
		return e
	}
	x := it.ext.(*issuable)
	for _, a := range x.approvals {
		if a.user == c.user {
			return errUnauthorized
		}
	}
	x.approvals = append(x.approvals, approval{user: c.user, at: s.nowTS()})
	return c.value(http.StatusCreated, approvalState(c, it))
}

// unapproveMR: https://docs.gitlab.com/api/merge_request_approvals/#unapprove-a-merge-request
// (404 when the user had not approved).
func (s *Server) unapproveMR(c *call) *apiError {
	it, e := s.mrForApproval(c)
	if e != nil {
		return e
	}
	x := it.ext.(*issuable)
	for i, a := range x.approvals {
		if a.user == c.user {
			x.approvals = append(x.approvals[:i], x.approvals[i+1:]...)
			return c.value(http.StatusCreated, approvalState(c, it))
		}
	}
	return errNotFoundPlain
}

// getApprovals: https://docs.gitlab.com/api/merge_request_approvals/#retrieve-approval-state-for-a-merge-request.
func (s *Server) getApprovals(c *call) *apiError {
	_, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	return c.value(http.StatusOK, approvalState(c, it))
}

// refreshMRHeads keeps the sha of open merge requests on their source branch
// HEAD after a commit.
func (s *Server) refreshMRHeads(p *project, branch, sha string) {
	if p.mrs == nil {
		return
	}
	for _, it := range p.mrs.items {
		if it.str("state") == "opened" && it.str("source_branch") == branch {
			it.obj["sha"] = sha
			if refs, ok := it.obj["diff_refs"].(map[string]any); ok {
				refs["head_sha"] = sha
			}
			it.render()
		}
	}
}
