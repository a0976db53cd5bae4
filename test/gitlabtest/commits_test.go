package gitlabtest_test

import (
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// commitActions posts a commit of file actions to branch and returns it.
func commitActions(t *testing.T, s *gitlabtest.Server, p, branch, msg string, actions ...map[string]any) map[string]any {
	t.Helper()
	return do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{
		"branch": branch, "commit_message": msg, "actions": actions,
	})).expect(t, 201, "").obj(t)
}

func act(action, path, content string) map[string]any {
	return map[string]any{"action": action, "file_path": path, "content": content}
}

func TestCommitsCreateListGet(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	p := "/projects/root%2Fp"
	c1 := commitActions(t, s, p, "main", "Add code\n\nWith a body", act("create", "src/a.go", "package a\n"), act("update", "README.md", "# p\nmore\n"))
	if c1["title"] != "Add code" || c1["message"] != "Add code\n\nWith a body" || c1["project_id"] != 1.0 {
		t.Fatalf("commit %v", c1)
	}
	if st := c1["stats"].(map[string]any); st["additions"] != 2.0 || st["deletions"] != 0.0 || st["total"] != 2.0 {
		t.Fatalf("stats %v", c1["stats"]) // README: one line kept, one added; a.go: one line added
	}
	c2 := commitActions(t, s, p, "main", "Move", map[string]any{"action": "move", "previous_path": "src/a.go", "file_path": "lib/a.go"},
		act("delete", "README.md", ""))
	// Errors of the commit service, and Grape's for a malformed action.
	do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "main", "commit_message": "x",
		"actions": []any{act("create", "lib/a.go", "again")}})).expect(t, 400, `{"message":"A file with this name already exists"}`)
	do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "main", "commit_message": "x",
		"actions": []any{act("update", "nope", "x")}})).expect(t, 400, `{"message":"A file with this name doesn't exist"}`)
	do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "main", "commit_message": "x",
		"actions": []any{map[string]any{"file_path": "x"}}})).expect(t, 400, `{"error":"actions[0][action] is missing"}`)
	do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "new", "commit_message": "x",
		"actions": []any{act("create", "n.txt", "n")}})).expect(t, 400, `{"message":"You can only create or edit files when you are on a branch"}`)
	do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "main"})).
		expect(t, 400, `{"error":"commit_message is missing, actions is missing"}`)
	// A new branch from start_branch, with the form encoding of actions.
	do(t, s, "POST", p+"/repository/commits", tok(admin), form("branch", "feature", "start_branch", "main", "commit_message", "F",
		"actions[][action]", "create", "actions[][file_path]", "f.txt", "actions[][content]", "f")).expect(t, 201, "")

	list := do(t, s, "GET", p+"/repository/commits").expect(t, 200, "").list(t)
	if len(list) != 3 || list[0]["id"] != c2["id"] || list[1]["id"] != c1["id"] || list[2]["title"] != "Initial commit" {
		t.Fatalf("main history %v", list)
	}
	if list := do(t, s, "GET", p+"/repository/commits?ref_name=feature").list(t); len(list) != 4 || list[0]["title"] != "F" {
		t.Fatalf("feature history %v", list)
	}
	if list := do(t, s, "GET", p+"/repository/commits?ref_name=main..feature").list(t); len(list) != 1 || list[0]["title"] != "F" {
		t.Fatalf("range %v", list)
	}
	if list := do(t, s, "GET", p+"/repository/commits?path=src").list(t); len(list) != 2 || list[0]["id"] != c2["id"] {
		t.Fatalf("path filter %v", list) // added, then moved away
	}
	if list := do(t, s, "GET", p+"/repository/commits?until=2000-01-01T00:00:00Z").list(t); len(list) != 0 {
		t.Fatalf("until %v", list)
	}
	if list := do(t, s, "GET", p+"/repository/commits?since=2000-01-01T00:00:00Z&per_page=2").list(t); len(list) != 2 {
		t.Fatalf("since %v", list)
	}
	do(t, s, "GET", p+"/repository/commits?since=yesterday").expect(t, 400, `{"error":"since is invalid"}`)
	if list := do(t, s, "GET", p+"/repository/commits?ref_name=nope").list(t); len(list) != 0 {
		t.Fatalf("unknown ref %v", list)
	}

	// One commit by sha, short sha and branch.
	sha := c2["id"].(string)
	for _, ref := range []string{sha, sha[:8], "main"} {
		got := do(t, s, "GET", p+"/repository/commits/"+ref).expect(t, 200, "").obj(t)
		if got["id"] != sha || got["stats"] == nil || got["status"] != nil {
			t.Fatalf("get %s: %v", ref, got)
		}
	}
	do(t, s, "GET", p+"/repository/commits/0000000").expect(t, 404, `{"message":"404 Commit Not Found"}`)

	// The diff: a rename and a deletion.
	diffs := do(t, s, "GET", p+"/repository/commits/"+sha+"/diff").expect(t, 200, "").list(t)
	if len(diffs) != 2 || diffs[0]["old_path"] != "README.md" || diffs[0]["deleted_file"] != true ||
		diffs[0]["diff"] != "@@ -1,2 +0,0 @@\n-# p\n-more\n" || diffs[1]["renamed_file"] != true ||
		diffs[1]["old_path"] != "src/a.go" || diffs[1]["new_path"] != "lib/a.go" || diffs[1]["diff"] != "" {
		t.Fatalf("diff %v", diffs)
	}
	if d := do(t, s, "GET", p+"/repository/commits/"+c1["id"].(string)+"/diff").list(t); d[0]["diff"] != "@@ -1 +1,2 @@\n # p\n+more\n" ||
		d[1]["new_file"] != true || d[1]["a_mode"] != "0" || d[1]["b_mode"] != "100644" {
		t.Fatalf("diff %v", d)
	}
	refs := do(t, s, "GET", p+"/repository/commits/"+c1["id"].(string)+"/refs?type=branch").expect(t, 200, "").list(t)
	if len(refs) != 2 || refs[0]["name"] != "feature" || refs[1]["name"] != "main" || refs[0]["type"] != "branch" {
		t.Fatalf("refs %v", refs)
	}
	do(t, s, "GET", p+"/repository/commits/"+sha+"/sequence").expect(t, 200, `{"count":3}`)
	do(t, s, "GET", p+"/repository/commits/"+sha+"/signature").expect(t, 404, `{"message":"404 Signature Not Found"}`)
	do(t, s, "POST", p+"/repository/commits", jsonBody(map[string]any{})).expect(t, 401, "")
}

