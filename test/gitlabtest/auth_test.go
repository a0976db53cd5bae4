package gitlabtest_test

import (
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// authServer has alice (member of "priv"), bob (outsider) and a public and a
// private project owned by root.
func authServer(t *testing.T) *gitlabtest.Server {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "alice"})
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("alice", "alice-pat", gitlabtest.PrivateToken)
	s.AddToken("alice", "alice-oauth", gitlabtest.OAuthToken)
	s.AddToken("alice", "alice-job", gitlabtest.JobToken)
	s.AddToken("bob", "bob-pat", gitlabtest.PrivateToken)
	s.AddToken("bob", "bob-read", gitlabtest.PrivateToken, "read_api")
	s.AddToken("root", "root-nosudo", gitlabtest.PrivateToken, "api")
	s.AddToken("root", "root-job", gitlabtest.JobToken)
	s.AddProject(gitlabtest.Project{Name: "pub", Visibility: "public"})
	priv := s.AddProject(gitlabtest.Project{Name: "priv", Visibility: "private"})
	s.AddProjectMember(priv, "alice")
	return s
}

func TestTokenKindsAndForms(t *testing.T) {
	s := authServer(t)
	user := func(r *result) string {
		t.Helper()
		r.expect(t, 200, "")
		return r.obj(t)["username"].(string)
	}
	cases := map[string]*result{
		"PRIVATE-TOKEN": do(t, s, "GET", "/user", tok("alice-pat")),
		"private_token": do(t, s, "GET", "/user?private_token=alice-pat"),
		"Bearer OAuth":  do(t, s, "GET", "/user", hdr("Authorization", "Bearer alice-oauth")),
		"Bearer PAT":    do(t, s, "GET", "/user", hdr("Authorization", "Bearer alice-pat")),
		"access_token":  do(t, s, "GET", "/user?access_token=alice-oauth"),
		"form body":     do(t, s, "POST", "/projects", form("private_token", "alice-pat", "name", "via-form")),
	}
	for name, r := range cases {
		if name == "form body" {
			r.expect(t, 201, "")
			continue
		}
		if got := user(r); got != "alice" {
			t.Errorf("%s: user %q", name, got)
		}
	}
	bad := `{"message":"401 Unauthorized"}`
	do(t, s, "GET", "/user", tok("nope")).expect(t, 401, bad)
	do(t, s, "GET", "/projects", tok("nope")).expect(t, 401, bad) // a bad token fails even on public routes
	do(t, s, "GET", "/user?access_token=alice-pat").expect(t, 401, bad)
	do(t, s, "GET", "/user", tok("alice-oauth")).expect(t, 401, bad)
	do(t, s, "GET", "/user").expect(t, 401, bad)
}

func TestJobTokenAllowList(t *testing.T) {
	s := authServer(t)
	// GET /user is not on the allow-list: the job token is ignored, so 401.
	do(t, s, "GET", "/user", hdr("JOB-TOKEN", "alice-job")).expect(t, 401, `{"message":"401 Unauthorized"}`)
	// GET /projects/:id is: alice's job sees the private project she is a member of.
	p := do(t, s, "GET", "/projects/root%2Fpriv", hdr("JOB-TOKEN", "alice-job")).expect(t, 200, "").obj(t)
	if p["path"] != "priv" {
		t.Fatalf("job token project = %v", p["path"])
	}
	do(t, s, "GET", "/projects/root%2Fpriv?job_token=alice-job").expect(t, 200, "")
	do(t, s, "GET", "/projects/root%2Fpriv", hdr("JOB-TOKEN", "bad")).expect(t, 401, "")
	// Elsewhere a job token is anonymous: the private project's issues look absent.
	do(t, s, "GET", "/projects/root%2Fpriv/issues", hdr("JOB-TOKEN", "alice-job")).expect(t, 404, `{"message":"404 Project Not Found"}`)
}

