package gitlab_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// fakeClient starts a seeded fake GitLab and returns it with an admin client.
func fakeClient(t *testing.T) (*gitlabtest.Server, *gitlab.Client) {
	t.Helper()
	return gitlabtest.NewClient(t, gitlabtest.WithSeed())
}

// must(f())(t) returns f's value, failing t on f's error.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestProjectsAgainstTheFake(t *testing.T) {
	srv, gl := fakeClient(t)
	p := must(gl.Projects.Get(ctx, "demo/website"))(t)
	if p.GetString("path_with_namespace") != "demo/website" || p.ID() == "" || p.FromList() {
		t.Fatalf("get by path: %s", p)
	}
	// Refresh after a lazy get by path replaces the path with the numeric ID.
	lazy := gl.Projects.Lazy("demo/website")
	if err := lazy.Refresh(ctx); err != nil || lazy.ID() != p.ID() || lazy.IsLazy() {
		t.Errorf("refresh of a lazy object: %v %s", err, lazy)
	}
	fork := must(p.Forks().Create(ctx, gitlab.Attrs{"namespace_path": "alice", "path": "website-fork", "name": "Website fork"}))(t)
	if fork.GetString("path_with_namespace") != "alice/website-fork" || fork.Lookup("forked_from_project.id").String() != p.ID() {
		t.Errorf("fork: %s forked from %s", fork, fork.Lookup("forked_from_project.id"))
	}
	srv.ResetRequests()
	if err := gl.Projects.Lazy(fork.ID()).Star(ctx); err != nil {
		t.Fatal(err)
	}
	if n := srv.RequestCount(); n != 1 {
		t.Errorf("Lazy(id).Star made %d requests", n)
	}
	err := gl.Projects.Lazy(fork.ID()).Star(ctx)
	var ge *gitlab.Error
	if !errors.Is(err, gitlab.ErrNotModified) || !errors.As(err, &ge) || ge.Op != "star" {
		t.Errorf("starring twice: %v", err)
	}
	if err := gl.Projects.Lazy(fork.ID()).Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.Projects.Get(ctx, fork.ID()); !errors.Is(err, gitlab.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	// Validation errors from GitLab keep their fields.
	_, err = gl.Projects.Create(ctx, gitlab.Attrs{"name": "Website", "path": "website", "namespace_id": p.Lookup("namespace.id").Int()})
	if !errors.As(err, &ge) || ge.StatusCode != 400 || len(ge.FieldErrors()["path"]) == 0 || ge.Op != "create" {
		t.Errorf("duplicate project: %v", err)
	}
	// The seed's 400 for a bad sort.
	_, err = gl.Projects.List(ctx, gitlab.Params{"sort": "invalid value"})
	if err == nil || err.Error() != "400: sort does not have a valid value" {
		t.Errorf("bad sort: %v", err)
	}
}

func TestIssuesAndNotesTwoLevels(t *testing.T) {
	_, gl := fakeClient(t)
	issues := gl.Projects.Lazy("demo/website").Issues()
	open := must(gitlab.Collect(issues.All(ctx, gitlab.Params{"state": "opened", "labels": []string{"bug"}})))(t)
	if len(open) != 1 || open[0].GetString("title") != "Broken link on home page" {
		t.Fatalf("filtered issues: %v", open)
	}
	issue := must(issues.Get(ctx, open[0].ID()))(t)
	if issue.ID() != open[0].GetString("iid") || issue.ID() == issue.GetString("id") && issue.GetInt("id") != issue.GetInt("iid") {
		t.Errorf("issues are got by iid: %s", issue)
	}
	note := must(issue.Notes().Create(ctx, gitlab.Attrs{"body": "Fixed in !2"}))(t)
	notes := must(gitlab.Collect(issue.Notes().All(ctx, nil)))(t)
	if len(notes) != 2 {
		t.Errorf("%d notes", len(notes))
	}
	// A note inherits project_id and issue_iid from its parents.
	if note.GetInt("issue_iid") != issue.GetInt("iid") || note.Attr("project_id").Int() != issue.Attr("project_id").Int() {
		t.Errorf("parent attributes: %v", note.Attributes())
	}
	_ = note.Set("body", "Fixed in !3")
	if err := note.Save(ctx); err != nil || note.GetString("body") != "Fixed in !3" {
		t.Errorf("note save: %v", err)
	}
	_ = issue.Set("state_event", "close")
	if err := issue.Save(ctx); err != nil || issue.GetString("state") != "closed" {
		t.Errorf("closing: %v %s", err, issue.GetString("state"))
	}
	if err := note.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := issue.Notes().Get(ctx, note.ID()); !errors.Is(err, gitlab.ErrNotFound) {
		t.Errorf("deleted note: %v", err)
	}
}

