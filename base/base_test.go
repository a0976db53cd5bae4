package base

import (
	"errors"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestEscapeID(t *testing.T) {
	cases := map[string]string{
		"42":                  "42",
		"group/sub/project":   "group%2Fsub%2Fproject",
		"group/my.project":    "group%2Fmy.project", // dots stay (RFC 3986 unreserved)
		"a b@c+d%e":           "a%20b%40c%2Bd%25e",
		"feature/x~y_z-1":     "feature%2Fx~y_z-1",
		"docs/ä.md":           "docs%2F%C3%A4.md",
		"already%2Fencoded/x": "already%252Fencoded%2Fx", // encoded exactly once: % itself is escaped
		".":                   "%2E",                     // dot segments would be normalised away
		"..":                  "%2E%2E",
		"...":                 "...",
	}
	for in, want := range cases {
		if got := EscapeID(in); got != want {
			t.Errorf("EscapeID(%q) = %q, want %q", in, got, want)
		}
	}
}

type namedID uint16

type textID struct{ s string }

func (x textID) String() string { return x.s }

func TestIDString(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{42, "42"}, {int64(7), "7"}, {uint(3), "3"}, {"g/p", "g/p"}, {namedID(9), "9"}, {textID{"g/x"}, "g/x"},
		{int64(9007199254740993), "9007199254740993"}, {uint64(18446744073709551615), "18446744073709551615"},
		{"...", "..."}, {".a", ".a"},
	} {
		got, err := IDString(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("IDString(%v) = %q, %v", tc.in, got, err)
		}
	}
	for _, bad := range []any{nil, "", 1.5, []int{1}, ".", "..", textID{}, textID{".."}, true} {
		if _, err := IDString(bad); err == nil {
			t.Errorf("IDString(%v): want an error", bad)
		}
	}
}

func TestEncodeQuery(t *testing.T) {
	types := AttrTypes{Array: []string{"iids"}, CommaSeparatedList: []string{"labels"}, Lowercase: []string{"confirm"}, Image: []string{"avatar"}}
	q, err := EncodeQuery(Params{
		"iids":       []int{1, 2},
		"labels":     []string{"bug", "p1"},
		"confirm":    "YES",
		"avatar":     "x.png", // files never go to queries
		"scope":      []string{"a", "b"},
		"owned":      true,
		"per_page":   50,
		"from":       "2019-01-01",
		"skip":       nil,
		"custom":     map[string]any{"k": "v"},
		"created_at": time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600)),
	}, types)
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"iids[]": {"1", "2"}, "labels": {"bug,p1"}, "confirm": {"yes"}, "scope[]": {"a", "b"},
		"owned": {"true"}, "per_page": {"50"}, "from": {"2019-01-01"}, "custom[k]": {"v"},
		"created_at": {"2020-01-02T02:04:05Z"},
	}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("EncodeQuery =\n%v\nwant\n%v", q, want)
	}
	// A plain string for an array attribute stays one value (python: not split).
	q, _ = EncodeQuery(Params{"iids": "5"}, types)
	if q.Get("iids") != "5" {
		t.Errorf("string array value: %v", q)
	}
	if _, err := EncodeQuery(Params{"bad": struct{}{}}, AttrTypes{}); err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("unsupported value: err = %v", err)
	}
	// '+' in an ISO 8601 offset must travel as %2B.
	q, _ = EncodeQuery(Params{"updated_after": "2020-01-01T00:00:00+01:00"}, AttrTypes{})
	if enc := q.Encode(); !strings.Contains(enc, "%2B01%3A00") {
		t.Errorf("plus sign not escaped: %s", enc)
	}
}

// AttrTypes: Of finds an attribute's type, All lists them, Over puts an
// action's types over its manager's (the action's win), Clone shares no list.
func TestAttrTypes(t *testing.T) {
	mgr := AttrTypes{Array: []string{"scope"}, CommaSeparatedList: []string{"labels"}, Image: []string{"avatar"}}
	act := AttrTypes{File: []string{"file"}, CommaSeparatedString: []string{"labels"}}
	if mgr.Of("scope") != TypeArray || mgr.Of("avatar") != TypeImage || mgr.Of("name") != 0 || !(AttrTypes{}).IsZero() || mgr.IsZero() {
		t.Error("Of or IsZero")
	}
	got := map[string]AttrType{}
	for a, typ := range act.Over(mgr).All() {
		if _, dup := got[a]; dup {
			t.Errorf("%s listed twice", a)
		}
		got[a] = typ
	}
	want := map[string]AttrType{"file": TypeFile, "labels": TypeCommaSeparatedString, "scope": TypeArray, "avatar": TypeImage}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Over = %v, want %v", got, want)
	}
	if act.Of("scope") != 0 || len(act.Array) != 0 {
		t.Error("Over changed the action's types")
	}
	if o := (AttrTypes{}).Over(mgr); o.Of("labels") != TypeCommaSeparatedList {
		t.Error("zero types over the manager's")
	}
	c := mgr.Clone()
	c.Array[0] = "x"
	if mgr.Array[0] != "scope" || c.Of("x") != TypeArray {
		t.Error("Clone shares its lists")
	}
}

