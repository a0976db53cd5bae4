package gitlabtest

import (
	"net/http"
	"net/url"
	"slices"
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
	shape  string // method and path with blank placeholders: "GET /projects/{}/issues"
	kind   *kind  // the generic store's collection the route serves, or nil
}

// newRoute parses "METHOD /path/{x}/..." (the path after /api/v4).
func newRoute(pattern string, h handler, flags ...routeFlags) *route {
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
	rt.shape = method + " /" + strings.Join(rt.segs, "/")
	return rt
}

// matches reports whether the route's path matches the decoded segments.
func (rt *route) matches(segs []string) bool {
	if len(rt.segs) != len(segs) {
		return false
	}
	for i, seg := range rt.segs {
		if seg != "{}" && seg != segs[i] {
			return false
		}
	}
	return true
}

// routeTable is immutable once published: routes by segment count, each
// bucket ordered by literal count (more literals win, so /projects/{id}/star
// beats /projects/{id}/{x}), then by registration order.
type routeTable struct {
	buckets map[int][]*route
}

// served reports whether a route of that shape is in the table.
func (t *routeTable) served(rt *route) bool {
	for _, x := range t.buckets[len(rt.segs)] {
		if x.shape == rt.shape {
			return true
		}
	}
	return false
}

// handle registers "METHOD /path/{x}/..." (the path after /api/v4). While
// the server is being built, routes are collected and published at once.
func (s *Server) handle(pattern string, h handler, flags ...routeFlags) {
	rt := newRoute(pattern, h, flags...)
	if s.pending != nil {
		*s.pending = append(*s.pending, rt)
		return
	}
	s.addRoutes(rt)
}

// addRoutes publishes a new table with rts added. A route whose shape is
// already served is dropped: the first registration of a shape wins, which
// is how the hand-written handlers keep priority over the generic store.
func (s *Server) addRoutes(rts ...*route) {
	s.publishRoutes(rts, true)
}

// publishRoutes adds rts to a copy of the table and publishes it; dedup
// drops the routes of shapes already served (callers that know their routes
// are new skip the check).
func (s *Server) publishRoutes(rts []*route, dedup bool) {
	s.routeMu.Lock()
	defer s.routeMu.Unlock()
	next := &routeTable{buckets: map[int][]*route{}}
	if cur := s.routes.Load(); cur != nil {
		for n, b := range cur.buckets {
			next.buckets[n] = b
		}
	}
	touched := map[int]bool{}
	for _, rt := range rts {
		if dedup && next.served(rt) {
			continue
		}
		n := len(rt.segs)
		if !touched[n] {
			touched[n] = true
			next.buckets[n] = append([]*route(nil), next.buckets[n]...)
		}
		next.buckets[n] = append(next.buckets[n], rt)
	}
	for n := range touched {
		b := next.buckets[n]
		sort.SliceStable(b, func(i, j int) bool { return b[i].lits > b[j].lits })
	}
	s.routes.Store(next)
}

// match finds the route of method for the segments. When none matches but
// routes of other methods do, it returns those methods: GitLab (Grape)
// answers 405 for a known path requested with another method.
func (s *Server) match(method string, segs []string) (*route, []string, []string) {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	tbl := s.routes.Load()
	if tbl == nil {
		return nil, nil, nil
	}
	var allow []string
	for _, rt := range tbl.buckets[len(segs)] {
		if !rt.matches(segs) {
			continue
		}
		if rt.method != method {
			if !slices.Contains(allow, rt.method) {
				allow = append(allow, rt.method)
			}
			continue
		}
		var args []string
		for i, seg := range rt.segs {
			if seg == "{}" {
				args = append(args, segs[i])
			}
		}
		return rt, args, nil
	}
	return nil, nil, allow
}

// notAllowed is Grape's answer to a known path requested with a method it
// does not serve: 405 {"error":"405 Not Allowed"} with an Allow header
// (ruby-grape/grape#1283; GitLab's API is a Grape application).
func notAllowed(allow []string) *apiError {
	if slices.Contains(allow, http.MethodGet) {
		allow = append(allow, http.MethodHead)
	}
	sort.Strings(allow)
	e := errErr(http.StatusMethodNotAllowed, "405 Not Allowed")
	e.header = http.Header{"Allow": {strings.Join(allow, ", ")}}
	return e
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
	touch  *user     // user whose activity date must be refreshed
	stream *Download // generated content to answer with, streamed (transfer.go)
	rcv    *received // a streamed body: multipart fields and uploads (transfer.go)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Request-Id", s.nextRequestID())
	path := escapedPath(r)
	body, rcv, bodyErr := s.receive(r, path) // uploads are hashed as they arrive
	segs, apiOK := splitPath(path)
	s.logRequest(r, path, rcv.logBody(body))

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
	rt, args, allow := s.match(r.Method, segs)
	if rt == nil {
		if len(allow) > 0 {
			writeErr(w, notAllowed(allow))
			return
		}
		writeErr(w, errRoute)
		return
	}
	base := s.externalURL(r)
	c := &call{s: s, r: r, w: w, rt: rt, head: r.Method == http.MethodHead, path: path,
		segs: segs, args: args, base: base, rc: newRenderCtx(base), rcv: rcv}
	p, e := parseParams(r.URL.Query(), r.Header.Get("Content-Type"), body)
	if e == nil {
		e = bodyErr
	}
	if e != nil {
		writeErr(w, e)
		return
	}
	if rcv != nil {
		for _, f := range rcv.fields {
			p.insert(f[0], f[1])
		}
		for _, u := range rcv.uploads {
			if u.FileName != "" {
				p[fileNameKey+u.Field] = u.FileName
			}
		}
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
	if c.stream != nil {
		c.writeStream()
		return
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
