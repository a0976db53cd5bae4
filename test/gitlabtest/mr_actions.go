package gitlabtest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"

	"github.com/tidwall/sjson"
)

// Merge request actions (https://docs.gitlab.com/api/merge_requests/):
// rebase (asynchronous in GitLab: answered {"rebase_in_progress":true},
// done here at once, so the merge request then reports false), the merge
// ref, changes and commits, the issues it closes or mentions, approval
// resets, auto-merge and its cancellation, time tracking and participants
// (issuable_actions.go).

func (s *Server) registerMRActionRoutes() {
	const base = "/projects/{id}/merge_requests/{iid}/"
	s.handle("PUT "+base+"rebase", s.rebaseMR, needAuth)
	s.handle("GET "+base+"merge_ref", s.mergeRef)
	s.handle("GET "+base+"changes", s.mrChanges)
	s.handle("GET "+base+"commits", s.mrCommitList)
	s.handle("GET "+base+"closes_issues", func(c *call) *apiError { return s.mrIssues(c, true) })
	s.handle("GET "+base+"related_issues", func(c *call) *apiError { return s.mrIssues(c, false) })
	s.handle("PUT "+base+"reset_approvals", s.resetApprovals, needAuth)
	s.handle("POST "+base+"cancel_merge_when_pipeline_succeeds", s.cancelAutoMerge, needAuth)
	s.registerIssuableTimeRoutes("merge_requests", mrsOf)
}

// getMergeRequest answers one merge request; with include_rebase_in_progress
// it tells whether a rebase runs, which here is never once answered
// (https://docs.gitlab.com/api/merge_requests/#get-single-mr).
func (s *Server) getMergeRequest(c *call) *apiError {
	_, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	if e := c.issuableDoc(http.StatusOK, it); e != nil {
		return e
	}
	if rip, _, e := c.p.boolean("include_rebase_in_progress"); e != nil {
		return e
	} else if rip {
		c.body, _ = sjson.SetBytes(c.body, "rebase_in_progress", false)
	}
	return nil
}

// mrHeads are a merge request's source and target branch heads.
func mrHeads(r *repo, mr *item) (src, tgt *commit) {
	return r.branches[mr.str("source_branch")], r.branches[mr.str("target_branch")]
}

// replay puts the commits of src since its merge base with onto onto it,
// one new commit each, as a rebase does; ok is false on a conflict.
func (s *Server) replay(r *repo, onto, src *commit) (*commit, bool) {
	todo := between(r, onto, src)
	slices.Reverse(todo)
	head := onto
	for _, cm := range todo {
		if len(cm.parents) > 1 { // merges are flattened, as git rebase does
			continue
		}
		files, why := applyChanges(head.files, commitChanges(r, cm), false)
		switch why {
		case "empty":
			continue
		case "conflict":
			return nil, false
		}
		head = s.newCommit(head, files, cm.message, cm.author, cm.email, cm.at)
		r.commits[head.id] = head
	}
	return head, true
}

// rebaseMR: https://docs.gitlab.com/api/merge_requests/#rebase-a-merge-request
// (202 {"rebase_in_progress":true}; the source branch is put on the target
// branch at once; a conflict leaves it and sets merge_error; 409 for a
// merge request that is not open; 403 for users who cannot push).
func (s *Server) rebaseMR(c *call) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	if !s.canWriteProject(c.user, p) {
		return errForbidden
	}
	if it.str("state") != "opened" {
		return msgErr(http.StatusConflict, "Failed to enqueue the rebase operation, possibly due to a long-lived transaction. Try again later.")
	}
	if _, _, e := c.p.boolean("skip_ci"); e != nil {
		return e
	}
	r := s.repoOf(p)
	src, tgt := mrHeads(r, it)
	it.obj["merge_error"] = nil
	if src != nil && tgt != nil {
		if head, ok := s.replay(r, tgt, src); !ok {
			it.obj["merge_error"] = "Rebase failed: Rebase locally, resolve all conflicts, then push the branch."
		} else if head != src {
			s.pushCommit(p, r, it.str("source_branch"), head)
		}
		if refs, ok := it.obj["diff_refs"].(map[string]any); ok && it.obj["merge_error"] == nil {
			refs["base_sha"], refs["start_sha"] = tgt.id, tgt.id
		}
	}
	it.render()
	return c.value(http.StatusAccepted, map[string]any{"rebase_in_progress": true})
}

// merged is the snapshot merging the merge request would give, or nil on
// a conflict.
func (s *Server) merged(r *repo, src, tgt *commit) map[string]*blob {
	base := mergeBase(r, src, tgt)
	var baseFiles map[string]*blob
	if base != nil {
		baseFiles = base.files
	}
	files, why := applyChanges(tgt.files, treeChanges(baseFiles, src.files), false)
	switch why {
	case "empty":
		return tgt.files
	case "conflict":
		return nil
	}
	return files
}

// mergeRef: https://docs.gitlab.com/api/merge_requests/#merge-to-default-merge-ref-path
// (the commit refs/merge-requests/:iid/merge would hold: the same id while
// neither branch moves; 400 when it cannot be merged).
func (s *Server) mergeRef(c *call) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	src, tgt := mrHeads(r, it)
	if it.str("state") != "opened" || src == nil || tgt == nil || s.merged(r, src, tgt) == nil {
		return msgErr(http.StatusBadRequest, "Merge request is not mergeable")
	}
	sum := sha1.Sum([]byte("merge-ref\x00" + tgt.id + "\x00" + src.id))
	return c.value(http.StatusOK, map[string]any{"commit_id": hex.EncodeToString(sum[:])})
}

