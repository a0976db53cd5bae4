package gitlab

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/golab/gitlab/base"
)

// ErrRedirect matches (with errors.Is) the error of a request that GitLab,
// or something in front of it, redirected with a 301, 302 or 303 while it
// was not a GET or HEAD: following the redirect would resend it as a GET
// without its body, so the client stops and reports it instead. The usual
// cause is a base URL in http:// that the server redirects to https://, or an
// old host name. The error is a *RedirectError, wrapped in the *Error of the
// request (Error.Err).
//
// python-gitlab: RedirectError, https://python-gitlab.readthedocs.io/en/stable/api/gitlab.html#gitlab.exceptions.RedirectError
var ErrRedirect = errors.New("gitlab: a redirect would turn the request into a GET")

// RedirectError describes a redirect that would have changed a request's
// method (see ErrRedirect). Its URLs carry no credentials.
type RedirectError struct {
	Method     string // the method of the request redirected: POST, PUT, PATCH or DELETE
	StatusCode int    // 301, 302 or 303
	From       string // the URL that answered with the redirect
	To         string // where it pointed
}

// Error says what happened and how to fix it.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("gitlab: %s %s was redirected (%d %s) to %s; following it would resend the request as a GET "+
		"without its body, so it was not followed: use the URL GitLab really answers on as the client's URL "+
		"(for example https:// instead of http://)",
		e.Method, e.From, e.StatusCode, http.StatusText(e.StatusCode), e.To)
}

// Is makes errors.Is(err, ErrRedirect) true.
func (e *RedirectError) Is(target error) bool { return target == ErrRedirect }

// ErrCrossOrigin matches (with errors.Is) the error of a request to a URL
// on another origin (scheme, host or port) than the client's GitLab: a
// pagination link (Link or X-Next-Page) or an absolute URL given to HTTPGet
// and friends. Such a URL is not requested: the token, basic credentials
// and Sudo go only to the client's GitLab. The error is a
// *CrossOriginError, wrapped in the *Error of the request (Error.Err).
var ErrCrossOrigin = errors.New("gitlab: the URL is not on the client's GitLab")

// CrossOriginError describes a URL refused because it is on another origin
// than the client's (see ErrCrossOrigin). Its URLs carry no credentials.
type CrossOriginError struct {
	Origin       string // the URL's scheme://host:port
	ClientOrigin string // the client's
}

// Error names both origins and the way out.
func (e *CrossOriginError) Error() string {
	return fmt.Sprintf("the URL is on %s, not on the client's GitLab %s, so it was not requested: credentials are sent only to the client's GitLab "+
		"(if %s is the same GitLab under another name, as when its external_url is misconfigured, WithKeepBaseURL, "+
		"python-gitlab's keep_base_url, follows its links on the client's URL)", e.Origin, e.ClientOrigin, e.Origin)
}

// Is makes errors.Is(err, ErrCrossOrigin) true.
func (e *CrossOriginError) Is(target error) bool { return target == ErrCrossOrigin }

// connSettings holds the connection options (TLS, proxies, redirects,
// basic auth, keep_base_url, request logging).
type connSettings struct {
	basicUser, basicPass string
	basicAuth            bool

	proxy       *url.URL // WithProxy; nil: the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)
	caPath      string   // WithCACert or a CA bundle variable: read at the first request
	caFrom      string   // where caPath came from, for its errors
	poolSize    int      // WithConnectionPool; 0: DefaultConnectionPool
	clientCerts []tls.Certificate
	insecure    bool

	keepBaseURL bool
	debugLog    bool

	// transportOpts names the transport options given, to refuse them next
	// to WithHTTPClient (whose client is used as is).
	transportOpts []string

	prepared bool
	err      error // the error of prepareConn

	linkWarn     *sync.Once // keep_base_url warning, once per client
	redirectWarn *sync.Once // credentials dropped on a redirect, once per client
}

