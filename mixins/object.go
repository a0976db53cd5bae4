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

// Subscriber subscribes the user to an object's notifications (issues,
// merge requests, labels); its spec declares the actions "subscribe" and
// "unsubscribe" (see managers.SubscribeActions).
type Subscriber struct{ o *base.Object }

// NewSubscriber returns the Subscriber of o.
func NewSubscriber(o *base.Object) Subscriber { return Subscriber{o} }

// Subscribe subscribes to notifications; the object takes GitLab's answer.
// GitLab answers 304 (errors.Is(err, gitlab.ErrNotModified)) when the
// user is already subscribed.
// GitLab API: https://docs.gitlab.com/api/issues/#subscribe-to-an-issue
func (s Subscriber) Subscribe(ctx context.Context, opts ...base.RequestOption) error {
	return Act(ctx, s.o, "subscribe", nil, opts)
}

// Unsubscribe unsubscribes from notifications (304 when not subscribed).
// GitLab API: https://docs.gitlab.com/api/issues/#unsubscribe-from-an-issue
func (s Subscriber) Unsubscribe(ctx context.Context, opts ...base.RequestOption) error {
	return Act(ctx, s.o, "unsubscribe", nil, opts)
}

// TodoMaker adds an object to the user's to-do list; its spec declares the
// action "todo".
type TodoMaker struct{ o *base.Object }

// NewTodoMaker returns the TodoMaker of o.
func NewTodoMaker(o *base.Object) TodoMaker { return TodoMaker{o} }

// Todo creates a to-do item for the object; GitLab answers 304
// (errors.Is(err, gitlab.ErrNotModified)) when one already exists.
// GitLab API: https://docs.gitlab.com/api/issues/#create-a-to-do-item
func (t TodoMaker) Todo(ctx context.Context, opts ...base.RequestOption) error {
	return Act(ctx, t.o, "todo", nil, opts)
}

// Act runs a declared action on o and discards the object it may return:
// for actions whose answer replaces o (ResultReplace) or is not needed.
func Act(ctx context.Context, o *base.Object, name string, attrs base.Attrs, opts []base.RequestOption) error {
	_, _, err := o.Core().Action(ctx, o, name, attrs, opts)
	return err
}

// ActRaw runs a declared action on o and returns the server's answer.
func ActRaw(ctx context.Context, o *base.Object, name string, attrs base.Attrs, opts []base.RequestOption) (*base.Response, error) {
	_, resp, err := o.Core().Action(ctx, o, name, attrs, opts)
	return resp, err
}

// ActNew runs a declared action on o that answers with a new object of the
// same manager (a fork), wrapped by wrap.
func ActNew[T any](ctx context.Context, o *base.Object, name string, attrs base.Attrs, opts []base.RequestOption, wrap func(*base.Object) T) (T, error) {
	n, _, err := o.Core().Action(ctx, o, name, attrs, opts)
	if err != nil {
		var zero T
		return zero, err
	}
	return wrap(n), nil
}
