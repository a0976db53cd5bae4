package base

import (
	"context"
	"iter"
)

// Dynamic is a manager built from a registered Spec alone: every operation
// is a method, checked at run time against the spec's declared operations
// (a typed manager checks them at compile time instead). Objects are plain
// *Object values.
type Dynamic struct {
	m   *Manager[*Object]
	err error // why this manager cannot work (unknown name, wrong parent)
}

// NewDynamic builds a dynamic manager on a core.
func NewDynamic(c *Core) *Dynamic {
	return &Dynamic{m: NewManager(c, func(o *Object) *Object { return o })}
}

// NewDynamicError builds a dynamic manager whose every call fails with err.
func NewDynamicError(err error) *Dynamic { return &Dynamic{err: err} }

func (d *Dynamic) check(op Ops, name string) error {
	if d.err != nil {
		return d.err
	}
	if !d.m.core.spec.Ops.Has(op) {
		return NewOpError(d.m.core.spec, name)
	}
	return nil
}

// Spec is the manager's declaration (nil when the manager could not be made).
func (d *Dynamic) Spec() *Spec {
	if d.err != nil {
		return nil
	}
	return d.m.core.spec
}

// Err says why the manager cannot work, or nil.
func (d *Dynamic) Err() error { return d.err }

// List fetches one page.
func (d *Dynamic) List(ctx context.Context, params Params, opts ...RequestOption) (*Page[*Object], error) {
	if err := d.check(OpList, "list"); err != nil {
		return nil, err
	}
	return ListPage(ctx, d.m, params, opts)
}

// All iterates over every object of every page.
func (d *Dynamic) All(ctx context.Context, params Params, opts ...RequestOption) iter.Seq2[*Object, error] {
	if err := d.check(OpList, "list"); err != nil {
		return func(yield func(*Object, error) bool) { yield(nil, err) }
	}
	return ListAll(ctx, d.m, params, opts)
}

// Head returns the pagination facts of the first page, without items.
func (d *Dynamic) Head(ctx context.Context, params Params, opts ...RequestOption) (*Page[*Object], error) {
	if err := d.check(OpList, "head"); err != nil {
		return nil, err
	}
	return ListHead(ctx, d.m, params, opts)
}

// Get fetches one object; for singleton managers (get_without_id), id must be nil.
func (d *Dynamic) Get(ctx context.Context, id any, opts ...RequestOption) (*Object, error) {
	if id == nil && d.err == nil && d.m.core.spec.Ops.Has(OpGetWithoutID) {
		return d.m.core.GetWithoutID(ctx, opts)
	}
	if err := d.check(OpGet, "get"); err != nil {
		return nil, err
	}
	return d.m.core.Get(ctx, id, opts)
}

// Lazy returns an object holding only its ID, without a request.
func (d *Dynamic) Lazy(id any) *Object {
	if d.err != nil {
		return nil
	}
	return d.m.core.Lazy(id)
}

// Create creates an object.
func (d *Dynamic) Create(ctx context.Context, attrs Attrs, opts ...RequestOption) (*Object, error) {
	if err := d.check(OpCreate, "create"); err != nil {
		return nil, err
	}
	return d.m.core.Create(ctx, attrs, opts)
}

// Update updates the object id (nil: the manager path) and returns the server's version.
func (d *Dynamic) Update(ctx context.Context, id any, attrs Attrs, opts ...RequestOption) (*Object, error) {
	if err := d.check(OpUpdate, "update"); err != nil {
		return nil, err
	}
	return d.m.core.Update(ctx, id, attrs, opts)
}

// Delete deletes the object id (nil: the manager path).
func (d *Dynamic) Delete(ctx context.Context, id any, opts ...RequestOption) error {
	if err := d.check(OpDelete, "delete"); err != nil {
		return err
	}
	return d.m.core.Delete(ctx, id, opts)
}

// Set sets key to value.
func (d *Dynamic) Set(ctx context.Context, key string, value any, opts ...RequestOption) (*Object, error) {
	if err := d.check(OpSet, "set"); err != nil {
		return nil, err
	}
	return d.m.core.Set(ctx, key, value, opts)
}

// Save sends o's pending changes (no request when there are none).
func (d *Dynamic) Save(ctx context.Context, o *Object, opts ...RequestOption) error {
	if err := d.check(OpUpdate, "save"); err != nil {
		return err
	}
	return d.m.core.Save(ctx, o, opts)
}

// Refresh fetches o again.
func (d *Dynamic) Refresh(ctx context.Context, o *Object, opts ...RequestOption) error {
	if d.err == nil && d.m.core.spec.Ops.Has(OpGetWithoutID) {
		return d.m.core.Refresh(ctx, o, opts)
	}
	if err := d.check(OpGet, "refresh"); err != nil {
		return err
	}
	return d.m.core.Refresh(ctx, o, opts)
}

// Do runs the declared action name on o (nil for manager actions). An
// undeclared name, or an object action without an object, is an *OpError
// naming the declared operations and actions, with no request.
func (d *Dynamic) Do(ctx context.Context, o *Object, name string, attrs Attrs, opts ...RequestOption) (*Object, *Response, error) {
	if d.err != nil {
		return nil, nil, d.err
	}
	spec := d.m.core.spec
	a, ok := spec.Action(name)
	switch {
	case !ok:
		return nil, nil, NewOpError(spec, name)
	case !a.OnManager && o == nil:
		return nil, nil, NewOpError(spec, name+" (an object action, called without an object)")
	}
	return d.m.core.Action(ctx, o, name, attrs, opts)
}

// GetCreateAttrs returns the attributes Create requires and accepts.
func (d *Dynamic) GetCreateAttrs() RequiredOptional {
	if d.err != nil {
		return RequiredOptional{}
	}
	return d.m.core.spec.CreateAttrs
}

// GetUpdateAttrs returns the attributes Update requires and accepts.
func (d *Dynamic) GetUpdateAttrs() RequiredOptional {
	if d.err != nil {
		return RequiredOptional{}
	}
	return d.m.core.spec.UpdateAttrs
}
