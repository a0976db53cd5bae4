package gitlab_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// Scan yields every object once, in order, whatever the prefetch window
// and whether GitLab reports the page count or only links the next page.
func TestScanYieldsEveryObjectOnceInOrder(t *testing.T) {
	ctx := context.Background()
	params := gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc"}
	for _, window := range []int{0, 1, 3, 8} {
		srv, gl := projectsServer(t, 255)
		got := ids(t, gl.Projects.Scan(ctx, params, gitlab.WithPrefetch(window)))
		assertOnceInOrder(t, got, 255)
		if n := srv.RequestCount(); n != 26 {
			t.Errorf("window %d: %d requests, want one per page (26)", window, n)
		}
	}
	srv, gl := projectsServer(t, 95)
	assertOnceInOrder(t, ids(t, gl.Projects.Scan(ctx, params, gitlab.WithMaxPages(2))), 20)
	if n := srv.RequestCount(); n != 2 {
		t.Errorf("WithMaxPages(2): %d requests, want 2", n)
	}
	keyset := gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc", "pagination": "keyset"}
	assertOnceInOrder(t, ids(t, gl.Projects.Scan(ctx, keyset)), 95)
}

// Scan reads its pages into the same few buffers: over 40 pages of about
// 50 KB it allocates a small part of what All does, which needs a buffer
// per page. (The fake serves from the same process: its allocations count
// on both sides alike.)
func TestScanReusesPageBuffers(t *testing.T) {
	ctx := context.Background()
	srv, gl := gitlabtest.NewClient(t)
	srv.AddProjectsFromJSON([]byte(`{"id":0,"name":"p","path":"p","path_with_namespace":"g/p","description":"`+
		strings.Repeat("d", 500)+`"}`), 4000)
	params := gitlab.Params{"per_page": 100, "order_by": "id", "sort": "asc"}
	run := func(seq func(func(*managers.Project, error) bool)) uint64 {
		return memDelta(func() {
			n := 0
			for p, err := range seq {
				if err != nil {
					t.Fatal(err)
				}
				if len(p.GetString("description")) != 500 {
					t.Fatalf("%v: description not read whole", p)
				}
				n++
			}
			if n != 4000 {
				t.Fatalf("%d objects, want 4000", n)
			}
		})
	}
	all := run(gl.Projects.All(ctx, params, gitlab.WithPrefetch(1)))
	scan := run(gl.Projects.Scan(ctx, params, gitlab.WithPrefetch(1)))
	pages := uint64(40 * 100 * 500)
	if all < pages {
		t.Fatalf("All allocated %d bytes, less than the %d bytes of its pages: the measure is wrong", all, pages)
	}
	if all-scan < pages*3/4 {
		t.Errorf("Scan allocated %d bytes, All %d: Scan should save most of the %d bytes of pages", scan, all, pages)
	}
}

// An object of Scan is valid during its step; read after it, it panics
// with a message saying why, never reading another page's bytes. Keep
// keeps it, and what was read from it stays valid.
func TestScanObjectsAreValidUntilTheNextStep(t *testing.T) {
	ctx := context.Background()
	_, gl := projectsServer(t, 30)
	params := gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc"}
	var kept, lost []*managers.Project
	var names []string
	for p, err := range gl.Projects.Scan(ctx, params) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, p.GetString("path_with_namespace"))
		if id, _ := p.IntID(); id%10 == 5 {
			p.Keep()
			kept = append(kept, p)
		} else {
			lost = append(lost, p)
		}
	}
	if len(names) != 30 {
		t.Fatalf("%d objects, want 30", len(names))
	}
	for i, name := range names { // strings read in the loop outlive its steps
		if want := "project-" + strconv.Itoa(i+1); name != want {
			t.Errorf("value read from object %d: %q, want %q", i, name, want)
		}
	}
	for i, p := range kept {
		if id, ok := p.IntID(); !ok || id != int64(10*i+5) {
			t.Errorf("kept object %d has ID %d, %v; want %d", i, id, ok, 10*i+5)
		}
	}
	for _, p := range []*managers.Project{lost[0], lost[len(lost)-1]} {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, "after its step of a Scan loop") || !strings.Contains(msg, "Keep") {
					t.Errorf("reading an object after its step: panic %q, want one naming Scan and Keep", msg)
				}
			}()
			_ = p.GetString("name")
		}()
	}
}

// An object saved within its step holds the server's answer, not the page:
// it stays valid.
func TestScanObjectSavedInItsStepStays(t *testing.T) {
	ctx := context.Background()
	_, gl := projectsServer(t, 3)
	var saved *managers.Project
	for p, err := range gl.Projects.Scan(ctx, gitlab.Params{"order_by": "id", "sort": "asc"}) {
		if err != nil {
			t.Fatal(err)
		}
		if id, _ := p.IntID(); id == 2 {
			if err := p.Set("description", "changed"); err != nil {
				t.Fatal(err)
			}
			if err := p.Save(ctx); err != nil {
				t.Fatal(err)
			}
			saved = p
		}
	}
	if saved == nil || saved.GetString("description") != "changed" {
		t.Fatalf("saved object after the loop: %v", saved)
	}
}

// The dynamic manager scans as the typed one, and refuses a manager
// without a list.
func TestDynamicScan(t *testing.T) {
	ctx := context.Background()
	_, gl := projectsServer(t, 25)
	n := 0
	for o, err := range gl.Manager("project").Scan(ctx, gitlab.Params{"per_page": 10, "order_by": "id", "sort": "asc"}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if id, _ := o.IntID(); id != int64(n) {
			t.Fatalf("object %d has ID %d", n, id)
		}
	}
	if n != 25 {
		t.Fatalf("%d objects, want 25", n)
	}
	for _, err := range gl.Manager("current_user").Scan(ctx, nil) {
		if err == nil || !strings.Contains(err.Error(), "list") {
			t.Errorf("scan of a manager without list: %v", err)
		}
	}
}
