package gitlabtest_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

// actionServer is storeServer with a clock the test moves.
func actionServer(t *testing.T) (*gitlabtest.Server, *time.Time) {
	t.Helper()
	now := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	s := gitlabtest.NewServer(t, gitlabtest.WithClock(func() time.Time { return now }))
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	return s, &now
}

// A ResultReplace action answers the object, its updated_at touched, 201
// for a POST; the object must exist, and writes need a user
// (https://docs.gitlab.com/api/todos/#mark-a-to-do-item-as-done, which only
// the store serves).
func TestActionReplace(t *testing.T) {
	s, now := actionServer(t)
	s.AddObject("/todos", map[string]any{"state": "pending", "action_name": "assigned"})
	*now = now.Add(time.Hour)
	o := do(t, s, "POST", "/todos/1/mark_as_done", tok(admin)).expect(t, 201, "").obj(t)
	if o["id"] != 1.0 || o["action_name"] != "assigned" || o["created_at"] != "2024-05-10T12:00:00.000Z" || o["updated_at"] != "2024-05-10T13:00:00.000Z" {
		t.Fatalf("mark_as_done answered %v", o)
	}
	if g := do(t, s, "GET", "/todos", tok(admin)).list(t); len(g) != 1 || g[0]["updated_at"] != "2024-05-10T13:00:00.000Z" {
		t.Fatalf("the store kept %v", g)
	}
	do(t, s, "POST", "/todos/2/mark_as_done", tok(admin)).expect(t, 404, `{"message":"404 Todo Not Found"}`)
	do(t, s, "POST", "/todos/1/mark_as_done").expect(t, 401, `{"message":"401 Unauthorized"}`)
}

// Required attributes are checked first, with Grape's words, and the
// path's placeholders count as given
// (https://docs.gitlab.com/api/topics/#merge-topics,
// https://docs.gitlab.com/api/repository_files/#get-file-blame-from-repository).
func TestActionRequired(t *testing.T) {
	s, _ := actionServer(t)
	do(t, s, "POST", "/topics/merge", tok(admin), form("source_topic_id", "1")).expect(t, 400, `{"error":"target_topic_id is missing"}`)
	do(t, s, "GET", "/projects/1/repository/files/README.md/blame", tok(admin)).expect(t, 400, `{"error":"ref is missing"}`)
	do(t, s, "GET", "/projects/9/repository/files/README.md/blame", tok(admin), form("ref", "main")).
		expect(t, 404, `{"message":"404 Project Not Found"}`)
}

// A ResultNew action stores a new object, copied from the object for an
// action of its own kind (a rotated token:
// https://docs.gitlab.com/api/project_access_tokens/#rotate-a-project-access-token);
// with GET it answers the newest (a key by its fingerprint:
// https://docs.gitlab.com/api/keys/#get-user-by-fingerprint-of-ssh-key).
func TestActionNew(t *testing.T) {
	s, _ := actionServer(t)
	s.AddObject("/projects/1/access_tokens", map[string]any{"name": "ci", "access_level": 30})
	n := do(t, s, "POST", "/projects/1/access_tokens/1/rotate", tok(admin)).expect(t, 201, "").obj(t)
	if n["id"] != 2.0 || n["name"] != "ci" || n["access_level"] != 30.0 {
		t.Fatalf("rotate answered %v", n)
	}
	if l := do(t, s, "GET", "/projects/1/access_tokens", tok(admin)).list(t); !equalInts(ids(l), []int{1, 2}) {
		t.Fatalf("tokens %v", ids(l))
	}
	do(t, s, "POST", "/projects/1/access_tokens/3/rotate", tok(admin)).expect(t, 404, "")
	do(t, s, "GET", "/keys", tok(admin), form("fingerprint", "ab")).expect(t, 404, "")
	s.AddObject("/keys", map[string]any{"title": "a"})
	s.AddObject("/keys", map[string]any{"title": "b"})
	if l := do(t, s, "GET", "/keys", tok(admin), form("fingerprint", "ab")).expect(t, 200, "").obj(t); l["id"] != 2.0 || l["title"] != "b" {
		t.Fatalf("key %v", l)
	}
}

// A ResultList action lists the Of collection (or its own) under the same
// parent, paginated: an LDAP server's groups
// (https://docs.gitlab.com/api/groups/#list-ldap-groups).
func TestActionList(t *testing.T) {
	s, _ := actionServer(t)
	for _, cn := range []string{"a", "b", "c"} {
		s.AddObject("/ldap/groups", map[string]any{"cn": cn})
	}
	r := do(t, s, "GET", "/ldap/main/groups?per_page=2", tok(admin)).expect(t, 200, "")
	if l := r.list(t); len(l) != 2 || l[0]["cn"] != "a" || r.header.Get("X-Total") != "3" || r.header.Get("X-Next-Page") != "2" {
		t.Fatalf("groups %v, headers %v", l, r.header)
	}
}