// mrBase is what a merge request's changes are compared with: the merge
// base of its branches (for a merged one, with the target before the
// merge), and its head.
func (s *Server) mrBase(r *repo, mr *item) (base, head *commit) {
	head = r.commits[mr.str("sha")]
	if head == nil {
		head, _ = mrHeads(r, mr)
	}
	_, tgt := mrHeads(r, mr)
	if mc := r.commits[mr.str("merge_commit_sha")]; mc != nil && len(mc.parents) > 0 {
		tgt = r.commits[mc.parents[0]]
	}
	if head == nil || tgt == nil {
		return nil, head
	}
	return mergeBase(r, head, tgt), head
}

// mrChanges: https://docs.gitlab.com/api/merge_requests/#retrieve-merge-request-changes
// (the merge request with its diffs, "changes", and "overflow").
func (s *Server) mrChanges(c *call) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	var changes []fileChange
	if base, head := s.mrBase(r, it); head != nil {
		var baseFiles map[string]*blob
		if base != nil {
			baseFiles = base.files
		}
		changes = treeChanges(baseFiles, head.files)
	}
	if e := c.issuableDoc(http.StatusOK, it); e != nil {
		return e
	}
	c.body, _ = sjson.SetBytes(c.body, "changes", changeValues(changes))
	c.body, _ = sjson.SetBytes(c.body, "overflow", false)
	c.body, _ = sjson.SetBytes(c.body, "changes_count", strconv.Itoa(len(changes)))
	return nil
}

// mrCommitList: https://docs.gitlab.com/api/merge_requests/#get-single-merge-request-commits
// (newest first).
func (s *Server) mrCommitList(c *call) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	list := s.mrCommits(p, s.repoOf(p), it)
	vals := make([]any, len(list))
	for i, cm := range list {
		vals[i] = commitJSON(p, cm)
	}
	return c.listValues(vals)
}

// mrIssues: closes_issues (https://docs.gitlab.com/api/merge_requests/#list-issues-that-close-on-merge)
// and related_issues (https://docs.gitlab.com/api/merge_requests/#list-issues-related-to-the-merge-request).
func (s *Server) mrIssues(c *call, closing bool) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	list := s.mrIssueRefs(p, it, closing)
	if !closing {
		for _, x := range s.mrIssueRefs(p, it, true) {
			if !slices.Contains(list, x) {
				list = append(list, x)
			}
		}
	}
	return c.listDocs(len(list), itemDocs(list))
}

// resetApprovals: https://docs.gitlab.com/api/merge_request_approvals/#reset-approvals-of-a-merge-request
// (202; for bot users of project and group tokens, 401 for others. The
// fake's administrators stand in for the bots it does not make.)
func (s *Server) resetApprovals(c *call) *apiError {
	_, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	if !c.user.admin && c.user.obj["bot"] != true {
		return errUnauthorized
	}
	it.ext.(*issuable).approvals = nil
	c.status = http.StatusAccepted
	return nil
}

// autoMerge sets a merge request to merge when its pipeline succeeds: a
// merge asked with merge_when_pipeline_succeeds (or auto_merge) while a
// pipeline of its head is still running. done is false when the merge
// should happen now (https://docs.gitlab.com/api/merge_requests/#merge-a-merge-request).
func (s *Server) autoMerge(c *call, p *project, it *item) (e *apiError, done bool) {
	want := false
	for _, k := range []string{"merge_when_pipeline_succeeds", "auto_merge"} {
		v, _, e := c.p.boolean(k)
		if e != nil {
			return e, true
		}
		want = want || v
	}
	if !want || it.str("state") != "opened" || !s.pipelineRunning(p, it.str("sha")) {
		return nil, false
	}
	it.obj["merge_when_pipeline_succeeds"] = true
	it.obj["merge_user"] = c.user.basicJSON()
	it.obj["updated_at"] = s.nowTS()
	it.render()
	return c.issuableDoc(http.StatusOK, it), true
}

// pipelineRunning reports whether a pipeline of the generic store for sha
// has not finished.
func (s *Server) pipelineRunning(p *project, sha string) bool {
	for _, pl := range s.storeItems("project_pipeline", strconv.Itoa(p.id)) {
		if pl.str("sha") == sha {
			switch pl.str("status") {
			case "created", "waiting_for_resource", "preparing", "pending", "running", "scheduled", "manual":
				return true
			}
		}
	}
	return false
}

// cancelAutoMerge: https://docs.gitlab.com/api/merge_requests/#cancel-merge-when-pipeline-succeeds
// (201 with the merge request; 405 when merged or closed; 406 when it was
// not set to merge).
func (s *Server) cancelAutoMerge(c *call) *apiError {
	p, it, e := s.issuableFor(c, mrsOf)
	if e != nil {
		return e
	}
	if !s.canWriteProject(c.user, p) {
		return errForbidden
	}
	switch {
	case it.str("state") != "opened":
		return msgErr(http.StatusMethodNotAllowed, "405 Method Not Allowed")
	case it.obj["merge_when_pipeline_succeeds"] != true:
		return msgErr(http.StatusNotAcceptable, "406 Not Acceptable")
	}
	it.obj["merge_when_pipeline_succeeds"] = false
	it.obj["merge_user"] = nil
	it.obj["updated_at"] = s.nowTS()
	it.render()
	return c.issuableDoc(http.StatusCreated, it)
}
