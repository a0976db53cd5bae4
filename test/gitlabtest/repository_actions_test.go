package gitlabtest_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// repoProject makes root/p with README.md, src/a.go, src/b.go, docs/x/y.md.
func repoProject(t *testing.T) (*gitlabtest.Server, string) {
	t.Helper()
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	p := "/projects/root%2Fp"
	commitActions(t, s, p, "main", "Tree", act("create", "src/a.go", "package a\n"), act("create", "src/b.go", "package b\n\nfunc B() {}\n"),
		act("create", "docs/x/y.md", "# y\n"))
	return s, p
}

func names(l []map[string]any, key string) string {
	out := make([]string, len(l))
	for i, m := range l {
		out[i] = m[key].(string)
	}
	return strings.Join(out, ",")
}

func TestRepositoryTree(t *testing.T) {
	s, p := repoProject(t)
	root := do(t, s, "GET", p+"/repository/tree").expect(t, 200, "").list(t)
	if names(root, "path") != "docs,src,README.md" || names(root, "type") != "tree,tree,blob" || root[0]["mode"] != "040000" ||
		root[2]["mode"] != "100644" || len(root[0]["id"].(string)) != 40 {
		t.Fatalf("root %v", root)
	}
	if l := do(t, s, "GET", p+"/repository/tree?path=src").list(t); names(l, "path") != "src/a.go,src/b.go" || names(l, "name") != "a.go,b.go" {
		t.Fatalf("src %v", l)
	}
	rec := do(t, s, "GET", p+"/repository/tree?recursive=true&per_page=100").list(t)
	if names(rec, "path") != "README.md,docs,docs/x,docs/x/y.md,src,src/a.go,src/b.go" {
		t.Fatalf("recursive %v", names(rec, "path"))
	}
	page := do(t, s, "GET", p+"/repository/tree?recursive=true&per_page=3&page=3").expect(t, 200, "")
	if l := page.list(t); len(l) != 1 || page.header.Get("X-Total") != "7" || page.header.Get("X-Total-Pages") != "3" {
		t.Fatalf("page 3 %v %v", l, page.header)
	}
	// Keyset: page_token is the id of the last entry of the page before.
	first := do(t, s, "GET", p+"/repository/tree?recursive=true&pagination=keyset&per_page=4").expect(t, 200, "")
	link := first.header.Get("Link")
	if l := first.list(t); len(l) != 4 || !strings.Contains(link, "page_token="+l[3]["id"].(string)) {
		t.Fatalf("keyset page 1 %v %s", l, link)
	}
	next := link[strings.Index(link, "<")+1 : strings.Index(link, ">")]
	second := do(t, s, "GET", next).expect(t, 200, "")
	if l := second.list(t); names(l, "path") != "src,src/a.go,src/b.go" || second.header.Get("Link") != "" {
		t.Fatalf("keyset page 2 %v %v", names(l, "path"), second.header)
	}
	do(t, s, "GET", p+"/repository/tree?path=nope").expect(t, 404, `{"message":"404 Tree Not Found"}`)
	do(t, s, "GET", p+"/repository/tree?ref=nope").expect(t, 404, `{"message":"404 Tree Not Found"}`)
}

