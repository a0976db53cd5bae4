package gitlab_test

// Issue 8 ("Hardening"): no request to a wrong URL, exact IDs and
// attribute names, one rule for repeated JSON keys, empty array parameters.

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/golab/gitlab"
)

// echoBody answers every request with its own body (or {"id":1}), as a
// GitLab update answers with the updated object.
func echoBody(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	if len(b) == 0 {
		b = []byte(`{"id":1}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// sentNothing fails the test when the server received a request.
func sentNothing(t *testing.T, rec *capture, what string) {
	t.Helper()
	if reqs := rec.requests(); len(reqs) > 0 {
		t.Errorf("%s: %d request(s) sent, the first %s %s", what, len(reqs), reqs[0].Method, reqs[0].Path)
	}
}

// Item 6: an empty list parameter sends nothing (python-gitlab), not
// iids[]= (one empty value, which GitLab reads as a filter).
func TestEmptyArrayParameterSendsNothing(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `[]`))
	gl := rec.client(t)
	issues := gl.Projects.Lazy(1).Issues()
	for _, params := range []gitlab.Params{
		{"iids": []int{}}, {"iids": []string{}}, {"iids": []any{}}, {"iids[]": []int64{}},
		{"labels": []string{}}, // a comma-separated list: labels= would be a filter too
	} {
		if _, err := issues.List(ctx, params); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range rec.requests() {
		if r.RawQuery != "" {
			t.Errorf("query %q sent for an empty list", r.RawQuery)
		}
	}
}

// Item 11: the IDs "." and ".." never become dot segments of a URL path
// (DELETE /projects/5/issues/.. is DELETE /projects/5 after normalisation):
// they are refused before sending, wherever an ID reaches a path.
func TestDotSegmentIDsAreRefused(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `[{"id":"..","iid":".."}]`))
	gl := rec.client(t)
	for _, id := range []any{".", ".."} {
		if _, err := gl.Projects.Get(ctx, id); err == nil || !strings.Contains(err.Error(), "dot segment") {
			t.Errorf("Get(%q): %v", id, err)
		}
		if err := gl.Projects.Delete(ctx, id); err == nil {
			t.Errorf("Delete(%q) accepted", id)
		}
		if _, err := gl.Projects.Update(ctx, id, gitlab.Attrs{"name": "x"}); err == nil {
			t.Errorf("Update(%q) accepted", id)
		}
		if err := gl.Projects.Lazy(id).Delete(ctx); err == nil {
			t.Errorf("Lazy(%q).Delete accepted", id)
		}
		if _, err := gl.Projects.Lazy(id).Issues().List(ctx, nil); err == nil {
			t.Errorf("Lazy(%q).Issues() accepted", id)
		}
		if _, err := gl.Projects.Lazy(1).Issues().Get(ctx, id); err == nil {
			t.Errorf("Issues().Get(%q) accepted", id)
		}
		if _, err := gl.Projects.Lazy(1).Files().Create(ctx, gitlab.Attrs{"file_path": id, "branch": "main",
			"content": "x", "commit_message": "m"}); err == nil {
			t.Errorf("Files().Create(file_path %q) accepted", id)
		}
		if _, err := gl.Features.Set(ctx, id.(string), true); err == nil {
			t.Errorf("Features.Set(%q) accepted", id)
		}
		// Placeholders of action paths too (a file's raw content).
		if _, err := gl.Projects.Lazy(1).Files().Raw(ctx, gitlab.Attrs{"file_path": id, "ref": "main"}); err == nil {
			t.Errorf("Files().Raw(%q) accepted", id)
		}
	}
	sentNothing(t, rec, "dot-segment IDs")
	// EscapeID itself encodes them, for paths callers build: a proxy that
	// does not decode %2E cannot normalise them away.
	if got := gitlab.EscapeID(".."); got != "%2E%2E" {
		t.Errorf("EscapeID(\"..\") = %s", got)
	}

	// GitLab's own answer cannot make one either: a listed project whose id
	// is ".." has no ID, and its sub-managers fail with a *PathError.
	p := must(gl.Projects.List(ctx, nil))(t).Items[0]
	var pe *gitlab.PathError
	if _, err := p.Issues().List(ctx, nil); !errors.As(err, &pe) {
		t.Errorf("issues of a project whose id is \"..\": %v", err)
	}
	if err := p.Delete(ctx); err == nil {
		t.Error("a project whose id is \"..\" was deleted")
	}
	if n := len(rec.requests()); n != 1 {
		t.Errorf("%d requests, want only the list", n)
	}
}

// Item 12: writes on an object with no usable ID are refused before
// sending; they never reach the collection (DELETE /projects).
func TestWritesWithoutIDAreRefused(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `[{"name":"no id"},{"id":null},{"id":1.5},{"id":true},{"id":{"a":1}}]`))
	gl := rec.client(t)
	page := must(gl.Projects.List(ctx, nil))(t)
	objs := page.Items
	for _, id := range []any{nil, "", 1.5, []int{1}} {
		objs = append(objs, gl.Projects.Lazy(id))
	}
	for i, p := range objs {
		var ae *gitlab.AttrError
		if err := p.Delete(ctx); !errors.As(err, &ae) || ae.Missing[0] != "id" {
			t.Errorf("object %d (%s): Delete: %v", i, p.Changes(), err)
		}
		if err := p.Star(ctx); !errors.As(err, &ae) {
			t.Errorf("object %d: Star: %v", i, err)
		}
		if err := p.Refresh(ctx); !errors.As(err, &ae) {
			t.Errorf("object %d: Refresh: %v", i, err)
		}
		if err := p.Set("description", "x"); err != nil {
			t.Fatal(err)
		}
		if err := p.Save(ctx); !errors.As(err, &ae) || !strings.Contains(err.Error(), "save project: missing attributes: id") {
			t.Errorf("object %d: Save: %v", i, err)
		}
		if !p.Dirty() {
			t.Errorf("object %d: a refused Save dropped the changes", i)
		}
	}
	if n := len(rec.requests()); n != 1 {
		t.Errorf("%d requests, want only the list: %+v", n, rec.requests()[1:])
	}
}

// stringID is an ID type of the caller's, printed by String.
type stringID string

func (s stringID) String() string { return string(s) }

// projectID is a caller's integer ID type.
type projectID int64

// Item 13: IDs keep their exact value everywhere: huge integers (no
// float64 on the way), fmt.Stringer, named integer and string types; an
// empty Stringer is refused, not sent as /projects/.
func TestIDsKeepTheirExactValue(t *testing.T) {
	rec := newCapture(t, echoBody)
	gl := rec.client(t)
	cases := []struct {
		id       any
		wantID   string
		wantPath string
	}{
		{int64(9007199254740993), "9007199254740993", "/api/v4/projects/9007199254740993"},
		{uint64(math.MaxUint64), "18446744073709551615", "/api/v4/projects/18446744073709551615"},
		{int64(math.MinInt64), "-9223372036854775808", "/api/v4/projects/-9223372036854775808"},
		{stringID("group/sub"), "group/sub", "/api/v4/projects/group%2Fsub"},
		{projectID(42), "42", "/api/v4/projects/42"},
		{json.Number("12345678901234567890"), "12345678901234567890", "/api/v4/projects/12345678901234567890"},
	}
	for i, tc := range cases {
		lazy := gl.Projects.Lazy(tc.id)
		if lazy.ID() != tc.wantID {
			t.Errorf("Lazy(%v).ID() = %q, want %q", tc.id, lazy.ID(), tc.wantID)
		}
		if err := lazy.Delete(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := gl.Projects.Get(ctx, tc.id); err != nil {
			t.Fatal(err)
		}
		reqs := rec.requests()
		for _, r := range reqs[2*i:] {
			if r.Path != tc.wantPath {
				t.Errorf("%s for ID %v: path %s, want %s", r.Method, tc.id, r.Path, tc.wantPath)
			}
		}
	}
	// A lazy integer ID is a JSON number with every digit.
	if raw := gl.Projects.Lazy(uint64(math.MaxUint64)).Attr("id").Raw; raw != "18446744073709551615" {
		t.Errorf("lazy uint64 ID stored as %s", raw)
	}
	before := len(rec.requests())
	if _, err := gl.Projects.Get(ctx, stringID("")); err == nil || !strings.Contains(err.Error(), "empty ID") {
		t.Errorf("empty Stringer: %v", err)
	}
	if err := gl.Projects.Lazy(stringID("")).Delete(ctx); err == nil {
		t.Error("Lazy(empty Stringer).Delete accepted")
	}
	if n := len(rec.requests()); n != before {
		t.Errorf("an empty Stringer ID sent %d request(s)", n-before)
	}
}

// attributeNames are names that gjson/sjson path syntax would change.
var attributeNames = []string{
	":a", "a.b", "#", "*", "?", "a|b", "@this", `\`, `a\.b`, "!x", "0", "-1", "", " ", "é", `a"b`, "..",
	"=", "a:b", "[0]", "{x}", "a,b", "\x01", "\u2028", "#(a=1)", "a.#", "name", "@reverse", "a<b&c>",
}

// Item 14: every attribute name round-trips exactly through Set, Attr,
// Changed, Changes, Save (the body sent) and the object after Save.
func TestAttributeNamesRoundTrip(t *testing.T) {
	rec := newCapture(t, echoBody)
	gl := rec.client(t)
	p := gl.Projects.Lazy(3)
	for i, name := range attributeNames {
		if err := p.Set(name, i); err != nil {
			t.Fatalf("Set(%q): %v", name, err)
		}
	}
	check := func(when string) {
		for i, name := range attributeNames {
			if r := p.Attr(name); !r.Exists() || r.Int() != int64(i) {
				t.Errorf("%s: Attr(%q) = %s, want %d", when, name, r.Raw, i)
			}
		}
	}
	check("after Set")
	for _, name := range attributeNames {
		if !p.Changed(name) {
			t.Errorf("Changed(%q) = false", name)
		}
	}
	var changes map[string]int
	if err := json.Unmarshal(p.Changes(), &changes); err != nil || len(changes) != len(attributeNames) {
		t.Fatalf("Changes() = %s (%v)", p.Changes(), err)
	}
	if err := p.Save(ctx); err != nil {
		t.Fatal(err)
	}
	var sent map[string]int
	if err := json.Unmarshal([]byte(rec.requests()[0].Body), &sent); err != nil {
		t.Fatal(err)
	}
	for i, name := range attributeNames {
		if v, ok := sent[name]; !ok || v != i {
			t.Errorf("Save sent %q = %d (present: %t), want %d", name, v, ok, i)
		}
	}
	if len(sent) != len(attributeNames) {
		t.Errorf("Save sent %d attributes, want %d: %s", len(sent), len(attributeNames), rec.requests()[0].Body)
	}
	check("after Save")
	if p.Attr("a").Exists() || p.Attr("x").Exists() {
		t.Error(`":a" or "!x" was also recorded under another name`)
	}
	if err := p.Set("\xff", 1); err == nil {
		t.Error("a name that is not UTF-8 (which JSON cannot carry) was accepted")
	}
}

// Also (issue 8): where GitLab's JSON repeats a key, the last value counts
// everywhere, as in encoding/json: ID, Attr and Get*, Lookup, Decode,
// Attributes, MarshalJSON, the object's URL, a pending change, error
// messages and Version.
func TestRepeatedKeysLastWins(t *testing.T) {
	rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/api/v4/version":
			io.WriteString(w, `{"version":"1.0","revision":"a","version":"17.5.0"}`)
		case r.URL.Path == "/api/v4/projects/404":
			w.WriteHeader(404)
			io.WriteString(w, `{"message":"first","message":"404 Project Not Found"}`)
		case r.Method == http.MethodGet:
			io.WriteString(w, `{"id":1,"name":"first","namespace":{"path":"a","path":"b"},"name":"second","\u0069d":7}`)
		default:
			echoBody(w, r)
		}
	})
	gl := rec.client(t)
	p := must(gl.Projects.Get(ctx, 1))(t)
	var s struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	if err := p.Decode(&s); err != nil {
		t.Fatal(err)
	}
	attrs := p.Attributes()
	if p.ID() != "7" || s.ID != 7 || p.GetInt("id") != 7 || attrs["id"].(json.Number) != "7" {
		t.Errorf("id: ID()=%q Decode=%d GetInt=%d Attributes=%v", p.ID(), s.ID, p.GetInt("id"), attrs["id"])
	}
	if p.GetString("name") != "second" || s.Name != "second" || attrs["name"] != "second" || p.Lookup("name").String() != "second" {
		t.Errorf("name: GetString=%q Decode=%q Attributes=%v", p.GetString("name"), s.Name, attrs["name"])
	}
	if got := p.Lookup("namespace.path").String(); got != "b" {
		t.Errorf(`Lookup("namespace.path") = %q, want "b"`, got)
	}
	if err := p.Set("name", "third"); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(p)
	if err := json.Unmarshal(out, &s); err != nil || s.Name != "third" || p.GetString("name") != "third" {
		t.Errorf("after Set: MarshalJSON %s, Attr %q", out, p.GetString("name"))
	}
	if err := p.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if last := rec.requests()[1]; last.Path != "/api/v4/projects/7" {
		t.Errorf("Save went to %s, want the object's last id 7", last.Path)
	}
	if _, err := gl.Projects.Get(ctx, 404); err == nil || err.Error() != "404: 404 Project Not Found" {
		t.Errorf("error message: %v", err)
	}
	if v, _, err := gl.Version(ctx); err != nil || v != "17.5.0" {
		t.Errorf("Version() = %q, %v", v, err)
	}
}

