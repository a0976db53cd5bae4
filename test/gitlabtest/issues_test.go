package gitlabtest_test

import (
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestIssuesByIIDNotID(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "a", Visibility: "public"})
	s.AddProject(gitlabtest.Project{Name: "b", Visibility: "public"})
	do(t, s, "POST", "/projects/root%2Fa/issues", tok(admin), form("title", "a1")).expect(t, 201, "")
	do(t, s, "POST", "/projects/root%2Fa/issues", tok(admin), form("title", "a2")).expect(t, 201, "")
	b1 := do(t, s, "POST", "/projects/root%2Fb/issues", tok(admin), form("title", "b1")).expect(t, 201, "").obj(t)
	if b1["id"] != 3.0 || b1["iid"] != 1.0 {
		t.Fatalf("id/iid = %v/%v", b1["id"], b1["iid"])
	}
	got := do(t, s, "GET", "/projects/root%2Fb/issues/1").expect(t, 200, "").obj(t)
	if got["title"] != "b1" {
		t.Fatalf("iid 1 of b = %v", got["title"])
	}
	// The global id is not an iid.
	do(t, s, "GET", "/projects/root%2Fb/issues/3").expect(t, 404, `{"message":"404 Not found"}`)
	do(t, s, "POST", "/projects/root%2Fb/issues", tok(admin), form("description", "no title")).
		expect(t, 400, `{"error":"title is missing"}`)
	do(t, s, "POST", "/projects/root%2Fb/issues", tok(admin), form("title", " ")).
		expect(t, 400, `{"message":{"title":["can't be blank"]}}`)
	if p := do(t, s, "GET", "/projects/root%2Fa").obj(t); p["open_issues_count"] != 2.0 {
		t.Fatalf("open_issues_count = %v", p["open_issues_count"])
	}
}