func TestCherryPickAndRevert(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p"})
	p := "/projects/root%2Fp"
	do(t, s, "POST", p+"/repository/branches", tok(admin), form("branch", "stable", "ref", "main")).expect(t, 201, "")
	fix := commitActions(t, s, p, "main", "Fix", act("create", "fix.txt", "fixed\n"))
	sha := fix["id"].(string)
	picked := do(t, s, "POST", p+"/repository/commits/"+sha+"/cherry_pick", tok(admin), form("branch", "stable")).expect(t, 201, "").obj(t)
	if picked["id"] == sha || picked["message"] != "Fix\n\n(cherry picked from commit "+sha+")" || picked["title"] != "Fix" {
		t.Fatalf("picked %v", picked)
	}
	do(t, s, "GET", p+"/repository/files/fix.txt/raw?ref=stable", tok(admin)).expect(t, 200, "fixed\n")
	if b := do(t, s, "GET", p+"/repository/branches/stable", tok(admin)).obj(t); b["commit"].(map[string]any)["id"] != picked["id"] {
		t.Fatalf("stable head %v", b["commit"])
	}
	empty := `{"error_code":"empty","message":"Sorry, we cannot cherry-pick this commit automatically. This commit may already have been cherry-picked, or a more recent commit may have updated some of its content."}`
	do(t, s, "POST", p+"/repository/commits/"+sha+"/cherry_pick", tok(admin), form("branch", "stable")).expect(t, 400, empty)
	do(t, s, "POST", p+"/repository/commits/"+sha+"/cherry_pick", tok(admin), form("branch", "nope")).
		expect(t, 404, `{"message":"404 Branch Not Found"}`)
	do(t, s, "POST", p+"/repository/commits/"+sha+"/cherry_pick", tok(admin)).expect(t, 400, `{"error":"branch is missing"}`)

	// A conflicting change, a dry run, then the revert.
	commitActions(t, s, p, "stable", "Diverge", act("update", "fix.txt", "other\n"))
	commitActions(t, s, p, "main", "Change", act("update", "fix.txt", "v2\n"))
	change := do(t, s, "GET", p+"/repository/commits/main", tok(admin)).obj(t)["id"].(string)
	if r := do(t, s, "POST", p+"/repository/commits/"+change+"/cherry_pick", tok(admin), form("branch", "stable")).
		expect(t, 400, "").obj(t); r["error_code"] != "conflict" {
		t.Fatalf("conflict %v", r)
	}
	do(t, s, "POST", p+"/repository/commits/"+change+"/revert", tok(admin), form("branch", "main", "dry_run", "true")).
		expect(t, 200, `{"dry_run":"success"}`)
	rev := do(t, s, "POST", p+"/repository/commits/"+change+"/revert", tok(admin), form("branch", "main")).expect(t, 201, "").obj(t)
	if rev["title"] != `Revert "Change"` || !strings.Contains(rev["message"].(string), "This reverts commit "+change+".") {
		t.Fatalf("revert %v", rev)
	}
	do(t, s, "GET", p+"/repository/files/fix.txt/raw?ref=main", tok(admin)).expect(t, 200, "fixed\n")
	if r := do(t, s, "POST", p+"/repository/commits/"+change+"/revert", tok(admin), form("branch", "main")).
		expect(t, 400, "").obj(t); r["error_code"] != "empty" {
		t.Fatalf("second revert %v", r)
	}
}

