package gitlab_test

// Streamed downloads and uploads against the fake GitLab (issue 11,
// "Streaming"): bodies are never held in memory, progress is reported, a
// cut download says how much arrived, and a retry re-sends an upload only
// when its reader can seek. Memory is measured with runtime/metrics (bytes),
// never time. These tests do not run in parallel: the heap is the process's.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// heapWatch follows the process's heap while bytes go by: it samples the
// bytes of live and unswept heap objects (runtime/metrics, which does not
// stop the world) every 16 MiB, and counts the bytes allocated meanwhile.
type heapWatch struct {
	samples     [2]metrics.Sample // heap objects, cumulative allocations
	start, peak uint64
	startAlloc  uint64
	seen, next  int64
}

const heapSampleEvery = 16 << 20

func watchHeap() *heapWatch {
	runtime.GC()
	h := &heapWatch{next: heapSampleEvery}
	h.samples[0].Name = "/memory/classes/heap/objects:bytes"
	h.samples[1].Name = "/gc/heap/allocs:bytes"
	h.start, h.startAlloc = h.read()
	h.peak = h.start
	return h
}

// read returns the heap objects' bytes and the bytes allocated so far.
func (h *heapWatch) read() (heap, allocated uint64) {
	metrics.Read(h.samples[:])
	return h.samples[0].Value.Uint64(), h.samples[1].Value.Uint64()
}

// saw counts n more bytes, sampling the heap at every 16 MiB.
func (h *heapWatch) saw(n int) {
	h.seen += int64(n)
	for h.seen >= h.next {
		h.next += heapSampleEvery
		heap, _ := h.read()
		h.peak = max(h.peak, heap)
	}
}

// growth is the peak heap growth and the bytes allocated since the start.
func (h *heapWatch) growth() (peak, allocated uint64) {
	heap, alloc := h.read()
	h.peak = max(h.peak, heap)
	return h.peak - h.start, alloc - h.startAlloc
}

// sink is a writer that hashes and counts, watching the heap.
type sink struct {
	h    hash.Hash
	heap *heapWatch
	n    int64
}

func (s *sink) Write(p []byte) (int, error) {
	if s.h != nil {
		s.h.Write(p)
	}
	s.n += int64(len(p))
	s.heap.saw(len(p))
	return len(p), nil
}

// watchedReader reads r, watching the heap; Len keeps the size known.
type watchedReader struct {
	r    *gitlabtest.GeneratedReader
	heap *heapWatch
}

func (w *watchedReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	w.heap.saw(n)
	return n, err
}

func (w *watchedReader) Len() int { return w.r.Len() }

// maxHeapGrowth is the most the heap may grow, or the process allocate,
// while 256 MiB (in the tests) or 1 GiB (in the benchmarks) go through: a
// buffered body would take all of them (issue 11).
const maxHeapGrowth = 32 << 20

func genericPackages(gl *gitlab.Client) *managers.GenericPackageManager {
	return gl.Projects.Lazy(1).GenericPackages()
}

const packagePath = "/projects/1/packages/generic/pkg/1.0/big.bin"

// transferServer is a fake GitLab with project 1 and group 2 and a client,
// both closed at the end of the test.
func transferServer(t testing.TB, opts ...gitlab.Option) (*gitlabtest.Server, *gitlab.Client) {
	t.Helper()
	srv := gitlabtest.NewServer(t)
	srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddGroup("g", "g", "private")
	gl, err := srv.Client(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gl.Close() })
	return srv, gl
}

var packageFile = base.Attrs{"package_name": "pkg", "package_version": "1.0", "file_name": "big.bin"}

