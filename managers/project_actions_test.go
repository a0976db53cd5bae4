package managers_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// The project actions through the typed managers against the fake over
// HTTP: each call's answer and the state it leaves, read back with a
// fresh Get.
func TestProjectActionsTyped(t *testing.T) {
	_, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	get := func(path string) *managers.Project {
		t.Helper()
		p, err := gl.Projects.Get(ctx, path)
		must(err)
		return p
	}
	sandbox := get("root/sandbox")

	// https://docs.gitlab.com/api/projects/#transfer-a-project-to-a-new-namespace:
	// the object is replaced by the moved project.
	must(sandbox.Transfer(ctx, base.Attrs{"to_namespace": "demo"}))
	if sandbox.GetString("path_with_namespace") != "demo/sandbox" || sandbox.Attr("namespace").Get("full_path").String() != "demo" {
		t.Fatalf("transferred %s", sandbox.Attr("namespace").Raw)
	}
	if get("demo/sandbox").GetInt("id") != sandbox.GetInt("id") {
		t.Fatal("the project is not found at its new path")
	}
	if err := sandbox.Transfer(ctx, base.Attrs{}); err == nil || !strings.Contains(err.Error(), "to_namespace") {
		t.Fatalf("missing to_namespace: %v", err)
	}

	// https://docs.gitlab.com/api/projects/#star-a-project: star_count, 304 when starred.
	must(sandbox.Star(ctx))
	if sandbox.GetInt("star_count") != 1 {
		t.Fatalf("star_count %d", sandbox.GetInt("star_count"))
	}
	if err := sandbox.Star(ctx); !errors.Is(err, gitlab.ErrNotModified) {
		t.Fatalf("starred twice: %v", err)
	}
	must(sandbox.Unstar(ctx))
	if sandbox.GetInt("star_count") != 0 || get("demo/sandbox").GetInt("star_count") != 0 {
		t.Fatal("unstarred project still counted")
	}

	// https://docs.gitlab.com/api/projects/#archive-a-project
	must(sandbox.Archive(ctx))
	if !sandbox.GetBool("archived") || !get("demo/sandbox").GetBool("archived") {
		t.Fatal("not archived")
	}
	must(sandbox.Unarchive(ctx))
	if sandbox.GetBool("archived") {
		t.Fatal("still archived")
	}

	// https://docs.gitlab.com/api/projects/#share-a-project-with-a-group
	demo, err := gl.Groups.Get(ctx, "demo")
	must(err)
	if _, err := sandbox.Share(ctx, base.Attrs{"group_id": demo.GetInt("id"), "group_access": 30}); err != nil {
		t.Fatal(err)
	}
	if shared := get("demo/sandbox").Attr("shared_with_groups").Get("#.group_full_path").String(); shared != `["demo"]` {
		t.Fatalf("shared_with_groups %s", shared)
	}
	must(sandbox.Unshare(ctx, base.Attrs{"group_id": demo.GetInt("id")}))
	if err := sandbox.Unshare(ctx, base.Attrs{"group_id": demo.GetInt("id")}); !errors.Is(err, gitlab.ErrNotFound) {
		t.Fatalf("unshared twice: %v", err)
	}

	// https://docs.gitlab.com/api/project_forks/: a fork, the forks list, and
	// a fork relation made and deleted.
	website := get("demo/website")
	fork, err := website.Forks().Create(ctx, base.Attrs{"namespace": "alice"})
	must(err)
	if fork.GetString("path_with_namespace") != "alice/website" || fork.Attr("forked_from_project").Get("path_with_namespace").String() != "demo/website" {
		t.Fatalf("fork %s", fork)
	}
	forks, err := website.Forks().List(ctx, nil)
	must(err)
	if len(forks.Items) != 1 || forks.Items[0].GetInt("id") != fork.GetInt("id") {
		t.Fatalf("forks %v", forks.Items)
	}
	must(sandbox.CreateForkRelation(ctx, base.Attrs{"forked_from_id": website.GetInt("id")}))
	if sandbox.Attr("forked_from_project").Get("path_with_namespace").String() != "demo/website" || get("demo/website").GetInt("forks_count") != 2 {
		t.Fatalf("fork relation %s", sandbox.Attr("forked_from_project").Raw)
	}
	must(sandbox.DeleteForkRelation(ctx))
	if get("demo/sandbox").Attr("forked_from_project").IsObject() {
		t.Fatal("still a fork")
	}

	// https://docs.gitlab.com/api/projects/#get-languages-used-in-a-project
	langs, err := website.Languages(ctx)
	must(err)
	if l := langs.JSON(); !l.Get("HTML").Exists() || !l.Get("Markdown").Exists() {
		t.Fatalf("languages %s", langs.Body)
	}
	// https://docs.gitlab.com/api/projects/#start-the-housekeeping-task-for-a-project
	if _, err := website.Housekeeping(ctx); err != nil {
		t.Fatal(err)
	}

	// https://docs.gitlab.com/api/project_pull_mirroring/: configured, then
	// updated by a start.
	if err := sandbox.MirrorPull(ctx); statusOf(err) != 400 {
		t.Fatalf("mirror pull without a mirror: %v", err)
	}
	_, err = sandbox.PullMirror().Create(ctx, base.Attrs{"url": "https://example.com/up.git", "enabled": true})
	must(err)
	details, err := sandbox.MirrorPullDetails(ctx)
	must(err)
	if details.JSON().Get("update_status").String() != "none" {
		t.Fatalf("before an update %s", details.Body)
	}
	must(sandbox.PullMirror().Start(ctx, nil))
	details, err = sandbox.MirrorPullDetails(ctx)
	must(err)
	if d := details.JSON(); d.Get("update_status").String() != "finished" || d.Get("url").String() != "https://example.com/up.git" {
		t.Fatalf("after an update %s", details.Body)
	}
	must(sandbox.MirrorPull(ctx))

	// https://docs.gitlab.com/api/search/: a project, a group, the instance.
	res, err := website.Search(ctx, base.Attrs{"scope": "blobs", "search": "hello"})
	must(err)
	if res.JSON().Get("#.path").String() != `["index.html"]` {
		t.Fatalf("project search %s", res.Body)
	}
	res, err = demo.Search(ctx, base.Attrs{"scope": "projects", "search": "sandbox"})
	must(err)
	if res.JSON().Get("#.path_with_namespace").String() != `["demo/sandbox"]` {
		t.Fatalf("group search %s", res.Body)
	}
	var users []string
	for u, err := range gl.Search(ctx, "users", "a", gitlab.Params{"per_page": 1}) {
		must(err)
		users = append(users, u.GetString("username"))
	}
	if !slices.Contains(users, "alice") || !slices.Contains(users, "root") || len(users) < 2 {
		t.Fatalf("instance search, page by page: %v", users)
	}
	if _, err := website.Search(ctx, base.Attrs{"scope": "projects"}); err == nil {
		t.Fatal("search without search sent")
	}
}

