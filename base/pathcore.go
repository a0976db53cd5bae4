package base

import (
	"encoding/json"
	"fmt"
)

// PathCore binds the spec registered under name to a client when only the
// values of its path placeholders are known, not a parent object: a command
// line gives "--project-id group/sub/project --issue-iid 3", not a project.
// values maps each placeholder of the spec's Path ("project_id",
// "issue_iid") to its value as typed; each is escaped once as one path
// segment, so "group/sub/project" becomes "group%2Fsub%2Fproject". A
// placeholder without a value (or with an empty one) gives a core whose
// every call fails with the *PathError NewCore gives for a parent lacking
// the attribute; an unknown name gives a core whose every call says so.
// Values for names that are not placeholders are ignored.
//
// Objects of the core inherit the placeholder values as attributes, as
// objects reached from a parent do (a note knows its project_id); a value
// written as a plain decimal integer ("42") is inherited as a JSON number,
// anything else as a string. NewDynamic(PathCore(...)) gives every declared
// operation:
//
//	notes := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project_issue_note",
//		map[string]string{"project_id": "group/project", "issue_iid": "3"}))
func PathCore(client Requester, reg *Registry, name string, values map[string]string) *Core {
	spec, ok := reg.lookup(name)
	if !ok {
		return errCore(client, reg, name, fmt.Errorf("gitlab: no manager %q is registered", name))
	}
	if len(spec.FromParent) == 0 {
		return NewCore(client, reg, spec, nil)
	}
	// A stand-in parent holding, under each parent attribute the spec reads,
	// the value given for its placeholder: NewCore then renders, escapes and
	// reports a missing value exactly as for a real parent.
	attrs := make(map[string]json.RawMessage, len(spec.FromParent))
	for ph, attr := range spec.FromParent {
		if v := values[ph]; v != "" {
			attrs[attr] = placeholderJSON(v)
		}
	}
	raw, err := json.Marshal(attrs)
	if err != nil { // cannot happen: keys are strings, values valid JSON
		return errCore(client, reg, name, fmt.Errorf("gitlab: %s: %w", name, err))
	}
	parent := NewObject(boundCore(client, reg, binding{spec: &Spec{Name: spec.Parent}}), raw)
	return NewCore(client, reg, spec, parent)
}

// placeholderJSON renders a placeholder value: a JSON number when it is a
// plain decimal integer that fits an int64, a JSON string otherwise.
func placeholderJSON(v string) json.RawMessage {
	if len(v) <= 18 && (v == "0" || v[0] >= '1' && v[0] <= '9') {
		digits := true
		for i := 0; i < len(v); i++ {
			if v[i] < '0' || v[i] > '9' {
				digits = false
				break
			}
		}
		if digits {
			return json.RawMessage(v)
		}
	}
	b, _ := json.Marshal(v) // a string always encodes
	return b
}
