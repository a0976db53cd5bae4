package gitlab_test

// Speed and memory against a plain net/http + gjson baseline, in the same
// run, on the same fake GitLab, with testdata/project.json (a realistic 5 KB
// project) as the object. Run:
//
//	go test -run '^$' -bench . -benchmem -count 6 . | tee bench.txt
//
// and compare golab/* with baseline/* of the same name (BENCHMARKS.md).

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

const benchProjects = 20000

var (
	benchOnce sync.Once
	benchSrv  *gitlabtest.Server
	benchErr  error
)

// benchServer is one fake GitLab holding 20,000 projects, shared by all benchmarks.
func benchServer(b *testing.B) *gitlabtest.Server {
	b.Helper()
	benchOnce.Do(func() {
		var raw []byte
		if raw, benchErr = os.ReadFile("testdata/project.json"); benchErr != nil {
			return
		}
		if benchSrv, benchErr = gitlabtest.New(); benchErr != nil {
			return
		}
		benchSrv.AddProjectsFromJSON(raw, benchProjects)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchSrv
}

func benchClient(b *testing.B, srv *gitlabtest.Server) *gitlab.Client {
	gl, err := srv.Client()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { gl.Close() })
	return gl
}

// baseline is what a careful Go programmer writes with net/http and gjson.
type baseline struct {
	hc  *http.Client
	api string
}

func newBaseline(srv *gitlabtest.Server) *baseline {
	return &baseline{hc: &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}, api: srv.URL() + "/api/v4"}
}

func (bl *baseline) do(b *testing.B, method, url string, body []byte) (*http.Response, []byte) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("PRIVATE-TOKEN", gitlabtest.DefaultAdminToken)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := bl.hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode >= 300 {
		b.Fatalf("%s %s: %d %v", method, url, resp.StatusCode, err)
	}
	return resp, data
}

// listAll follows Link rel="next" and hands each item to fn.
func (bl *baseline) listAll(b *testing.B, fn func(gjson.Result)) {
	next := bl.api + "/projects?per_page=100"
	for next != "" {
		resp, data := bl.do(b, http.MethodGet, next, nil)
		gjson.ParseBytes(data).ForEach(func(_, v gjson.Result) bool { fn(v); return true })
		next = gitlab.LinkURL(resp.Header, "next")
	}
}

// BenchmarkListAll collects all 20,000 projects (python's list(get_all=True)).
func BenchmarkListAll(b *testing.B) {
	srv := benchServer(b)
	b.Run("golab", func(b *testing.B) {
		gl := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			all, err := gitlab.Collect(gl.Projects.All(ctx, gitlab.Params{"per_page": 100}))
			if err != nil || len(all) != benchProjects {
				b.Fatal(len(all), err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		bl := newBaseline(srv)
		b.ReportAllocs()
		for b.Loop() {
			all := make([]gjson.Result, 0, 100)
			bl.listAll(b, func(v gjson.Result) { all = append(all, v) })
			if len(all) != benchProjects {
				b.Fatal(len(all))
			}
		}
	})
}

// BenchmarkStreamAll iterates over all 20,000 projects reading one
// attribute of each, keeping none.
func BenchmarkStreamAll(b *testing.B) {
	srv := benchServer(b)
	b.Run("golab", func(b *testing.B) {
		gl := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			for p, err := range gl.Projects.All(ctx, gitlab.Params{"per_page": 100}) {
				if err != nil {
					b.Fatal(err)
				}
				n += len(p.GetString("path_with_namespace"))
			}
			if n == 0 {
				b.Fatal("nothing read")
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		bl := newBaseline(srv)
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			bl.listAll(b, func(v gjson.Result) { n += len(v.Get("path_with_namespace").String()) })
			if n == 0 {
				b.Fatal("nothing read")
			}
		}
	})
}

// BenchmarkGet fetches one project and reads an attribute.
func BenchmarkGet(b *testing.B) {
	srv := benchServer(b)
	b.Run("golab", func(b *testing.B) {
		gl := benchClient(b, srv)
		b.ReportAllocs()
		for b.Loop() {
			p, err := gl.Projects.Get(ctx, 17)
			if err != nil || p.GetString("path_with_namespace") == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		bl := newBaseline(srv)
		b.ReportAllocs()
		for b.Loop() {
			_, data := bl.do(b, http.MethodGet, bl.api+"/projects/17", nil)
			if gjson.GetBytes(data, "path_with_namespace").String() == "" {
				b.Fatal("no path")
			}
		}
	})
}

// BenchmarkSetSave changes one attribute of a fetched project and saves it.
func BenchmarkSetSave(b *testing.B) {
	srv := benchServer(b)
	b.Run("golab", func(b *testing.B) {
		gl := benchClient(b, srv)
		p, err := gl.Projects.Get(ctx, 18)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := p.Set("description", "benchmarked"); err != nil {
				b.Fatal(err)
			}
			if err := p.Save(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		bl := newBaseline(srv)
		b.ReportAllocs()
		for b.Loop() {
			_, data := bl.do(b, http.MethodPut, bl.api+"/projects/18", []byte(`{"description":"benchmarked"}`))
			if gjson.GetBytes(data, "description").String() != "benchmarked" {
				b.Fatal("not saved")
			}
		}
	})
}
