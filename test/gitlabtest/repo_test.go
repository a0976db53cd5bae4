package gitlabtest_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestRepositoryFiles(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	f := "/projects/root%2Fp/repository/files/"
	do(t, s, "GET", f+"README.md").expect(t, 400, `{"error":"ref is missing"}`)
	readme := do(t, s, "GET", f+"README.md?ref=main").expect(t, 200, "").obj(t)
	for _, k := range []string{"file_name", "file_path", "size", "encoding", "content", "content_sha256", "ref",
		"blob_id", "commit_id", "last_commit_id"} {
		if readme[k] == nil {
			t.Fatalf("file response lacks %s: %v", k, readme)
		}
	}
	// Create with text and base64 encodings, in a nested path (%2F in one segment).
	do(t, s, "POST", f+"src%2Fmain.go", tok(admin), form("branch", "main", "content", "package main\n", "commit_message", "add")).
		expect(t, 201, `{"branch":"main","file_path":"src/main.go"}`)
	bin := []byte{0, 1, 2, 255}
	do(t, s, "POST", f+"bin%2Fdata.bin", tok(admin), form("branch", "main", "encoding", "base64",
		"content", base64.StdEncoding.EncodeToString(bin), "commit_message", "bin")).expect(t, 201, "")
	do(t, s, "POST", f+"src%2Fmain.go", tok(admin), form("branch", "main", "content", "x", "commit_message", "dup")).
		expect(t, 400, `{"message":"A file with this name already exists"}`)
	do(t, s, "POST", f+"x.txt", tok(admin), form("branch", "main", "content", "x")).expect(t, 400, `{"error":"commit_message is missing"}`)

	got := do(t, s, "GET", f+"src%2Fmain.go?ref=main").expect(t, 200, "").obj(t)
	content, _ := base64.StdEncoding.DecodeString(got["content"].(string))
	sum := sha256.Sum256([]byte("package main\n"))
	if string(content) != "package main\n" || got["encoding"] != "base64" || got["file_name"] != "main.go" ||
		got["file_path"] != "src/main.go" || got["size"] != 13.0 || got["content_sha256"] != hex.EncodeToString(sum[:]) {
		t.Fatalf("file %v", got)
	}
	raw := do(t, s, "GET", f+"bin%2Fdata.bin/raw").expect(t, 200, "") // ref defaults to the default branch
	if string(raw.body) != string(bin) || raw.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("raw %q %s", raw.body, raw.header.Get("Content-Type"))
	}
	head := do(t, s, "HEAD", f+"src%2Fmain.go?ref=main").expect(t, 200, "")
	if len(head.body) != 0 || head.header.Get("X-Gitlab-File-Path") != "src/main.go" || head.header.Get("X-Gitlab-Size") != "13" ||
		head.header.Get("X-Gitlab-Blob-Id") != got["blob_id"] || head.header.Get("X-Gitlab-Content-Sha256") != got["content_sha256"] ||
		head.header.Get("X-Gitlab-Last-Commit-Id") != got["last_commit_id"] {
		t.Fatalf("HEAD headers %v", head.header)
	}

	// Update (with a stale last_commit_id first), then delete.
	do(t, s, "PUT", f+"src%2Fmain.go", tok(admin), form("branch", "main", "content", "v2", "commit_message", "u",
		"last_commit_id", "0000")).expect(t, 400, "")
	do(t, s, "PUT", f+"src%2Fmain.go", tok(admin), form("branch", "main", "content", "v2", "commit_message", "u",
		"last_commit_id", got["last_commit_id"].(string))).expect(t, 200, `{"branch":"main","file_path":"src/main.go"}`)
	do(t, s, "PUT", f+"nope.txt", tok(admin), form("branch", "main", "content", "v2", "commit_message", "u")).
		expect(t, 400, `{"message":"A file with this name doesn't exist"}`)
	do(t, s, "GET", f+"src%2Fmain.go/raw?ref=main").expect(t, 200, "v2")
	// The old commit still has the old content.
	do(t, s, "GET", f+"src%2Fmain.go/raw?ref="+got["commit_id"].(string)).expect(t, 200, "package main\n")
	do(t, s, "DELETE", f+"src%2Fmain.go", tok(admin), form("branch", "main")).expect(t, 400, `{"error":"commit_message is missing"}`)
	do(t, s, "DELETE", f+"src%2Fmain.go?branch=main&commit_message=rm", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", f+"src%2Fmain.go?ref=main").expect(t, 404, `{"message":"404 File Not Found"}`)
	do(t, s, "GET", f+"README.md?ref=nope").expect(t, 404, `{"message":"404 Commit Not Found"}`)
	// Writing to a missing branch needs start_branch.
	do(t, s, "POST", f+"a.txt", tok(admin), form("branch", "topic", "content", "a", "commit_message", "a")).expect(t, 400,
		`{"message":"You can only create or edit files when you are on a branch"}`)
	do(t, s, "POST", f+"a.txt", tok(admin), form("branch", "topic", "start_branch", "main", "content", "a", "commit_message", "a")).
		expect(t, 201, "")
	do(t, s, "GET", f+"a.txt/raw?ref=topic").expect(t, 200, "a")
	do(t, s, "GET", f+"a.txt/raw?ref=main").expect(t, 404, "")
}

