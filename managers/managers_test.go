package managers_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// Every built-in declaration is valid and registrable: names unique,
// placeholders matching FromParent (declared or derived), parents
// registered; the built-in registry, which validates nothing, serves each
// as a validating registry does; each has its typed manager and a link to
// GitLab's documentation.
func TestSpecsRegister(t *testing.T) {
	r := managers.Builtins()
	specs := r.Specs()
	typed := managers.Typed()
	if len(specs) != len(typed) || len(specs) != len(managers.Specs()) {
		t.Errorf("%d specs, %d typed managers, %d in Specs()", len(specs), len(typed), len(managers.Specs()))
	}
	// Builtins finds them by binary search, reading no other.
	if !slices.IsSortedFunc(managers.Specs(), func(a, b *base.Spec) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("the declarations are not sorted by name")
	}
	checked, err := base.NewRegistry(managers.Specs()...)
	if err != nil {
		t.Fatal(err)
	}
	if got := checked.Specs(); !reflect.DeepEqual(got, specs) {
		t.Errorf("the built-in registry serves other specs than a validating registry")
	}
	derived := 0
	for i, s := range managers.Specs() {
		if s.FromParent == nil && len(specs[i].FromParent) > 0 {
			derived++
		}
	}
	t.Logf("%d specs, %d with FromParent derived", len(specs), derived)
	if derived < len(specs)/2 {
		t.Errorf("only %d specs have FromParent derived", derived)
	}
	for _, s := range specs {
		if !strings.HasPrefix(s.DocsURL, "https://docs.gitlab.com/api/") && !strings.HasPrefix(s.DocsURL, "https://docs.gitlab.com/user/") {
			t.Errorf("%s: DocsURL %q", s.Name, s.DocsURL)
		}
		if _, ok := typed[s.Name]; !ok {
			t.Errorf("%s has no typed manager", s.Name)
		}
	}
	if err := r.Register(&base.Spec{Name: "x", Path: "/x", Ops: base.OpList}); err == nil {
		t.Error("the built-in registry accepts new declarations")
	}
}

// method tells whether v has the named method and how many arguments it
// takes besides the receiver and the variadic options.
func method(v any, name string) (int, bool) {
	m, ok := reflect.TypeOf(v).MethodByName(name)
	if !ok {
		return 0, false
	}
	n := m.Type.NumIn() - 1
	if m.Type.IsVariadic() {
		n--
	}
	return n, true
}

