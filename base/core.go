package base

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"
)

// Core is a manager bound to a client and a rendered path: what every typed
// and dynamic manager is built on. Creating one makes no request; it costs a
// few small allocations, so sub-managers are made on demand.
type Core struct {
	client      Requester
	registry    *Registry
	spec        *Spec
	path        string  // escaped, e.g. "/projects/group%2Fproject/issues"
	listPath    string  // where List reads: path, or the spec's ListPath rendered
	err         error   // a *PathError when a placeholder has no value
	parentAttrs []byte  // {"project_id": 42}: inherited by the objects
	parent      *Object // the object the manager belongs to, nil for root managers
}

// NewCore binds spec to a client. For a sub-manager, parent is the owning
// object: each path placeholder is filled from the parent attribute that
// spec.FromParent names, encoded once as a path segment. A missing value
// makes every request fail with a *PathError instead of reaching a wrong URL.
func NewCore(client Requester, reg *Registry, spec *Spec, parent *Object) *Core {
	c := newCore(client, reg, spec, func(ph string) (gjson.Result, string) {
		attr := spec.FromParent[ph]
		if parent == nil {
			return gjson.Result{}, attr
		}
		return parent.Attr(attr), attr
	})
	c.parent = parent
	return c
}

// newCore binds spec to a client, its placeholders filled by value(ph),
// which also names where the value was looked for (for the *PathError).
func newCore(client Requester, reg *Registry, spec *Spec, value func(ph string) (gjson.Result, string)) *Core {
	c := &Core{client: client, registry: reg, spec: spec}
	phs := spec.Placeholders()
	if len(phs) == 0 {
		c.path = spec.Path
		c.setListPath()
		return c
	}
	var path strings.Builder
	attrs := []byte{'{'}
	rest := spec.Path
	for _, ph := range phs {
		v, from := value(ph)
		text := resultText(v)
		if text == "" {
			c.err = &PathError{Manager: spec.Name, Placeholder: ph, ParentAttr: from}
			return c
		}
		i := strings.Index(rest, "{"+ph+"}")
		path.WriteString(rest[:i])
		path.WriteString(EscapeID(text))
		rest = rest[i+len(ph)+2:]
		if len(attrs) > 1 {
			attrs = append(attrs, ',')
		}
		attrs = append(attrs, '"')
		attrs = append(attrs, ph...)
		attrs = append(attrs, '"', ':')
		attrs = append(attrs, v.Raw...)
	}
	path.WriteString(rest)
	c.path = path.String()
	c.parentAttrs = append(attrs, '}')
	c.setListPath()
	return c
}

// setListPath renders the spec's ListPath, once the path is.
func (c *Core) setListPath() {
	c.listPath = c.path
	if c.spec.ListPath != "" {
		if p, _, err := c.fillPath("list", c.spec.ListPath, nil, nil); err == nil {
			c.listPath = p
		}
	}
}

// Related returns the core of the manager registered under name for the
// objects related to o (or, when o is nil, to this manager): a sub-manager
// of o, a manager of the same parent (a merge request's approval rules,
// from its approvals), or else one whose path placeholders are filled, by
// name, from o's attributes and this core's parent attributes (a
// milestone's issues: "project_issue" at /projects/{project_id}/issues).
// Actions that answer with objects of another manager (Action.Of) and
// hand-written methods use it.
func (c *Core) Related(name string, o *Object) *Core {
	spec, ok := c.registry.lookup(name)
	switch {
	case !ok:
		return errCore(c.client, c.registry, name, fmt.Errorf("gitlab: no manager %q is registered", name))
	case o != nil && spec.Parent == c.spec.Name:
		return NewCore(c.client, c.registry, spec, o)
	case c.parent != nil && spec.Parent == c.spec.Parent:
		return NewCore(c.client, c.registry, spec, c.parent)
	}
	return newCore(c.client, c.registry, spec, func(ph string) (gjson.Result, string) {
		if o != nil {
			if v := o.Attr(ph); v.Exists() {
				return v, ph
			}
		}
		return memberResult(c.parentAttrs, ph), ph
	})
}

// RootCore binds the root manager registered under name to a client. An
// unknown name, or a spec that needs a parent, gives a core whose every
// call fails with an error saying so. Generated code calls it for root
// managers (gitlab.Client's fields).
func RootCore(client Requester, reg *Registry, name string) *Core {
	spec, ok := reg.lookup(name)
	switch {
	case !ok:
		return errCore(client, reg, name, fmt.Errorf("gitlab: no manager %q is registered", name))
	case spec.Parent != "":
		return errCore(client, reg, name, fmt.Errorf("gitlab: manager %q belongs to %q objects: reach it from one of them (object.Manager(%q))",
			name, spec.Parent, name))
	}
	return NewCore(client, reg, spec, nil)
}

// errCore is a core whose every call fails with err.
func errCore(client Requester, reg *Registry, name string, err error) *Core {
	return &Core{client: client, registry: reg, spec: &Spec{Name: name}, err: err}
}

// Spec returns a copy of the manager's declaration.
func (c *Core) Spec() *Spec { return c.spec.Clone() }

// Err says why the core cannot send requests (an unknown manager, a parent
// lacking a path attribute), or nil.
func (c *Core) Err() error { return c.err }

// Path is the rendered collection path, or the *PathError that prevents it.
func (c *Core) Path() (string, error) { return c.path, c.err }
