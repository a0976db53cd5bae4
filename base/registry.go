package base

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Registry holds manager declarations by name. It is safe for concurrent use.
//
// A registry keeps its own copy of every Spec: changing a Spec after
// registering it, or changing a Spec returned by Lookup, changes nothing
// registered. A registry made with NewRegistryOver reads through to a
// frozen base registry (the built-in declarations, shared by every client)
// and holds its own additions and extensions, so declaring a manager on one
// client never changes another and creating a client copies nothing.
type Registry struct {
	mu     sync.RWMutex
	specs  map[string]*Spec
	base   *Registry // read-only fallback, nil for none
	frozen bool
	// sorted are NewFrozenRegistry's specs, by name; ready[i] is sorted[i]
	// with its FromParent derived, once looked up.
	sorted []*Spec
	ready  []atomic.Pointer[Spec]
}

// NewRegistry returns a registry holding copies of specs, validated, in any
// order (each is registered once its parent is).
func NewRegistry(specs ...*Spec) (*Registry, error) {
	r := &Registry{specs: make(map[string]*Spec, len(specs))}
	for len(specs) > 0 {
		var later []*Spec // their parent is not registered yet
		for _, s := range specs {
			if s != nil && s.Parent != "" {
				if _, ok := r.find(s.Parent); !ok {
					later = append(later, s)
					continue
				}
			}
			if err := r.Register(s); err != nil {
				return nil, err
			}
		}
		if len(later) == len(specs) {
			return nil, r.Register(later[0]) // none has its parent: says which is missing
		}
		specs = later
	}
	return r, nil
}

// NewFrozenRegistry returns a frozen registry holding specs themselves,
// not copies: the caller hands them over and must never change them. It is
// for declarations no one else can reach, such as the built-in ones
// (package managers), which every client then shares without a copy.
//
// It does no work per spec until the spec is looked up, so that a program
// pays only for the declarations it uses: specs must be sorted by name, as
// gitlab-gen lists them (a registry given others finds nothing reliably),
// and are neither copied nor read here, nor validated. The caller's tests
// must register the same specs on a NewRegistry, which validates them, and
// compare (the built-in declarations' tests do). A spec whose FromParent
// cannot be derived is then served as declared, and its paths fail with a
// *PathError.
func NewFrozenRegistry(specs ...*Spec) (*Registry, error) {
	if slices.Contains(specs, nil) { // reads the pointers only
		return nil, fmt.Errorf("gitlab: NewFrozenRegistry: nil spec")
	}
	return &Registry{sorted: specs, ready: make([]atomic.Pointer[Spec], len(specs)), frozen: true}, nil
}

// NewRegistryOver returns an empty registry that also sees every spec of
// base. base is frozen: registering on it afterwards is an error.
func NewRegistryOver(base *Registry) *Registry {
	base.Freeze()
	return &Registry{specs: map[string]*Spec{}, base: base}
}

// Freeze makes the registry read-only: Register and Extend fail from now on.
func (r *Registry) Freeze() {
	r.mu.Lock()
	r.frozen = true
	r.mu.Unlock()
}

// Register validates a copy of s and adds it. Names are unique: registering
// a name a second time is an error (use Extend to change a declaration), and
// a parent must be registered before its children.
func (r *Registry) Register(s *Spec) error {
	if s == nil {
		return fmt.Errorf("gitlab: Register: nil spec")
	}
	return r.add(s.Clone())
}

// add derives s's FromParent when it declares none (on a copy), validates
// it and adds it.
func (r *Registry) add(s *Spec) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.frozen {
		return fmt.Errorf("gitlab: spec %q: the registry is frozen (it holds the built-in declarations shared by every client): "+
			"register on a client's registry (Client.Register, or NewRegistry and WithRegistry)", s.Name)
	}
	s, err := r.complete(s)
	if err != nil {
		return err
	}
	if _, dup := r.find(s.Name); dup {
		return fmt.Errorf("gitlab: spec %q is already registered (Extend changes a registered declaration)", s.Name)
	}
	r.specs[s.Name] = s
	return nil
}

// complete returns s with its FromParent derived from its parent, when it
// declares none, and validated. r.mu is held.
func (r *Registry) complete(s *Spec) (*Spec, error) {
	s = s.ExpandActionGroups()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var parent *Spec
	if s.Parent != "" {
		p, ok := r.find(s.Parent)
		if !ok {
			return nil, fmt.Errorf("gitlab: spec %q: parent %q is not registered", s.Name, s.Parent)
		}
		parent = p
	}
	return s.withFromParent(parent)
}

