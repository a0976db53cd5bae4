package gitlab_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// Waits in these tests are scaled down 1000 times (WithRetryWaitScale): the
// waits the client decides are checked at their real size through
// WithRetryObserver, and sleeping them takes milliseconds.

// waitLog records the waits a client decides.
type waitLog struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waitLog) option() gitlab.Option {
	return gitlab.WithRetryObserver(func(_ int, d time.Duration) {
		w.mu.Lock()
		w.d = append(w.d, d)
		w.mu.Unlock()
	})
}

func (w *waitLog) get() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

// logSink collects a client's log lines.
type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.lines = append(s.lines, string(p))
	s.mu.Unlock()
	return len(p), nil
}

func (s *logSink) get() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines...)
}

func (s *logSink) option() gitlab.Option {
	return gitlab.WithLogger(slog.New(slog.NewTextHandler(s, &slog.HandlerOptions{Level: slog.LevelDebug})))
}

// faultClient is a client of srv as root, with waits scaled down.
func faultClient(t testing.TB, url string, opts ...gitlab.Option) *gitlab.Client {
	t.Helper()
	all := append([]gitlab.Option{gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken), gitlab.WithRetryWaitScale(0.001)}, opts...)
	gl, err := gitlab.New(url, all...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gl.Close() })
	return gl
}

// operation is one call of the matrix against the fake, on project pid.
type operation struct {
	method string
	path   string // the fault's path
	call   func(ctx context.Context, gl *gitlab.Client, pid int, opts ...gitlab.RequestOption) error
}

var (
	opGet = operation{http.MethodGet, "/projects/*", func(ctx context.Context, gl *gitlab.Client, pid int, opts ...gitlab.RequestOption) error {
		_, err := gl.Projects.Get(ctx, pid, opts...)
		return err
	}}
	opPost = operation{http.MethodPost, "/projects", func(ctx context.Context, gl *gitlab.Client, pid int, opts ...gitlab.RequestOption) error {
		_, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "created-" + strconv.Itoa(pid)}, opts...)
		return err
	}}
	opPut = operation{http.MethodPut, "/projects/*", func(ctx context.Context, gl *gitlab.Client, pid int, opts ...gitlab.RequestOption) error {
		_, err := gl.Projects.Update(ctx, pid, gitlab.Attrs{"description": "updated"}, opts...)
		return err
	}}
	opDelete = operation{http.MethodDelete, "/projects/*", func(ctx context.Context, gl *gitlab.Client, pid int, opts ...gitlab.RequestOption) error {
		return gl.Projects.Delete(ctx, pid, opts...)
	}}
)

// retryCase is one row of the fault matrix.
type retryCase struct {
	name   string
	op     operation
	faults []gitlabtest.Fault // Method and Path default to the operation's
	client []gitlab.Option
	call   []gitlab.RequestOption

	requests int             // requests the server saw
	status   int             // 0: the call succeeds; else the *Error's status
	attempts int             // the *Error's Attempts
	waits    []time.Duration // the waits decided, exactly (nil: not checked)
	between  [][2]time.Duration
}

var t0 = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

func fixedClock() time.Time { return t0 }

