package gitlabtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

// storeServer has a public project 1 (root/p), a private project 2
// (root/secret), a public group g, a user bob without rights and a fixed
// clock.
func storeServer(t *testing.T) *gitlabtest.Server {
	t.Helper()
	at := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	s := gitlabtest.NewServer(t, gitlabtest.WithClock(func() time.Time { return at }))
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	s.AddProject(gitlabtest.Project{Name: "secret"})
	s.AddGroup("g", "g", "public")
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	return s
}

// Created objects carry their ID, the parent IDs, timestamps and the
// attributes given; gets, updates and deletes find them by ID.
func TestStoreCRUD(t *testing.T) {
	s := storeServer(t)
	b := "/projects/root%2Fp/pipeline_schedules"
	o := do(t, s, "POST", b, tok(admin), jsonBody(map[string]any{"description": "nightly", "ref": "main",
		"cron": "0 1 * * *", "active": true})).expect(t, 201, "").obj(t)
	want := map[string]any{"id": 1.0, "project_id": 1.0, "description": "nightly", "ref": "main", "cron": "0 1 * * *",
		"active": true, "created_at": "2024-05-10T12:00:00.000Z", "updated_at": "2024-05-10T12:00:00.000Z",
		// GitLab's semantics (schedules.go): the timezone, the owner, the next run.
		"cron_timezone": "UTC", "next_run_at": "2024-05-11T01:00:00.000Z", "last_pipeline": nil}
	if len(o) != len(want)+2 || o["owner"] == nil || o["variables"] == nil {
		t.Fatalf("object %v", o)
	}
	for k, v := range want {
		if o[k] != v {
			t.Fatalf("%s = %v, want %v (%v)", k, o[k], v, o)
		}
	}
	if g := do(t, s, "GET", "/projects/1/pipeline_schedules/1").expect(t, 200, "").obj(t); g["cron"] != "0 1 * * *" {
		t.Fatalf("get %v", g)
	}
	u := do(t, s, "PUT", b+"/1", tok(admin), form("ref", "dev")).expect(t, 200, "").obj(t)
	if u["ref"] != "dev" || u["description"] != "nightly" || u["id"] != 1.0 {
		t.Fatalf("update %v", u)
	}
	do(t, s, "DELETE", b+"/1", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", b+"/1").expect(t, 404, `{"message":"404 Pipeline Schedule Not Found"}`)
	do(t, s, "PUT", b+"/1", tok(admin), form("ref", "x")).expect(t, 404, `{"message":"404 Pipeline Schedule Not Found"}`)
	do(t, s, "DELETE", b+"/1", tok(admin)).expect(t, 404, `{"message":"404 Pipeline Schedule Not Found"}`)
	// IDs keep counting after a delete.
	if o := do(t, s, "POST", b, tok(admin), form("description", "d", "ref", "r", "cron", "0 2 * * *")).obj(t); o["id"] != 2.0 {
		t.Fatalf("second id %v", o["id"])
	}
}

// A child's parents must exist and be visible: each missing one answers its
// own 404, hand-written parents (projects, merge requests) as generic ones.
func TestStoreParents(t *testing.T) {
	s := storeServer(t)
	do(t, s, "GET", "/projects/99/pipelines").expect(t, 404, `{"message":"404 Project Not Found"}`)
	do(t, s, "GET", "/projects/root%2Fsecret/labels").expect(t, 404, `{"message":"404 Project Not Found"}`)
	do(t, s, "GET", "/projects/root%2Fsecret/labels", tok(admin)).expect(t, 200, "[]")
	do(t, s, "GET", "/groups/9/labels").expect(t, 404, `{"message":"404 Group Not Found"}`)
	do(t, s, "GET", "/users/99/emails").expect(t, 404, `{"message":"404 User Not Found"}`)
	do(t, s, "GET", "/user/emails").expect(t, 401, `{"message":"401 Unauthorized"}`)
	// A generic child of a generic parent: a pipeline's jobs need the pipeline.
	do(t, s, "GET", "/projects/1/pipelines/1/jobs").expect(t, 404, `{"message":"404 Pipeline Not Found"}`)
	s.AddObject("/projects/1/pipelines", map[string]any{"ref": "main"}) // a pipeline without a definition: no jobs
	do(t, s, "GET", "/projects/1/pipelines/1/jobs").expect(t, 200, "[]")
	job := s.AddObject("/projects/root%2Fp/pipelines/1/jobs", map[string]any{"name": "test", "status": "success"})
	if job["id"] != 1.0 || job["project_id"] != 1.0 || job["pipeline_id"] != 1.0 || job["name"] != "test" {
		t.Fatalf("seeded job %v", job)
	}
	if l := do(t, s, "GET", "/projects/1/pipelines/1/jobs").list(t); len(l) != 1 || l[0]["status"] != "success" {
		t.Fatalf("jobs %v", l)
	}
	// Merge request notes need the merge request (by iid).
	do(t, s, "GET", "/projects/1/merge_requests/1/notes").expect(t, 404, `{"message":"404 Not found"}`)
	do(t, s, "POST", "/projects/1/merge_requests", tok(admin), form("source_branch", "f", "target_branch", "main",
		"title", "t")).expect(t, 201, "")
	n := do(t, s, "POST", "/projects/1/merge_requests/1/notes", tok(admin), form("body", "hi")).expect(t, 201, "").obj(t)
	if n["noteable_iid"] != 1.0 || n["project_id"] != 1.0 || n["body"] != "hi" {
		t.Fatalf("note %v", n)
	}
	// Writes need write access to the parent project: 401, then 403.
	do(t, s, "POST", "/projects/1/labels", form("name", "x", "color", "red")).expect(t, 401, `{"message":"401 Unauthorized"}`)
	do(t, s, "POST", "/projects/1/labels", tok("bob"), form("name", "x", "color", "red")).expect(t, 403, `{"message":"403 Forbidden"}`)
	// Deleting a parent drops its children: a re-created release has no links.
	rel := "/projects/1/releases"
	do(t, s, "POST", rel, tok(admin), form("tag_name", "v1", "ref", "main")).expect(t, 201, "")
	do(t, s, "POST", rel+"/v1/assets/links", tok(admin), form("name", "bin", "url", "https://x")).expect(t, 201, "")
	do(t, s, "DELETE", rel+"/v1", tok(admin)).expect(t, 200, "")
	do(t, s, "GET", rel+"/v1/assets/links").expect(t, 404, `{"message":"404 Release Not Found"}`)
	do(t, s, "POST", rel, tok(admin), form("tag_name", "v1")).expect(t, 201, "")
	do(t, s, "GET", rel+"/v1/assets/links").expect(t, 200, "[]")
}

// Objects are found by their declared ID attribute, URL-encoded in paths;
// iids count per parent beside a global id; a parent named by another of
// its attributes (an epic's id under a route of iids) resolves too.
func TestStoreIDs(t *testing.T) {
	s := storeServer(t)
	pb := "/projects/1/protected_branches"
	o := do(t, s, "POST", pb, tok(admin), form("name", "release/1.0")).expect(t, 201, "").obj(t)
	if o["name"] != "release/1.0" || o["id"] != 1.0 {
		t.Fatalf("protected branch %v", o)
	}
	do(t, s, "GET", pb+"/release%2F1.0").expect(t, 200, "")
	do(t, s, "POST", pb, tok(admin), form("name", "release/1.0")).expect(t, 409, `{"message":"Protected branch 'release/1.0' already exists"}`)
	// The declared update verb (PATCH here) is the only one served.
	if u := do(t, s, "PATCH", pb+"/release%2F1.0", tok(admin), form("allow_force_push", "true")).expect(t, 200, "").obj(t); u["allow_force_push"] != true {
		t.Fatalf("patched %v", u)
	}
	// iids per group, ids global.
	h := s.AddGroup("h", "h", "public")
	e1 := do(t, s, "POST", "/groups/g/epics", tok(admin), form("title", "a")).expect(t, 201, "").obj(t)
	e2 := do(t, s, "POST", "/groups/h/epics", tok(admin), form("title", "b")).expect(t, 201, "").obj(t)
	e3 := do(t, s, "POST", "/groups/h/epics", tok(admin), form("title", "c")).expect(t, 201, "").obj(t)
	if e1["iid"] != 1.0 || e2["iid"] != 1.0 || e3["iid"] != 2.0 || e3["id"] != 3.0 || e3["group_id"] != float64(h) {
		t.Fatalf("epics %v %v %v", e1, e2, e3)
	}
	do(t, s, "GET", "/groups/h/epics/2").expect(t, 200, "")
	do(t, s, "GET", "/groups/h/epics/3").expect(t, 404, `{"message":"404 Epic Not Found"}`)
	// Epic discussions take the epic's id (3), not its iid (2): h has an
	// epic of iid 1 but none of id 1.
	do(t, s, "POST", "/groups/h/epics/3/discussions", tok(admin), form("body", "x")).expect(t, 201, "")
	do(t, s, "GET", "/groups/h/epics/1/discussions").expect(t, 404, `{"message":"404 Epic Not Found"}`)
	// A slug comes from the title; a tag's name from its tag_name.
	if w := do(t, s, "POST", "/projects/1/wikis", tok(admin), form("title", "Home Page", "content", "x")).obj(t); w["slug"] != "Home-Page" {
		t.Fatalf("wiki %v", w)
	}
	do(t, s, "GET", "/projects/1/wikis/Home-Page").expect(t, 200, "")
	if tag := do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "v1", "ref", "main")).obj(t); tag["name"] != "v1" {
		t.Fatalf("tag %v", tag)
	}
	// An ID attribute named *_id that the attributes lack is counted.
	for i, issue := range []int{7, 8} {
		ei := do(t, s, "POST", "/groups/h/epics/2/issues/"+itoa(issue), tok(admin)).expect(t, 201, "").obj(t)
		if ei["epic_issue_id"] != float64(i+1) || ei["issue_id"] != float64(issue) {
			t.Fatalf("epic issue %v", ei)
		}
	}
}

