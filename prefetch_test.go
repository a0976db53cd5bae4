package gitlab_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// projectsServer is a fake GitLab holding n projects (IDs 1..n), its list
// answers delayed a little so that prefetched pages are truly in flight
// together (the test reads counts and order, never durations).
func projectsServer(t *testing.T, n int, faults ...gitlabtest.Fault) (*gitlabtest.Server, *gitlab.Client) {
	t.Helper()
	srv, gl := gitlabtest.NewClient(t)
	srv.AddProjectsFromJSON([]byte(`{"id":0,"name":"p","path":"p","path_with_namespace":"g/p","visibility":"public"}`), n)
	for _, f := range faults {
		srv.AddFault(f)
	}
	srv.AddFault(gitlabtest.Fault{Method: http.MethodGet, Path: "/projects", Delay: 2 * time.Millisecond, Times: 1 << 30})
	srv.ResetRequests()
	return srv, gl
}

// ids reads the IDs All yields, failing on an error.
func ids(t *testing.T, seq func(func(*managers.Project, error) bool)) []int64 {
	t.Helper()
	var out []int64
	for p, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		id, ok := p.IntID()
		if !ok {
			t.Fatalf("%v has no numeric ID", p)
		}
		out = append(out, id)
	}
	return out
}

// assertOnceInOrder checks that got is 1..n.
func assertOnceInOrder(t *testing.T, got []int64, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("%d objects, want %d", len(got), n)
	}
	for i, id := range got {
		if id != int64(i+1) {
			t.Fatalf("object %d has ID %d, want %d: every object once, in order", i, id, i+1)
		}
	}
}

func TestPrefetchYieldsEveryObjectOnceInOrder(t *testing.T) {
	ctx := context.Background()
	params := gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc"}
	for _, window := range []int{0, 1, 3, 8, 40} {
		srv, gl := projectsServer(t, 255) // 26 pages, the last one short
		got := ids(t, gl.Projects.All(ctx, params, gitlab.WithPrefetch(window)))
		assertOnceInOrder(t, got, 255)
		if n := srv.RequestCount(); n != 26 {
			t.Errorf("window %d: %d requests, want one per page (26)", window, n)
		}
	}
}

func TestPrefetchStopsAndCancelsOnBreak(t *testing.T) {
	srv, gl := projectsServer(t, 500)
	seen := 0
	for _, err := range gl.Projects.All(context.Background(), gitlab.Params{"per_page": 10}, gitlab.WithPrefetch(4)) {
		if err != nil {
			t.Fatal(err)
		}
		if seen++; seen == 15 { // on page 2
			break
		}
	}
	// All has waited for the requests it cancelled: the count is final.
	// Page 1, then pages 2-5 in flight, page 6 started when page 2 arrived.
	if n := srv.RequestCount(); n > 6 {
		t.Errorf("%d requests after a break on page 2 with a window of 4, want at most 6", n)
	}
}

func TestPrefetchError(t *testing.T) {
	_, gl := projectsServer(t, 100,
		gitlabtest.Fault{Method: http.MethodGet, Path: "/projects", Query: map[string]string{"page": "4"}, Status: 404, Times: 1 << 30})
	var got []int64
	var last error
	for p, err := range gl.Projects.All(context.Background(), gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc"}, gitlab.WithPrefetch(5)) {
		if err != nil {
			last = err
			break
		}
		id, _ := p.IntID()
		got = append(got, id)
	}
	if !errors.Is(last, gitlab.ErrNotFound) {
		t.Fatalf("err = %v, want page 4's 404", last)
	}
	assertOnceInOrder(t, got, 30) // pages 1-3, then the error
}