func rateLimitCases() []retryCase {
	f429 := func(times int, h http.Header) gitlabtest.Fault {
		return gitlabtest.Fault{Status: 429, Times: times, Header: h}
	}
	hdr := func(k, v string) http.Header { return http.Header{k: {v}} }
	return []retryCase{
		{name: "429 Retry-After seconds", op: opGet, faults: []gitlabtest.Fault{f429(2, hdr("Retry-After", "2"))},
			requests: 3, waits: []time.Duration{2 * time.Second, 2 * time.Second}},
		{name: "429 without headers: exponential backoff", op: opGet, faults: []gitlabtest.Fault{f429(3, nil)},
			requests: 4, between: [][2]time.Duration{{50 * time.Millisecond, 100 * time.Millisecond},
				{100 * time.Millisecond, 200 * time.Millisecond}, {200 * time.Millisecond, 400 * time.Millisecond}}},
		{name: "429 Retry-After HTTP date", op: opGet, faults: []gitlabtest.Fault{f429(1, hdr("Retry-After", t0.Add(3*time.Second).Format(http.TimeFormat)))},
			requests: 2, waits: []time.Duration{3 * time.Second}},
		{name: "429 Retry-After date in the past", op: opGet, faults: []gitlabtest.Fault{f429(1, hdr("Retry-After", t0.Add(-time.Hour).Format(http.TimeFormat)))},
			requests: 2, waits: []time.Duration{0}},
		{name: "429 RateLimit-Reset", op: opGet, faults: []gitlabtest.Fault{f429(1, hdr("RateLimit-Reset", strconv.FormatInt(t0.Unix()+7, 10)))},
			requests: 2, waits: []time.Duration{7 * time.Second}},
		{name: "429 Retry-After wins over RateLimit-Reset", op: opGet,
			faults:   []gitlabtest.Fault{f429(1, http.Header{"Retry-After": {"4"}, "Ratelimit-Reset": {strconv.FormatInt(t0.Unix()+30, 10)}})},
			requests: 2, waits: []time.Duration{4 * time.Second}},
		{name: "429 long Retry-After capped at 5 minutes", op: opGet, faults: []gitlabtest.Fault{f429(1, hdr("Retry-After", "3600"))},
			requests: 2, waits: []time.Duration{5 * time.Minute}},
		{name: "429 wait capped by WithMaxRetryWait", op: opGet, faults: []gitlabtest.Fault{f429(1, hdr("Retry-After", "600"))},
			client: []gitlab.Option{gitlab.WithMaxRetryWait(2 * time.Second)}, requests: 2, waits: []time.Duration{2 * time.Second}},
		{name: "429 default budget exhausted", op: opGet, faults: []gitlabtest.Fault{f429(100, hdr("Retry-After", "1"))},
			requests: 11, status: 429, attempts: 11},
		{name: "429 client budget 3 exhausted", op: opGet, faults: []gitlabtest.Fault{f429(100, hdr("Retry-After", "1"))},
			client: []gitlab.Option{gitlab.WithMaxRetries(3)}, requests: 4, status: 429, attempts: 4},
		{name: "429 call budget 2 beats client budget 0", op: opGet, faults: []gitlabtest.Fault{f429(100, hdr("Retry-After", "1"))},
			client: []gitlab.Option{gitlab.WithMaxRetries(0)}, call: []gitlab.RequestOption{gitlab.WithMaxRetries(2)},
			requests: 3, status: 429, attempts: 3},
		{name: "429 budget -1 retries without bound", op: opGet, faults: []gitlabtest.Fault{f429(25, hdr("Retry-After", "1"))},
			client: []gitlab.Option{gitlab.WithMaxRetries(-1)}, requests: 26},
		{name: "429 budget 0 never retries", op: opGet, faults: []gitlabtest.Fault{f429(5, hdr("Retry-After", "1"))},
			client: []gitlab.Option{gitlab.WithMaxRetries(0)}, requests: 1, status: 429, attempts: 1},
		{name: "429 obey_rate_limit off on the client", op: opGet, faults: []gitlabtest.Fault{f429(5, hdr("Retry-After", "1"))},
			client: []gitlab.Option{gitlab.WithObeyRateLimit(false)}, requests: 1, status: 429, attempts: 1},
		{name: "429 obey_rate_limit off for the call", op: opGet, faults: []gitlabtest.Fault{f429(5, hdr("Retry-After", "1"))},
			call: []gitlab.RequestOption{gitlab.WithObeyRateLimit(false)}, requests: 1, status: 429, attempts: 1},
		{name: "429 obey_rate_limit on for the call over the client's off", op: opGet, faults: []gitlabtest.Fault{f429(1, hdr("Retry-After", "1"))},
			client: []gitlab.Option{gitlab.WithObeyRateLimit(false)}, call: []gitlab.RequestOption{gitlab.WithObeyRateLimit(true)}, requests: 2},
		{name: "429 on POST is retried", op: opPost, faults: []gitlabtest.Fault{f429(2, hdr("Retry-After", "1"))}, requests: 3},
		{name: "429 JSON body from an application limit", op: opPost,
			faults:   []gitlabtest.Fault{{Status: 429, Times: 100, Body: `{"message":"This endpoint has been requested too many times. Try again later."}`}},
			client:   []gitlab.Option{gitlab.WithMaxRetries(1)},
			requests: 2, status: 429, attempts: 2},
	}
}