// Item 7: Set sends GitLab's other attributes of a feature flag in its body
// (user, group, project, namespace, repository, feature_group, key), as
// GitLab documents (https://docs.gitlab.com/api/features/#set-or-create-a-feature).
func TestFeatureSetBodyAttributes(t *testing.T) {
	rec := newCapture(t, jsonReply(201, `{"name":"dark_mode","state":"conditional","gates":[]}`))
	gl := rec.client(t)
	attrs := gitlab.Attrs{"user": "alice", "group": "g", "project": "g/p", "namespace": "g", "repository": "g/p.git",
		"feature_group": "experiment", "key": "percentage_of_actors", "value": "ignored"}
	if _, err := gl.Features.Set(ctx, "dark_mode", 30, gitlab.WithSetAttrs(attrs)); err != nil {
		t.Fatal(err)
	}
	r := rec.requests()[0]
	var body map[string]any
	if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
		t.Fatal(err)
	}
	if r.Method != http.MethodPost || r.Path != "/api/v4/features/dark_mode" || r.RawQuery != "" {
		t.Errorf("%s %s?%s", r.Method, r.Path, r.RawQuery)
	}
	for k, v := range attrs {
		if k == "value" {
			v = float64(30) // Set's value wins
		}
		if body[k] != v {
			t.Errorf("body %s = %v, want %v (body %s)", k, body[k], v, r.Body)
		}
	}

	// Against the fake GitLab: the actor gate is set from the body.
	_, fake := fakeClient(t)
	f := must(fake.Features.Set(ctx, "new_nav", true, gitlab.WithSetAttrs(gitlab.Attrs{"user": "alice"})))(t)
	if gates := f.Lookup("gates").Raw; !strings.Contains(gates, `"User:`) {
		t.Errorf("gates = %s, want an actor gate for alice", gates)
	}
}
