package gitlabtest

import (
	"encoding/base64"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Commits of the fake's repository (repo.go), with GitLab's semantics
// (https://docs.gitlab.com/api/commits/): listing with ref_name (a branch,
// tag, commit or a..b range), path, since/until and all; one commit by sha,
// short sha, branch or tag, with its stats; commits made of several file
// actions; diff, refs, sequence, signature, the merge requests that hold a
// commit; cherry-picks and reverts as new commits on a branch; commit
// statuses (a pending or running status of the same name moves on) and
// comments. Commits are also parents in the generic store (natives), so a
// commit's discussions are served there.

func (s *Server) registerCommitRoutes() {
	const base = "/projects/{id}/repository/commits"
	s.handle("GET "+base, s.listCommits)
	s.handle("POST "+base, s.createCommit, needAuth)
	s.handle("GET "+base+"/{sha}", s.getCommit)
	s.handle("GET "+base+"/{sha}/diff", s.commitDiff)
	s.handle("GET "+base+"/{sha}/refs", s.commitRefs)
	s.handle("GET "+base+"/{sha}/sequence", s.commitSequence)
	s.handle("GET "+base+"/{sha}/signature", s.commitSignature)
	s.handle("GET "+base+"/{sha}/merge_requests", s.commitMergeRequests)
	s.handle("POST "+base+"/{sha}/cherry_pick", s.cherryPick, needAuth)
	s.handle("POST "+base+"/{sha}/revert", s.revertCommit, needAuth)
	s.handle("GET "+base+"/{sha}/statuses", s.listStatuses)
	s.handle("POST /projects/{id}/statuses/{sha}", s.createStatus, needAuth)
	s.handle("GET "+base+"/{sha}/comments", s.listCommitComments)
	s.handle("POST "+base+"/{sha}/comments", s.createCommitComment, needAuth)
}

// commitNative resolves a commit as the parent of the store's collections
// under it (discussions): by sha, short sha, branch or tag, canonically its
// full sha.
func commitNative(c *call, sc *scope, v string) (string, *apiError) {
	p := sc.project
	if p == nil {
		return "", errNotFoundPlain
	}
	cm := c.s.refCommit(p, c.s.repoOf(p), v)
	if cm == nil {
		return "", notFound("Commit")
	}
	sc.parent = &item{key: cm.id, obj: commitJSON(p, cm)}
	return cm.id, nil
}

// refCommit resolves a ref as git does: a branch, HEAD, a tag, a full sha
// or an unambiguous prefix of at least four hex digits.
func (s *Server) refCommit(p *project, r *repo, ref string) *commit {
	if cm := p.resolveRef(r, ref); cm != nil {
		return cm
	}
	if t := s.tagTarget(p, ref); t != "" {
		return p.resolveRef(r, t)
	}
	if len(ref) < 4 || len(ref) > 40 || strings.Trim(ref, "0123456789abcdef") != "" {
		return nil
	}
	var found *commit
	for id, cm := range r.commits {
		if strings.HasPrefix(id, ref) {
			if found != nil {
				return nil
			}
			found = cm
		}
	}
	return found
}

// storeItems are the objects of a built-in declaration's collection in the
// generic store, under the canonical placeholder values.
func (s *Server) storeItems(name string, vals ...string) []*item {
	if col := s.st.colls[collKey(storeKind(name), vals)]; col != nil {
		return col.items
	}
	return nil
}

// storeCollMade is the collection itself, made when missing.
func (s *Server) storeCollMade(name string, vals ...string) *coll {
	key := collKey(storeKind(name), vals)
	col := s.st.colls[key]
	if col == nil {
		col = newColl()
		s.st.colls[key] = col
	}
	return col
}

// tagTarget is the commit a tag of the generic store points at: its
// target or commit id, or the ref it was created from.
func (s *Server) tagTarget(p *project, name string) string {
	for _, it := range s.storeItems("project_tag", strconv.Itoa(p.id)) {
		if it.key != name {
			continue
		}
		if t := it.str("target"); t != "" {
			return t
		}
		if cm, ok := it.obj["commit"].(map[string]any); ok {
			if id, _ := cm["id"].(string); id != "" {
				return id
			}
		}
		return it.str("ref")
	}
	return ""
}

// history lists the commits reachable from heads, newest first; with
// firstParent only the first parent of merges is followed.
func history(r *repo, firstParent bool, heads ...*commit) []*commit {
	seen := map[string]bool{}
	var out []*commit
	stack := slices.Clone(heads)
	for len(stack) > 0 {
		cm := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cm == nil || seen[cm.id] {
			continue
		}
		seen[cm.id] = true
		out = append(out, cm)
		for i, id := range cm.parents {
			if i > 0 && firstParent {
				break
			}
			stack = append(stack, r.commits[id])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq > out[j].seq })
	return out
}

// between lists the commits reachable from head but not from base, newest
// first (git log base..head).
func between(r *repo, base, head *commit) []*commit {
	exclude := map[string]bool{}
	for _, cm := range history(r, false, base) {
		exclude[cm.id] = true
	}
	var out []*commit
	for _, cm := range history(r, false, head) {
		if !exclude[cm.id] {
			out = append(out, cm)
		}
	}
	return out
}

// mergeBase is the newest common ancestor of a and b, or nil.
func mergeBase(r *repo, a, b *commit) *commit {
	inA := map[string]bool{}
	for _, cm := range history(r, false, a) {
		inA[cm.id] = true
	}
	for _, cm := range history(r, false, b) {
		if inA[cm.id] {
			return cm
		}
	}
	return nil
}

// parentFiles is the snapshot a commit is compared with: its first
// parent's, none for a root commit.
func parentFiles(r *repo, cm *commit) map[string]*blob {
	if len(cm.parents) > 0 {
		if p := r.commits[cm.parents[0]]; p != nil {
			return p.files
		}
	}
	return nil
}

func commitChanges(r *repo, cm *commit) []fileChange {
	return treeChanges(parentFiles(r, cm), cm.files)
}

// commitDetail is the single-commit entity: the commit, its stats, the
// project and the status its latest commit statuses add up to
// (https://docs.gitlab.com/api/commits/#get-a-single-commit).
func (s *Server) commitDetail(p *project, r *repo, cm *commit, stats bool) map[string]any {
	m := commitJSON(p, cm)
	if stats {
		m["stats"] = diffStats(commitChanges(r, cm))
	}
	m["project_id"] = p.id
	m["last_pipeline"] = nil
	m["status"] = s.commitState(p, cm)
	return m
}

// commitFor resolves the project and the commit named by the path.
func (s *Server) commitFor(c *call, write bool) (*project, *repo, *commit, *apiError) {
	p, e := s.projectFor(c, write)
	if e != nil {
		return nil, nil, nil, e
	}
	r := s.repoOf(p)
	cm := s.refCommit(p, r, c.args[1])
	if cm == nil {
		return nil, nil, nil, notFound("Commit")
	}
	return p, r, cm, nil
}

// timeParam parses an ISO 8601 time parameter.
func timeParam(c *call, k string) (time.Time, bool, *apiError) {
	v, ok := c.p.str(k)
	if !ok || v == "" {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false, invalid(k)
	}
	return t, true, nil
}

// touches reports whether a commit changes path or a file under it.
func touches(r *repo, cm *commit, path string) bool {
	path = strings.Trim(path, "/")
	for _, ch := range commitChanges(r, cm) {
		for _, fp := range []string{ch.oldPath, ch.newPath} {
			if fp == path || strings.HasPrefix(fp, path+"/") {
				return true
			}
		}
	}
	return false
}

// listCommits: https://docs.gitlab.com/api/commits/#list-repository-commits
// (ref_name defaults to the default branch; an unknown ref lists nothing).
func (s *Server) listCommits(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	flags := map[string]bool{}
	for _, k := range []string{"all", "first_parent", "with_stats"} {
		v, _, e := c.p.boolean(k)
		if e != nil {
			return e
		}
		flags[k] = v
	}
	since, hasSince, e := timeParam(c, "since")
	if e != nil {
		return e
	}
	until, hasUntil, e := timeParam(c, "until")
	if e != nil {
		return e
	}
	var list []*commit
	ref := c.p.get("ref_name")
	switch from, to, isRange := strings.Cut(ref, ".."); {
	case flags["all"]:
		var heads []*commit
		for _, h := range r.branches {
			heads = append(heads, h)
		}
		list = history(r, flags["first_parent"], heads...)
	case isRange:
		if a, b := s.refCommit(p, r, from), s.refCommit(p, r, to); a != nil && b != nil {
			list = between(r, a, b)
		}
	default:
		if ref == "" {
			ref = p.defaultBranch
		}
		if head := s.refCommit(p, r, ref); head != nil {
			list = history(r, flags["first_parent"], head)
		}
	}
	path, author := c.p.get("path"), lower(c.p.get("author"))
	list = slices.DeleteFunc(list, func(cm *commit) bool {
		at, _ := time.Parse(time.RFC3339, cm.at)
		return (hasSince && at.Before(since)) || (hasUntil && at.After(until)) ||
			(path != "" && !touches(r, cm, path)) ||
			(author != "" && !strings.Contains(lower(cm.author), author) && !strings.Contains(lower(cm.email), author))
	})
	// order=topo wants parents after all their children: the creation order
	// reversed, the default here, already is one.
	if o := c.p.get("order"); o != "" && o != "default" && o != "topo" {
		return errErr(http.StatusBadRequest, "order does not have a valid value")
	}
	docs := make([]doc, len(list))
	for i, cm := range list {
		m := commitJSON(p, cm)
		if flags["with_stats"] {
			m["stats"] = diffStats(commitChanges(r, cm))
		}
		docs[i] = marshalDoc(m)
	}
	return c.listDocs(len(docs), func(i int) *doc { return &docs[i] })
}

// getCommit: https://docs.gitlab.com/api/commits/#get-a-single-commit (by
// sha, short sha, branch or tag; stats unless stats=false).
func (s *Server) getCommit(c *call) *apiError {
	p, r, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	stats, has, e := c.p.boolean("stats")
	if e != nil {
		return e
	}
	return c.value(http.StatusOK, s.commitDetail(p, r, cm, stats || !has))
}

// commitActions are the file actions of a commit
// (https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions).
var commitActions = []string{"create", "delete", "move", "update", "chmod"}

// actionList reads the actions parameter: a JSON array of objects, or the
// form's actions[][key] hashes.
func actionList(c *call) ([]map[string]any, *apiError) {
	var raw []any
	switch v := c.p["actions"].(type) {
	case []any:
		raw = v
	case map[string]any: // actions[0][action]=... keyed by index
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return numLess(keys[i], keys[j]) })
		for _, k := range keys {
			raw = append(raw, v[k])
		}
	default:
		return nil, invalid("actions")
	}
	out := make([]map[string]any, 0, len(raw))
	for i, a := range raw {
		m, ok := a.(map[string]any)
		if !ok {
			return nil, invalid("actions")
		}
		pfx := "actions[" + strconv.Itoa(i) + "]"
		for _, k := range []string{"action", "file_path"} {
			if anyString(m[k]) == "" {
				return nil, missing(pfx + "[" + k + "]")
			}
		}
		if !slices.Contains(commitActions, anyString(m["action"])) {
			return nil, errErr(http.StatusBadRequest, pfx+"[action] does not have a valid value")
		}
		out = append(out, m)
	}
	return out, nil
}