func transientCases() []retryCase {
	var cases []retryCase
	codes := []int{500, 502, 503, 504}
	for c := 520; c <= 530; c++ {
		codes = append(codes, c)
	}
	on := []gitlab.Option{gitlab.WithRetryTransientErrors(true)}
	for _, code := range codes {
		f := []gitlabtest.Fault{{Status: code, Times: 2}}
		cases = append(cases,
			retryCase{name: fmt.Sprintf("GET %d transient off", code), op: opGet, faults: f, requests: 1, status: code, attempts: 1},
			retryCase{name: fmt.Sprintf("GET %d transient on", code), op: opGet, faults: f, client: on, requests: 3},
		)
	}
	lock := []gitlabtest.Fault{{Status: 409, Reason: "Resource lock", Times: 2}}
	cases = append(cases,
		retryCase{name: "GET 409 Resource lock transient off", op: opGet, faults: lock, requests: 1, status: 409, attempts: 1},
		retryCase{name: "GET 409 Resource lock transient on", op: opGet, faults: lock, client: on, requests: 3},
		retryCase{name: "GET 409 other conflict transient on", op: opGet, faults: []gitlabtest.Fault{{Status: 409, Times: 2}}, client: on,
			requests: 1, status: 409, attempts: 1},
		retryCase{name: "GET 502 transient on for the call only", op: opGet, faults: []gitlabtest.Fault{{Status: 502, Times: 2}},
			call: []gitlab.RequestOption{gitlab.WithRetryTransientErrors(true)}, requests: 3},
		retryCase{name: "GET 502 transient off for the call over the client's on", op: opGet, faults: []gitlabtest.Fault{{Status: 502, Times: 2}},
			client: on, call: []gitlab.RequestOption{gitlab.WithRetryTransientErrors(false)}, requests: 1, status: 502, attempts: 1},
		retryCase{name: "GET 502 shares the budget with 429", op: opGet,
			faults: []gitlabtest.Fault{{Status: 502, Times: 2}, {Status: 429, Times: 2}},
			client: append([]gitlab.Option{gitlab.WithMaxRetries(3)}, on...), requests: 4, status: 429, attempts: 4},
		retryCase{name: "GET 502 HTML page, budget exhausted", op: opGet, faults: []gitlabtest.Fault{{Status: 502, HTML: true, Times: 100}},
			client: append([]gitlab.Option{gitlab.WithMaxRetries(2)}, on...), requests: 3, status: 502, attempts: 3},
		retryCase{name: "GET 503 Retry-After honoured", op: opGet, faults: []gitlabtest.Fault{{Status: 503, Header: http.Header{"Retry-After": {"3"}}}},
			client: on, requests: 2, waits: []time.Duration{3 * time.Second}},
		retryCase{name: "GET 502 RateLimit-Reset ignored (backoff)", op: opGet,
			faults: []gitlabtest.Fault{{Status: 502, Header: http.Header{"Ratelimit-Reset": {strconv.FormatInt(t0.Unix()+40, 10)}}}},
			client: on, requests: 2, between: [][2]time.Duration{{50 * time.Millisecond, 100 * time.Millisecond}}},
		// Non-idempotent requests: only refusals are retried.
		retryCase{name: "POST 502 transient on is not retried", op: opPost, faults: []gitlabtest.Fault{{Status: 502, Times: 2}}, client: on,
			requests: 1, status: 502, attempts: 1},
		retryCase{name: "POST 500 transient on is not retried", op: opPost, faults: []gitlabtest.Fault{{Status: 500, Times: 2}}, client: on,
			requests: 1, status: 500, attempts: 1},
		retryCase{name: "POST 504 transient on is not retried", op: opPost, faults: []gitlabtest.Fault{{Status: 504, Times: 2}}, client: on,
			requests: 1, status: 504, attempts: 1},
		retryCase{name: "POST 503 transient on is retried", op: opPost, faults: []gitlabtest.Fault{{Status: 503, Times: 2}}, client: on, requests: 3},
		retryCase{name: "POST 503 transient off", op: opPost, faults: []gitlabtest.Fault{{Status: 503, Times: 2}}, requests: 1, status: 503, attempts: 1},
		retryCase{name: "POST 409 Resource lock transient on is retried", op: opPost, faults: lock, client: on, requests: 3},
		retryCase{name: "PUT 502 transient on is retried", op: opPut, faults: []gitlabtest.Fault{{Status: 502, Times: 2}}, client: on, requests: 3},
		retryCase{name: "DELETE 504 transient on is retried", op: opDelete, faults: []gitlabtest.Fault{{Status: 504, Times: 2}}, client: on, requests: 3},
	)
	return cases
}

func connectionCases() []retryCase {
	on := []gitlab.Option{gitlab.WithRetryTransientErrors(true)}
	drop := []gitlabtest.Fault{{Drop: true}}
	trunc := []gitlabtest.Fault{{Truncate: true}}
	return []retryCase{
		// Drop: the server read the request and closed the connection.
		{name: "GET dropped after sending, transient on", op: opGet, faults: drop, client: on, requests: 2},
		{name: "GET dropped after sending, transient off", op: opGet, faults: drop, requests: 1, status: -1, attempts: 1},
		{name: "POST dropped after sending, transient on is not retried", op: opPost, faults: drop, client: on, requests: 1, status: -1, attempts: 1},
		{name: "PUT dropped after sending, transient on", op: opPut, faults: drop, client: on, requests: 2},
		// A 200 whose body is cut short.
		{name: "GET body cut short, transient off", op: opGet, faults: trunc, requests: 1, status: -2},
		{name: "GET body cut short, transient on", op: opGet, faults: trunc, client: on, requests: 2},
		{name: "GET body cut short every time, budget 2", op: opGet, faults: []gitlabtest.Fault{{Truncate: true, Times: 100}},
			client: append([]gitlab.Option{gitlab.WithMaxRetries(2)}, on...), requests: 3, status: -2},
		{name: "POST body cut short, transient on is not retried", op: opPost, faults: trunc, client: on, requests: 1, status: -2},
		// A 200 HTML page (a proxy's maintenance page): a parse error, no retry.
		{name: "GET 200 HTML page, transient on", op: opGet, faults: []gitlabtest.Fault{{Status: 200, HTML: true, Times: 100}}, client: on,
			requests: 1, status: -2},
	}
}

func TestRetryMatrix(t *testing.T) {
	groups := map[string][]retryCase{"rate limits": rateLimitCases(), "transient": transientCases(), "connections": connectionCases()}
	for _, g := range []string{"rate limits", "transient", "connections"} {
		for _, tc := range groups[g] {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				runRetryCase(t, tc)
			})
		}
	}
}

