package managers_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/internal/pymethods"
	"github.com/golab/gitlab/managers"
)

// pyMethod is one public method of a python-gitlab manager or object
// beyond the core operations (testdata/python-gitlab-methods.json).
type pyMethod struct {
	Class    string   `json:"class"`
	Side     string   `json:"side"` // "manager" or "object"
	Method   string   `json:"method"`
	From     string   `json:"from"`     // "custom", or the mixin that gives it
	Managers []string `json:"managers"` // the managers of the class (itself for a manager)
}

// Every method of python-gitlab's managers and objects beyond the core
// operations (its 138 custom methods, 42 on managers and 96 on objects,
// and the 46 methods its objects and managers get from the mixins that
// are no core operation: subscribe, todo, time tracking...) has a Go
// method: a declared action of the same name on the same side of one of
// its managers' declarations, which TestWalkActions calls through its
// typed method against the fake (it must be no exception there), or a
// method written by hand (pymethods.HandWritten, the README's table), which
// must exist.
func TestPythonGitlabMethodsAreActions(t *testing.T) {
	data, err := os.ReadFile("testdata/python-gitlab-methods.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Methods []pyMethod `json:"methods"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	reg := managers.Builtins()
	hand := map[string]string{} // "Class.method" → the Go method
	for _, h := range pymethods.HandWritten {
		py, _, _ := strings.Cut(h[0], "(")
		hand[py] = h[1]
	}
	count := map[string]int{}
	for _, m := range ref.Methods {
		count[m.Side+" "+m.From]++
		py := m.Class + "." + m.Method
		if key, ok := declaredAction(reg, m); ok {
			if reason := actionExceptions[key]; reason != "" {
				t.Errorf("%s: its action %s is not exercised by the walk: %s", py, key, reason)
			}
			count["action"]++
			continue
		}
		if goName, ok := hand[py]; ok {
			if err := goMethodExists(goName); err != nil {
				t.Errorf("%s: %v", py, err)
			}
			count["hand-written"]++
			continue
		}
		// A core operation python-gitlab's manager writes itself (the
		// LDAP groups' list, a file's get, a pull mirror's create) is the
		// declaration's operation, which TestWalk exercises.
		if op, core := coreOps[m.Method]; core && m.Side == "manager" && len(m.Managers) == 1 {
			if sp, ok := reg.Lookup(snake(m.Managers[0])); ok && sp.Ops.Has(op) {
				count["operation"]++
				continue
			}
		}
		t.Errorf("python-gitlab's %s (%s) has no declared action or operation on %v and no hand-written Go method", py, m.From, m.Managers)
	}
	if goMethodExists("ProjectFile.NoSuchMethod") == nil || goMethodExists("NoSuchType.Get") == nil {
		t.Error("goMethodExists finds what does not exist")
	}
	custom := count["manager custom"] + count["object custom"]
	if custom != 138 || count["manager custom"] != 42 {
		t.Errorf("%d custom methods (%d on managers), want python-gitlab's 138 (42)", custom, count["manager custom"])
	}
	t.Logf("%d python-gitlab methods: %d custom (%d on managers, %d on objects) and %d from mixins; "+
		"%d are declared actions the walk exercises, %d declared operations, %d hand-written",
		len(ref.Methods), custom, count["manager custom"], count["object custom"], len(ref.Methods)-custom,
		count["action"], count["operation"], count["hand-written"])
}

// coreOps are the operations by python-gitlab's method name.
var coreOps = map[string]base.Ops{"list": base.OpList, "get": base.OpGet, "create": base.OpCreate,
	"update": base.OpUpdate, "delete": base.OpDelete, "set": base.OpSet}

// declaredAction finds the action a python-gitlab method is declared as:
// one of the same name and side on one of its managers' declarations.
func declaredAction(reg *base.Registry, m pyMethod) (string, bool) {
	for _, mgr := range m.Managers {
		sp, ok := reg.Lookup(snake(mgr))
		if !ok {
			continue
		}
		for i := range sp.Actions {
			if a := &sp.Actions[i]; a.Name == m.Method && a.OnManager == (m.Side == "manager") {
				return actionKey(sp, a), true
			}
		}
	}
	return "", false
}

// goMethodExists checks a hand-written Go method ("ProjectFile.Content",
// "Client.Search(ctx, ...)") on the client or on a typed manager or object.
func goMethodExists(goName string) error {
	typeName, method, _ := strings.Cut(goName, ".")
	method, _, _ = strings.Cut(method, "(")
	var types []reflect.Type
	if typeName == "Client" {
		types = append(types, reflect.TypeOf(&gitlab.Client{}))
	}
	for name, mk := range managers.Typed() {
		g := base.GoName(name)
		if typeName != g && typeName != g+"Manager" {
			continue
		}
		mt := reflect.TypeOf(mk(nil))
		if typeName == g {
			wrap, ok := mt.MethodByName("Wrap")
			if !ok {
				continue
			}
			mt = wrap.Type.Out(0)
		}
		types = append(types, mt)
	}
	if len(types) == 0 {
		return fmt.Errorf("%s: no type %s", goName, typeName)
	}
	for _, t := range types {
		if _, ok := t.MethodByName(method); ok {
			return nil
		}
	}
	return fmt.Errorf("%s: %v have no method %s", goName, types, method)
}