// Each typed manager has exactly the operations its spec declares, and
// its objects exactly the matching object operations, every declared action
// and an accessor for every sub-manager.
func TestTypedManagersMatchTheirSpecs(t *testing.T) {
	reg := managers.Builtins()
	for name, ctor := range managers.Typed() {
		spec, _ := reg.Lookup(name)
		m := ctor(base.RootCore(nil, reg, name))
		noID := spec.IDAttribute() == ""
		want := map[string]int{} // method → argument count (ctx included)
		if spec.Ops.Has(base.OpList) {
			want["List"], want["All"], want["Head"] = 2, 2, 2
		}
		if spec.Ops.Has(base.OpGet) {
			want["Get"], want["Lazy"] = 2, 1
		}
		if spec.Ops.Has(base.OpGetWithoutID) {
			want["Get"] = 1
		}
		if spec.Ops.Has(base.OpCreate) {
			want["Create"], want["GetCreateAttrs"] = 2, 0
		}
		if spec.Ops.Has(base.OpUpdate) {
			want["Update"], want["GetUpdateAttrs"] = 3, 0
			if noID {
				want["Update"] = 2
			}
		}
		if spec.Ops.Has(base.OpDelete) {
			want["Delete"] = 2
			if noID {
				want["Delete"] = 1
			}
		}
		if spec.Ops.Has(base.OpSet) {
			want["Set"] = 3
		}
		actions := map[string]bool{ // a manager action may be named as an operation (a file's Head)
			"Delete": name == "project_artifact", // hand-written: deletes every artifact of the project
		}
		for _, a := range spec.Actions {
			if a.OnManager {
				actions[a.MethodName()] = true
			}
		}
		for _, op := range []string{"List", "All", "Head", "Get", "Lazy", "Create", "GetCreateAttrs", "Update", "GetUpdateAttrs", "Delete", "Set"} {
			if actions[op] {
				continue
			}
			n, has := method(m, op)
			w, wanted := want[op]
			switch {
			case has != wanted:
				t.Errorf("%s: has %s = %v, spec declares %s", name, op, has, spec.Ops)
			case has && n != w:
				t.Errorf("%s: %s takes %d arguments, want %d", name, op, n, w)
			}
		}
		// Objects: Save with updates, Delete with deletes, Refresh with gets.
		wrap := reflect.ValueOf(m).MethodByName("Wrap")
		obj := wrap.Call([]reflect.Value{reflect.ValueOf(base.NewObject(base.RootCore(nil, reg, name), []byte(`{}`)))})[0].Interface()
		if _, has := method(obj, "Save"); has != spec.Ops.Has(base.OpUpdate) {
			t.Errorf("%s objects: Save = %v, update declared = %v", name, has, spec.Ops.Has(base.OpUpdate))
		}
		if _, has := method(obj, "Delete"); has != spec.Ops.Has(base.OpDelete) {
			t.Errorf("%s objects: Delete = %v, delete declared = %v", name, has, spec.Ops.Has(base.OpDelete))
		}
		if _, has := method(obj, "Refresh"); has != (spec.Ops.Has(base.OpGet) || spec.Ops.Has(base.OpGetWithoutID)) {
			t.Errorf("%s objects: Refresh = %v, ops %s", name, has, spec.Ops)
		}
		for _, a := range spec.Actions {
			on := obj
			if a.OnManager {
				on = m
			}
			if _, has := method(on, a.MethodName()); !has {
				t.Errorf("%s: the declared action %s has no method %s", name, a.Name, a.MethodName())
			}
		}
		for _, c := range reg.Children(name) {
			if c.Accessor == "" {
				continue
			}
			if n, has := method(obj, c.Accessor); !has || n != 0 {
				t.Errorf("%s objects lack the accessor %s() of %s", name, c.Accessor, c.Name)
			}
		}
	}
	// Root managers are fields of managers.Root, hence of gitlab.Client.
	root := reflect.TypeOf(managers.Root{})
	for _, s := range reg.Children("") {
		if s.Accessor == "" {
			continue
		}
		f, ok := root.FieldByName(s.Accessor)
		if !ok || f.Type.Elem().Name() != base.GoName(s.Name)+"Manager" {
			t.Errorf("root manager %s: Root.%s missing or of the wrong type", s.Name, s.Accessor)
		}
	}
}

type refManager struct {
	Class            string            `json:"class"`
	Path             string            `json:"path"`
	IDAttr           *string           `json:"id_attr"`
	FromParent       map[string]string `json:"from_parent"`
	Ops              []string          `json:"ops"`
	UpdateMethod     *string           `json:"update_method"`
	CreateAttrs      *refRO            `json:"create"`
	UpdateAttrs      *refRO            `json:"update"`
	ListFilters      []string          `json:"list_filters"`
	Types            map[string]string `json:"types"`
	OptionalGetAttrs []string          `json:"optional_get_attrs"`
	ReprAttr         *string           `json:"repr_attr"`
	Parent           string            `json:"parent"`    // python-gitlab manager class of the parent objects
	Attr             string            `json:"attr"`      // the parent objects' attribute
	RootAttr         string            `json:"root_attr"` // gitlab.Gitlab's attribute
}

type refRO struct {
	Required, Optional, Exclusive []string
}