// applyAction applies one file action to files, with the messages of
// GitLab's commit service.
func applyAction(files map[string]*blob, a map[string]any) *apiError {
	fp, prev := anyString(a["file_path"]), anyString(a["previous_path"])
	cur := files[fp]
	if lc := anyString(a["last_commit_id"]); lc != "" && cur != nil && cur.lastCommit != lc {
		return msgErr(http.StatusBadRequest, "The file has changed since you started editing it: "+fp)
	}
	content := func() (*blob, *apiError) {
		text := anyString(a["content"])
		if anyString(a["encoding"]) == "base64" {
			b, e := decodeBase64(text, "content")
			if e != nil {
				return nil, e
			}
			return newBlob(b), nil
		}
		return newBlob([]byte(text)), nil
	}
	switch anyString(a["action"]) {
	case "create":
		if cur != nil {
			return msgErr(http.StatusBadRequest, "A file with this name already exists")
		}
		b, e := content()
		if e != nil {
			return e
		}
		files[fp] = b
	case "update", "chmod":
		if cur == nil {
			return msgErr(http.StatusBadRequest, "A file with this name doesn't exist")
		}
		if anyString(a["action"]) == "update" {
			b, e := content()
			if e != nil {
				return e
			}
			files[fp] = b
		}
	case "delete":
		if cur == nil {
			return msgErr(http.StatusBadRequest, "A file with this name doesn't exist")
		}
		delete(files, fp)
	case "move":
		old := files[prev]
		if prev == "" || old == nil {
			return msgErr(http.StatusBadRequest, "A file with this name doesn't exist")
		}
		if cur != nil && prev != fp {
			return msgErr(http.StatusBadRequest, "A file with this name already exists")
		}
		delete(files, prev)
		files[fp] = old
		if _, ok := a["content"]; ok {
			b, e := content()
			if e != nil {
				return e
			}
			files[fp] = b
		}
	}
	return nil
}

