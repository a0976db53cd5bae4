package gitlab_test

// Speed and memory against the best hand-written net/http + gjson client
// (internal/benchbase: a reused buffer sized from Content-Length,
// keep-alive, an idle pool as large as the concurrency), in the same run,
// on the same fake GitLab, with testdata/project.json (a realistic 5 KB
// project) as the object. Run:
//
//	go test -run '^$' -bench . -benchmem -count 6 . | tee bench.txt
//
// and compare golab/* with baseline/* of the same name (BENCHMARKS.md).
// cmd/gitlab-bench measures the same scenarios as whole processes.

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/internal/benchbase"
	"github.com/golab/gitlab/internal/benchrun"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

const benchProjects = 20000

// benchFake is a fake GitLab served on a listener that counts connections.
type benchFake struct {
	url   string
	conns *atomic.Int64
	err   error
	once  sync.Once
}

var (
	benchFast benchFake // 20,000 projects
	benchSlow benchFake // 10,000 projects, each list page answered 20 ms late
)

// start serves n projects once for all benchmarks; slow delays every list
// page by 20 ms (the fake's Delay fault).
func (f *benchFake) start(b *testing.B, n int, slow bool) *benchFake {
	b.Helper()
	f.once.Do(func() {
		var raw []byte
		if raw, f.err = os.ReadFile("testdata/project.json"); f.err != nil {
			return
		}
		srv := gitlabtest.NewUnstarted()
		srv.AddProjectsFromJSON(raw, n)
		if slow {
			srv.AddFault(gitlabtest.Fault{Method: http.MethodGet, Path: "/projects", Delay: 20 * time.Millisecond, Times: 1 << 30})
		}
		f.url, f.conns, _, f.err = benchrun.Serve(srv.Handler())
	})
	if f.err != nil {
		b.Fatal(f.err)
	}
	return f
}

