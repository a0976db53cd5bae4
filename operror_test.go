package gitlab_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// An undeclared operation or action on a dynamic manager is an *OpError that
// names what the manager does declare, operations and actions, and sends
// nothing.
func TestUndeclaredOperationNamesDeclaredActions(t *testing.T) {
	srv, gl := fakeClient(t)
	srv.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/widgets", Ops: "list,get,create"})
	err := gl.Register(&gitlab.Spec{
		Name: "project_widget", Path: "/projects/{project_id}/widgets",
		Parent: "project", FromParent: map[string]string{"project_id": "id"},
		Ops:         gitlab.OpList | gitlab.OpGet | gitlab.OpCreate,
		CreateAttrs: gitlab.RequiredOptional{Required: []string{"name"}},
		Actions: []gitlab.Action{
			{Name: "polish", Result: gitlab.ResultReplace},
			{Name: "recount", OnManager: true, Result: gitlab.ResultRaw},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	widgets := gl.Projects.Lazy("demo/website").Manager("project_widget")
	w := must(widgets.Create(ctx, gitlab.Attrs{"name": "sprocket"}))(t)

	srv.ResetRequests()
	const declared = "(it declares: list,get,create; actions: polish, recount)"
	for _, tc := range []struct {
		name string
		call func() error
		op   string
	}{
		{"delete", func() error { return widgets.Delete(ctx, w.ID()) }, "delete"},
		{"save", func() error { return w.Save(ctx) }, "save"},
		{"undeclared action", func() error { _, _, err := w.Do(ctx, "paint", nil); return err }, "paint"},
		{"object action without object", func() error { _, _, err := widgets.Do(ctx, "polish", nil); return err },
			"polish (an object action, called without an object)"},
	} {
		err := tc.call()
		var oe *gitlab.OpError
		if !errors.As(err, &oe) {
			t.Errorf("%s: got %v, want an *OpError", tc.name, err)
			continue
		}
		if oe.Op != tc.op || oe.Manager != "project_widget" || !reflect.DeepEqual(oe.Actions, []string{"polish", "recount"}) {
			t.Errorf("%s: %+v", tc.name, oe)
		}
		want := "gitlab: manager project_widget does not support " + tc.op + " " + declared
		if err.Error() != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, err, want)
		}
	}
	if n := srv.RequestCount(); n != 0 {
		t.Errorf("refused calls sent %d requests", n)
	}

	// A manager with no actions says so.
	if err := gl.Register(&gitlab.Spec{Name: "gadget", Path: "/gadgets", Ops: gitlab.OpList}); err != nil {
		t.Fatal(err)
	}
	_, _, err = gl.Manager("gadget").Do(ctx, "spin", nil)
	if err == nil || err.Error() != "gitlab: manager gadget does not support spin (it declares: list; no actions)" {
		t.Errorf("no actions: %v", err)
	}

	// Built-in managers reached dynamically name their actions too.
	issue := must(gl.Projects.Lazy("demo/website").Manager("project_issue").Get(ctx, 1))(t)
	_, _, err = issue.Manager("project_issue_note").Do(ctx, "subscribe", nil)
	if err == nil || !strings.Contains(err.Error(), "does not support subscribe") || !strings.HasSuffix(err.Error(), "; no actions)") {
		t.Errorf("notes subscribe: %v", err)
	}
	_, _, err = issue.Do(ctx, "close", nil)
	if err == nil || !strings.Contains(err.Error(), "does not support close") || !strings.Contains(err.Error(), "subscribe, unsubscribe, todo") {
		t.Errorf("issues close: %v", err)
	}
}