// snake turns python-gitlab's class name into our spec name:
// ProjectMergeRequestManager → project_merge_request, LDAPGroupManager → ldap_group.
func snake(class string) string {
	s := strings.TrimSuffix(class, "Manager")
	s = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`).ReplaceAllString(s, "${1}_$2")
	s = regexp.MustCompile(`([a-z0-9])([A-Z])`).ReplaceAllString(s, "${1}_$2")
	return strings.ToLower(s)
}

// sameAttr reports whether our Go accessor is python-gitlab's attribute
// (mergerequests → MergeRequests, test_report → TestReport).
func sameAttr(goName, py string) bool {
	return strings.EqualFold(goName, strings.ReplaceAll(py, "_", ""))
}

// Our declarations carry python-gitlab's facts, for all 246 of its
// managers: path, ID attribute, parent and parent mapping, the accessor
// (python-gitlab's attribute), operations, update verb, attributes,
// filters, types and the attribute objects print with. The facts are kept
// in testdata (extracted from python-gitlab 8.4.0), so this always runs.
func TestSpecsMatchPythonGitlab(t *testing.T) {
	data, err := os.ReadFile("testdata/python-gitlab.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Managers []refManager `json:"managers"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Managers) != 246 {
		t.Fatalf("the reference holds %d managers, want python-gitlab's 246", len(ref.Managers))
	}
	reg := managers.Builtins()
	opNames := map[string]base.Ops{"list": base.OpList, "get": base.OpGet, "get_without_id": base.OpGetWithoutID,
		"create": base.OpCreate, "update": base.OpUpdate, "delete": base.OpDelete, "set": base.OpSet}
	typeNames := map[base.AttrType]string{base.TypeArray: "ArrayAttribute", base.TypeCommaSeparatedList: "CommaSeparatedListAttribute",
		base.TypeCommaSeparatedString: "CommaSeparatedStringAttribute", base.TypeLowercase: "LowercaseStringAttribute",
		base.TypeFile: "FileAttribute", base.TypeImage: "ImageAttribute", base.TypeJSON: "JsonAttribute"}
	var roots, subs int
	for _, py := range ref.Managers {
		s, ok := reg.Lookup(snake(py.Class))
		if !ok {
			t.Errorf("python-gitlab's %s has no declaration %q", py.Class, snake(py.Class))
			continue
		}
		if strings.TrimSuffix(py.Path, "/") != s.Path {
			t.Errorf("%s: path %q, python-gitlab %q", s.Name, s.Path, py.Path)
		}
		pyID := ""
		if py.IDAttr != nil {
			pyID = *py.IDAttr
		}
		if s.IDAttribute() != pyID {
			t.Errorf("%s: ID attribute %q, python-gitlab %q", s.Name, s.IDAttribute(), pyID)
		}
		if !reflect.DeepEqual(s.FromParent, py.FromParent) && len(s.FromParent)+len(py.FromParent) > 0 {
			t.Errorf("%s: FromParent %v, python-gitlab %v", s.Name, s.FromParent, py.FromParent)
		}
		switch {
		case py.RootAttr != "":
			roots++
			if s.Parent != "" || !sameAttr(s.Accessor, py.RootAttr) {
				t.Errorf("%s: root manager gl.%s, ours has parent %q and accessor %q", s.Name, py.RootAttr, s.Parent, s.Accessor)
			}
		case py.Parent != "":
			subs++
			if s.Parent != snake(py.Parent) || !sameAttr(s.Accessor, py.Attr) {
				t.Errorf("%s: python-gitlab's %s.%s, ours is %s.%s()", s.Name, py.Parent, py.Attr, s.Parent, s.Accessor)
			}
		}
		var ops base.Ops
		for _, o := range py.Ops {
			ops |= opNames[o]
		}
		// Operations beyond python-gitlab's are those of GitLab's official
		// Go client (its attributes and types then are ours alone).
		extra := s.Ops &^ ops
		if ops&^s.Ops != 0 || extra != 0 && !clientGoCalls(t, s, extra) {
			t.Errorf("%s: ops %s, python-gitlab %s", s.Name, s.Ops, ops)
		}
		if py.UpdateMethod != nil && s.Ops.Has(base.OpUpdate) && *py.UpdateMethod != s.UpdateVerb() {
			t.Errorf("%s: update verb %s, python-gitlab %s", s.Name, s.UpdateVerb(), *py.UpdateMethod)
		}
		if !extra.Has(base.OpCreate) {
			sameRO(t, s.Name+" create", s.CreateAttrs, py.CreateAttrs)
		}
		if !extra.Has(base.OpUpdate) {
			sameRO(t, s.Name+" update", s.UpdateAttrs, py.UpdateAttrs)
		}
		if !sameSet(s.ListFilters, py.ListFilters) {
			t.Errorf("%s: list filters %v, python-gitlab %v", s.Name, s.ListFilters, py.ListFilters)
		}
		if !sameSet(s.GetAttrs.Optional, py.OptionalGetAttrs) {
			t.Errorf("%s: optional get attributes %v, python-gitlab %v", s.Name, s.GetAttrs.Optional, py.OptionalGetAttrs)
		}
		types := map[string]string{}
		for k, v := range s.Types.All() {
			types[k] = typeNames[v]
		}
		for k := range types {
			if _, ok := py.Types[k]; !ok && extra&(base.OpCreate|base.OpUpdate) != 0 {
				delete(types, k) // an attribute of an operation beyond python-gitlab
			}
		}
		if !reflect.DeepEqual(types, py.Types) && len(types)+len(py.Types) > 0 {
			t.Errorf("%s: types %v, python-gitlab %v", s.Name, types, py.Types)
		}
		if py.ReprAttr != nil && s.ReprAttr != *py.ReprAttr {
			t.Errorf("%s: printed with %q, python-gitlab %q", s.Name, s.ReprAttr, *py.ReprAttr)
		}
	}
	if roots != 42 || subs != 200 {
		t.Errorf("%d root managers and %d sub-manager attributes checked, want 42 and 200", roots, subs)
	}
}