func runRetryCase(t *testing.T, tc retryCase) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "target"})
	for _, f := range tc.faults {
		if f.Method == "" {
			f.Method = tc.op.method
		}
		if f.Path == "" {
			f.Path = tc.op.path
		}
		srv.AddFault(f)
	}
	var waits waitLog
	var logs logSink
	gl := faultClient(t, srv.URL(), append([]gitlab.Option{waits.option(), logs.option(), gitlab.WithRetryClock(fixedClock)}, tc.client...)...)
	err := tc.op.call(context.Background(), gl, pid, tc.call...)

	if got := srv.RequestCount(); got != tc.requests {
		t.Errorf("the server saw %d requests, want %d", got, tc.requests)
	}
	var ge *gitlab.Error
	var pe *gitlab.ParseError
	switch {
	case tc.status == 0:
		if err != nil {
			t.Errorf("err = %v, want success", err)
		}
	case tc.status == -2:
		if !errors.As(err, &pe) {
			t.Errorf("err = %#v, want a *ParseError", err)
		}
	case !errors.As(err, &ge):
		t.Errorf("err = %#v, want an *Error", err)
	case tc.status == -1 && ge.StatusCode != 0, tc.status > 0 && ge.StatusCode != tc.status:
		t.Errorf("status = %d, want %d (err %v)", ge.StatusCode, tc.status, err)
	case ge.Attempts != tc.attempts:
		t.Errorf("Attempts = %d, want %d", ge.Attempts, tc.attempts)
	case tc.attempts > 1 && !strings.Contains(err.Error(), fmt.Sprintf("(after %d attempts)", tc.attempts)):
		t.Errorf("Error() = %q does not tell the attempts", err.Error())
	case tc.status == 429 && !errors.Is(err, gitlab.ErrRateLimited):
		t.Errorf("errors.Is(ErrRateLimited) is false: %v", err)
	}
	if err != nil && strings.Contains(describe(err), gitlabtest.DefaultAdminToken) {
		t.Errorf("the token leaked into %q", describe(err))
	}
	got := waits.get()
	if want := tc.requests - 1; len(got) != want {
		t.Errorf("%d waits decided (%v), want %d", len(got), got, want)
	}
	if tc.waits != nil && fmt.Sprint(got) != fmt.Sprint(tc.waits) {
		t.Errorf("waits = %v, want %v", got, tc.waits)
	}
	for i, r := range tc.between {
		if i >= len(got) || got[i] < r[0] || got[i] > r[1] {
			t.Errorf("waits = %v, want wait %d in [%v, %v]", got, i, r[0], r[1])
		}
	}
	// Every retry is logged, with no secret.
	retries := 0
	for _, l := range logs.get() {
		if strings.Contains(l, "gitlab: retrying") {
			retries++
		}
		if strings.Contains(l, gitlabtest.DefaultAdminToken) {
			t.Errorf("the token leaked into the log: %s", l)
		}
	}
	if want := len(got); retries != want {
		t.Errorf("%d retry log lines, want %d", retries, want)
	}
}

func describe(err error) string {
	var ge *gitlab.Error
	if errors.As(err, &ge) {
		return ge.Describe()
	}
	return err.Error()
}

func TestRetryLogLine(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Status: 429, Header: http.Header{"Retry-After": {"2"}}})
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Status: 502})
	var logs logSink
	gl := faultClient(t, srv.URL(), logs.option(), gitlab.WithRetryTransientErrors(true))
	if _, err := gl.Projects.Get(context.Background(), pid, gitlab.WithParams(gitlab.Params{"private_token": "glpat-in-query"})); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range logs.get() {
		if strings.Contains(l, "gitlab: retrying") {
			lines = append(lines, l)
		}
	}
	path := fmt.Sprintf("path=/api/v4/projects/%d ", pid)
	if len(lines) != 2 ||
		!strings.Contains(lines[0], "level=DEBUG") || !strings.Contains(lines[0], "method=GET") || !strings.Contains(lines[0], path) ||
		!strings.Contains(lines[0], "status=429") || !strings.Contains(lines[0], "attempt=1") || !strings.Contains(lines[0], "wait=2ms") ||
		!strings.Contains(lines[0], `reason="rate limited"`) || !strings.Contains(lines[0], "max_retries=10") ||
		!strings.Contains(lines[1], "status=502") || !strings.Contains(lines[1], "attempt=2") || !strings.Contains(lines[1], `reason="transient error"`) {
		t.Errorf("log lines:\n%s", strings.Join(lines, ""))
	}
	for _, l := range logs.get() {
		if strings.Contains(l, "glpat-") {
			t.Errorf("a secret leaked into the log: %s", l)
		}
	}
}

// closedPort returns an address where nothing listens.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// slamListener accepts connections and resets them, counting them: at once,
// or once the client has sent something (readFirst).
func slamListener(t *testing.T, readFirst bool) (addr string, accepted *atomic.Int32) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	accepted = new(atomic.Int32)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			if readFirst {
				_, _ = c.Read(make([]byte, 4096))
			}
			if tc, ok := c.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // a reset, not a clean close
			}
			c.Close()
		}
	}()
	return ln.Addr().String(), accepted
}

// countingClient is an *http.Client whose dials are counted.
func countingClient(dials *atomic.Int32) *http.Client {
	d := &net.Dialer{Timeout: 2 * time.Second}
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return d.DialContext(ctx, network, addr)
		},
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
}

