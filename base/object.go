package base

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

type objFlags uint8

const (
	flagFromList objFlags = 1 << iota
	flagLazy
	// flagDistinct: raw was validated and its top-level keys are distinct
	// and unescaped, so the first member of a name is the only one.
	flagDistinct
	// flagLent: raw is in a page buffer Scan lends, reused after the
	// loop's step (expire), unless Keep copies it out first.
	flagLent
	// flagExpired: the object was lent and its step is over: raw is gone.
	flagExpired
)

// distinctFlag is flagDistinct when distinct is true.
func distinctFlag(distinct bool) objFlags {
	if distinct {
		return flagDistinct
	}
	return 0
}

// Object is a GitLab resource: the server's JSON kept raw and never modified
// in place, plus a separate buffer of local changes. Reads see the changes
// first, then the server's data, then the attributes inherited from the
// parent (such as project_id for an issue's notes).
//
// An Object is not safe for concurrent modification; concurrent reads are fine.
type Object struct {
	core    *Core
	raw     []byte // the server's JSON object; replaced, never written to
	changes []byte // a JSON object of pending changes, nil when there are none
	flags   objFlags
}

// data is the server's JSON object; reading an expired object of Scan is
// a programming error, reported as one.
func (o *Object) data() []byte {
	if o.flags&flagExpired != 0 {
		panic("gitlab: an object of " + o.core.spec().Name + " was read after its step of a Scan loop: " +
			"its page buffer is reused; call Keep on it within the step to keep it")
	}
	return o.raw
}

// Keep makes an object yielded by Scan valid after the loop's step, by
// copying its data out of the page buffer Scan reuses; on any other object
// it does nothing.
func (o *Object) Keep() {
	if o.flags&flagLent != 0 {
		o.raw = bytes.Clone(o.raw)
		o.flags &^= flagLent
	}
}

// expire ends a lent object's validity: the end of its Scan step. A kept
// object, or one whose data was replaced since (Save, Refresh), is not lent.
func (o *Object) expire() {
	if o.flags&flagLent != 0 {
		o.raw, o.flags = nil, o.flags&^flagLent|flagExpired
	}
}

// NewObject builds an object of the manager c from a server JSON object. raw
// is kept, not copied: it must not be modified afterwards.
func NewObject(c *Core, raw []byte) *Object { return &Object{core: c, raw: raw} }

// Core is the manager core the object belongs to.
func (o *Object) Core() *Core { return o.core }

// Spec returns a copy of the declaration of the object's manager.
func (o *Object) Spec() *Spec { return o.core.spec().Clone() }

// lookup reads a gjson path from the changes, the server data, then the
// parent attributes (for paths that use gjson's syntax; see Lookup).
func (o *Object) lookup(path string) gjson.Result {
	if o.changes != nil {
		if r := gjson.GetBytes(o.changes, path); r.Exists() {
			return r
		}
	}
	if r := gjson.GetBytes(o.data(), path); r.Exists() {
		return r
	}
	if o.core != nil && o.core.b().parentAttrs != nil {
		return gjson.GetBytes(o.core.b().parentAttrs, path)
	}
	return gjson.Result{}
}

// Attr returns the attribute called name, taken literally: any name, dots,
// colons and wildcards included. A missing attribute gives a Result whose
// Exists() is false; Value says why. Where GitLab's JSON repeats a key, the
// last value counts, as for Decode and Attributes (encoding/json's rule).
func (o *Object) Attr(name string) gjson.Result {
	if o.changes != nil {
		if v, ok := member(o.changes, name, false); ok {
			return gjson.ParseBytes(v)
		}
	}
	if v, ok := o.rawMember(name); ok {
		return gjson.ParseBytes(v)
	}
	if o.core != nil && o.core.b().parentAttrs != nil {
		return memberResult(o.core.b().parentAttrs, name)
	}
	return gjson.Result{}
}

// rawMember reads a member of the server data: the first match when its
// keys are known to be distinct, else the last one (a full scan).
func (o *Object) rawMember(name string) ([]byte, bool) {
	if o.flags&flagDistinct != 0 {
		return member(o.data(), name, true)
	}
	return member(o.data(), name, false)
}

// Lookup reads a path, e.g. "namespace.full_path" or "topics.#". A path of
// plain names separated by dots is followed name by name as Attr reads
// them (the last of repeated keys wins); a path using gjson's syntax
// (wildcards, queries, modifiers, escapes: https://github.com/tidwall/gjson/blob/master/SYNTAX.md)
// is read by gjson.
func (o *Object) Lookup(path string) gjson.Result {
	names, ok := plainPath(path)
	if !ok {
		return o.lookup(path)
	}
	r := o.Attr(names[0])
	for _, n := range names[1:] {
		switch {
		case !r.Exists():
			return r
		case r.IsObject():
			r = memberResult([]byte(r.Raw), n)
		default:
			r = r.Get(n) // an index in an array
		}
	}
	return r
}

// Has reports whether the object has the attribute (a JSON null counts).
func (o *Object) Has(name string) bool { return o.Attr(name).Exists() }

