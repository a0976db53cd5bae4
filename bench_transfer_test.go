package gitlab_test

// Streaming speed and memory against a plain net/http + io.Copy baseline
// (one reused http.Client, keep-alive), in the same run, on the same fake
// GitLab serving generated content (issue 11, "Tests and benchmarks"):
//
//	go test -run '^$' -bench '^Benchmark(Download|Upload)$' -benchmem -benchtime 1x -count 5 .
//
// With -count, each side runs its 5 times in a row; on a loaded machine,
// rounds of -count 1 in a shell loop pair each golab run with a baseline
// run a moment later (BENCHMARKS.md gives both).
//
// Both sides write into (or read from) the same counting writer (reader),
// which samples the heap every 16 MiB; peak-heap-MiB is the largest growth
// of the heap objects' bytes seen (runtime/metrics), which must stay under
// 32 MiB (BENCHMARKS.md); B/op counts every byte allocated; cpu-s/GiB is
// the process's CPU time (getrusage), steadier than MB/s on a busy machine.

import (
	"io"
	"net/http"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/test/gitlabtest"
)

const benchTransferSize = 1 << 30

// transferBench is a fake GitLab with project 1 and a 1 GiB generic package.
func transferBench(b *testing.B) *gitlabtest.Server {
	b.Helper()
	srv := gitlabtest.NewServer(b)
	srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddDownload(packagePath, gitlabtest.Download{Size: benchTransferSize, Seed: 1})
	return srv
}

// transferLoop runs one transfer per iteration and reports the peak heap
// growth, and the process's CPU time per GiB (client and fake together,
// the same work on both sides but the client's); one growing the heap by
// maxHeapGrowth or more fails the benchmark.
func transferLoop(b *testing.B, transfer func(h *heapWatch) int64) {
	b.SetBytes(benchTransferSize)
	b.ReportAllocs()
	var peak uint64
	var cpu int64
	for b.Loop() {
		b.StopTimer()
		h := watchHeap()
		b.StartTimer()
		start := cpuTime()
		if n := transfer(h); n != benchTransferSize {
			b.Fatalf("%d bytes moved", n)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		growth, _ := h.growth()
		peak = max(peak, growth)
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	if cpu > 0 {
		b.ReportMetric(float64(cpu)/1e9/float64(b.N)/(benchTransferSize/(1<<30)), "cpu-s/GiB")
	}
	if peak >= maxHeapGrowth {
		b.Errorf("the heap grew by %d MiB", peak>>20)
	}
}

// benchClient is golab's client of the fake srv, closed with the benchmark.
func benchClient(b *testing.B, srv *gitlabtest.Server) *gitlab.Client {
	gl, err := srv.Client()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { gl.Close() })
	return gl
}

// plainClient is the baseline's client: reused, with keep-alive.
func plainClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

// BenchmarkDownload downloads a 1 GiB artifact: golab's typed download
// (project.GenericPackages().Download, then WriteTo) against GET + io.Copy.
func BenchmarkDownload(b *testing.B) {
	srv := transferBench(b)
	b.Run("golab", func(b *testing.B) {
		gl := benchClient(b, srv)
		packages := gl.Projects.Lazy(1).GenericPackages()
		transferLoop(b, func(h *heapWatch) int64 {
			d, err := packages.Download(ctx, packageFile)
			if err != nil {
				b.Fatal(err)
			}
			n, err := d.WriteTo(&sink{heap: h})
			if cerr := d.Close(); err != nil || cerr != nil {
				b.Fatal(err, cerr)
			}
			return n
		})
	})
	b.Run("baseline", func(b *testing.B) {
		hc := plainClient()
		defer hc.CloseIdleConnections()
		transferLoop(b, func(h *heapWatch) int64 {
			req, err := http.NewRequest(http.MethodGet, srv.APIURL()+packagePath, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("PRIVATE-TOKEN", gitlabtest.DefaultAdminToken)
			resp, err := hc.Do(req)
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(resp, err)
			}
			n, err := io.Copy(&sink{heap: h}, resp.Body)
			if cerr := resp.Body.Close(); err != nil || cerr != nil {
				b.Fatal(err, cerr)
			}
			return n
		})
	})
}

// BenchmarkUpload uploads 1 GiB as a generic package: golab's typed upload
// (project.GenericPackages().Upload with an io.Reader) against PUT with the
// reader as body. The fake hashes every byte (SHA-256) on both sides.
func BenchmarkUpload(b *testing.B) {
	srv := transferBench(b)
	b.Run("golab", func(b *testing.B) {
		gl := benchClient(b, srv)
		packages := gl.Projects.Lazy(1).GenericPackages()
		transferLoop(b, func(h *heapWatch) int64 {
			r := &watchedReader{r: gitlabtest.Generated(benchTransferSize, 2), heap: h}
			attrs := base.Attrs{"data": r, "package_name": "pkg", "package_version": "1.0", "file_name": "up.bin"}
			if _, err := packages.Upload(ctx, attrs); err != nil {
				b.Fatal(err)
			}
			return uploaded(b, srv)
		})
	})
	b.Run("baseline", func(b *testing.B) {
		hc := plainClient()
		defer hc.CloseIdleConnections()
		transferLoop(b, func(h *heapWatch) int64 {
			r := &watchedReader{r: gitlabtest.Generated(benchTransferSize, 2), heap: h}
			req, err := http.NewRequest(http.MethodPut, srv.APIURL()+"/projects/1/packages/generic/pkg/1.0/up.bin", r)
			if err != nil {
				b.Fatal(err)
			}
			req.ContentLength = benchTransferSize
			req.Header.Set("PRIVATE-TOKEN", gitlabtest.DefaultAdminToken)
			req.Header.Set("Content-Type", "application/octet-stream")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Fatal(resp.Status)
			}
			return uploaded(b, srv)
		})
	})
}

// uploaded is the size of the fake's last upload, which must be whole.
func uploaded(b *testing.B, srv *gitlabtest.Server) int64 {
	ups := srv.Uploads()
	u := ups[len(ups)-1]
	if !u.Complete {
		b.Fatalf("incomplete upload of %d bytes", u.Size)
	}
	return u.Size
}
