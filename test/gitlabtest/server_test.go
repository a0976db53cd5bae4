package gitlabtest_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestVersionAndCurrentUser(t *testing.T) {
	s := gitlabtest.NewServer(t)
	r := do(t, s, "GET", "/version", tok(admin)).expect(t, 200, "")
	if v := r.obj(t)["version"]; v != gitlabtest.Version {
		t.Fatalf("version = %v", v)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q", ct)
	}
	if r.header.Get("X-Request-Id") == "" {
		t.Fatal("no X-Request-Id")
	}
	do(t, s, "GET", "/version").expect(t, 401, `{"message":"401 Unauthorized"}`)

	me := do(t, s, "GET", "/user", tok(admin)).expect(t, 200, "").obj(t)
	if me["username"] != "root" || me["is_admin"] != true || me["id"] != 1.0 {
		t.Fatalf("current user = %v", me)
	}
	if me["web_url"] != s.URL()+"/root" {
		t.Fatalf("web_url = %v, want %s/root", me["web_url"], s.URL())
	}
}

func TestUnknownRouteAndRequestIDs(t *testing.T) {
	s := gitlabtest.NewServer(t)
	a := do(t, s, "GET", "/nope", tok(admin)).expect(t, 404, `{"error":"404 Not Found"}`)
	b := do(t, s, "GET", s.URL()+"/not-api", tok(admin)).expect(t, 404, `{"error":"404 Not Found"}`)
	if a.header.Get("Content-Type") != "application/json" {
		t.Fatal("404 without JSON content type")
	}
	if a.header.Get("X-Request-Id") == b.header.Get("X-Request-Id") {
		t.Fatal("request ids repeat")
	}
	// A wrong method on a known path is Grape's 405, with the methods served.
	if r := do(t, s, "PATCH", "/version", tok(admin)).expect(t, 405, `{"error":"405 Not Allowed"}`); r.header.Get("Allow") != "GET, HEAD" {
		t.Fatalf("Allow %q", r.header.Get("Allow"))
	}
	// An unencoded slash in a project path matches no route.
	s.AddProject(gitlabtest.Project{Name: "p"})
	do(t, s, "GET", "/projects/root/p", tok(admin)).expect(t, 404, `{"error":"404 Not Found"}`)
}

func TestHeadAnswersLikeGet(t *testing.T) {
	s := gitlabtest.NewServer(t)
	for i := 0; i < 3; i++ {
		s.AddProject(gitlabtest.Project{Name: "p" + string(rune('a'+i)), Visibility: "public"})
	}
	r := do(t, s, "HEAD", "/projects?per_page=2", tok(admin)).expect(t, 200, "")
	if len(r.body) != 0 || r.header.Get("X-Total") != "3" || r.header.Get("X-Next-Page") != "2" {
		t.Fatalf("HEAD list: body %q, headers %v", r.body, r.header)
	}
	one := do(t, s, "HEAD", "/projects/1", tok(admin)).expect(t, 200, "")
	if len(one.body) != 0 || one.header.Get("Content-Type") != "application/json" {
		t.Fatalf("HEAD project: %q %v", one.body, one.header)
	}
	do(t, s, "HEAD", "/projects/99", tok(admin)).expect(t, 404, "")
	// As GitLab (Rack drops a HEAD's body, not its headers): the
	// Content-Length of the GET, and no body.
	for _, path := range []string{"/projects?per_page=2", "/projects/1"} {
		head := do(t, s, "HEAD", path, tok(admin))
		get := do(t, s, "GET", path, tok(admin))
		if cl := head.header.Get("Content-Length"); cl != strconv.Itoa(len(get.body)) || len(head.body) != 0 {
			t.Errorf("HEAD %s: Content-Length %q, body %d bytes; the GET's body has %d", path, cl, len(head.body), len(get.body))
		}
	}
}

func TestWithAddrRejectsNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "10.1.2.3:80", "example.com:80"} {
		if _, err := gitlabtest.New(gitlabtest.WithAddr(addr)); err == nil {
			t.Errorf("WithAddr(%q) accepted", addr)
		}
	}
	s, err := gitlabtest.New(gitlabtest.WithAddr("127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s.Close() // idempotent
}

func TestUnstartedInHTTPTest(t *testing.T) {
	s := gitlabtest.NewUnstarted(gitlabtest.WithAdminToken("secret"))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	defer s.Close()
	resp, err := http.Get(ts.URL + "/api/v4/user?private_token=secret")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	resp, err = http.Get(ts.URL + "/api/v4/user?private_token=" + admin)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("default token still accepted: %d", resp.StatusCode)
	}
}

func TestExternalURLInObjects(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithExternalURL("https://gitlab.example.org/"))
	id := s.AddProject(gitlabtest.Project{Name: "Web", Namespace: "root"})
	p := do(t, s, "GET", "/projects/"+itoa(id), tok(admin)).expect(t, 200, "").obj(t)
	if p["web_url"] != "https://gitlab.example.org/root/web" {
		t.Fatalf("web_url = %v", p["web_url"])
	}
	if p["ssh_url_to_repo"] != "git@gitlab.example.org:root/web.git" {
		t.Fatalf("ssh_url_to_repo = %v", p["ssh_url_to_repo"])
	}
	if links := p["_links"].(map[string]any); links["self"] != "https://gitlab.example.org/api/v4/projects/"+itoa(id) {
		t.Fatalf("_links.self = %v", links["self"])
	}
	me := do(t, s, "GET", "/user", tok(admin)).obj(t)
	if me["web_url"] != "https://gitlab.example.org/root" {
		t.Fatalf("user web_url = %v", me["web_url"])
	}
}

func TestTimestampsUseInjectedClockAndMilliseconds(t *testing.T) {
	now := mustTime(t, "2019-03-01T10:14:00.002Z")
	s := gitlabtest.NewServer(t, gitlabtest.WithClock(func() time.Time { return now }))
	p := do(t, s, "POST", "/projects", tok(admin), form("name", "clocked")).expect(t, 201, "").obj(t)
	if p["created_at"] != "2019-03-01T10:14:00.002Z" {
		t.Fatalf("created_at = %v", p["created_at"])
	}
	is := do(t, s, "POST", "/projects/root%2Fclocked/issues", tok(admin), form("title", "t", "due_date", "2019-04-01")).
		expect(t, 201, "").obj(t)
	if is["due_date"] != "2019-04-01" || is["created_at"] != "2019-03-01T10:14:00.002Z" {
		t.Fatalf("issue dates = %v %v", is["due_date"], is["created_at"])
	}
}

func TestSeedData(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	l := do(t, s, "GET", "/projects?order_by=path&sort=asc").expect(t, 200, "").list(t)
	if len(l) != 1 || l[0]["path_with_namespace"] != "demo/website" {
		t.Fatalf("anonymous sees %v", l)
	}
	all := do(t, s, "GET", "/projects", tok(admin)).list(t)
	if len(all) != 4 {
		t.Fatalf("admin sees %d projects", len(all))
	}
	alice := do(t, s, "GET", "/projects?membership=true", tok(gitlabtest.SeedAliceToken)).list(t)
	var paths []string
	for _, p := range alice {
		paths = append(paths, p["path_with_namespace"].(string))
	}
	if strings.Join(paths, ",") != "secret/vault,alice/notes,demo/website" {
		t.Fatalf("alice's projects = %v", paths)
	}
	mr := do(t, s, "GET", "/projects/demo%2Fwebsite/merge_requests/1").expect(t, 200, "").obj(t)
	if mr["source_branch"] != "feature/login" || mr["author"].(map[string]any)["username"] != "alice" {
		t.Fatalf("seed MR = %v", mr)
	}
	if s.RequestCount() != 4 {
		t.Fatalf("seeding left %d requests in the log", s.RequestCount())
	}
}
