package base

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/tidwall/gjson"
)

// Top-level members of JSON objects, read and written by their exact names.
//
// Attribute names are data, not paths: gjson and sjson give meaning to
// characters such as '.', '*', '#' and a leading ':', so a name like ":a"
// or "a.b" cannot be reached reliably through them. And where an object
// repeats a key, encoding/json (Decode, Attributes) keeps the last value
// while gjson reads the first. These helpers take every name literally and
// apply encoding/json's rule everywhere: the last member of a name wins.

// rawMember is where one member of a JSON object lies: its quoted key at
// obj[keyStart:keyEnd], whether the key holds escapes, and its value at
// obj[start:end].
type rawMember struct {
	keyStart, keyEnd int
	escaped          bool
	start, end       int
}

// key is the member's key between its quotes, still escaped.
func (m rawMember) key(obj []byte) []byte { return obj[m.keyStart+1 : m.keyEnd-1] }

// name is the member's name, unescaped as encoding/json does.
func (m rawMember) name(obj []byte) string {
	if !m.escaped {
		return string(m.key(obj))
	}
	var s string
	if json.Unmarshal(obj[m.keyStart:m.keyEnd], &s) != nil {
		return string(m.key(obj))
	}
	return s
}

// is reports whether the member is called name.
func (m rawMember) is(obj []byte, name string) bool {
	if !m.escaped {
		return string(m.key(obj)) == name
	}
	return m.name(obj) == name
}

// forEachMember calls fn with each member of the JSON object obj, in
// order. It stops when fn returns false, and at the first malformed byte
// (obj is then read up to there).
func forEachMember(obj []byte, fn func(m rawMember) bool) {
	i := skipWS(obj, 0)
	if i >= len(obj) || obj[i] != '{' {
		return
	}
	i = skipWS(obj, i+1)
	if i < len(obj) && obj[i] == '}' {
		return
	}
	for i < len(obj) && obj[i] == '"' {
		m := rawMember{keyStart: i}
		// Keys are short and seldom escaped: look for the closing quote directly.
		j := i + 1
		for j < len(obj) && obj[j] != '"' && obj[j] != '\\' && obj[j] >= 0x20 {
			j++
		}
		if j >= len(obj) {
			return
		}
		if obj[j] == '"' {
			m.keyEnd = j + 1
		} else {
			end, ok, escaped := scanString(obj, i+1)
			if !ok {
				return
			}
			m.keyEnd, m.escaped = end, escaped
		}
		i = skipWS(obj, m.keyEnd)
		if i >= len(obj) || obj[i] != ':' {
			return
		}
		m.start = skipWS(obj, i+1)
		end, ok := scanValue(obj, m.start, nil)
		if !ok {
			return
		}
		m.end = end
		if !fn(m) {
			return
		}
		i = skipWS(obj, end)
		if i >= len(obj) || obj[i] != ',' {
			return
		}
		i = skipWS(obj, i+1)
	}
}

// member returns the value of the member called name of the JSON object
// obj: the last one, as encoding/json reads repeated keys; or, with first,
// the first one, which is the only one in an object whose keys are known to
// be distinct (the scan stops there).
func member(obj []byte, name string, first bool) ([]byte, bool) {
	var val []byte
	found := false
	forEachMember(obj, func(m rawMember) bool {
		if m.is(obj, name) {
			val, found = obj[m.start:m.end], true
		}
		return !(first && found)
	})
	return val, found
}

// memberResult is member as a gjson.Result (Exists() false when absent).
func memberResult(obj []byte, name string) gjson.Result {
	if v, ok := member(obj, name, false); ok {
		return gjson.ParseBytes(v)
	}
	return gjson.Result{}
}

// memberValue is one member to write: its name, its quoted key and its raw
// JSON value.
type memberValue struct {
	name   string
	quoted []byte
	value  []byte
}

// newMember renders a member to write.
func newMember(name string, value []byte) memberValue {
	quoted, _ := marshalJSON(name) // a string always encodes
	return memberValue{name: name, quoted: quoted, value: value}
}

// marshalJSON encodes v as encoding/json does, but leaves <, > and & as
// they are (JSON does not need them escaped): what Set records and sends.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// membersOf lists the members of a JSON object, to write them elsewhere.
func membersOf(obj []byte) []memberValue {
	var out []memberValue
	forEachMember(obj, func(m rawMember) bool {
		out = append(out, memberValue{name: m.name(obj), quoted: obj[m.keyStart:m.keyEnd], value: obj[m.start:m.end]})
		return true
	})
	return out
}

// withMembers returns a new JSON object: obj where each member named in set
// has set's value. A member obj already has keeps its place (that of its
// first occurrence; repetitions are dropped); the others are appended. obj
// is not modified.
func withMembers(obj []byte, set []memberValue) []byte {
	out := make([]byte, 0, len(obj)+64*len(set))
	out = append(out, '{')
	done := make([]bool, len(set))
	add := func(key, value []byte) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(append(append(out, key...), ':'), value...)
	}
	forEachMember(obj, func(m rawMember) bool {
		for i := range set {
			if m.is(obj, set[i].name) {
				if !done[i] {
					add(set[i].quoted, set[i].value)
					done[i] = true
				}
				return true
			}
		}
		add(obj[m.keyStart:m.keyEnd], obj[m.start:m.end])
		return true
	})
	for i := range set {
		if !done[i] {
			add(set[i].quoted, set[i].value)
		}
	}
	return append(out, '}')
}

// plainPath splits a dotted path of plain names ("namespace.full_path"),
// to be followed member by member with the last-wins rule; ok is false
// when path uses gjson syntax (wildcards, queries, modifiers, escapes,
// multipaths), which is left to gjson.
func plainPath(path string) ([]string, bool) {
	if path == "" || strings.ContainsAny(path, `\*?#@|!`) || path[0] == '[' || path[0] == '{' {
		return nil, false
	}
	return strings.Split(path, "."), true
}