func TestMergeRequestsMergeAndApprove(t *testing.T) {
	_, gl := fakeClient(t)
	mrs := gl.Projects.Lazy("demo/website").MergeRequests()
	mr := must(mrs.Get(ctx, 1))(t)
	if mr.GetString("source_branch") != "feature/login" || mr.GetString("state") != "opened" {
		t.Fatalf("mr: %s", mr)
	}
	_, err := mrs.Create(ctx, gitlab.Attrs{"source_branch": "feature/login", "target_branch": "main", "title": "again"})
	if !errors.Is(err, gitlab.ErrConflict) || !strings.Contains(err.Error(), "Another open merge request already exists") {
		t.Errorf("duplicate MR: %v", err)
	}
	approval := must(mr.Approve(ctx, nil))(t)
	if !approval.JSON().Get("approved_by").IsArray() {
		t.Errorf("approval state: %s", approval.Body)
	}
	if err := mr.Merge(ctx, gitlab.Attrs{"sha": "0000000000000000000000000000000000000000"}); !errors.Is(err, gitlab.ErrConflict) || mr.GetString("state") != "opened" {
		t.Errorf("stale sha: %v", err)
	}
	if err := mr.Merge(ctx, gitlab.Attrs{"merge_commit_message": "Merge login"}); err != nil || mr.GetString("state") != "merged" {
		t.Errorf("merge: %v state=%s", err, mr.GetString("state"))
	}
	var ge *gitlab.Error
	if err := mr.Merge(ctx, nil); !errors.As(err, &ge) || ge.StatusCode != 405 || ge.Op != "merge" {
		t.Errorf("merging twice: %v", err)
	}
}

func TestBranchesFilesVariablesPushRules(t *testing.T) {
	_, gl := fakeClient(t)
	p := gl.Projects.Lazy("demo/website")

	br := must(p.Branches().Create(ctx, gitlab.Attrs{"branch": "fix/typo", "ref": "main"}))(t)
	if br.ID() != "fix/typo" {
		t.Errorf("branch id = %q", br.ID())
	}
	if got := must(p.Branches().Get(ctx, "fix/typo"))(t); got.GetString("name") != "fix/typo" {
		t.Error("branch by name with a slash")
	}

	files := p.Files()
	if _, err := files.Get(ctx, "docs/guide.md"); err == nil || !strings.Contains(err.Error(), "missing attributes: ref") {
		t.Errorf("get without ref: %v", err)
	}
	f := must(files.Get(ctx, "docs/guide.md", gitlab.WithParams(gitlab.Params{"ref": "main"})))(t)
	if content := must(f.Content())(t); string(content) != "# Guide\n" || f.ID() != "docs/guide.md" {
		t.Errorf("content %q id %q", content, f.ID())
	}
	_ = f.Set("content", "# Guide\n\nMore.\n")
	if err := f.Save(ctx, "fix/typo", "Expand the guide"); err != nil {
		t.Fatal(err)
	}
	raw := must(readRaw(files, "docs/guide.md", "fix/typo"))(t)
	if string(raw) != "# Guide\n\nMore.\n" {
		t.Errorf("raw after save = %q", raw)
	}
	if main := must(readRaw(files, "docs/guide.md", "main"))(t); string(main) != "# Guide\n" {
		t.Errorf("main changed: %q", main)
	}
	// Saving a file read from GitLab without touching its content keeps it intact (base64 round trip).
	f2 := must(files.Get(ctx, "index.html", gitlab.WithParams(gitlab.Params{"ref": "main"})))(t)
	_ = f2.Set("last_commit_id", f2.GetString("last_commit_id"))
	if err := f2.Save(ctx, "main", "Touch"); err != nil {
		t.Fatal(err)
	}
	if got := must(readRaw(files, "index.html", "main"))(t); string(got) != "<h1>Hello</h1>" {
		t.Errorf("round trip changed the content: %q", got)
	}
	created := must(files.Create(ctx, gitlab.Attrs{"file_path": "src/a b.txt", "branch": "main", "content": "x", "commit_message": "add"}))(t)
	if created.GetString("file_path") != "src/a b.txt" {
		t.Errorf("create: %v", created.Attributes())
	}
	if err := files.Delete(ctx, "src/a b.txt"); err == nil || !strings.Contains(err.Error(), "branch") {
		t.Errorf("delete without branch: %v", err)
	}
	fd := must(files.Get(ctx, "src/a b.txt", gitlab.WithParams(gitlab.Params{"ref": "main"})))(t)
	if err := fd.Delete(ctx, "main", "remove"); err != nil {
		t.Fatal(err)
	}
	if _, err := readRaw(files, "src/a b.txt", "main"); !errors.Is(err, gitlab.ErrNotFound) {
		t.Errorf("deleted file: %v", err)
	}

	vars := p.Variables()
	v := must(vars.Create(ctx, gitlab.Attrs{"key": "DEPLOY_ENV", "value": "staging", "protected": true}))(t)
	if v.ID() != "DEPLOY_ENV" {
		t.Errorf("variable id = %q", v.ID())
	}
	_ = v.Set("value", "production")
	if err := v.Save(ctx); err != nil || must(vars.Get(ctx, "DEPLOY_ENV"))(t).GetString("value") != "production" {
		t.Errorf("variable save: %v", err)
	}
	_, err := vars.Create(ctx, gitlab.Attrs{"key": "DEPLOY_ENV", "value": "x"})
	var ge *gitlab.Error
	if !errors.As(err, &ge) || ge.StatusCode != 400 || len(ge.FieldErrors()["key"]) == 0 {
		t.Errorf("duplicate key: %v", err)
	}

	rules := p.PushRules()
	created2 := must(rules.Create(ctx, gitlab.Attrs{"commit_message_regex": "^JIRA-"}))(t)
	if created2.ID() != "" || created2.GetString("commit_message_regex") != "^JIRA-" {
		t.Errorf("push rule: %v", created2.Attributes())
	}
	rule := must(rules.Get(ctx))(t)
	_ = rule.Set("deny_delete_tag", true)
	if err := rule.Save(ctx); err != nil || !rule.GetBool("deny_delete_tag") {
		t.Errorf("push rule save: %v", err)
	}
	if _, err := rules.Update(ctx, gitlab.Attrs{"max_file_size": 5}); err != nil {
		t.Error(err)
	}
	if err := rules.Delete(ctx); err != nil {
		t.Error(err)
	}
}

