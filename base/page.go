package base

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Page is one page of a list, with GitLab's pagination facts. Fields GitLab
// did not send are unknown: 0 for pages (no next or previous page), -1 for
// Total and TotalPages (GitLab omits them above 10,000 rows and in keyset
// pagination).
type Page[T any] struct {
	Items      []T
	Page       int
	PerPage    int
	NextPage   int
	PrevPage   int
	Total      int
	TotalPages int
	// NextURL is the server's Link rel="next" URL, resolved against the
	// page's URL (RFC 3986) and followed verbatim by All (offset and keyset
	// pagination alike); "" on the last page.
	NextURL string

	url string // the URL this page was read from

	// Scan's pages: the lent buffer the page was read into, and the
	// objects that share it.
	body []byte
	lent []*Object
}

// Manager is a typed manager's engine: a Core and the function that wraps
// raw objects into the manager's object type T. It has no operations of its
// own; the mixins package adds exactly those the spec declares.
type Manager[T any] struct {
	core *Core
	wrap func(*Object) T
}

// NewManager builds a Manager.
func NewManager[T any](core *Core, wrap func(*Object) T) *Manager[T] {
	return &Manager[T]{core: core, wrap: wrap}
}

// Core is the manager's core (the low-level, untyped operations).
func (m *Manager[T]) Core() *Core { return m.core }

// Spec is the manager's declaration.
func (m *Manager[T]) Spec() *Spec { return m.core.spec() }

// Path is the manager's rendered path, or why it has none.
func (m *Manager[T]) Path() (string, error) { return m.core.Path() }

// Wrap turns a raw object of this manager into T.
func (m *Manager[T]) Wrap(o *Object) T { return m.wrap(o) }

// ListPage fetches one page: GET on the collection with params.
func ListPage[T any](ctx context.Context, m *Manager[T], params Params, opts []RequestOption) (*Page[T], error) {
	return listPage(ctx, m, params, opts, nil)
}

// listPage is ListPage reading the body into a buffer of bufs (nil: a new one).
func listPage[T any](ctx context.Context, m *Manager[T], params Params, opts []RequestOption, bufs *pageBuffers) (*Page[T], error) {
	req := &Request{Op: "list", Method: http.MethodGet, Path: m.core.b().listPath, List: true, Options: opts, Buffer: bufs.get()}
	resp, err := m.core.Send(ctx, req, params)
	if err != nil {
		return nil, err
	}
	return parsePage(m, req, resp, bufs)
}

// ListHead sends HEAD on the collection: the pagination facts of the first
// page (X-Total above all) without its items.
func ListHead[T any](ctx context.Context, m *Manager[T], params Params, opts []RequestOption) (*Page[T], error) {
	req := &Request{Op: "head", Method: http.MethodHead, Path: m.core.b().listPath, List: true, Raw: true, Options: opts}
	resp, err := m.core.Send(ctx, req, params)
	if err != nil {
		return nil, err
	}
	p := &Page[T]{Total: -1, TotalPages: -1}
	if err := p.setHeaders(resp.Header, resp.URL); err != nil {
		return nil, NewParseError(req.Op, req.Method, resp.URL, resp.StatusCode, resp.Header.Get("Content-Type"), err.Error(), nil)
	}
	return p, nil
}

// ListNext fetches the page at a Link URL, verbatim: the link already holds
// every parameter, so none is added.
func ListNext[T any](ctx context.Context, m *Manager[T], nextURL string, opts []RequestOption) (*Page[T], error) {
	return listNext(ctx, m, nextURL, opts, nil)
}

// listNext is ListNext reading the body into a buffer of bufs (nil: a new one).
func listNext[T any](ctx context.Context, m *Manager[T], nextURL string, opts []RequestOption, bufs *pageBuffers) (*Page[T], error) {
	req := &Request{Op: "list", Method: http.MethodGet, Path: nextURL, Options: withoutParams(opts), Buffer: bufs.get()}
	resp, err := m.core.client.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	return parsePage(m, req, resp, bufs)
}

// withoutParams keeps the call settings (sudo, timeout, retries) but drops
// query parameters, which the next link already carries.
func withoutParams(opts []RequestOption) []RequestOption {
	out := append(make([]RequestOption, 0, len(opts)+1), opts...)
	return append(out, CallOption(func(o *CallOptions) { o.Params, o.Query = nil, nil }))
}

// ListAll iterates over every object of every page (AllPages), and fetches
// pages only as the caller wants more: as many ahead as the prefetch window
// when GitLab reports the page count, else one at a time.
func ListAll[T any](ctx context.Context, m *Manager[T], params Params, opts []RequestOption) iter.Seq2[T, error] {
	return objects(AllPages(ctx, m, params, opts), nil)
}

// objects flattens a sequence of pages into their objects.
// With bufs (Scan), each object expires when the loop leaves it, and a
// page's buffer goes back to bufs once the loop has left the whole page.
func objects[T any](pages iter.Seq2[*Page[T], error], bufs *pageBuffers) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for page, err := range pages {
			if err != nil {
				yield(zero, err)
				return
			}
			for i, it := range page.Items {
				more := yield(it, nil)
				if bufs != nil {
					page.lent[i].expire()
				}
				if !more {
					return
				}
			}
			bufs.put(page.body)
		}
	}
}

// pageSet remembers the pages an iteration fetched, by a hash of their
// normalised URL (scheme and host lower-cased, default port dropped, query
// parameters sorted), eight bytes each.
type pageSet struct {
	seed maphash.Seed
	m    map[uint64]struct{}
}

