package gitlabtest_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// https://docs.gitlab.com/api/group_import_export/#import-a-file: a group
// export archive makes a group with the name and path given, under
// parent_id when given; anything else is refused with 400.
func TestGroupImportArchive(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	do(t, s, "POST", "/groups/demo/export", tok(admin)).expect(t, 202, "")
	do(t, s, "GET", "/groups/demo/export", tok(admin)).expect(t, 200, "")
	archive := do(t, s, "GET", "/groups/demo/export/download", tok(admin)).expect(t, 200, "").body

	do(t, s, "POST", "/groups", tok(admin), form("name", "Home", "path", "home", "visibility", "public")).expect(t, 201, "")
	do(t, s, "POST", "/groups/import", tok(admin), upload(map[string]string{"name": "Copy", "path": "copy", "parent_id": "home"}, archive)).
		expect(t, 202, `{"message":"202 Accepted"}`)
	g := do(t, s, "GET", "/groups/home%2Fcopy", tok(admin)).expect(t, 200, "").obj(t)
	if g["name"] != "Copy" || g["full_path"] != "home/copy" || g["description"] != "Demo group" {
		t.Fatalf("imported group %v", g)
	}
	do(t, s, "POST", "/groups/import", tok(admin), upload(map[string]string{"name": "X", "path": "x", "parent_id": "999"}, archive)).expect(t, 404, "")
	do(t, s, "POST", "/groups/import", tok(gitlabtest.SeedBobToken), upload(map[string]string{"name": "X", "path": "x", "parent_id": "home"}, archive)).expect(t, 403, "")

	var gz bytes.Buffer // a gzip of a tar that is no export: no VERSION
	zw := gzip.NewWriter(&gz)
	tw := tar.NewWriter(zw)
	_ = tw.WriteHeader(&tar.Header{Name: "group.json", Mode: 0o644, Size: 2})
	_, _ = tw.Write([]byte("{}"))
	_ = tw.Close()
	_ = zw.Close()
	for _, junk := range [][]byte{[]byte("not an archive"), gz.Bytes(), archive[:len(archive)/2]} {
		do(t, s, "POST", "/groups/import", tok(admin), upload(map[string]string{"name": "Junk", "path": "junk"}, junk)).
			expect(t, 400, `{"message":"Group could not be imported: The uploaded file is not a valid GitLab export"}`)
	}
	do(t, s, "GET", "/groups/junk", tok(admin)).expect(t, 404, "")
}