// addTransportOpt records a transport option and refuses it when the caller
// already gave their own *http.Client.
func (s *settings) addTransportOpt(name string) error {
	if s.httpClient != nil {
		return transportConflict([]string{name})
	}
	s.conn.transportOpts = append(s.conn.transportOpts, name)
	return nil
}

var errContradiction = errors.New("gitlab: WithInsecureSkipVerify and WithCACert contradict each other: give one of them")

func transportConflict(names []string) error {
	return fmt.Errorf("gitlab: %s cannot be combined with WithHTTPClient: the *http.Client you give is used as it is, "+
		"so configure its Transport (TLSClientConfig, Proxy) yourself", strings.Join(names, ", "))
}

// WithBasicAuth sends HTTP basic credentials (an "Authorization: Basic"
// header) with every request, for a proxy that protects the GitLab server:
// GitLab's API itself does not accept passwords. As in python-gitlab
// (http_username and http_password), it cannot be combined with a token, and
// both the user name and the password are required.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/api/gitlab.html#gitlab.Gitlab
func WithBasicAuth(username, password string) Option {
	return clientOption(func(s *settings) error {
		if username == "" || password == "" {
			return fmt.Errorf("gitlab: WithBasicAuth: both a user name and a password are required")
		}
		s.conn.basicUser, s.conn.basicPass, s.conn.basicAuth = username, password, true
		return s.checkBasicAuth()
	})
}

// WithProxy sends every request through the proxy at proxyURL
// ("http://proxy:3128", "https://…", "socks5://…"; credentials may be given
// in the URL and never appear in errors). HTTPS requests go through a
// CONNECT tunnel, so the proxy does not see the token.
//
// Without WithProxy, the client uses the environment's HTTP_PROXY,
// HTTPS_PROXY and NO_PROXY (or their lower-case forms) as python-gitlab
// (requests) does, through Go's http.ProxyFromEnvironment: Go reads them
// once per process, and never proxies requests to localhost or loopback
// addresses. WithProxy replaces the environment and applies to every
// destination, loopback included. It cannot be combined with WithHTTPClient.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/api-usage-advanced.html#proxy-configuration
func WithProxy(proxyURL string) Option {
	return clientOption(func(s *settings) error {
		u, err := url.Parse(proxyURL)
		if err != nil || u.Host == "" {
			return fmt.Errorf("gitlab: WithProxy: %q is not a proxy URL such as http://proxy.example.com:3128", base.SanitizeURL(proxyURL))
		}
		switch u.Scheme {
		case "http", "https", "socks5", "socks5h":
		default:
			return fmt.Errorf("gitlab: WithProxy: unsupported proxy scheme %q in %s (use http, https or socks5)", u.Scheme, base.SanitizeURL(proxyURL))
		}
		if err := s.addTransportOpt("WithProxy"); err != nil {
			return err
		}
		s.conn.proxy = u
		return nil
	})
}

// WithCACert trusts the certificate authorities of a PEM file, or of every
// PEM file in a directory, to verify the server: python-gitlab's
// ssl_verify="/path/to/ca.pem". As in python-gitlab (requests), these
// authorities replace the system's, and the REQUESTS_CA_BUNDLE and
// CURL_CA_BUNDLE variables are then ignored. New checks that the path
// exists; its certificates are read at the client's first request (a
// system bundle costs milliseconds and hundreds of kilobytes to parse, and
// a client may make none), and a file without any is then the error of
// every request, sent nowhere. It cannot be combined with
// WithInsecureSkipVerify or WithHTTPClient.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/api-usage-advanced.html#ssl-certificate-verification
func WithCACert(path string) Option {
	return clientOption(func(s *settings) error {
		if err := statCAs(path); err != nil {
			return fmt.Errorf("gitlab: WithCACert: %w", err)
		}
		if err := s.addTransportOpt("WithCACert"); err != nil {
			return err
		}
		if s.conn.insecure {
			return errContradiction
		}
		s.conn.caPath, s.conn.caFrom = path, "WithCACert"
		return nil
	})
}

