package gitlabtest

import (
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const apiPrefix = "/api/v4"

// maxBody bounds what the fake reads from a request body.
const maxBody = 64 << 20

type handler func(c *call) *apiError

type routeFlags uint8

const (
	needAuth  routeFlags = 1 << iota // anonymous requests get 401
	adminOnly                        // non-admins get 403
	jobOK                            // CI job tokens are accepted
)

type route struct {
	method string
	segs   []string // literals; "{}" marks a placeholder
	lits   int
	h      handler
	flags  routeFlags
}

// handle registers "METHOD /path/{x}/..." (the path after /api/v4).
func (s *Server) handle(pattern string, h handler, flags ...routeFlags) {
	method, path, _ := strings.Cut(pattern, " ")
	rt := &route{method: method, h: h}
	for _, f := range flags {
		rt.flags |= f
	}
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if strings.HasPrefix(seg, "{") {
			seg = "{}"
		} else {
			rt.lits++
		}
		rt.segs = append(rt.segs, seg)
	}
	s.routeMu.Lock()
	defer s.routeMu.Unlock()
	var cur []*route
	if p := s.routes.Load(); p != nil {
		cur = *p
	}
	next := append(append([]*route(nil), cur...), rt)
	// More literal segments win, so /projects/{id}/star beats /projects/{id}/{x}.
	sort.SliceStable(next, func(i, j int) bool { return next[i].lits > next[j].lits })
	s.routes.Store(&next)
}

func (s *Server) match(method string, segs []string) (*route, []string) {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	p := s.routes.Load()
	if p == nil {
		return nil, nil
	}
next:
	for _, rt := range *p {
		if rt.method != method || len(rt.segs) != len(segs) {
			continue
		}
		for i, seg := range rt.segs {
			if seg != "{}" && seg != segs[i] {
				continue next
			}
		}
		var args []string
		for i, seg := range rt.segs {
			if seg == "{}" {
				args = append(args, segs[i])
			}
		}
		return rt, args
	}
	return nil, nil
}

// splitPath decodes the escaped path after /api/v4 one segment at a time, so
// %2F stays inside its segment (https://docs.gitlab.com/api/rest/#namespaced-paths).
// Empty segments (double or trailing slashes) are ignored.
func splitPath(escaped string) ([]string, bool) {
	rest, ok := strings.CutPrefix(escaped, apiPrefix)
	if !ok || (rest != "" && rest[0] != '/') {
		return nil, false
	}
	var segs []string
	for _, raw := range strings.Split(rest, "/") {
		if raw == "" {
			continue
		}
		seg, err := url.PathUnescape(raw)
		if err != nil {
			return nil, false
		}
		segs = append(segs, seg)
	}
	return segs, true
}

// escapedPath is the path exactly as the client sent it.
func escapedPath(r *http.Request) string {
	if u := r.RequestURI; strings.HasPrefix(u, "/") {
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		return u
	}
	return r.URL.EscapedPath()
}

// call is one request being answered.
type call struct {
	s         *Server
	r         *http.Request
	w         http.ResponseWriter
	rt        *route
	head      bool
	path      string
	segs      []string
	args      []string
	p         params
	user      *user // acting user (after sudo)
	tokenUser *user // owner of the credential
	tok       *token
	rc        renderCtx
	base      string

	status int
	body   []byte
	pooled bool // body comes from bufPool
	ctype  string
	touch  *user // user whose activity date must be refreshed
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Request-Id", s.nextRequestID())
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(r.Body, maxBody))
	}
	path := escapedPath(r)
	segs, apiOK := splitPath(path)
	s.logRequest(r, path, body)

	if s.cfg.rateLimit > 0 {
		if e := s.rateLimit(w, r); e != nil {
			writeErr(w, e)
			return
		}
	}
	if f := s.matchFault(r, segs, apiOK); f != nil {
		if s.applyFault(w, r, f) {
			return
		}
	}
	if path == GraphQLPath {
		s.serveGraphQL(w, r, body) // graphql.go
		return
	}
	if !apiOK {
		writeErr(w, errRoute)
		return
	}
	rt, args := s.match(r.Method, segs)
	if rt == nil {
		writeErr(w, errRoute)
		return
	}
	base := s.externalURL(r)
	c := &call{s: s, r: r, w: w, rt: rt, head: r.Method == http.MethodHead, path: path,
		segs: segs, args: args, base: base, rc: newRenderCtx(base)}
	p, e := parseParams(r.URL.Query(), r.Header.Get("Content-Type"), body)
	if e != nil {
		writeErr(w, e)
		return
	}
	c.p = p

	e = c.run()
	if c.touch != nil {
		s.lock()
		s.touchActivity(c.touch)
		s.mu.Unlock()
	}
	if e != nil {
		writeErr(w, e)
		return
	}
	c.flush()
}

// run authenticates and handles the request under the state lock: shared
// for GET and HEAD, exclusive otherwise.
func (c *call) run() *apiError {
	if c.isWrite() {
		c.s.lock()
		defer c.s.mu.Unlock()
	} else {
		c.s.mu.RLock()
		defer c.s.mu.RUnlock()
	}
	if e := c.s.authenticate(c); e != nil {
		return e
	}
	return c.rt.h(c)
}

func writeErr(w http.ResponseWriter, e *apiError) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	if e.ctype != "" {
		h.Set("Content-Type", e.ctype)
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(e.status)
	_, _ = w.Write(e.body)
}

func (c *call) flush() {
	h := c.w.Header()
	if c.status == 0 {
		c.status = http.StatusOK
	}
	if c.status == http.StatusNoContent || c.status == http.StatusNotModified {
		c.w.WriteHeader(c.status)
		return
	}
	if c.ctype != "" {
		h.Set("Content-Type", c.ctype)
	}
	if c.body != nil {
		h.Set("Content-Length", strconv.Itoa(len(c.body)))
	}
	c.w.WriteHeader(c.status)
	if !c.head && c.body != nil {
		_, _ = c.w.Write(c.body)
	}
	if c.pooled {
		putBuf(c.body)
	}
}

// Response helpers. They only record the answer; serve writes it after the
// state lock is released.

func (c *call) json(status int, body []byte) *apiError {
	c.status, c.body, c.ctype = status, body, "application/json"
	return nil
}

// array answers 200 with n docs rendered into a pooled buffer. A HEAD
// renders them too: like GitLab (Rack drops the body of a HEAD, not its
// headers), it answers with the Content-Length of the GET, and no body.
func (c *call) array(n int, get func(i int) *doc) *apiError {
	c.pooled = true
	return c.json(http.StatusOK, renderArray(&c.rc, n, get))
}

// doc answers with one doc; a HEAD gets the GET's Content-Length (see array).
func (c *call) doc(status int, d *doc) *apiError {
	return c.json(status, d.render(&c.rc))
}

func (c *call) value(status int, v any) *apiError {
	return c.json(status, newDocPtr(marshal(v)).render(&c.rc))
}

func newDocPtr(raw []byte) *doc {
	d := newDoc(raw)
	return &d
}

func (c *call) noContent() *apiError {
	c.status = http.StatusNoContent
	return nil
}

// notModified is GitLab's 304 for idempotent no-ops
// (https://docs.gitlab.com/api/rest/troubleshooting/#status-codes).
func (c *call) notModified() *apiError {
	c.status = http.StatusNotModified
	return nil
}

func (c *call) text(status int, ctype string, body []byte) *apiError {
	c.status, c.body, c.ctype = status, body, ctype
	return nil
}

func (c *call) isWrite() bool {
	return c.r.Method != http.MethodGet && c.r.Method != http.MethodHead
}
