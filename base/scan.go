package base

import (
	"context"
	"iter"
	"sync"
)

// ScanAll iterates over every object of every page as ListAll does
// (prefetching offset-paginated pages, following Link otherwise), but reads
// the pages into a few buffers it lends from page to page instead of a new
// buffer per page: an object is valid until the loop's next step, as the
// bytes of a bufio.Scanner are. Reading an object after its step panics
// with a message that says so, rather than reading the next page's bytes;
// (*Object).Keep, called in the step, copies the object out so that it
// stays valid. The values read from an object (strings, numbers, Decode)
// are copies, valid for good.
//
// The buffers in use at once are the window of pages in flight plus the
// page the loop is on: iterating over any number of pages allocates about
// that many page buffers, not one per page.
func ScanAll[T any](ctx context.Context, m *Manager[T], params Params, opts []RequestOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		bufs := &pageBuffers{lend: true}
		page, err := listPage(ctx, m, params, opts, bufs)
		objects(followPages(ctx, m, page, err, opts, bufs), bufs)(yield)
	}
}

// pageBuffers are the buffers the pages of one iteration are read into.
// With lend (Scan), a page's objects use its buffer, which comes back when
// the loop has left the page; without (All, Pages), a page is copied out of
// its buffer at once (parsePage), so that the socket always writes into
// memory already in use. Methods on a nil *pageBuffers lend nothing (every
// page is read into a new buffer).
type pageBuffers struct {
	lend bool
	mu   sync.Mutex
	free [][]byte
}

func (b *pageBuffers) get() []byte {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(b.free)
	if n == 0 {
		return []byte{} // not nil: a buffer to be made, kept for reuse
	}
	buf := b.free[n-1]
	b.free = b.free[:n-1]
	return buf
}

func (b *pageBuffers) put(buf []byte) {
	if b == nil || cap(buf) == 0 {
		return
	}
	b.mu.Lock()
	b.free = append(b.free, buf[:0])
	b.mu.Unlock()
}