// downloadKinds are every kind of download of issue 11, each by its typed
// method, and the path the fake serves it at.
var downloadKinds = []struct {
	name, path string
	open       func(gl *gitlab.Client) (*base.Download, error)
}{
	// https://docs.gitlab.com/api/job_artifacts/#get-job-artifacts
	{"job artifacts", "/projects/1/jobs/5/artifacts", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Jobs().Lazy(5).Artifacts(ctx)
	}},
	// https://docs.gitlab.com/api/job_artifacts/#download-a-single-artifact-file-by-job-id
	{"job artifact file", "/projects/1/jobs/5/artifacts/reports/junit.xml", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Jobs().Lazy(5).Artifact(ctx, base.Attrs{"path": "reports/junit.xml"})
	}},
	// https://docs.gitlab.com/api/job_artifacts/#download-the-artifacts-archive
	{"ref artifacts", "/projects/1/jobs/artifacts/main/download", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Artifacts().Download(ctx, base.Attrs{"ref_name": "main", "job": "build"})
	}},
	// https://docs.gitlab.com/api/job_artifacts/#download-a-single-artifact-file-from-specific-tag-or-branch
	{"ref artifact file", "/projects/1/jobs/artifacts/main/raw/reports/junit.xml", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Artifacts().Raw(ctx, base.Attrs{"ref_name": "main", "artifact_path": "reports/junit.xml", "job": "build"})
	}},
	// https://docs.gitlab.com/api/jobs/#get-a-log-file
	{"job trace", "/projects/1/jobs/5/trace", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Jobs().Lazy(5).Trace(ctx)
	}},
	// https://docs.gitlab.com/api/repositories/#get-file-archive
	{"repository archive", "/projects/1/repository/archive", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).RepositoryArchive(ctx, base.Attrs{"sha": "main"})
	}},
	// https://docs.gitlab.com/api/repositories/#raw-blob-content
	{"blob", "/projects/1/repository/blobs/a1b2c3/raw", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).RepositoryRawBlob(ctx, base.Attrs{"sha": "a1b2c3"})
	}},
	// https://docs.gitlab.com/api/repository_files/#get-raw-file-from-repository
	{"raw file", "/projects/1/repository/files/docs%2Fbig.bin/raw", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Files().Raw(ctx, base.Attrs{"file_path": "docs/big.bin", "ref": "main"})
	}},
	// https://docs.gitlab.com/api/projects/#download-snapshot-of-a-git-repository
	{"snapshot", "/projects/1/snapshot", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Snapshot(ctx, nil)
	}},
	// https://docs.gitlab.com/api/project_import_export/#export-download
	{"project export", "/projects/1/export/download", func(gl *gitlab.Client) (*base.Download, error) {
		e, err := gl.Projects.Lazy(1).Exports().Create(ctx, nil)
		if err != nil {
			return nil, err
		}
		return e.Download(ctx)
	}},
	// https://docs.gitlab.com/api/group_import_export/#export-download
	{"group export", "/groups/2/export/download", func(gl *gitlab.Client) (*base.Download, error) {
		e, err := gl.Groups.Lazy(2).Exports().Create(ctx, nil)
		if err != nil {
			return nil, err
		}
		return e.Download(ctx)
	}},
	// https://docs.gitlab.com/user/packages/generic_packages/#download-a-single-file
	{"package file", packagePath, func(gl *gitlab.Client) (*base.Download, error) {
		return genericPackages(gl).Download(ctx, packageFile)
	}},
	// https://docs.gitlab.com/api/snippets/#single-snippet-contents
	{"snippet content", "/snippets/3/raw", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Snippets.Lazy(3).Content(ctx)
	}},
	// https://docs.gitlab.com/api/project_snippets/#snippet-content
	{"project snippet content", "/projects/1/snippets/4/raw", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).Snippets().Lazy(4).Content(ctx)
	}},
	// https://docs.gitlab.com/api/secure_files/#download-secure-file
	{"secure file", "/projects/1/secure_files/6/download", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.Projects.Lazy(1).SecureFiles().Lazy(6).Download(ctx)
	}},
	// https://docs.gitlab.com/api/project_markdown_uploads/#download-an-uploaded-file-by-secret-and-filename
	{"markdown upload", "/projects/1/uploads/0123456789abcdef0123456789abcdef/big.png", func(gl *gitlab.Client) (*base.Download, error) {
		return gl.HTTPDownload(ctx, "/projects/1/uploads/0123456789abcdef0123456789abcdef/big.png", nil)
	}},
}

// Every kind of download streams its generated bytes, whole, to a writer
// (WriteTo: python-gitlab's streamed=True with an action) and as an
// io.ReadCloser read in a loop (iterator=True); one cut half-way is an
// error saying how many bytes arrived.
func TestDownloadKinds(t *testing.T) {
	srv, gl := transferServer(t)
	const size = 1<<20 + 7
	modes := []struct {
		name string
		read func(d *base.Download, w io.Writer) (int64, error)
	}{
		{"WriteTo", func(d *base.Download, w io.Writer) (int64, error) { return d.WriteTo(w) }},
		{"Read", func(d *base.Download, w io.Writer) (int64, error) {
			var rc io.ReadCloser = d // hides WriteTo from io.Copy
			return io.CopyBuffer(w, struct{ io.Reader }{rc}, make([]byte, 4096))
		}},
	}
	for i, k := range downloadKinds {
		seed := uint64(100 + i)
		t.Run(k.name, func(t *testing.T) {
			for _, m := range modes {
				srv.AddDownload(k.path, gitlabtest.Download{Size: size, Seed: seed})
				d, err := k.open(gl)
				if err != nil {
					t.Fatal(err)
				}
				h := sha256.New()
				n, err := m.read(d, h)
				if cerr := d.Close(); err == nil {
					err = cerr
				}
				if err != nil || n != size || d.Size != size {
					t.Fatalf("%s: %d of %d bytes, %v", m.name, n, d.Size, err)
				}
				if got := hex.EncodeToString(h.Sum(nil)); got != gitlabtest.GeneratedSHA256(size, seed) {
					t.Fatalf("%s: SHA-256 %s differs from the content's", m.name, got)
				}
			}
			srv.AddDownload(k.path, gitlabtest.Download{Size: size, Seed: seed, CutAt: size / 2})
			d, err := k.open(gl)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			n, err := d.WriteTo(io.Discard)
			var de *base.DownloadError
			if !errors.As(err, &de) || de.Read != size/2 || n != size/2 || !strings.Contains(err.Error(), fmt.Sprintf("after %d of %d bytes", size/2, size)) {
				t.Fatalf("cut: wrote %d, %v", n, err)
			}
		})
	}
}

