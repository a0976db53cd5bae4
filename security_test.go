package gitlab_test

// Issue 8 ("Hardening"): credentials only to the client's GitLab, printing
// a client shows no secret, memory bounded against the server, wire
// correctness (HEAD, Link resolution, pagination loops, base URLs) and the
// default timeout.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// credentialOptions are the credentials a client can send, and the secret
// each must never show.
var credentialOptions = []struct {
	name   string
	opts   []gitlab.Option
	secret string
}{
	{"private token", []gitlab.Option{gitlab.WithPrivateToken("glpat-private-secret")}, "glpat-private-secret"},
	{"OAuth token", []gitlab.Option{gitlab.WithOAuthToken("oauth-secret")}, "oauth-secret"},
	{"job token", []gitlab.Option{gitlab.WithJobToken("job-secret")}, "job-secret"},
	{"basic", []gitlab.Option{gitlab.WithBasicAuth("proxyuser", "basic-secret")}, "basic-secret"},
	{"sudo", []gitlab.Option{gitlab.WithPrivateToken("glpat-sudo-secret"), gitlab.WithSudo("sudo-user")}, "glpat-sudo-secret"},
}

// Item 1: a pagination link to another origin (scheme, host or port) is
// not followed: no request reaches the other server, whatever the
// credential, and the error names both origins. python-gitlab's
// keep_base_url (WithKeepBaseURL) follows such links on the client's URL.
func TestCrossOriginLinksReceiveNoCredentials(t *testing.T) {
	other := newCapture(t, jsonReply(200, `[{"id":99}]`))
	for _, cred := range credentialOptions {
		t.Run(cred.name, func(t *testing.T) {
			for _, link := range []string{
				other.URL + "/api/v4/projects?page=2",                                 // another port
				strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/x?page=2", // another host name
				strings.Replace(other.URL, "http://", "https://", 1) + "/api/v4/projects?page=2",
			} {
				main := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Link", "<"+link+`>; rel="next"`)
					jsonReply(200, `[{"id":1}]`)(w, r)
				})
				gl, err := gitlab.New(main.URL, cred.opts...)
				if err != nil {
					t.Fatal(err)
				}
				all, err := gitlab.Collect(gl.Projects.All(ctx, nil))
				if len(all) != 1 || !errors.Is(err, gitlab.ErrCrossOrigin) {
					t.Fatalf("link %s: %d items, err %v", link, len(all), err)
				}
				var coe *gitlab.CrossOriginError
				if !errors.As(err, &coe) || coe.ClientOrigin != main.URL || coe.Origin == main.URL ||
					!strings.Contains(err.Error(), coe.Origin) || !strings.Contains(err.Error(), coe.ClientOrigin) {
					t.Errorf("the error does not name both origins: %v", err)
				}
				assertNoSecret(t, "error", err.Error(), cred.secret)
			}
		})
	}
	if n := len(other.requests()); n != 0 {
		t.Fatalf("the other origin received %d requests: %+v", n, other.requests())
	}

	// With WithKeepBaseURL the link is followed on the client's own URL.
	main := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "" {
			w.Header().Set("Link", "<"+other.URL+`/api/v4/projects?page=2>; rel="next"`)
		}
		jsonReply(200, `[{"id":1}]`)(w, r)
	})
	gl := main.client(t, gitlab.WithKeepBaseURL())
	if all, err := gitlab.Collect(gl.Projects.All(ctx, nil)); err != nil || len(all) != 2 {
		t.Fatalf("keep_base_url: %d items, %v", len(all), err)
	}
	if reqs := main.requests(); len(reqs) != 2 || reqs[1].RawQuery != "page=2" || reqs[1].Header.Get("Private-Token") == "" {
		t.Errorf("keep_base_url requests: %+v", reqs)
	}
	if n := len(other.requests()); n != 0 {
		t.Fatalf("the other origin received %d requests", n)
	}
}