// createCommit: https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions
// (branch, commit_message and actions required; a new branch starts from
// start_branch or start_sha; 201 with the commit and its stats; archived
// projects are read-only).
func (s *Server) createCommit(c *call) *apiError {
	if e := c.checkAttrs([]string{"branch", "commit_message", "actions"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if p.archived {
		return errForbidden
	}
	actions, e := actionList(c)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	branch := c.p.get("branch")
	base := r.branches[branch]
	start, startSHA := c.p.get("start_branch"), c.p.get("start_sha")
	switch {
	case start != "" && startSHA != "":
		return errErr(http.StatusBadRequest, "start_branch, start_sha are mutually exclusive")
	case start != "" || startSHA != "":
		if base != nil {
			if force, _, _ := c.p.boolean("force"); !force {
				return msgErr(http.StatusBadRequest, "A branch called '"+branch+"' already exists. Switch to that branch in order to make changes")
			}
		}
		base = r.branches[start]
		if startSHA != "" {
			base = r.commits[startSHA]
		}
		if base == nil {
			return msgErr(http.StatusBadRequest, "Invalid reference name: "+start+startSHA)
		}
	case base == nil && len(r.branches) > 0:
		return msgErr(http.StatusBadRequest, "You can only create or edit files when you are on a branch")
	}
	files := map[string]*blob{}
	if base != nil {
		for k, v := range base.files {
			files[k] = v
		}
	}
	for _, a := range actions {
		if e := applyAction(files, a); e != nil {
			return e
		}
	}
	author, email := c.p.get("author_name"), c.p.get("author_email")
	if author == "" {
		author = c.user.str("name")
	}
	if email == "" {
		email = c.user.str("email")
	}
	cm := s.newCommit(base, files, c.p.get("commit_message"), author, email, s.nowTS())
	s.pushCommit(p, r, branch, cm)
	stats, has, e := c.p.boolean("stats")
	if e != nil {
		return e
	}
	return c.value(http.StatusCreated, s.commitDetail(p, r, cm, stats || !has))
}

// commitDiff: https://docs.gitlab.com/api/commits/#get-the-diff-of-a-commit
// (against the first parent, paginated).
func (s *Server) commitDiff(c *call) *apiError {
	_, r, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	return c.listValues(changeValues(commitChanges(r, cm)))
}

func changeValues(changes []fileChange) []any {
	out := make([]any, len(changes))
	for i, ch := range changes {
		out[i] = ch.json()
	}
	return out
}

// listValues answers an offset-paginated list of values.
func (c *call) listValues(vals []any) *apiError {
	docs := make([]doc, len(vals))
	for i, v := range vals {
		docs[i] = marshalDoc(v)
	}
	return c.listDocs(len(docs), func(i int) *doc { return &docs[i] })
}

// commitRefs: https://docs.gitlab.com/api/commits/#get-references-a-commit-is-pushed-to
// (type branch, tag or all; the branches and tags whose history holds it).
func (s *Server) commitRefs(c *call) *apiError {
	p, r, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	typ := c.p.get("type")
	if typ == "" {
		typ = "all"
	}
	if !slices.Contains([]string{"branch", "tag", "all"}, typ) {
		return errErr(http.StatusBadRequest, "type does not have a valid value")
	}
	holds := func(head *commit) bool {
		return head != nil && slices.ContainsFunc(history(r, false, head), func(x *commit) bool { return x == cm })
	}
	var out []any
	if typ != "tag" {
		names := make([]string, 0, len(r.branches))
		for n := range r.branches {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if holds(r.branches[n]) {
				out = append(out, map[string]any{"type": "branch", "name": n})
			}
		}
	}
	if typ != "branch" {
		for _, it := range s.storeItems("project_tag", strconv.Itoa(p.id)) {
			if holds(s.refCommit(p, r, s.tagTarget(p, it.key))) {
				out = append(out, map[string]any{"type": "tag", "name": it.key})
			}
		}
	}
	return c.listValues(out)
}

// commitSequence: https://docs.gitlab.com/api/commits/#get-the-sequence-of-a-commit
// (how many commits its history holds, itself included).
func (s *Server) commitSequence(c *call) *apiError {
	_, r, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	fp, _, e := c.p.boolean("first_parent")
	if e != nil {
		return e
	}
	return c.value(http.StatusOK, map[string]any{"count": len(history(r, fp, cm))})
}

// commitMergeRequests: https://docs.gitlab.com/api/commits/#list-merge-requests-associated-with-a-commit
// (the merge requests whose commits hold it, or that merged it).
func (s *Server) commitMergeRequests(c *call) *apiError {
	p, r, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	var list []*item
	if p.mrs != nil {
		for _, it := range p.mrs.items {
			if it.str("merge_commit_sha") == cm.id || slices.Contains(s.mrCommits(p, r, it), cm) {
				list = append(list, it)
			}
		}
	}
	return c.listDocs(len(list), itemDocs(list))
}

// mrCommits are the commits a merge request brings, newest first: its
// source head's history without its target's (for a merged one, the
// target before the merge).
func (s *Server) mrCommits(p *project, r *repo, mr *item) []*commit {
	head := r.commits[mr.str("sha")]
	if head == nil {
		head = r.branches[mr.str("source_branch")]
	}
	target := r.branches[mr.str("target_branch")]
	if mc := r.commits[mr.str("merge_commit_sha")]; mc != nil && len(mc.parents) > 0 {
		target = r.commits[mc.parents[0]]
	}
	if head == nil {
		return nil
	}
	if target == nil {
		return history(r, false, head)
	}
	return between(r, target, head)
}

// pickOnto replays the changes of cm (reversed for a revert) on branch as a
// new commit, or answers GitLab's error with its error_code.
func (s *Server) pickOnto(c *call, revert bool) *apiError {
	if e := c.p.require("branch"); e != nil {
		return e
	}
	p, r, cm, e := s.commitFor(c, true)
	if e != nil {
		return e
	}
	branch := c.p.get("branch")
	head := r.branches[branch]
	if head == nil {
		return notFound("Branch")
	}
	files, why := applyChanges(head.files, commitChanges(r, cm), revert)
	if why != "" {
		verb, done := "cherry-pick", "cherry-picked"
		if revert {
			verb, done = "revert", "reverted"
		}
		return objErr2(http.StatusBadRequest, "Sorry, we cannot "+verb+" this commit automatically. This commit may already have been "+
			done+", or a more recent commit may have updated some of its content.", why)
	}
	if dry, _, e := c.p.boolean("dry_run"); e != nil {
		return e
	} else if dry {
		return c.value(http.StatusOK, map[string]any{"dry_run": "success"})
	}
	msg, author, email := cm.message+"\n\n(cherry picked from commit "+cm.id+")", cm.author, cm.email
	if revert {
		msg, author, email = "Revert \""+cm.title+"\"\n\nThis reverts commit "+cm.id+".", c.user.str("name"), c.user.str("email")
	}
	if m := c.p.get("message"); m != "" {
		msg = m
	}
	nc := s.newCommit(head, files, msg, author, email, s.nowTS())
	s.pushCommit(p, r, branch, nc)
	return c.value(http.StatusCreated, commitJSON(p, nc))
}

// decodeBase64 decodes a base64 attribute; bad data answers "<field> is invalid".
func decodeBase64(text, field string) ([]byte, *apiError) {
	b, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, invalid(field)
	}
	return b, nil
}

// objErr2 is a message with an error_code beside it.
func objErr2(status int, msg, code string) *apiError {
	return &apiError{status: status, ctype: "application/json", body: marshal(map[string]any{"message": msg, "error_code": code})}
}

// cherryPick: https://docs.gitlab.com/api/commits/#cherry-pick-a-commit
// (201 with the new commit on branch; 400 with error_code empty or
// conflict; dry_run answers {"dry_run":"success"}).
func (s *Server) cherryPick(c *call) *apiError { return s.pickOnto(c, false) }

// revertCommit: https://docs.gitlab.com/api/commits/#revert-a-commit.
func (s *Server) revertCommit(c *call) *apiError { return s.pickOnto(c, true) }

// statusEvents are the state machine events of a commit status, by the
// state they lead to (https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit).
var statusEvents = map[string]string{
	"pending": "enqueue", "running": "run", "success": "success", "failed": "drop", "canceled": "cancel", "skipped": "skip",
}

func statusDone(state string) bool { return state != "pending" && state != "running" }

// createStatus: https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit
// (state required; name or context, default "default"; ref defaults to a
// branch holding the commit; a pending or running status of the same name
// and ref moves to the new state, and a move to its own state is refused).
func (s *Server) createStatus(c *call) *apiError {
	if e := c.p.require("state"); e != nil {
		return e
	}
	state := c.p.get("state")
	if statusEvents[state] == "" {
		return errErr(http.StatusBadRequest, "state does not have a valid value")
	}
	p, r, cm, e := s.commitFor(c, true)
	if e != nil {
		return e
	}
	name := c.p.get("name")
	if name == "" {
		name = c.p.get("context")
	}
	if name == "" {
		name = "default"
	}
	ref := c.p.get("ref")
	if ref == "" {
		ref = s.branchHolding(p, r, cm)
	}
	col := s.storeCollMade("project_commit_status", strconv.Itoa(p.id), cm.id)
	now := s.nowTS()
	var it *item
	for _, x := range slices.Backward(col.items) {
		if x.str("name") == name && x.str("ref") == ref && !statusDone(x.str("status")) {
			it = x
			break
		}
	}
	if it != nil && it.str("status") == state {
		ev := statusEvents[state]
		return msgErr(http.StatusBadRequest, "Cannot transition status via :"+ev+" from :"+state+
			" (Reason(s): Status cannot transition via \""+ev+"\")")
	}
	if it == nil {
		id := s.nextID(storeKind("project_commit_status"))
		it = &item{key: strconv.Itoa(id), id: id, obj: map[string]any{
			"id": id, "sha": cm.id, "ref": ref, "name": name, "created_at": now, "started_at": nil, "finished_at": nil,
			"allow_failure": false, "author": c.user.basicJSON(), "pipeline_id": nil, "coverage": nil,
			"target_url": nil, "description": nil,
		}}
		col.add(it)
	}
	it.obj["status"] = state
	for _, k := range []string{"target_url", "description"} {
		if v, ok := c.p.str(k); ok {
			it.obj[k] = v
		}
	}
	if v, ok := c.p.str("coverage"); ok {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return invalid("coverage")
		}
		it.obj["coverage"] = f
	}
	if (state == "running" || statusDone(state)) && it.obj["started_at"] == nil {
		it.obj["started_at"] = now
	}
	if statusDone(state) {
		it.obj["finished_at"] = now
	}
	it.render()
	return c.doc(http.StatusCreated, &it.doc)
}

