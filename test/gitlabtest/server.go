package gitlabtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// DefaultAdminToken is the private token of the built-in administrator
// "root" (user id 1). It carries the api and sudo scopes.
const DefaultAdminToken = "glpat-fake-admin-token"

// Version is what GET /api/v4/version reports.
const Version = "17.5.0-ee"

// Revision is the revision GET /api/v4/version reports.
const Revision = "6c1d5e3a4b2"

// maxDelay caps Fault.Delay.
const maxDelay = 30 * time.Second

type config struct {
	addr        string
	adminToken  string
	externalURL string
	totalsLimit int
	maxOffset   int
	now         func() time.Time
	seed        bool
	rateLimit   int
	tls         bool // WithTLS
	clientCerts bool // WithClientCerts
	err         error

	gqlComplexity int // WithGraphQLComplexityLimit
}

// Option configures a Server.
type Option func(*config)

// WithAddr sets the listen address (default "127.0.0.1:0"). Only loopback
// hosts (127.0.0.0/8, ::1, localhost) are accepted; New reports an error for
// any other host, including an empty one.
func WithAddr(addr string) Option {
	return func(c *config) {
		if err := checkLoopback(addr); err != nil {
			c.err = err
			return
		}
		c.addr = addr
	}
}

// WithAdminToken replaces DefaultAdminToken as the private token of "root".
func WithAdminToken(tok string) Option { return func(c *config) { c.adminToken = tok } }

// WithExternalURL sets the base URL used in Link headers and in the URLs of
// objects (web_url, _links...). By default it is derived from each request's
// Host header ("http://" + r.Host, or "https://" over TLS), the way a GitLab
// instance uses its configured external_url
// (https://docs.gitlab.com/api/rest/#pagination-link-header).
func WithExternalURL(u string) Option {
	return func(c *config) { c.externalURL = strings.TrimRight(u, "/") }
}

// WithTotalsLimit sets the row count above which X-Total, X-Total-Pages and
// the rel="last" link are omitted (default 10000,
// https://docs.gitlab.com/api/rest/#pagination-response-headers).
func WithTotalsLimit(n int) Option { return func(c *config) { c.totalsLimit = n } }

// WithMaxOffset sets the offset cap of keyset-capable routes (projects,
// users); beyond it offset pagination answers 405 (default 50000,
// https://docs.gitlab.com/administration/instance_limits/#max-offset-allowed-by-the-rest-api-for-offset-based-pagination).
func WithMaxOffset(n int) Option { return func(c *config) { c.maxOffset = n } }

// WithClock injects the clock used for timestamps and RateLimit-Reset.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithSeed loads demo data; see Seed* constants for the users, tokens,
// groups and projects it creates.
func WithSeed() Option { return func(c *config) { c.seed = true } }

// WithRateLimitHeaders enables the throttle emulation: every response carries
// RateLimit-Limit, RateLimit-Name, RateLimit-Observed, RateLimit-Remaining and
// RateLimit-Reset, counted per credential (or client IP) in fixed 60-second
// windows of the injected clock, and a request beyond limit in a window is
// answered 429 "Retry later" with Retry-After and RateLimit-ResetTime
// (https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#response-headers).
func WithRateLimitHeaders(limit int) Option { return func(c *config) { c.rateLimit = limit } }

func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("gitlabtest: invalid address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("gitlabtest: refusing non-loopback address %q", addr)
}

// Server is a stateful, in-memory GitLab REST API v4.
type Server struct {
	cfg      config
	handler  http.Handler
	hs       *http.Server
	ln       net.Listener
	url      string
	tls      *tlsFiles // with WithTLS, once New has started the server
	quit     chan struct{}
	closed   sync.Once
	reqIDPfx string
	reqSeq   atomic.Uint64

	routes   atomic.Pointer[routeTable]
	routeMu  sync.Mutex
	resKinds map[string]*kind // AddResource collections by path; guarded by routeMu
	pending  *[]*route        // routes collected while registerRoutes runs

	mu sync.RWMutex
	st state

	viewMu  sync.Mutex // cached project views, built under the read lock
	views   map[viewKey][]*project
	viewGen int

	repoMu    sync.Mutex // lazy creation of project repositories
	commitSeq atomic.Int64

	faultMu     sync.Mutex
	faults      []*faultState
	faultsFired int
	nextFaultID int

	logMu    sync.Mutex
	reqLog   []Request // ring buffer of at most maxLog entries
	logHead  int       // index of the oldest entry once the ring is full
	reqCount int

	rlMu sync.Mutex
	rl   map[string]*rlWindow

	xfer transfers // generated downloads and received uploads (transfer.go)
}

// NewUnstarted builds a Server without listening; mount Handler() in your
// own http.Server or httptest.Server. URL() is empty until New starts one.
func NewUnstarted(opts ...Option) *Server {
	s, _ := build(opts)
	return s
}

func build(opts []Option) (*Server, error) {
	cfg := config{
		addr:        "127.0.0.1:0",
		adminToken:  DefaultAdminToken,
		totalsLimit: 10000,
		maxOffset:   50000,
		now:         time.Now,
	}
	for _, o := range opts {
		o(&cfg)
	}
	var pfx [6]byte
	_, _ = rand.Read(pfx[:])
	s := &Server{cfg: cfg, quit: make(chan struct{}), reqIDPfx: strings.ToUpper(hex.EncodeToString(pfx[:]))}
	s.handler = http.HandlerFunc(s.serve)
	s.initState()
	s.registerRoutes()
	if cfg.seed {
		s.seed()
	}
	return s, cfg.err
}

// New starts a Server listening on a loopback address and serving in a
// goroutine. Call Close when done.
func New(opts ...Option) (*Server, error) {
	s, err := build(opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", s.cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("gitlabtest: listen: %w", err)
	}
	s.hs = &http.Server{Handler: s.handler, ReadHeaderTimeout: 30 * time.Second}
	s.url = "http://" + ln.Addr().String()
	if s.cfg.tls {
		tl, err := s.listenTLS(ln)
		if err != nil {
			_ = ln.Close()
			return nil, err
		}
		ln, s.url = tl, "https://"+ln.Addr().String()
	}
	s.ln = ln
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

// NewServer is New for tests: it fails tb on error and closes the server in
// tb.Cleanup.
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := New(opts...)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Close)
	return s
}

// URL is the base URL without /api/v4, for example http://127.0.0.1:41234
// (https:// with WithTLS).
func (s *Server) URL() string { return s.url }

// APIURL is URL() + "/api/v4".
func (s *Server) APIURL() string { return s.url + "/api/v4" }

// Handler serves /api/v4/...; everything else answers 404.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the server, releasing pending Delay faults first. It is
// idempotent and safe to call on an unstarted server.
func (s *Server) Close() {
	s.closed.Do(func() {
		close(s.quit)
		if s.hs != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := s.hs.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				_ = s.hs.Close()
			}
		}
		s.removeTLSFiles()
	})
}

func (s *Server) now() time.Time { return s.cfg.now() }

func (s *Server) nextRequestID() string {
	return fmt.Sprintf("%s%014X", s.reqIDPfx, s.reqSeq.Add(1))
}

// externalURL is the configured external URL or the one derived from the
// request's Host header.
func (s *Server) externalURL(r *http.Request) string {
	if s.cfg.externalURL != "" {
		return s.cfg.externalURL
	}
	if r != nil && r.Host != "" {
		if r.TLS != nil {
			return "https://" + r.Host
		}
		return "http://" + r.Host
	}
	if s.url != "" {
		return s.url
	}
	return "http://localhost"
}