func TestUsersGroupsFeaturesActivities(t *testing.T) {
	_, gl := fakeClient(t)
	alice := must(gl.Users.Get(ctx, 2))(t)
	key := must(alice.Keys().Create(ctx, gitlab.Attrs{"title": "laptop", "key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey alice@laptop"}))(t)
	if keys := must(gitlab.Collect(alice.Keys().All(ctx, nil)))(t); len(keys) != 1 || keys[0].GetString("title") != "laptop" {
		t.Errorf("keys: %v", keys)
	}
	if err := key.Delete(ctx); err != nil {
		t.Fatal(err)
	}

	groups := must(gitlab.Collect(gl.Groups.All(ctx, gitlab.Params{"search": "demo"})))(t)
	if len(groups) != 1 {
		t.Fatalf("groups: %v", groups)
	}
	gps := must(gitlab.Collect(groups[0].Projects().All(ctx, nil)))(t)
	if len(gps) != 1 || gps[0].GetString("path") != "website" {
		t.Errorf("group projects: %v", gps)
	}

	me := must(gl.CurrentUser.Get(ctx))(t)
	if me.GetString("username") != "root" || !me.GetBool("is_admin") {
		t.Errorf("current user: %s", me)
	}

	f := must(gl.Features.Set(ctx, "new_navigation", true))(t)
	if f.ID() != "new_navigation" || f.GetString("state") != "on" {
		t.Errorf("feature: %v", f.Attributes())
	}
	if all := must(gitlab.Collect(gl.Features.All(ctx, nil)))(t); len(all) != 1 {
		t.Errorf("features: %v", all)
	}
	if err := f.Delete(ctx); err != nil {
		t.Error(err)
	}

	acts := must(gitlab.Collect(gl.UserActivities.All(ctx, gitlab.Params{"from": "2019-01-01"})))(t)
	if len(acts) == 0 || acts[0].ID() == "" {
		t.Errorf("activities: %v", acts)
	}
	// Sudo is refused for non-admins, as GitLab does.
	bob, err := gitlab.New(gl.URL(), gitlab.WithPrivateToken(gitlabtest.SeedBobToken))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.CurrentUser.Get(ctx, gitlab.WithSudo("alice")); !errors.Is(err, gitlab.ErrForbidden) {
		t.Errorf("sudo by a non-admin: %v", err)
	}
	if _, err := bob.UserActivities.List(ctx, nil); !errors.Is(err, gitlab.ErrForbidden) {
		t.Errorf("activities by a non-admin: %v", err)
	}
}

