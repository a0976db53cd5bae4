package gitlabtest_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestFault429WithHeaders(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddFault(gitlabtest.Fault{Path: "/projects", Status: 429, Header: http.Header{
		"Retry-After": {"7"}, "RateLimit-ResetTime": {"Tue, 05 Mar 2024 10:00:00 GMT"}, "RateLimit-Reset": {"1709632800"}}})
	r := do(t, s, "GET", "/projects", tok(admin)).expect(t, 429, "Retry later\n")
	if r.header.Get("Retry-After") != "7" || r.header.Get("RateLimit-ResetTime") == "" || r.header.Get("RateLimit-Reset") != "1709632800" ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") || r.header.Get("X-Request-Id") == "" {
		t.Fatalf("429 headers %v", r.header)
	}
	do(t, s, "GET", "/projects", tok(admin)).expect(t, 200, "") // Times defaults to 1
	if s.FaultsFired() != 1 {
		t.Fatalf("FaultsFired = %d", s.FaultsFired())
	}
	// A JSON 429 (application-level limit) is a Body away.
	s.AddFault(gitlabtest.Fault{Status: 429, Body: `{"message":"This endpoint has been requested too many times."}`})
	j := do(t, s, "GET", "/user", tok(admin)).expect(t, 429, `{"message":"This endpoint has been requested too many times."}`)
	if j.header.Get("Content-Type") != "application/json" {
		t.Fatalf("JSON 429 content type %q", j.header.Get("Content-Type"))
	}
}

func TestFault5xxAndHTML(t *testing.T) {
	s := gitlabtest.NewServer(t)
	for _, code := range []int{500, 502, 503, 504} {
		s.AddFault(gitlabtest.Fault{Status: code})
		r := do(t, s, "GET", "/version", tok(admin)).expect(t, code, "")
		if want := `{"message":"` + itoa(code) + " " + http.StatusText(code) + `"}`; string(r.body) != want {
			t.Fatalf("%d body %s", code, r.body)
		}
	}
	s.AddFault(gitlabtest.Fault{Status: 520, HTML: true})
	h := do(t, s, "GET", "/version", tok(admin)).expect(t, 520, "")
	if h.header.Get("Content-Type") != "text/html" || !strings.Contains(string(h.body), "<h1>520 Unknown Error</h1>") {
		t.Fatalf("HTML page %s %s", h.header.Get("Content-Type"), h.body)
	}
	s.AddFault(gitlabtest.Fault{Status: 502, HTML: true})
	if b := do(t, s, "GET", "/version", tok(admin)).expect(t, 502, "").body; !strings.Contains(string(b), "502 Bad Gateway") {
		t.Fatalf("502 page %s", b)
	}
	do(t, s, "GET", "/version", tok(admin)).expect(t, 200, "")
}

func TestFaultReasonPhrase(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddFault(gitlabtest.Fault{Method: "PUT", Status: 409, Reason: "Resource lock", Body: `{"message":"locked"}`})
	r := do(t, s, "PUT", "/projects/1", tok(admin), form("description", "x")).expect(t, 409, `{"message":"locked"}`)
	if r.proto != "409 Resource lock" {
		t.Fatalf("status line %q", r.proto)
	}
	// Check the raw status line too.
	s.AddFault(gitlabtest.Fault{Status: 409, Reason: "Resource lock"})
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = io.WriteString(conn, "GET /api/v4/version HTTP/1.1\r\nHost: x\r\n\r\n")
	line, _ := bufio.NewReader(conn).ReadString('\n')
	if line != "HTTP/1.1 409 Resource lock\r\n" {
		t.Fatalf("raw status line %q", line)
	}
}

func TestFaultDropAndTruncate(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddFault(gitlabtest.Fault{Path: "/projects", Drop: true})
	if _, err := http.Get(s.APIURL() + "/projects"); err == nil {
		t.Fatal("dropped request got a response")
	}
	s.AddFault(gitlabtest.Fault{Path: "/projects", Truncate: true})
	resp, err := http.Get(s.APIURL() + "/projects")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("truncated response %d %v", resp.StatusCode, resp.Header)
	}
	if _, err := io.ReadAll(resp.Body); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("reading a truncated body: %v", err)
	}
	if s.FaultsFired() != 2 {
		t.Fatalf("FaultsFired = %d", s.FaultsFired())
	}
	do(t, s, "GET", "/projects").expect(t, 200, "[]")
}

