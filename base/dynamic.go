package base

import (
	"context"
	"iter"
)

// Dynamic is a manager built from a registered Spec alone: every operation
// is a method, checked at run time against the spec's declared operations
// (a typed manager checks them at compile time instead). Its objects are
// *DynamicObject values, with Save, Delete, Refresh and Do checked the same
// way. A Dynamic for an unknown name works too: every call returns the
// error that says why.
type Dynamic struct {
	m *Manager[*DynamicObject]
}

// NewDynamic builds a dynamic manager on a core.
func NewDynamic(c *Core) *Dynamic {
	return &Dynamic{m: NewManager(c, func(o *Object) *DynamicObject { return &DynamicObject{o} })}
}

// check says why op cannot be called: the core's error, or an *OpError when
// the spec does not declare it.
func check(c *Core, op Ops, name string) error {
	if c.b().err != nil {
		return c.b().err
	}
	if !c.spec().Ops.Has(op) {
		return NewOpError(c.spec(), name)
	}
	return nil
}

// Spec returns a copy of the manager's declaration.
func (d *Dynamic) Spec() *Spec { return d.m.core.Spec() }

// Err says why the manager cannot work (an unknown name, a wrong parent), or nil.
func (d *Dynamic) Err() error { return d.m.core.b().err }

// List fetches one page.
func (d *Dynamic) List(ctx context.Context, params Params, opts ...RequestOption) (*Page[*DynamicObject], error) {
	if err := check(d.m.core, OpList, "list"); err != nil {
		return nil, err
	}
	return ListPage(ctx, d.m, params, opts)
}

// All iterates over every object of every page.
func (d *Dynamic) All(ctx context.Context, params Params, opts ...RequestOption) iter.Seq2[*DynamicObject, error] {
	if err := check(d.m.core, OpList, "list"); err != nil {
		return func(yield func(*DynamicObject, error) bool) { yield(nil, err) }
	}
	return ListAll(ctx, d.m, params, opts)
}

// Scan iterates over every object as All does, reusing a few page buffers:
// an object is valid until the loop's next step unless Keep is called on it
// within the step (ScanAll).
func (d *Dynamic) Scan(ctx context.Context, params Params, opts ...RequestOption) iter.Seq2[*DynamicObject, error] {
	if err := check(d.m.core, OpList, "list"); err != nil {
		return func(yield func(*DynamicObject, error) bool) { yield(nil, err) }
	}
	return ScanAll(ctx, d.m, params, opts)
}

// Pages iterates over the pages of the list (AllPages), in order: a caller
// acts at page boundaries (writes out what a page held, reports progress).
// Pages are fetched ahead of the loop when GitLab reports the page count
// (WithPrefetch; WithPrefetch(1) holds one page at a time), else one per
// step at the server's Link rel="next" URL, verbatim. An error ends the
// sequence.
func (d *Dynamic) Pages(ctx context.Context, params Params, opts ...RequestOption) iter.Seq2[*Page[*DynamicObject], error] {
	if err := check(d.m.core, OpList, "list"); err != nil {
		return func(yield func(*Page[*DynamicObject], error) bool) { yield(nil, err) }
	}
	return AllPages(ctx, d.m, params, opts)
}

// Head returns the pagination facts of the first page, without items.
func (d *Dynamic) Head(ctx context.Context, params Params, opts ...RequestOption) (*Page[*DynamicObject], error) {
	if err := check(d.m.core, OpList, "head"); err != nil {
		return nil, err
	}
	return ListHead(ctx, d.m, params, opts)
}

// Get fetches one object; for singleton managers (get_without_id), id must be nil.
func (d *Dynamic) Get(ctx context.Context, id any, opts ...RequestOption) (*DynamicObject, error) {
	c := d.m.core
	if id == nil && c.b().err == nil && c.spec().Ops.Has(OpGetWithoutID) {
		return d.wrap(c.GetWithoutID(ctx, opts))
	}
	if err := check(c, OpGet, "get"); err != nil {
		return nil, err
	}
	return d.wrap(c.Get(ctx, id, opts))
}

func (d *Dynamic) wrap(o *Object, err error) (*DynamicObject, error) {
	if err != nil {
		return nil, err
	}
	return &DynamicObject{o}, nil
}

// Lazy returns an object holding only its ID, without a request.
func (d *Dynamic) Lazy(id any) *DynamicObject { return &DynamicObject{d.m.core.Lazy(id)} }

// Create creates an object.
func (d *Dynamic) Create(ctx context.Context, attrs Attrs, opts ...RequestOption) (*DynamicObject, error) {
	if err := check(d.m.core, OpCreate, "create"); err != nil {
		return nil, err
	}
	return d.wrap(d.m.core.Create(ctx, attrs, opts))
}

