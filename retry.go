package gitlab

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/time/rate"

	"github.com/golab/gitlab/base"
)

// DefaultMaxRetries is how many times a call is retried when neither the
// client nor the call sets WithMaxRetries (python-gitlab's max_retries).
const DefaultMaxRetries = 10

// DefaultMaxRetryWait caps a single wait between two attempts (see
// WithMaxRetryWait), whatever Retry-After or RateLimit-Reset ask for.
const DefaultMaxRetryWait = 5 * time.Minute

// retryBaseWait is the first wait of the exponential backoff, used when the
// answer says nothing about when to come back: 0.1 s × 2^retry, as in
// python-gitlab, with jitter.
const retryBaseWait = 100 * time.Millisecond

// retrySettings holds the client-wide retry and rate-limit settings.
// The per-call ones (max retries, obey rate limit, transient errors) live in
// base.CallOptions, with the client's defaults in settings.call.
type retrySettings struct {
	maxWait  time.Duration    // cap of one wait; 0: DefaultMaxRetryWait
	limiter  *rate.Limiter    // WithRateLimiter
	adaptive *adaptiveLimiter // WithAdaptiveRateLimit

	// Test hooks, set only through export_test.go.
	now     func() time.Time                      // clock of Retry-After dates and RateLimit-Reset
	scale   float64                               // multiplies every wait actually slept (0: 1)
	observe func(attempt int, wait time.Duration) // sees every wait decided, before scaling
}

// WithMaxRetryWait caps a single wait between two attempts (default
// DefaultMaxRetryWait, 5 minutes): a longer Retry-After or RateLimit-Reset
// is shortened to it, and the retry then happens after d.
func WithMaxRetryWait(d time.Duration) Option {
	return clientOption(func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("gitlab: WithMaxRetryWait: %v is not a positive duration", d)
		}
		s.retry.maxWait = d
		return nil
	})
}

// WithRateLimiter paces the client's requests with l (client-side rate
// limiting): every attempt, retries included, first waits for l, within the
// call's context. A wait that would outlast the context's deadline fails at
// once with an error matching context.DeadlineExceeded, and the request is
// not sent. l may be shared by several clients. It cannot be combined with
// WithAdaptiveRateLimit.
func WithRateLimiter(l *rate.Limiter) Option {
	return clientOption(func(s *settings) error {
		switch {
		case l == nil:
			return fmt.Errorf("gitlab: WithRateLimiter: nil limiter")
		case s.retry.adaptive != nil:
			return fmt.Errorf("gitlab: WithRateLimiter and WithAdaptiveRateLimit cannot be combined")
		}
		s.retry.limiter = l
		return nil
	})
}

// WithAdaptiveRateLimit paces the client's requests to the server's own
// limit, as GitLab's Go client does: until the first answer carrying a
// RateLimit-Limit header (requests per minute) the client is not limited;
// then a limiter is built once from it, with two thirds of the limit as the
// steady rate and one third as the burst. Waits are bounded by the call's
// context, as with WithRateLimiter. GitLab sends RateLimit-Limit only when
// its user and IP rate limits are enabled. It cannot be combined with
// WithRateLimiter.
func WithAdaptiveRateLimit() Option {
	return clientOption(func(s *settings) error {
		if s.retry.limiter != nil {
			return fmt.Errorf("gitlab: WithRateLimiter and WithAdaptiveRateLimit cannot be combined")
		}
		s.retry.adaptive = &adaptiveLimiter{}
		return nil
	})
}

// adaptiveLimiter is built once from the first RateLimit-Limit seen.
type adaptiveLimiter struct {
	lim atomic.Pointer[rate.Limiter]
}

// observe builds the limiter from h's RateLimit-Limit, if not done yet.
func (a *adaptiveLimiter) observe(h http.Header) {
	if a.lim.Load() != nil {
		return
	}
	perMinute, err := strconv.ParseFloat(h.Get("RateLimit-Limit"), 64)
	if err != nil || perMinute <= 0 || math.IsInf(perMinute, 0) {
		return
	}
	perSecond := perMinute / 60
	burst := int(perSecond * 0.33)
	if burst < 1 {
		burst = 1
	}
	l := rate.NewLimiter(rate.Limit(perSecond*0.66), burst)
	if a.lim.CompareAndSwap(nil, l) {
		l.Allow() // the request that brought the header counts
	}
}

