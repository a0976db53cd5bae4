package cli

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// widgetRegistry declares a root manager the fake serves generically, as
// a program using this package would register its own.
func widgetRegistry(t *testing.T, srv *gitlabtest.Server) *gitlab.Registry {
	t.Helper()
	srv.AddResource(gitlabtest.Resource{Path: "/widgets"})
	reg := gitlab.NewRegistry()
	err := reg.Register(&gitlab.Spec{
		Name: "widget", Path: "/widgets", Ops: gitlab.OpsCRUD, ReprAttr: "name",
		CreateAttrs: gitlab.RequiredOptional{Required: []string{"name"}, Optional: []string{"tags", "meta"}},
		UpdateAttrs: gitlab.RequiredOptional{Optional: []string{"name", "tags"}},
		Types:       gitlab.AttrTypes{Array: []string{"tags"}, JSON: []string{"meta"}},
		ListFilters: []string{"name"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// addWidget stores a widget with typed values, through the library.
func addWidget(t *testing.T, srv *gitlabtest.Server, reg *gitlab.Registry, attrs gitlab.Attrs) {
	t.Helper()
	gl, err := srv.Client(gitlab.WithRegistry(reg))
	if err != nil {
		t.Fatal(err)
	}
	defer gl.Close()
	if _, err := gl.Manager("widget").Create(context.Background(), attrs); err != nil {
		t.Fatal(err)
	}
}

func TestVersion(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{{"--version"}, {"-o", "json", "--version"}, {"project", "get", "--version"}} {
		r := run(t, args...)
		if r.code != ExitOK || r.stdout != gitlab.LibraryVersion+"\n" {
			t.Errorf("%v: %s", args, r)
		}
	}
	if r := runBinary(t, "--version"); r.code != 0 || strings.TrimSpace(r.stdout) != gitlab.LibraryVersion {
		t.Errorf("process: %s", r)
	}
}

func TestHelpListsEveryResourceAndAction(t *testing.T) {
	cleanEnv(t)
	top := mustRun(t, "--help")
	specs := gitlab.NewRegistry().Specs()
	if len(specs) < 247 {
		t.Fatalf("%d specs", len(specs))
	}
	for _, s := range specs {
		name := resourceName(s.Name)
		if !strings.Contains(top, "\n  "+name+" ") {
			t.Errorf("gitlab --help does not list %s", name)
			continue
		}
		help := mustRun(t, name, "--help")
		for _, want := range actionNames(s) {
			if !strings.Contains(help, "\n  "+want+" ") {
				t.Errorf("gitlab %s --help does not list %s:\n%s", name, want, help)
			}
		}
	}
	for _, want := range []string{"completion", "--server-url", "--private-token", "--config-file", "GITLAB_URL", "Exit status"} {
		if !strings.Contains(top, want) {
			t.Errorf("gitlab --help lacks %q", want)
		}
	}
}

// actionNames are the commands a spec should have.
func actionNames(s *gitlab.Spec) []string {
	var names []string
	for _, c := range []struct {
		op   gitlab.Ops
		name string
	}{{gitlab.OpList, "list"}, {gitlab.OpGet, "get"}, {gitlab.OpGetWithoutID, "get"}, {gitlab.OpCreate, "create"},
		{gitlab.OpUpdate, "update"}, {gitlab.OpDelete, "delete"}, {gitlab.OpSet, "set"}} {
		if s.Ops.Has(c.op) {
			names = append(names, c.name)
		}
	}
	for _, a := range s.Actions {
		names = append(names, strings.ReplaceAll(a.Name, "_", "-"))
	}
	return names
}

func TestActionHelpMarksRequired(t *testing.T) {
	cleanEnv(t)
	help := mustRun(t, "project-issue", "create", "--help")
	for _, want := range []string{
		"Usage:\n  gitlab project-issue create --project-id ID --title VALUE [flags]",
		"--project-id ID", "(required)", "--labels A,B,...", "comma-separated list", "POST /projects/{project_id}/issues",
	} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	for _, line := range strings.Split(help, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "--title ") && !strings.Contains(line, "(required)") {
			t.Errorf("--title not marked required: %q", line)
		}
		if strings.HasPrefix(line, "--description ") && strings.Contains(line, "(required)") {
			t.Errorf("--description marked required: %q", line)
		}
	}
	// Every action of every resource has a help that names its request.
	for _, s := range gitlab.NewRegistry().Specs() {
		for _, a := range actionNames(s) {
			if h := mustRun(t, resourceName(s.Name), a, "--help"); !strings.Contains(h, "Request: ") {
				t.Errorf("%s %s --help:\n%s", s.Name, a, h)
			}
		}
	}
}

func TestCRUDAndLegacyOutput(t *testing.T) {
	srv := fakeEnv(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "app"})
	proj := "root/app"

	out := mustRun(t, "project-issue", "create", "--project-id", proj, "--title", "First")
	if out != "iid: 1\ntitle: First\n" {
		t.Errorf("create printed %q", out)
	}
	mustRun(t, "project-issue", "create", "--project-id", proj, "--title", "Second issue with a title long enough to be cut at seventy-nine characters")
	out = mustRun(t, "project-issue", "list", "--project-id", strconv.Itoa(pid))
	want := "iid: 2\ntitle: Second issue with a title long enough to be cut at seventy-nine chara...\n\niid: 1\ntitle: First\n\n"
	if out != want {
		t.Errorf("list printed\n%q\nwant\n%q", out, want)
	}
	out = mustRun(t, "project-issue", "update", "--project-id", proj, "--iid", "1", "--title", "Renamed")
	if !strings.Contains(out, "\ntitle: Renamed\n") || !strings.Contains(out, "\nproject-id: "+strconv.Itoa(pid)+"\n") {
		t.Errorf("update prints the answer as data, every attribute:\n%s", out)
	}
	if out := mustRun(t, "project-issue", "delete", "--project-id", proj, "--iid", "1"); out != "" {
		t.Errorf("delete printed %q", out)
	}
	r := run(t, "project-issue", "get", "--project-id", proj, "--iid", "1")
	if r.code != ExitFailure || r.stderr != "Impossible to get object (404: 404 Not found)\n" || r.stdout != "" {
		t.Errorf("get after delete: %s", r)
	}
}

func TestLegacyVerboseLayout(t *testing.T) {
	srv := fakeEnv(t)
	reg := widgetRegistry(t, srv)
	addWidget(t, srv, reg, gitlab.Attrs{"name": "w", "tags": []string{"a", "b"},
		"meta": map[string]any{"x_y": 1, "flag": true, "deep": map[string]any{"k": nil}}, "none": nil,
		"ratio": 0.5, "big": 1e21, "small": 0.00001, "q": "it's", "items": []any{map[string]any{"a": 1}, "x\ny"}})
	// Python's print of the same dict, attribute by attribute.
	want := `id: 1
big: 1e+21
items: [{'a': 1}, 'x\ny']
meta:
  deep:
    k: None
  flag: True
  x-y: 1
name: w
none: None
q: it's
ratio: 0.5
small: 1e-05
tags: ['a', 'b']
`
	// The fake's store adds its timestamps: left out of the comparison.
	stamps := func(s string) string {
		var keep []string
		for _, l := range strings.SplitAfter(s, "\n") {
			if !strings.HasPrefix(l, "created-at: ") && !strings.HasPrefix(l, "updated-at: ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "")
	}
	for _, flag := range []string{"-v", "--verbose", "--fancy"} {
		r := runProgram(t, &Program{Registry: reg}, flag, "widget", "get", "--id", "1")
		if r.code != 0 || stamps(r.stdout) != want {
			t.Errorf("%s:\n%s\nwant\n%s", flag, r, want)
		}
	}
	t.Setenv("GITLAB_VERBOSE", "1")
	if r := runProgram(t, &Program{Registry: reg}, "widget", "list"); stamps(r.stdout) != want+"\n" {
		t.Errorf("GITLAB_VERBOSE list:\n%s", r)
	}
	t.Setenv("GITLAB_VERBOSE", "false")
	if r := runProgram(t, &Program{Registry: reg}, "widget", "list"); r.stdout != "id: 1\nname: w\n\n" {
		t.Errorf("GITLAB_VERBOSE=false list:\n%s", r)
	}
}

func TestOutputFormats(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "one", Topics: []string{"go"}})
	srv.AddProject(gitlabtest.Project{Name: "two"})

	var obj map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "-o", "json", "project", "get", "--id", "root/one")), &obj); err != nil {
		t.Fatal(err)
	}
	if obj["path_with_namespace"] != "root/one" || obj["id"] != 1.0 {
		t.Errorf("json: %v", obj)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "-o", "json", "project", "list")), &list); err != nil || len(list) != 2 {
		t.Fatalf("json list: %v %v", list, err)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "-o", "json", "project", "list", "--search", "nothing")), &list); err != nil || len(list) != 0 {
		t.Errorf("empty json list: %v %v", list, err)
	}

	var y map[string]any
	out := mustRun(t, "-o", "yaml", "project", "get", "--id", "1")
	if err := yaml.Unmarshal([]byte(out), &y); err != nil || y["name"] != "one" {
		t.Errorf("yaml: %v %v\n%s", y, err, out)
	}
	if !strings.Contains(out, "\ntopics:\n- go\n") || !strings.Contains(out, "\nnamespace:\n  avatar_url: null\n") {
		t.Errorf("yaml is not laid out as PyYAML's block style:\n%s", out)
	}
	var ylist []map[string]any
	if err := yaml.Unmarshal([]byte(mustRun(t, "-o", "yaml", "project", "list")), &ylist); err != nil || len(ylist) != 2 {
		t.Errorf("yaml list: %v %v", ylist, err)
	}
	if out := mustRun(t, "-o", "yaml", "project", "list", "--search", "nothing"); out != "[]\n" {
		t.Errorf("empty yaml list %q", out)
	}

	// -f keeps the named fields, in the object's order; legacy ignores it.
	if out := mustRun(t, "-o", "json", "-f", "name,id", "project", "get", "--id", "1"); out != `{"id":1,"name":"one"}`+"\n" {
		t.Errorf("json fields: %q", out)
	}
	if out := mustRun(t, "-o", "yaml", "--fields", "id, name", "project", "list"); out != "- id: 2\n  name: two\n- id: 1\n  name: one\n" {
		t.Errorf("yaml fields: %q", out)
	}
	if out := mustRun(t, "-o", "jsonl", "-f", "id", "project", "list"); out != "{\"id\":2}\n{\"id\":1}\n" {
		t.Errorf("jsonl: %q", out)
	}
	if out := mustRun(t, "-f", "id", "project", "get", "--id", "1"); out != "id: 1\npath_with_namespace: root/one\n" {
		t.Errorf("legacy with -f: %q", out)
	}

	// Tables: default columns, chosen ones (paths too), one object as fields.
	out = mustRun(t, "-o", "table", "project", "list")
	for _, want := range []string{"ID", "PATH_WITH_NAMESPACE", "root/one", "root/two"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	out = mustRun(t, "-o", "table", "-f", "name,namespace.full_path,topics", "project", "list")
	if !strings.Contains(out, "NAMESPACE.FULL_PATH") || !strings.Contains(out, `["go"]`) || strings.Contains(out, "PATH_WITH_NAMESPACE") {
		t.Errorf("table with fields:\n%s", out)
	}
	out = mustRun(t, "-o", "table", "-f", "id,name", "project", "get", "--id", "2")
	if !strings.Contains(out, "FIELD") || !strings.Contains(out, "two") {
		t.Errorf("table of one object:\n%s", out)
	}

	if r := run(t, "-o", "xml", "project", "list"); r.code != ExitUsage || !strings.Contains(r.stderr, `"xml" is not one of`) {
		t.Errorf("bad format: %s", r)
	}
}