// Extend changes the declaration registered under name, built-in or not,
// for this registry only: change receives a copy, which replaces the
// declaration once it validates. Typical uses add an action, a list filter
// or an attribute to a built-in manager:
//
//	err := gl.Registry().Extend("project", func(s *gitlab.Spec) {
//		s.Actions = append(s.Actions, gitlab.Action{Name: "archive", Result: gitlab.ResultReplace})
//	})
//
// The name, parent and path placeholders cannot change.
func (r *Registry) Extend(name string, change func(*Spec)) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.frozen {
		return fmt.Errorf("gitlab: Extend %q: the registry is frozen", name)
	}
	old, ok := r.find(name)
	if !ok {
		return fmt.Errorf("gitlab: Extend: no manager %q is registered", name)
	}
	s := old.Clone()
	change(s)
	if s.Name != old.Name || s.Parent != old.Parent {
		return fmt.Errorf("gitlab: Extend %q: the name and the parent of a declaration cannot change", name)
	}
	s, err := r.complete(s)
	if err != nil {
		return err
	}
	r.specs[name] = s
	return nil
}

// find looks name up here, then in the base registry. r.mu is held.
func (r *Registry) find(name string) (*Spec, bool) {
	if s, ok := r.specs[name]; ok {
		return s, true
	}
	if r.sorted != nil {
		return r.findSorted(name)
	}
	if r.base != nil {
		return r.base.lookup(name)
	}
	return nil, false
}

// findSorted looks name up among NewFrozenRegistry's specs, deriving its
// FromParent the first time.
func (r *Registry) findSorted(name string) (*Spec, bool) {
	i, ok := r.sortedIndex(name)
	if !ok {
		return nil, false
	}
	return r.readyAt(i), true
}

// readyAt returns the i-th of NewFrozenRegistry's specs with its action
// groups expanded and its FromParent derived, completing it the first time.
func (r *Registry) readyAt(i int) *Spec {
	if s := r.ready[i].Load(); s != nil {
		return s
	}
	s := r.sorted[i].ExpandActionGroups()
	var parent *Spec
	if j, ok := r.sortedIndex(s.Parent); ok {
		parent = r.sorted[j]
	}
	if c, err := s.withFromParent(parent); err == nil {
		s = c
	}
	r.ready[i].CompareAndSwap(nil, s)
	return r.ready[i].Load()
}

// sortedIndex finds name among NewFrozenRegistry's specs by binary search,
// reading only the names it compares.
func (r *Registry) sortedIndex(name string) (int, bool) {
	return slices.BinarySearchFunc(r.sorted, name, func(s *Spec, name string) int { return strings.Compare(s.Name, name) })
}

// lookup returns the registered spec itself, for the engine: it is never
// handed to callers, who get copies. A nil registry holds nothing.
func (r *Registry) lookup(name string) (*Spec, bool) {
	if r == nil {
		return nil, false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.find(name)
}

// Lookup returns a copy of the spec called name.
func (r *Registry) Lookup(name string) (*Spec, bool) {
	s, ok := r.lookup(name)
	return s.Clone(), ok
}

// Specs returns a copy of every registered spec, sorted by name.
func (r *Registry) Specs() []*Spec {
	all := r.all()
	for i, s := range all {
		all[i] = s.Clone()
	}
	return all
}

// all returns the registered specs themselves, sorted by name.
func (r *Registry) all() []*Spec {
	r.mu.RLock()
	seen := make(map[string]*Spec, len(r.specs)+len(r.sorted))
	for i, s := range r.sorted {
		seen[s.Name] = r.readyAt(i)
	}
	if r.base != nil {
		for _, s := range r.base.all() {
			seen[s.Name] = s
		}
	}
	for k, s := range r.specs {
		seen[k] = s
	}
	r.mu.RUnlock()
	out := make([]*Spec, 0, len(seen))
	for _, s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Children returns copies of the specs whose parent is the named spec (""
// for root managers), sorted by name.
func (r *Registry) Children(parent string) []*Spec {
	var out []*Spec
	for _, s := range r.all() {
		if s.Parent == parent {
			out = append(out, s.Clone())
		}
	}
	return out
}

// Clone returns an independent registry with the same declarations.
func (r *Registry) Clone() *Registry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := &Registry{specs: make(map[string]*Spec, len(r.specs)), base: r.base, sorted: r.sorted, ready: r.ready}
	for k, v := range r.specs {
		c.specs[k] = v // immutable once registered: Extend replaces, never changes
	}
	return c
}
