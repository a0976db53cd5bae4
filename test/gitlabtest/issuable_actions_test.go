package gitlabtest_test

import (
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

const web = "/projects/demo%2Fwebsite"

func TestTimeTracking(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	for _, kind := range []string{"/issues/1", "/merge_requests/1"} {
		base := web + kind
		do(t, s, "GET", base+"/time_stats").expect(t, 200,
			`{"human_time_estimate":null,"human_total_time_spent":null,"time_estimate":0,"total_time_spent":0}`)
		do(t, s, "POST", base+"/time_estimate", tok(admin), form("duration", "3h30m")).expect(t, 200,
			`{"human_time_estimate":"3h 30m","human_total_time_spent":null,"time_estimate":12600,"total_time_spent":0}`)
		do(t, s, "POST", base+"/add_spent_time", tok(admin), form("duration", "1h30m", "summary", "review")).expect(t, 201,
			`{"human_time_estimate":"3h 30m","human_total_time_spent":"1h 30m","time_estimate":12600,"total_time_spent":5400}`)
		do(t, s, "POST", base+"/add_spent_time", tok(admin), form("duration", "1w 1d")).expect(t, 201, "")
		do(t, s, "POST", base+"/add_spent_time", tok(admin), form("duration", "-30m")).expect(t, 201, "")
		got := do(t, s, "GET", base+"/time_stats").obj(t)
		if got["total_time_spent"] != float64(5400+6*8*3600-1800) || got["human_total_time_spent"] != "1w 1d 1h" {
			t.Fatalf("%s: %v", kind, got)
		}
		// The object carries the same stats.
		if ts := do(t, s, "GET", web+kind).obj(t)["time_stats"].(map[string]any); ts["time_estimate"] != 12600.0 {
			t.Fatalf("%s time_stats %v", kind, ts)
		}
		do(t, s, "POST", base+"/add_spent_time", tok(admin), form("duration", "-10w")).
			expect(t, 400, `{"message":{"base":["Time to subtract exceeds the total time spent"]}}`)
		do(t, s, "POST", base+"/time_estimate", tok(admin), form("duration", "soon")).
			expect(t, 400, `{"message":{"time_estimate":["must have a valid format and be greater than or equal to zero"]}}`)
		do(t, s, "POST", base+"/add_spent_time", tok(admin)).expect(t, 400, `{"error":"duration is missing"}`)
		do(t, s, "POST", base+"/time_estimate", tok(gitlabtest.SeedBobToken), form("duration", "1h")).expect(t, 403, "")
		do(t, s, "POST", base+"/reset_time_estimate", tok(admin)).expect(t, 200, "")
		do(t, s, "POST", base+"/reset_spent_time", tok(admin)).expect(t, 200,
			`{"human_time_estimate":null,"human_total_time_spent":null,"time_estimate":0,"total_time_spent":0}`)
	}
	// A bare number counts hours; months are four weeks.
	do(t, s, "POST", web+"/issues/2/time_estimate", tok(admin), form("duration", "2")).expect(t, 200, "")
	if got := do(t, s, "GET", web+"/issues/2/time_stats").obj(t); got["time_estimate"] != 7200.0 {
		t.Fatal(got)
	}
	do(t, s, "POST", web+"/issues/2/time_estimate", tok(admin), form("duration", "1mo 2w 3d 4h 5m 6s")).expect(t, 200, "")
	if got := do(t, s, "GET", web+"/issues/2/time_stats").obj(t); got["human_time_estimate"] != "1mo 2w 3d 4h 5m 6s" {
		t.Fatal(got)
	}
}

func TestParticipantsAndReferences(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	// Issue #1 is alice's, bob commented on it.
	if u := do(t, s, "GET", web+"/issues/1/participants").expect(t, 200, "").list(t); names(u, "username") != "alice,bob" {
		t.Fatalf("participants %v", u)
	}
	do(t, s, "PUT", web+"/issues/1", tok(admin), form("assignee_ids[]", "1")).expect(t, 200, "")
	if u := do(t, s, "GET", web+"/issues/1/participants").list(t); names(u, "username") != "alice,root,bob" {
		t.Fatalf("participants %v", u)
	}
	do(t, s, "POST", web+"/merge_requests/1/notes", tok(admin), form("body", "LGTM")).expect(t, 201, "")
	if u := do(t, s, "GET", web+"/merge_requests/1/participants").list(t); names(u, "username") != "alice,root" {
		t.Fatalf("MR participants %v", u)
	}

	// The merge request closes #1 and mentions #2 (#9 does not exist).
	do(t, s, "PUT", web+"/merge_requests/1", tok(admin), form("description", "Fixes #1, see #2 and #9")).expect(t, 200, "")
	if l := do(t, s, "GET", web+"/merge_requests/1/closes_issues").expect(t, 200, "").list(t); len(l) != 1 || l[0]["iid"] != 1.0 {
		t.Fatalf("closes_issues %v", l)
	}
	if l := do(t, s, "GET", web+"/merge_requests/1/related_issues").list(t); len(l) != 2 || l[0]["iid"] != 1.0 || l[1]["iid"] != 2.0 {
		t.Fatalf("related_issues %v", l)
	}
	if l := do(t, s, "GET", web+"/issues/1/closed_by").expect(t, 200, "").list(t); len(l) != 1 || l[0]["iid"] != 1.0 {
		t.Fatalf("closed_by %v", l)
	}
	if l := do(t, s, "GET", web+"/issues/2/closed_by").list(t); len(l) != 0 {
		t.Fatalf("closed_by #2 %v", l)
	}
	if l := do(t, s, "GET", web+"/issues/2/related_merge_requests").list(t); len(l) != 1 {
		t.Fatalf("related_merge_requests %v", l)
	}
	// A commit message closes too.
	do(t, s, "POST", web+"/repository/files/x.txt", tok(admin), form("branch", "feature/login", "content", "x",
		"commit_message", "Resolve #3")).expect(t, 201, "")
	if l := do(t, s, "GET", web+"/merge_requests/1/closes_issues").list(t); len(l) != 2 {
		t.Fatalf("closes_issues after a commit %v", l)
	}
}

func TestMergeRequestRebaseAndChanges(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	mr := web + "/merge_requests/1"
	commits := do(t, s, "GET", mr+"/commits").expect(t, 200, "").list(t)
	if len(commits) != 1 || commits[0]["title"] != "Login page" {
		t.Fatalf("commits %v", commits)
	}
	ch := do(t, s, "GET", mr+"/changes").expect(t, 200, "").obj(t)
	changes := ch["changes"].([]any)
	if len(changes) != 1 || changes[0].(map[string]any)["new_path"] != "login.html" || ch["overflow"] != false || ch["iid"] != 1.0 {
		t.Fatalf("changes %v", ch)
	}
	ref1 := do(t, s, "GET", mr+"/merge_ref").expect(t, 200, "").obj(t)["commit_id"]
	if ref2 := do(t, s, "GET", mr+"/merge_ref").obj(t)["commit_id"]; ref1 != ref2 || len(ref1.(string)) != 40 {
		t.Fatalf("merge ref %v %v", ref1, ref2)
	}

	// main moves on: the rebase puts the source branch on it.
	commitActions(t, s, web, "main", "Main moves", act("create", "main.txt", "m\n"))
	mainHead := do(t, s, "GET", web+"/repository/commits/main").obj(t)["id"]
	before := do(t, s, "GET", mr).obj(t)
	do(t, s, "PUT", mr+"/rebase", tok(gitlabtest.SeedAliceToken)).expect(t, 202, `{"rebase_in_progress":true}`)
	after := do(t, s, "GET", mr+"?include_rebase_in_progress=true", tok(gitlabtest.SeedAliceToken)).expect(t, 200, "").obj(t)
	if after["rebase_in_progress"] != false || after["merge_error"] != nil || after["sha"] == before["sha"] ||
		after["diff_refs"].(map[string]any)["base_sha"] != mainHead {
		t.Fatalf("after the rebase %v", after)
	}
	if _, ok := do(t, s, "GET", mr).obj(t)["rebase_in_progress"]; ok {
		t.Fatal("rebase_in_progress without include_rebase_in_progress")
	}
	rebased := do(t, s, "GET", web+"/repository/commits?ref_name=feature%2Flogin&per_page=2").list(t)
	if rebased[0]["title"] != "Login page" || rebased[1]["id"] != mainHead {
		t.Fatalf("rebased branch %v", rebased)
	}
	if ref3 := do(t, s, "GET", mr+"/merge_ref").obj(t)["commit_id"]; ref3 == ref1 {
		t.Fatal("the merge ref did not follow the branches")
	}
	do(t, s, "PUT", mr+"/rebase", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")

	// A conflict: both branches change login.html.
	commitActions(t, s, web, "main", "Conflict", act("create", "login.html", "other"))
	do(t, s, "PUT", mr+"/rebase", tok(admin)).expect(t, 202, "")
	if got := do(t, s, "GET", mr).obj(t); got["merge_error"] == nil || got["sha"] != after["sha"] {
		t.Fatalf("conflicting rebase %v", got)
	}
	do(t, s, "GET", mr+"/merge_ref").expect(t, 400, `{"message":"Merge request is not mergeable"}`)

	do(t, s, "PUT", mr, tok(admin), form("state_event", "close")).expect(t, 200, "")
	do(t, s, "PUT", mr+"/rebase", tok(admin)).expect(t, 409, "")
}

func TestMergeRequestApprovalsAndAutoMerge(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	mr := web + "/merge_requests/1"
	do(t, s, "POST", mr+"/approve", tok(gitlabtest.SeedAliceToken)).expect(t, 201, "")
	do(t, s, "PUT", mr+"/reset_approvals", tok(gitlabtest.SeedAliceToken)).expect(t, 401, "")
	do(t, s, "PUT", mr+"/reset_approvals", tok(admin)).expect(t, 202, "")
	if a := do(t, s, "GET", mr+"/approvals", tok(admin)).obj(t); a["approved"] != false || len(a["approved_by"].([]any)) != 0 {
		t.Fatalf("approvals after the reset %v", a)
	}

	do(t, s, "POST", mr+"/cancel_merge_when_pipeline_succeeds", tok(admin)).expect(t, 406, `{"message":"406 Not Acceptable"}`)
	// With a running pipeline on its head, a merge asked for the pipeline's
	// success waits; cancelling it leaves the merge request open.
	sha := do(t, s, "GET", mr).obj(t)["sha"].(string)
	s.AddObject("/projects/demo%2Fwebsite/pipelines", map[string]any{"sha": sha, "ref": "feature/login", "status": "running"})
	got := do(t, s, "PUT", mr+"/merge", tok(admin), form("merge_when_pipeline_succeeds", "true")).expect(t, 200, "").obj(t)
	if got["state"] != "opened" || got["merge_when_pipeline_succeeds"] != true {
		t.Fatalf("auto-merge %v", got)
	}
	got = do(t, s, "POST", mr+"/cancel_merge_when_pipeline_succeeds", tok(admin)).expect(t, 201, "").obj(t)
	if got["merge_when_pipeline_succeeds"] != false || got["state"] != "opened" {
		t.Fatalf("cancelled %v", got)
	}
	if got := do(t, s, "PUT", mr+"/merge", tok(admin)).expect(t, 200, "").obj(t); got["state"] != "merged" {
		t.Fatalf("merge %v", got)
	}
	do(t, s, "POST", mr+"/cancel_merge_when_pipeline_succeeds", tok(admin)).expect(t, 405, "")
	// A merged merge request keeps its commits and changes.
	if l := do(t, s, "GET", mr+"/commits").list(t); len(l) != 1 {
		t.Fatalf("merged commits %v", l)
	}
	if ch := do(t, s, "GET", mr+"/changes").obj(t)["changes"].([]any); len(ch) != 1 {
		t.Fatalf("merged changes %v", ch)
	}
}

func TestIssueMoveReorderAgent(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	target := s.AddProject(gitlabtest.Project{Name: "tracker", Namespace: "demo", Visibility: "public"})
	do(t, s, "POST", "/projects/"+itoa(target)+"/issues", tok(admin), form("title", "existing")).expect(t, 201, "")
	moved := do(t, s, "POST", web+"/issues/1/move", tok(admin), form("to_project_id", itoa(target))).expect(t, 201, "").obj(t)
	if moved["iid"] != 2.0 || moved["project_id"] != float64(target) || moved["title"] != "Broken link on home page" ||
		moved["state"] != "opened" || moved["user_notes_count"] != 1.0 || moved["author"].(map[string]any)["username"] != "alice" ||
		!strings.HasSuffix(moved["web_url"].(string), "/demo/tracker/-/issues/2") {
		t.Fatalf("moved %v", moved)
	}
	old := do(t, s, "GET", web+"/issues/1").obj(t)
	if old["state"] != "closed" || old["moved_to_id"] != moved["id"] {
		t.Fatalf("original %v", old)
	}
	notes := do(t, s, "GET", "/projects/"+itoa(target)+"/issues/2/notes", tok(admin)).expect(t, 200, "").list(t)
	if len(notes) != 1 || notes[0]["body"] != "Confirmed on Firefox" || notes[0]["noteable_iid"] != 2.0 {
		t.Fatalf("moved notes %v", notes)
	}
	do(t, s, "POST", web+"/issues/1/move", tok(admin), form("to_project_id", itoa(target))).
		expect(t, 400, `{"message":"Cannot move issue due to insufficient permissions!"}`)
	do(t, s, "POST", web+"/issues/2/move", tok(admin), form("to_project_id", "demo/website")).
		expect(t, 400, `{"message":"Cannot move issue to project it originates from!"}`)
	do(t, s, "POST", web+"/issues/2/move", tok(admin), form("to_project_id", "999")).expect(t, 404, `{"message":"404 Project Not Found"}`)
	if p := do(t, s, "GET", web).obj(t); p["open_issues_count"] != 1.0 {
		t.Fatalf("open issues of the source %v", p["open_issues_count"])
	}

	// Reorder: #3 goes between #1 and #2 (by global id).
	i1, i2, i3 := do(t, s, "GET", web+"/issues/1").obj(t)["id"], do(t, s, "GET", web+"/issues/2").obj(t)["id"], do(t, s, "GET", web+"/issues/3").obj(t)["id"]
	order := func() string {
		return itoaList(ids(do(t, s, "GET", web+"/issues?order_by=relative_position&sort=asc").list(t)))
	}
	if got := order(); got != "1,2,3" {
		t.Fatalf("initial order %s", got)
	}
	do(t, s, "PUT", web+"/issues/3/reorder", tok(admin), form("move_after_id", anyInt(i1), "move_before_id", anyInt(i2))).expect(t, 200, "")
	if got := order(); got != "1,3,2" {
		t.Fatalf("order after reorder %s", got)
	}
	do(t, s, "PUT", web+"/issues/1/reorder", tok(admin), form("move_after_id", anyInt(i2))).expect(t, 200, "")
	if got := order(); got != "3,2,1" {
		t.Fatalf("order after moving #1 last %s", got)
	}
	do(t, s, "PUT", web+"/issues/2/reorder", tok(admin), form("move_before_id", anyInt(i3))).expect(t, 200, "")
	if got := order(); got != "2,3,1" {
		t.Fatalf("order after moving #2 first %s", got)
	}
	do(t, s, "PUT", web+"/issues/2/reorder", tok(admin)).expect(t, 400, "")

	// Who opened an issue, for administrators.
	do(t, s, "POST", web+"/issues", tok(gitlabtest.SeedBobToken), hdr("User-Agent", "spam-bot/1.0"), form("title", "Buy now")).expect(t, 201, "")
	ua := do(t, s, "GET", web+"/issues/4/user_agent_detail", tok(admin)).expect(t, 200, "").obj(t)
	if ua["user_agent"] != "spam-bot/1.0" || ua["ip_address"] != "127.0.0.1" || ua["akismet_submitted"] != false {
		t.Fatalf("user agent detail %v", ua)
	}
	do(t, s, "GET", web+"/issues/4/user_agent_detail", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")
}

func anyInt(v any) string { return itoa(int(v.(float64))) }

func itoaList(l []int) string {
	out := make([]string, len(l))
	for i, n := range l {
		out[i] = itoa(n)
	}
	return strings.Join(out, ",")
}