// branchHolding is the default branch when its history holds cm, else the
// first such branch by name.
func (s *Server) branchHolding(p *project, r *repo, cm *commit) string {
	names := make([]string, 0, len(r.branches))
	for n := range r.branches {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		return names[i] == p.defaultBranch || names[j] != p.defaultBranch && names[i] < names[j]
	})
	for _, n := range names {
		if slices.Contains(history(r, false, r.branches[n]), cm) {
			return n
		}
	}
	return ""
}

// latestStatuses are the newest status of each name and ref, oldest first.
func latestStatuses(items []*item) []*item {
	seen := map[string]bool{}
	var out []*item
	for _, it := range slices.Backward(items) {
		k := it.str("name") + "\x00" + it.str("ref")
		if !seen[k] {
			seen[k] = true
			out = append(out, it)
		}
	}
	slices.Reverse(out)
	return out
}

// commitState is the status a commit's latest statuses add up to, nil
// without any (https://docs.gitlab.com/api/commits/#get-a-single-commit).
func (s *Server) commitState(p *project, cm *commit) any {
	items := latestStatuses(s.storeItems("project_commit_status", strconv.Itoa(p.id), cm.id))
	if len(items) == 0 {
		return nil
	}
	rank := map[string]int{"skipped": 0, "success": 1, "canceled": 2, "pending": 3, "running": 4, "failed": 5}
	best := "skipped"
	for _, it := range items {
		if st := it.str("status"); rank[st] > rank[best] {
			best = st
		}
	}
	return best
}

