package base

import (
	"fmt"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
)

// Core is a manager bound to a client and a rendered path: what every typed
// and dynamic manager is built on. Creating one makes no request; it costs a
// few small allocations, so sub-managers are made on demand. A root core
// (RootCore) reads its declaration only when first used, so a client's
// root managers cost nothing until they are.
type Core struct {
	client   Requester
	registry *Registry
	root     string    // a root core's manager, bound on first use
	once     sync.Once // binds a root core; done at creation for the others
	own      binding
}

// binding is what a core knows of its declaration once it has read it;
// it never changes afterwards.
type binding struct {
	spec        *Spec
	path        string  // escaped, e.g. "/projects/group%2Fproject/issues"
	listPath    string  // where List reads: path, or the spec's ListPath rendered
	err         error   // a *PathError when a placeholder has no value
	parentAttrs []byte  // {"project_id": 42}: inherited by the objects
	parent      *Object // the object the manager belongs to, nil for root managers
}

// b is the core's binding: a root core looks its spec up on first use.
func (c *Core) b() *binding {
	c.once.Do(func() { c.own = bindRoot(c.registry, c.root) })
	return &c.own
}

// spec is the core's declaration.
func (c *Core) spec() *Spec { return c.b().spec }

// boundCore is a core bound to b (one allocation for both).
func boundCore(client Requester, reg *Registry, b binding) *Core {
	c := &Core{client: client, registry: reg, own: b}
	c.once.Do(func() {}) // bound already
	return c
}

// NewCore binds spec to a client. For a sub-manager, parent is the owning
// object: each path placeholder is filled from the parent attribute that
// spec.FromParent names, encoded once as a path segment. A missing value
// makes every request fail with a *PathError instead of reaching a wrong URL.
func NewCore(client Requester, reg *Registry, spec *Spec, parent *Object) *Core {
	b := bind(spec, fromParent(spec, parent))
	b.parent = parent
	return boundCore(client, reg, b)
}

// fromParent fills spec's placeholders from parent's attributes, as
// spec.FromParent names them (none without a parent).
func fromParent(spec *Spec, parent *Object) func(ph string) (gjson.Result, string) {
	return func(ph string) (gjson.Result, string) {
		attr := spec.FromParent[ph]
		if parent == nil {
			return gjson.Result{}, attr
		}
		return parent.Attr(attr), attr
	}
}

// bind renders spec's path, its placeholders filled by value(ph), which
// also names where the value was looked for (for the *PathError).
func bind(spec *Spec, value func(ph string) (gjson.Result, string)) (b binding) {
	b.spec = spec
	phs := spec.Placeholders()
	if len(phs) == 0 {
		b.path = spec.Path
		b.setListPath()
		return b
	}
	var path strings.Builder
	attrs := []byte{'{'}
	rest := spec.Path
	for _, ph := range phs {
		v, from := value(ph)
		text := resultText(v)
		if text == "" {
			b.err = &PathError{Manager: spec.Name, Placeholder: ph, ParentAttr: from}
			return b
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
	b.path = path.String()
	b.parentAttrs = append(attrs, '}')
	b.setListPath()
	return b
}

// setListPath renders the spec's ListPath, once the path is.
func (b *binding) setListPath() {
	b.listPath = b.path
	if b.spec.ListPath != "" {
		if p, _, err := b.fillPath("list", b.spec.ListPath, nil, nil); err == nil {
			b.listPath = p
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
	case o != nil && spec.Parent == c.spec().Name:
		return NewCore(c.client, c.registry, spec, o)
	case c.b().parent != nil && spec.Parent == c.spec().Parent:
		return NewCore(c.client, c.registry, spec, c.b().parent)
	}
	parentAttrs := c.b().parentAttrs
	return boundCore(c.client, c.registry, bind(spec, func(ph string) (gjson.Result, string) {
		if o != nil {
			if v := o.Attr(ph); v.Exists() {
				return v, ph
			}
		}
		return memberResult(parentAttrs, ph), ph
	}))
}

// RootCore binds the root manager registered under name to a client. It
// reads nothing until the core is first used: then an unknown name, or a
// spec that needs a parent, gives a core whose every call fails with an
// error saying so. Generated code calls it for root managers
// (gitlab.Client's fields), so a client's root managers cost nothing until
// used; each reads the registry as it is at its first use.
func RootCore(client Requester, reg *Registry, name string) *Core {
	return &Core{client: client, registry: reg, root: name}
}

// bindRoot is the binding of the root manager registered under name.
func bindRoot(reg *Registry, name string) binding {
	spec, ok := reg.lookup(name)
	switch {
	case !ok:
		return errBinding(name, fmt.Errorf("gitlab: no manager %q is registered", name))
	case spec.Parent != "":
		return errBinding(name, fmt.Errorf("gitlab: manager %q belongs to %q objects: reach it from one of them (object.Manager(%q))",
			name, spec.Parent, name))
	}
	return bind(spec, fromParent(spec, nil))
}

// errCore is a core whose every call fails with err.
func errCore(client Requester, reg *Registry, name string, err error) *Core {
	return boundCore(client, reg, errBinding(name, err))
}

// errBinding is the binding of a core whose every call fails with err.
func errBinding(name string, err error) binding {
	return binding{spec: &Spec{Name: name}, err: err}
}

// Spec returns a copy of the manager's declaration.
func (c *Core) Spec() *Spec { return c.spec().Clone() }

// Err says why the core cannot send requests (an unknown manager, a parent
// lacking a path attribute), or nil.
func (c *Core) Err() error { return c.b().err }

// Path is the rendered collection path, or the *PathError that prevents it.
func (c *Core) Path() (string, error) { return c.b().path, c.b().err }
