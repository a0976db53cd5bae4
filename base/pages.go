package base

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"sync"
)

// DefaultPrefetch is how many pages of an offset-paginated list All and
// Pages fetch at once when GitLab reports the page count (X-Total-Pages):
// the page the loop is on and the next ones, which overlaps the network's
// latency with the loop's work. It is small because every page in flight is
// a request against GitLab's rate limits (GitLab.com allows 2,000 API
// requests a minute to a user:
// https://docs.gitlab.com/user/gitlab_com/#rate-limits-on-gitlabcom); a
// 429 is waited out by the same rate-limit machinery as any call.
const DefaultPrefetch = 4

// prefetcher is the Requester's default prefetch window for a call (the
// client's WithPrefetch, overridden by the call's options).
type prefetcher interface {
	PrefetchWindow(opts []RequestOption) int
}

// AllPages iterates over the pages of a list, from the first, in order.
//
// When the first page reports the page count (offset pagination, X-Page
// and X-Total-Pages), the next pages are requested by number, up to window
// at once (CallOptions.Prefetch, DefaultPrefetch by default), and yielded
// in page order; when the loop stops, the requests in flight are cancelled
// and waited for. Otherwise, and always for keyset pagination, each page is
// fetched after the previous one, by its Link rel="next" (or X-Next-Page):
// keyset pages can only be reached through the previous page's cursor, and
// GitLab omits the totals above 10,000 rows. A page count that turns out
// short (the list grew) is completed by following the last page's link.
//
// A next page that was already fetched (a server whose Link or
// X-Next-Page points back) ends the iteration with an error matching
// ErrRepeatedPage. CallOptions.MaxPages stops after that many pages.
func AllPages[T any](ctx context.Context, m *Manager[T], params Params, opts []RequestOption) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		bufs := new(pageBuffers) // landing buffers, the pages copied out of them
		page, err := listPage(ctx, m, params, opts, bufs)
		followPages(ctx, m, page, err, opts, bufs)(yield)
	}
}

// followPages yields page (or err) and the pages after it, read into
// buffers of bufs when it is not nil.
func followPages[T any](ctx context.Context, m *Manager[T], page *Page[T], err error, opts []RequestOption,
	bufs *pageBuffers) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		o := CollectOptions(opts)
		window := o.Prefetch
		if p, ok := m.core.client.(prefetcher); ok {
			window = p.PrefetchWindow(opts)
		}
		if window == 0 {
			window = DefaultPrefetch
		}
		left := o.MaxPages // pages still wanted; <= 0: all
		var seen pageSet
		for {
			if err != nil {
				yield(nil, err)
				return
			}
			seen.add(page.url)
			if !yield(page, nil) || left == 1 || page.NextURL == "" {
				return
			}
			if left > 0 {
				left--
			}
			if window > 1 && numbered(page) {
				last := page.TotalPages
				if left > 0 {
					last = min(last, page.Page+left)
				}
				from := page.Page
				var more bool
				page, err, more = prefetch(ctx, m, page, last, window, opts, bufs, yield)
				if !more {
					return
				}
				if left > 0 {
					left -= last - from - 1 // yielded by prefetch: all but the last
				}
				window = 1 // the rest, if the list grew, link by link
				continue
			}
			if seen.has(page.NextURL) {
				yield(nil, fmt.Errorf("%w: list %s: the next page of %s is %s: the server's pagination leads back, so the list stops here",
					ErrRepeatedPage, m.core.spec().Name, SanitizeURL(page.url), SanitizeURL(page.NextURL)))
				return
			}
			seen.add(page.NextURL)
			page, err = listNext(ctx, m, page.NextURL, opts, bufs)
		}
	}
}

// numbered reports whether the pages after p can be requested by number:
// offset pagination, with the page count and p's successor known.
func numbered[T any](p *Page[T]) bool {
	if p.Page < 1 || p.TotalPages <= p.Page || p.NextPage != p.Page+1 {
		return false
	}
	u, err := url.Parse(p.url)
	return err == nil && u.Query().Get("pagination") != "keyset"
}

// pageURL is the URL of page n of the list whose page first is.
func pageURL[T any](first *Page[T], n int) string {
	u, err := url.Parse(first.url)
	if err != nil {
		return first.url
	}
	q := u.Query()
	q.Set("page", strconv.Itoa(n))
	if first.PerPage > 0 {
		q.Set("per_page", strconv.Itoa(first.PerPage))
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// prefetch fetches the pages after first up to last, window at a time,
// yields them in order except the last, and returns the last (or the first
// error); more is false when the loop stopped, or an error was yielded.
func prefetch[T any](ctx context.Context, m *Manager[T], first *Page[T], last, window int, opts []RequestOption,
	bufs *pageBuffers, yield func(*Page[T], error) bool) (lastPage *Page[T], err error, more bool) {
	type result struct {
		page *Page[T]
		err  error
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel() // requests still in flight after a break or an error
		wg.Wait()
	}()
	slots := make([]chan result, window) // page n's answer arrives in slots[n%window]
	start := func(n int) {
		ch := make(chan result, 1)
		slots[n%window] = ch
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := listNext(ctx, m, pageURL(first, n), opts, bufs)
			ch <- result{p, err}
		}()
	}
	next := first.Page + 1
	for ; next <= last && next <= first.Page+window; next++ {
		start(next)
	}
	for n := first.Page + 1; n <= last; n++ {
		r := <-slots[n%window]
		if next <= last {
			start(next)
			next++
		}
		switch {
		case r.err != nil:
			return nil, r.err, true // the caller yields it
		case n == last:
			return r.page, nil, true
		case !yield(r.page, nil):
			return nil, nil, false
		}
	}
	return nil, nil, false // not reached: last > first.Page
}