func TestEncodeBody(t *testing.T) {
	types := AttrTypes{CommaSeparatedList: []string{"labels"}, CommaSeparatedString: []string{"scopes"}, Image: []string{"avatar"}, JSON: []string{"meta"}}
	body, form, err := EncodeBody(Attrs{"labels": []string{"a", "b"}, "scopes": []string{"x", "y"}, "avatar": "", "meta": `{"a":1}`}, types)
	if err != nil || form != nil {
		t.Fatalf("EncodeBody: %v %v", err, form)
	}
	if got := string(body); got != `{"avatar":"","labels":["a","b"],"meta":{"a":1},"scopes":"x,y"}` {
		t.Errorf("body = %s", got)
	}
	if _, _, err := EncodeBody(Attrs{"meta": "{bad"}, types); err == nil {
		t.Error("invalid JSON attribute accepted")
	}
	_, form, err = EncodeBody(Attrs{"avatar": []byte("PNG"), "name": "n", "public": true, "ids": []int{1, 2}}, types)
	if err != nil || form == nil {
		t.Fatalf("multipart: %v %v", err, form)
	}
	if len(form.Files) != 1 || form.Files[0].Field != "avatar" || form.Files[0].FileName != "avatar.png" {
		t.Errorf("files = %+v", form.Files)
	}
	if !reflect.DeepEqual(form.Fields, map[string]string{"name": "n", "public": "true", "ids": "1,2"}) {
		t.Errorf("fields = %v", form.Fields)
	}
	if _, _, err := EncodeBody(Attrs{"avatar": 12}, types); err == nil {
		t.Error("a number as a file was accepted")
	}
}

func TestLinkURL(t *testing.T) {
	h := http.Header{}
	h.Add("Link", `<https://gl.example/api/v4/projects?labels=a,b&page=1&per_page=2>; rel="prev", <https://gl.example/api/v4/projects?labels=a,b&page=3&per_page=2>; rel="next", <https://gl.example/api/v4/projects?page=1>; rel="first"`)
	if got := LinkURL(h, "next"); got != "https://gl.example/api/v4/projects?labels=a,b&page=3&per_page=2" {
		t.Errorf("next = %q", got)
	}
	if got := LinkURL(h, "last"); got != "" {
		t.Errorf("last = %q, want none", got)
	}
	if got := LinkURL(http.Header{}, "next"); got != "" {
		t.Errorf("no header: %q", got)
	}
}