func TestFaultDelay(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddFault(gitlabtest.Fault{Path: "/version", Delay: 150 * time.Millisecond})
	start := time.Now()
	do(t, s, "GET", "/version", tok(admin)).expect(t, 200, "") // served normally after the delay
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("answered after %v", d)
	}
	s.AddFault(gitlabtest.Fault{Path: "/version", Delay: 50 * time.Millisecond, Status: 503})
	do(t, s, "GET", "/version", tok(admin)).expect(t, 503, "")
	// A client timeout cuts a slow answer short.
	s.AddFault(gitlabtest.Fault{Delay: 5 * time.Second})
	c := &http.Client{Timeout: 100 * time.Millisecond}
	if _, err := c.Get(s.APIURL() + "/version"); err == nil {
		t.Fatal("no timeout")
	}
}

func TestCloseReleasesPendingDelay(t *testing.T) {
	s, err := gitlabtest.New()
	if err != nil {
		t.Fatal(err)
	}
	s.AddFault(gitlabtest.Fault{Delay: 30 * time.Second})
	done := make(chan error, 1)
	go func() {
		resp, err := http.Get(s.APIURL() + "/version")
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond) // let the request reach the delay
	start := time.Now()
	s.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("released request got a response")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not release the delayed request")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("Close took %v", d)
	}
}

func TestFaultMatching(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	s.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*/issues", Query: map[string]string{"page": "2"}, Skip: 1, Times: 2, Status: 500})
	path := "/projects/root%2Fp/issues"
	do(t, s, "GET", path+"?page=1").expect(t, 200, "")     // query does not match
	do(t, s, "POST", path+"?page=2").expect(t, 401, "")    // method does not match
	do(t, s, "GET", "/projects?page=2").expect(t, 200, "") // path does not match
	do(t, s, "GET", path+"?page=2").expect(t, 200, "")     // skipped
	do(t, s, "GET", path+"?page=2").expect(t, 500, "")     // fired 1
	do(t, s, "GET", "/projects/1/issues?page=2").expect(t, 500, "")
	do(t, s, "GET", path+"?page=2").expect(t, 200, "") // exhausted
	if s.FaultsFired() != 2 {
		t.Fatalf("FaultsFired = %d", s.FaultsFired())
	}
	id := s.AddFault(gitlabtest.Fault{Status: 503, Times: 5})
	s.AddFault(gitlabtest.Fault{Status: 502, Times: 5})
	s.RemoveFault(id)
	do(t, s, "GET", path).expect(t, 502, "")
	s.ClearFaults()
	do(t, s, "GET", path).expect(t, 200, "")
}

func TestRateLimitHeaders(t *testing.T) {
	now := mustTime(t, "2024-03-05T10:00:30Z")
	s := gitlabtest.NewServer(t, gitlabtest.WithRateLimitHeaders(3), gitlabtest.WithClock(func() time.Time { return now }))
	for i := 1; i <= 3; i++ {
		r := do(t, s, "GET", "/user", tok(admin)).expect(t, 200, "")
		h := r.header
		if h.Get("RateLimit-Limit") != "3" || h.Get("RateLimit-Name") != "throttle_authenticated_api" ||
			h.Get("RateLimit-Observed") != itoa(i) || h.Get("RateLimit-Remaining") != itoa(3-i) ||
			h.Get("RateLimit-Reset") != "1709632860" {
			t.Fatalf("request %d headers %v", i, h)
		}
	}
	r := do(t, s, "GET", "/user", tok(admin)).expect(t, 429, "Retry later\n")
	if r.header.Get("Retry-After") != "30" || r.header.Get("RateLimit-ResetTime") != "Tue, 05 Mar 2024 10:01:00 GMT" ||
		r.header.Get("RateLimit-Remaining") != "0" {
		t.Fatalf("throttled headers %v", r.header)
	}
	// Anonymous clients are counted apart, under another name.
	if a := do(t, s, "GET", "/projects").expect(t, 200, ""); a.header.Get("RateLimit-Name") != "throttle_unauthenticated_api" {
		t.Fatalf("anonymous name %q", a.header.Get("RateLimit-Name"))
	}
	// The window resets on the injected clock; errors carry the headers too.
	now = now.Add(30 * time.Second)
	e := do(t, s, "GET", "/nope", tok(admin)).expect(t, 404, "")
	if e.header.Get("RateLimit-Observed") != "1" {
		t.Fatalf("after reset %v", e.header)
	}
}