// clientGoCalls tells whether every endpoint of sp's operations ops is one
// GitLab's official Go client calls beyond python-gitlab
// (testdata/clientgo-beyond-python-gitlab.md).
func clientGoCalls(t *testing.T, sp *base.Spec, ops base.Ops) bool {
	t.Helper()
	rows, err := managers.ReadEndpointTable("testdata/clientgo-beyond-python-gitlab.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[managers.Endpoint]bool{}
	for _, r := range rows {
		listed[r.Endpoint] = true
	}
	only := *sp
	only.Ops, only.Actions = ops, nil
	for e := range managers.DeclaredEndpoints([]*base.Spec{&only}) {
		if !listed[e] {
			t.Logf("%s: %s is not in the official Go client's list", sp.Name, e)
			return false
		}
	}
	return true
}

func sameRO(t *testing.T, what string, ours base.RequiredOptional, py *refRO) {
	t.Helper()
	if py == nil {
		py = &refRO{}
	}
	if !sameSet(ours.Required, py.Required) || !sameSet(ours.Optional, py.Optional) || !sameSet(ours.Exclusive, py.Exclusive) {
		t.Errorf("%s attributes: %+v, python-gitlab %+v", what, ours, *py)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// Objects print as python-gitlab's repr, with the same attribute across
// managers of the same kind of resource.
func TestObjectsPrintWithTheirReprAttribute(t *testing.T) {
	reg := managers.Builtins()
	for name, want := range map[string]string{
		"project":               `<Project id:1 path_with_namespace:g/p>`,
		"group_project":         `<GroupProject id:1 path_with_namespace:g/p>`,
		"project_merge_request": `<ProjectMergeRequest iid:3 title:Fix it>`,
		"merge_request":         `<MergeRequest id:1 title:Fix it>`,
		"project_branch":        `<ProjectBranch name:main>`,
		"ldap_group":            `<LDAPGroup>`,
		"user":                  `<User id:1 username:ann>`,
	} {
		raw := `{"id":1,"iid":3,"name":"main","path_with_namespace":"g/p","title":"Fix it","username":"ann"}`
		spec, _ := reg.Lookup(name)
		if got := base.NewObject(base.NewCore(nil, reg, spec, nil), []byte(raw)).String(); got != want {
			t.Errorf("%s prints %s, want %s", name, got, want)
		}
	}
}

// The built-in declarations are static data: the linker lays them out, and
// the package's initialization, which every program linking it pays at
// start-up, is a few instructions (the four declared FromParent maps) that
// allocate almost nothing and write into no other declaration. A
// declaration that calls a function (slices.Concat, append: use
// ActionGroups) or copies a package-level struct makes the compiler
// initialize it, and the ones after it, with code run at start-up.
func TestDeclarationsAreStaticData(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "initcost")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/initcost").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The size of the initialization's code.
	out, err := exec.Command("go", "tool", "nm", "-size", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^\s*[0-9a-f]+\s+(\d+) T github.com/golab/gitlab/managers\.init$`).FindSubmatch(out)
	code := 0
	if m != nil { // no init function at all is best
		code, _ = strconv.Atoi(string(m[1]))
	}
	// What it allocates.
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	if out, err = cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// init github.com/golab/gitlab/managers @0.5 ms, 0.010 ms clock, 1344 bytes, 8 allocs
	m = regexp.MustCompile(`init github.com/golab/gitlab/managers @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs`).FindSubmatch(out)
	bytes, allocs := 0, 0
	if m != nil {
		bytes, _ = strconv.Atoi(string(m[1]))
		allocs, _ = strconv.Atoi(string(m[2]))
	}
	t.Logf("managers' initialization: %d bytes of code, allocating %d bytes in %d allocations", code, bytes, allocs)
	if code > 2048 || allocs > 10 || bytes > 4096 {
		t.Errorf("managers' initialization is %d bytes of code allocating %d bytes in %d allocations: a declaration is no longer static data",
			code, bytes, allocs)
	}
}