func TestRepositoryBlobsAndArchives(t *testing.T) {
	s, p := repoProject(t)
	src := do(t, s, "GET", p+"/repository/tree?path=src").list(t)
	sha := src[1]["id"].(string)
	b := do(t, s, "GET", p+"/repository/blobs/"+sha).expect(t, 200, "").obj(t)
	content, _ := base64.StdEncoding.DecodeString(b["content"].(string))
	if string(content) != "package b\n\nfunc B() {}\n" || b["size"] != 23.0 || b["sha"] != sha || b["encoding"] != "base64" {
		t.Fatalf("blob %v", b)
	}
	do(t, s, "GET", p+"/repository/blobs/"+sha+"/raw").expect(t, 200, "package b\n\nfunc B() {}\n")
	do(t, s, "GET", p+"/repository/blobs/"+strings.Repeat("a", 40)).expect(t, 404, `{"message":"404 Blob Not Found"}`)

	head := do(t, s, "GET", p+"/repository/commits/main").obj(t)["id"].(string)
	want := map[string]string{"README.md": "# p\n", "src/a.go": "package a\n", "src/b.go": "package b\n\nfunc B() {}\n", "docs/x/y.md": "# y\n"}
	prefix := "p-main-" + head + "/"
	for _, tc := range []struct{ path, format string }{
		{"/repository/archive", "tar.gz"}, {"/repository/archive.tar.gz", "tar.gz"}, {"/repository/archive.zip", "zip"},
		{"/repository/archive?format=zip", "zip"}, {"/repository/archive.tar", "tar"},
	} {
		res := do(t, s, "GET", p+tc.path).expect(t, 200, "")
		if got := readArchive(t, tc.format, res.body); !sameFiles(got, want, prefix) {
			t.Fatalf("%s: files %v", tc.path, got)
		}
		if cd := res.header.Get("Content-Disposition"); !strings.Contains(cd, `filename="p-main-`+head+".") {
			t.Fatalf("%s: Content-Disposition %q", tc.path, cd)
		}
	}
	// The same tree gives the same bytes; path and sha narrow it.
	a1, a2 := do(t, s, "GET", p+"/repository/archive.zip").body, do(t, s, "GET", p+"/repository/archive.zip").body
	if !bytes.Equal(a1, a2) {
		t.Fatal("two archives of one tree differ")
	}
	got := readArchive(t, "tar.gz", do(t, s, "GET", p+"/repository/archive?path=src&sha="+head[:8]).expect(t, 200, "").body)
	if len(got) != 2 || got["p-"+head[:8]+"-"+head+"-src/src/a.go"] != "package a\n" {
		t.Fatalf("narrowed archive %v", got)
	}
	do(t, s, "GET", p+"/repository/archive?sha=nope").expect(t, 404, `{"message":"404 File Not Found"}`)
	do(t, s, "GET", p+"/repository/archive.rar").expect(t, 404, "")

	do(t, s, "GET", p+"/snapshot", tok(admin)).expect(t, 200, "")
	do(t, s, "GET", p+"/snapshot").expect(t, 401, "")
	snap := readArchive(t, "tar", do(t, s, "GET", p+"/snapshot", tok(admin)).body)
	if snap["p.git/main/src/a.go"] != "package a\n" {
		t.Fatalf("snapshot %v", snap)
	}
}

// readArchive reads a tar, tar.gz or zip archive into path → content.
func readArchive(t *testing.T, format string, body []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	if format == "zip" {
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			out[f.Name] = string(b)
		}
		return out
	}
	var r io.Reader = bytes.NewReader(body)
	if format == "tar.gz" {
		gz, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = gz
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		out[h.Name] = string(b)
	}
}

func sameFiles(got, want map[string]string, prefix string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[prefix+k] != v {
			return false
		}
	}
	return true
}