// Item 1, the same class: absolute URLs given to HTTPGet and friends carry
// credentials only to the client's origin; on it they work.
func TestAbsoluteURLsStayOnTheClientsOrigin(t *testing.T) {
	other := newCapture(t, jsonReply(200, `{}`))
	main := newCapture(t, jsonReply(200, `[{"id":1}]`))
	gl := main.client(t, gitlab.WithSudo("root"))
	for _, u := range []string{other.URL + "/api/v4/projects", strings.ToUpper(other.URL[:4]) + other.URL[4:] + "/api/v4/projects"} {
		calls := map[string]error{}
		_, calls["HTTPGet"] = gl.HTTPGet(ctx, u, nil)
		_, calls["HTTPPost"] = gl.HTTPPost(ctx, u, gitlab.Attrs{"name": "x"})
		_, calls["HTTPPut"] = gl.HTTPPut(ctx, u, nil)
		_, calls["HTTPPatch"] = gl.HTTPPatch(ctx, u, nil)
		_, calls["HTTPDelete"] = gl.HTTPDelete(ctx, u)
		_, calls["HTTPList"] = gitlab.Collect(gl.HTTPList(ctx, u, nil))
		for name, err := range calls {
			var ge *gitlab.Error
			if !errors.Is(err, gitlab.ErrCrossOrigin) || !errors.As(err, &ge) || ge.Attempts != 0 {
				t.Errorf("%s(%s): %v", name, u, err)
			}
		}
	}
	if n := len(other.requests()); n != 0 {
		t.Fatalf("the other origin received %d requests", n)
	}
	if _, err := gl.HTTPGet(ctx, main.URL+"/api/v4/projects", nil); err != nil {
		t.Fatal(err)
	}
	if h := main.requests()[0].Header; h.Get("Private-Token") != "glpat-secret-token" || h.Get("Sudo") != "root" {
		t.Errorf("same-origin absolute URL: headers %v", h)
	}
}

// Item 2: printing a client, with any verb, or logging it, never shows a
// credential: neither the token, the basic password, nor a password in the
// configured URL.
func TestPrintingAClientShowsNoSecret(t *testing.T) {
	for _, cred := range append(credentialOptions[:len(credentialOptions):len(credentialOptions)],
		struct {
			name   string
			opts   []gitlab.Option
			secret string
		}{"url userinfo", nil, "url-secret"}) {
		t.Run(cred.name, func(t *testing.T) {
			gl, err := gitlab.New("https://someone:url-secret@gitlab.example.com:8443/gitlab", cred.opts...)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%10.3v", "%T"} {
				fmt.Fprintf(&out, verb+"\n", gl)
			}
			fmt.Fprintf(&out, "%+v\n%#v\n", struct{ GL *gitlab.Client }{gl}, []any{gl})
			fmt.Fprintln(&out, gl.String(), gl.GoString())
			js, err := json.Marshal(gl)
			if err != nil {
				t.Fatal(err)
			}
			out.Write(js)
			for _, h := range []slog.Handler{slog.NewTextHandler(&out, nil), slog.NewJSONHandler(&out, nil)} {
				slog.New(h).Info("client", "gl", gl, slog.Group("g", slog.Any("c", gl)))
			}
			assertNoSecret(t, "printed client", out.String(), cred.secret, "url-secret", "someone")
			if !strings.Contains(out.String(), "https://REDACTED@gitlab.example.com:8443/gitlab") {
				t.Errorf("the URL is not shown:\n%s", out.String())
			}
			if want := cred.name; want != "sudo" && want != "url userinfo" && !strings.Contains(gl.String(), want) {
				t.Errorf("String() = %q does not say %q", gl.String(), want)
			}
		})
	}
}

