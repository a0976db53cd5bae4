package gitlabtest_test

import (
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestFeatures(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	do(t, s, "POST", "/features/new_ui", tok(admin)).expect(t, 400, `{"error":"value is missing"}`)
	do(t, s, "POST", "/features/new_ui", tok(admin), form("value", "true")).
		expect(t, 201, `{"definition":null,"gates":[{"key":"boolean","value":true}],"name":"new_ui","state":"on"}`)
	do(t, s, "POST", "/features/rollout", tok(admin), form("value", "30")).
		expect(t, 201, `{"definition":null,"gates":[{"key":"boolean","value":false},{"key":"percentage_of_time","value":30}],"name":"rollout","state":"conditional"}`)
	do(t, s, "POST", "/features/beta", tok(admin), form("value", "true", "user", "bob", "feature_group", "gitlab_team_members")).
		expect(t, 201, `{"definition":null,"gates":[{"key":"boolean","value":false},{"key":"actors","value":["User:2"]},{"key":"groups","value":["gitlab_team_members"]}],"name":"beta","state":"conditional"}`)
	do(t, s, "POST", "/features/new_ui", tok(admin), form("value", "maybe")).expect(t, 400, `{"error":"value is invalid"}`)
	l := do(t, s, "GET", "/features", tok(admin)).expect(t, 200, "").list(t)
	if len(l) != 3 || l[0]["name"] != "beta" || l[1]["name"] != "new_ui" {
		t.Fatalf("features %v", l)
	}
	do(t, s, "DELETE", "/features/new_ui", tok(admin)).expect(t, 204, "")
	do(t, s, "DELETE", "/features/new_ui", tok(admin)).expect(t, 204, "")
	if l := do(t, s, "GET", "/features", tok(admin)).list(t); len(l) != 2 {
		t.Fatalf("after delete %d", len(l))
	}
}

func TestVariables(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	v := "/projects/root%2Fp/variables"
	do(t, s, "POST", v, tok(admin), form("key", "TOKEN")).expect(t, 400, `{"error":"value is missing"}`)
	do(t, s, "POST", v, tok(admin), form("value", "x")).expect(t, 400, `{"error":"key is missing"}`)
	created := do(t, s, "POST", v, tok(admin), form("key", "TOKEN", "value", "s3cr3t", "protected", "true", "frob", "1")).
		expect(t, 201, "").obj(t)
	if created["frob"] != nil || created["key"] != "TOKEN" || created["value"] != "s3cr3t" || created["protected"] != true ||
		created["masked"] != false || created["variable_type"] != "env_var" || created["environment_scope"] != "*" {
		t.Fatalf("variable %v", created)
	}
	do(t, s, "POST", v, tok(admin), form("key", "TOKEN", "value", "again")).
		expect(t, 400, `{"message":{"key":["(TOKEN) has already been taken"]}}`)
	do(t, s, "PUT", v+"/TOKEN", tok(admin), form("value", "new-value", "masked", "1")).expect(t, 200, "")
	got := do(t, s, "GET", v+"/TOKEN", tok(admin)).expect(t, 200, "").obj(t)
	if got["value"] != "new-value" || got["masked"] != true || got["protected"] != true {
		t.Fatalf("updated variable %v", got)
	}
	if l := do(t, s, "GET", v, tok(admin)).list(t); len(l) != 1 {
		t.Fatalf("variables %d", len(l))
	}
	do(t, s, "GET", v, tok("bob")).expect(t, 403, "")
	do(t, s, "GET", v).expect(t, 401, "")
	do(t, s, "DELETE", v+"/TOKEN", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", v+"/TOKEN", tok(admin)).expect(t, 404, `{"message":"404 Variable Not Found"}`)
}

func TestPushRule(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p"})
	pr := "/projects/root%2Fp/push_rule"
	do(t, s, "GET", pr, tok(admin)).expect(t, 200, "null")
	do(t, s, "PUT", pr, tok(admin), form("deny_delete_tag", "true")).expect(t, 404, `{"message":"404 Push Rule Not Found"}`)
	do(t, s, "DELETE", pr, tok(admin)).expect(t, 404, "")
	do(t, s, "POST", pr, tok(admin)).expect(t, 400, "")
	c := do(t, s, "POST", pr, tok(admin), form("deny_delete_tag", "true", "max_file_size", "5", "commit_message_regex", "^fix")).
		expect(t, 201, "").obj(t)
	if c["deny_delete_tag"] != true || c["max_file_size"] != 5.0 || c["commit_message_regex"] != "^fix" || c["project_id"] != 1.0 {
		t.Fatalf("push rule %v", c)
	}
	do(t, s, "POST", pr, tok(admin), form("deny_delete_tag", "true")).expect(t, 422, `{"message":"Project push rule exists, try updating"}`)
	u := do(t, s, "PUT", pr, tok(admin), form("member_check", "true")).expect(t, 200, "").obj(t)
	if u["member_check"] != true || u["deny_delete_tag"] != true {
		t.Fatalf("updated push rule %v", u)
	}
	do(t, s, "GET", pr, tok(admin)).expect(t, 200, "")
	do(t, s, "DELETE", pr, tok(admin)).expect(t, 204, "")
	do(t, s, "GET", pr, tok(admin)).expect(t, 200, "null")
}

func TestUsersKeysAndActivities(t *testing.T) {
	day := mustTime(t, "2024-05-10T12:00:00Z")
	now := day
	s := gitlabtest.NewServer(t, gitlabtest.WithClock(func() time.Time { return now }))
	do(t, s, "POST", "/users", tok(admin), form("username", "eve", "name", "Eve")).expect(t, 400, `{"error":"email is missing"}`)
	do(t, s, "POST", "/users", tok(admin), form("username", "eve", "name", "Eve", "email", "eve@example.com")).
		expect(t, 400, `{"error":"password, reset_password, force_random_password are missing, at least one parameter must be provided"}`)
	eve := do(t, s, "POST", "/users", tok(admin), form("username", "eve", "name", "Eve", "email", "eve@example.com",
		"reset_password", "true", "bio", "hi")).expect(t, 201, "").obj(t)
	if eve["username"] != "eve" || eve["bio"] != "hi" || eve["is_admin"] != false {
		t.Fatalf("user %v", eve)
	}
	do(t, s, "POST", "/users", tok(admin), form("username", "EVE", "name", "E", "email", "x@example.com", "password", "p")).
		expect(t, 409, `{"message":"Username has already been taken"}`)
	do(t, s, "POST", "/users", tok(admin), form("username", "eve2", "name", "E", "email", "EVE@example.com", "password", "p")).
		expect(t, 409, `{"message":"Email has already been taken"}`)
	s.AddToken("eve", "eve", gitlabtest.PrivateToken)
	do(t, s, "POST", "/users", tok("eve"), form("username", "x", "name", "x", "email", "x@x", "password", "p")).expect(t, 403, "")
	// Non-admins get the basic entity.
	if u := do(t, s, "GET", "/users/1", tok("eve")).obj(t); u["email"] != nil || u["username"] != "root" {
		t.Fatalf("basic user %v", u)
	}
	if l := do(t, s, "GET", "/users?username=EVE", tok(admin)).list(t); len(l) != 1 || l[0]["email"] != "eve@example.com" {
		t.Fatalf("username filter %v", l)
	}
	do(t, s, "PUT", "/users/2", tok(admin), form("name", "Eve Online")).expect(t, 200, "")
	do(t, s, "GET", "/users/99").expect(t, 404, `{"message":"404 User Not Found"}`)

	// SSH keys.
	k := "/users/2/keys"
	do(t, s, "POST", k, tok(admin), form("title", "laptop")).expect(t, 400, `{"error":"key is missing"}`)
	do(t, s, "POST", k, tok("eve"), form("title", "laptop", "key", "ssh-ed25519 AAAA")).expect(t, 403, "")
	key := do(t, s, "POST", k, tok(admin), form("title", "laptop", "key", "ssh-ed25519 AAAA")).expect(t, 201, "").obj(t)
	if key["title"] != "laptop" || key["id"] != 1.0 || key["usage_type"] != "auth_and_signing" {
		t.Fatalf("key %v", key)
	}
	if l := do(t, s, "GET", k).list(t); len(l) != 1 {
		t.Fatalf("keys %d", len(l))
	}
	do(t, s, "GET", k+"/1").expect(t, 200, "")
	do(t, s, "GET", "/users/99/keys").expect(t, 404, `{"message":"404 User Not Found"}`)
	do(t, s, "DELETE", k+"/1", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", k+"/1").expect(t, 404, `{"message":"404 Key Not Found"}`)

	// Activities: API use by eve (yesterday's clock) and root (today).
	now = day.AddDate(0, 0, -1)
	do(t, s, "GET", "/user", tok("eve")).expect(t, 200, "")
	now = day
	a := do(t, s, "GET", "/user/activities?from=2024-05-01", tok(admin)).expect(t, 200, "").list(t)
	if len(a) != 2 || a[0]["username"] != "eve" || a[0]["last_activity_on"] != "2024-05-09" || a[1]["username"] != "root" ||
		a[1]["last_activity_at"] != "2024-05-10" {
		t.Fatalf("activities %v", a)
	}
	if a := do(t, s, "GET", "/user/activities?from=2024-05-10", tok(admin)).list(t); len(a) != 1 {
		t.Fatalf("from filter %v", a)
	}
	do(t, s, "GET", "/user/activities", tok("eve")).expect(t, 403, `{"message":"403 Forbidden"}`)
	do(t, s, "DELETE", "/users/2", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", "/user", tok("eve")).expect(t, 401, "")
}

func TestGenericResource(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	s.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/widgets"})
	s.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/labels2", IDAttr: "name", Ops: "list,create,get"})
	w := "/projects/root%2Fp/widgets"
	a := do(t, s, "POST", w, tok(admin), jsonBody(map[string]any{"name": "a", "size": 3})).expect(t, 201, "").obj(t)
	if a["id"] != 1.0 || a["name"] != "a" || a["size"] != 3.0 {
		t.Fatalf("widget %v", a)
	}
	do(t, s, "POST", w, tok(admin), form("name", "b")).expect(t, 201, "")
	do(t, s, "POST", w, form("name", "anon")).expect(t, 401, "")
	do(t, s, "POST", w, tok("bob"), form("name", "c")).expect(t, 403, "")
	l := do(t, s, "GET", w+"?per_page=1").expect(t, 200, "")
	if l.header.Get("X-Total") != "2" || ids(l.list(t))[0] != 1 {
		t.Fatalf("widgets list %s %v", l.header.Get("X-Total"), l.body)
	}
	u := do(t, s, "PUT", w+"/1", tok(admin), form("size", "4")).expect(t, 200, "").obj(t)
	if u["size"] != "4" || u["name"] != "a" {
		t.Fatalf("updated widget %v", u)
	}
	do(t, s, "DELETE", w+"/1", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", w+"/1").expect(t, 404, `{"message":"404 Not found"}`)
	do(t, s, "GET", "/projects/root%2Fmissing/widgets").expect(t, 404, `{"message":"404 Project Not Found"}`)
	// Keyed by name, with a subset of operations.
	do(t, s, "POST", "/projects/1/labels2", tok(admin), form("name", "bug", "color", "red")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/labels2", tok(admin), form("color", "red")).expect(t, 400, `{"error":"name is missing"}`)
	do(t, s, "POST", "/projects/1/labels2", tok(admin), form("name", "bug")).expect(t, 400, `{"message":{"name":["has already been taken"]}}`)
	if g := do(t, s, "GET", "/projects/1/labels2/bug").expect(t, 200, "").obj(t); g["color"] != "red" {
		t.Fatalf("label %v", g)
	}
	do(t, s, "DELETE", "/projects/1/labels2/bug", tok(admin)).expect(t, 405, `{"error":"405 Not Allowed"}`)
}