// uploadKinds are every kind of upload of issue 11, each by its typed
// method with the body r, and the path the fake receives it at.
var uploadKinds = []struct {
	name, path string
	send       func(gl *gitlab.Client, r io.Reader) error
}{
	// https://docs.gitlab.com/api/project_markdown_uploads/#upload-a-file
	{"markdown upload", "/api/v4/projects/1/uploads", func(gl *gitlab.Client, r io.Reader) error {
		_, err := gl.Projects.Lazy(1).Upload(ctx, base.Attrs{"file": base.FileContent{Name: "big.png", Data: r}})
		return err
	}},
	// https://docs.gitlab.com/user/packages/generic_packages/#publish-a-single-file
	{"generic package", "/api/v4/projects/1/packages/generic/pkg/1.0/up.bin", func(gl *gitlab.Client, r io.Reader) error {
		_, err := genericPackages(gl).Upload(ctx, base.Attrs{"package_name": "pkg", "package_version": "1.0", "file_name": "up.bin", "data": r})
		return err
	}},
	// https://docs.gitlab.com/api/project_import_export/#import-a-file
	{"project import", "/api/v4/projects/import", func(gl *gitlab.Client, r io.Reader) error {
		// A new path each time: a second import to the same path is refused.
		_, err := gl.Projects.ImportProject(ctx, base.Attrs{"path": fmt.Sprintf("imported-%d", importSeq.Add(1)), "file": base.FileContent{Name: "export.tar.gz", Data: r}})
		return err
	}},
	// https://docs.gitlab.com/api/group_import_export/#import-a-file
	{"group import", "/api/v4/groups/import", func(gl *gitlab.Client, r io.Reader) error {
		// Generated bytes are not an export: GitLab refuses them once they
		// have arrived (400), which is the answer expected here; what is
		// checked is that every byte arrived.
		_, err := gl.Groups.ImportGroup(ctx, base.Attrs{"path": "imported", "name": "Imported", "file": base.FileContent{Name: "export.tar.gz", Data: r}})
		var apiErr *gitlab.Error
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && strings.Contains(apiErr.Message, "not a valid GitLab export") {
			return nil
		}
		if err == nil {
			return errors.New("a group import of generated bytes was accepted")
		}
		return err
	}},
	// https://docs.gitlab.com/api/projects/#upload-a-project-avatar
	{"project avatar", "/api/v4/projects/1", func(gl *gitlab.Client, r io.Reader) error {
		_, err := gl.Projects.Update(ctx, 1, base.Attrs{"avatar": base.FileContent{Name: "a.png", Data: r}})
		return err
	}},
	// https://docs.gitlab.com/api/groups/#upload-a-group-avatar
	{"group avatar", "/api/v4/groups/2", func(gl *gitlab.Client, r io.Reader) error {
		_, err := gl.Groups.Update(ctx, 2, base.Attrs{"avatar": base.FileContent{Name: "a.png", Data: r}})
		return err
	}},
	// https://docs.gitlab.com/api/secure_files/#create-secure-file
	{"secure file", "/api/v4/projects/1/secure_files", func(gl *gitlab.Client, r io.Reader) error {
		_, err := gl.Projects.Lazy(1).SecureFiles().Create(ctx, base.Attrs{"name": "keystore.jks", "file": base.FileContent{Name: "keystore.jks", Data: r}})
		return err
	}},
	// https://docs.gitlab.com/api/wikis/#upload-an-attachment-to-the-wiki-repository
	{"project wiki attachment", "/api/v4/projects/1/wikis/attachments", func(gl *gitlab.Client, r io.Reader) error {
		_, err := gl.Projects.Lazy(1).Wikis().Lazy("home").Upload(ctx, base.Attrs{"file": base.FileContent{Name: "big.png", Data: r}})
		return err
	}},
	// https://docs.gitlab.com/api/group_wikis/#upload-an-attachment-to-the-wiki-repository
	{"group wiki attachment", "/api/v4/groups/2/wikis/attachments", func(gl *gitlab.Client, r io.Reader) error {
		_, err := gl.Groups.Lazy(2).Wikis().Lazy("home").Upload(ctx, base.Attrs{"file": base.FileContent{Name: "big.png", Data: r}})
		return err
	}},
}