// TestConnectionFailures: a request that certainly never reached the server
// (refused, or reset during the TLS handshake) is retried whatever its
// method; one whose connection broke after connecting only when idempotent.
func TestConnectionFailures(t *testing.T) {
	type result struct{ attempts, seen int }
	type connCase struct {
		name      string
		target    func(t *testing.T) (url string, seen func() int)
		post      bool
		transient bool
		want      result
	}
	var cases []connCase
	refused := func(t *testing.T) (string, func() int) { return "http://" + closedPort(t), nil }
	tlsReset := func(t *testing.T) (string, func() int) {
		addr, n := slamListener(t, false)
		return "https://" + addr, func() int { return int(n.Load()) }
	}
	plainReset := func(t *testing.T) (string, func() int) {
		addr, n := slamListener(t, true)
		return "http://" + addr, func() int { return int(n.Load()) }
	}
	for _, post := range []bool{false, true} {
		m := "GET"
		if post {
			m = "POST"
		}
		cases = append(cases,
			connCase{m + " connection refused, transient on", refused, post, true, result{3, 3}},
			connCase{m + " connection refused, transient off", refused, post, false, result{1, 1}},
			connCase{m + " reset in the TLS handshake, transient on", tlsReset, post, true, result{3, 3}},
			connCase{m + " reset in the TLS handshake, transient off", tlsReset, post, false, result{1, 1}},
		)
	}
	cases = append(cases,
		connCase{"GET reset once sent, transient on", plainReset, false, true, result{3, 3}},
		connCase{"POST reset once sent, transient on, is not retried", plainReset, true, true, result{1, 1}},
	)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url, seen := tc.target(t)
			var dials atomic.Int32
			gl := faultClient(t, url, gitlab.WithHTTPClient(countingClient(&dials)), gitlab.WithMaxRetries(2),
				gitlab.WithRetryTransientErrors(tc.transient))
			start := time.Now()
			var err error
			if tc.post {
				_, err = gl.Projects.Create(context.Background(), gitlab.Attrs{"name": "x"})
			} else {
				_, err = gl.Projects.Get(context.Background(), 1)
			}
			var ge *gitlab.Error
			if !errors.As(err, &ge) || ge.StatusCode != 0 || ge.Err == nil {
				t.Fatalf("err = %#v", err)
			}
			got := result{ge.Attempts, int(dials.Load())}
			if seen != nil {
				got.seen = seen()
			}
			if got != tc.want {
				t.Errorf("attempts and connections = %+v, want %+v (err: %v)", got, tc.want, err)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
}

// TestTransportTimeoutRetried: a timeout of the HTTP client itself (not
// the call's context) is a transient error.
func TestTransportTimeoutRetried(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddFault(gitlabtest.Fault{Method: "GET", Delay: 2 * time.Second})
	gl := faultClient(t, srv.URL(), gitlab.WithHTTPClient(&http.Client{Timeout: 200 * time.Millisecond}), gitlab.WithRetryTransientErrors(true))
	if _, err := gl.Projects.Get(context.Background(), pid); err != nil || srv.RequestCount() != 2 {
		t.Errorf("err = %v after %d requests, want success after 2", err, srv.RequestCount())
	}
	gl = faultClient(t, srv.URL(), gitlab.WithHTTPClient(&http.Client{Timeout: 200 * time.Millisecond}))
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "GET", Delay: 2 * time.Second})
	var ne net.Error
	if _, err := gl.Projects.Get(context.Background(), pid); !errors.As(err, &ne) || !ne.Timeout() || srv.RequestCount() != 1 {
		t.Errorf("err = %v after %d requests, want a timeout after 1", err, srv.RequestCount())
	}
}

// TestTimeouts: WithTimeout (client or call) and the context's deadline
// bound the whole call; a timed-out call is not retried.
func TestTimeouts(t *testing.T) {
	cases := []struct {
		name   string
		client []gitlab.Option
		call   []gitlab.RequestOption
		ctx    func() (context.Context, context.CancelFunc)
	}{
		{name: "client timeout", client: []gitlab.Option{gitlab.WithTimeout(150 * time.Millisecond)}},
		{name: "call timeout", call: []gitlab.RequestOption{gitlab.WithTimeout(150 * time.Millisecond)}},
		{name: "call timeout shorter than the client's", client: []gitlab.Option{gitlab.WithTimeout(time.Minute)},
			call: []gitlab.RequestOption{gitlab.WithTimeout(150 * time.Millisecond)}},
		{name: "context deadline", ctx: func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 150*time.Millisecond)
		}},
		{name: "context deadline shorter than the client timeout", client: []gitlab.Option{gitlab.WithTimeout(time.Minute)},
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 150*time.Millisecond)
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := gitlabtest.NewServer(t)
			pid := srv.AddProject(gitlabtest.Project{Name: "p"})
			srv.AddFault(gitlabtest.Fault{Method: "GET", Delay: 10 * time.Second, Times: 5})
			gl := faultClient(t, srv.URL(), append([]gitlab.Option{gitlab.WithRetryTransientErrors(true)}, tc.client...)...)
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tc.ctx != nil {
				ctx, cancel = tc.ctx()
			}
			defer cancel()
			start := time.Now()
			_, err := gl.Projects.Get(ctx, pid, tc.call...)
			elapsed := time.Since(start)
			var ge *gitlab.Error
			if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ge) || ge.Attempts != 1 {
				t.Errorf("err = %v, want a deadline after 1 attempt", err)
			}
			if elapsed < 140*time.Millisecond || elapsed > 2*time.Second {
				t.Errorf("returned after %v", elapsed)
			}
			if n := srv.RequestCount(); n != 1 {
				t.Errorf("the server saw %d requests, want 1", n)
			}
		})
	}
}