func (s *pageSet) key(rawURL string) uint64 {
	if s.m == nil {
		s.seed, s.m = maphash.MakeSeed(), map[uint64]struct{}{}
	}
	if u, err := url.Parse(rawURL); err == nil {
		u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		if p := u.Port(); (u.Scheme == "https" && p == "443") || (u.Scheme == "http" && p == "80") {
			u.Host = u.Hostname()
		}
		u.RawQuery, u.Fragment, u.RawFragment = u.Query().Encode(), "", ""
		rawURL = u.String()
	}
	return maphash.String(s.seed, rawURL)
}

func (s *pageSet) add(rawURL string) { s.m[s.key(rawURL)] = struct{}{} }

func (s *pageSet) has(rawURL string) bool { _, ok := s.m[s.key(rawURL)]; return ok }

// parsePage splits a JSON array into objects without copying: each object's
// raw data is a sub-slice of the page body, which is never modified (until,
// when the body is a buffer of bufs, Scan's loop leaves the page and expires
// its objects).
func parsePage[T any](m *Manager[T], req *Request, resp *Response, bufs *pageBuffers) (*Page[T], error) {
	body := resp.Body
	if bufs != nil && !bufs.lend {
		// Landed in a reused buffer, the page gets memory of its own, of its
		// size: copying it from cache costs less than the socket writing
		// into memory never touched, and the scan below reads it from cache.
		body = bytes.Clone(body)
		bufs.put(resp.Body)
		bufs = nil
	}
	fail := func(reason string, what []byte) error {
		return NewParseError(req.Op, req.Method, resp.URL, resp.StatusCode, resp.Header.Get("Content-Type"), reason, what)
	}
	p := &Page[T]{Total: -1, TotalPages: -1}
	if err := p.setHeaders(resp.Header, resp.URL); err != nil {
		return nil, fail(err.Error(), nil)
	}
	trimmed := trimJSONSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		if len(trimmed) > 0 && !validJSON(trimmed) {
			return nil, fail("malformed JSON", body)
		}
		return nil, fail("expected a JSON array", body)
	}
	n := p.PerPage
	if n <= 0 || n > 100 {
		n = 20
	}
	p.Items = make([]T, 0, n)
	if bufs != nil {
		p.body, p.lent = body, make([]*Object, 0, n)
	}
	var bad error
	err := splitJSONArray(trimmed, func(start, end int, distinct bool) bool {
		if trimmed[start] != '{' {
			bad = fail("a list item is not a JSON object", trimmed[start:end])
			return false
		}
		o := NewObject(m.core, trimmed[start:end:end])
		o.flags = flagFromList | distinctFlag(distinct)
		if bufs != nil {
			o.flags |= flagLent
			p.lent = append(p.lent, o)
		}
		p.Items = append(p.Items, m.wrap(o))
		return true
	})
	if err != nil {
		return nil, fail("malformed JSON", body)
	}
	if bad != nil {
		return nil, bad
	}
	return p, nil
}

// setHeaders reads GitLab's pagination headers. Numbers that are missing,
// malformed or negative are unknown. The next page is the Link rel="next"
// target resolved against reqURL (RFC 3986: a relative link such as
// </api/v4/projects?page=2> stays on the server), else reqURL at
// X-Next-Page. A link that is not a URL is an error: following nothing
// would silently end the list.
func (p *Page[T]) setHeaders(h http.Header, reqURL string) error {
	num := func(name string, unknown int) int {
		n, err := strconv.Atoi(strings.TrimSpace(h.Get(name)))
		if err != nil || n < 0 {
			return unknown
		}
		return n
	}
	p.url = reqURL
	p.Page = num("X-Page", 0)
	p.PerPage = num("X-Per-Page", 0)
	p.NextPage = num("X-Next-Page", 0)
	p.PrevPage = num("X-Prev-Page", 0)
	p.Total = num("X-Total", -1)
	p.TotalPages = num("X-Total-Pages", -1)
	base, err := url.Parse(reqURL)
	if err != nil {
		base = &url.URL{}
	}
	if link := LinkURL(h, "next"); link != "" {
		ref, err := url.Parse(link)
		if err != nil {
			return fmt.Errorf("the Link header's next page %q is not a URL", SanitizeURL(link))
		}
		p.NextURL = base.ResolveReference(ref).String()
		return nil
	}
	if p.NextPage > 0 && reqURL != "" {
		// No Link header but X-Next-Page: the same request, at that page.
		q := base.Query()
		q.Set("page", strconv.Itoa(p.NextPage))
		base.RawQuery = q.Encode()
		p.NextURL = base.String()
	}
	return nil
}

// LinkURL returns the target of the Link header entry with the given rel,
// as written: it may be relative (RFC 8288), to be resolved against the
// URL of the answer (url.URL.ResolveReference), as Page.NextURL is.
func LinkURL(h http.Header, rel string) string {
	for _, line := range h.Values("Link") {
		for len(line) > 0 {
			start := strings.IndexByte(line, '<')
			if start < 0 {
				break
			}
			end := strings.IndexByte(line[start:], '>')
			if end < 0 {
				break
			}
			u := line[start+1 : start+end]
			rest := line[start+end+1:]
			next := strings.IndexByte(rest, '<')
			params := rest
			if next >= 0 {
				params = rest[:next]
			}
			for _, prm := range strings.Split(params, ";") {
				prm = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(prm), ","))
				if v, ok := strings.CutPrefix(prm, "rel="); ok {
					for _, r := range strings.Fields(strings.Trim(v, `"`)) {
						if r == rel {
							return u
						}
					}
				}
			}
			if next < 0 {
				break
			}
			line = rest[next:]
		}
	}
	return ""
}

// Collect gathers every value of a sequence, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
