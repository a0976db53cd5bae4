package base_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/test/gitlabtest"
)

func TestPathCore(t *testing.T) {
	ctx := context.Background()
	srv, gl := gitlabtest.NewClient(t)
	srv.AddGroup("Team", "team", "private")
	pid := srv.AddProject(gitlabtest.Project{Namespace: "team", Name: "app"})

	// A full path with a slash is one escaped segment.
	issues := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project_issue", map[string]string{"project_id": "team/app"}))
	issue, err := issues.Create(ctx, gitlab.Attrs{"title": "from a path"})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Requests()[0].Path; got != "/api/v4/projects/team%2Fapp/issues" {
		t.Errorf("request path %q", got)
	}

	// Objects inherit the placeholders: a number stays a number, the rest strings.
	notes := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project_issue_note",
		map[string]string{"project_id": "team/app", "issue_iid": issue.ID(), "unused": "x"}))
	note, err := notes.Create(ctx, gitlab.Attrs{"body": "hello"})
	if err != nil {
		t.Fatal(err)
	}
	if r := note.Attr("issue_iid"); r.Raw != issue.ID() {
		t.Errorf("issue_iid inherited as %s, want the number %s", r.Raw, issue.ID())
	}
	if got, want := notes.Spec().Name, "project_issue_note"; got != want {
		t.Errorf("spec %q", got)
	}
	if got := srv.Requests()[1].Path; got != "/api/v4/projects/team%2Fapp/issues/"+issue.ID()+"/notes" {
		t.Errorf("request path %q", got)
	}
	// Values are kept as typed: "007" is a string, sent as is.
	srv.ResetRequests()
	byID := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project_issue", map[string]string{"project_id": "00" + strconv.Itoa(pid)}))
	if lazy := byID.Lazy(1); lazy.Attr("project_id").String() != "00"+strconv.Itoa(pid) {
		t.Errorf("project_id inherited as %s", lazy.Attr("project_id").Raw)
	}
	_, _ = byID.List(ctx, nil)
	if got := srv.Requests()[0].Path; got != "/api/v4/projects/00"+strconv.Itoa(pid)+"/issues" {
		t.Errorf("request path %q", got)
	}

	// A missing or empty placeholder: a *PathError and no request.
	srv.ResetRequests()
	for _, values := range []map[string]string{nil, {"project_id": "team/app"}, {"project_id": "team/app", "issue_iid": ""}} {
		d := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project_issue_note", values))
		_, err := d.List(ctx, nil)
		var pe *base.PathError
		if !errors.As(err, &pe) || pe.Manager != "project_issue_note" {
			t.Errorf("values %v: err = %v, want a *PathError", values, err)
		}
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("%d requests sent for incomplete paths", n)
	}

	// Root specs need no values; unknown names fail every call.
	if _, err := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project", nil)).Get(ctx, pid); err != nil {
		t.Errorf("root spec: %v", err)
	}
	if _, err := base.NewDynamic(base.PathCore(gl, gl.Registry(), "no_such_thing", nil)).List(ctx, nil); err == nil {
		t.Error("unknown manager: want an error")
	}
}

func TestDynamicPages(t *testing.T) {
	ctx := context.Background()
	srv, gl := gitlabtest.NewClient(t)
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		srv.AddProject(gitlabtest.Project{Name: name})
	}
	projects := gl.Manager("project")
	srv.ResetRequests()
	var sizes []int
	for page, err := range projects.Pages(ctx, gitlab.Params{"per_page": 2}, gitlab.WithPrefetch(1)) { // one at a time (by default, ahead: WithPrefetch)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Items))
		if got := srv.RequestCount(); got != len(sizes) {
			t.Errorf("after %d pages, %d requests: pages must be fetched one at a time", len(sizes), got)
		}
	}
	if len(sizes) != 3 || sizes[0] != 2 || sizes[2] != 1 {
		t.Errorf("page sizes %v, want [2 2 1]", sizes)
	}

	// Stopping early fetches nothing more.
	srv.ResetRequests()
	for range projects.Pages(ctx, gitlab.Params{"per_page": 2}) {
		break
	}
	if n := srv.RequestCount(); n != 1 {
		t.Errorf("%d requests after breaking on the first page", n)
	}

	// A manager that cannot list: one error, no request.
	srv.ResetRequests()
	n := 0
	for page, err := range gl.Manager("current_user").Pages(ctx, nil) {
		n++
		var oe *base.OpError
		if page != nil || !errors.As(err, &oe) {
			t.Errorf("got %v, %v; want an *OpError", page, err)
		}
	}
	if n != 1 || srv.RequestCount() != 0 {
		t.Errorf("%d values, %d requests", n, srv.RequestCount())
	}

	// A failing next page ends the sequence with its error, after the first page.
	// (One page at a time: the fault fails the second request to arrive.)
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects", Skip: 1, Status: 404})
	var got []error
	for _, err := range projects.Pages(ctx, gitlab.Params{"per_page": 2}, gitlab.WithPrefetch(1)) {
		got = append(got, err)
	}
	if len(got) != 2 || got[0] != nil || !errors.Is(got[1], gitlab.ErrNotFound) {
		t.Errorf("errors %v, want [nil, a 404]", got)
	}
}
