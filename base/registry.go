package base

import (
	"fmt"
	"sort"
	"sync"
)

// Registry holds manager declarations by name. It is safe for concurrent use.
// A client owns its registry, so that declaring a new manager on one client
// never changes another.
type Registry struct {
	mu    sync.RWMutex
	specs map[string]*Spec
}

// NewRegistry returns a registry holding specs, validated in order.
func NewRegistry(specs ...*Spec) (*Registry, error) {
	r := &Registry{specs: make(map[string]*Spec, len(specs))}
	for _, s := range specs {
		if err := r.Register(s); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Register validates s and adds it. Names are unique, and a parent must be
// registered before its children.
func (r *Registry) Register(s *Spec) error {
	if s == nil {
		return fmt.Errorf("gitlab: Register: nil spec")
	}
	if err := s.Validate(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.specs[s.Name]; dup {
		return fmt.Errorf("gitlab: spec %q is already registered", s.Name)
	}
	if s.Parent != "" {
		if _, ok := r.specs[s.Parent]; !ok {
			return fmt.Errorf("gitlab: spec %q: parent %q is not registered", s.Name, s.Parent)
		}
	}
	r.specs[s.Name] = s
	return nil
}

// Lookup returns the spec called name.
func (r *Registry) Lookup(name string) (*Spec, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	s, ok := r.specs[name]
	return s, ok
}

// Specs returns every registered spec, sorted by name.
func (r *Registry) Specs() []*Spec {
	r.mu.RLock()
	out := make([]*Spec, 0, len(r.specs))
	for _, s := range r.specs {
		out = append(out, s)
	}
	r.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Children returns the specs whose parent is the named spec ("" for root
// managers), sorted by name.
func (r *Registry) Children(parent string) []*Spec {
	var out []*Spec
	for _, s := range r.Specs() {
		if s.Parent == parent {
			out = append(out, s)
		}
	}
	return out
}

// Clone returns an independent copy; specs themselves are shared (they are
// immutable once registered).
func (r *Registry) Clone() *Registry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c := &Registry{specs: make(map[string]*Spec, len(r.specs))}
	for k, v := range r.specs {
		c.specs[k] = v
	}
	return c
}
