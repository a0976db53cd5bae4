package gitlabtest_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/test/gitlabtest"
)

// clientAs is a typed client of the fake that authenticates with token.
func clientAs(t *testing.T, s *gitlabtest.Server, token string, opts ...gitlab.Option) *gitlab.Client {
	t.Helper()
	gl, err := s.Client(append([]gitlab.Option{gitlab.WithPrivateToken(token)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gl.Close() })
	return gl
}

// wantStatus checks that err is GitLab's answer with status (and, when
// msg is not empty, that message, as the client prints it).
func wantStatus(t *testing.T, err error, status int, msg string) {
	t.Helper()
	var e *base.Error
	if !errors.As(err, &e) || e.StatusCode != status || msg != "" && e.Message != msg {
		t.Fatalf("error %v, want %d %s", err, status, msg)
	}
}

// titles are the titles of objects, in order.
func titles[T interface{ GetString(string) string }](t *testing.T, seq func(func(T, error) bool)) []string {
	t.Helper()
	all, err := gitlab.Collect(seq)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range all {
		out = append(out, o.GetString("title"))
	}
	return out
}

// readAll reads a download; a failure is its text.
func readAll(d *base.Download, err error) string {
	if err != nil {
		return err.Error()
	}
	defer d.Close()
	b, err := io.ReadAll(d)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func files(v ...string) []map[string]any {
	var out []map[string]any
	for i := 0; i+1 < len(v); i += 2 {
		out = append(out, map[string]any{"file_path": v[i], "content": v[i+1]})
	}
	return out
}

func TestPersonalSnippets(t *testing.T) {
	ctx := context.Background()
	s := collabServer(t)
	alice := clientAs(t, s, "alice", gitlab.WithUserAgent("snippet-test/1"))
	bob, root := clientAs(t, s, "bob"), clientAs(t, s, admin)

	priv, err := alice.Snippets.Create(ctx, gitlab.Attrs{"title": "notes", "visibility": "private",
		"files": files("a.txt", "hello", "b.md", "# b")})
	if err != nil {
		t.Fatal(err)
	}
	if priv.Lookup("author.username").String() != "alice" || priv.GetString("file_name") != "a.txt" ||
		priv.Attr("project_id").Raw != "null" || priv.GetString("visibility") != "private" ||
		len(priv.Attr("files").Array()) != 2 || priv.Lookup("files.1.path").String() != "b.md" ||
		priv.GetString("raw_url") != s.APIURL()+"/snippets/"+priv.ID()+"/raw" {
		t.Fatalf("created %v", priv)
	}
	// The older form: one file, file_name and content; internal by default.
	old, err := alice.Snippets.Create(ctx, gitlab.Attrs{"title": "old", "file_name": "x.sh", "content": "echo"})
	if err != nil || old.GetString("visibility") != "internal" {
		t.Fatalf("file_name snippet %v %v", old, err)
	}
	pub, err := bob.Snippets.Create(ctx, gitlab.Attrs{"title": "shared", "visibility": "public", "files": files("p.go", "package p")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = alice.Snippets.Create(ctx, gitlab.Attrs{"title": " ", "files": files("a", "b")})
	wantStatus(t, err, 400, "title: can't be blank")
	_, err = alice.Snippets.Create(ctx, gitlab.Attrs{"title": "t", "files": files("a", "")})
	wantStatus(t, err, 400, "content: can't be blank")
	_, err = alice.Snippets.Create(ctx, gitlab.Attrs{"title": "t", "visibility": "secret", "files": files("a", "b")})
	wantStatus(t, err, 400, "")

	// Raw content: the first file's, or a file's at the repository's main branch.
	if got := readAll(priv.Content(ctx)); got != "hello" {
		t.Fatalf("raw %q", got)
	}
	do(t, s, "GET", "/snippets/"+priv.ID()+"/files/main/b.md/raw", tok("alice")).expect(t, 200, "# b")
	do(t, s, "GET", "/snippets/"+priv.ID()+"/files/main/none/raw", tok("alice")).expect(t, 404, `{"message":"404 File Not Found"}`)

	// Who sees what: a private snippet is its author's (and administrators').
	_, err = bob.Snippets.Get(ctx, priv.ID())
	wantStatus(t, err, 404, "404 Snippet Not Found")
	if _, err := root.Snippets.Get(ctx, priv.ID()); err != nil {
		t.Fatal(err)
	}
	if got, err := bob.Snippets.Get(ctx, old.ID()); err != nil || got.GetString("title") != "old" {
		t.Fatalf("internal snippet for bob %v %v", got, err)
	}
	if got := titles(t, bob.Snippets.All(ctx, nil)); !slices.Equal(got, []string{"shared"}) {
		t.Fatalf("bob's snippets %v", got)
	}
	if got := titles(t, bob.Snippets.ListPublic(ctx, nil)); !slices.Equal(got, []string{"shared"}) {
		t.Fatalf("public snippets %v", got)
	}
	if got := titles(t, bob.Snippets.ListAll(ctx, nil)); !slices.Equal(got, []string{"old", "shared"}) {
		t.Fatalf("all snippets bob sees %v", got)
	}
	if got := titles(t, root.Snippets.ListAll(ctx, nil)); len(got) != 3 {
		t.Fatalf("all snippets %v", got)
	}

	// Updates: file actions, by the author only.
	_, err = bob.Snippets.Update(ctx, priv.ID(), gitlab.Attrs{"title": "mine"})
	wantStatus(t, err, 404, "")
	_, err = alice.Snippets.Update(ctx, pub.ID(), gitlab.Attrs{"title": "mine"})
	wantStatus(t, err, 403, "")
	upd, err := alice.Snippets.Update(ctx, priv.ID(), gitlab.Attrs{"visibility": "public", "files": []map[string]any{
		{"action": "update", "file_path": "a.txt", "content": "hello again"},
		{"action": "move", "previous_path": "b.md", "file_path": "c.md"},
		{"action": "create", "file_path": "d.txt", "content": "d"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range upd.Attr("files").Array() {
		paths = append(paths, f.Get("path").String())
	}
	if !slices.Equal(paths, []string{"a.txt", "c.md", "d.txt"}) || upd.GetString("visibility") != "public" || upd.GetString("title") != "notes" {
		t.Fatalf("updated %v", upd)
	}
	do(t, s, "GET", "/snippets/"+priv.ID()+"/files/main/c.md/raw", tok("bob")).expect(t, 200, "# b")
	_, err = alice.Snippets.Update(ctx, priv.ID(), gitlab.Attrs{"files": []map[string]any{{"action": "create", "file_path": "d.txt", "content": "x"}}})
	wantStatus(t, err, 400, "A file with this name already exists")
	_, err = alice.Snippets.Update(ctx, priv.ID(), gitlab.Attrs{"files": []map[string]any{{"action": "delete", "file_path": "zz"}}})
	wantStatus(t, err, 400, "A file with this name doesn't exist")

	// User agent details: administrators only.
	_, err = alice.Snippets.Lazy(priv.ID()).UserAgentDetail(ctx)
	wantStatus(t, err, 403, "")
	resp, err := root.Snippets.Lazy(priv.ID()).UserAgentDetail(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ua := resp.JSON().Get("user_agent").String(); ua != "snippet-test/1" || resp.JSON().Get("ip_address").String() != "127.0.0.1" {
		t.Fatalf("user agent detail %s", resp.Body)
	}

	if err := alice.Snippets.Delete(ctx, priv.ID()); err != nil {
		t.Fatal(err)
	}
	_, err = alice.Snippets.Get(ctx, priv.ID())
	wantStatus(t, err, 404, "")
}

func TestProjectSnippets(t *testing.T) {
	ctx := context.Background()
	s := collabServer(t)
	root := clientAs(t, s, admin)
	for user, level := range map[string]int{"alice": 20, "bob": 40} {
		if _, err := root.Projects.Lazy(1).Members().Create(ctx, gitlab.Attrs{"username": user, "access_level": level}); err != nil {
			t.Fatal(err)
		}
	}
	alice, bob, carol := clientAs(t, s, "alice"), clientAs(t, s, "bob"), clientAs(t, s, "carol")
	sn, err := alice.Projects.Lazy(1).Snippets().Create(ctx, gitlab.Attrs{"title": "conf", "visibility": "private",
		"files": files("app.yml", "a: 1")})
	if err != nil {
		t.Fatal(err)
	}
	if sn.GetInt("project_id") != 1 || sn.GetString("web_url") != s.URL()+"/team/app/-/snippets/"+sn.ID() ||
		sn.GetString("raw_url") != s.APIURL()+"/projects/1/snippets/"+sn.ID()+"/raw" {
		t.Fatalf("project snippet %v", sn)
	}
	// Project snippets are not the user's personal snippets.
	if got := titles(t, alice.Snippets.All(ctx, nil)); len(got) != 0 {
		t.Fatalf("personal snippets %v", got)
	}
	// Members see a private project snippet; others do not see the project.
	got, err := bob.Projects.Lazy(1).Snippets().Get(ctx, sn.ID())
	if err != nil || got.GetString("title") != "conf" {
		t.Fatalf("bob reads %v %v", got, err)
	}
	if got := readAll(got.Content(ctx)); got != "a: 1" {
		t.Fatalf("raw %q", got)
	}
	_, err = carol.Projects.Lazy(1).Snippets().Get(ctx, sn.ID())
	wantStatus(t, err, 404, "404 Project Not Found")

	// A Maintainer edits another's snippet; a Reporter only their own.
	if _, err := bob.Projects.Lazy(1).Snippets().Update(ctx, sn.ID(), gitlab.Attrs{"title": "config"}); err != nil {
		t.Fatal(err)
	}
	other, err := bob.Projects.Lazy(1).Snippets().Create(ctx, gitlab.Attrs{"title": "b", "visibility": "internal", "files": files("b", "b")})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, alice.Projects.Lazy(1).Snippets().Delete(ctx, other.ID()), 403, "")
	if got := titles(t, alice.Projects.Lazy(1).Snippets().All(ctx, nil)); !slices.Equal(got, []string{"config", "b"}) {
		t.Fatalf("project snippets %v", got)
	}
	if err := alice.Projects.Lazy(1).Snippets().Delete(ctx, sn.ID()); err != nil {
		t.Fatal(err)
	}
	_, err = bob.Projects.Lazy(1).Snippets().Get(ctx, sn.ID())
	wantStatus(t, err, 404, "404 Snippet Not Found")
}