// WithClientCert authenticates the client to the server (mutual TLS) with
// the certificate and unencrypted private key of two PEM files, as a
// requests session's cert=(certFile, keyFile) does for python-gitlab. It
// cannot be combined with WithHTTPClient.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/api-usage-advanced.html#client-side-certificate
func WithClientCert(certFile, keyFile string) Option {
	return clientOption(func(s *settings) error {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return fmt.Errorf("gitlab: WithClientCert(%q, %q): %w", certFile, keyFile, err)
		}
		if err := s.addTransportOpt("WithClientCert"); err != nil {
			return err
		}
		s.conn.clientCerts = append(s.conn.clientCerts, cert)
		return nil
	})
}

// DefaultConnectionPool is how many idle connections to GitLab a client
// keeps for reuse, without WithConnectionPool: enough for 16 goroutines
// calling at once (or a prefetch window of DefaultPrefetch pages) to reuse
// their connections instead of opening one per request. Go's own default
// (http.DefaultTransport) keeps 2, so that a 16-way workload opens a new
// connection, and a TLS handshake, for most of its requests.
const DefaultConnectionPool = 16

// WithConnectionPool sets how many idle connections to GitLab the client
// keeps for reuse (the transport's MaxIdleConnsPerHost; DefaultConnectionPool
// when not given): as many as the goroutines that call at once. It does not
// limit the connections in use. It composes with the other transport
// options (WithCACert, WithClientCert, WithProxy, WithInsecureSkipVerify),
// and cannot be combined with WithHTTPClient, whose transport is used as it is.
func WithConnectionPool(idle int) Option {
	return clientOption(func(s *settings) error {
		if idle < 1 {
			return fmt.Errorf("gitlab: WithConnectionPool(%d): the pool holds at least one connection", idle)
		}
		if err := s.addTransportOpt("WithConnectionPool"); err != nil {
			return err
		}
		s.conn.poolSize = idle
		return nil
	})
}

// pool is the idle pool's size.
func (cs *connSettings) pool() int {
	if cs.poolSize > 0 {
		return cs.poolSize
	}
	return DefaultConnectionPool
}

// WithInsecureSkipVerify turns off the verification of the server's TLS
// certificate: python-gitlab's ssl_verify=False. Anyone on the network path
// can then read the token; use WithCACert for a private certificate
// authority instead. By default certificates are verified. It cannot be
// combined with WithCACert or WithHTTPClient.
func WithInsecureSkipVerify() Option {
	return clientOption(func(s *settings) error {
		if err := s.addTransportOpt("WithInsecureSkipVerify"); err != nil {
			return err
		}
		if s.conn.caPath != "" {
			return errContradiction
		}
		s.conn.insecure = true
		return nil
	})
}

// WithKeepBaseURL makes the client follow pagination links on the URL it was
// given, even when GitLab advertises another one (a misconfigured
// external_url, a server behind a proxy or on another port): the part of a
// link before /api/v4 is replaced by the client's URL. Without it, a link
// to another origin (scheme, host or port) is not followed: the iteration
// ends with an error matching ErrCrossOrigin that names both origins, since
// the client sends credentials only to its own origin; a link on the same
// origin under another path is followed as it is, with a warning logged
// once (through the logger of WithLogger, or slog.Default()). The same
// applies to absolute URLs given to HTTPGet and friends. python-gitlab:
// keep_base_url, https://python-gitlab.readthedocs.io/en/stable/api/gitlab.html#gitlab.Gitlab
func WithKeepBaseURL() Option {
	return clientOption(func(s *settings) error { s.conn.keepBaseURL = true; return nil })
}

// WithDebugLog logs every HTTP exchange (method, URL, headers, status,
// duration; redirects and retries included) at debug level: python-gitlab's
// enable_debug(). Tokens, passwords and cookies are replaced by [MASKED].
// The lines go to the logger of WithLogger, or, without it, to standard
// error. A logger given with WithLogger gets these lines too, when its
// handler is enabled for the debug level.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/api-usage.html#logging
func WithDebugLog() Option {
	return clientOption(func(s *settings) error { s.conn.debugLog = true; return nil })
}