func TestBranches(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	b := "/projects/root%2Fp/repository/branches"
	do(t, s, "POST", b, tok(admin), form("branch", "x")).expect(t, 400, `{"error":"ref is missing"}`)
	do(t, s, "POST", b, tok(admin), form("branch", "x", "ref", "nope")).expect(t, 400, `{"message":"Invalid reference name: nope"}`)
	// Branch creation takes query parameters too, and slashes in names.
	nb := do(t, s, "POST", b+"?branch=feature%2Fone&ref=main", tok(admin)).expect(t, 201, "").obj(t)
	if nb["name"] != "feature/one" || nb["commit"].(map[string]any)["id"] == nil || nb["default"] != false {
		t.Fatalf("branch %v", nb)
	}
	do(t, s, "POST", b, tok(admin), form("branch", "feature/one", "ref", "main")).expect(t, 400, `{"message":"Branch already exists"}`)
	do(t, s, "GET", b+"/feature%2Fone").expect(t, 200, "")
	l := do(t, s, "GET", b).list(t)
	if len(l) != 2 || l[0]["name"] != "feature/one" || l[1]["name"] != "main" || l[1]["default"] != true {
		t.Fatalf("branches %v", l)
	}
	if l := do(t, s, "GET", b+"?search=feat").list(t); len(l) != 1 {
		t.Fatalf("search = %d", len(l))
	}
	do(t, s, "DELETE", b+"/main", tok(admin)).expect(t, 405, `{"message":"Cannot remove HEAD branch"}`)
	do(t, s, "DELETE", b+"/feature%2Fone", tok(admin)).expect(t, 204, "")
	do(t, s, "DELETE", b+"/feature%2Fone", tok(admin)).expect(t, 404, `{"message":"404 Branch Not Found"}`)
}

func TestEmptyProjectRepository(t *testing.T) {
	s := gitlabtest.NewServer(t)
	p := do(t, s, "POST", "/projects", tok(admin), form("name", "empty")).expect(t, 201, "").obj(t)
	if p["empty_repo"] != true {
		t.Fatal("project without readme is not empty")
	}
	if l := do(t, s, "GET", "/projects/root%2Fempty/repository/branches", tok(admin)).list(t); len(l) != 0 {
		t.Fatalf("empty repo has branches %v", l)
	}
	do(t, s, "POST", "/projects/root%2Fempty/repository/files/a.txt", tok(admin),
		form("branch", "main", "content", "a", "commit_message", "first")).expect(t, 201, "")
	if p := do(t, s, "GET", "/projects/root%2Fempty", tok(admin)).obj(t); p["empty_repo"] != false {
		t.Fatal("still empty after the first commit")
	}
}
