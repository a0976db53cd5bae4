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
// for a POST; the object and its parents must exist, and writes need a
// user with write access.
func TestActionReplace(t *testing.T) {
	s, now := actionServer(t)
	s.AddObject("/projects/1/pipelines", map[string]any{"ref": "main", "status": "running"})
	*now = now.Add(time.Hour)
	o := do(t, s, "POST", "/projects/1/pipelines/1/cancel", tok(admin)).expect(t, 201, "").obj(t)
	if o["id"] != 1.0 || o["ref"] != "main" || o["created_at"] != "2024-05-10T12:00:00.000Z" || o["updated_at"] != "2024-05-10T13:00:00.000Z" {
		t.Fatalf("cancel answered %v", o)
	}
	if g := do(t, s, "GET", "/projects/1/pipelines/1").obj(t); g["updated_at"] != "2024-05-10T13:00:00.000Z" {
		t.Fatalf("the store kept %v", g)
	}
	do(t, s, "POST", "/projects/1/pipelines/2/cancel", tok(admin)).expect(t, 404, `{"message":"404 Pipeline Not Found"}`)
	do(t, s, "POST", "/projects/9/pipelines/1/cancel", tok(admin)).expect(t, 404, `{"message":"404 Project Not Found"}`)
	do(t, s, "POST", "/projects/1/pipelines/1/cancel").expect(t, 401, `{"message":"401 Unauthorized"}`)
	do(t, s, "POST", "/projects/1/pipelines/1/cancel", tok("bob")).expect(t, 403, `{"message":"403 Forbidden"}`)
	// An object the hand-written handlers own (a project) is found by its
	// GET route and touched too (https://docs.gitlab.com/api/projects/#archive-a-project).
	*now = now.Add(time.Hour)
	p := do(t, s, "POST", "/projects/root%2Fp/archive", tok(admin)).expect(t, 201, "").obj(t)
	if p["id"] != 1.0 || p["updated_at"] != "2024-05-10T14:00:00.000Z" {
		t.Fatalf("archive answered id %v, updated_at %v", p["id"], p["updated_at"])
	}
	do(t, s, "POST", "/projects/8/archive", tok(admin)).expect(t, 404, `{"message":"404 Project Not Found"}`)
}

// Required attributes are checked first, with Grape's words, and the
// path's placeholders count as given.
func TestActionRequired(t *testing.T) {
	s, _ := actionServer(t)
	do(t, s, "POST", "/projects/1/repository/commits/7/cherry_pick", tok(admin)).expect(t, 400, `{"error":"branch is missing"}`)
	do(t, s, "POST", "/projects/1/repository/commits/7/cherry_pick", tok(admin), form("branch", "main")).
		expect(t, 404, `{"message":"404 Commit Not Found"}`)
	do(t, s, "GET", "/projects/1/repository/blobs/abc", tok(admin)).expect(t, 200, `{"content":"","encoding":"base64","sha":"abc","size":0}`)
	do(t, s, "GET", "/projects/1/repository/compare", tok(admin), form("from", "a")).expect(t, 400, `{"error":"to is missing"}`)
}

// A ResultNew action stores a new object, copied from the object for an
// action of its own kind (a retried job); with GET it answers the newest
// (a project's latest pipeline).
func TestActionNew(t *testing.T) {
	s, _ := actionServer(t)
	s.AddObject("/projects/1/jobs", map[string]any{"name": "build", "status": "failed"})
	n := do(t, s, "POST", "/projects/1/jobs/1/retry", tok(admin)).expect(t, 201, "").obj(t)
	if n["id"] != 2.0 || n["name"] != "build" || n["project_id"] != 1.0 {
		t.Fatalf("retry answered %v", n)
	}
	if l := do(t, s, "GET", "/projects/1/jobs", tok(admin)).list(t); !equalInts(ids(l), []int{1, 2}) {
		t.Fatalf("jobs %v", ids(l))
	}
	do(t, s, "GET", "/projects/1/pipelines/latest", tok(admin)).expect(t, 404, `{"message":"404 Pipeline Not Found"}`)
	s.AddObject("/projects/1/pipelines", map[string]any{"ref": "main"})
	s.AddObject("/projects/1/pipelines", map[string]any{"ref": "dev"})
	if l := do(t, s, "GET", "/projects/1/pipelines/latest", tok(admin)).expect(t, 200, "").obj(t); l["id"] != 2.0 {
		t.Fatalf("latest %v", l)
	}
	// Of names another collection: a trigger makes a pipeline of the project
	// (https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token).
	tp := do(t, s, "POST", "/projects/1/trigger/pipeline", tok(admin), form("ref", "main", "token", "t")).expect(t, 201, "").obj(t)
	if tp["id"] != 3.0 || tp["project_id"] != 1.0 {
		t.Fatalf("trigger %v", tp)
	}
}