// TestTimeoutCoversRetries: the timeout bounds the whole call, waits
// between attempts included.
func TestTimeoutCoversRetries(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddFault(gitlabtest.Fault{Method: "GET", Status: 502, Times: 1000, Delay: 40 * time.Millisecond})
	gl := faultClient(t, srv.URL(), gitlab.WithRetryTransientErrors(true), gitlab.WithMaxRetries(-1), gitlab.WithTimeout(300*time.Millisecond))
	start := time.Now()
	_, err := gl.Projects.Get(context.Background(), pid)
	elapsed := time.Since(start)
	var ge *gitlab.Error
	if !errors.As(err, &ge) || elapsed > 2*time.Second || elapsed < 290*time.Millisecond {
		t.Fatalf("err = %v after %v", err, elapsed)
	}
	// Either the deadline struck during an attempt or a wait, or the next
	// wait would have outlasted it (then the last 502 is returned).
	if !errors.Is(err, context.DeadlineExceeded) && ge.StatusCode != 502 {
		t.Errorf("err = %v", err)
	}
	// An attempt cut short by the deadline may not have reached the server.
	if n := srv.RequestCount(); n < 3 || n > 8 || (ge.Attempts != n && ge.Attempts != n+1) {
		t.Errorf("%d requests, Attempts %d", n, ge.Attempts)
	}
}

// TestCancelDuringBackoff: cancelling the context ends a wait at once.
func TestCancelDuringBackoff(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddFault(gitlabtest.Fault{Method: "GET", Status: 429, Header: http.Header{"Retry-After": {"30"}}})
	gl := faultClient(t, srv.URL(), gitlab.WithRetryWaitScale(1))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := gl.Projects.Get(ctx, pid)
	elapsed := time.Since(start)
	var ge *gitlab.Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ge) || ge.Attempts != 1 {
		t.Errorf("err = %v, want context.Canceled after 1 attempt", err)
	}
	if elapsed > time.Second {
		t.Errorf("returned %v after the call began (cancelled after 100ms)", elapsed)
	}
	if n := srv.RequestCount(); n != 1 {
		t.Errorf("the server saw %d requests, want 1", n)
	}
}

// TestWaitPastDeadlineNotStarted: a wait that would outlast the context's
// deadline is not started: the rate-limit error comes back at once.
func TestWaitPastDeadlineNotStarted(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	srv.AddFault(gitlabtest.Fault{Method: "GET", Status: 429, Header: http.Header{"Retry-After": {"30"}}})
	var logs logSink
	gl := faultClient(t, srv.URL(), gitlab.WithRetryWaitScale(1), logs.option())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	_, err := gl.Projects.Get(ctx, pid)
	if !errors.Is(err, gitlab.ErrRateLimited) || time.Since(start) > time.Second || srv.RequestCount() != 1 {
		t.Errorf("err = %v after %v and %d requests", err, time.Since(start), srv.RequestCount())
	}
	if l := strings.Join(logs.get(), ""); !strings.Contains(l, "would outlast the context deadline") || !strings.Contains(l, "wait=30s") {
		t.Errorf("log: %s", l)
	}
}

// TestPaginationSurvivesFaults: page 17 of 50 answers 502 twice.
func TestPaginationSurvivesFaults(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	for i := range 200 {
		srv.AddProject(gitlabtest.Project{Name: fmt.Sprintf("project-%03d", i)})
	}
	fault := gitlabtest.Fault{Method: "GET", Path: "/projects", Query: map[string]string{"page": "17"}, Status: 502, HTML: true, Times: 2}

	t.Run("transient retries on", func(t *testing.T) {
		srv.ResetRequests()
		srv.ClearFaults()
		srv.AddFault(fault)
		gl := faultClient(t, srv.URL(), gitlab.WithPerPage(4), gitlab.WithRetryTransientErrors(true))
		seen := map[int]int{}
		n := 0
		for p, err := range gl.Projects.All(context.Background(), nil) {
			if err != nil {
				t.Fatal(err)
			}
			seen[p.GetInt("id")]++
			n++
		}
		if n != 200 || len(seen) != 200 {
			t.Errorf("%d objects, %d distinct, want 200", n, len(seen))
		}
		if got := srv.RequestCount(); got != 52 {
			t.Errorf("the server saw %d requests, want 50 pages + 2 retries", got)
		}
	})
	t.Run("transient retries off", func(t *testing.T) {
		srv.ResetRequests()
		srv.ClearFaults()
		srv.AddFault(fault)
		gl := faultClient(t, srv.URL(), gitlab.WithPerPage(4))
		n := 0
		var last error
		for _, err := range gl.Projects.All(context.Background(), nil) {
			if err != nil {
				last = err
				break
			}
			n++
		}
		var ge *gitlab.Error
		if !errors.As(last, &ge) || ge.StatusCode != 502 || ge.Op != "list" || !strings.Contains(ge.URL, "page=17") || ge.Attempts != 1 {
			t.Fatalf("err = %#v", last)
		}
		// Pages 18 and after may have been requested ahead (the prefetch
		// window), then cancelled: never more than the window.
		if got := srv.RequestCount(); n != 16*4 || got < 17 || got > 16+gitlab.DefaultPrefetch {
			t.Errorf("%d objects before the error, %d requests; want 64 and 17 to %d", n, got, 16+gitlab.DefaultPrefetch)
		}
	})
}