func TestErrorMessages(t *testing.T) {
	cases := []struct {
		body, want string
	}{
		{`{"message":"404 Project Not Found"}`, "404: 404 Project Not Found"},
		{`{"error":"sort does not have a valid value"}`, "404: sort does not have a valid value"},
		{`{"message":"m","error":"e"}`, "404: e"}, // error wins, as in python-gitlab
		{`{"message":{"name":["can't be blank"],"path":["has already been taken","is invalid"]}}`, "404: name: can't be blank; path: has already been taken, is invalid"},
		{`{"message":["Another open merge request already exists for this source branch: !7"]}`, "404: Another open merge request already exists for this source branch: !7"},
		{`{"error":"insufficient_scope","error_description":"needs sudo","scope":"sudo"}`, "404: insufficient_scope: needs sudo"},
		{`<html><body>502 Bad Gateway</body></html>`, "404: <html><body>502 Bad Gateway</body></html>"},
		{"<HTML><HEAD><TITLE>\n  Bad \n Gateway</TITLE></HEAD></HTML>", "404: Bad Gateway"},
		{``, "404: Not Found"},
	}
	for _, tc := range cases {
		e := NewHTTPError("get", "GET", "https://gl/api/v4/x?private_token=secret", 404, http.Header{"X-Request-Id": {"rid"}}, []byte(tc.body))
		if e.Error() != tc.want {
			t.Errorf("body %s: Error() = %q, want %q", tc.body, e.Error(), tc.want)
		}
		if strings.Contains(e.Describe(), "secret") || !strings.Contains(e.Describe(), "get GET https://gl/api/v4/x") {
			t.Errorf("Describe() = %q", e.Describe())
		}
		if !errors.Is(e, ErrNotFound) || errors.Is(e, ErrConflict) || e.RequestID != "rid" || string(e.Body) != tc.body {
			t.Errorf("404 error: Is/RequestID/Body wrong: %+v", e)
		}
	}
	fe := NewHTTPError("create", "POST", "u", 400, nil, []byte(`{"message":{"name":["can't be blank"]}}`)).FieldErrors()
	if !reflect.DeepEqual(fe, map[string][]string{"name": {"can't be blank"}}) {
		t.Errorf("FieldErrors = %v", fe)
	}
	for code, sentinel := range statusSentinels {
		if !errors.Is(&Error{StatusCode: code}, sentinel) {
			t.Errorf("%d does not match its sentinel", code)
		}
	}
	if got := SanitizeURL("https://user:pw@h/x?job_token=abc&a=1"); strings.Contains(got, "pw") || strings.Contains(got, "abc") {
		t.Errorf("SanitizeURL kept a secret: %s", got)
	}
}

// testRegistry holds the specs of the tests below.
var testRegistry, _ = NewRegistry(projectSpec, issueSpec, noteSpec)

func testCore(spec *Spec, parent *Object) *Core { return NewCore(nil, testRegistry, spec, parent) }

var issueSpec = &Spec{Name: "project_issue", Path: "/projects/{project_id}/issues", Parent: "project",
	FromParent: map[string]string{"project_id": "id"}, IDAttr: "iid", ReprAttr: "title", Ops: OpsCRUD}
var projectSpec = &Spec{Name: "project", Path: "/projects", Ops: OpsCRUD, ReprAttr: "path_with_namespace"}
var noteSpec = &Spec{Name: "project_issue_note", Path: "/projects/{project_id}/issues/{issue_iid}/notes", Parent: "project_issue",
	FromParent: map[string]string{"project_id": "project_id", "issue_iid": "iid"}, Ops: OpsCRUD}

func TestObjectReadsAndChanges(t *testing.T) {
	parent := NewObject(testCore(projectSpec, nil), []byte(`{"id":42,"path_with_namespace":"g/p"}`))
	c := testCore(issueSpec, parent)
	raw := []byte(`{"iid":5,"title":"Bug","labels":["a","b"],"a.b":1,"due_date":"2024-02-03","created_at":"2017-09-28T08:50:57.092Z","author":{"name":"Ann"}}`)
	o := NewObject(c, raw)
	if o.ID() != "5" || o.GetString("title") != "Bug" || o.GetInt("project_id") != 42 || o.GetInt("a.b") != 1 {
		t.Errorf("reads: id=%q title=%q project_id=%d a.b=%d", o.ID(), o.GetString("title"), o.GetInt("project_id"), o.GetInt("a.b"))
	}
	if o.Lookup("author.name").String() != "Ann" || !reflect.DeepEqual(o.GetStrings("labels"), []string{"a", "b"}) {
		t.Error("Lookup/GetStrings")
	}
	if d, err := o.GetTime("due_date"); err != nil || d.Day() != 3 {
		t.Errorf("date: %v %v", d, err)
	}
	if ts, err := o.GetTime("created_at"); err != nil || ts.Nanosecond() != 92000000 {
		t.Errorf("timestamp: %v %v", ts, err)
	}
	if got := o.String(); got != "<ProjectIssue iid:5 title:Bug>" {
		t.Errorf("String() = %q", got)
	}
	if err := o.Set("title", "Fixed"); err != nil {
		t.Fatal(err)
	}
	if err := o.Set("weird.key", []string{"x"}); err != nil {
		t.Fatal(err)
	}
	if o.GetString("title") != "Fixed" || !o.Dirty() || !o.Changed("title") || o.Changed("iid") {
		t.Error("changes not seen first")
	}
	if string(o.raw) != string(raw) {
		t.Error("server data was modified in place")
	}
	if got := string(o.Changes()); got != `{"title":"Fixed","weird.key":["x"]}` {
		t.Errorf("Changes() = %s", got)
	}
	var s struct {
		Title  string   `json:"title"`
		Labels []string `json:"labels"`
		Weird  []string `json:"weird.key"`
	}
	if err := o.Decode(&s); err != nil || s.Title != "Fixed" || len(s.Labels) != 2 || s.Weird[0] != "x" {
		t.Errorf("Decode: %+v %v", s, err)
	}
	attrs := o.Attributes()
	if attrs["project_id"].(interface{ String() string }).String() != "42" || attrs["title"] != "Fixed" {
		t.Errorf("Attributes() = %v", attrs)
	}
	attrs["title"] = "mutated"
	if o.GetString("title") != "Fixed" {
		t.Error("Attributes() is not a copy")
	}
	o.DiscardChanges()
	if o.Dirty() || o.GetString("title") != "Bug" {
		t.Error("DiscardChanges")
	}
	if err := o.SetRaw("x", []byte("{bad")); err == nil {
		t.Error("SetRaw accepted invalid JSON")
	}
}