func TestParentAttributesAndEncoding(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddGroup("Team", "team", "private")
	srv.AddGroup("Sub", "team/sub", "private")
	srv.AddProject(gitlabtest.Project{Namespace: "team/sub", Name: "deep app"})
	mustRun(t, "project-issue", "create", "--project-id", "team/sub/deep-app", "--title", "t")
	var obj map[string]any
	out := mustRun(t, "-o", "json", "project-issue-note", "create", "--project-id", "team/sub/deep-app", "--issue-iid", "1", "--body", "hi")
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatal(err)
	}
	if obj["issue_iid"] != 1.0 || obj["body"] != "hi" {
		t.Errorf("the parent attributes are part of the object: %v", obj)
	}
	reqs := srv.Requests()
	if got := reqs[len(reqs)-1].Path; got != "/api/v4/projects/team%2Fsub%2Fdeep-app/issues/1/notes" {
		t.Errorf("path %q: each parent value is encoded once", got)
	}
	r := run(t, "project-issue-note", "list", "--project-id", "1")
	if r.code != ExitUsage || !strings.Contains(r.stderr, `"issue-iid"`) {
		t.Errorf("a missing parent is a usage error: %s", r)
	}
}

func TestAttributeValues(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	dir := t.TempDir()
	desc := filepath.Join(dir, "desc.txt")
	if err := os.WriteFile(desc, []byte("line one\nline two"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	mustRun(t, "project-issue", "create", "--project-id", "1", "--title", "@@not a file", "--labels", " bug, p1 ,",
		"--description", "@"+desc)
	body := string(srv.Requests()[0].Body)
	for _, want := range []string{`"title":"@not a file"`, `"labels":["bug","p1",""]`, `"description":"line one\nline two"`} {
		if !strings.Contains(body, want) {
			t.Errorf("body %s lacks %s", body, want)
		}
	}
	// A list filter of type comma-separated list goes to the query as a,b;
	// an empty list value is an empty list.
	srv.ResetRequests()
	mustRun(t, "project", "list", "--topic", "go, web", "--owned", "true")
	q := srv.Requests()[0].Query
	if q.Get("topic") != "go,web" || q.Get("owned") != "true" {
		t.Errorf("query %v", q)
	}
	// A file attribute given as @path is uploaded (multipart), named as
	// python-gitlab names it.
	png := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(png, []byte("\x89PNG fake image"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	mustRun(t, "project", "update", "--id", "1", "--avatar", "@"+png, "--description", "with avatar")
	req := srv.Requests()[0]
	if ct := req.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/form-data") ||
		!strings.Contains(string(req.Body), `filename="avatar.png"`) || !strings.Contains(string(req.Body), "PNG fake image") {
		t.Errorf("avatar upload: %s\n%s", ct, req.Body)
	}
	// A custom action's file attribute (project upload: its own Types) is
	// streamed as a file named after the file given.
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("release notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	out := mustRun(t, "-o", "json", "project", "upload", "--id", "1", "--file", "@"+notes)
	req = srv.Requests()[0]
	if !strings.Contains(string(req.Body), `filename="notes.txt"`) || !strings.Contains(string(req.Body), "release notes") ||
		!strings.Contains(out, "notes.txt") {
		t.Errorf("project upload: %s\n%s", out, req.Body)
	}
	for _, bad := range [][]string{
		{"project-issue", "create", "--project-id", "1", "--title", "@" + filepath.Join(dir, "missing")},
		{"project", "update", "--id", "1", "--avatar", "@" + filepath.Join(dir, "missing.png")},
	} {
		if r := run(t, bad...); r.code != ExitUsage || !strings.Contains(r.stderr, "cannot read") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: %s", bad, r)
		}
	}
}

func TestJSONAttribute(t *testing.T) {
	srv := fakeEnv(t)
	reg := widgetRegistry(t, srv)
	p := &Program{Registry: reg}
	srv.ResetRequests()
	if r := runProgram(t, p, "widget", "create", "--name", "n", "--meta", `{"a": [1, 2]}`, "--tags", "x,y"); r.code != 0 {
		t.Fatal(r)
	}
	if body := string(srv.Requests()[0].Body); !strings.Contains(body, `"meta":{"a":[1,2]}`) || !strings.Contains(body, `"tags":["x","y"]`) {
		t.Errorf("body %s", body)
	}
	if r := runProgram(t, p, "widget", "create", "--name", "n", "--meta", `{bad`); r.code != ExitUsage || !strings.Contains(r.stderr, "--meta: the value is not a JSON document") {
		t.Errorf("bad JSON: %s", r)
	}
}

func TestListPagesAndStreaming(t *testing.T) {
	srv := fakeEnv(t)
	for i := 0; i < 5; i++ {
		srv.AddProject(gitlabtest.Project{Name: "p" + strconv.Itoa(i)})
	}
	// Without --get-all: the first page, and a warning that there is more.
	r := run(t, "-o", "json", "project", "list", "--per-page", "2")
	var list []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 2 || r.code != 0 {
		t.Fatalf("%s", r)
	}
	if !strings.Contains(r.stderr, "first page only (2 of 5 objects)") || !strings.Contains(r.stderr, "--get-all") {
		t.Errorf("warning: %q", r.stderr)
	}
	for _, quiet := range [][]string{{"--no-get-all"}, {"--page", "2"}} {
		r := run(t, append([]string{"project", "list", "--per-page", "2"}, quiet...)...)
		if r.stderr != "" || strings.Count(r.stdout, "id: ") != 2 {
			t.Errorf("%v: %s", quiet, r)
		}
	}
	if out := mustRun(t, "-o", "jsonl", "-f", "id", "project", "list", "--per-page", "2", "--page", "3"); out != "{\"id\":1}\n" {
		t.Errorf("page 3: %q", out)
	}
	// The global --per-page is the default page size of lists.
	srv.ResetRequests()
	mustRun(t, "--per-page", "3", "project", "list", "--no-get-all")
	if q := srv.Requests()[0].Query; q.Get("per_page") != "3" {
		t.Errorf("global --per-page: %v", q)
	}

	// --get-all writes each page as it arrives: when the first object is
	// written, the second page has not been asked for yet.
	for _, flag := range []string{"--get-all", "--all"} {
		srv.ResetRequests()
		w := &spyWriter{count: srv.RequestCount}
		p := &Program{Stdout: w, Stderr: io.Discard}
		if code := p.Run(context.Background(), []string{"-o", "json", "project", "list", "--per-page", "2", flag}); code != 0 {
			t.Fatal(code)
		}
		if err := json.Unmarshal(w.buf, &list); err != nil || len(list) != 5 {
			t.Fatalf("%s: %v %s", flag, err, w.buf)
		}
		if n := len(w.requestsAtWrite); n < 3 || w.requestsAtWrite[0] != 1 || w.requestsAtWrite[1] != 2 || w.requestsAtWrite[n-1] != 3 {
			t.Errorf("%s: requests made when each write happened: %v, want 1, 2, then 3", flag, w.requestsAtWrite)
		}
	}
	if r := run(t, "project", "list", "--get-all", "--no-get-all"); r.code != ExitUsage {
		t.Errorf("--get-all with --no-get-all: %s", r)
	}
}

// spyWriter records how many requests the server had seen at each write.
type spyWriter struct {
	buf             []byte
	count           func() int
	requestsAtWrite []int
}

func (w *spyWriter) Write(b []byte) (int, error) {
	w.buf = append(w.buf, b...)
	w.requestsAtWrite = append(w.requestsAtWrite, w.count())
	return len(b), nil
}

func TestRegisteredManagersAreCommands(t *testing.T) {
	srv := fakeEnv(t)
	reg := widgetRegistry(t, srv)
	p := &Program{Registry: reg}
	if r := runProgram(t, p, "--help"); !strings.Contains(r.stdout, "\n  widget ") {
		t.Errorf("help: %s", r)
	}
	if r := runProgram(t, p, "widget", "create", "--name", "first"); r.stdout != "id: 1\nname: first\n" {
		t.Errorf("create: %s", r)
	}
	if r := runProgram(t, p, "-o", "jsonl", "widget", "list", "--name", "first"); !strings.Contains(r.stdout, `"name":"first"`) {
		t.Errorf("list: %s", r)
	}
	if r := runProgram(t, p, "widget", "delete", "--id", "1"); r.code != 0 {
		t.Errorf("delete: %s", r)
	}
	if r := run(t, "widget", "list"); r.code != ExitUsage || !strings.Contains(r.stderr, `unknown resource "widget"`) {
		t.Errorf("the built-in registry has no widget: %s", r)
	}
}

func TestCustomActions(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	out := mustRun(t, "-o", "json", "-f", "star_count", "project", "star", "--id", "root/app")
	if out != `{"star_count":1}`+"\n" {
		t.Errorf("star: %q", out)
	}
	srv.AddGroup("Forks", "forks", "private")
	out = mustRun(t, "project-fork", "create", "--project-id", "1", "--namespace", "forks")
	if out != "id: 2\npath_with_namespace: forks/app\n" {
		t.Errorf("fork prints the new project: %q", out)
	}
	mustRun(t, "project-issue", "create", "--project-id", "1", "--title", "t")
	if out := mustRun(t, "project-issue", "todo", "--project-id", "1", "--iid", "1"); out != "" {
		t.Errorf("todo: %q", out)
	}
	r := run(t, "project", "star", "--id", "404")
	if r.code != ExitFailure || r.stderr != "Impossible to run action star (404: 404 Project Not Found)\n" {
		t.Errorf("failed action: %s", r)
	}
}