// Value returns the attribute, or a *MissingAttrError that says whether the
// object came from a list or is lazy.
func (o *Object) Value(name string) (gjson.Result, error) {
	r := o.Attr(name)
	if !r.Exists() {
		return r, &MissingAttrError{Manager: o.core.spec().Name, Attr: name,
			FromList: o.flags&flagFromList != 0, Lazy: o.flags&flagLazy != 0}
	}
	return r, nil
}

// GetString returns a string attribute ("" when missing).
func (o *Object) GetString(name string) string { return o.Attr(name).String() }

// GetInt returns an integer attribute (0 when missing).
func (o *Object) GetInt(name string) int { return int(o.Attr(name).Int()) }

// GetInt64 returns an integer attribute as an int64 (0 when missing): GitLab
// IDs exceed 32 bits on large instances, and every digit of one up to
// 2^63-1 is kept.
func (o *Object) GetInt64(name string) int64 { return o.Attr(name).Int() }

// GetFloat returns a number attribute (0 when missing).
func (o *Object) GetFloat(name string) float64 { return o.Attr(name).Float() }

// GetBool returns a boolean attribute (false when missing or null).
func (o *Object) GetBool(name string) bool { return o.Attr(name).Bool() }

// GetStrings returns a list attribute as strings (nil when missing).
func (o *Object) GetStrings(name string) []string {
	r := o.Attr(name)
	if !r.IsArray() {
		return nil
	}
	arr := r.Array()
	out := make([]string, len(arr))
	for i, v := range arr {
		out[i] = v.String()
	}
	return out
}

// GetTime parses a timestamp (RFC 3339, with or without fractions) or a date
// (YYYY-MM-DD). A missing or null attribute gives the zero time and no error.
func (o *Object) GetTime(name string) (time.Time, error) {
	r := o.Attr(name)
	if !r.Exists() || r.Type == gjson.Null {
		return time.Time{}, nil
	}
	s := r.String()
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("gitlab: attribute %q: %q is neither a timestamp nor a date", name, s)
	}
	return t, nil
}

// Set records a change; the server data is untouched until Save succeeds.
// Any attribute can be set, known to the manager or not, under any name
// (taken literally, as Attr reads it). The value is encoded as
// encoding/json does, except that []byte is text (a string, not base64)
// and json.RawMessage is sent as it is; nil sends null.
func (o *Object) Set(name string, value any) error {
	switch v := value.(type) {
	case json.RawMessage:
		return o.SetRaw(name, v)
	case []byte:
		value = string(v)
	}
	b, err := marshalJSON(value)
	if err != nil {
		return fmt.Errorf("gitlab: set %q: %w", name, err)
	}
	return o.setMember(name, b)
}

// SetRaw records a change given as raw JSON.
func (o *Object) SetRaw(name string, rawJSON []byte) error {
	if !validJSON(rawJSON) {
		return fmt.Errorf("gitlab: set %q: value is not valid JSON", name)
	}
	return o.setMember(name, trimJSONSpace(rawJSON))
}

// setMember records the change of name to a valid JSON value (copied).
func (o *Object) setMember(name string, value []byte) error {
	if !utf8.ValidString(name) {
		return fmt.Errorf("gitlab: set %q: an attribute name must be valid UTF-8", name)
	}
	o.changes = withMembers(o.changesBuf(), []memberValue{newMember(name, value)})
	return nil
}

func (o *Object) changesBuf() []byte {
	if o.changes == nil {
		return []byte("{}")
	}
	return o.changes
}

// Dirty reports whether there are unsaved changes.
func (o *Object) Dirty() bool { return o.changes != nil }

// Changed reports whether name has a pending change.
func (o *Object) Changed(name string) bool {
	if o.changes == nil {
		return false
	}
	_, ok := member(o.changes, name, false)
	return ok
}

// Changes returns the pending changes as a JSON object (nil when none).
func (o *Object) Changes() []byte { return bytes.Clone(o.changes) }

// DiscardChanges drops every pending change.
func (o *Object) DiscardChanges() { o.changes = nil }

// ID returns the object's ID attribute as text, integers with every digit
// ("" when the manager's objects have no ID, or the object has none usable
// in a URL: missing, null, not a string or an integer, "." or "..").
func (o *Object) ID() string {
	attr := o.core.spec().IDAttribute()
	if attr == "" {
		return ""
	}
	return resultText(o.Attr(attr))
}

// IntID returns the object's ID as a number, and whether it is one: false
// when the manager's ID attribute is missing or not an integer (a path, a
// name, a SHA), or does not fit an int64.
func (o *Object) IntID() (int64, bool) {
	attr := o.core.spec().IDAttribute()
	if attr == "" {
		return 0, false
	}
	r := o.Attr(attr)
	if r.Type != gjson.Number {
		return 0, false
	}
	n, err := strconv.ParseInt(r.Raw, 10, 64)
	return n, err == nil
}