var importSeq atomic.Int64

// Every kind of upload streams from an io.Reader, of known size or not
// (a pipe): the fake receives every byte, at the documented path.
func TestUploadKinds(t *testing.T) {
	srv, gl := transferServer(t)
	const size = 1<<20 + 3
	for i, k := range uploadKinds {
		seed := uint64(200 + i)
		t.Run(k.name, func(t *testing.T) {
			for _, sized := range []bool{true, false} {
				var r io.Reader = gitlabtest.Generated(size, seed)
				if !sized {
					r = struct{ io.Reader }{r}
				}
				if err := k.send(gl, r); err != nil {
					t.Fatalf("sized %v: %v", sized, err)
				}
				ups := srv.Uploads()
				u := ups[len(ups)-1]
				if u.Path != k.path || u.Size != size || u.SHA256 != gitlabtest.GeneratedSHA256(size, seed) || !u.Complete {
					t.Fatalf("sized %v: the fake received %d bytes at %s, SHA-256 %s, complete %v", sized, u.Size, u.Path, u.SHA256, u.Complete)
				}
			}
		})
	}
}

// A 256 MiB download goes to a writer without the heap growing, every byte
// right.
func TestDownloadStreams(t *testing.T) {
	srv, gl := transferServer(t)
	const size = 256 << 20
	srv.AddDownload(packagePath, gitlabtest.Download{Size: size, Seed: 1})
	d, err := genericPackages(gl).Download(ctx, packageFile)
	if err != nil {
		t.Fatal(err)
	}
	if d.Size != size {
		t.Fatalf("announced %d bytes", d.Size)
	}
	w := &sink{h: sha256.New(), heap: watchHeap()}
	n, err := d.WriteTo(w)
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	peak, allocated := w.heap.growth()
	if err != nil || n != size {
		t.Fatalf("%d bytes, %v", n, err)
	}
	if got := hex.EncodeToString(w.h.Sum(nil)); got != gitlabtest.GeneratedSHA256(size, 1) {
		t.Fatalf("SHA-256 %s differs from the content's", got)
	}
	if peak >= maxHeapGrowth || allocated >= maxHeapGrowth {
		t.Fatalf("streaming 256 MiB grew the heap by %d bytes and allocated %d", peak, allocated)
	}
	t.Logf("256 MiB: heap grew by %d KiB at most, %d KiB allocated", peak>>10, allocated>>10)
}

