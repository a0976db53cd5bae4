package gitlabtest_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestProjectTransferArchiveShare(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	sandbox := "/projects/root%2Fsandbox"
	moved := do(t, s, "PUT", sandbox+"/transfer", tok(admin), form("to_namespace", "demo")).expect(t, 200, "").obj(t)
	ns := moved["namespace"].(map[string]any)
	if moved["path_with_namespace"] != "demo/sandbox" || ns["full_path"] != "demo" || ns["kind"] != "group" ||
		moved["name_with_namespace"] != "Demo / Sandbox" || moved["owner"] != nil || !strings.HasSuffix(moved["web_url"].(string), "/demo/sandbox") {
		t.Fatalf("transferred %v", moved)
	}
	// The old path redirects, as after a rename.
	r := do(t, s, "GET", sandbox, tok(admin)).expect(t, 301, "")
	if !strings.HasSuffix(r.header.Get("Location"), "/api/v4/projects/"+anyInt(moved["id"])) {
		t.Fatalf("Location %s", r.header.Get("Location"))
	}
	do(t, s, "PUT", "/projects/demo%2Fsandbox/transfer", tok(admin), form("to_namespace", "demo")).
		expect(t, 400, `{"message":"Failed to transfer project {:new_namespace=>[\"Please select a new namespace for your project.\"]}"}`)
	do(t, s, "PUT", "/projects/demo%2Fsandbox/transfer", tok(admin), form("to_namespace", "nope")).expect(t, 404, `{"message":"404 Namespace Not Found"}`)
	do(t, s, "PUT", "/projects/demo%2Fwebsite/transfer", tok(gitlabtest.SeedAliceToken), form("to_namespace", "alice")).expect(t, 403, "")
	back := do(t, s, "PUT", "/projects/demo%2Fsandbox/transfer", tok(admin), form("to_namespace", "root")).expect(t, 200, "").obj(t)
	if back["owner"].(map[string]any)["username"] != "root" {
		t.Fatalf("back in a user namespace %v", back["owner"])
	}

	// Archive makes the repository read-only; unarchive and restore undo it.
	if p := do(t, s, "POST", sandbox+"/archive", tok(admin)).expect(t, 201, "").obj(t); p["archived"] != true {
		t.Fatalf("archived %v", p["archived"])
	}
	if l := do(t, s, "GET", "/projects?archived=true", tok(admin)).list(t); len(l) != 1 || l[0]["path"] != "sandbox" {
		t.Fatalf("archived projects %v", l)
	}
	do(t, s, "POST", sandbox+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "main", "commit_message": "x",
		"actions": []any{act("create", "x", "x")}})).expect(t, 403, "")
	do(t, s, "POST", sandbox+"/unarchive", tok(admin)).expect(t, 201, "")
	do(t, s, "POST", sandbox+"/archive", tok(admin)).expect(t, 201, "")
	if p := do(t, s, "POST", sandbox+"/restore", tok(admin)).expect(t, 201, "").obj(t); p["archived"] != false || p["marked_for_deletion_on"] != nil {
		t.Fatalf("restored %v", p)
	}
	do(t, s, "POST", "/projects/demo%2Fwebsite/archive", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")

	// Sharing with groups.
	link := do(t, s, "POST", sandbox+"/share", tok(admin), form("group_id", "demo", "group_access", "30", "expires_at", "2999-12-31")).
		expect(t, 201, "").obj(t)
	if link["group_access"] != 30.0 || link["expires_at"] != "2999-12-31" {
		t.Fatalf("link %v", link)
	}
	sw := do(t, s, "GET", sandbox, tok(admin)).obj(t)["shared_with_groups"].([]any)
	if len(sw) != 1 || sw[0].(map[string]any)["group_full_path"] != "demo" || sw[0].(map[string]any)["group_access_level"] != 30.0 {
		t.Fatalf("shared_with_groups %v", sw)
	}
	do(t, s, "POST", sandbox+"/share", tok(admin), form("group_id", "demo", "group_access", "30")).
		expect(t, 409, `{"message":"Group already shared with this group"}`)
	do(t, s, "POST", sandbox+"/share", tok(admin), form("group_id", "demo", "group_access", "31")).
		expect(t, 400, `{"error":"group_access does not have a valid value"}`)
	demo := anyInt(do(t, s, "GET", "/groups/demo").obj(t)["id"])
	do(t, s, "DELETE", sandbox+"/share/"+demo, tok(admin)).expect(t, 204, "")
	do(t, s, "DELETE", sandbox+"/share/"+demo, tok(admin)).expect(t, 404, "")
	if sw := do(t, s, "GET", sandbox, tok(admin)).obj(t)["shared_with_groups"].([]any); len(sw) != 0 {
		t.Fatalf("after unshare %v", sw)
	}
}