func TestPagesAndMaxPages(t *testing.T) {
	ctx := context.Background()
	srv, gl := projectsServer(t, 95)
	var numbers []int
	var items int
	for page, err := range gl.Projects.Pages(ctx, gitlab.Params{"per_page": 10}) {
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, page.Page)
		items += len(page.Items)
	}
	if len(numbers) != 10 || items != 95 {
		t.Fatalf("pages %v with %d items, want pages 1-10 with 95", numbers, items)
	}
	for i, n := range numbers {
		if n != i+1 {
			t.Fatalf("pages %v, want 1-10 in order", numbers)
		}
	}
	for _, max := range []int{1, 2, 3, 7} {
		srv.ResetRequests()
		got := ids(t, gl.Projects.All(ctx, gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc"}, gitlab.WithMaxPages(max), gitlab.WithPrefetch(4)))
		assertOnceInOrder(t, got, 10*max)
		if n := srv.RequestCount(); n != max {
			t.Errorf("WithMaxPages(%d): %d requests", max, n)
		}
	}
}

func TestKeysetPerCallIsSequential(t *testing.T) {
	srv, gl := projectsServer(t, 45)
	got := ids(t, gl.Projects.All(context.Background(), gitlab.Params{"per_page": 10, "sort": "asc"}, gitlab.WithKeyset("id"), gitlab.WithPrefetch(8)))
	assertOnceInOrder(t, got, 45)
	reqs := srv.Requests()
	if len(reqs) > 6 { // 5 pages, and an empty sixth when the fifth ends no earlier than a full page would
		t.Fatalf("%d requests, want 5 or 6", len(reqs))
	}
	for _, r := range reqs {
		if r.Query.Get("pagination") != "keyset" || r.Query.Get("order_by") != "id" {
			t.Errorf("request %s: not keyset pagination by id", r.Query.Encode())
		}
	}
}

func TestIntegerIDs(t *testing.T) {
	ctx := context.Background()
	_, gl := projectsServer(t, 3)
	for _, id := range []any{int64(2), int32(2), int16(2), int8(2), uint(2), uint8(2), uint16(2), uint32(2), uint64(2)} {
		p, err := gl.Projects.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get(%T): %v", id, err)
		}
		if p.GetInt64("id") != 2 {
			t.Errorf("Get(%T) read project %d", id, p.GetInt64("id"))
		}
	}
	big := gl.Projects.Lazy(int64(1) << 40)
	if n, ok := big.IntID(); !ok || n != 1<<40 {
		t.Errorf("IntID = %d, %v; want 2^40", n, ok)
	}
	if _, ok := gl.Projects.Lazy("group/project").IntID(); ok {
		t.Error("a path ID read as a number")
	}
}

// countingServer serves the fake GitLab on a listener that counts the
// connections it accepts.
func countingServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	fake := gitlabtest.NewUnstarted()
	fake.AddProjectsFromJSON([]byte(`{"id":0,"name":"p","path":"p","path_with_namespace":"g/p","visibility":"public"}`), 20)
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(fake.Handler())
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &conns
}

func TestConnectionPool(t *testing.T) {
	ctx := context.Background()
	get := func(gl *gitlab.Client, workers, each int) {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					if _, err := gl.Projects.Get(ctx, (w+i)%20+1); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
	t.Run("the default pool keeps a connection per goroutine", func(t *testing.T) {
		srv, conns := countingServer(t)
		gl := connClient(t, srv.URL, gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken))
		get(gl, 16, 40)
		// 640 requests; a pool of Go's default 2 opens hundreds of connections.
		if n := conns.Load(); n > 2*16 {
			t.Errorf("%d connections for 16 goroutines", n)
		}
	})
	t.Run("WithConnectionPool", func(t *testing.T) {
		srv, conns := countingServer(t)
		gl := connClient(t, srv.URL, gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken), gitlab.WithConnectionPool(32),
			gitlab.WithProxy(srv.URL)) // composes with the other transport options (a proxy that is the server itself)
		get(gl, 32, 20)
		if n := conns.Load(); n > 2*32 {
			t.Errorf("%d connections for 32 goroutines", n)
		}
	})
	t.Run("refused next to WithHTTPClient, and below 1", func(t *testing.T) {
		if _, err := gitlab.New("https://gitlab.example.com", gitlab.WithHTTPClient(http.DefaultClient), gitlab.WithConnectionPool(4)); err == nil {
			t.Error("WithConnectionPool accepted with WithHTTPClient")
		}
		if _, err := gitlab.New("https://gitlab.example.com", gitlab.WithConnectionPool(0)); err == nil {
			t.Error("WithConnectionPool(0) accepted")
		}
	})
}