func (f *benchFake) client(b *testing.B, opts ...gitlab.Option) *gitlab.Client {
	gl, err := gitlab.New(f.url, append([]gitlab.Option{gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { gl.Close() })
	return gl
}

func (f *benchFake) baseline(conns int) *benchbase.Client {
	return benchbase.New(f.url+"/api/v4", gitlabtest.DefaultAdminToken, conns)
}

// byID lists projects in a fixed order: the one every run checks.
var byID = gitlab.Params{"order_by": "id", "sort": "asc", "per_page": 100}

const byIDQuery = "/projects?order_by=id&sort=asc&per_page=100"

// BenchmarkListAll collects all 20,000 projects (python's list(get_all=True)).
func BenchmarkListAll(b *testing.B) {
	srv := benchFast.start(b, benchProjects, false)
	b.Run("golab", func(b *testing.B) {
		gl := srv.client(b)
		b.ReportAllocs()
		for b.Loop() {
			all, err := gitlab.Collect(gl.Projects.All(ctx, byID))
			if err != nil || len(all) != benchProjects {
				b.Fatal(len(all), err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		bl := srv.baseline(1)
		b.ReportAllocs()
		for b.Loop() {
			all, err := bl.ListAll(byIDQuery, nil)
			if err != nil || len(all) != benchProjects {
				b.Fatal(len(all), err)
			}
		}
	})
}

// BenchmarkIterateAll iterates over all 20,000 projects reading one
// attribute of each, keeping none (StreamAll before): with All, and with
// Scan, which reuses its page buffers.
func BenchmarkIterateAll(b *testing.B) {
	srv := benchFast.start(b, benchProjects, false)
	gl := srv.client(b)
	for _, v := range []struct {
		name string
		seq  func(context.Context, gitlab.Params, ...gitlab.RequestOption) iter.Seq2[*managers.Project, error]
	}{{"golab", gl.Projects.All}, {"golab-scan", gl.Projects.Scan}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n := 0
				for p, err := range v.seq(ctx, byID) {
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
	}
	b.Run("baseline", func(b *testing.B) {
		bl := srv.baseline(1)
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			err := bl.Iterate(byIDQuery, func(v gjson.Result) { n += len(v.Get("path_with_namespace").String()) }, nil)
			if err != nil || n == 0 {
				b.Fatal("nothing read", err)
			}
		}
	})
}

// BenchmarkGet fetches one project and reads an attribute.
func BenchmarkGet(b *testing.B) {
	srv := benchFast.start(b, benchProjects, false)
	b.Run("golab", func(b *testing.B) {
		gl := srv.client(b)
		b.ReportAllocs()
		for b.Loop() {
			p, err := gl.Projects.Get(ctx, 17)
			if err != nil || p.GetString("path_with_namespace") == "" {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		bl := srv.baseline(1)
		var buf []byte
		b.ReportAllocs()
		for b.Loop() {
			_, data, err := bl.Fetch(http.MethodGet, bl.API+"/projects/17", nil, buf)
			if buf = data; err != nil || gjson.GetBytes(data, "path_with_namespace").String() == "" {
				b.Fatal("no path", err)
			}
		}
	})
}

// BenchmarkParallelGet sends GETs from 16 goroutines and reports the TCP
// connections the fake accepted over the whole benchmark ("conns"): with
// an idle pool as large as the concurrency, about 16.
func BenchmarkParallelGet(b *testing.B) {
	srv := benchFast.start(b, benchProjects, false)
	const goroutines = 16
	run := func(b *testing.B, get func(id int, buf []byte) ([]byte, error)) {
		before := srv.conns.Load()
		var next atomic.Int64
		b.SetParallelism((goroutines + 1) / 2) // × GOMAXPROCS (2 here) goroutines
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			var buf []byte
			for pb.Next() {
				var err error
				if buf, err = get(int(next.Add(1)%1000)+1, buf); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(srv.conns.Load()-before), "conns")
	}
	b.Run("golab", func(b *testing.B) {
		gl := srv.client(b) // POOLSIZE
		run(b, func(id int, _ []byte) ([]byte, error) {
			_, err := gl.Projects.Get(ctx, id)
			return nil, err
		})
	})
	b.Run("baseline", func(b *testing.B) {
		bl := srv.baseline(goroutines)
		run(b, func(id int, buf []byte) ([]byte, error) {
			_, data, err := bl.Fetch(http.MethodGet, bl.API+"/projects/"+strconv.Itoa(id), nil, buf)
			return data, err
		})
	})
}

// BenchmarkSetSave changes one attribute of a fetched project and saves it.
func BenchmarkSetSave(b *testing.B) {
	srv := benchFast.start(b, benchProjects, false)
	b.Run("golab", func(b *testing.B) {
		gl := srv.client(b)
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
		bl := srv.baseline(1)
		var buf []byte
		b.ReportAllocs()
		for b.Loop() {
			_, data, err := bl.Fetch(http.MethodPut, bl.API+"/projects/18", []byte(`{"description":"benchmarked"}`), buf)
			if buf = data; err != nil || gjson.GetBytes(data, "description").String() != "benchmarked" {
				b.Fatal("not saved", err)
			}
		}
	})
}

// BenchmarkNew creates a client with every built-in declaration
// registered: what a program pays at start-up, the first call building the
// shared registry of built-ins once.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		gl, err := gitlab.New("https://gitlab.example.com", gitlab.WithPrivateToken("tok"))
		if err != nil || gl.Projects == nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrefetch iterates over 10,000 projects in 200 pages of 50, every
// page answered 20 ms late by the fake (its Delay fault): one page at a time
// (WithPrefetch(1), what a sequential client pays) against the default
// window and a window of 8. Order and completeness are checked on every run
// (TestPrefetchYieldsEveryObjectOnceInOrder asserts them without timing).
func BenchmarkPrefetch(b *testing.B) {
	srv := benchSlow.start(b, benchProjects/2, true)
	params := gitlab.Params{"order_by": "id", "sort": "asc", "per_page": 50}
	for _, window := range []int{1, gitlab.DefaultPrefetch, 8} {
		b.Run(fmt.Sprintf("window-%d", window), func(b *testing.B) {
			gl := srv.client(b)
			b.ReportAllocs()
			for b.Loop() {
				next := 1
				for p, err := range gl.Projects.All(ctx, params, gitlab.WithPrefetch(window)) {
					if err != nil {
						b.Fatal(err)
					}
					if id, _ := p.IntID(); id != int64(next) {
						b.Fatalf("object %d has ID %d", next, id)
					}
					next++
				}
				if next != benchProjects/2+1 {
					b.Fatalf("%d objects", next-1)
				}
			}
		})
	}
}