// A ResultNone action answers 204, or 202 where GitLab schedules the work
// (https://docs.gitlab.com/api/remote_mirrors/#force-push-mirror-update,
// https://docs.gitlab.com/api/container_registry/#delete-registry-repository-tags-in-bulk).
func TestActionNone(t *testing.T) {
	s, _ := actionServer(t)
	s.AddObject("/projects/1/remote_mirrors", map[string]any{"url": "https://example.com/m.git"})
	do(t, s, "POST", "/projects/1/remote_mirrors/1/sync", tok(admin)).expect(t, 204, "")
	do(t, s, "POST", "/projects/1/remote_mirrors/2/sync", tok(admin)).expect(t, 404, "")
	s.AddObject("/projects/1/registry/repositories", map[string]any{"name": "r"})
	do(t, s, "DELETE", "/projects/1/registry/repositories/1/tags", tok(admin), form("name_regex_delete", ".*")).
		expect(t, 202, `{"message":"202 Accepted"}`)
}

// A ResultRaw action answers the JSON GitLab's documentation shows.
func TestActionRaw(t *testing.T) {
	s, _ := actionServer(t)
	do(t, s, "GET", "/namespaces/root/exists", tok(admin)).expect(t, 200, `{"exists":true,"suggests":["root1"]}`)
	do(t, s, "GET", "/namespaces/nobody/exists", tok(admin)).expect(t, 200, `{"exists":false,"suggests":[]}`)
	// https://docs.gitlab.com/user/packages/generic_packages/#publish-a-package
	do(t, s, "PUT", "/projects/1/packages/generic/pkg/1.0.0/a.bin", tok(admin), func(r *http.Request) { setBody(r, "application/octet-stream", []byte("abc")) }).
		expect(t, 201, `{"message":"201 Created"}`)
	// Any other answers {}.
	do(t, s, "GET", "/sidekiq/queue_metrics", tok(admin)).expect(t, 200, `{}`)
}

// A multipart upload is hashed as it arrives; the answer names it by its
// hash (https://docs.gitlab.com/api/project_markdown_uploads/#upload-a-file).
func TestActionUpload(t *testing.T) {
	s, _ := actionServer(t)
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	f, _ := w.CreateFormFile("file", "notes.txt")
	_, _ = io.Copy(f, gitlabtest.Generated(1000, 3))
	_ = w.Close()
	o := do(t, s, "POST", "/projects/1/uploads", tok(admin), func(r *http.Request) { setBody(r, w.FormDataContentType(), buf.Bytes()) }).
		expect(t, 201, "").obj(t)
	sum := gitlabtest.GeneratedSHA256(1000, 3)
	if o["alt"] != "notes.txt" || o["url"] != "/uploads/"+sum[:32]+"/notes.txt" || o["markdown"] != "![notes.txt](/uploads/"+sum[:32]+"/notes.txt)" {
		t.Fatalf("upload answered %v", o)
	}
	ups := s.Uploads()
	if len(ups) != 1 || ups[0].Field != "file" || ups[0].FileName != "notes.txt" || ups[0].Size != 1000 || ups[0].SHA256 != sum || !ups[0].Complete {
		t.Fatalf("uploads %+v", ups)
	}
	data, _ := io.ReadAll(gitlabtest.Generated(1000, 3))
	if !bytes.Equal(ups[0].Data, data) {
		t.Fatal("the small upload's bytes are not kept")
	}
	do(t, s, "POST", "/projects/1/uploads", tok(admin)).expect(t, 400, `{"error":"file is missing"}`)
}

// A ResultDownload action streams generated content (DefaultDownload) with
// its length and file name; HEAD has the length and no body
// (https://docs.gitlab.com/api/secure_files/#download-secure-file).
func TestActionDownload(t *testing.T) {
	s, _ := actionServer(t)
	s.AddObject("/projects/1/secure_files", map[string]any{"name": "k.jks"})
	r := do(t, s, "GET", "/projects/1/secure_files/1/download", tok(admin)).expect(t, 200, "")
	d := gitlabtest.DefaultDownload("/projects/1/secure_files/1/download")
	want, _ := io.ReadAll(gitlabtest.Generated(d.Size, d.Seed))
	if !bytes.Equal(r.body, want) || r.header.Get("Content-Length") != "4096" || r.header.Get("Content-Type") != "application/octet-stream" ||
		r.header.Get("Content-Disposition") != `attachment; filename=download` {
		t.Fatalf("download: %d bytes, headers %v", len(r.body), r.header)
	}
	h := do(t, s, "HEAD", "/projects/1/secure_files/1/download", tok(admin)).expect(t, 200, "")
	if len(h.body) != 0 || h.header.Get("Content-Length") != "4096" {
		t.Fatalf("HEAD: %d bytes, %v", len(h.body), h.header)
	}
	do(t, s, "GET", "/projects/1/secure_files/2/download", tok(admin)).expect(t, 404, "")
	// The path's own placeholders name the file
	// (https://docs.gitlab.com/user/packages/generic_packages/#download-a-package-file).
	g := do(t, s, "GET", "/projects/1/packages/generic/pkg/1.0.0/a.txt", tok(admin)).expect(t, 200, "")
	if g.header.Get("Content-Disposition") != `attachment; filename=a.txt` {
		t.Fatalf("package file: headers %v", g.header)
	}
}