// limiter returns the client-side limiter in force, or nil.
func (s *retrySettings) currentLimiter() *rate.Limiter {
	if s.limiter != nil {
		return s.limiter
	}
	if s.adaptive != nil {
		return s.adaptive.lim.Load()
	}
	return nil
}

// configureRetries installs the retry policy on the HTTP client.
//
// resty's Backoff loop drives the attempts. Its settings are client-wide,
// while max_retries, obey_rate_limit and retry_transient_errors are per
// call, so the client-wide retry count is unbounded and each call's own
// retry condition (callRetry.condition, added in Do) enforces the call's
// budget and rules and computes the wait, which RetryAfter hands back to
// resty. resty sleeps in a select on the request's context, so no wait
// outlives a cancelled call.
func (c *Client) configureRetries(rc *resty.Client) {
	if c.s.retry.maxWait <= 0 {
		c.s.retry.maxWait = DefaultMaxRetryWait
	}
	if c.s.retry.now == nil {
		c.s.retry.now = time.Now
	}
	rc.SetRetryCount(math.MaxInt32).
		SetRetryWaitTime(0).
		SetRetryMaxWaitTime(math.MaxInt64).
		SetRetryAfter(retryAfter).
		// Requests that do not come from Do (made on the resty client
		// directly) have no call condition: this one stops resty from
		// retrying their transport errors without bound.
		AddRetryCondition(func(*resty.Response, error) bool { return false }).
		AddRetryHook(c.logRetry).
		OnBeforeRequest(c.beforeAttempt)
}

// callKey is the context key of a call's *callRetry.
type callKey struct{}

// callRetry is the retry state of one call to Do.
type callRetry struct {
	c          *Client
	method     string
	target     string // the URL: only its path is logged
	maxRetries int    // < 0: no bound
	obey       bool
	transient  bool
	idempotent bool
	replayable bool  // the body can be sent again
	maxBody    int64 // the largest 2xx body read (< 0: no bound)
	stream     bool  // a 2xx answer's body is left unread for the caller
	upload     *uploadBody
	buf        []byte // where a 2xx body is read (Request.Buffer)

	connected atomic.Bool // the current attempt got a connection (httptrace GotConn)
	limited   bool        // the current attempt failed waiting for the client-side limiter
	wait      time.Duration
	why       string

	// The body of the last answer, read by condition.
	raw     *http.Response
	body    []byte
	bodyErr error
}

// newCall resolves a call's retry settings.
func (c *Client) newCall(req *base.Request, o base.CallOptions, target string) *callRetry {
	st := &callRetry{c: c, method: req.Method, target: target, maxRetries: DefaultMaxRetries, obey: true, replayable: true,
		maxBody: DefaultMaxBodySize}
	switch {
	case o.MaxBodySize > 0:
		st.maxBody = o.MaxBodySize
	case o.MaxBodySize < 0:
		st.maxBody = -1
	}
	if o.MaxRetries != nil {
		st.maxRetries = *o.MaxRetries
	}
	if o.ObeyRateLimit != nil {
		st.obey = *o.ObeyRateLimit
	}
	if o.RetryTransient != nil {
		st.transient = *o.RetryTransient
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		st.idempotent = true
	}
	if req.Idempotent {
		st.idempotent = true
	}
	st.stream, st.buf = req.Stream, req.Buffer
	return st
}

// attach puts the call's state in ctx, with (when it matters: transient
// retries of a non-idempotent request) a trace telling whether each attempt
// got a connection: an attempt that did not never reached the server.
func (st *callRetry) attach(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, callKey{}, st)
	if !st.transient || st.idempotent {
		return ctx
	}
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { st.connected.Store(true) },
	})
}

func callFrom(ctx context.Context) *callRetry {
	st, _ := ctx.Value(callKey{}).(*callRetry)
	return st
}