func TestCommitStatusesAndComments(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	p := "/projects/demo%2Fwebsite"
	sha := do(t, s, "GET", p+"/repository/commits/main").obj(t)["id"].(string)
	st := do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "pending", "name", "ci", "target_url", "https://ci.example.com/1")).
		expect(t, 201, "").obj(t)
	if st["status"] != "pending" || st["ref"] != "main" || st["sha"] != sha || st["started_at"] != nil || st["author"] == nil {
		t.Fatalf("status %v", st)
	}
	// The pending status moves on; the same state again is refused.
	run := do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "running", "name", "ci")).expect(t, 201, "").obj(t)
	if run["id"] != st["id"] || run["started_at"] == nil {
		t.Fatalf("running %v", run)
	}
	do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "running", "name", "ci")).
		expect(t, 400, `{"message":"Cannot transition status via :run from :running (Reason(s): Status cannot transition via \"run\")"}`)
	do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "failed", "name", "ci")).expect(t, 201, "")
	do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "success", "name", "lint")).expect(t, 201, "")
	do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "success", "name", "ci")).expect(t, 201, "")
	do(t, s, "POST", p+"/statuses/"+sha, tok(admin), form("state", "bogus")).expect(t, 400, `{"error":"state does not have a valid value"}`)
	do(t, s, "POST", p+"/statuses/"+strings.Repeat("0", 40), tok(admin), form("state", "success")).expect(t, 404, `{"message":"404 Commit Not Found"}`)
	do(t, s, "POST", p+"/statuses/"+sha, tok(gitlabtest.SeedBobToken), form("state", "success")).expect(t, 403, "")

	latest := do(t, s, "GET", p+"/repository/commits/"+sha+"/statuses").expect(t, 200, "").list(t)
	if len(latest) != 2 || latest[0]["name"] != "lint" || latest[1]["name"] != "ci" || latest[1]["status"] != "success" {
		t.Fatalf("latest statuses %v", latest)
	}
	if all := do(t, s, "GET", p+"/repository/commits/"+sha+"/statuses?all=true&name=ci").list(t); len(all) != 2 {
		t.Fatalf("all ci statuses %v", all)
	}
	if got := do(t, s, "GET", p+"/repository/commits/"+sha).obj(t); got["status"] != "success" {
		t.Fatalf("commit status %v", got["status"])
	}

	do(t, s, "POST", p+"/repository/commits/"+sha+"/comments", tok(gitlabtest.SeedBobToken), form("note", "Nice", "path", "index.html", "line", "1")).
		expect(t, 201, "")
	do(t, s, "POST", p+"/repository/commits/"+sha+"/comments", tok(gitlabtest.SeedBobToken)).expect(t, 400, `{"error":"note is missing"}`)
	cs := do(t, s, "GET", p+"/repository/commits/main/comments").expect(t, 200, "").list(t)
	if len(cs) != 1 || cs[0]["note"] != "Nice" || cs[0]["line"] != 1.0 || cs[0]["line_type"] != "new" ||
		cs[0]["author"].(map[string]any)["username"] != "bob" {
		t.Fatalf("comments %v", cs)
	}
	// A commit's discussions live in the generic store, under the commit.
	do(t, s, "POST", p+"/repository/commits/"+sha[:10]+"/discussions", tok(admin), form("body", "Why?")).expect(t, 201, "")
	if d := do(t, s, "GET", p+"/repository/commits/"+sha+"/discussions", tok(admin)).list(t); len(d) != 1 {
		t.Fatalf("discussions %v", d)
	}
	do(t, s, "GET", p+"/repository/commits/"+strings.Repeat("1", 40)+"/discussions", tok(admin)).expect(t, 404, `{"message":"404 Commit Not Found"}`)
}

func TestCommitMergeRequests(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	p := "/projects/demo%2Fwebsite"
	head := do(t, s, "GET", p+"/repository/commits/feature%2Flogin").obj(t)["id"].(string)
	mrs := do(t, s, "GET", p+"/repository/commits/"+head+"/merge_requests").expect(t, 200, "").list(t)
	if len(mrs) != 1 || mrs[0]["iid"] != 1.0 {
		t.Fatalf("merge requests of the head %v", mrs)
	}
	initial := do(t, s, "GET", p+"/repository/commits?ref_name=main").list(t)
	if mrs := do(t, s, "GET", p+"/repository/commits/"+initial[len(initial)-1]["id"].(string)+"/merge_requests").list(t); len(mrs) != 0 {
		t.Fatalf("the initial commit is in no merge request: %v", mrs)
	}
}
