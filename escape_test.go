package gitlab_test

import (
	"errors"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// Raw paths reach the fake GitLab with every ID escaped exactly once through
// gitlab.EscapeID, for each HTTP helper.
func TestEscapeIDInRawPaths(t *testing.T) {
	srv, gl := fakeClient(t)
	srv.AddGroup("Group", "group", "public")
	subID := srv.AddGroup("Sub", "group/sub", "public")
	srv.AddProject(gitlabtest.Project{Name: "My project", Path: "my.project", Namespace: "group/sub", Visibility: "public"})

	if got := gitlab.EscapeID("group/sub"); got != "group%2Fsub" {
		t.Errorf("EscapeID(group/sub) = %q", got)
	}
	resp := must(gl.HTTPGet(ctx, "/groups/"+gitlab.EscapeID("group/sub"), nil))(t)
	if resp.JSON().Get("id").Int() != int64(subID) || resp.JSON().Get("full_path").String() != "group/sub" {
		t.Errorf("GET /groups/group%%2Fsub: %s", resp.Body)
	}
	project := "/projects/" + gitlab.EscapeID("group/sub/my.project")
	resp = must(gl.HTTPGet(ctx, project, nil))(t)
	if resp.JSON().Get("path_with_namespace").String() != "group/sub/my.project" {
		t.Errorf("GET %s: %s", project, resp.Body)
	}

	// A branch name with a slash and a plus: created, given a file whose path has
	// a slash, a space and a plus, listed, deleted.
	branch := "feature/x+y"
	if _, err := gl.HTTPPost(ctx, project+"/repository/branches", gitlab.Attrs{"branch": branch, "ref": "main"}); err != nil {
		t.Fatal(err)
	}
	resp = must(gl.HTTPGet(ctx, project+"/repository/branches/"+gitlab.EscapeID(branch), nil))(t)
	if resp.JSON().Get("name").String() != branch {
		t.Errorf("GET branch: %s", resp.Body)
	}
	file := project + "/repository/files/" + gitlab.EscapeID("docs/a b+c.md")
	if _, err := gl.HTTPPost(ctx, file, gitlab.Attrs{"branch": branch, "content": "one", "commit_message": "add"}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.HTTPPut(ctx, file, gitlab.Attrs{"branch": branch, "content": "two", "commit_message": "edit"}); err != nil {
		t.Fatal(err)
	}
	resp = must(gl.HTTPGet(ctx, file, gitlab.Params{"ref": branch}))(t)
	if resp.JSON().Get("file_path").String() != "docs/a b+c.md" || resp.JSON().Get("content").String() != "dHdv" { // base64("two")
		t.Errorf("GET file: %s", resp.Body)
	}
	if _, err := gl.HTTPDelete(ctx, project+"/repository/branches/"+gitlab.EscapeID(branch)); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.HTTPGet(ctx, project+"/repository/branches/"+gitlab.EscapeID(branch), nil); !errors.Is(err, gitlab.ErrNotFound) {
		t.Errorf("branch after delete: %v", err)
	}
	n := 0
	for b, err := range gl.HTTPList(ctx, project+"/repository/branches", nil) {
		if err != nil {
			t.Fatal(err)
		}
		if b.GetString("name") == branch {
			t.Error("HTTPList still lists the deleted branch")
		}
		n++
	}
	if n != 1 {
		t.Errorf("HTTPList: %d branches, want main only", n)
	}

	// What the server received: each ID as one segment, escaped once.
	want := map[string]bool{
		"/api/v4/groups/group%2Fsub": false,
		"/api/v4/projects/group%2Fsub%2Fmy.project/repository/branches/feature%2Fx%2By":  false,
		"/api/v4/projects/group%2Fsub%2Fmy.project/repository/files/docs%2Fa%20b%2Bc.md": false,
	}
	for _, r := range srv.Requests() {
		if _, ok := want[r.Path]; ok {
			want[r.Path] = true
		}
	}
	for p, seen := range want {
		if !seen {
			t.Errorf("the server never received %s", p)
		}
	}

	// Unescaped, the full path is read as more path segments: a 404.
	if _, err := gl.HTTPGet(ctx, "/projects/group/sub/my.project", nil); !errors.Is(err, gitlab.ErrNotFound) {
		t.Errorf("unescaped path: %v", err)
	}
}
