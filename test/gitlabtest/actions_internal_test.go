package gitlabtest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// Every declared action has a route: its own (the store's generic action
// route), a hand-written one, or an operation's of the same method and path.
func TestActionRoutes(t *testing.T) {
	s := NewUnstarted()
	generic, hand, ops := 0, 0, 0
	for _, sp := range managers.Builtins().Specs() {
		k := builtinKinds().kinds[sp.Name]
		for i := range sp.Actions {
			a := &sp.Actions[i]
			segs, _, err := k.actionPath(a)
			if err != nil {
				t.Fatal(err)
			}
			method := a.Method
			if method == "" {
				method = http.MethodPost
			}
			rt, _, _ := s.match(method, segs)
			switch {
			case rt == nil:
				t.Errorf("%s %s: no route for %s /%s", sp.Name, a.Name, method, strings.Join(segs, "/"))
			case actionRoutesBuilt[rt] != nil:
				generic++
			case rt.kind != nil:
				ops++
				t.Logf("%s %s: served as %s's %s", sp.Name, a.Name, rt.kind.name, rt.shape)
			default:
				hand++
			}
		}
	}
	t.Logf("%d actions served by the store's action routes, %d by hand-written routes, %d by operations of the same path", generic, hand, ops)
	if generic < 150 {
		t.Errorf("only %d actions reach the store's action routes", generic)
	}
}

// A hook's action takes priority over the generic answer, after the
// store's checks.
func TestActionHook(t *testing.T) {
	k := builtinKinds().kinds["project_pipeline"]
	saved := k.hooks
	defer func() { k.hooks = saved }()
	var seen *actionCall
	k.hooks = &hooks{actions: map[string]func(c *call, ac *actionCall) *apiError{
		"retry": func(c *call, ac *actionCall) *apiError {
			seen = ac
			ac.it.obj["status"] = "pending"
			return c.actionAnswer(ac)
		},
	}}
	s := NewUnstarted()
	s.AddProject(Project{Name: "p", Visibility: "public"})
	s.AddObject("/projects/1/pipelines", map[string]any{"status": "failed"})
	send := func(path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", apiPrefix+path, nil)
		r.Header.Set("PRIVATE-TOKEN", DefaultAdminToken)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	if w := send("/projects/1/pipelines/1/retry"); w.Code != 201 || !strings.Contains(w.Body.String(), `"status":"pending"`) {
		t.Fatalf("retry: %d %s", w.Code, w.Body)
	}
	if seen == nil || seen.a.Name != "retry" || seen.key != "1" || seen.sc.project == nil || seen.a.Result != base.ResultReplace {
		t.Fatalf("the hook saw %+v", seen)
	}
	seen = nil
	if w := send("/projects/1/pipelines/2/retry"); w.Code != 404 || seen != nil {
		t.Fatalf("missing pipeline: %d, hook called %v", w.Code, seen != nil)
	}
}