// prepareConn checks the connection options together, once all options are
// applied, and reads the CA bundle variables of the environment. New calls
// it; newResty calls it too when New did not.
func (s *settings) prepareConn() error {
	if s.conn.prepared {
		return s.conn.err
	}
	s.conn.prepared = true
	s.conn.err = s.checkConn()
	return s.conn.err
}

func (s *settings) checkConn() error {
	cs := &s.conn
	if s.httpClient != nil && len(cs.transportOpts) > 0 {
		return transportConflict(cs.transportOpts)
	}
	if err := s.checkBasicAuth(); err != nil {
		return err
	}
	if cs.insecure && cs.caPath != "" {
		return errContradiction
	}
	if s.httpClient == nil && !cs.insecure && cs.caPath == "" {
		// requests (python-gitlab's HTTP library) reads these when no CA
		// bundle is given; so do we, for the same users.
		for _, name := range []string{"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"} {
			path := os.Getenv(name)
			if path == "" {
				continue
			}
			if err := statCAs(path); err != nil {
				return fmt.Errorf("gitlab: the CA bundle of the %s environment variable: %w", name, err)
			}
			cs.caPath, cs.caFrom = path, "the CA bundle of the "+name+" environment variable"
			break
		}
	}
	if cs.debugLog && s.logger == nil {
		s.logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return nil
}

// caCache keeps the pools of CA files already read (by path, size and
// modification time): REQUESTS_CA_BUNDLE often names the whole system
// bundle, read again by every New otherwise.
var caCache struct {
	sync.Mutex
	m map[string]caCacheEntry
}

type caCacheEntry struct {
	size    int64
	modTime time.Time
	pool    *x509.CertPool
}

// checkBasicAuth refuses basic authentication next to a token, as
// python-gitlab does.
func (s *settings) checkBasicAuth() error {
	if s.conn.basicAuth && (s.privateToken != "" || s.oauthToken != "" || s.jobToken != "") {
		return fmt.Errorf("gitlab: WithBasicAuth cannot be combined with a token (WithPrivateToken, WithOAuthToken, WithJobToken), " +
			"as in python-gitlab: basic authentication is meant for a proxy in front of GitLab")
	}
	return nil
}

// statCAs checks, at New, that a CA bundle exists: its certificates are
// read at the first request (lazyRoots).
func statCAs(path string) error {
	if path == "" {
		return errors.New("empty CA bundle path")
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot read the CA bundle: %w", err)
	}
	return nil
}

// loadCAs reads the PEM certificates of a file, or of the files of a
// directory (as a c_rehash'ed CA directory for requests).
func loadCAs(path string) (*x509.CertPool, error) {
	if path == "" {
		return nil, errors.New("empty CA bundle path")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the CA bundle: %w", err)
	}
	if !fi.IsDir() {
		caCache.Lock()
		e, ok := caCache.m[path]
		caCache.Unlock()
		if ok && e.size == fi.Size() && e.modTime.Equal(fi.ModTime()) {
			return e.pool, nil
		}
	}
	pool, err := readCAs(path, fi)
	if err == nil && !fi.IsDir() {
		caCache.Lock()
		if caCache.m == nil {
			caCache.m = map[string]caCacheEntry{}
		}
		caCache.m[path] = caCacheEntry{size: fi.Size(), modTime: fi.ModTime(), pool: pool}
		caCache.Unlock()
	}
	return pool, err
}

func readCAs(path string, fi os.FileInfo) (*x509.CertPool, error) {
	files := []string{path}
	if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read the CA directory: %w", err)
		}
		files = files[:0]
		for _, e := range entries {
			if e.Type().IsRegular() || e.Type()&os.ModeSymlink != 0 {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
	}
	pool := x509.NewCertPool()
	found := false
	for _, f := range files {
		pem, err := os.ReadFile(f)
		if err != nil {
			if fi.IsDir() {
				continue
			}
			return nil, fmt.Errorf("cannot read the CA bundle: %w", err)
		}
		if pool.AppendCertsFromPEM(pem) {
			found = true
		}
	}
	if !found {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// newResty builds the HTTP client every request goes through.
func (c *Client) newResty() *resty.Client {
	prepErr := c.s.prepareConn()
	cs := &c.s.conn
	cs.linkWarn, cs.redirectWarn = &sync.Once{}, &sync.Once{}

	var hc *http.Client
	if c.s.httpClient != nil {
		// A copy: the caller's client is never modified (its Transport,
		// Jar, Timeout and CheckRedirect are used as they are).
		cp := *c.s.httpClient
		hc = &cp
		if hc.Transport == nil {
			hc.Transport = http.DefaultTransport
		}
	} else {
		// GitLab's API needs no cookies: no jar.
		hc = &http.Client{Transport: c.s.newTransport()}
	}
	hc.CheckRedirect = c.checkRedirect(hc.CheckRedirect)
	if c.s.logger != nil {
		hc.Transport = &logTransport{next: hc.Transport, logger: c.s.logger}
	}
	if prepErr != nil {
		// New reports it when it calls prepareConn; otherwise every request fails with it.
		hc.Transport = errTransport{prepErr}
	}

	rc := resty.NewWithClient(hc)
	rc.SetHeader("User-Agent", c.s.userAgent)
	switch {
	case c.s.privateToken != "":
		rc.SetHeader("PRIVATE-TOKEN", c.s.privateToken)
	case c.s.oauthToken != "":
		rc.SetHeader("Authorization", "Bearer "+c.s.oauthToken)
	case c.s.jobToken != "":
		rc.SetHeader("JOB-TOKEN", c.s.jobToken)
	case cs.basicAuth:
		rc.SetHeader("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(cs.basicUser+":"+cs.basicPass)))
	}
	rc.SetLogger(discardLogger{})
	rc.SetPreRequestHook(installBody)
	return rc
}

// newTransport is the transport of a client without WithHTTPClient: Go's
// defaults, the TLS options, and the proxy of WithProxy or, without it, of
// the environment.
func (s *settings) newTransport() http.RoundTripper {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	t := &http.Transport{
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          max(100, s.conn.pool()),
		MaxIdleConnsPerHost:   s.conn.pool(),
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
		TLSClientConfig: &tls.Config{
			Certificates:       s.conn.clientCerts,
			InsecureSkipVerify: s.conn.insecure, //nolint:gosec // only when asked (WithInsecureSkipVerify, ssl_verify = false)
		},
	}
	if s.conn.proxy != nil {
		t.Proxy = http.ProxyURL(s.conn.proxy)
	} else {
		// HTTP_PROXY, HTTPS_PROXY and NO_PROXY (or their lower-case forms),
		// as Go reads them: once, at the first request of the process.
		t.Proxy = http.ProxyFromEnvironment
	}
	if s.conn.caPath != "" {
		return &lazyRoots{Transport: t, path: s.conn.caPath, from: s.conn.caFrom}
	}
	return t
}

// lazyRoots reads the CA bundle at the first request that needs TLS (an
// https:// URL, or any URL through an https:// proxy) and installs it in
// the transport's TLS configuration before any TLS connection is made; a
// client that never makes one (http:// to a local GitLab, the fake) never
// parses certificates, whatever REQUESTS_CA_BUNDLE names. A bundle that
// cannot be read then fails every such request, with nothing sent.
type lazyRoots struct {
	*http.Transport
	path, from string
	once       sync.Once
	err        error
}

func (l *lazyRoots) RoundTrip(r *http.Request) (*http.Response, error) {
	if l.needsTLS(r) {
		l.once.Do(func() {
			pool, err := loadCAs(l.path)
			if err != nil {
				l.err = fmt.Errorf("gitlab: %s: %w", l.from, err)
				return
			}
			l.Transport.TLSClientConfig.RootCAs = pool // before the first TLS dial: RoundTrip is the only way in
		})
		if l.err != nil {
			if r.Body != nil {
				r.Body.Close()
			}
			return nil, l.err
		}
	}
	return l.Transport.RoundTrip(r)
}

// needsTLS reports whether r may make a TLS connection: to its server or
// to its proxy. When in doubt (a proxy function failing), it says yes.
func (l *lazyRoots) needsTLS(r *http.Request) bool {
	if r.URL == nil || r.URL.Scheme != "http" {
		return true
	}
	if l.Transport.Proxy == nil {
		return false
	}
	proxy, err := l.Transport.Proxy(r)
	return err != nil || (proxy != nil && proxy.Scheme != "http")
}

// errTransport fails every request with the error of the connection options.
type errTransport struct{ err error }

func (t errTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	return nil, t.err
}

// credentialHeaders are dropped from a redirect that leaves the server.
var credentialHeaders = []string{"PRIVATE-TOKEN", "JOB-TOKEN", "Authorization", "Proxy-Authorization", "Sudo", "Cookie", "Cookie2", "Referer"}

// checkRedirect is the client's redirect policy: a redirect that would turn
// a POST, PUT, PATCH or DELETE into a GET is an error (ErrRedirect), and once
// a redirect chain has left the scheme, host and port of the first request,
// no credential is sent any more. next is the caller's own policy, if any.
func (c *Client) checkRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		prev := via[len(via)-1]
		if req.Method != prev.Method && prev.Method != http.MethodGet && prev.Method != http.MethodHead {
			e := &RedirectError{Method: prev.Method, From: base.SanitizeURL(prev.URL.String()), To: base.SanitizeURL(req.URL.String())}
			if req.Response != nil {
				e.StatusCode = req.Response.StatusCode
			}
			return e
		}
		first := origin(via[0].URL)
		left := origin(req.URL) != first
		for _, r := range via[1:] {
			left = left || origin(r.URL) != first
		}
		if left {
			dropped := false
			for k := range req.Header {
				for _, h := range credentialHeaders {
					if strings.EqualFold(k, h) {
						dropped = dropped || h != "Referer"
						delete(req.Header, k)
					}
				}
			}
			if dropped {
				c.s.conn.redirectWarn.Do(func() {
					c.logger().Warn("gitlab: a redirect led to another server; the token and other credentials were not sent there "+
						"(if it is your GitLab, use its URL as the client's URL)",
						slog.String("from", base.SanitizeURL(via[0].URL.String())), slog.String("to", base.SanitizeURL(req.URL.String())))
				})
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// origin is scheme://host:port of a URL, the port made explicit.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// logger is where the client's warnings go.
func (c *Client) logger() *slog.Logger {
	if c.s.logger != nil {
		return c.s.logger
	}
	return slog.Default()
}

// requestURL is the URL a request's path reaches, and whether the path was
// an absolute URL: a path relative to the API root is appended to it; an
// absolute URL (a pagination link, a URL given to HTTPGet) goes through
// rewriteLink, and is refused with a *CrossOriginError when it is then on
// another origin than the client's.
func (c *Client) requestURL(path string) (string, bool, error) {
	if !isAbsoluteURL(path) {
		return c.apiURL + path, false, nil
	}
	target := c.rewriteLink(path)
	u, err := url.Parse(target)
	if err != nil {
		return "", true, fmt.Errorf("not a URL: %w", unwrapURLError(err))
	}
	if o := origin(u); o != c.origin {
		return "", true, &CrossOriginError{Origin: o, ClientOrigin: c.origin}
	}
	return target, true, nil
}

// isAbsoluteURL reports whether a request path is an http(s) URL.
func isAbsoluteURL(path string) bool {
	for _, scheme := range []string{"http://", "https://"} {
		if len(path) >= len(scheme) && strings.EqualFold(path[:len(scheme)], scheme) {
			return true
		}
	}
	return false
}

// rewriteLink is applied to absolute URLs (pagination links) before they
// are requested. A link outside the client's API URL is rewritten onto the
// client's URL with WithKeepBaseURL. Otherwise a link on the client's
// origin under another path is followed as it is, with a warning logged
// once per client; one on another origin is left for requestURL to refuse.
func (c *Client) rewriteLink(u string) string {
	if rest, ok := strings.CutPrefix(u, c.apiURL); ok && (rest == "" || rest[0] == '/' || rest[0] == '?') {
		return u
	}
	// The server's base is what precedes the first "/api/v4" of the link.
	start := strings.Index(u, "://")
	if start < 0 {
		return u
	}
	i := strings.Index(u[start+3:], "/api/v4")
	if i < 0 {
		return u
	}
	i += start + 3
	if q := strings.IndexAny(u, "?#"); q >= 0 && q < i {
		return u
	}
	if after := u[i+len("/api/v4"):]; after != "" && after[0] != '/' && after[0] != '?' {
		return u
	}
	if c.s.conn.keepBaseURL {
		return c.baseURL + u[i:]
	}
	if p, err := url.Parse(u); err != nil || origin(p) != c.origin {
		return u // refused by requestURL
	}
	if c.s.conn.linkWarn != nil {
		c.s.conn.linkWarn.Do(func() {
			c.logger().Warn("gitlab: the server's pagination links point to another base URL than the client's; "+
				"this is usually a misconfigured external_url on the server or a wrong URL given to the client, "+
				"and can break pagination: the links are followed as they are; WithKeepBaseURL (keep_base_url) keeps the client's URL instead",
				slog.String("configured", base.SanitizeURL(c.baseURL)), slog.String("server", base.SanitizeURL(u[:i])))
		})
	}
	return u
}

// maskedHeaders are replaced by [MASKED] in debug lines.
var maskedHeaders = map[string]bool{
	"Private-Token": true, "Job-Token": true, "Authorization": true, "Proxy-Authorization": true,
	"Cookie": true, "Set-Cookie": true,
}

// maskHeader copies h with the credentials masked; an Authorization keeps
// its scheme ("Bearer [MASKED]").
func maskHeader(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		if maskedHeaders[http.CanonicalHeaderKey(k)] {
			if scheme, _, ok := strings.Cut(v, " "); ok && (k == "Authorization" || k == "Proxy-Authorization") {
				v = scheme + " [MASKED]"
			} else {
				v = "[MASKED]"
			}
		}
		out[k] = v
	}
	return out
}

// logTransport logs each HTTP exchange at debug level, secrets masked.
type logTransport struct {
	next   http.RoundTripper
	logger *slog.Logger
}

func (t *logTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx := r.Context()
	if !t.logger.Enabled(ctx, slog.LevelDebug) {
		return t.next.RoundTrip(r)
	}
	u := base.SanitizeURL(r.URL.String())
	t.logger.LogAttrs(ctx, slog.LevelDebug, "gitlab: request",
		slog.String("method", r.Method), slog.String("url", u), slog.Any("header", maskHeader(r.Header)))
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	d := time.Since(start)
	if err != nil {
		t.logger.LogAttrs(ctx, slog.LevelDebug, "gitlab: request failed",
			slog.String("method", r.Method), slog.String("url", u), slog.Duration("duration", d), slog.String("error", err.Error()))
		return resp, err
	}
	t.logger.LogAttrs(ctx, slog.LevelDebug, "gitlab: response",
		slog.String("method", r.Method), slog.String("url", u), slog.Int("status", resp.StatusCode),
		slog.Duration("duration", d), slog.Any("header", maskHeader(resp.Header)))
	return resp, nil
}

// CloseIdleConnections lets Client.Close reach the wrapped transport.
func (t *logTransport) CloseIdleConnections() {
	if ci, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}