// memDelta runs f and returns how many bytes it allocated.
func memDelta(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// lyingServer answers every request with a 200 that announces
// Content-Length n and sends body, then closes the connection.
func lyingServer(t *testing.T, n int64, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", n, body)
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Item 3: a Content-Length is not an allocation size: announcing 1 GiB and
// sending two bytes costs no more than a small buffer.
func TestContentLengthIsNotPreallocated(t *testing.T) {
	srv := lyingServer(t, 1073741000, "[]")
	gl := connClient(t, srv.URL)
	var err error
	n := memDelta(func() { _, err = gl.HTTPGet(ctx, "/projects", nil, gitlab.WithMaxBodySize(-1)) })
	var pe *gitlab.ParseError
	if !errors.As(err, &pe) || !strings.Contains(pe.Reason, "cut short") {
		t.Errorf("err = %v", err)
	}
	if n > 8<<20 {
		t.Errorf("the call allocated %d MiB for a 2-byte body", n>>20)
	}
	// Bodies larger than the preallocation are read whole, announced or not.
	body := `[` + strings.Repeat(`{"id":1},`, 300000) + `{"id":2}]` // 2.7 MB
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Has("announced") {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv2.Close)
	for _, q := range []gitlab.Params{nil, {"announced": true}} {
		all, err := gitlab.Collect(connClient(t, srv2.URL).HTTPList(ctx, "/projects", q))
		if err != nil || len(all) != 300001 {
			t.Errorf("%v: %d items, %v", q, len(all), err)
		}
	}
}

// gzipBomb is n zero bytes, gzipped (n/1000 bytes on the wire).
func gzipBomb(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w := bufio.NewWriterSize(zw, 1<<16)
	w.WriteString(`[{"a":"`)
	chunk := bytes.Repeat([]byte{'0'}, 1<<16)
	for written := 0; written < n; written += len(chunk) {
		w.Write(chunk)
	}
	w.WriteString(`"}]`)
	w.Flush()
	zw.Close()
	return b.Bytes()
}

// Item 4: the body of a successful answer is bounded (WithMaxBodySize,
// 64 MiB by default), counted after decompression; beyond it the call
// fails with ErrBodyTooLarge without reading on. Error answers keep a
// bounded prefix of their body and message.
func TestBodiesAreBounded(t *testing.T) {
	if gitlab.DefaultMaxBodySize != 64<<20 || gitlab.MaxErrorBody != 64<<10 {
		t.Errorf("defaults: %d, %d", gitlab.DefaultMaxBodySize, gitlab.MaxErrorBody)
	}
	big := `[` + strings.Repeat(`{"id":1,"name":"project"},`, 100000) + `{"id":2}]` // 2.6 MB
	bomb := gzipBomb(t, 32<<20)                                                     // 32 MB as 32 KB of gzip
	huge := strings.Repeat("x", 8<<20)
	errorAnswers := map[string]struct {
		status      int
		ctype, body string
	}{
		"/api/v4/html":       {502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>" + huge + "</body></html>"},
		"/api/v4/text":       {500, "text/plain", huge},
		"/api/v4/json":       {400, "application/json", `{"message":"` + huge + `"}`},
		"/api/v4/small-json": {400, "application/json", `{"message":"` + strings.Repeat("y", 20000) + `"}`},
	}
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v4/big": // no Content-Length: chunked
			w.(http.Flusher).Flush()
			io.WriteString(w, big)
		case "/api/v4/announced":
			w.Header().Set("Content-Length", fmt.Sprint(65<<20))
			w.WriteHeader(200)
			io.WriteString(w, "[") // and never the rest: the client must not wait for it
		case "/api/v4/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		default:
			e := errorAnswers[r.URL.Path]
			w.Header().Set("Content-Type", e.ctype)
			w.WriteHeader(e.status)
			io.WriteString(w, e.body)
		}
	}))
	t.Cleanup(srv.Close)
	gl := connClient(t, srv.URL, gitlab.WithMaxBodySize(1<<20), gitlab.WithRetryTransientErrors(true), gitlab.WithMaxRetries(1))

	tooLarge := func(path string, opts ...gitlab.RequestOption) {
		t.Helper()
		served.Store(0)
		var err error
		n := memDelta(func() { _, err = gl.HTTPGet(ctx, path, nil, opts...) })
		var pe *gitlab.ParseError
		if !errors.Is(err, gitlab.ErrBodyTooLarge) || !errors.As(err, &pe) || !strings.Contains(err.Error(), "WithMaxBodySize") {
			t.Errorf("%s: %v", path, err)
		}
		if n > 16<<20 {
			t.Errorf("%s: the call allocated %d MiB with a 1 MiB maximum", path, n>>20)
		}
		if n := served.Load(); n != 1 {
			t.Errorf("%s: %d requests: a body too large is not transient", path, n)
		}
	}
	tooLarge("/big")
	tooLarge("/announced")
	tooLarge("/bomb")
	tooLarge("/announced", gitlab.WithMaxBodySize(0)) // the default, 64 MiB: 65 MiB announced is too much
	if _, err := gl.HTTPGet(ctx, "/big", nil, gitlab.WithMaxBodySize(4<<20)); err != nil {
		t.Errorf("a call's own maximum: %v", err)
	}
	if all, err := gitlab.Collect(gl.HTTPList(ctx, "/big", nil, gitlab.WithMaxBodySize(-1))); err != nil || len(all) != 100001 {
		t.Errorf("no maximum: %d items, %v", len(all), err)
	}

	for path, wantMsg := range map[string]string{"/html": "502 Bad Gateway", "/text": "xxx", "/json": `{"message":"xxx`, "/small-json": "yyy"} {
		var e *gitlab.Error
		var err error
		n := memDelta(func() { _, err = gl.HTTPGet(ctx, path, nil, gitlab.WithRetryTransientErrors(false)) })
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v", path, err)
		}
		if len(e.Body) > gitlab.MaxErrorBody || len(e.Message) > 4<<10+len("…") || !strings.HasPrefix(e.Message, wantMsg) {
			t.Errorf("%s: body %d bytes, message %d bytes %.40q", path, len(e.Body), len(e.Message), e.Message)
		}
		if n > 4<<20 {
			t.Errorf("%s: reading an 8 MB error answer allocated %d MiB", path, n>>20)
		}
	}
}