// A ResultList action lists the Of collection under the same parent,
// paginated: a milestone's issues are the project's.
func TestActionList(t *testing.T) {
	s, _ := actionServer(t)
	s.AddObject("/projects/1/milestones", map[string]any{"title": "v1"})
	for _, title := range []string{"a", "b", "c"} {
		do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", title)).expect(t, 201, "")
	}
	r := do(t, s, "GET", "/projects/1/milestones/1/issues?per_page=2", tok(admin)).expect(t, 200, "")
	if l := r.list(t); len(l) != 2 || l[0]["title"] != "a" || r.header.Get("X-Total") != "3" || r.header.Get("X-Next-Page") != "2" {
		t.Fatalf("issues %v, headers %v", l, r.header)
	}
	do(t, s, "GET", "/projects/1/milestones/2/issues", tok(admin)).expect(t, 404, `{"message":"404 Milestone Not Found"}`)
	// Of the action's own kind: the public snippets.
	s.AddObject("/snippets", map[string]any{"title": "s"})
	if l := do(t, s, "GET", "/snippets/public", tok(admin)).list(t); len(l) != 1 || l[0]["title"] != "s" {
		t.Fatalf("public snippets %v", l)
	}
}

// A ResultNone action answers 204, or 202 where GitLab schedules the work.
func TestActionNone(t *testing.T) {
	s, _ := actionServer(t)
	do(t, s, "DELETE", "/projects/1/repository/merged_branches", tok(admin)).expect(t, 202, `{"message":"202 Accepted"}`)
	s.AddObject("/projects/1/jobs", map[string]any{"name": "build"})
	do(t, s, "DELETE", "/projects/1/jobs/1/artifacts", tok(admin)).expect(t, 204, "")
	do(t, s, "DELETE", "/projects/1/jobs/2/artifacts", tok(admin)).expect(t, 404, `{"message":"404 Job Not Found"}`)
}

// A ResultRaw action answers the JSON GitLab's documentation shows.
func TestActionRaw(t *testing.T) {
	s, _ := actionServer(t)
	do(t, s, "GET", "/namespaces/root/exists", tok(admin)).expect(t, 200, `{"exists":true,"suggests":["root1"]}`)
	do(t, s, "GET", "/namespaces/nobody/exists", tok(admin)).expect(t, 200, `{"exists":false,"suggests":[]}`)
	do(t, s, "POST", "/users/2/block", tok(admin)).expect(t, 201, `true`)
	do(t, s, "POST", "/users/9/block", tok(admin)).expect(t, 404, `{"message":"404 User Not Found"}`)
	do(t, s, "PUT", "/projects/1/merge_requests/1/rebase", tok(admin)).expect(t, 404, "")
	do(t, s, "POST", "/projects/1/merge_requests", tok(admin), form("title", "t", "source_branch", "f", "target_branch", "main")).expect(t, 201, "")
	do(t, s, "PUT", "/projects/1/merge_requests/1/rebase", tok(admin)).expect(t, 202, `{"rebase_in_progress":true}`)
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
// its length and file name; HEAD has the length and no body.
func TestActionDownload(t *testing.T) {
	s, _ := actionServer(t)
	s.AddObject("/projects/1/jobs", map[string]any{"name": "build"})
	r := do(t, s, "GET", "/projects/1/jobs/1/artifacts", tok(admin)).expect(t, 200, "")
	d := gitlabtest.DefaultDownload("/projects/1/jobs/1/artifacts")
	want, _ := io.ReadAll(gitlabtest.Generated(d.Size, d.Seed))
	if !bytes.Equal(r.body, want) || r.header.Get("Content-Length") != "4096" || r.header.Get("Content-Type") != "application/octet-stream" ||
		r.header.Get("Content-Disposition") != `attachment; filename=artifacts` {
		t.Fatalf("download: %d bytes, headers %v", len(r.body), r.header)
	}
	h := do(t, s, "HEAD", "/projects/1/jobs/1/artifacts", tok(admin)).expect(t, 200, "")
	if len(h.body) != 0 || h.header.Get("Content-Length") != "4096" {
		t.Fatalf("HEAD: %d bytes, %v", len(h.body), h.header)
	}
	do(t, s, "GET", "/projects/1/jobs/2/artifacts", tok(admin)).expect(t, 404, `{"message":"404 Job Not Found"}`)
	do(t, s, "GET", "/projects/1/jobs/1/artifacts/dir%2Fa.txt", tok(admin)).expect(t, 200, "")
}