func TestAuthVersionAndBadToken(t *testing.T) {
	srv, gl := fakeClient(t)
	u, err := gl.Auth(ctx)
	if err != nil || gl.User() != u || u.GetString("username") != "root" {
		t.Fatalf("auth: %v", err)
	}
	v, rev, err := gl.Version(ctx)
	if err != nil || v != gitlabtest.Version || rev != gitlabtest.Revision {
		t.Errorf("version: %s %s %v", v, rev, err)
	}
	before := srv.RequestCount()
	if _, _, err := gl.Version(ctx); err != nil || srv.RequestCount() != before {
		t.Error("version is not cached")
	}
	bad, _ := gitlab.New(srv.URL(), gitlab.WithPrivateToken("glpat-wrong-secret"))
	_, err = bad.Auth(ctx)
	if !errors.Is(err, gitlab.ErrUnauthorized) || strings.Contains(err.Error(), "glpat-wrong-secret") {
		t.Errorf("bad token: %v", err)
	}
	job, _ := gitlab.New(srv.URL(), gitlab.WithJobToken("whatever"))
	if _, err := job.Auth(ctx); !errors.Is(err, gitlab.ErrUnauthorized) {
		t.Errorf("job token on /user: %v", err)
	}
	for _, r := range srv.Requests() {
		for _, vals := range r.Header {
			for _, v := range vals {
				if strings.Contains(v, "glpat-wrong-secret") || strings.Contains(v, gitlabtest.DefaultAdminToken) {
					t.Errorf("the fake's request log kept a token: %v", r.Header)
				}
			}
		}
	}
}

func TestDynamicAccessToBuiltInsAndHTTPList(t *testing.T) {
	_, gl := fakeClient(t)
	// Every built-in manager is reachable by name, as a CLI would reach it.
	p, err := gl.Manager("project").Get(ctx, "demo/website")
	if err != nil || p.GetString("path") != "website" {
		t.Fatalf("dynamic projects: %v", err)
	}
	issues, err := gitlab.Collect(p.Manager("project_issue").All(ctx, gitlab.Params{"state": "opened"}))
	if err != nil || len(issues) != 2 {
		t.Fatalf("dynamic child manager: %d %v", len(issues), err)
	}
	if _, err := p.Manager("project_issue_note").List(ctx, nil); err == nil || !strings.Contains(err.Error(), `belongs to "project_issue" objects`) {
		t.Errorf("grandchild from the project: %v", err)
	}
	// The raw level: any paginated path, items as objects.
	n := 0
	for it, err := range gl.HTTPList(ctx, "/projects/demo%2Fwebsite/issues", gitlab.Params{"state": "opened", "per_page": 1}) {
		if err != nil {
			t.Fatal(err)
		}
		if it.GetString("title") == "" {
			t.Error("item without title")
		}
		n++
	}
	if n != 2 {
		t.Errorf("HTTPList yielded %d issues over pages of 1", n)
	}
	// Objects marshal as GitLab's JSON with pending changes.
	_ = issues[0].Set("title", "Renamed")
	b, err := json.Marshal(issues[0])
	if err != nil || !strings.Contains(string(b), `"title":"Renamed"`) || !strings.Contains(string(b), `"iid":`) {
		t.Errorf("json.Marshal: %s %v", b, err)
	}
}