func TestMissingAttributeDiagnostics(t *testing.T) {
	c := testCore(projectSpec, nil)
	listed := NewObject(c, []byte(`{"id":1}`))
	listed.flags = flagFromList
	_, err := listed.Value("statistics")
	var me *MissingAttrError
	if !errors.As(err, &me) || !me.FromList || !strings.Contains(err.Error(), "came from a list") {
		t.Errorf("list object: %v", err)
	}
	lazy := c.Lazy("group/sub/project")
	if lazy.ID() != "group/sub/project" || !lazy.IsLazy() {
		t.Errorf("lazy id = %q", lazy.ID())
	}
	if _, err := lazy.Value("name"); err == nil || !strings.Contains(err.Error(), "lazy object") {
		t.Errorf("lazy object: %v", err)
	}
	if lazyNum := c.Lazy(7); lazyNum.Attr("id").Raw != "7" {
		t.Errorf("numeric lazy ID stored as %s", lazyNum.Attr("id").Raw)
	}
	if _, err := NewObject(c, []byte(`{"id":1}`)).Value("x"); err == nil || strings.Contains(err.Error(), "list") || strings.Contains(err.Error(), "lazy") {
		t.Errorf("plain object: %v", err)
	}
}

func TestCorePathRendering(t *testing.T) {
	lazy := testCore(projectSpec, nil).Lazy("group/sub.proj")
	c := lazy.ChildCore("project_issue")
	if p, err := c.Path(); err != nil || p != "/projects/group%2Fsub.proj/issues" {
		t.Errorf("path = %q, %v", p, err)
	}
	// A lazy issue has no project_id of its own: it comes from its parent attributes.
	issue := c.Lazy(5)
	if p, err := issue.ChildCore("project_issue_note").Path(); err != nil || p != "/projects/group%2Fsub.proj/issues/5/notes" {
		t.Errorf("nested path = %q, %v", p, err)
	}
	// A missing placeholder is an error, never a wrong URL.
	orphan := NewObject(testCore(projectSpec, nil), []byte(`{"name":"x"}`))
	_, err := orphan.ChildCore("project_issue").Path()
	var pe *PathError
	if !errors.As(err, &pe) || pe.Placeholder != "project_id" || pe.ParentAttr != "id" {
		t.Errorf("missing placeholder: %v", err)
	}
	// A manager of other objects, or an unknown one, is an error too.
	if _, err := lazy.ChildCore("project_issue_note").Path(); err == nil || !strings.Contains(err.Error(), `belongs to "project_issue" objects`) {
		t.Errorf("child of another manager: %v", err)
	}
	if err := lazy.ChildCore("nope").Err(); err == nil || !strings.Contains(err.Error(), `no manager "nope"`) {
		t.Errorf("unknown child: %v", err)
	}
}

func TestEqual(t *testing.T) {
	c := testCore(projectSpec, nil)
	a, b := NewObject(c, []byte(`{"id":1}`)), NewObject(c, []byte(`{"id":1,"x":2}`))
	group := NewObject(testCore(&Spec{Name: "groups", Path: "/groups", Ops: OpsCRUD}, nil), []byte(`{"id":1}`))
	noID := NewObject(c, []byte(`{}`))
	if !a.Equal(b) || a.Equal(group) || noID.Equal(NewObject(c, []byte(`{}`))) || !noID.Equal(noID) {
		t.Error("Equal: same kind+path+id only")
	}
}

