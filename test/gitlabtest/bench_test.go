package gitlabtest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

// discard is a ResponseWriter that keeps only the status and the size, so the
// benchmark measures the server, not a recorder.
type discard struct {
	h      http.Header
	status int
	n      int
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(s int)   { d.status = s }
func (d *discard) Write(b []byte) (int, error) {
	d.n += len(b)
	return len(b), nil
}

// BenchmarkServeProjectsPage serves one page of 100 projects (of 20,000 loaded
// from the fixture) as the administrator, cycling through all 200 pages.
func BenchmarkServeProjectsPage(b *testing.B) {
	s := gitlabtest.NewUnstarted(gitlabtest.WithExternalURL("https://gitlab.example.com"))
	s.AddProjectsFromJSON(fixture(b), 20000)
	h := s.Handler()
	reqs := make([]*http.Request, 200)
	for i := range reqs {
		reqs[i] = httptest.NewRequest("GET", "/api/v4/projects?per_page=100&page="+strconv.Itoa(i+1), nil)
		reqs[i].Header.Set("PRIVATE-TOKEN", admin)
	}
	b.ReportAllocs()
	b.ResetTimer()
	bytes := 0
	for i := 0; i < b.N; i++ {
		w := &discard{h: http.Header{}}
		h.ServeHTTP(w, reqs[i%len(reqs)])
		if w.status != 200 {
			b.Fatalf("status %d", w.status)
		}
		bytes = w.n
	}
	b.SetBytes(int64(bytes))
}

// BenchmarkServeProjectsPageHTTP is the same over a loopback connection.
func BenchmarkServeProjectsPageHTTP(b *testing.B) {
	s := gitlabtest.NewServer(b)
	s.AddProjectsFromJSON(fixture(b), 20000)
	c := &http.Client{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, _ := http.NewRequest("GET", s.APIURL()+"/projects?per_page=100&page="+strconv.Itoa(i%200+1), nil)
		req.Header.Set("PRIVATE-TOKEN", admin)
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// Bulk loading stores each project as its compact JSON plus a small index
// entry. (Its speed is measured by BenchmarkBulkLoad, not asserted here: a
// timed test fails on a loaded machine.)
func TestBulkLoadIsLean(t *testing.T) {
	tpl := fixture(t)
	s := gitlabtest.NewServer(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	s.AddProjectsFromJSON(tpl, 20000)
	elapsed := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	// Each project costs its compact JSON plus a small index entry.
	var compact bytes.Buffer
	if err := json.Compact(&compact, tpl); err != nil {
		t.Fatal(err)
	}
	perProject := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) / 20000
	if perProject > int64(compact.Len())+768 {
		t.Fatalf("%d bytes per project for a %d-byte compact template", perProject, compact.Len())
	}
	t.Logf("20,000 projects in %v, %d bytes each", elapsed, perProject)
	l := do(t, s, "GET", "/projects?per_page=100&page=200", tok(admin)).expect(t, 200, "").list(t)
	if len(l) != 100 || l[0]["id"] != 100.0 || l[99]["id"] != 1.0 {
		t.Fatalf("last page ids %v..%v", l[0]["id"], l[99]["id"])
	}
	second := do(t, s, "POST", "/projects", tok(admin), form("name", "after bulk")).expect(t, 201, "").obj(t)
	if second["id"] != 20001.0 {
		t.Fatalf("next id %v", second["id"])
	}
	s.AddProjectsFromJSON(tpl, 2)
	if p := do(t, s, "GET", "/projects/20003", tok(admin)).expect(t, 200, "").obj(t); p["name"] != "Project 20003" {
		t.Fatalf("continued ids: %v", p["name"])
	}
}

// BenchmarkBulkLoad loads 20,000 projects from a template.
func BenchmarkBulkLoad(b *testing.B) {
	tpl := fixture(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s := gitlabtest.NewServer(b)
		s.AddProjectsFromJSON(tpl, 20000)
	}
}