func TestIssueFiltersAndUpdates(t *testing.T) {
	s := gitlabtest.NewServer(t)
	bob := s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	p := "/projects/root%2Fp/issues"
	do(t, s, "POST", p, tok(admin), form("title", "Crash on start", "labels", "bug,p1", "assignee_ids[]", itoa(bob))).expect(t, 201, "")
	do(t, s, "POST", p, tok("bob"), form("title", "Dark mode", "labels", "feature", "description", "please")).expect(t, 201, "")
	do(t, s, "POST", p, tok(admin), form("title", "Docs")).expect(t, 201, "")
	closed := do(t, s, "PUT", p+"/3", tok(admin), form("state_event", "close")).expect(t, 200, "").obj(t)
	if closed["state"] != "closed" || closed["closed_at"] == nil {
		t.Fatalf("closed issue %v", closed)
	}
	iids := func(q string) []int {
		var out []int
		for _, m := range do(t, s, "GET", p+q).expect(t, 200, "").list(t) {
			out = append(out, int(m["iid"].(float64)))
		}
		return out
	}
	for q, want := range map[string][]int{
		"":                              {3, 2, 1},
		"?state=opened":                 {2, 1},
		"?state=closed":                 {3},
		"?labels=bug,p1":                {1},
		"?labels[]=bug&labels[]=p2":     nil,
		"?labels=None":                  {3},
		"?labels=Any&sort=asc":          {1, 2},
		"?search=MODE":                  {2},
		"?search=please":                {2},
		"?iids[]=1&iids[]=3":            {3, 1},
		"?author_id=" + itoa(bob):       {2},
		"?assignee_id=" + itoa(bob):     {1},
		"?assignee_id=None&sort=asc":    {2, 3},
		"?order_by=title&sort=asc":      {1, 2, 3},
		"?order_by=updated_at&sort=asc": {1, 2, 3},
	} {
		if got := iids(q); !equalInts(got, want) {
			t.Errorf("issues%s = %v, want %v", q, got, want)
		}
	}
	do(t, s, "GET", p+"?state=open").expect(t, 400, `{"error":"state does not have a valid value"}`)
	// The author may edit; outsiders may not; only owners delete.
	do(t, s, "PUT", p+"/2", tok("bob"), form("add_labels", "ui", "remove_labels", "feature")).expect(t, 200, "")
	if l := do(t, s, "GET", p+"/2").obj(t)["labels"].([]any); len(l) != 1 || l[0] != "ui" {
		t.Fatalf("labels after add/remove = %v", l)
	}
	do(t, s, "PUT", p+"/1", tok("bob"), form("title", "x")).expect(t, 403, "")
	do(t, s, "PUT", p+"/1", tok(admin), form("state_event", "explode")).expect(t, 400, `{"error":"state_event does not have a valid value"}`)
	do(t, s, "DELETE", p+"/2", tok("bob")).expect(t, 403, "")
	do(t, s, "DELETE", p+"/2", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", p+"/2").expect(t, 404, "")
}

func TestIssueNotes(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	do(t, s, "POST", "/projects/root%2Fp/issues", tok(admin), form("title", "t")).expect(t, 201, "")
	n := "/projects/root%2Fp/issues/1/notes"
	do(t, s, "POST", n, tok("bob")).expect(t, 400, `{"error":"body is missing"}`)
	first := do(t, s, "POST", n, tok("bob"), form("body", "first")).expect(t, 201, "").obj(t)
	do(t, s, "POST", n, tok(admin), form("body", "second")).expect(t, 201, "")
	if first["author"].(map[string]any)["username"] != "bob" || first["noteable_type"] != "Issue" || first["noteable_iid"] != 1.0 {
		t.Fatalf("note %v", first)
	}
	l := do(t, s, "GET", n).expect(t, 200, "").list(t)
	if len(l) != 2 || l[0]["body"] != "second" {
		t.Fatalf("notes newest first: %v", l)
	}
	if c := do(t, s, "GET", "/projects/root%2Fp/issues/1").obj(t)["user_notes_count"]; c != 2.0 {
		t.Fatalf("user_notes_count = %v", c)
	}
	id := itoa(int(first["id"].(float64)))
	do(t, s, "PUT", n+"/"+id, tok("bob")).expect(t, 400, `{"error":"body is missing"}`)
	u := do(t, s, "PUT", n+"/"+id, tok("bob"), form("body", "edited")).expect(t, 200, "").obj(t)
	if u["body"] != "edited" {
		t.Fatalf("edited note %v", u)
	}
	second := itoa(int(l[0]["id"].(float64)))
	do(t, s, "PUT", n+"/"+second, tok("bob"), form("body", "hijack")).expect(t, 403, "")
	do(t, s, "DELETE", n+"/"+id, tok("bob")).expect(t, 204, "")
	do(t, s, "GET", n+"/"+id).expect(t, 404, `{"message":"404 Not found"}`)
	do(t, s, "GET", "/projects/root%2Fp/issues/9/notes").expect(t, 404, `{"message":"404 Not found"}`)
}

func TestMergeRequests(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	base := "/projects/root%2Fp"
	do(t, s, "POST", base+"/repository/branches", tok(admin), form("branch", "feat", "ref", "main")).expect(t, 201, "")
	do(t, s, "POST", base+"/repository/files/new.txt", tok(admin), form("branch", "feat", "content", "hi", "commit_message", "add")).
		expect(t, 201, "")
	mrs := base + "/merge_requests"
	do(t, s, "POST", mrs, tok(admin), form("source_branch", "feat", "target_branch", "main")).
		expect(t, 400, `{"error":"title is missing"}`)
	do(t, s, "POST", mrs, tok(admin), form("source_branch", "main", "target_branch", "main", "title", "t")).
		expect(t, 422, `{"message":["You can't use same project/branch for source and target"]}`)
	do(t, s, "POST", mrs, tok("bob"), form("source_branch", "feat", "target_branch", "main", "title", "t")).expect(t, 403, "")
	mr := do(t, s, "POST", mrs, tok(admin), form("source_branch", "feat", "target_branch", "main", "title", "Feature")).
		expect(t, 201, "").obj(t)
	if mr["iid"] != 1.0 || mr["state"] != "opened" || mr["sha"] == nil || mr["references"].(map[string]any)["short"] != "!1" {
		t.Fatalf("mr %v", mr)
	}
	do(t, s, "POST", mrs, tok(admin), form("source_branch", "feat", "target_branch", "main", "title", "Again")).
		expect(t, 409, `{"message":["Another open merge request already exists for this source branch: !1"]}`)

	sha := mr["sha"].(string)
	// Approvals: 201 with the approval state; twice is 401; a stale sha is 409.
	do(t, s, "POST", mrs+"/1/approve", tok(admin), form("sha", "deadbeef")).
		expect(t, 409, `{"message":"SHA does not match HEAD of source branch: `+sha+`"}`)
	ap := do(t, s, "POST", mrs+"/1/approve", tok(admin), form("sha", sha)).expect(t, 201, "").obj(t)
	by := ap["approved_by"].([]any)
	if ap["approved"] != true || len(by) != 1 || by[0].(map[string]any)["user"].(map[string]any)["username"] != "root" ||
		ap["user_has_approved"] != true {
		t.Fatalf("approval state %v", ap)
	}
	do(t, s, "POST", mrs+"/1/approve", tok(admin)).expect(t, 401, `{"message":"401 Unauthorized"}`)
	do(t, s, "POST", mrs+"/1/approve", tok("bob")).expect(t, 403, "")
	if got := do(t, s, "GET", mrs+"/1/approvals", tok(admin)).expect(t, 200, "").obj(t); got["approved"] != true {
		t.Fatalf("approvals %v", got)
	}

	// A push to the source branch moves the MR head; merging with the old sha is 409.
	do(t, s, "PUT", base+"/repository/files/new.txt", tok(admin), form("branch", "feat", "content", "v2", "commit_message", "v2")).
		expect(t, 200, "")
	head := do(t, s, "GET", mrs+"/1").obj(t)["sha"].(string)
	if head == sha {
		t.Fatal("MR sha did not follow the source branch")
	}
	do(t, s, "PUT", mrs+"/1/merge", tok(admin), form("sha", sha)).
		expect(t, 409, `{"message":"SHA does not match HEAD of source branch: `+head+`"}`)
	do(t, s, "PUT", mrs+"/1/merge", tok("bob")).expect(t, 401, "")
	merged := do(t, s, "PUT", mrs+"/1/merge", tok(admin), form("sha", head, "should_remove_source_branch", "true")).
		expect(t, 200, "").obj(t)
	if merged["state"] != "merged" || merged["merged_by"].(map[string]any)["username"] != "root" || merged["merge_commit_sha"] == nil {
		t.Fatalf("merged %v", merged)
	}
	do(t, s, "PUT", mrs+"/1/merge", tok(admin)).expect(t, 405, `{"message":"405 Method Not Allowed"}`)
	do(t, s, "GET", base+"/repository/files/new.txt/raw?ref=main").expect(t, 200, "v2")
	do(t, s, "GET", base+"/repository/branches/feat").expect(t, 404, `{"message":"404 Branch Not Found"}`)
	if l := do(t, s, "GET", mrs+"?state=merged").list(t); len(l) != 1 {
		t.Fatalf("merged list %d", len(l))
	}
	// A new MR from the same branch is allowed once the first is not open.
	do(t, s, "POST", base+"/repository/branches", tok(admin), form("branch", "feat", "ref", "main")).expect(t, 201, "")
	do(t, s, "POST", mrs, tok(admin), form("source_branch", "feat", "target_branch", "main", "title", "Draft: two")).expect(t, 201, "")
	do(t, s, "PUT", mrs+"/2/merge", tok(admin)).expect(t, 422, `{"message":"Branch cannot be merged"}`)
	do(t, s, "PUT", mrs+"/2", tok(admin), form("state_event", "close")).expect(t, 200, "")
	do(t, s, "DELETE", mrs+"/2", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", mrs+"/2").expect(t, 404, `{"message":"404 Not found"}`)
}

func TestSubscribeAndTodo304(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "t")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/repository/branches", tok(admin), form("branch", "f", "ref", "main")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/merge_requests", tok(admin), form("source_branch", "f", "target_branch", "main", "title", "m")).
		expect(t, 201, "")
	for _, kind := range []string{"issues", "merge_requests"} {
		base := "/projects/1/" + kind + "/1"
		// The author is subscribed; others are not.
		if got := do(t, s, "GET", base, tok(admin)).obj(t)["subscribed"]; got != true {
			t.Fatalf("%s: author subscribed = %v", kind, got)
		}
		if got := do(t, s, "GET", base, tok("bob")).obj(t)["subscribed"]; got != false {
			t.Fatalf("%s: bob subscribed = %v", kind, got)
		}
		do(t, s, "POST", base+"/subscribe", tok(admin)).expect(t, 304, "")
		sub := do(t, s, "POST", base+"/subscribe", tok("bob")).expect(t, 201, "").obj(t)
		if sub["subscribed"] != true || sub["iid"] != 1.0 {
			t.Fatalf("%s: subscribe answer %v", kind, sub)
		}
		do(t, s, "POST", base+"/subscribe", tok("bob")).expect(t, 304, "")
		do(t, s, "POST", base+"/unsubscribe", tok("bob")).expect(t, 201, "")
		do(t, s, "POST", base+"/unsubscribe", tok("bob")).expect(t, 304, "")
		todo := do(t, s, "POST", base+"/todo", tok("bob")).expect(t, 201, "").obj(t)
		if todo["state"] != "pending" || todo["action_name"] != "marked" || todo["target"].(map[string]any)["iid"] != 1.0 {
			t.Fatalf("%s: todo %v", kind, todo)
		}
		do(t, s, "POST", base+"/todo", tok("bob")).expect(t, 304, "")
		// Lists do not carry the per-user flag.
		if l := do(t, s, "GET", "/projects/1/"+kind, tok("bob")).list(t); l[0]["subscribed"] != nil {
			t.Fatalf("%s: list has subscribed", kind)
		}
	}
}