func TestAnonymousAndAccessRules(t *testing.T) {
	s := authServer(t)
	l := do(t, s, "GET", "/projects").expect(t, 200, "").list(t)
	if len(l) != 1 || l[0]["path"] != "pub" {
		t.Fatalf("anonymous list = %v", l)
	}
	nf := `{"message":"404 Project Not Found"}`
	do(t, s, "GET", "/projects/root%2Fpriv").expect(t, 404, nf)
	do(t, s, "GET", "/projects/root%2Fpriv", tok("bob-pat")).expect(t, 404, nf)
	do(t, s, "GET", "/projects/root%2Fpriv", tok("alice-pat")).expect(t, 200, "")
	do(t, s, "POST", "/projects/root%2Fpub/issues", form("title", "x")).expect(t, 401, `{"message":"401 Unauthorized"}`)
	// Outsiders may read a public project but not change it.
	do(t, s, "PUT", "/projects/root%2Fpub", tok("bob-pat"), form("description", "x")).expect(t, 403, `{"message":"403 Forbidden"}`)
	do(t, s, "POST", "/projects/root%2Fpub/repository/branches", tok("bob-pat"), form("branch", "b", "ref", "main")).expect(t, 403, "")
	do(t, s, "PUT", "/projects/root%2Fpriv", tok("bob-pat"), form("description", "x")).expect(t, 404, nf)
	// Members write; admins see and edit everything.
	do(t, s, "PUT", "/projects/root%2Fpriv", tok("alice-pat"), form("description", "by alice")).expect(t, 200, "")
	do(t, s, "DELETE", "/projects/root%2Fpriv", tok("alice-pat")).expect(t, 403, "") // only owners delete
	do(t, s, "DELETE", "/projects/root%2Fpriv", tok(admin)).expect(t, 202, `{"message":"202 Accepted"}`)
	do(t, s, "GET", "/projects/root%2Fpriv", tok(admin)).expect(t, 404, nf)
	// A project's creator owns it.
	do(t, s, "POST", "/projects", tok("bob-pat"), form("name", "mine")).expect(t, 201, "")
	do(t, s, "PUT", "/projects/bob%2Fmine", tok("bob-pat"), form("description", "ok")).expect(t, 200, "")
	do(t, s, "GET", "/projects/bob%2Fmine", tok("alice-pat")).expect(t, 404, nf)
	// read_api tokens cannot write.
	do(t, s, "GET", "/projects", tok("bob-read")).expect(t, 200, "")
	do(t, s, "POST", "/projects", tok("bob-read"), form("name", "x")).expect(t, 403,
		`{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api"}`)
	// Admin-only routes.
	do(t, s, "GET", "/features", tok("bob-pat")).expect(t, 403, `{"message":"403 Forbidden"}`)
	do(t, s, "GET", "/features").expect(t, 401, "")
}

func TestSudo(t *testing.T) {
	s := authServer(t)
	do(t, s, "GET", "/user", tok("alice-pat"), hdr("Sudo", "bob")).
		expect(t, 403, `{"message":"403 Forbidden - Must be admin to use sudo"}`)
	r := do(t, s, "GET", "/user", tok("root-nosudo"), hdr("Sudo", "bob")).expect(t, 403, "").obj(t)
	if r["error"] != "insufficient_scope" || r["scope"] != "sudo" || r["error_description"] == "" || r["message"] != nil {
		t.Fatalf("scope error body %v", r)
	}
	do(t, s, "GET", "/user?sudo=nobody", tok(admin)).
		expect(t, 404, `{"message":"404 User with ID or username 'nobody' Not Found"}`)
	do(t, s, "GET", "/user", hdr("Sudo", "bob")).expect(t, 401, "")
	do(t, s, "GET", "/projects/1", hdr("JOB-TOKEN", "root-job"), hdr("Sudo", "bob")).expect(t, 403,
		`{"message":"403 Forbidden - Must be authenticated using an OAuth or Personal Access Token to use sudo"}`)

	for _, id := range []string{"BOB", "3"} {
		me := do(t, s, "GET", "/user", tok(admin), hdr("Sudo", id)).expect(t, 200, "").obj(t)
		if me["username"] != "bob" || me["is_admin"] != false {
			t.Fatalf("sudo %s acts as %v", id, me["username"])
		}
	}
	// Sudo'd requests act as that user: author and permissions.
	is := do(t, s, "POST", "/projects/root%2Fpub/issues?sudo=bob", tok(admin), form("title", "by bob")).expect(t, 201, "").obj(t)
	if is["author"].(map[string]any)["username"] != "bob" {
		t.Fatalf("author = %v", is["author"])
	}
	do(t, s, "GET", "/projects/root%2Fpriv", tok(admin), hdr("Sudo", "bob")).expect(t, 404, "")
	do(t, s, "GET", "/projects/root%2Fpriv", tok(admin), hdr("Sudo", "alice")).expect(t, 200, "")
}