// resultText renders an ID or path value as URL text: a string, or an
// integer with every digit as GitLab sent it. Anything else (null, a
// fraction, a boolean, an object, a list), an empty string and the dot
// segments "." and ".." give "": no value that could address a wrong URL.
func resultText(r gjson.Result) string {
	var s string
	switch r.Type {
	case gjson.String:
		s = r.Str
	case gjson.Number:
		if !isInteger(r.Raw) {
			return ""
		}
		s = r.Raw
	}
	if s == "." || s == ".." {
		return ""
	}
	return s
}

// isInteger reports whether a JSON number is an integer literal.
func isInteger(num string) bool {
	return num != "" && !strings.ContainsAny(num, ".eE")
}

// IsLazy reports whether the object was built without a request (Lazy).
func (o *Object) IsLazy() bool { return o.flags&flagLazy != 0 }

// FromList reports whether the object came from a list.
func (o *Object) FromList() bool { return o.flags&flagFromList != 0 }

// ReplaceData swaps in new server data and clears the pending changes and
// the list and lazy marks. It is how Save, Refresh and actions apply an
// answer; raw must be a JSON object and is not copied.
func (o *Object) ReplaceData(raw []byte) {
	_, distinct := scanObject(raw)
	o.replaceData(raw, distinctFlag(distinct))
}

// replaceData is ReplaceData for data already validated (flags says how).
func (o *Object) replaceData(raw []byte, flags objFlags) {
	o.raw = raw
	o.changes = nil
	o.flags = flags
}

// merged returns the server data with the changes applied: each change
// replaces every member of its name (repeated keys included).
func (o *Object) merged() []byte {
	base := o.data()
	if len(trimJSONSpace(base)) == 0 {
		base = []byte("{}")
	}
	if o.changes == nil {
		return base
	}
	return withMembers(base, membersOf(o.changes))
}

// MarshalJSON returns the object's attributes (server data with pending
// changes, without parent attributes).
func (o *Object) MarshalJSON() ([]byte, error) { return bytes.Clone(o.merged()), nil }

// Decode unmarshals the object's attributes into v, e.g. a caller's struct.
func (o *Object) Decode(v any) error {
	if err := json.Unmarshal(o.merged(), v); err != nil {
		return fmt.Errorf("gitlab: decode %s object: %w", o.core.spec().Name, err)
	}
	return nil
}

// Attributes returns a copy of every attribute, parent attributes included;
// numbers are json.Number. Changing the map does not change the object.
func (o *Object) Attributes() map[string]any {
	out := map[string]any{}
	add := func(b []byte) {
		if len(b) == 0 {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var m map[string]any
		if dec.Decode(&m) == nil {
			for k, v := range m {
				out[k] = v
			}
		}
	}
	if o.core != nil {
		add(o.core.b().parentAttrs)
	}
	add(o.merged())
	return out
}

// String renders the object as python-gitlab's repr does: the type, the ID
// and the attribute the declaration names in ReprAttr, e.g.
// <Project id:1 path_with_namespace:group/project> or
// <ProjectMergeRequest iid:3 title:Fix the build>.
func (o *Object) String() string {
	var b strings.Builder
	spec := o.core.spec()
	b.WriteString("<")
	b.WriteString(GoName(spec.Name))
	idAttr := spec.IDAttribute()
	if idAttr != "" {
		fmt.Fprintf(&b, " %s:%s", idAttr, o.ID())
	}
	if spec.ReprAttr != "" && spec.ReprAttr != idAttr {
		if r := o.Attr(spec.ReprAttr); r.Exists() {
			fmt.Fprintf(&b, " %s:%s", spec.ReprAttr, r.String())
		}
	}
	b.WriteString(">")
	return b.String()
}

// Equal reports whether both objects are the same GitLab resource: same
// manager, same path and the same non-empty ID. Objects without an ID are
// equal only to themselves.
func (o *Object) Equal(other *Object) bool {
	if o == other {
		return true
	}
	if o == nil || other == nil || o.core.spec().Name != other.core.spec().Name || o.core.b().path != other.core.b().path {
		return false
	}
	id := o.ID()
	return id != "" && id == other.ID()
}

// ChildCore returns the core of the sub-manager registered under name, its
// path rendered from this object's attributes. It makes no request. An
// unknown name, or a manager that belongs to other objects, gives a core
// whose every call fails with an error saying so. Generated accessors
// (project.Pipelines()) call it.
func (o *Object) ChildCore(name string) *Core {
	reg := o.core.registry
	spec, ok := reg.lookup(name)
	switch {
	case !ok:
		return errCore(o.core.client, reg, name, fmt.Errorf("gitlab: no manager %q is registered", name))
	case spec.Parent != o.core.spec().Name:
		return errCore(o.core.client, reg, name, fmt.Errorf("gitlab: manager %q belongs to %q objects, not to %q objects", name, spec.Parent, o.core.spec().Name))
	}
	return NewCore(o.core.client, reg, spec, o)
}

// Manager returns the dynamic manager registered under name as a child of
// this object's manager, e.g. project.Manager("project_widget"). An unknown
// name gives a manager whose every call fails with a clear error.
func (o *Object) Manager(name string) *Dynamic { return NewDynamic(o.ChildCore(name)) }