func TestForkRelationsHousekeepingMirror(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	sandbox := "/projects/root%2Fsandbox"
	web := do(t, s, "GET", "/projects/demo%2Fwebsite").obj(t)
	p := do(t, s, "POST", sandbox+"/fork/"+anyInt(web["id"]), tok(admin)).expect(t, 201, "").obj(t)
	if p["forked_from_project"].(map[string]any)["path_with_namespace"] != "demo/website" {
		t.Fatalf("fork relation %v", p["forked_from_project"])
	}
	if f := do(t, s, "GET", "/projects/demo%2Fwebsite/forks").list(t); len(f) != 0 {
		t.Fatalf("internal fork listed anonymously %v", f)
	}
	if w := do(t, s, "GET", "/projects/demo%2Fwebsite").obj(t); w["forks_count"] != 1.0 {
		t.Fatalf("forks_count %v", w["forks_count"])
	}
	do(t, s, "POST", sandbox+"/fork/"+anyInt(web["id"]), tok(admin)).expect(t, 409, `{"message":"Project already forked"}`)
	do(t, s, "DELETE", sandbox+"/fork", tok(admin)).expect(t, 204, "")
	if got := do(t, s, "GET", sandbox, tok(admin)).obj(t); got["forked_from_project"] != nil {
		t.Fatalf("still a fork %v", got["forked_from_project"])
	}
	do(t, s, "DELETE", sandbox+"/fork", tok(admin)).expect(t, 304, "")
	do(t, s, "POST", sandbox+"/fork/999", tok(admin)).expect(t, 404, "")

	do(t, s, "POST", sandbox+"/housekeeping", tok(admin)).expect(t, 201, "null")
	do(t, s, "POST", sandbox+"/housekeeping", tok(admin), form("task", "prune")).expect(t, 201, "")
	do(t, s, "POST", sandbox+"/housekeeping", tok(admin), form("task", "gc")).expect(t, 400, "")
	do(t, s, "POST", "/projects/demo%2Fwebsite/housekeeping", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")

	do(t, s, "POST", sandbox+"/mirror/pull", tok(admin)).expect(t, 400, `{"message":"The project is not mirrored"}`)
	do(t, s, "GET", sandbox+"/mirror/pull", tok(admin)).expect(t, 404, "")
	do(t, s, "PUT", sandbox+"/mirror/pull", tok(admin), form("url", "https://example.com/up.git", "enabled", "true")).expect(t, 201, "")
	if d := do(t, s, "GET", sandbox+"/mirror/pull", tok(admin)).expect(t, 200, "").obj(t); d["url"] != "https://example.com/up.git" ||
		d["update_status"] != "none" || d["last_successful_update_at"] != nil {
		t.Fatalf("mirror details %v", d)
	}
	do(t, s, "POST", sandbox+"/mirror/pull", tok(admin)).expect(t, 200, "")
	if d := do(t, s, "GET", sandbox+"/mirror/pull", tok(admin)).obj(t); d["update_status"] != "finished" || d["last_successful_update_at"] == nil {
		t.Fatalf("mirror details after an update %v", d)
	}
}

func TestGroupActions(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	sub := do(t, s, "POST", "/groups", tok(admin), form("name", "Team", "path", "team")).expect(t, 201, "").obj(t)
	team := anyInt(sub["id"])
	s.AddProject(gitlabtest.Project{Name: "tool", Namespace: "team", Visibility: "public"})
	demo := anyInt(do(t, s, "GET", "/groups/demo").obj(t)["id"])
	g := do(t, s, "POST", "/groups/"+team+"/transfer", tok(admin), form("group_id", demo)).expect(t, 201, "").obj(t)
	if g["full_path"] != "demo/team" || anyInt(g["parent_id"]) != demo || g["full_name"] != "Demo / Team" {
		t.Fatalf("transferred group %v", g)
	}
	if p := do(t, s, "GET", "/projects/demo%2Fteam%2Ftool").expect(t, 200, "").obj(t); p["path_with_namespace"] != "demo/team/tool" {
		t.Fatalf("its project %v", p)
	}
	do(t, s, "GET", "/projects/team%2Ftool").expect(t, 301, "")
	do(t, s, "POST", "/groups/"+team+"/transfer", tok(admin), form("group_id", demo)).
		expect(t, 400, `{"message":"Transfer failed: Group is already associated to the parent group."}`)
	do(t, s, "POST", "/groups/"+demo+"/transfer", tok(admin), form("group_id", team)).
		expect(t, 400, `{"message":"Transfer failed: Cannot transfer group to one of its subgroup."}`)
	if g := do(t, s, "POST", "/groups/"+team+"/transfer", tok(admin)).expect(t, 201, "").obj(t); g["full_path"] != "team" || g["parent_id"] != nil {
		t.Fatalf("back to the top %v", g)
	}
	do(t, s, "POST", "/groups/"+team+"/transfer", tok(admin)).expect(t, 400, `{"message":"Transfer failed: Group is already a root group."}`)

	// A project moves into a group.
	do(t, s, "POST", "/groups/"+team+"/projects/root%2Fsandbox", tok(admin)).expect(t, 201, "")
	do(t, s, "GET", "/projects/team%2Fsandbox", tok(admin)).expect(t, 200, "")

	shared := do(t, s, "POST", "/groups/"+team+"/share", tok(admin), form("group_id", demo, "group_access", "20")).expect(t, 201, "").obj(t)
	if sw := shared["shared_with_groups"].([]any); len(sw) != 1 || sw[0].(map[string]any)["group_access_level"] != 20.0 {
		t.Fatalf("shared group %v", shared)
	}
	do(t, s, "DELETE", "/groups/"+team+"/share/"+demo, tok(admin)).expect(t, 204, "")
	if sw := do(t, s, "GET", "/groups/"+team, tok(admin)).obj(t)["shared_with_groups"].([]any); len(sw) != 0 {
		t.Fatalf("after unshare %v", sw)
	}
	do(t, s, "POST", "/groups/"+team+"/ldap_sync", tok(admin)).expect(t, 202, "")
	do(t, s, "POST", "/groups/"+demo+"/ldap_sync", tok(gitlabtest.SeedAliceToken)).expect(t, 403, "")
	do(t, s, "POST", "/groups/"+team+"/restore", tok(admin)).expect(t, 201, "")
}

func TestSearch(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	bob := tok(gitlabtest.SeedBobToken)
	if l := do(t, s, "GET", "/search?scope=projects&search=web", bob).expect(t, 200, "").list(t); len(l) != 1 || l[0]["path_with_namespace"] != "demo/website" {
		t.Fatalf("projects %v", l)
	}
	// Alice's private notes are not bob's to find.
	if l := do(t, s, "GET", "/search?scope=projects&search=notes", bob).list(t); len(l) != 0 {
		t.Fatalf("private project found %v", l)
	}
	if l := do(t, s, "GET", "/search?scope=projects&search=notes", tok(gitlabtest.SeedAliceToken)).list(t); len(l) != 1 {
		t.Fatalf("own private project %v", l)
	}
	if l := do(t, s, "GET", "/search?scope=issues&search=DARK", bob).list(t); len(l) != 1 || l[0]["iid"] != 2.0 {
		t.Fatalf("issues %v", l)
	}
	if l := do(t, s, "GET", "/search?scope=users&search=ali", bob).list(t); names(l, "username") != "alice" {
		t.Fatalf("users %v", l)
	}
	if l := do(t, s, "GET", "/search?scope=merge_requests&search=login", bob).list(t); len(l) != 1 {
		t.Fatalf("merge requests %v", l)
	}
	do(t, s, "GET", "/search?scope=blobs&search=hello", bob).
		expect(t, 400, `{"message":{"error":"Scope supported only with Elasticsearch"}}`)
	do(t, s, "GET", "/search?scope=nope&search=x", bob).expect(t, 400, `{"error":"scope does not have a valid value"}`)
	do(t, s, "GET", "/search?scope=projects", bob).expect(t, 400, `{"error":"search is missing"}`)
	do(t, s, "GET", "/search?scope=projects&search=x").expect(t, 401, "")

	// In a group, and in a project: code, commits, notes, milestones.
	if l := do(t, s, "GET", "/groups/demo/search?scope=projects&search=site", bob).list(t); len(l) != 1 {
		t.Fatalf("group projects %v", l)
	}
	if l := do(t, s, "GET", "/groups/demo/search?scope=issues&search=link", bob).list(t); len(l) != 1 || l[0]["iid"] != 1.0 {
		t.Fatalf("group issues %v", l)
	}
	p := "/projects/demo%2Fwebsite/search"
	blobs := do(t, s, "GET", p+"?scope=blobs&search=hello", bob).expect(t, 200, "").list(t)
	if len(blobs) != 1 || blobs[0]["path"] != "index.html" || blobs[0]["data"] != "<h1>Hello</h1>\n" || blobs[0]["startline"] != 1.0 ||
		blobs[0]["ref"] != "main" {
		t.Fatalf("blobs %v", blobs)
	}
	if l := do(t, s, "GET", p+"?scope=commits&search=guide", bob).list(t); len(l) != 1 || l[0]["title"] != "Add guide" {
		t.Fatalf("commits %v", l)
	}
	if l := do(t, s, "GET", p+"?scope=notes&search=firefox", bob).list(t); len(l) != 1 || l[0]["body"] != "Confirmed on Firefox" {
		t.Fatalf("notes %v", l)
	}
	do(t, s, "POST", "/projects/demo%2Fwebsite/milestones", tok(admin), form("title", "Release 1.0", "description", "The first")).expect(t, 201, "")
	if l := do(t, s, "GET", p+"?scope=milestones&search=release", bob).list(t); len(l) != 1 {
		t.Fatalf("milestones %v", l)
	}
	if l := do(t, s, "GET", p+"?scope=users&search=a", bob).list(t); names(l, "username") != "root,alice" {
		t.Fatalf("project members %v", l)
	}
	do(t, s, "GET", p+"?scope=snippet_titles&search=x", bob).expect(t, 400, "")
	if l := do(t, s, "GET", p+"?scope=issues&search=a&per_page=1", bob).expect(t, 200, ""); l.header.Get("X-Total") != "2" || len(l.list(t)) != 1 {
		t.Fatalf("paginated search %v", l.header)
	}
}

// upload is a multipart body with a file part.
func upload(fields map[string]string, file []byte) mod {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", "export.tar.gz")
	_, _ = fw.Write(file)
	_ = w.Close()
	ctype := w.FormDataContentType()
	return func(r *http.Request) { setBody(r, ctype, buf.Bytes()) }
}

func TestExportImport(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	p := "/projects/demo%2Fwebsite"
	do(t, s, "GET", p+"/export", tok(admin)).expect(t, 200, "")
	if st := do(t, s, "GET", p+"/export", tok(admin)).obj(t); st["export_status"] != "none" || st["path_with_namespace"] != "demo/website" {
		t.Fatalf("before export %v", st)
	}
	do(t, s, "GET", p+"/export/download", tok(admin)).expect(t, 404, `{"message":"404 Not found or has expired"}`)
	do(t, s, "POST", p+"/export", tok(admin)).expect(t, 202, `{"message":"202 Accepted"}`)
	// Each read moves the export on: started, then finished.
	if st := do(t, s, "GET", p+"/export", tok(admin)).obj(t); st["export_status"] != "started" || st["_links"] != nil {
		t.Fatalf("first read %v", st)
	}
	st := do(t, s, "GET", p+"/export", tok(admin)).obj(t)
	links, _ := st["_links"].(map[string]any)
	if st["export_status"] != "finished" || !strings.HasSuffix(fmt.Sprint(links["api_url"]), "/api/v4/projects/1/export/download") {
		t.Fatalf("second read %v", st)
	}
	dl := do(t, s, "GET", p+"/export/download", tok(admin)).expect(t, 200, "")
	files := readArchive(t, "tar.gz", dl.body)
	if files["repository/index.html"] != "<h1>Hello</h1>" || files["VERSION"] != "0.2.4\n" || !strings.Contains(files["tree/project.json"], `"demo/website"`) ||
		!strings.Contains(dl.header.Get("Content-Disposition"), "_demo_website_export.tar.gz") {
		t.Fatalf("export files %v %v", files, dl.header)
	}
	do(t, s, "POST", p+"/export", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")

	// The export imports as a new project, with its repository.
	res := do(t, s, "POST", "/projects/import", tok(gitlabtest.SeedAliceToken), upload(map[string]string{"path": "copy", "name": "Copy"}, dl.body)).
		expect(t, 201, "").obj(t)
	if res["import_status"] != "scheduled" || res["path_with_namespace"] != "alice/copy" || res["description"] != "The demo website" {
		t.Fatalf("import %v", res)
	}
	cp := "/projects/alice%2Fcopy"
	do(t, s, "GET", cp+"/repository/files/index.html/raw", tok(gitlabtest.SeedAliceToken)).expect(t, 200, "<h1>Hello</h1>")
	if st := do(t, s, "GET", cp+"/import", tok(gitlabtest.SeedAliceToken)).expect(t, 200, "").obj(t); st["import_status"] != "finished" ||
		st["correlation_id"] != res["correlation_id"] {
		t.Fatalf("import status %v", st)
	}
	do(t, s, "POST", "/projects/import", tok(gitlabtest.SeedAliceToken), upload(map[string]string{"path": "copy"}, dl.body)).
		expect(t, 400, `{"message":["Path has already been taken"]}`)
	do(t, s, "POST", "/projects/import", tok(gitlabtest.SeedAliceToken), upload(map[string]string{"path": "copy", "overwrite": "true"}, dl.body)).
		expect(t, 201, "")
	bad := do(t, s, "POST", "/projects/import", tok(gitlabtest.SeedAliceToken), upload(map[string]string{"path": "junk"}, []byte("junk"))).
		expect(t, 201, "").obj(t)
	if st := do(t, s, "GET", "/projects/"+anyInt(bad["id"])+"/import", tok(gitlabtest.SeedAliceToken)).obj(t); st["import_status"] != "failed" || st["import_error"] == nil {
		t.Fatalf("failed import %v", st)
	}
	do(t, s, "POST", "/projects/import", tok(gitlabtest.SeedAliceToken), form("path", "x")).expect(t, 400, `{"error":"file is missing"}`)

	// Groups: export, download (two reads), import.
	do(t, s, "POST", "/groups/demo/export", tok(admin)).expect(t, 202, "")
	do(t, s, "GET", "/groups/demo/export/download", tok(admin)).expect(t, 404, "")
	gdl := do(t, s, "GET", "/groups/demo/export/download", tok(admin)).expect(t, 200, "")
	if g := readArchive(t, "tar.gz", gdl.body); !strings.Contains(g["group.json"], `"Demo group"`) {
		t.Fatalf("group export %v", g)
	}
	do(t, s, "POST", "/groups/import", tok(admin), upload(map[string]string{"name": "Demo 2", "path": "demo2"}, gdl.body)).
		expect(t, 202, `{"message":"202 Accepted"}`)
	if g := do(t, s, "GET", "/groups/demo2", tok(admin)).expect(t, 200, "").obj(t); g["description"] != "Demo group" {
		t.Fatalf("imported group %v", g)
	}
	if st := do(t, s, "GET", "/groups/demo2/import", tok(admin)).obj(t); st["import_status"] != "finished" {
		t.Fatalf("group import status %v", st)
	}
	do(t, s, "POST", "/groups/import", tok(admin), upload(map[string]string{"name": "Demo 3", "path": "demo2"}, gdl.body)).expect(t, 400, "")
}

func TestCILint(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	good := "stages: [build, test]\nvariables:\n  GO: \"1.24\"\n.hidden:\n  script: x\nbuild:\n  stage: build\n  script: go build\n  tags: [docker]\ntest:\n  script:\n    - go test\n"
	lint := func(path string, status int, content string, extra ...string) map[string]any {
		t.Helper()
		return do(t, s, "POST", path, tok(admin), form(append([]string{"content", content}, extra...)...)).expect(t, status, "").obj(t)
	}
	r := lint("/projects/demo%2Fwebsite/ci/lint", 200, good, "include_jobs", "true")
	jobs, _ := r["jobs"].([]any)
	if r["valid"] != true || len(r["errors"].([]any)) != 0 || !strings.HasPrefix(r["merged_yaml"].(string), "---\n") || len(jobs) != 2 ||
		jobs[0].(map[string]any)["name"] != "build" || jobs[1].(map[string]any)["stage"] != "test" ||
		fmt.Sprint(jobs[0].(map[string]any)["tag_list"]) != "[docker]" || fmt.Sprint(jobs[1].(map[string]any)["script"]) != "[go test]" {
		t.Fatalf("valid configuration %v", r)
	}
	for _, tc := range []struct{ content, want string }{
		{"build: [\n", "(<unknown>): line 1: did not find expected node content"},
		{"- a\n- b\n", "Invalid configuration format"},
		{"stages: [build]\n.x:\n  script: y\n", "jobs config should contain at least one visible job"},
		{"job:\n  stage: build\n", "jobs:job config should implement the script:, run:, or trigger: keyword"},
		{"job:\n  stage: deploy\n  script: x\nstages: [build]\n", "job job: chosen stage deploy does not exist; available stages are .pre, build, .post"},
		{"variables: [a]\njob:\n  script: x\n", "variables config should be a hash of key value pairs"},
		{"job: echo\n", "jobs:job config should be a hash"},
	} {
		r := lint("/projects/demo%2Fwebsite/ci/lint", 200, tc.content, "include_jobs", "true")
		if errs := fmt.Sprint(r["errors"]); r["valid"] != false || errs != "["+tc.want+"]" || len(r["jobs"].([]any)) != 0 {
			t.Errorf("%q: %v", tc.content, r)
		}
	}
	// The instance's linter of GitLab before 16.0: status, merged_yaml on demand.
	if r := lint("/ci/lint", 200, good); r["status"] != "valid" || r["merged_yaml"] != nil {
		t.Fatalf("instance linter %v", r)
	}
	if r := lint("/ci/lint", 200, "job: {}", "include_merged_yaml", "true"); r["status"] != "invalid" || r["merged_yaml"] == nil {
		t.Fatalf("instance linter, invalid %v", r)
	}
	do(t, s, "POST", "/ci/lint", tok(admin)).expect(t, 400, `{"error":"content is missing"}`)
	do(t, s, "POST", "/projects/demo%2Fwebsite/ci/lint", tok(gitlabtest.SeedBobToken), form("content", good)).expect(t, 403, "")

	// The project's own .gitlab-ci.yml, at the default branch or a ref.
	if r := do(t, s, "GET", "/projects/demo%2Fwebsite/ci/lint", tok(admin)).expect(t, 200, "").obj(t); r["valid"] != false ||
		fmt.Sprint(r["errors"]) != "[Please provide content of .gitlab-ci.yml]" {
		t.Fatalf("without a configuration %v", r)
	}
	do(t, s, "POST", "/projects/demo%2Fwebsite/repository/files/.gitlab-ci.yml", tok(admin),
		form("branch", "feature/login", "commit_message", "CI", "content", good)).expect(t, 201, "")
	if r := do(t, s, "GET", "/projects/demo%2Fwebsite/ci/lint?content_ref=feature/login", tok(admin)).obj(t); r["valid"] != true {
		t.Fatalf("at a ref %v", r)
	}
	do(t, s, "GET", "/projects/demo%2Fwebsite/ci/lint?content_ref=nope", tok(admin)).expect(t, 404, "")
}

func TestMarkdown(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	text := "# Title\n\nHello *world* :tada: see #1, !1 and #99, @alice\nand `a<b`\n\n- one\n- **two**\n\n```\nx < y\n```"
	md := func(fields ...string) string {
		t.Helper()
		return do(t, s, "POST", "/markdown", tok(admin), form(fields...)).expect(t, 201, "").obj(t)["html"].(string)
	}
	if got := md("text", text); got != "<h1>Title</h1>\n<p>Hello <em>world</em> :tada: see #1, !1 and #99, @alice\nand <code>a&lt;b</code></p>\n"+
		"<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n<pre><code>x &lt; y\n</code></pre>" {
		t.Fatalf("CommonMark %q", got)
	}
	got := md("text", text, "gfm", "true", "project", "demo/website")
	for _, want := range []string{`<h1 dir="auto">Title</h1>`, `<gl-emoji title="party popper" data-name="tada">🎉</gl-emoji>`,
		`<a href="` + s.URL() + `/demo/website/-/issues/1" data-reference-type="issue"`, `class="gfm gfm-issue">#1</a>`,
		`data-reference-type="merge_request"`, `>!1</a>`, ` and #99,`, `data-reference-type="user" class="gfm gfm-project_member">@alice</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("GFM lacks %s: %s", want, got)
		}
	}
	if got := md("text", "#1", "gfm", "true"); got != `<p dir="auto">#1</p>` {
		t.Fatalf("no project, no issue reference: %s", got)
	}
	do(t, s, "POST", "/markdown", tok(admin), form("text", "x", "project", "nope/nope")).expect(t, 404, `{"message":"404 Project Not Found"}`)
	do(t, s, "POST", "/markdown", tok(gitlabtest.SeedBobToken), form("text", "x", "project", "alice/notes")).expect(t, 404, "")
	do(t, s, "POST", "/markdown", tok(admin)).expect(t, 400, `{"error":"text is missing"}`)
	do(t, s, "POST", "/markdown", form("text", "x")).expect(t, 401, "")
}