// fakeClock is a settable clock shared by the fake and the client.
type fakeClock struct{ ns atomic.Int64 }

func (c *fakeClock) now() time.Time { return time.Unix(0, c.ns.Load()) }

// TestFakeRateLimitEndToEnd: the fake's own throttle answers 429 with
// Retry-After; the client waits it out (the wait advances the fake's clock).
func TestFakeRateLimitEndToEnd(t *testing.T) {
	var clock fakeClock
	clock.ns.Store(t0.Truncate(time.Minute).UnixNano())
	srv := gitlabtest.NewServer(t, gitlabtest.WithRateLimitHeaders(3), gitlabtest.WithClock(clock.now))
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	var waits []time.Duration
	gl := faultClient(t, srv.URL(), gitlab.WithRetryClock(clock.now), gitlab.WithRetryObserver(func(_ int, d time.Duration) {
		waits = append(waits, d)
		clock.ns.Add(int64(d))
	}))
	for i := range 5 {
		if _, err := gl.Projects.Get(context.Background(), pid); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if n := srv.RequestCount(); n != 6 || fmt.Sprint(waits) != "[1m0s]" {
		t.Errorf("%d requests, waits %v; want 6 and [1m0s]", n, waits)
	}
}

func TestClientSideRateLimiter(t *testing.T) {
	srv := gitlabtest.NewServer(t)
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	gl := faultClient(t, srv.URL(), gitlab.WithRateLimiter(rate.NewLimiter(rate.Every(50*time.Millisecond), 1)))
	start := time.Now()
	for range 5 {
		if _, err := gl.Projects.Get(context.Background(), pid); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed < 190*time.Millisecond {
		t.Errorf("5 requests at 20/s took %v", elapsed)
	}
	// A wait that would outlast the deadline fails at once, nothing sent.
	srv.ResetRequests()
	slow := faultClient(t, srv.URL(), gitlab.WithRateLimiter(rate.NewLimiter(rate.Every(time.Hour), 1)))
	if _, err := slow.Projects.Get(context.Background(), pid); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start = time.Now()
	_, err := slow.Projects.Get(ctx, pid)
	var ge *gitlab.Error
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &ge) || ge.Attempts != 0 || time.Since(start) > 500*time.Millisecond {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
	if n := srv.RequestCount(); n != 1 {
		t.Errorf("the server saw %d requests, want 1", n)
	}
	// Cancellation ends a limiter wait (WithTimeout(0): without
	// DefaultTimeout, which the hour-long wait would outlast at once).
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := slow.Projects.Get(ctx, pid, gitlab.WithTimeout(0)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled limiter wait: %v", err)
	}
	if _, err := gitlab.New(srv.URL(), gitlab.WithRateLimiter(rate.NewLimiter(1, 1)), gitlab.WithAdaptiveRateLimit()); err == nil {
		t.Error("WithRateLimiter and WithAdaptiveRateLimit together: no error")
	}
	if _, err := gitlab.New(srv.URL(), gitlab.WithRateLimiter(nil)); err == nil {
		t.Error("WithRateLimiter(nil): no error")
	}
	if _, err := gitlab.New(srv.URL(), gitlab.WithMaxRetryWait(0)); err == nil {
		t.Error("WithMaxRetryWait(0): no error")
	}
}

// TestAdaptiveRateLimit: unlimited until the first RateLimit-Limit (600 a
// minute = 10/s), then 6.6/s with a burst of 3.
func TestAdaptiveRateLimit(t *testing.T) {
	srv := gitlabtest.NewServer(t, gitlabtest.WithRateLimitHeaders(600))
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	gl := faultClient(t, srv.URL(), gitlab.WithAdaptiveRateLimit())
	start := time.Now()
	var at []time.Duration
	for range 6 {
		if _, err := gl.Projects.Get(context.Background(), pid); err != nil {
			t.Fatal(err)
		}
		at = append(at, time.Since(start))
	}
	// Requests 1 to 3 go at once (the first builds the limiter and takes one
	// of the 3 burst tokens); 4, 5 and 6 are 1/6.6 s ≈ 152 ms apart.
	if at[2] > 100*time.Millisecond || at[5] < 400*time.Millisecond || at[5] > 2*time.Second {
		t.Errorf("request times: %v", at)
	}
	// Without RateLimit-Limit the client stays unlimited.
	plain := gitlabtest.NewServer(t)
	pid = plain.AddProject(gitlabtest.Project{Name: "p"})
	gl = faultClient(t, plain.URL(), gitlab.WithAdaptiveRateLimit())
	start = time.Now()
	for range 20 {
		if _, err := gl.Projects.Get(context.Background(), pid); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("20 unlimited requests took %v", elapsed)
	}
}

func TestBackoffAndRetryAfterParsing(t *testing.T) {
	for retry := range 12 {
		full := min(100*time.Millisecond<<retry, 5*time.Minute)
		for range 50 {
			if d := gitlab.Backoff(retry, 5*time.Minute); d < full/2 || d > full {
				t.Fatalf("Backoff(%d) = %v, want in [%v, %v]", retry, d, full/2, full)
			}
		}
	}
	if d := gitlab.Backoff(200, time.Minute); d < 30*time.Second || d > time.Minute {
		t.Errorf("Backoff(200) = %v", d)
	}
	for _, tc := range []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{t0.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{t0.Add(90 * time.Second).Format(time.RFC850), 90 * time.Second, true},
		{"99999999999999999999", 0, false},
		{"9223372036", 9223372036 * time.Second, true},
		{"92233720369", time.Duration(1<<63 - 1), true},
	} {
		d, ok := gitlab.ParseRetryAfter(tc.v, t0)
		if d != tc.want || ok != tc.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.v, d, ok, tc.want, tc.ok)
		}
	}
}