// Only the declared operations are served: another method on a known path
// is 405 with the methods that are.
func TestStoreUndeclaredOperation(t *testing.T) {
	s := storeServer(t)
	do(t, s, "POST", "/projects/1/pipeline", tok(admin), form("ref", "main")).expect(t, 201, "")
	r := do(t, s, "PUT", "/projects/1/pipelines/1", tok(admin), form("ref", "x")).expect(t, 405, `{"error":"405 Not Allowed"}`)
	if r.header.Get("Allow") != "DELETE, GET, HEAD" {
		t.Fatalf("Allow %q", r.header.Get("Allow"))
	}
	// Pipelines are created at the create path only.
	do(t, s, "POST", "/projects/1/pipelines", tok(admin), form("ref", "main")).expect(t, 405, `{"error":"405 Not Allowed"}`)
	// Jobs are list-only.
	do(t, s, "POST", "/projects/1/pipelines/1/jobs", tok(admin)).expect(t, 405, `{"error":"405 Not Allowed"}`)
	do(t, s, "PUT", "/projects/1/pipelines/1/jobs", tok(admin)).expect(t, 405, "")
	// Paths no declaration has stay 404.
	do(t, s, "GET", "/projects/1/pipelines/1/nope", tok(admin)).expect(t, 404, `{"error":"404 Not Found"}`)
}

