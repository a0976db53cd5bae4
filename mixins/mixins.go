// Package mixins holds the capabilities managers and objects are assembled
// from, as python-gitlab's mixins: Lister, Getter, GetterWithoutID, Creator,
// Updater, UpdaterWithoutID, Deleter, DeleterWithoutID and Setter for
// managers (and the composites Retrieve, CRUD and NoUpdate); Saver,
// ObjectDeleter and Refresher for objects.
//
// A typed manager embeds exactly the mixins of the operations its Spec
// declares, so calling an undeclared operation does not compile. The code
// gitlab-gen writes (the managers package, and users' own declarations)
// embeds them; the New* constructors are for that code.
package mixins

import (
	"context"
	"iter"

	"github.com/golab/gitlab/base"
)

// Lister lists a collection. GitLab API: https://docs.gitlab.com/api/rest/#pagination
type Lister[T any] struct{ m *base.Manager[T] }

// List fetches one page, with its pagination facts. The objects share the
// page's buffer, never copied: keeping any of them keeps the page in memory.
func (l Lister[T]) List(ctx context.Context, params base.Params, opts ...base.RequestOption) (*base.Page[T], error) {
	return base.ListPage(ctx, l.m, params, opts)
}

// All iterates over every object of every page. When GitLab reports the
// page count (offset pagination), the next pages are fetched ahead of the
// loop, a few at once (WithPrefetch), and yielded in order; otherwise (keyset
// pagination, lists above 10,000 rows) it follows the server's Link
// rel="next", fetching a page only when the loop wants more. Breaking the
// loop cancels the requests in flight.
func (l Lister[T]) All(ctx context.Context, params base.Params, opts ...base.RequestOption) iter.Seq2[T, error] {
	return base.ListAll(ctx, l.m, params, opts)
}

// Scan iterates over every object as All does, reusing a few page buffers
// instead of allocating one per page: the fastest way through a long list
// whose objects the loop reads and lets go. An object is valid until the
// loop's next step, as a bufio.Scanner's bytes are: call Keep on one within
// its step to keep it (reading an object after its step without Keep
// panics, never reads another page's bytes). What is read from an object
// (GetString, Decode...) is a copy and stays valid. Use All when the loop
// keeps objects.
func (l Lister[T]) Scan(ctx context.Context, params base.Params, opts ...base.RequestOption) iter.Seq2[T, error] {
	return base.ScanAll(ctx, l.m, params, opts)
}

// Pages iterates over the pages of the list, in order, each with its
// objects and pagination facts: break after the pages you want, or give
// WithMaxPages. Pages are fetched as All fetches them (ahead of the loop
// when GitLab reports the page count, see WithPrefetch).
func (l Lister[T]) Pages(ctx context.Context, params base.Params, opts ...base.RequestOption) iter.Seq2[*base.Page[T], error] {
	return base.AllPages(ctx, l.m, params, opts)
}

// Head sends HEAD on the collection and returns the first page's
// pagination facts without items: page.Total counts the objects matching
// params without transferring them (-1 when GitLab does not say, above
// 10,000 rows). python-gitlab's manager.head().
func (l Lister[T]) Head(ctx context.Context, params base.Params, opts ...base.RequestOption) (*base.Page[T], error) {
	return base.ListHead(ctx, l.m, params, opts)
}

// Getter fetches objects by ID.
type Getter[T any] struct{ m *base.Manager[T] }

// Get fetches one object. id is an integer or a string: a namespaced path
// such as "group/sub/project" is encoded once (group%2Fsub%2Fproject).
func (g Getter[T]) Get(ctx context.Context, id any, opts ...base.RequestOption) (T, error) {
	o, err := g.m.Core().Get(ctx, id, opts)
	return wrap(g.m, o, err)
}

// Lazy returns an object holding only its ID, without a request: its
// sub-managers and actions work (one request for Lazy(1).Star(ctx)).
func (g Getter[T]) Lazy(id any) T { return g.m.Wrap(g.m.Core().Lazy(id)) }

// GetterWithoutID fetches a singleton (the current user, a push rule).
type GetterWithoutID[T any] struct{ m *base.Manager[T] }

// Get fetches the object.
func (g GetterWithoutID[T]) Get(ctx context.Context, opts ...base.RequestOption) (T, error) {
	o, err := g.m.Core().GetWithoutID(ctx, opts)
	return wrap(g.m, o, err)
}

// Creator creates objects.
type Creator[T any] struct{ m *base.Manager[T] }

// Create checks the required and exclusive attributes, then creates the object.
func (c Creator[T]) Create(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) (T, error) {
	o, err := c.m.Core().Create(ctx, attrs, opts)
	return wrap(c.m, o, err)
}

// GetCreateAttrs returns the attributes Create requires and accepts.
func (c Creator[T]) GetCreateAttrs() base.RequiredOptional { return c.m.Spec().CreateAttrs }

// Updater updates objects by ID.
type Updater[T any] struct{ m *base.Manager[T] }

// Update sends attrs with the manager's update verb and returns the
// server's version of the object.
func (u Updater[T]) Update(ctx context.Context, id any, attrs base.Attrs, opts ...base.RequestOption) (T, error) {
	if id == nil {
		var zero T
		return zero, &base.AttrError{Op: "update", Manager: u.m.Spec().Name, Missing: []string{u.m.Spec().IDAttribute()}}
	}
	o, err := u.m.Core().Update(ctx, id, attrs, opts)
	return wrap(u.m, o, err)
}