func TestSpecValidate(t *testing.T) {
	good := &Spec{Name: "w", Path: "/projects/{project_id}/w", Parent: "project", FromParent: map[string]string{"project_id": "id"}, Ops: OpList}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []*Spec{
		{Path: "/x", Ops: OpList},
		{Name: "a", Path: "x", Ops: OpList},
		{Name: "a", Path: "/p/{id}/x", Ops: OpList},
		{Name: "a", Path: "/p/{id}/x", Parent: "p", FromParent: map[string]string{"other": "id"}, Ops: OpList},
		{Name: "a", Path: "/x"},
		{Name: "a", Path: "/x", Ops: OpGet | OpGetWithoutID},
		{Name: "a", Path: "/x", Ops: OpGet, IDAttr: IDAttrNone},
		{Name: "a", Path: "/x", Ops: OpUpdate, UpdateMethod: "GET"},
		{Name: "a", Path: "/x", Ops: OpList, Actions: []Action{{Name: "go"}, {Name: "go"}}},
		{Name: "Projects", Path: "/x", Ops: OpList},
		{Name: "a-b", Path: "/x", Ops: OpList},
		{Name: "a", Accessor: "lower", Path: "/x", Ops: OpList},
		{Name: "a", Path: "/x", Ops: OpCreate, CreatePath: "x/{y"},
		{Name: "a", Path: "/p/{id}/x", Parent: "p", FromParent: map[string]string{"id": "id"}, Ops: OpList, ListPath: "/x"},
		{Name: "a", Path: "/p/{id}/x", Parent: "p", FromParent: map[string]string{"id": "id"}, Ops: OpList, ListPath: "/x/{other}"},
	}
	for i, s := range bad {
		if err := s.Validate(); err == nil {
			t.Errorf("bad spec %d accepted: %+v", i, s)
		}
	}
}

func TestRegistry(t *testing.T) {
	r, err := NewRegistry(projectSpec, issueSpec)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Register(projectSpec); err == nil || !strings.Contains(err.Error(), "already registered") {
		t.Errorf("duplicate: %v", err)
	}
	orphan := &Spec{Name: "o", Path: "/groups/{group_id}/o", Parent: "group", FromParent: map[string]string{"group_id": "id"}, Ops: OpList}
	if err := r.Register(orphan); err == nil || !strings.Contains(err.Error(), `parent "group"`) {
		t.Errorf("unknown parent: %v", err)
	}
	clone := r.Clone()
	if err := clone.Register(&Spec{Name: "extra", Path: "/extra", Ops: OpList}); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Lookup("extra"); ok {
		t.Error("Clone shares its map with the original")
	}
	if ch := r.Children("project"); len(ch) != 1 || ch[0].Name != issueSpec.Name || ch[0] == issueSpec {
		t.Errorf("Children = %v", ch)
	}
}

// A registry keeps its own copies: changing a spec after registering it,
// or a spec it handed out, changes nothing registered.
func TestRegistryKeepsCopies(t *testing.T) {
	mine := &Spec{Name: "widget", Path: "/widgets", Ops: OpList, ListFilters: []string{"a"},
		CreateAttrs: RequiredOptional{Required: []string{"x"}}, Types: AttrTypes{Array: []string{"a"}}}
	r, err := NewRegistry(mine)
	if err != nil {
		t.Fatal(err)
	}
	mine.Path, mine.ListFilters[0], mine.CreateAttrs.Required[0], mine.Types.Array[0] = "/evil", "b", "y", "b"
	got, _ := r.Lookup("widget")
	if got.Path != "/widgets" || got.ListFilters[0] != "a" || got.CreateAttrs.Required[0] != "x" || got.Types.Of("a") != TypeArray {
		t.Fatalf("registered spec changed with the caller's: %+v", got)
	}
	got.Path, got.ListFilters[0] = "/evil", "b"
	if again, _ := r.Lookup("widget"); again.Path != "/widgets" || again.ListFilters[0] != "a" {
		t.Errorf("Lookup handed out the registered spec: %+v", again)
	}
	c := RootCore(nil, r, "widget")
	c.Spec().Path = "/evil"
	if p, _ := c.Path(); p != "/widgets" || c.Spec().Path != "/widgets" {
		t.Errorf("Core.Spec handed out the registered spec: %q", p)
	}
}

