package base

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
)

var jsonCases = []string{
	`{}`, `[]`, ` [ 1 , 2 ] `, `{"a":1}`, `"x"`, `-0.5e+10`, `0`, `true`, `null`, `false`,
	`{"a":"\u00e9\n\"q\"\\","b":[{"c":null}]}`, `"` + strings.Repeat("abcdefgh", 9) + `"`,
	`{"k":"` + strings.Repeat("é", 40) + `"}`,
	// invalid
	``, `{`, `[1,]`, `{"a":}`, `{"a" 1}`, `{a:1}`, `[1 2]`, `"abc`, `"a\qb"`, `"a\u12"`, `"a` + "\n" + `b"`,
	`01`, `1.`, `-`, `1e`, `tru`, `nul`, `{"a":1}x`, `[1]]`, `{"a":1,}`, `"` + strings.Repeat("x", 20) + "\x01" + `"`,
	strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1),
	strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth),
	strings.Repeat(`{"a":`, maxJSONDepth) + "{}" + strings.Repeat("}", maxJSONDepth),
	strings.Repeat(`{"a":`, maxJSONDepth-1) + "{}" + strings.Repeat("}", maxJSONDepth-1),
}

// The scanner agrees with encoding/json on every case.
func TestValidJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, c := range jsonCases {
		if got, want := validJSON([]byte(c)), json.Valid([]byte(c)); got != want {
			t.Errorf("validJSON(%.60q…, %d bytes) = %v, encoding/json says %v", c, len(c), got, want)
		}
	}
	raw, err := os.ReadFile("../testdata/project.json")
	if err != nil {
		t.Fatal(err)
	}
	if !validJSON(raw) {
		t.Fatal("fixture rejected")
	}
	// Every truncation of a real object is invalid.
	for i := 0; i < len(raw)-1; i += 7 {
		if validJSON(raw[:i]) {
			t.Fatalf("truncated at %d accepted", i)
		}
	}
}

func FuzzValidJSON(f *testing.F) {
	for _, c := range jsonCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := validJSON(b), json.Valid(b); got != want {
			t.Fatalf("validJSON(%q) = %v, encoding/json says %v", b, got, want)
		}
	})
}

// wireSpaces are white space characters around bodies: JSON's own four, and
// others that bytes.TrimSpace (but not encoding/json) removes.
var wireSpaces = []string{" ", "\r\n\t", "\f", "\v", "\u00a0", "\u0085", "\u2028", "\u2029", "\u3000", "\x00"}

var wireManager = NewManager(testCore(projectSpec, nil), func(o *Object) *Object { return o })

// checkWireBody checks that a body as it comes off the wire is accepted as
// an object (decodeObject) and as a list page (parsePage) exactly when
// encoding/json accepts it as a JSON object, or as an array of objects.
func checkWireBody(t *testing.T, b []byte) {
	t.Helper()
	req := &Request{Op: "get", Method: http.MethodGet}
	resp := &Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: b, URL: "https://gitlab.example.com/api/v4/projects"}
	var obj map[string]json.RawMessage
	wantObject := json.Unmarshal(b, &obj) == nil && obj != nil
	if _, _, err := decodeObject(req, resp); (err == nil) != wantObject {
		t.Errorf("decodeObject(%q): error %v, encoding/json accepts it as an object: %v", b, err, wantObject)
	}
	var items []json.RawMessage
	wantPage := json.Unmarshal(b, &items) == nil && items != nil
	for _, it := range items {
		wantPage = wantPage && it[0] == '{'
	}
	if _, err := parsePage(wireManager, req, resp, nil); (err == nil) != wantPage {
		t.Errorf("parsePage(%q): error %v, encoding/json accepts it as an array of objects: %v", b, err, wantPage)
	}
}

// Bodies wrapped in white space that JSON does not allow are refused, as
// encoding/json refuses them.
func TestWireBodiesAgreeWithEncodingJSON(t *testing.T) {
	for _, c := range append(jsonCases, `[{"a":1},{}]`, `[1]`, `[{"a":1},null]`) {
		for _, ws := range wireSpaces {
			checkWireBody(t, []byte(c))
			checkWireBody(t, []byte(ws+c))
			checkWireBody(t, []byte(c+ws))
			checkWireBody(t, []byte(ws+c+ws))
		}
	}
}