// Item 5: a HEAD answer has no body, whatever its Content-Length says (Go
// servers and GitLab send the GET's); the fake GitLab sends it too.
func TestHeadWithContentLength(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	for i := range 3 {
		srv.AddProject(gitlabtest.Project{Name: fmt.Sprint("p", i)})
	}
	req, _ := http.NewRequest(http.MethodHead, srv.URL()+"/api/v4/projects", nil)
	req.Header.Set("Private-Token", gitlabtest.DefaultAdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.ContentLength <= 0 {
		t.Fatalf("the fake's HEAD has no Content-Length (%d)", resp.ContentLength)
	}
	for _, opts := range [][]gitlab.RequestOption{nil, {gitlab.WithRetryTransientErrors(true)}} {
		srv.ResetRequests()
		page, err := gl.Projects.Head(ctx, nil, opts...)
		if err != nil || page.Total != 3 {
			t.Fatalf("Head: %+v, %v", page, err)
		}
		if n := srv.RequestCount(); n != 1 {
			t.Errorf("Head sent %d requests", n)
		}
	}
}

// pager answers list requests with the headers head(r) gives, and [{"id":n}]
// where n counts the requests.
func pager(t *testing.T, head func(r *http.Request, h http.Header)) *capture {
	var n atomic.Int32
	return newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		head(r, w.Header())
		jsonReply(200, fmt.Sprintf(`[{"id":%d}]`, n.Add(1)))(w, r)
	})
}