// A registry over a frozen base sees the base's specs, adds its own, and
// extends the base's without changing them for anyone else.
func TestRegistryOverAndExtend(t *testing.T) {
	base, err := NewRegistry(projectSpec, issueSpec)
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewRegistryOver(base), NewRegistryOver(base)
	if err := base.Register(&Spec{Name: "late", Path: "/late", Ops: OpList}); err == nil || !strings.Contains(err.Error(), "frozen") {
		t.Errorf("registering on a frozen registry: %v", err)
	}
	if _, ok := a.Lookup("project_issue"); !ok {
		t.Fatal("the base's specs are not seen")
	}
	if err := a.Register(issueSpec); err == nil || !strings.Contains(err.Error(), "already registered") {
		t.Errorf("re-registering a base spec: %v", err)
	}
	err = a.Extend("project", func(s *Spec) {
		s.Actions = append(s.Actions, Action{Name: "archive", Result: ResultReplace})
		s.ListFilters = append(s.ListFilters, "archived")
	})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := a.Lookup("project"); len(s.Actions) != 1 || s.Actions[0].Name != "archive" {
		t.Errorf("extended spec = %+v", s)
	}
	for _, other := range []*Registry{b, base} {
		if s, _ := other.Lookup("project"); len(s.Actions) != 0 || len(s.ListFilters) != 0 {
			t.Errorf("Extend changed another registry: %+v", s)
		}
	}
	if err := a.Extend("project", func(s *Spec) { s.Name = "other" }); err == nil {
		t.Error("Extend renamed a spec")
	}
	if err := a.Extend("project", func(s *Spec) { s.Path = "relative" }); err == nil {
		t.Error("Extend accepted an invalid spec")
	}
	if err := a.Extend("nope", func(*Spec) {}); err == nil || !strings.Contains(err.Error(), `no manager "nope"`) {
		t.Errorf("Extend of an unknown name: %v", err)
	}
	if n := len(a.Specs()); n != 2 {
		t.Errorf("Specs() over a base: %d specs", n)
	}
}

// undeclaredFromParent returns a project's issues and an issue's notes
// declared without FromParent, fresh for each test.
func undeclaredFromParent() (issue, note *Spec) {
	return &Spec{Name: "project_issue", Path: "/projects/{project_id}/issues", Parent: "project", IDAttr: "iid", Ops: OpsCRUD},
		&Spec{Name: "project_issue_note", Path: "/projects/{project_id}/issues/{issue_iid}/notes", Parent: "project_issue", Ops: OpsCRUD}
}

// FromParent left nil is derived from the parent when the spec is
// registered: shared placeholders from the parent's attributes of the same
// name, the last from its ID attribute. The spec given is not changed; a
// placeholder that is neither is an error naming FromParent.
func TestFromParentDerived(t *testing.T) {
	issue, note := undeclaredFromParent()
	// In any order: NewRegistry registers each after its parent.
	r, err := NewRegistry(note, issue, projectSpec)
	if err != nil {
		t.Fatal(err)
	}
	if issue.FromParent != nil || note.FromParent != nil {
		t.Error("registering changed the caller's spec")
	}
	for name, want := range map[string]map[string]string{
		"project_issue":      {"project_id": "id"},
		"project_issue_note": {"project_id": "project_id", "issue_iid": "iid"},
		"project":            nil,
	} {
		if s, _ := r.Lookup(name); !maps.Equal(s.FromParent, want) {
			t.Errorf("%s: FromParent %v, want %v", name, s.FromParent, want)
		}
	}
	parent := NewObject(NewCore(nil, r, mustLookup(t, r, "project_issue"), NewObject(NewCore(nil, r, projectSpec, nil), []byte(`{"id":7}`))),
		[]byte(`{"iid":3,"project_id":7}`))
	if p, err := parent.ChildCore("project_issue_note").Path(); p != "/projects/7/issues/3/notes" || err != nil {
		t.Errorf("derived path %q %v", p, err)
	}
	// A placeholder that is neither the parent's nor last, or a parent without ID.
	for _, bad := range []*Spec{
		{Name: "x", Path: "/projects/{project_id}/x/{a}/y/{b}", Parent: "project_issue", Ops: OpList},
		{Name: "y", Path: "/p/{other}/{project_id}/issues/{issue_iid}/y", Parent: "project_issue_note", Ops: OpList},
	} {
		if err := r.Register(bad); err == nil || !strings.Contains(err.Error(), "declare FromParent") {
			t.Errorf("%s: %v", bad.Name, err)
		}
	}
	single := &Spec{Name: "current_user", Path: "/user", IDAttr: IDAttrNone, Ops: OpGetWithoutID}
	keys := &Spec{Name: "current_user_key", Path: "/users/{user_id}/keys", Parent: "current_user", Ops: OpList}
	if _, err := NewRegistry(single, keys); err == nil || !strings.Contains(err.Error(), "declare FromParent") {
		t.Errorf("a parent without ID: %v", err)
	}
	// Extend re-derives a FromParent it sets to nil, and keeps a declared one.
	if err := r.Extend("project_issue_note", func(s *Spec) { s.FromParent = nil }); err != nil {
		t.Fatal(err)
	}
	if s, _ := r.Lookup("project_issue_note"); s.FromParent["issue_iid"] != "iid" {
		t.Errorf("Extend: %v", s.FromParent)
	}
	if err := r.Extend("project_issue_note", func(s *Spec) { s.FromParent = map[string]string{"project_id": "project_id", "issue_iid": "id"} }); err != nil {
		t.Fatal(err)
	}
	if s, _ := r.Lookup("project_issue_note"); s.FromParent["issue_iid"] != "id" {
		t.Errorf("Extend: %v", s.FromParent)
	}
}

