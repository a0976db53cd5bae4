package gitlabtest_test

import (
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestNamespacedIDsAndDots(t *testing.T) {
	s := gitlabtest.NewServer(t)
	g := s.AddGroup("Team", "team", "public")
	s.AddGroup("Sub", "team/sub.group", "public")
	id := s.AddProject(gitlabtest.Project{Name: "my.lib", Path: "my.lib", Namespace: "team/sub.group", Visibility: "public"})
	for _, p := range []string{"/projects/team%2Fsub.group%2Fmy.lib", "/projects/TEAM%2Fsub.group%2FMy.Lib",
		"/projects/team%2Fsub%2Egroup%2Fmy%2Elib", "/projects/" + itoa(id)} {
		r := do(t, s, "GET", p).expect(t, 200, "").obj(t)
		if r["id"] != float64(id) || r["path_with_namespace"] != "team/sub.group/my.lib" {
			t.Fatalf("%s -> %v", p, r["path_with_namespace"])
		}
	}
	// Digits are an id, never a path.
	do(t, s, "GET", "/projects/999").expect(t, 404, `{"message":"404 Project Not Found"}`)
	grp := do(t, s, "GET", "/groups/team%2Fsub.group").expect(t, 200, "").obj(t)
	if grp["full_path"] != "team/sub.group" || grp["parent_id"] != float64(g) {
		t.Fatalf("subgroup = %v", grp)
	}
	gp := do(t, s, "GET", "/groups/team/projects?include_subgroups=true").expect(t, 200, "").list(t)
	if len(gp) != 1 || len(do(t, s, "GET", "/groups/team/projects").list(t)) != 0 {
		t.Fatalf("group projects with subgroups = %d", len(gp))
	}
	do(t, s, "GET", "/groups/nope").expect(t, 404, `{"message":"404 Group Not Found"}`)
}

func TestRenamedProjectRedirects(t *testing.T) {
	s := gitlabtest.NewServer(t)
	id := s.AddProject(gitlabtest.Project{Name: "old", Visibility: "public"})
	s.SetProjectPath(id, "new")
	r := do(t, s, "GET", "/projects/root%2Fold/issues?state=opened").expect(t, 301, "")
	want := s.APIURL() + "/projects/" + itoa(id) + "/issues?state=opened"
	if r.header.Get("Location") != want {
		t.Fatalf("Location = %q, want %q", r.header.Get("Location"), want)
	}
	if !strings.HasPrefix(string(r.body), "This resource has been moved permanently to ") {
		t.Fatalf("body %q", r.body)
	}
	p := do(t, s, "GET", "/projects/root%2Fnew").expect(t, 200, "").obj(t)
	if p["web_url"] != s.URL()+"/root/new" || p["path"] != "new" {
		t.Fatalf("renamed project %v %v", p["web_url"], p["path"])
	}
	// Renaming through the API also leaves a redirect.
	do(t, s, "PUT", "/projects/"+itoa(id), tok(admin), form("path", "newer")).expect(t, 200, "")
	do(t, s, "GET", "/projects/root%2Fnew").expect(t, 301, "")
}

func TestStarUnstar(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	p := do(t, s, "POST", "/projects/root%2Fp/star", tok(admin)).expect(t, 201, "").obj(t)
	if p["star_count"] != 1.0 {
		t.Fatalf("star_count = %v", p["star_count"])
	}
	again := do(t, s, "POST", "/projects/root%2Fp/star", tok(admin)).expect(t, 304, "")
	if len(again.body) != 0 {
		t.Fatal("304 with a body")
	}
	starred := do(t, s, "GET", "/projects?starred=true", tok(admin)).list(t)
	if len(starred) != 1 {
		t.Fatalf("starred list = %d", len(starred))
	}
	p = do(t, s, "POST", "/projects/root%2Fp/unstar", tok(admin)).expect(t, 201, "").obj(t)
	if p["star_count"] != 0.0 {
		t.Fatalf("star_count after unstar = %v", p["star_count"])
	}
	do(t, s, "POST", "/projects/root%2Fp/unstar", tok(admin)).expect(t, 304, "")
	do(t, s, "POST", "/projects/root%2Fp/star").expect(t, 401, "")
}

func TestCreateProjectValidation(t *testing.T) {
	s := gitlabtest.NewServer(t)
	do(t, s, "POST", "/projects", tok(admin), form("description", "x")).
		expect(t, 400, `{"error":"name, path are missing, at least one parameter must be provided"}`)
	p := do(t, s, "POST", "/projects", tok(admin), form("name", "My Project", "visibility", "internal",
		"initialize_with_readme", "TRUE", "topics[]", "go", "topics[]", "cli", "issues_enabled", "false")).expect(t, 201, "").obj(t)
	if p["path"] != "my-project" || p["visibility"] != "internal" || p["empty_repo"] != false ||
		p["issues_enabled"] != false || len(p["topics"].([]any)) != 2 || p["namespace"].(map[string]any)["kind"] != "user" {
		t.Fatalf("created project %v", p)
	}
	do(t, s, "POST", "/projects", tok(admin), form("name", "My Project")).expect(t, 400,
		`{"message":{"name":["has already been taken"],"path":["has already been taken"]}}`)
	do(t, s, "POST", "/projects", tok(admin), form("name", "Other", "path", "my-project")).expect(t, 400,
		`{"message":{"path":["has already been taken"]}}`)
	do(t, s, "POST", "/projects", tok(admin), form("name", "x", "visibility", "secret")).
		expect(t, 400, `{"error":"visibility does not have a valid value"}`)
	do(t, s, "PUT", "/projects/root%2Fmy-project", tok(admin)).expect(t, 400, "")
	// PUT returns the full updated resource.
	u := do(t, s, "PUT", "/projects/root%2Fmy-project", tok(admin), form("description", "new", "topics[]", "rust",
		"name", "Renamed", "merge_method", "ff")).expect(t, 200, "").obj(t)
	if u["description"] != "new" || u["web_url"] == nil || u["issues_enabled"] != false || u["name"] != "Renamed" ||
		u["name_with_namespace"] != "Administrator / Renamed" || u["merge_method"] != "ff" || u["topics"].([]any)[0] != "rust" ||
		u["tag_list"].([]any)[0] != "rust" || len(u["topics"].([]any)) != 1 {
		t.Fatalf("update response %v", u)
	}
}

func TestBodiesAndParams(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p"})
	mk := func(m mod) map[string]any {
		return do(t, s, "POST", "/projects/root%2Fp/issues", tok(admin), m).expect(t, 201, "").obj(t)
	}
	j := mk(jsonBody(map[string]any{"title": "json", "labels": []string{"a", "b"}, "confidential": true}))
	f := mk(form("title", "form", "labels", "a,b", "confidential", "1"))
	m := mk(multipartBody("title", "multi", "labels[]", "a", "labels[]", "b", "confidential", "True"))
	q := do(t, s, "POST", "/projects/root%2Fp/issues?title=query&labels[]=a&labels[]=b&confidential=true", tok(admin)).
		expect(t, 201, "").obj(t)
	for _, is := range []map[string]any{j, f, m, q} {
		l := is["labels"].([]any)
		if len(l) != 2 || l[0] != "a" || l[1] != "b" || is["confidential"] != true {
			t.Fatalf("issue %v: labels %v confidential %v", is["title"], l, is["confidential"])
		}
	}
	do(t, s, "POST", "/projects/root%2Fp/issues", tok(admin), form("title", "x", "confidential", "perhaps")).
		expect(t, 400, `{"error":"confidential is invalid"}`)
	// Hashes: key[sub] in a form become objects (stored by generic resources).
	s.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/widgets"})
	w := do(t, s, "POST", "/projects/root%2Fp/widgets", tok(admin),
		form("name", "w", "opts[color]", "red", "items[0][k]", "v")).expect(t, 201, "").obj(t)
	if w["opts"].(map[string]any)["color"] != "red" || w["items"].(map[string]any)["0"].(map[string]any)["k"] != "v" {
		t.Fatalf("hash params %v", w)
	}
}

func TestSimpleRepresentation(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProjectsFromJSON(fixture(t), 3)
	full := do(t, s, "GET", "/projects", tok(admin)).list(t)
	simple := do(t, s, "GET", "/projects?simple=true", tok(admin)).list(t)
	if len(simple[0]) >= len(full[0]) || simple[0]["id"] != full[0]["id"] || simple[0]["namespace"] == nil ||
		simple[0]["web_url"] == nil || simple[0]["runners_token"] != nil {
		t.Fatalf("simple has %d keys, full %d: %v", len(simple[0]), len(full[0]), simple[0])
	}
	// Lists return the same fields as GET.
	one := do(t, s, "GET", "/projects/3", tok(admin)).obj(t)
	if len(one) != len(full[0]) || full[0]["id"] != 3.0 || one["name"] != "Project 3" ||
		one["path_with_namespace"] != "infra-team-01/project-3" {
		t.Fatalf("GET has %d keys, list %d: %v", len(one), len(full[0]), one["path_with_namespace"])
	}
}

func TestFork(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	s.AddProject(gitlabtest.Project{Name: "up", Visibility: "public"})
	f := do(t, s, "POST", "/projects/root%2Fup/fork", tok("bob")).expect(t, 201, "").obj(t)
	if f["path_with_namespace"] != "bob/up" || f["forked_from_project"].(map[string]any)["path_with_namespace"] != "root/up" {
		t.Fatalf("fork %v", f)
	}
	do(t, s, "GET", "/projects/bob%2Fup/repository/files/README.md?ref=main", tok("bob")).expect(t, 200, "")
	if up := do(t, s, "GET", "/projects/root%2Fup").obj(t); up["forks_count"] != 1.0 {
		t.Fatalf("forks_count = %v", up["forks_count"])
	}
	do(t, s, "POST", "/projects/root%2Fup/fork", tok("bob")).expect(t, 409, "")
	g := s.AddGroup("G", "g", "public")
	do(t, s, "POST", "/projects/root%2Fup/fork", tok("bob"), form("namespace_id", itoa(g))).expect(t, 403, "")
	named := do(t, s, "POST", "/projects/root%2Fup/fork", tok(admin), form("namespace_path", "g", "name", "Down", "path", "down")).
		expect(t, 201, "").obj(t)
	if named["path_with_namespace"] != "g/down" || named["name"] != "Down" {
		t.Fatalf("named fork %v", named["path_with_namespace"])
	}
	// The forks list: direct forks, newest first, paginated.
	l := do(t, s, "GET", "/projects/root%2Fup/forks?per_page=1").expect(t, 200, "")
	if l.header.Get("X-Total") != "2" || l.list(t)[0]["path_with_namespace"] != "g/down" {
		t.Fatalf("forks %s %s", l.header.Get("X-Total"), l.body)
	}
	if l := do(t, s, "GET", "/projects/bob%2Fup/forks").list(t); len(l) != 0 {
		t.Fatalf("forks of a fork %v", l)
	}
}

func TestGroupsCRUD(t *testing.T) {
	s := gitlabtest.NewServer(t)
	do(t, s, "POST", "/groups", tok(admin), form("name", "x")).expect(t, 400, `{"error":"path is missing"}`)
	do(t, s, "POST", "/groups", tok(admin), form("path", "x")).expect(t, 400, `{"error":"name is missing"}`)
	g := do(t, s, "POST", "/groups", tok(admin), form("name", "Ops", "path", "ops", "visibility", "public")).expect(t, 201, "").obj(t)
	if g["web_url"] != s.URL()+"/groups/ops" || g["full_path"] != "ops" {
		t.Fatalf("group %v", g)
	}
	do(t, s, "POST", "/groups", tok(admin), form("name", "Ops2", "path", "ops")).expect(t, 400, `{"message":{"path":["has already been taken"]}}`)
	do(t, s, "POST", "/projects", tok(admin), form("name", "tool", "namespace_id", itoa(int(g["id"].(float64))))).expect(t, 201, "")
	u := do(t, s, "PUT", "/groups/ops", tok(admin), form("path", "operations", "description", "d")).expect(t, 200, "").obj(t)
	if u["full_path"] != "operations" || u["description"] != "d" {
		t.Fatalf("updated group %v", u)
	}
	// The group's projects moved along.
	do(t, s, "GET", "/projects/operations%2Ftool", tok(admin)).expect(t, 200, "")
	do(t, s, "GET", "/projects/ops%2Ftool", tok(admin)).expect(t, 301, "")
	if l := do(t, s, "GET", "/groups?search=oper").list(t); len(l) != 1 {
		t.Fatalf("group search = %d", len(l))
	}
	do(t, s, "DELETE", "/groups/operations", tok(admin)).expect(t, 202, `{"message":"202 Accepted"}`)
	do(t, s, "GET", "/groups/operations", tok(admin)).expect(t, 404, "")
	do(t, s, "GET", "/projects/operations%2Ftool", tok(admin)).expect(t, 404, "")
}

func TestProjectOrdersFollowWrites(t *testing.T) {
	s := gitlabtest.NewServer(t)
	for _, n := range []string{"bravo", "alpha", "charlie"} {
		s.AddProject(gitlabtest.Project{Name: n, Visibility: "public"})
	}
	order := func(q string, tk string) []int {
		mods := []mod{}
		if tk != "" {
			mods = append(mods, tok(tk))
		}
		return ids(do(t, s, "GET", "/projects?"+q, mods...).expect(t, 200, "").list(t))
	}
	if got := order("order_by=name&sort=asc", ""); !equalInts(got, []int{2, 1, 3}) {
		t.Fatalf("by name = %v", got)
	}
	if got := order("order_by=path&sort=desc", ""); !equalInts(got, []int{3, 1, 2}) {
		t.Fatalf("by path desc = %v", got)
	}
	do(t, s, "POST", "/projects/3/star", tok(admin)).expect(t, 201, "")
	if got := order("order_by=star_count", ""); !equalInts(got, []int{3, 2, 1}) {
		t.Fatalf("by star_count = %v", got)
	}
	do(t, s, "PUT", "/projects/3", tok(admin), form("name", "aardvark")).expect(t, 200, "")
	if got := order("order_by=name&sort=asc", ""); !equalInts(got, []int{3, 2, 1}) {
		t.Fatalf("by name after rename = %v", got)
	}
	do(t, s, "PUT", "/projects/2", tok(admin), form("visibility", "private")).expect(t, 200, "")
	if got := order("order_by=name&sort=asc", ""); !equalInts(got, []int{3, 1}) {
		t.Fatalf("anonymous after making 2 private = %v", got)
	}
	if got := order("order_by=name&sort=asc", admin); !equalInts(got, []int{3, 2, 1}) {
		t.Fatalf("admin = %v", got)
	}
	s.AddUser(gitlabtest.User{Username: "eve"})
	s.AddToken("eve", "eve", gitlabtest.PrivateToken)
	if got := order("", "eve"); !equalInts(got, []int{3, 1}) {
		t.Fatalf("eve before membership = %v", got)
	}
	s.AddProjectMember(2, "eve")
	if got := order("", "eve"); !equalInts(got, []int{3, 2, 1}) {
		t.Fatalf("eve as member = %v", got)
	}
	if got := order("visibility=private&membership=true", "eve"); !equalInts(got, []int{2}) {
		t.Fatalf("eve private memberships = %v", got)
	}
}