// WithProgress is told the bytes so far and the total, up to the end.
func TestDownloadProgress(t *testing.T) {
	srv, gl := transferServer(t)
	const size = 5<<20 + 3
	srv.AddDownload(packagePath, gitlabtest.Download{Size: size, Seed: 2})
	var calls int
	var last, total int64 = 0, -2
	d, err := genericPackages(gl).Download(ctx, packageFile, gitlab.WithProgress(func(done, tot int64) {
		if done <= last {
			t.Errorf("progress went from %d to %d", last, done)
		}
		calls++
		last, total = done, tot
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if n, err := io.Copy(io.Discard, d); err != nil || n != size {
		t.Fatalf("%d bytes, %v", n, err)
	}
	if last != size || total != size || calls < 2 {
		t.Fatalf("progress ended at %d of %d after %d calls", last, total, calls)
	}
}

// A download cut half-way is a *base.DownloadError saying how many bytes
// arrived and how many were announced.
func TestDownloadCut(t *testing.T) {
	srv, gl := transferServer(t)
	srv.AddDownload(packagePath, gitlabtest.Download{Size: 8 << 20, Seed: 3, CutAt: 3 << 20})
	d, err := genericPackages(gl).Download(ctx, packageFile)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	n, err := d.WriteTo(io.Discard)
	var de *base.DownloadError
	if !errors.As(err, &de) || de.Read != 3<<20 || de.Size != 8<<20 || n != 3<<20 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("wrote %d, error %v (%#v)", n, err, de)
	}
	if want := "stopped after 3145728 of 8388608 bytes"; !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not say %q", err, want)
	}
}

// An upload whose reader can seek is sent again after a 503 or a 429, whole;
// one that cannot is sent once and the answer returned.
func TestUploadRetry(t *testing.T) {
	const size = 3 << 20
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		for _, seekable := range []bool{true, false} {
			t.Run(strconv.Itoa(status)+map[bool]string{true: "/seekable", false: "/not-seekable"}[seekable], func(t *testing.T) {
				srv, gl := transferServer(t, gitlab.WithRetryTransientErrors(true), gitlab.WithRetryWaitScale(0.001))
				srv.AddFault(gitlabtest.Fault{Method: "PUT", Path: "/projects/1/packages/generic/pkg/1.0/big.bin", Status: status,
					Header: http.Header{"Retry-After": {"1"}}})
				var body io.Reader = gitlabtest.Generated(size, 4)
				if !seekable {
					body = struct{ io.Reader }{body}
				}
				attrs := base.Attrs{"data": body}
				for k, v := range packageFile {
					attrs[k] = v
				}
				_, err := genericPackages(gl).Upload(ctx, attrs)
				ups := srv.Uploads()
				want := gitlabtest.GeneratedSHA256(size, 4)
				for _, u := range ups {
					if u.Size != size || u.SHA256 != want || !u.Complete {
						t.Errorf("an attempt sent %d bytes, SHA-256 %s, complete %v", u.Size, u.SHA256, u.Complete)
					}
				}
				var ge *gitlab.Error
				switch {
				case seekable && (err != nil || len(ups) != 2):
					t.Fatalf("%d attempts, %v", len(ups), err)
				case !seekable && (!errors.As(err, &ge) || ge.StatusCode != status || ge.Attempts != 1 || len(ups) != 1):
					t.Fatalf("%d attempts, %v", len(ups), err)
				}
			})
		}
	}
}

// A 256 MiB upload, raw or multipart, is streamed: the fake receives every
// byte and the client's heap does not grow.
func TestUploadStreams(t *testing.T) {
	srv, gl := transferServer(t)
	const size = 256 << 20
	project := gl.Projects.Lazy(1)
	cases := []struct {
		name string
		send func(r io.Reader) error
	}{
		{"raw", func(r io.Reader) error {
			attrs := base.Attrs{"data": r}
			for k, v := range packageFile {
				attrs[k] = v
			}
			_, err := project.GenericPackages().Upload(ctx, attrs)
			return err
		}},
		{"multipart", func(r io.Reader) error {
			_, err := project.Upload(ctx, base.Attrs{"file": base.FileContent{Name: "big.bin", Data: r}})
			return err
		}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &watchedReader{r: gitlabtest.Generated(size, uint64(10+i)), heap: watchHeap()}
			err := tc.send(r)
			peak, allocated := r.heap.growth()
			if err != nil {
				t.Fatal(err)
			}
			ups := srv.Uploads()
			u := ups[len(ups)-1]
			if u.Size != size || u.SHA256 != gitlabtest.GeneratedSHA256(size, uint64(10+i)) || !u.Complete {
				t.Fatalf("the fake received %d bytes, SHA-256 %s", u.Size, u.SHA256)
			}
			if peak >= maxHeapGrowth || allocated >= maxHeapGrowth {
				t.Fatalf("uploading 256 MiB grew the heap by %d bytes and allocated %d", peak, allocated)
			}
			t.Logf("256 MiB %s: heap grew by %d KiB at most, %d KiB allocated", tc.name, peak>>10, allocated>>10)
		})
	}
}

// The path of a file inside job artifacts keeps its slashes, as GitLab
// matches it (*artifact_path); each segment is escaped, "." and ".." too.
func TestArtifactPathSegments(t *testing.T) {
	srv, gl := transferServer(t)
	job := gl.Projects.Lazy(1).Jobs().Lazy(5)
	for path, sent := range map[string]string{
		"reports/junit.xml":        "/api/v4/projects/1/jobs/5/artifacts/reports/junit.xml",
		"my reports/a#b.xml":       "/api/v4/projects/1/jobs/5/artifacts/my%20reports/a%23b.xml",
		"reports/../../../secrets": "/api/v4/projects/1/jobs/5/artifacts/reports/%2E%2E/%2E%2E/%2E%2E/secrets",
	} {
		if d, err := job.Artifact(ctx, base.Attrs{"path": path}); err == nil {
			d.Close()
		}
		reqs := srv.Requests()
		if got := reqs[len(reqs)-1].Path; got != sent {
			t.Errorf("%q: sent %s, want %s", path, got, sent)
		}
	}
}