// FuzzWireBodies feeds bodies as they come off the wire (with the trimming
// around them) to the object and page decoders.
func FuzzWireBodies(f *testing.F) {
	for _, c := range jsonCases {
		for _, ws := range wireSpaces {
			f.Add([]byte(ws + c + ws))
		}
	}
	f.Fuzz(checkWireBody)
}

func TestSplitJSONArray(t *testing.T) {
	b := []byte(` [ {"a":[1,2]} , "s", 3 ,{}] `)
	var parts []string
	if err := splitJSONArray(b, func(s, e int, _ bool) bool { parts = append(parts, string(b[s:e])); return true }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(parts, "|") != `{"a":[1,2]}|"s"|3|{}` {
		t.Errorf("parts = %q", parts)
	}
	for _, bad := range []string{`{}`, `[1,`, `[{"a":1}`, `[1]x`, `[{"a":tru}]`} {
		if err := splitJSONArray([]byte(bad), func(int, int, bool) bool { return true }); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	n := 0
	_ = splitJSONArray([]byte(`[1,2,3]`), func(int, int, bool) bool { n++; return n < 2 })
	if n != 2 {
		t.Errorf("stop: %d calls", n)
	}
}

// refDistinct is what keySet should say of one object: its top-level keys
// are distinct and none is written with an escape.
func refDistinct(t *testing.T, obj []byte) bool {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(obj))
	var members map[string]json.RawMessage
	if err := json.Unmarshal(obj, &members); err != nil {
		t.Fatalf("%s: %v", obj, err)
	}
	var raw []string // the keys as written
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		start := dec.InputOffset()
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
		raw = append(raw, strings.TrimLeft(string(obj[start:dec.InputOffset()]), " ,"))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for _, k := range raw {
		if strings.Contains(k, `\`) || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// The objects of a page are told distinct or not one by one, whatever the
// objects before them: the same keys in the same order (read by comparing
// with the object before), a prefix or an extension of them, other orders,
// repeats anywhere, escaped keys, nested objects with the same keys.
func TestSplitJSONArrayDistinctKeys(t *testing.T) {
	check := func(objs []string) {
		t.Helper()
		page := []byte("[" + strings.Join(objs, ",") + "]")
		i := 0
		err := splitJSONArray(page, func(s, e int, distinct bool) bool {
			if want := refDistinct(t, page[s:e]); distinct != want {
				t.Errorf("object %d %s of page %s: distinct %v, want %v", i, page[s:e], page, distinct, want)
			}
			i++
			return true
		})
		if err != nil || i != len(objs) {
			t.Fatalf("page %s: %v, %d objects", page, err, i)
		}
	}
	check([]string{`{"a":1,"b":2}`, `{"a":1,"b":2}`, `{"a":1,"a":2}`, `{"a":1,"b":2,"a":3}`, `{"a":1}`, `{"a":1,"b":2,"c":3}`,
		`{"a":1,"b":2,"c":3,"c":4}`, `{"b":1,"a":2,"b":3}`, `{"a\u0062":1,"b":2}`, `{"a":{"a":1,"a":2},"b":2}`, `{"a":{"a":1},"b":2}`,
		`{}`, `{"a":1,"b":2}`, `{"ab":1,"b":2}`, `{"a":1,"b":2}`, `{"a":1,"b":2,"b":2}`, `{"a":1, "b" :2}`, `{"a":1,"b":2}`})
	keys := []string{`"a"`, `"b"`, `"ab"`, `"id"`, `"i\u0064"`, `"a\"b"`, `"name"`}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		objs := make([]string, 1+rnd.IntN(6))
		for j := range objs {
			if j > 0 && rnd.IntN(2) == 0 {
				objs[j] = objs[j-1] // the same keys again, as GitLab's pages have them
				continue
			}
			n := rnd.IntN(5)
			members := make([]string, n)
			for m := range members {
				members[m] = keys[rnd.IntN(len(keys))] + ":" + strconv.Itoa(m)
			}
			objs[j] = "{" + strings.Join(members, ",") + "}"
		}
		check(objs)
	}
}