// listStatuses: https://docs.gitlab.com/api/commits/#list-the-statuses-of-a-commit
// (the latest of each name unless all=true; ref, name and stage filters).
func (s *Server) listStatuses(c *call) *apiError {
	p, _, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	all, _, e := c.p.boolean("all")
	if e != nil {
		return e
	}
	items := s.storeItems("project_commit_status", strconv.Itoa(p.id), cm.id)
	if !all {
		items = latestStatuses(items)
	}
	ref, name := c.p.get("ref"), c.p.get("name")
	items = slices.DeleteFunc(slices.Clone(items), func(it *item) bool {
		return (ref != "" && it.str("ref") != ref) || (name != "" && it.str("name") != name) ||
			(c.p.has("stage") && c.p.get("stage") != "external")
	})
	return c.listDocs(len(items), itemDocs(items))
}

// listCommitComments: https://docs.gitlab.com/api/commits/#get-the-comments-of-a-commit.
func (s *Server) listCommitComments(c *call) *apiError {
	p, _, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	items := s.storeItems("project_commit_comment", strconv.Itoa(p.id), cm.id)
	return c.listDocs(len(items), itemDocs(items))
}

// createCommitComment: https://docs.gitlab.com/api/commits/#post-comment-to-commit
// (note required; path, line and line_type place it on a diff line; any
// signed-in user who sees the project may comment).
func (s *Server) createCommitComment(c *call) *apiError {
	if e := c.p.require("note"); e != nil {
		return e
	}
	p, _, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	if strings.TrimSpace(c.p.get("note")) == "" {
		return fieldErr("note", "can't be blank")
	}
	var line any
	if n, ok, e := c.p.integer("line"); e != nil {
		return e
	} else if ok {
		line = n
	}
	lineType := c.p.get("line_type")
	if lineType == "" {
		lineType = "new"
	}
	if lineType != "new" && lineType != "old" {
		return errErr(http.StatusBadRequest, "line_type does not have a valid value")
	}
	var path, lt any
	if v := c.p.get("path"); v != "" {
		path, lt = v, lineType
	}
	col := s.storeCollMade("project_commit_comment", strconv.Itoa(p.id), cm.id)
	col.next++
	it := &item{key: strconv.Itoa(col.next), obj: map[string]any{
		"note": c.p.get("note"), "path": path, "line": line, "line_type": lt, "author": c.user.basicJSON(),
		"created_at": s.nowTS(),
	}}
	it.render()
	col.add(it)
	return c.doc(http.StatusCreated, &it.doc)
}