// Missing required attributes are Grape's 400: every one named; exclusive
// attributes want exactly one.
func TestStoreRequiredAttributes(t *testing.T) {
	s := storeServer(t)
	ps := "/projects/1/pipeline_schedules"
	do(t, s, "POST", ps, tok(admin)).expect(t, 400, `{"error":"description is missing, ref is missing, cron is missing"}`)
	do(t, s, "POST", ps, tok(admin), form("ref", "main")).expect(t, 400, `{"error":"description is missing, cron is missing"}`)
	m := "/projects/1/members"
	do(t, s, "POST", m, tok(admin), form("access_level", "30")).
		expect(t, 400, `{"error":"username, user_id are missing, exactly one parameter must be provided"}`)
	do(t, s, "POST", m, tok(admin), form("access_level", "30", "username", "bob", "user_id", "2")).
		expect(t, 400, `{"error":"username, user_id are mutually exclusive"}`)
	do(t, s, "POST", m, tok(admin), form("username", "bob")).expect(t, 400, `{"error":"access_level is missing"}`)
	do(t, s, "POST", m, tok(admin), form("access_level", "30", "user_id", "2")).expect(t, 201, "")
	// Update: the ID and the parent IDs come from the URL.
	do(t, s, "POST", "/projects/1/labels", tok(admin), form("name", "bug", "color", "red")).expect(t, 201, "")
	do(t, s, "PUT", "/projects/1/labels/bug", tok(admin), form("color", "blue")).expect(t, 200, "")
	do(t, s, "PUT", "/projects/1/members/1", tok(admin)).expect(t, 400, `{"error":"access_level is missing"}`)
	// A create path's placeholder is an attribute: group epic issues.
	do(t, s, "POST", "/groups/g/epics", tok(admin), form("title", "e")).expect(t, 201, "")
	ei := do(t, s, "POST", "/groups/g/epics/1/issues/7", tok(admin)).expect(t, 201, "").obj(t)
	if ei["issue_id"] != 7.0 || ei["epic_issue_id"] != 1.0 || ei["epic_iid"] != 1.0 {
		t.Fatalf("epic issue %v", ei)
	}
	if l := do(t, s, "GET", "/groups/g/epics/1/issues").list(t); len(l) != 1 {
		t.Fatalf("epic issues %v", l)
	}
}