// Exports and imports: the status moves none → started → finished, the
// download streams the archive, and importing it makes a project with the
// same repository.
func TestExportImportTyped(t *testing.T) {
	_, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	website, err := gl.Projects.Get(ctx, "demo/website")
	if err != nil {
		t.Fatal(err)
	}
	// https://docs.gitlab.com/api/project_import_export/#export-status
	ex, err := website.Exports().Get(ctx)
	if err != nil || ex.GetString("export_status") != "none" {
		t.Fatalf("before: %v %v", ex, err)
	}
	if _, err := ex.Download(ctx); !errors.Is(err, gitlab.ErrNotFound) {
		t.Fatalf("download before any export: %v", err)
	}
	// https://docs.gitlab.com/api/project_import_export/#schedule-an-export
	if _, err := website.Exports().Create(ctx, base.Attrs{"description": "copy"}); err != nil {
		t.Fatal(err)
	}
	var seen []string
	for ex.GetString("export_status") != "finished" && len(seen) < 5 {
		if err := ex.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, ex.GetString("export_status"))
	}
	if strings.Join(seen, ",") != "started,finished" {
		t.Fatalf("statuses %v", seen)
	}
	// https://docs.gitlab.com/api/project_import_export/#export-download
	d, err := ex.Download(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var archive bytes.Buffer
	_, err = d.WriteTo(&archive)
	d.Close()
	if err != nil || !bytes.HasPrefix(archive.Bytes(), []byte{0x1f, 0x8b}) {
		t.Fatalf("archive: %v, % x", err, archive.Bytes()[:min(4, archive.Len())])
	}

	// https://docs.gitlab.com/api/project_import_export/#import-a-file
	resp, err := gl.Projects.ImportProject(ctx, base.Attrs{"path": "copy", "namespace": "alice",
		"file": gitlab.FileContent{Name: "export.tar.gz", Data: bytes.NewReader(archive.Bytes())}})
	if err != nil {
		t.Fatal(err)
	}
	if j := resp.JSON(); j.Get("import_status").String() != "scheduled" || j.Get("path_with_namespace").String() != "alice/copy" {
		t.Fatalf("import %s", resp.Body)
	}
	cp, err := gl.Projects.Get(ctx, "alice/copy")
	if err != nil {
		t.Fatal(err)
	}
	st, err := cp.Imports().Get(ctx)
	if err != nil || st.GetString("import_status") != "finished" {
		t.Fatalf("import status %v %v", st, err)
	}
	f, err := cp.Files().Get(ctx, "index.html", gitlab.WithParams(gitlab.Params{"ref": "main"}))
	if err != nil || f.GetString("content") != "PGgxPkhlbGxvPC9oMT4=" { // <h1>Hello</h1>
		t.Fatalf("imported repository: %v %v", f, err)
	}
	if _, err := gl.Projects.ImportProject(ctx, base.Attrs{"path": "copy2"}); err == nil {
		t.Fatal("import without a file sent")
	}

	// https://docs.gitlab.com/api/group_import_export/
	demo, err := gl.Groups.Get(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Exports().Create(ctx, nil); err != nil {
		t.Fatal(err)
	}
	gex, err := demo.Exports().Get(ctx) // a read moves it on: started
	if err != nil || gex.GetString("export_status") != "started" {
		t.Fatalf("group export %v %v", gex, err)
	}
	var gd *base.Download
	for range 2 { // the next read finds it finished
		if gd, err = gex.Download(ctx); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	var garchive bytes.Buffer
	_, err = gd.WriteTo(&garchive)
	gd.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gl.Groups.ImportGroup(ctx, base.Attrs{"name": "Demo copy", "path": "demo-copy",
		"file": gitlab.FileContent{Name: "group.tar.gz", Data: &garchive}}); err != nil {
		t.Fatal(err)
	}
	g, err := gl.Groups.Get(ctx, "demo-copy")
	if err != nil || g.GetString("description") != "Demo group" {
		t.Fatalf("imported group %v %v", g, err)
	}
	if st, err := g.Imports().Get(ctx); err != nil || st.GetString("import_status") != "finished" {
		t.Fatalf("group import status %v %v", st, err)
	}
}

// Group actions: transfer (its projects follow), a project moved in,
// share and unshare, LDAP sync, restore.
func TestGroupActionsTyped(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	team, err := gl.Groups.Create(ctx, base.Attrs{"name": "Team", "path": "team"})
	if err != nil {
		t.Fatal(err)
	}
	srv.AddProject(gitlabtest.Project{Name: "tool", Namespace: "team"})
	demo, err := gl.Groups.Get(ctx, "demo")
	if err != nil {
		t.Fatal(err)
	}
	// https://docs.gitlab.com/api/groups/#transfer-a-group
	if err := team.Transfer(ctx, base.Attrs{"group_id": demo.GetInt("id")}); err != nil {
		t.Fatal(err)
	}
	if team.GetString("full_path") != "demo/team" || team.GetInt("parent_id") != demo.GetInt("id") {
		t.Fatalf("transferred %s", team)
	}
	if p, err := gl.Projects.Get(ctx, "demo/team/tool"); err != nil || p.Attr("namespace").Get("full_path").String() != "demo/team" {
		t.Fatalf("its project %v %v", p, err)
	}
	if err := team.Transfer(ctx, base.Attrs{"group_id": demo.GetInt("id")}); statusOf(err) != 400 {
		t.Fatalf("transferred twice: %v", err)
	}
	// https://docs.gitlab.com/api/groups/#transfer-a-project-to-a-group
	if _, err := team.TransferProject(ctx, base.Attrs{"project_id": "root/sandbox"}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.Projects.Get(ctx, "demo/team/sandbox"); err != nil {
		t.Fatal(err)
	}
	// https://docs.gitlab.com/api/groups/#share-groups-with-groups
	secret, err := gl.Groups.Get(ctx, "secret")
	if err != nil {
		t.Fatal(err)
	}
	if err := team.Share(ctx, base.Attrs{"group_id": secret.GetInt("id"), "group_access": 20}); err != nil {
		t.Fatal(err)
	}
	if team.Attr("shared_with_groups").Get("#.group_full_path").String() != `["secret"]` {
		t.Fatalf("shared %s", team.Attr("shared_with_groups").Raw)
	}
	if err := team.Unshare(ctx, base.Attrs{"group_id": secret.GetInt("id")}); err != nil {
		t.Fatal(err)
	}
	if err := team.Refresh(ctx); err != nil || team.Attr("shared_with_groups").Get("#").Int() != 0 {
		t.Fatalf("after unshare %s %v", team.Attr("shared_with_groups").Raw, err)
	}
	// https://docs.gitlab.com/api/groups/#sync-group-with-ldap
	if err := team.LDAPSync(ctx); err != nil {
		t.Fatal(err)
	}
	// https://docs.gitlab.com/api/groups/#restore-a-group-marked-for-deletion
	if err := team.Restore(ctx); err != nil || team.GetString("full_path") != "demo/team" {
		t.Fatalf("restore %v", err)
	}
}

// Markdown and the linters through the client.
func TestMarkdownAndLintTyped(t *testing.T) {
	_, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	// https://docs.gitlab.com/api/markdown/
	html, err := gl.Markdown(ctx, "Fixes #1 :tada:", true, "demo/website")
	if err != nil || !strings.Contains(html, `/demo/website/-/issues/1"`) || !strings.Contains(html, "🎉") {
		t.Fatalf("markdown %q %v", html, err)
	}
	if html, err := gl.Markdown(ctx, "**x**", false, ""); err != nil || html != "<p><strong>x</strong></p>" {
		t.Fatalf("markdown %q %v", html, err)
	}
	if _, err := gl.Markdown(ctx, "x", true, "no/such"); !errors.Is(err, gitlab.ErrNotFound) {
		t.Fatalf("unknown project: %v", err)
	}

	// https://docs.gitlab.com/api/lint/
	const good, bad = "test:\n  script: go test\n", "test:\n  stage: nope\n  script: x\n"
	if valid, errs, err := gl.Lint(ctx, good); err != nil || !valid || len(errs) != 0 {
		t.Fatalf("lint %v %v %v", valid, errs, err)
	}
	if valid, errs, err := gl.Lint(ctx, bad); err != nil || valid || len(errs) != 1 || !strings.Contains(errs[0], "chosen stage nope does not exist") {
		t.Fatalf("lint of an invalid configuration %v %v %v", valid, errs, err)
	}
	if err := gl.CILint.Validate(ctx, base.Attrs{"content": good}); err != nil {
		t.Fatal(err)
	}
	website, err := gl.Projects.Get(ctx, "demo/website")
	if err != nil {
		t.Fatal(err)
	}
	var le *managers.LintError
	err = website.CILint().Validate(ctx, base.Attrs{"content": "build: [\n"})
	if !errors.As(err, &le) || len(le.Errors) != 1 || !strings.Contains(le.Errors[0], "did not find expected node content") {
		t.Fatalf("invalid YAML: %v", err)
	}
	err = gl.CILint.Validate(ctx, base.Attrs{"content": bad})
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "chosen stage nope") {
		t.Fatalf("instance linter: %v", err)
	}
	cfg, err := website.CILint().Get(ctx)
	if err != nil || cfg.GetBool("valid") || cfg.GetStrings("errors")[0] != "Please provide content of .gitlab-ci.yml" {
		t.Fatalf("project configuration %v %v", cfg, err)
	}
}

// statusOf is the HTTP status of a failed request, 0 for no *gitlab.Error.
func statusOf(err error) int {
	var ge *gitlab.Error
	if errors.As(err, &ge) {
		return ge.StatusCode
	}
	return 0
}
