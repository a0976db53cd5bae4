package mixins

import (
	"context"

	"github.com/golab/gitlab/base"
)

// Saver saves an object's pending changes.
type Saver struct{ o *base.Object }

// NewSaver returns the Saver of o.
func NewSaver(o *base.Object) Saver { return Saver{o} }

// Save sends only what changed (plus the attributes the manager requires for
// updates), with the manager's update verb. Nothing changed: no request.
// After success the object holds the server's answer; after a failure the
// pending changes are kept. Call options such as sudo are not remembered:
// pass them again.
func (s Saver) Save(ctx context.Context, opts ...base.RequestOption) error {
	return s.o.Core().Save(ctx, s.o, opts)
}

// ObjectDeleter deletes an object.
type ObjectDeleter struct{ o *base.Object }

// NewObjectDeleter returns the ObjectDeleter of o.
func NewObjectDeleter(o *base.Object) ObjectDeleter { return ObjectDeleter{o} }

// Delete deletes the object on the server.
func (d ObjectDeleter) Delete(ctx context.Context, opts ...base.RequestOption) error {
	return d.o.Core().DeleteObject(ctx, d.o, opts)
}

// Refresher fetches an object again.
type Refresher struct{ o *base.Object }

// NewRefresher returns the Refresher of o.
func NewRefresher(o *base.Object) Refresher { return Refresher{o} }

// Refresh replaces the object's data with the server's; pending changes are
// discarded.
func (r Refresher) Refresh(ctx context.Context, opts ...base.RequestOption) error {
	return r.o.Core().Refresh(ctx, r.o, opts)
}