func TestRepositoryCompareContributorsMergeBase(t *testing.T) {
	s, p := repoProject(t)
	do(t, s, "POST", p+"/repository/branches", tok(admin), form("branch", "topic", "ref", "main")).expect(t, 201, "")
	base := do(t, s, "GET", p+"/repository/commits/main").obj(t)["id"].(string)
	do(t, s, "POST", p+"/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "topic", "commit_message": "T1",
		"author_name": "Zed", "author_email": "zed@example.com", "actions": []any{act("update", "src/a.go", "package a\n\nvar X = 1\n")}})).expect(t, 201, "")
	commitActions(t, s, p, "topic", "T2", act("create", "new.txt", "n\n"))
	commitActions(t, s, p, "main", "M1", act("create", "m.txt", "m\n"))

	cmp := do(t, s, "GET", p+"/repository/compare?from=main&to=topic").expect(t, 200, "").obj(t)
	commits := cmp["commits"].([]any)
	diffs := cmp["diffs"].([]any)
	if len(commits) != 2 || commits[0].(map[string]any)["title"] != "T1" || cmp["commit"].(map[string]any)["title"] != "T2" ||
		len(diffs) != 2 || cmp["compare_same_ref"] != false || cmp["compare_timeout"] != false {
		t.Fatalf("compare %v", cmp)
	}
	// straight=true compares with main itself: its m.txt is a deletion.
	if d := do(t, s, "GET", p+"/repository/compare?from=main&to=topic&straight=true").obj(t)["diffs"].([]any); len(d) != 3 {
		t.Fatalf("straight diffs %v", d)
	}
	do(t, s, "GET", p+"/repository/compare?from=main&to=nope").expect(t, 404, `{"message":"404 Ref Not Found"}`)
	do(t, s, "GET", p+"/repository/compare?from=main").expect(t, 400, `{"error":"to is missing"}`)

	mb := do(t, s, "GET", p+"/repository/merge_base?refs[]=main&refs[]=topic").expect(t, 200, "").obj(t)
	if mb["id"] != base {
		t.Fatalf("merge base %v, want %s", mb["id"], base)
	}
	do(t, s, "GET", p+"/repository/merge_base?refs[]=main").expect(t, 400, `{"message":"Provide at least 2 refs"}`)
	do(t, s, "GET", p+"/repository/merge_base?refs[]=main&refs[]=x").expect(t, 404, `{"message":"Could not find ref: x"}`)

	// Contributors of the default branch: root has three commits there.
	cs := do(t, s, "GET", p+"/repository/contributors").expect(t, 200, "").list(t)
	if len(cs) != 1 || cs[0]["email"] != "admin@example.com" || cs[0]["commits"] != 3.0 || cs[0]["additions"] != 0.0 {
		t.Fatalf("contributors %v", cs)
	}
}

func TestSubmodulesMergedBranchesLanguages(t *testing.T) {
	s, p := repoProject(t)
	sha := strings.Repeat("ab", 20)
	do(t, s, "PUT", p+"/repository/submodules/lib%2Fdep", tok(admin), form("branch", "main", "commit_sha", sha)).
		expect(t, 400, `{"message":"Invalid submodule path"}`)
	commitActions(t, s, p, "main", "Add submodule", act("create", ".gitmodules", "[submodule \"lib/dep\"]\n\tpath = lib/dep\n\turl = ../dep.git\n"))
	up := do(t, s, "PUT", p+"/repository/submodules/lib%2Fdep", tok(admin), form("branch", "main", "commit_sha", sha)).expect(t, 200, "").obj(t)
	if up["title"] != "Update submodule lib/dep with oid "+sha {
		t.Fatalf("update %v", up)
	}
	do(t, s, "PUT", p+"/repository/submodules/lib%2Fdep", tok(admin), form("branch", "main", "commit_sha", sha)).
		expect(t, 400, `{"message":"The submodule lib/dep is already at `+sha+`"}`)
	lib := do(t, s, "GET", p+"/repository/tree?path=lib").list(t)
	if len(lib) != 1 || lib[0]["type"] != "commit" || lib[0]["mode"] != "160000" || lib[0]["id"] != sha {
		t.Fatalf("gitlink %v", lib)
	}

	// Merged branches go, the unmerged, default and protected ones stay.
	for _, b := range []string{"merged", "kept", "release/1"} {
		do(t, s, "POST", p+"/repository/branches", tok(admin), form("branch", b, "ref", "main")).expect(t, 201, "")
	}
	commitActions(t, s, p, "kept", "Ahead", act("create", "k.txt", "k"))
	do(t, s, "POST", p+"/protected_branches", tok(admin), form("name", "release/*")).expect(t, 201, "")
	do(t, s, "DELETE", p+"/repository/merged_branches", tok(admin)).expect(t, 202, `{"message":"202 Accepted"}`)
	branches := do(t, s, "GET", p+"/repository/branches").list(t)
	if got := names(branches, "name"); got != "kept,main,release/1" {
		t.Fatalf("branches after the clean-up: %s", got)
	}

	langs := do(t, s, "GET", p+"/languages").expect(t, 200, "")
	if string(langs.body) != `{"Go":80.49,"Markdown":19.51}` {
		t.Fatalf("languages %s", langs.body)
	}
	keys := []string{}
	for k := range langs.obj(t) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "Go,Markdown" {
		t.Fatal(keys)
	}
}
