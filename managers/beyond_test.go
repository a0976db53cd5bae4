package managers_test

import (
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// Every action that reaches an endpoint of GitLab's official Go client
// beyond python-gitlab (testdata/clientgo-beyond-python-gitlab.md) is
// called through its generated Go method, on a manager or object reached
// through the typed accessors, against the fake GitLab over HTTP; the fake
// must receive the action's method on a path of its template. (The
// operations are walked by TestWalkRegistry; whether the fake implements an
// action's semantics is not asserted here, the request is.)
func TestBeyondActionsSendTheirRequests(t *testing.T) {
	rows, err := managers.ReadEndpointTable("testdata/clientgo-beyond-python-gitlab.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[managers.Endpoint]bool{}
	for _, r := range rows {
		listed[r.Endpoint] = true
	}
	reg := managers.Builtins()
	called := 0
	for _, sp := range reg.Specs() {
		var acts []base.Action
		eps := map[string][]managers.Endpoint{} // an action's listed endpoints
		for _, a := range sp.Actions {
			only := *sp
			only.Ops, only.Actions = 0, []base.Action{a}
			for e := range managers.DeclaredEndpoints([]*base.Spec{&only}) {
				if listed[e] {
					eps[a.Name] = append(eps[a.Name], e)
				}
			}
			if len(eps[a.Name]) > 0 {
				acts = append(acts, a)
			}
		}
		if len(acts) == 0 {
			continue
		}
		called += len(acts)
		t.Run(sp.Name, func(t *testing.T) {
			t.Parallel()
			srv, gl := gitlabtest.NewClient(t)
			w := &walker{t: t, srv: srv, gl: gl, reg: reg, tally: &walkTally{done: map[string]bool{}, accessors: map[string]bool{}}}
			m, ok := w.reach(sp)
			if !ok {
				t.Fatalf("%s not reached", sp.Name)
			}
			var obj reflect.Value
			for _, a := range acts {
				target := m
				if !a.OnManager {
					if !obj.IsValid() {
						var err error
						if obj, err = w.make(sp, m, true); err != nil {
							// A declaration without operations has no
							// collection in the store: an object by ID.
							core := m.MethodByName("Core").Call(nil)[0].Interface().(*base.Core)
							obj = m.MethodByName("Wrap").Call([]reflect.Value{reflect.ValueOf(core.Lazy(1))})[0]
						}
					}
					target = obj
				}
				// The walk's create hints (walkhints.Create) make sp's
				// objects; an action sends only the attributes it declares
				// (a snippet's files[] for its create cannot go in the query
				// of GET /snippets/:id/files/:ref/:file_path/raw,
				// https://docs.gitlab.com/api/snippets/#get-raw-snippet-file-content).
				attrs := w.attrs(sp, a.Attrs, true)
				maps.DeleteFunc(attrs, func(k string, _ any) bool {
					return !slices.Contains(a.Attrs.Required, k) && !slices.Contains(a.Attrs.Optional, k) && !slices.Contains(a.Attrs.Exclusive, k)
				})
				if id := sp.IDAttribute(); attrs[id] != nil {
					// A documented word, as the listed endpoints hold it.
					for _, word := range sp.IDWords {
						if strings.HasSuffix(eps[a.Name][0].Path, "/"+word) {
							attrs[id] = word
						}
					}
				}
				srv.ResetRequests()
				callAction(t, target, a, attrs)
				if !sentOneOf(srv.Requests(), eps[a.Name]) {
					t.Errorf("%s %s: the fake received %v, none of %v", sp.Name, a.MethodName(), srv.Requests(), eps[a.Name])
				}
			}
		})
	}
	if called == 0 {
		t.Fatal("no action reaches the official Go client's endpoints")
	}
	t.Logf("%d actions reach endpoints of the official Go client beyond python-gitlab", called)
}

// callAction calls a's generated method on target with attrs (as the
// attributes or the list parameters the method takes), reads one page of a
// list and closes a download; the call's error is not the test's subject.
func callAction(t *testing.T, target reflect.Value, a base.Action, attrs base.Attrs) {
	t.Helper()
	fn := target.MethodByName(a.MethodName())
	if !fn.IsValid() {
		t.Fatalf("%s has no method %s", target.Type(), a.MethodName())
	}
	in := []reflect.Value{reflect.ValueOf(ctx)}
	if ft := fn.Type(); ft.NumIn() > 1 && !(ft.IsVariadic() && ft.NumIn() == 2) {
		switch ft.In(1) {
		case reflect.TypeOf(base.Attrs{}):
			in = append(in, reflect.ValueOf(attrs))
		case reflect.TypeOf(base.Params{}):
			in = append(in, reflect.ValueOf(base.Params(attrs)))
		default:
			t.Fatalf("%s.%s takes a %s", target.Type(), a.MethodName(), ft.In(1))
		}
	}
	out := fn.Call(in)
	if len(out) == 0 {
		return
	}
	switch first := out[0]; {
	case first.Kind() == reflect.Func: // iter.Seq2: read the first object
		yield := reflect.MakeFunc(first.Type().In(0), func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(false)}
		})
		first.Call([]reflect.Value{yield})
	case first.Type() == reflect.TypeOf((*base.Download)(nil)) && !first.IsNil():
		first.Interface().(*base.Download).Close()
	}
}

// sentOneOf tells whether reqs hold one of the endpoints eps: its method,
// and its path under /api/v4 with anything in place of each {}.
func sentOneOf(reqs []gitlabtest.Request, eps []managers.Endpoint) bool {
	for _, e := range eps {
		re := regexp.MustCompile("^/api/v4" + strings.ReplaceAll(regexp.QuoteMeta(e.Path), `\{\}`, "[^/]+") + "$")
		for _, r := range reqs {
			if r.Method == e.Method && re.MatchString(r.Path) {
				return true
			}
		}
	}
	return false
}