// Item 8: a relative Link target is resolved against the request's URL
// (RFC 3986), never appended to the API URL (/api/v4/api/v4/...).
func TestRelativeLinksResolveAgainstTheRequest(t *testing.T) {
	for _, tc := range []struct{ base, link, want string }{
		{"", "/api/v4/projects?page=2", "/api/v4/projects"},
		{"", "?page=2", "/api/v4/projects"},
		{"", "projects?page=2", "/api/v4/projects"},
		{"", "../v4/projects?page=2", "/api/v4/projects"},
		{"/gitlab", "/gitlab/api/v4/projects?page=2", "/gitlab/api/v4/projects"},
	} {
		rec := pager(t, func(r *http.Request, h http.Header) {
			if r.URL.Query().Get("page") == "" {
				h.Set("Link", "<"+tc.link+`>; rel="next"`)
			}
		})
		gl := connClient(t, rec.URL+tc.base, gitlab.WithPrivateToken("glpat-secret-token"))
		all, err := gitlab.Collect(gl.Projects.All(ctx, nil))
		reqs := rec.requests()
		if err != nil || len(all) != 2 || len(reqs) != 2 || reqs[1].Path != tc.want || reqs[1].RawQuery != "page=2" {
			t.Errorf("link %s: %d items, %v, requests %+v", tc.link, len(all), err, reqs)
			continue
		}
		if reqs[1].Header.Get("Private-Token") == "" {
			t.Errorf("link %s: the next page went without the token", tc.link)
		}
	}
}

// Item 9: pagination that leads back to a page already fetched ends with
// ErrRepeatedPage instead of looping forever; negative headers are unknown.
func TestPaginationLoopsEnd(t *testing.T) {
	for name, head := range map[string]func(r *http.Request, h http.Header){
		"Link to itself": func(r *http.Request, h http.Header) {
			h.Set("Link", "<http://"+r.Host+r.URL.RequestURI()+`>; rel="next"`)
		},
		"Link back to page 1": func(r *http.Request, h http.Header) {
			next := "2"
			if r.URL.Query().Get("page") == "2" {
				next = "1"
			}
			h.Set("Link", "<http://"+r.Host+"/api/v4/projects?page="+next+`>; rel="next"`)
		},
		"X-Next-Page equal to X-Page": func(r *http.Request, h http.Header) {
			h.Set("X-Page", "1")
			h.Set("X-Next-Page", "1")
		},
	} {
		rec := pager(t, head)
		gl := rec.client(t)
		var err error
		items := 0
		for _, err = range gl.Projects.All(ctx, nil) {
			if items++; err != nil || items == 10 { // a loop that is not stopped fails here, not by hanging
				break
			}
		}
		if !errors.Is(err, gitlab.ErrRepeatedPage) || len(rec.requests()) > 3 {
			t.Errorf("%s: %d items, %d requests, %v", name, items, len(rec.requests()), err)
		}
	}
	rec := pager(t, func(_ *http.Request, h http.Header) {
		h.Set("X-Total", "-5")
		h.Set("X-Total-Pages", "-1")
		h.Set("X-Next-Page", "-2")
		h.Set("X-Page", "-1")
		h.Set("X-Per-Page", "-20")
		h.Set("X-Prev-Page", "-3")
	})
	page, err := rec.client(t).Projects.List(ctx, nil)
	if err != nil || page.Total != -1 || page.TotalPages != -1 || page.NextPage != 0 || page.Page != 0 ||
		page.PerPage != 0 || page.PrevPage != 0 || page.NextURL != "" {
		t.Errorf("negative headers: %+v, %v", page, err)
	}
}