func mustLookup(t *testing.T, r *Registry, name string) *Spec {
	t.Helper()
	s, ok := r.lookup(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return s
}

// A frozen registry of specs sorted by name serves them as a validating
// registry does, deriving FromParent without changing the specs handed
// over, and refuses a nil spec.
func TestFrozenRegistry(t *testing.T) {
	issue, note := undeclaredFromParent()
	f, err := NewFrozenRegistry(projectSpec, issue, note)
	if err != nil {
		t.Fatal(err)
	}
	checked, err := NewRegistry(note, projectSpec, issue)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Specs(), checked.Specs(); !reflect.DeepEqual(got, want) {
		t.Errorf("frozen %+v\nvalidating %+v", got, want)
	}
	if s, ok := f.lookup("project_issue_note"); !ok || s.FromParent["issue_iid"] != "iid" || note.FromParent != nil {
		t.Errorf("derived %v, handed-over spec %v", s, note.FromParent)
	}
	if _, ok := f.Lookup("project_issues"); ok {
		t.Error("found a name that is not there")
	}
	if err := f.Register(&Spec{Name: "late", Path: "/late", Ops: OpList}); err == nil {
		t.Error("registered on a frozen registry")
	}
	over := NewRegistryOver(f)
	if _, ok := over.Lookup("project_issue"); !ok {
		t.Error("a registry over a frozen one does not see its specs")
	}
	if _, err := NewFrozenRegistry(projectSpec, nil); err == nil {
		t.Error("nil spec accepted")
	}
}

// ActionGroups are appended to Actions when the spec is registered (the
// spec given is unchanged); Validate sees them (a name repeated across a
// group is an error); Endpoints and Action find them on an unregistered
// spec; Clone copies them deeply.
func TestActionGroups(t *testing.T) {
	subscribe := []Action{{Name: "subscribe", Result: ResultReplace}, {Name: "unsubscribe", Result: ResultReplace}}
	todo := []Action{{Name: "todo", Result: ResultNone}}
	s := &Spec{Name: "thing", Path: "/things", Ops: OpGet, Actions: []Action{{Name: "move"}}, ActionGroups: [][]Action{subscribe, todo}}
	if _, ok := s.Action("todo", false); !ok {
		t.Error("Action does not find a group's action")
	}
	var got []string
	for _, e := range s.Endpoints() {
		got = append(got, e.Op)
	}
	if want := []string{"get", "move", "subscribe", "unsubscribe", "todo"}; !slices.Equal(got, want) {
		t.Errorf("Endpoints: %v, want %v", got, want)
	}
	c := s.Clone()
	c.ActionGroups[0][0].Name = "x"
	if subscribe[0].Name != "subscribe" {
		t.Error("Clone shares a group")
	}
	r, err := NewRegistry(s)
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := r.Lookup("thing")
	var names []string
	for _, a := range reg.Actions {
		names = append(names, a.Name)
	}
	if want := []string{"move", "subscribe", "unsubscribe", "todo"}; !slices.Equal(names, want) || reg.ActionGroups != nil {
		t.Errorf("registered actions %v, groups %v", names, reg.ActionGroups)
	}
	if len(s.Actions) != 1 {
		t.Error("registering changed the caller's spec")
	}
	f, _ := NewFrozenRegistry(s)
	if fs, _ := f.Lookup("thing"); !reflect.DeepEqual(fs, reg) {
		t.Errorf("frozen registry: %+v", fs)
	}
	dup := &Spec{Name: "dup", Path: "/dup", Ops: OpGet, Actions: []Action{{Name: "todo"}}, ActionGroups: [][]Action{todo}}
	if err := dup.Validate(); err == nil || !strings.Contains(err.Error(), "unique") {
		t.Errorf("an action repeated by a group: %v", err)
	}
	only := &Spec{Name: "only", Path: "/only", ActionGroups: [][]Action{todo}}
	if err := only.Validate(); err != nil {
		t.Errorf("a spec whose only actions are a group's: %v", err)
	}
}

func TestParseOps(t *testing.T) {
	if ops, err := ParseOps("list, get,create"); err != nil || ops != OpList|OpGet|OpCreate || ops.String() != "list,get,create" {
		t.Errorf("ParseOps = %v %v", ops, err)
	}
	if _, err := ParseOps("list,fly"); err == nil {
		t.Error("unknown op accepted")
	}
}

func TestCheckAttrs(t *testing.T) {
	has := func(keys ...string) func(string) bool {
		return func(k string) bool {
			for _, x := range keys {
				if x == k {
					return true
				}
			}
			return false
		}
	}
	ro := RequiredOptional{Required: []string{"a", "b"}}
	err := CheckAttrs("create", "m", ro, has("a"), "")
	if err == nil || err.Error() != "gitlab: create m: missing attributes: b" {
		t.Errorf("missing: %v", err)
	}
	if err := CheckAttrs("update", "m", ro, has("a"), "b"); err != nil {
		t.Errorf("skip of the ID attribute: %v", err)
	}
	ex := RequiredOptional{Exclusive: []string{"x", "y"}}
	if err := CheckAttrs("create", "m", ex, has("x", "y"), ""); err == nil || !strings.Contains(err.Error(), "only one") {
		t.Errorf("two exclusive: %v", err)
	}
	if err := CheckAttrs("create", "m", ex, has(), ""); err == nil || !strings.Contains(err.Error(), "must provide one") {
		t.Errorf("no exclusive: %v", err)
	}
	if err := CheckAttrs("create", "m", ex, has("y"), ""); err != nil {
		t.Errorf("one exclusive: %v", err)
	}
}

// A root core reads its declaration at its first use, not when made: made
// before its spec is registered it works once it is; made for an unknown
// name it fails with the error saying so; concurrent first uses bind it
// once (run with -race).
func TestRootCoreBindsOnFirstUse(t *testing.T) {
	r, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	early := RootCore(nil, r, "widget")
	unknown := RootCore(nil, r, "nope")
	child := RootCore(nil, r, "widget_part")
	if err := r.Register(&Spec{Name: "widget", Path: "/widgets", Ops: OpList}); err != nil {
		t.Fatal(err)
	}
	if err := r.Register(&Spec{Name: "widget_part", Path: "/widgets/{widget_id}/parts", Parent: "widget", Ops: OpList}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	paths := make([]string, 16)
	for i := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths[i], _ = early.Path()
		}()
	}
	wg.Wait()
	for i, p := range paths {
		if p != "/widgets" {
			t.Fatalf("use %d: path %q, want /widgets", i, p)
		}
	}
	if early.Spec().Name != "widget" || early.Err() != nil {
		t.Errorf("bound to %q, err %v", early.Spec().Name, early.Err())
	}
	if _, err := unknown.Path(); err == nil || !strings.Contains(err.Error(), `no manager "nope" is registered`) {
		t.Errorf("unknown root manager: %v", err)
	}
	if err := child.Err(); err == nil || !strings.Contains(err.Error(), `belongs to "widget" objects`) {
		t.Errorf("a sub-manager's spec as a root manager: %v", err)
	}
	// Bound once: a later change of the registry is not seen.
	if err := r.Extend("widget", func(s *Spec) { s.Path = "/gadgets" }); err != nil {
		t.Fatal(err)
	}
	if p, _ := early.Path(); p != "/widgets" {
		t.Errorf("a bound core changed with the registry: %q", p)
	}
	if p, _ := RootCore(nil, r, "widget").Path(); p != "/gadgets" {
		t.Errorf("a new core does not see the extension: %q", p)
	}
}