// beforeAttempt runs before every attempt (resty OnBeforeRequest): it resets
// the attempt's state and waits for the client-side rate limiter. This is
// not resty's SetRateLimiter, which fails instead of waiting.
func (c *Client) beforeAttempt(_ *resty.Client, r *resty.Request) error {
	ctx := r.Context()
	st := callFrom(ctx)
	if st != nil {
		st.connected.Store(false)
		st.limited = false
	}
	lim := c.s.retry.currentLimiter()
	if lim == nil {
		return nil
	}
	err := lim.Wait(ctx)
	if err == nil {
		return nil
	}
	if st != nil {
		st.limited = true
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if _, ok := ctx.Deadline(); ok && strings.Contains(err.Error(), "context deadline") {
		return fmt.Errorf("waiting for the client-side rate limiter would outlast the deadline: %w", context.DeadlineExceeded)
	}
	return fmt.Errorf("client-side rate limiter: %w", err)
}

// condition is the call's resty retry condition, called after every attempt
// that got as far as sending (resp is nil when a hook failed). It reads the
// answer's body (so that a retried answer's connection is released and the
// last answer's body is kept for Do), then decides whether to retry and how
// long to wait first.
func (st *callRetry) condition(resp *resty.Response, err error) bool {
	if resp == nil || resp.Request == nil {
		return false
	}
	ctx := resp.Request.Context()
	status := 0
	var header http.Header
	if raw := resp.RawResponse; raw != nil {
		status, header = raw.StatusCode, raw.Header
		st.readBody(raw)
		if a := st.c.s.retry.adaptive; a != nil {
			a.observe(header)
		}
	}
	if ctx.Err() != nil {
		return false
	}
	why := st.retryable(resp.RawResponse, err)
	if why == "" {
		return false
	}
	attempt := resp.Request.Attempt
	if !st.replayable {
		st.log(ctx, "gitlab: not retrying: an upload whose reader cannot seek cannot be sent again", status, err, attempt, 0, why)
		return false
	}
	if st.maxRetries >= 0 && attempt > st.maxRetries {
		// attempt-1 retries made: the budget is spent.
		st.log(ctx, "gitlab: not retrying: max_retries reached", status, err, attempt, 0, why)
		return false
	}
	wait := st.c.s.retry.waitFor(status, header, attempt)
	if f := st.c.s.retry.observe; f != nil {
		f(attempt, wait)
	}
	wait = st.c.s.retry.scaled(wait)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		// Waiting would outlast the call: give the answer back now.
		st.log(ctx, "gitlab: not retrying: the wait would outlast the context deadline", status, err, attempt, wait, why)
		return false
	}
	st.wait, st.why = wait, why
	return true
}

// readBody reads and closes raw's body, keeping it for Do; the body of a
// successful streamed answer is left for the caller.
func (st *callRetry) readBody(raw *http.Response) {
	st.raw = raw
	st.body, st.bodyErr = nil, nil
	if st.stream && raw.StatusCode >= 200 && raw.StatusCode <= 299 {
		return
	}
	st.body, st.bodyErr = readAnswer(raw, st.maxBody, st.buf)
}

// retryable says why an attempt may be retried ("" when it may not):
//   - 429, when rate limits are obeyed, whatever the method;
//   - with transient retries on: 500, 502, 503, 504, 520–530, a 409 whose
//     reason phrase contains "Resource lock", a body cut short, connection
//     failures and timeouts; for a non-idempotent method (POST, PATCH) only
//     those where GitLab certainly did not act: 503, a "Resource lock" 409
//     (both refusals) and a failure to connect at all.
func (st *callRetry) retryable(raw *http.Response, err error) string {
	if raw == nil {
		if err == nil || !st.transient || !transientNetError(err) {
			return ""
		}
		if st.idempotent {
			return "connection failure"
		}
		if !st.connected.Load() {
			return "connection failure before sending"
		}
		return ""
	}
	status := raw.StatusCode
	switch {
	case status == http.StatusTooManyRequests:
		if st.obey {
			return "rate limited"
		}
		return ""
	case !st.transient:
		return ""
	case status == http.StatusServiceUnavailable:
		return "transient error"
	case status == http.StatusConflict && strings.Contains(raw.Status, "Resource lock"):
		return "resource lock"
	case status == 500 || status == 502 || status == 504 || (status >= 520 && status <= 530):
		if st.idempotent {
			return "transient error"
		}
	case status >= 200 && status <= 299 && st.bodyErr != nil && !errors.Is(st.bodyErr, base.ErrBodyTooLarge):
		if st.idempotent {
			return "body cut short"
		}
	}
	return ""
}