// Item 10: the API URL is accepted as the base URL (as GitLab's Go client
// takes it), and a URL New refuses is shown in the error, credentials
// masked.
func TestBaseURLForms(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `{"version":"17.5.0","revision":"r"}`))
	for _, base := range []string{rec.URL + "/api/v4", rec.URL + "/api/v4/", rec.URL + "/"} {
		gl, err := gitlab.New(base)
		if err != nil {
			t.Fatal(err)
		}
		if gl.URL() != rec.URL || gl.APIURL() != rec.URL+"/api/v4" {
			t.Errorf("New(%q): URL %q, APIURL %q", base, gl.URL(), gl.APIURL())
		}
		if _, _, err := gl.Version(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range rec.requests() {
		if r.Path != "/api/v4/version" {
			t.Errorf("requested %s", r.Path)
		}
	}
	for bad, shown := range map[string]string{
		"https://exa mple.com":                   `"https://exa mple.com"`,
		"https://user:pw-secret@exa mple.com":    `"https://REDACTED@exa mple.com"`,
		"gitlab.example.com":                     `"gitlab.example.com"`,
		"ftp://gitlab.example.com":               `"ftp://gitlab.example.com"`,
		"https://gitlab.example.com/?a=1":        `"https://gitlab.example.com/?a=1"`,
		"https://gitlab.example.com#x":           `"https://gitlab.example.com#x"`,
		"https://h/%zz?private_token=tok-secret": `"https://h/%zz?private_token=REDACTED"`,
	} {
		_, err := gitlab.New(bad)
		if err == nil || !strings.Contains(err.Error(), shown) {
			t.Errorf("New(%q): %v, want it to show %s", bad, err, shown)
			continue
		}
		assertNoSecret(t, "error", err.Error(), "pw-secret", "tok-secret")
	}
}

// deadlineSeen is a transport that records the deadline of each request's
// context before sending it on.
type deadlineSeen struct {
	next      http.RoundTripper
	deadlines []time.Time
	set       []bool
}

func (d *deadlineSeen) RoundTrip(r *http.Request) (*http.Response, error) {
	dl, ok := r.Context().Deadline()
	d.deadlines, d.set = append(d.deadlines, dl), append(d.set, ok)
	return d.next.RoundTrip(r)
}

// Also (issue 8): a call has a default overall timeout (DefaultTimeout, 5
// minutes) unless WithTimeout or its context says otherwise: the context's
// own deadline replaces it, WithTimeout(d) sets it, WithTimeout(0) removes it.
func TestDefaultTimeout(t *testing.T) {
	if gitlab.DefaultTimeout != 5*time.Minute {
		t.Errorf("DefaultTimeout = %v", gitlab.DefaultTimeout)
	}
	rec := newCapture(t, jsonReply(200, `{"id":1}`))
	seen := &deadlineSeen{next: http.DefaultTransport}
	gl := connClient(t, rec.URL, gitlab.WithHTTPClient(&http.Client{Transport: seen}))
	hour, cancel := context.WithTimeout(ctx, time.Hour)
	defer cancel()
	calls := []struct {
		ctx  context.Context
		opts []gitlab.RequestOption
		want time.Duration // 0: no deadline
	}{
		{ctx, nil, gitlab.DefaultTimeout},
		{hour, nil, time.Hour},
		{ctx, []gitlab.RequestOption{gitlab.WithTimeout(2 * time.Minute)}, 2 * time.Minute},
		{hour, []gitlab.RequestOption{gitlab.WithTimeout(2 * time.Minute)}, 2 * time.Minute},
		{ctx, []gitlab.RequestOption{gitlab.WithTimeout(0)}, 0},
		{hour, []gitlab.RequestOption{gitlab.WithTimeout(0)}, time.Hour},
	}
	for i, c := range calls {
		start := time.Now()
		if _, err := gl.Projects.Get(c.ctx, 1, c.opts...); err != nil {
			t.Fatal(err)
		}
		end := time.Now()
		dl, set := seen.deadlines[i], seen.set[i]
		switch {
		case c.want == 0 && set:
			t.Errorf("call %d: deadline %v, want none", i, dl.Sub(start))
		case c.want != 0 && (!set || dl.After(end.Add(c.want)) || dl.Before(start.Add(c.want-time.Minute))):
			t.Errorf("call %d: deadline in %v (set %v), want %v", i, dl.Sub(start), set, c.want)
		}
	}
	// A client-wide WithTimeout(0) removes the default for every call.
	seen.deadlines, seen.set = nil, nil
	none := connClient(t, rec.URL, gitlab.WithHTTPClient(&http.Client{Transport: seen}), gitlab.WithTimeout(0))
	if _, err := none.Projects.Get(ctx, 1); err != nil || seen.set[0] {
		t.Errorf("client WithTimeout(0): deadline set %v, %v", seen.set[0], err)
	}
}
