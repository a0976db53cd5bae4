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
// route), a hand-written one (registered first, so it has priority), or an
// operation's of the same method and path; none is unserved. The
// rawAnswers table only holds actions the store serves: the answer of one
// a hand-written route took over would never be given.
func TestActionRoutes(t *testing.T) {
	s := NewUnstarted()
	generic, hand, ops, total := 0, 0, 0, 0
	served := map[string]bool{}
	for _, sp := range managers.Builtins().Specs() {
		k := builtinKinds().kinds[sp.Name]
		for i := range sp.Actions {
			a := &sp.Actions[i]
			total++
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
				served[sp.Name+" "+a.Name] = true
			case rt.kind != nil:
				ops++
				t.Logf("%s %s: served as %s's %s", sp.Name, a.Name, rt.kind.name, rt.shape)
			default:
				hand++
			}
		}
	}
	t.Logf("%d declared actions: %d served by the store's action routes, %d by hand-written routes, %d by operations of the same path",
		total, generic, hand, ops)
	if generic+hand+ops != total || generic == 0 || hand == 0 {
		t.Errorf("%d actions, %d generic + %d hand-written + %d operations", total, generic, hand, ops)
	}
	for name := range rawAnswers {
		if !served[name] {
			t.Errorf("rawAnswers[%q]: the store does not serve this action", name)
		}
	}
}

// A hook's action takes priority over the generic answer, after the
// store's checks (a to-do item, which only the store serves:
// https://docs.gitlab.com/api/todos/#mark-a-to-do-item-as-done).
func TestActionHook(t *testing.T) {
	k := builtinKinds().kinds["todo"]
	saved := k.hooks
	defer func() { k.hooks = saved }()
	var seen *actionCall
	k.hooks = &hooks{actions: map[string]func(c *call, ac *actionCall) *apiError{
		"mark_as_done": func(c *call, ac *actionCall) *apiError {
			seen = ac
			ac.it.obj["state"] = "done"
			return c.actionAnswer(ac)
		},
	}}
	s := NewUnstarted()
	s.AddObject("/todos", map[string]any{"state": "pending"})
	send := func(path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", apiPrefix+path, nil)
		r.Header.Set("PRIVATE-TOKEN", DefaultAdminToken)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	if w := send("/todos/1/mark_as_done"); w.Code != 201 || !strings.Contains(w.Body.String(), `"state":"done"`) {
		t.Fatalf("mark_as_done: %d %s", w.Code, w.Body)
	}
	if seen == nil || seen.a.Name != "mark_as_done" || seen.key != "1" || seen.sc == nil || seen.a.Result != base.ResultReplace {
		t.Fatalf("the hook saw %+v", seen)
	}
	seen = nil
	if w := send("/todos/2/mark_as_done"); w.Code != 404 || seen != nil {
		t.Fatalf("missing to-do item: %d, hook called %v", w.Code, seen != nil)
	}
}