// TestLoadWithTransientFaults: 16 goroutines share one client for 10,000
// requests while 5% of the server's answers are 502s.
func TestLoadWithTransientFaults(t *testing.T) {
	const (
		workers  = 16
		requests = 10000
		every    = 20 // one answer in 20 is a 502
		faults   = requests / every
	)
	srv, err := gitlabtest.New()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	// Counted with the server up: the client's goroutines (connections
	// kept busy by an unread body, for one) must be gone once it is closed,
	// and they would keep the server's connection goroutines alive too.
	before := runtime.NumGoroutine()
	pid := srv.AddProject(gitlabtest.Project{Name: "p"})
	// Fault k lets 19(k+1) requests through, and every earlier fault fired
	// on one of the requests it did not see: fault k fires on request 20(k+1).
	for k := range faults {
		srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Status: 502, HTML: true, Skip: (every - 1) * (k + 1)})
	}
	gl, err := gitlab.New(srv.URL(), gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken), gitlab.WithRetryTransientErrors(true),
		gitlab.WithRetryWaitScale(0.001))
	if err != nil {
		t.Fatal(err)
	}
	var ok, failed, retried atomic.Int64
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= requests {
				_, err := gl.HTTPGet(context.Background(), "/projects/"+strconv.Itoa(pid), nil)
				if err != nil {
					failed.Add(1)
					t.Error(err)
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	served := srv.RequestCount()
	fired := srv.FaultsFired()
	retried.Store(int64(served - requests))
	gl.Close()

	if ok.Load() != requests || failed.Load() != 0 {
		t.Errorf("%d successes, %d failures; want %d and 0", ok.Load(), failed.Load(), requests)
	}
	// Every request was answered 200 exactly once: the server's requests are
	// the successes plus the 502s.
	if served != requests+fired || fired != faults {
		t.Errorf("the server saw %d requests and fired %d faults; want %d + %d", served, fired, requests, faults)
	}
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(20 * time.Millisecond)
	}
	if after > before {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
	t.Logf("%d workers, %d requests: %d successes, %d server requests (%d injected 502s retried), %v (%.0f req/s), goroutines %d before / %d after",
		workers, requests, ok.Load(), served, retried.Load(), elapsed.Round(time.Millisecond), float64(served)/elapsed.Seconds(), before, after)
}

// onlyReader hides a reader's Seek.
type onlyReader struct{ io.Reader }

// TestUploadRetries: an upload is sent again whole when its reader can
// seek, and not retried at all when it cannot.
func TestUploadRetries(t *testing.T) {
	for _, seekable := range []bool{true, false} {
		t.Run(fmt.Sprintf("seekable=%t", seekable), func(t *testing.T) {
			srv := gitlabtest.NewServer(t)
			pid := srv.AddProject(gitlabtest.Project{Name: "p"})
			srv.AddFault(gitlabtest.Fault{Method: "PUT", Path: "/projects/*", Status: 429, Header: http.Header{"Retry-After": {"1"}}})
			gl := faultClient(t, srv.URL())
			var data io.Reader = strings.NewReader("PNG-IMAGE-BYTES")
			if !seekable {
				data = onlyReader{data}
			}
			_, err := gl.Projects.Update(context.Background(), pid, gitlab.Attrs{"avatar": gitlab.FileContent{Name: "a.png", Data: data}})
			reqs := srv.Requests()
			if seekable {
				if err != nil || len(reqs) != 2 || !strings.Contains(string(reqs[1].Body), "PNG-IMAGE-BYTES") {
					t.Errorf("err = %v, %d requests", err, len(reqs))
				}
				return
			}
			if !errors.Is(err, gitlab.ErrRateLimited) || len(reqs) != 1 {
				t.Errorf("err = %v, %d requests; want the 429 after 1", err, len(reqs))
			}
		})
	}
}