func TestHeadCountsWithoutTransferring(t *testing.T) {
	srv, gl := fakeClient(t)
	srv.ResetRequests()
	page, err := gl.Projects.Lazy("demo/website").Issues().Head(ctx, gitlab.Params{"state": "opened", "per_page": 1})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || page.TotalPages != 2 || page.NextPage != 2 || len(page.Items) != 0 {
		t.Errorf("head: %+v", page)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Method != "HEAD" || reqs[0].Query.Get("state") != "opened" {
		t.Errorf("requests: %+v", reqs)
	}
	// An empty list: the HEAD answer says the Content-Length of the GET's "[]"
	// but has no body, as GitLab's.
	empty, err := gl.Projects.Lazy("demo/website").Issues().Head(ctx, gitlab.Params{"labels": "no-issue-has-this"})
	if err != nil || empty.Total != 0 {
		t.Errorf("head of an empty list: %+v %v", empty, err)
	}
	// A HEAD answer has no body, so the error has the status but no message.
	_, err = gl.Projects.Head(ctx, gitlab.Params{"sort": "sideways"})
	var ge *gitlab.Error
	if !errors.As(err, &ge) || ge.StatusCode != 400 || ge.Op != "head" || ge.Error() != "400: Bad Request" {
		t.Errorf("bad sort on HEAD: %v", err)
	}
}

func TestBadIDsAndCancelledIteration(t *testing.T) {
	srv, gl := fakeClient(t)
	srv.ResetRequests()
	for _, id := range []any{3.14, "", nil, []int{1}} {
		if _, err := gl.Projects.Get(ctx, id); err == nil {
			t.Errorf("Get(%v) accepted", id)
		}
	}
	if _, err := gl.Projects.Update(ctx, nil, gitlab.Attrs{"name": "x"}); err == nil {
		t.Error("Update(nil) accepted")
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("bad IDs sent %d requests", n)
	}
	// Cancelling during an iteration ends it with the context's error, and no more pages are fetched.
	srv.ResetRequests()
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var seen int
	var last error
	for _, err := range gl.Projects.All(cctx, gitlab.Params{"per_page": 1}, gitlab.WithPrefetch(1)) { // one page at a time
		if err != nil {
			last = err
			break
		}
		seen++
		if seen == 2 {
			cancel()
		}
	}
	if seen != 2 || !errors.Is(last, context.Canceled) {
		t.Errorf("after cancel: %d items, err %v", seen, last)
	}
	if n := srv.RequestCount(); n != 2 {
		t.Errorf("%d page requests, want 2", n)
	}
}

func TestSubscribeAndTodoMixins(t *testing.T) {
	srv, _ := fakeClient(t)
	bob, err := srv.Client(gitlab.WithPrivateToken(gitlabtest.SeedBobToken))
	if err != nil {
		t.Fatal(err)
	}
	issue, err := bob.Projects.Lazy("demo/website").Issues().Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := issue.Subscribe(ctx); err != nil || !issue.GetBool("subscribed") {
		t.Fatalf("subscribe: %v, subscribed=%v", err, issue.GetBool("subscribed"))
	}
	var ge *gitlab.Error
	if err := issue.Subscribe(ctx); !errors.Is(err, gitlab.ErrNotModified) || !errors.As(err, &ge) || ge.Op != "subscribe" {
		t.Errorf("subscribing twice: %v", err)
	}
	if err := issue.Unsubscribe(ctx); err != nil || issue.GetBool("subscribed") {
		t.Errorf("unsubscribe: %v", err)
	}
	mr := bob.Projects.Lazy("demo/website").MergeRequests().Lazy(1)
	if err := mr.Todo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := mr.Todo(ctx); !errors.Is(err, gitlab.ErrNotModified) {
		t.Errorf("second todo: %v", err)
	}
}

// readRaw downloads a raw file whole, as a test reads it.
func readRaw(files *managers.ProjectFileManager, path, ref string) ([]byte, error) {
	d, err := files.Raw(ctx, gitlab.Attrs{"file_path": path, "ref": ref})
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return io.ReadAll(d)
}

// A client's root managers read their declaration at their first use, not
// in New: an action added by Extend after New and before gl.Projects is
// used is one of its actions.
func TestRootManagersReadTheirDeclarationAtFirstUse(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id": 7, "path_with_namespace": "g/p"}`)
	}))
	defer srv.Close()
	gl, err := gitlab.New(srv.URL, gitlab.WithPrivateToken("t"))
	if err != nil {
		t.Fatal(err)
	}
	err = gl.Registry().Extend("project", func(s *gitlab.Spec) {
		s.Actions = append(s.Actions, gitlab.Action{Name: "ping", Result: gitlab.ResultReplace})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := gl.Projects.Spec().Action("ping", false); !ok {
		t.Fatal("gl.Projects does not declare the action added before its first use")
	}
	ctx := context.Background()
	p, err := gl.Projects.Get(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := gl.Projects.Core().Action(ctx, p.Object, "ping", nil, nil); err != nil {
		t.Fatal(err)
	}
	want := []string{"GET /api/v4/projects/7", "POST /api/v4/projects/7/ping"}
	if !slices.Equal(got, want) {
		t.Errorf("requests %q, want %q", got, want)
	}
}