// Update updates the object id (nil: the manager path) and returns the server's version.
func (d *Dynamic) Update(ctx context.Context, id any, attrs Attrs, opts ...RequestOption) (*DynamicObject, error) {
	if err := check(d.m.core, OpUpdate, "update"); err != nil {
		return nil, err
	}
	return d.wrap(d.m.core.Update(ctx, id, attrs, opts))
}

// Delete deletes the object id (nil: the manager path).
func (d *Dynamic) Delete(ctx context.Context, id any, opts ...RequestOption) error {
	if err := check(d.m.core, OpDelete, "delete"); err != nil {
		return err
	}
	return d.m.core.Delete(ctx, id, opts)
}

// Set sets key to value.
func (d *Dynamic) Set(ctx context.Context, key string, value any, opts ...RequestOption) (*DynamicObject, error) {
	if err := check(d.m.core, OpSet, "set"); err != nil {
		return nil, err
	}
	return d.wrap(d.m.core.Set(ctx, key, value, opts))
}

// Do runs the declared manager action name (one with OnManager set). It
// returns the object the answer holds, when the action's Result says it is
// one, and the answer itself.
func (d *Dynamic) Do(ctx context.Context, name string, attrs Attrs, opts ...RequestOption) (*DynamicObject, *Response, error) {
	return doAction(ctx, d.m.core, nil, name, attrs, opts)
}

// Download runs the declared manager action name whose answer is a byte
// stream (ResultDownload) and returns it unread, to read or write and close.
func (d *Dynamic) Download(ctx context.Context, name string, attrs Attrs, opts ...RequestOption) (*Download, error) {
	return d.m.core.Download(ctx, nil, name, attrs, opts)
}

// GetCreateAttrs returns the attributes Create requires and accepts.
func (d *Dynamic) GetCreateAttrs() RequiredOptional { return d.m.core.spec().CreateAttrs.Clone() }

// GetUpdateAttrs returns the attributes Update requires and accepts.
func (d *Dynamic) GetUpdateAttrs() RequiredOptional { return d.m.core.spec().UpdateAttrs.Clone() }

// DynamicObject is an object of a dynamic manager: an *Object with the
// object operations of typed objects, checked at run time against its
// manager's declaration.
type DynamicObject struct{ *Object }

// Save sends the pending changes (no request when there are none), as a
// typed object's Save; an error when the manager declares no update.
func (o *DynamicObject) Save(ctx context.Context, opts ...RequestOption) error {
	if err := check(o.core, OpUpdate, "save"); err != nil {
		return err
	}
	return o.core.Save(ctx, o.Object, opts)
}

// Delete deletes the object on the server; an error when the manager
// declares no delete.
func (o *DynamicObject) Delete(ctx context.Context, opts ...RequestOption) error {
	if err := check(o.core, OpDelete, "delete"); err != nil {
		return err
	}
	return o.core.DeleteObject(ctx, o.Object, opts)
}

// Refresh fetches the object again; an error when the manager can get
// nothing.
func (o *DynamicObject) Refresh(ctx context.Context, opts ...RequestOption) error {
	op := OpGet
	if o.core.spec().Ops.Has(OpGetWithoutID) {
		op = OpGetWithoutID
	}
	if err := check(o.core, op, "refresh"); err != nil {
		return err
	}
	return o.core.Refresh(ctx, o.Object, opts)
}

// Do runs the declared object action name on the object. It returns the
// object the action produced (o itself when the answer replaces its data, a
// new object when the answer is one) and the answer itself.
func (o *DynamicObject) Do(ctx context.Context, name string, attrs Attrs, opts ...RequestOption) (*DynamicObject, *Response, error) {
	return doAction(ctx, o.core, o, name, attrs, opts)
}

// Download runs the declared object action name whose answer is a byte
// stream (ResultDownload) and returns it unread, to read or write and close.
func (o *DynamicObject) Download(ctx context.Context, name string, attrs Attrs, opts ...RequestOption) (*Download, error) {
	return o.core.Download(ctx, o.Object, name, attrs, opts)
}

func doAction(ctx context.Context, c *Core, o *DynamicObject, name string, attrs Attrs, opts []RequestOption) (*DynamicObject, *Response, error) {
	var obj *Object
	if o != nil {
		obj = o.Object
	}
	res, resp, err := c.Action(ctx, obj, name, attrs, opts)
	switch {
	case err != nil || res == nil:
		return nil, resp, err
	case res == obj:
		return o, resp, nil
	}
	return &DynamicObject{res}, resp, nil
}
