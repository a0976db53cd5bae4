package base

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"unicode/utf8"
)

var memberCases = []string{
	`{}`, `{"a":1}`, ` { "a" : 1 , "b" : [1,{"a":2}] } `, `{"a":1,"a":2}`, `{"id":1,"\u0069d":2}`,
	`{"a.b":1,":a":2,"#":3,"*":4,"":5,"\"":6,"\\":7,"é":8,"\u00e9":9}`, `{"a":{"a":1,"a":2},"a":{"b":3}}`,
	`{"x":"\u003c","x":null}`, `{"k\n":1}`, `[{"a":1}]`, `{"a":1,}`, `{"a" 1}`, `{"a":1`, `null`, `"a"`,
}

// checkMembers checks the member readers and writers against encoding/json
// on one body: every name reads as encoding/json decodes it (the last of a
// repeated key), the first match is the only one where scanObject says the
// keys are distinct, and rewriting members keeps what encoding/json reads.
func checkMembers(t *testing.T, b []byte) {
	t.Helper()
	if !utf8.Valid(b) {
		return // encoding/json rewrites invalid UTF-8 in keys: nothing to agree on
	}
	var want map[string]json.RawMessage
	if json.Unmarshal(b, &want) != nil || want == nil {
		return
	}
	valid, distinct := scanObject(b)
	if !valid {
		t.Fatalf("scanObject(%q) says invalid, encoding/json decodes it", b)
	}
	for name, v := range want {
		got, ok := member(b, name, false)
		if !ok || !bytes.Equal(got, v) {
			t.Errorf("member(%q, %q, false) = %s, %v; encoding/json: %s", b, name, got, ok, v)
		}
		if first, _ := member(b, name, true); distinct && !bytes.Equal(first, v) {
			t.Errorf("keys of %q said distinct, but the first %q is %s, the last %s", b, name, first, v)
		}
	}
	var n int
	forEachMember(b, func(rawMember) bool { n++; return true })
	if distinct && n != len(want) {
		t.Errorf("keys of %q said distinct, but %d members have %d names", b, n, len(want))
	}
	var again map[string]json.RawMessage
	rewritten := withMembers(b, membersOf(b))
	if err := json.Unmarshal(rewritten, &again); err != nil || !reflect.DeepEqual(again, want) {
		t.Errorf("withMembers(%q) = %s (%v), which reads differently", b, rewritten, err)
	}
	if !validJSON(rewritten) {
		t.Errorf("withMembers(%q) = %s, not JSON", b, rewritten)
	}
}

func TestMembersAgreeWithEncodingJSON(t *testing.T) {
	for _, c := range memberCases {
		checkMembers(t, []byte(c))
	}
	raw := []byte(`{"id":1,"id":2}`)
	if _, distinct := scanObject(raw); distinct {
		t.Error("a repeated key was not seen")
	}
	if _, distinct := scanObject([]byte(`{"id":1,"\u0069d":2}`)); distinct {
		t.Error("an escaped key was not seen")
	}
	if _, distinct := scanObject([]byte(`{"a":{"b":1,"b":2},"b":3}`)); !distinct {
		t.Error("a repeated key of a nested object made the top level odd")
	}
	// Every object of the fixture has distinct keys (no false alarm from the hash).
	fixture, err := os.ReadFile("../testdata/project.json")
	if err != nil {
		t.Fatal(err)
	}
	if valid, distinct := scanObject(fixture); !valid || !distinct {
		t.Errorf("fixture: valid %v, distinct %v", valid, distinct)
	}
}

func FuzzMembers(f *testing.F) {
	for _, c := range memberCases {
		f.Add([]byte(c))
	}
	f.Fuzz(checkMembers)
}

// Set records []byte as text and leaves <, > and & unescaped, in names and
// values, as it always did; json.RawMessage is kept as it is.
func TestSetEncoding(t *testing.T) {
	o := NewObject(testCore(projectSpec, nil), []byte(`{"id":1}`))
	for name, v := range map[string]any{"content": []byte("<x>&"), "a<b": 1, "raw": json.RawMessage(` {"k":[1]} `), "nil": nil} {
		if err := o.Set(name, v); err != nil {
			t.Fatal(err)
		}
	}
	want := `{"content":"<x>&","a<b":1,"raw":{"k":[1]},"nil":null}`
	var got, exp map[string]any
	if json.Unmarshal(o.Changes(), &got) != nil || json.Unmarshal([]byte(want), &exp) != nil || !reflect.DeepEqual(got, exp) ||
		!bytes.Contains(o.Changes(), []byte(`"content":"<x>&"`)) || !bytes.Contains(o.Changes(), []byte(`"a<b":1`)) {
		t.Errorf("Changes() = %s, want the members of %s", o.Changes(), want)
	}
}