// GetUpdateAttrs returns the attributes Update requires and accepts.
func (u Updater[T]) GetUpdateAttrs() base.RequiredOptional { return u.m.Spec().UpdateAttrs }

// UpdaterWithoutID updates a singleton.
type UpdaterWithoutID[T any] struct{ m *base.Manager[T] }

// Update sends attrs and returns the server's version of the object.
func (u UpdaterWithoutID[T]) Update(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) (T, error) {
	o, err := u.m.Core().Update(ctx, nil, attrs, opts)
	return wrap(u.m, o, err)
}

// GetUpdateAttrs returns the attributes Update requires and accepts.
func (u UpdaterWithoutID[T]) GetUpdateAttrs() base.RequiredOptional { return u.m.Spec().UpdateAttrs }

// Deleter deletes objects by ID.
type Deleter[T any] struct{ m *base.Manager[T] }

// Delete deletes the object.
func (d Deleter[T]) Delete(ctx context.Context, id any, opts ...base.RequestOption) error {
	if id == nil {
		return &base.AttrError{Op: "delete", Manager: d.m.Spec().Name, Missing: []string{d.m.Spec().IDAttribute()}}
	}
	return d.m.Core().Delete(ctx, id, opts)
}

// DeleterWithoutID deletes a singleton.
type DeleterWithoutID[T any] struct{ m *base.Manager[T] }

// Delete deletes the object.
func (d DeleterWithoutID[T]) Delete(ctx context.Context, opts ...base.RequestOption) error {
	return d.m.Core().Delete(ctx, nil, opts)
}

// Setter sets key/value resources (feature flags).
type Setter[T any] struct{ m *base.Manager[T] }

// Set sets key to value and returns the resulting object. Further body
// attributes (a feature flag's user, group, project, feature_group...) are
// given with gitlab.WithSetAttrs.
func (s Setter[T]) Set(ctx context.Context, key string, value any, opts ...base.RequestOption) (T, error) {
	o, err := s.m.Core().Set(ctx, key, value, opts)
	return wrap(s.m, o, err)
}

// Retrieve is List and Get.
type Retrieve[T any] struct {
	Lister[T]
	Getter[T]
}

// CRUD is List, Get, Create, Update and Delete.
type CRUD[T any] struct {
	Lister[T]
	Getter[T]
	Creator[T]
	Updater[T]
	Deleter[T]
}

// NoUpdate is List, Get, Create and Delete.
type NoUpdate[T any] struct {
	Lister[T]
	Getter[T]
	Creator[T]
	Deleter[T]
}

// Constructors, for the managers package.

// NewLister returns a Lister for m.
func NewLister[T any](m *base.Manager[T]) Lister[T] { return Lister[T]{m} }

// NewGetter returns a Getter for m.
func NewGetter[T any](m *base.Manager[T]) Getter[T] { return Getter[T]{m} }

// NewGetterWithoutID returns a GetterWithoutID for m.
func NewGetterWithoutID[T any](m *base.Manager[T]) GetterWithoutID[T] { return GetterWithoutID[T]{m} }

// NewCreator returns a Creator for m.
func NewCreator[T any](m *base.Manager[T]) Creator[T] { return Creator[T]{m} }

// NewUpdater returns an Updater for m.
func NewUpdater[T any](m *base.Manager[T]) Updater[T] { return Updater[T]{m} }

// NewUpdaterWithoutID returns an UpdaterWithoutID for m.
func NewUpdaterWithoutID[T any](m *base.Manager[T]) UpdaterWithoutID[T] {
	return UpdaterWithoutID[T]{m}
}

// NewDeleter returns a Deleter for m.
func NewDeleter[T any](m *base.Manager[T]) Deleter[T] { return Deleter[T]{m} }

// NewDeleterWithoutID returns a DeleterWithoutID for m.
func NewDeleterWithoutID[T any](m *base.Manager[T]) DeleterWithoutID[T] {
	return DeleterWithoutID[T]{m}
}

// NewSetter returns a Setter for m.
func NewSetter[T any](m *base.Manager[T]) Setter[T] { return Setter[T]{m} }

// NewRetrieve returns List and Get for m.
func NewRetrieve[T any](m *base.Manager[T]) Retrieve[T] {
	return Retrieve[T]{Lister[T]{m}, Getter[T]{m}}
}

// NewCRUD returns List, Get, Create, Update and Delete for m.
func NewCRUD[T any](m *base.Manager[T]) CRUD[T] {
	return CRUD[T]{Lister[T]{m}, Getter[T]{m}, Creator[T]{m}, Updater[T]{m}, Deleter[T]{m}}
}

// NewNoUpdate returns List, Get, Create and Delete for m.
func NewNoUpdate[T any](m *base.Manager[T]) NoUpdate[T] {
	return NoUpdate[T]{Lister[T]{m}, Getter[T]{m}, Creator[T]{m}, Deleter[T]{m}}
}

func wrap[T any](m *base.Manager[T], o *base.Object, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return m.Wrap(o), nil
}