// transientNetError reports whether a transport error may go away on its
// own: timeouts, refused, reset or closed connections, temporary DNS
// failures. TLS certificate errors, unknown hosts and malformed requests
// are not.
func transientNetError(err error) bool {
	var (
		certErr  *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		invalid  x509.CertificateInvalidError
		dnsErr   *net.DNSError
		netErr   net.Error
		opErr    *net.OpError
		recErr   tls.RecordHeaderError
		alertErr tls.AlertError
	)
	switch {
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &hostErr), errors.As(err, &invalid),
		errors.As(err, &recErr), errors.As(err, &alertErr):
		return false
	case errors.As(err, &dnsErr):
		return !dnsErr.IsNotFound
	case errors.As(err, &netErr) && netErr.Timeout():
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return true
	case errors.As(err, &opErr):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "server closed") || strings.Contains(msg, "GOAWAY") ||
		strings.Contains(msg, "connection reset")
}

// waitFor computes the wait before retrying after attempt (1-based): the
// answer's Retry-After (seconds or an HTTP date), else for a 429 its
// RateLimit-Reset (epoch seconds), else exponential backoff with jitter;
// at most maxWait.
func (s *retrySettings) waitFor(status int, h http.Header, attempt int) time.Duration {
	now := s.now()
	wait, ok := parseRetryAfter(h.Get("Retry-After"), now)
	if !ok && status == http.StatusTooManyRequests {
		wait, ok = parseRateLimitReset(h.Get("RateLimit-Reset"), now)
	}
	if !ok {
		wait = backoff(attempt-1, s.maxWait)
	}
	return min(wait, s.maxWait)
}

// scaled is the wait actually slept (tests scale waits down).
func (s *retrySettings) scaled(d time.Duration) time.Duration {
	if s.scale > 0 {
		return time.Duration(float64(d) * s.scale)
	}
	return d
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return secondsToDuration(n), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// parseRateLimitReset reads RateLimit-Reset (Unix epoch seconds).
func parseRateLimitReset(v string, now time.Time) (time.Duration, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return max(time.Unix(n, 0).Sub(now), 0), true
}

func secondsToDuration(n int64) time.Duration {
	if n > int64(math.MaxInt64/time.Second) {
		return math.MaxInt64
	}
	return time.Duration(n) * time.Second
}

// backoff is 0.1 s × 2^retry capped at limit, with "equal jitter": a random
// wait between half of it and all of it, so that clients failing together
// do not come back together.
func backoff(retry int, limit time.Duration) time.Duration {
	d := limit
	if retry < 40 {
		d = min(retryBaseWait<<retry, limit)
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// retryAfter hands resty the wait the call's condition computed.
func retryAfter(_ *resty.Client, resp *resty.Response) (time.Duration, error) {
	if resp == nil || resp.Request == nil {
		return 0, nil
	}
	st := callFrom(resp.Request.Context())
	if st == nil {
		return 0, nil // not a call of Do: resty's default backoff
	}
	// 0 would mean "resty's default backoff" to resty.
	return max(st.wait, time.Nanosecond), nil
}

// logRetry logs each retry at debug level (resty retry hook).
func (c *Client) logRetry(resp *resty.Response, err error) {
	if resp == nil || resp.Request == nil {
		return
	}
	st := callFrom(resp.Request.Context())
	if st == nil {
		return
	}
	status := 0
	if resp.RawResponse != nil {
		status = resp.RawResponse.StatusCode
	}
	st.log(resp.Request.Context(), "gitlab: retrying", status, err, resp.Request.Attempt, st.wait, st.why)
}

// log writes one debug line about a retry decision; no secrets: the path
// has no query, the error no URL.
func (st *callRetry) log(ctx context.Context, msg string, status int, err error, attempt int, wait time.Duration, why string) {
	l := st.c.s.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", st.method),
		slog.String("path", escapedPath(st.target)),
		slog.Int("status", status),
		slog.Int("attempt", attempt),
		slog.Duration("wait", wait),
		slog.String("reason", why),
	}
	if st.maxRetries >= 0 {
		attrs = append(attrs, slog.Int("max_retries", st.maxRetries))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", unwrapURLError(err).Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, msg, attrs...)
}

// attempts is how many requests the call sent.
func (st *callRetry) attempts(r *resty.Request) int {
	n := r.Attempt
	if st.limited {
		n-- // the last attempt never left: the limiter failed
	}
	return max(n, 0)
}