// Lists are offset-paginated with every header.
func TestStorePagination(t *testing.T) {
	s := storeServer(t)
	for _, n := range []string{"a", "b", "c"} {
		do(t, s, "POST", "/groups/g/labels", tok(admin), form("name", n, "color", "red")).expect(t, 201, "")
	}
	r := do(t, s, "GET", "/groups/g/labels?per_page=2").expect(t, 200, "")
	h := r.header
	for k, v := range map[string]string{"X-Page": "1", "X-Per-Page": "2", "X-Next-Page": "2", "X-Prev-Page": "",
		"X-Total": "3", "X-Total-Pages": "2"} {
		if h.Get(k) != v {
			t.Fatalf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
	link := h.Get("Link")
	if !strings.Contains(link, `/api/v4/groups/g/labels?page=2&per_page=2>; rel="next"`) ||
		!strings.Contains(link, `rel="first"`) || !strings.Contains(link, `rel="last"`) {
		t.Fatalf("Link %s", link)
	}
	if l := r.list(t); len(l) != 2 || l[0]["name"] != "a" || l[1]["name"] != "b" {
		t.Fatalf("page 1 %v", l)
	}
	r = do(t, s, "GET", "/groups/g/labels?per_page=2&page=2").expect(t, 200, "")
	if l := r.list(t); len(l) != 1 || l[0]["name"] != "c" || r.header.Get("X-Prev-Page") != "1" || r.header.Get("X-Next-Page") != "" {
		t.Fatalf("page 2 %v %v", l, r.header)
	}
	if r := do(t, s, "HEAD", "/groups/g/labels").expect(t, 200, ""); r.header.Get("X-Total") != "3" || len(r.body) != 0 {
		t.Fatalf("HEAD %v %q", r.header, r.body)
	}
	do(t, s, "GET", "/groups/g/labels?pagination=keyset").expect(t, 405,
		`{"error":"Keyset pagination is not yet available for this type of request"}`)
}

// Singletons: read at the collection path (implicitly there unless created
// by POST), updated and deleted without ID.
func TestStoreSingletons(t *testing.T) {
	s := storeServer(t)
	js := "/projects/1/job_token_scope"
	do(t, s, "GET", js).expect(t, 200, `{"project_id":1}`)
	u := do(t, s, "PATCH", js, tok(admin), jsonBody(map[string]any{"enabled": false})).expect(t, 200, "").obj(t)
	if u["enabled"] != false || u["project_id"] != 1.0 {
		t.Fatalf("patched scope %v", u)
	}
	if g := do(t, s, "GET", js).obj(t); g["enabled"] != false {
		t.Fatalf("scope %v", g)
	}
	// Children of a singleton need it.
	do(t, s, "POST", js+"/allowlist", tok(admin), form("target_project_id", "1")).expect(t, 201, "")
	// A singleton created by POST is absent until then, and after a delete.
	pr := "/groups/g/push_rule"
	do(t, s, "GET", pr, tok(admin)).expect(t, 404, `{"message":"404 Push Rules Not Found"}`)
	do(t, s, "PUT", pr, tok(admin), form("deny_delete_tag", "true")).expect(t, 404, "")
	do(t, s, "POST", pr, tok(admin), form("deny_delete_tag", "true")).expect(t, 201, "")
	if g := do(t, s, "PUT", pr, tok(admin), form("max_file_size", "5")).expect(t, 200, "").obj(t); g["deny_delete_tag"] != "true" || g["max_file_size"] != "5" {
		t.Fatalf("push rule %v", g)
	}
	do(t, s, "DELETE", pr, tok(admin)).expect(t, 204, "")
	do(t, s, "GET", pr, tok(admin)).expect(t, 404, "")
	// An update by POST, as declared (project approvals).
	if a := do(t, s, "POST", "/projects/1/approvals", tok(admin), form("reset_approvals_on_push", "false")).expect(t, 200, "").obj(t); a["reset_approvals_on_push"] != "false" {
		t.Fatalf("approvals %v", a)
	}
}

// Set: PUT path/{key} with a value creates or replaces {key, value}.
func TestStoreSet(t *testing.T) {
	s := storeServer(t)
	ca := "/users/1/custom_attributes"
	do(t, s, "PUT", ca+"/color", tok(admin)).expect(t, 400, `{"error":"value is missing"}`)
	o := do(t, s, "PUT", ca+"/color", tok(admin), form("value", "red")).expect(t, 200, "").obj(t)
	if o["key"] != "color" || o["value"] != "red" || o["user_id"] != 1.0 {
		t.Fatalf("set %v", o)
	}
	do(t, s, "PUT", ca+"/color", tok(admin), form("value", "blue")).expect(t, 200, "")
	if l := do(t, s, "GET", ca, tok(admin)).list(t); len(l) != 1 || l[0]["value"] != "blue" {
		t.Fatalf("custom attributes %v", l)
	}
	do(t, s, "PUT", ca+"/color", tok("bob"), form("value", "x")).expect(t, 403, "")
	do(t, s, "DELETE", ca+"/color", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", ca+"/color", tok(admin)).expect(t, 404, `{"message":"404 Custom Attribute Not Found"}`)
}

// AddResource collections live in the same store: under a built-in generic
// parent they need it, and routes already served keep their handler.
func TestStoreAddResource(t *testing.T) {
	s := storeServer(t)
	s.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/pipelines/{pipeline_id}/widgets"})
	w := "/projects/1/pipelines/1/widgets"
	do(t, s, "POST", w, tok(admin), form("name", "w")).expect(t, 404, `{"message":"404 Pipeline Not Found"}`)
	do(t, s, "POST", "/projects/1/pipeline", tok(admin), form("ref", "main")).expect(t, 201, "")
	if o := do(t, s, "POST", w, tok(admin), form("name", "w")).expect(t, 201, "").obj(t); o["pipeline_id"] != 1.0 {
		t.Fatalf("widget %v", o)
	}
	// The built-in labels stay keyed by name.
	s.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/labels"})
	do(t, s, "POST", "/projects/1/labels", tok(admin), form("name", "bug", "color", "red")).expect(t, 201, "")
	do(t, s, "GET", "/projects/1/labels/bug").expect(t, 200, "")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("AddObject at an unknown path does not panic")
			}
		}()
		s.AddObject("/nowhere/1", nil)
	}()
}
