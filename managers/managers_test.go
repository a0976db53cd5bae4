package managers_test

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// Every built-in declaration is valid and registrable: names unique,
// placeholders matching FromParent, parents registered first.
func TestSpecsRegister(t *testing.T) {
	r, err := base.NewRegistry(managers.Specs()...)
	if err != nil {
		t.Fatal(err)
	}
	typed := managers.Typed()
	if len(r.Specs()) != len(typed) {
		t.Errorf("%d specs but %d typed managers", len(r.Specs()), len(typed))
	}
	for _, s := range r.Specs() {
		if !strings.HasPrefix(s.DocsURL, "https://docs.gitlab.com/api/") {
			t.Errorf("%s: DocsURL %q", s.Name, s.DocsURL)
		}
		if _, ok := typed[s.Name]; !ok {
			t.Errorf("%s has no typed manager", s.Name)
		}
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
// its objects exactly the matching object operations.
func TestTypedManagersMatchTheirSpecs(t *testing.T) {
	reg, _ := base.NewRegistry(managers.Specs()...)
	for name, ctor := range managers.Typed() {
		spec, _ := reg.Lookup(name)
		m := ctor(base.NewCore(nil, reg, spec, nil))
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
		for _, op := range []string{"List", "All", "Head", "Get", "Lazy", "Create", "GetCreateAttrs", "Update", "GetUpdateAttrs", "Delete", "Set"} {
			n, has := method(m, op)
			w, wanted := want[op]
			switch {
			case has != wanted:
				t.Errorf("%s: has %s = %v, spec declares %s", name, op, has, spec.Ops)
			case has && n != w:
				t.Errorf("%s: %s takes %d arguments, want %d", name, op, n, w)
			}
		}
		// Objects: Save with updates, Delete with deletes, Refresh only where declared.
		wrap := reflect.ValueOf(m).MethodByName("Wrap")
		obj := wrap.Call([]reflect.Value{reflect.ValueOf(base.NewObject(base.NewCore(nil, reg, spec, nil), []byte(`{}`)))})[0].Interface()
		if _, has := method(obj, "Save"); has != spec.Ops.Has(base.OpUpdate) && !(name == "current_user") {
			t.Errorf("%s objects: Save = %v, update declared = %v", name, has, spec.Ops.Has(base.OpUpdate))
		}
		if _, has := method(obj, "Delete"); has != spec.Ops.Has(base.OpDelete) {
			t.Errorf("%s objects: Delete = %v, delete declared = %v", name, has, spec.Ops.Has(base.OpDelete))
		}
		if _, has := method(obj, "Refresh"); has && !spec.Ops.Has(base.OpGet) && !spec.Ops.Has(base.OpGetWithoutID) {
			t.Errorf("%s objects can Refresh but nothing can be got", name)
		}
		for _, a := range spec.Actions {
			goName := strings.ToUpper(a.Name[:1]) + a.Name[1:]
			if _, has := method(obj, goName); !has {
				t.Errorf("%s objects lack the declared action %s", name, goName)
			}
		}
	}
}

// python-gitlab's class for each of our managers.
var pythonNames = map[string]string{
	"projects": "ProjectManager", "groups": "GroupManager", "group_projects": "GroupProjectManager",
	"users": "UserManager", "user_keys": "UserKeyManager", "current_user": "CurrentUserManager",
	"user_activities": "UserActivitiesManager", "features": "FeatureManager",
	"project_issues": "ProjectIssueManager", "project_issue_notes": "ProjectIssueNoteManager",
	"project_merge_requests": "ProjectMergeRequestManager", "project_branches": "ProjectBranchManager",
	"project_files": "ProjectFileManager", "project_push_rules": "ProjectPushRulesManager",
	"project_variables": "ProjectVariableManager",
}

type refManager struct {
	Name             string            `json:"name"`
	Path             string            `json:"path"`
	IDAttr           *string           `json:"obj_id_attr"`
	FromParent       map[string]string `json:"from_parent_attrs"`
	Ops              []string          `json:"operations_effective"`
	UpdateMethod     *string           `json:"update_method"`
	CreateAttrs      *refRO            `json:"create_attrs"`
	UpdateAttrs      *refRO            `json:"update_attrs"`
	ListFilters      []string          `json:"list_filters"`
	Types            map[string]string `json:"types"`
	OptionalGetAttrs []string          `json:"optional_get_attrs"`
}

type refRO struct {
	Required, Optional, Exclusive []string
}

// Our declarations carry python-gitlab's facts: path, ID attribute, parent
// mapping, operations, attributes, filters and types. The reference lives
// in ../shared (beside the repository in CI); set GOLAB_REQUIRE_REFERENCE=1
// to make its absence a failure rather than a skip.
func TestSpecsMatchPythonGitlab(t *testing.T) {
	data, err := os.ReadFile("../../shared/reference/python-gitlab-v4.json")
	if err != nil {
		if os.Getenv("GOLAB_REQUIRE_REFERENCE") != "" {
			t.Fatalf("reference missing: %v", err)
		}
		t.Skipf("python-gitlab reference not found beside the repository: %v", err)
	}
	var ref struct {
		Managers []refManager `json:"managers"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	byName := map[string]refManager{}
	for _, m := range ref.Managers {
		byName[m.Name] = m
	}
	opNames := map[string]base.Ops{"list": base.OpList, "get": base.OpGet, "get_without_id": base.OpGetWithoutID,
		"create": base.OpCreate, "update": base.OpUpdate, "delete": base.OpDelete, "set": base.OpSet}
	for _, s := range managers.Specs() {
		py, ok := byName[pythonNames[s.Name]]
		if !ok {
			t.Errorf("%s: no python-gitlab manager %q", s.Name, pythonNames[s.Name])
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
		var ops base.Ops
		for _, o := range py.Ops {
			ops |= opNames[o]
		}
		if ops != s.Ops {
			t.Errorf("%s: ops %s, python-gitlab %s", s.Name, s.Ops, ops)
		}
		if py.UpdateMethod != nil && *py.UpdateMethod != s.UpdateVerb() {
			t.Errorf("%s: update verb %s, python-gitlab %s", s.Name, s.UpdateVerb(), *py.UpdateMethod)
		}
		sameRO(t, s.Name+" create", s.CreateAttrs, py.CreateAttrs)
		sameRO(t, s.Name+" update", s.UpdateAttrs, py.UpdateAttrs)
		if !sameSet(s.ListFilters, py.ListFilters) {
			t.Errorf("%s: list filters %v, python-gitlab %v", s.Name, s.ListFilters, py.ListFilters)
		}
		if !sameSet(s.GetAttrs.Optional, py.OptionalGetAttrs) {
			t.Errorf("%s: optional get attributes %v, python-gitlab %v", s.Name, s.GetAttrs.Optional, py.OptionalGetAttrs)
		}
		types := map[string]string{}
		names := map[base.AttrType]string{base.TypeArray: "ArrayAttribute", base.TypeCommaSeparatedList: "CommaSeparatedListAttribute",
			base.TypeCommaSeparatedString: "CommaSeparatedStringAttribute", base.TypeLowercase: "LowercaseStringAttribute",
			base.TypeFile: "FileAttribute", base.TypeImage: "ImageAttribute", base.TypeJSON: "JsonAttribute"}
		for k, v := range s.Types {
			types[k] = names[v]
		}
		if !reflect.DeepEqual(types, py.Types) && len(types)+len(py.Types) > 0 {
			t.Errorf("%s: types %v, python-gitlab %v", s.Name, types, py.Types)
		}
	}
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
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}
