package gitlab_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golab/gitlab"
)

// seen is one request an httptest server received.
type seen struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   string
}

// capture is an httptest server that records requests and answers with a handler.
type capture struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newCapture(t *testing.T, h func(w http.ResponseWriter, r *http.Request)) *capture {
	t.Helper()
	rec := &capture{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b)) // the handler may read it too
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, seen{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), string(b)})
		rec.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *capture) requests() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

func (r *capture) client(t *testing.T, opts ...gitlab.Option) *gitlab.Client {
	t.Helper()
	gl, err := gitlab.New(r.URL, append([]gitlab.Option{gitlab.WithPrivateToken("glpat-secret-token")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return gl
}

func jsonReply(status int, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

var ctx = context.Background()

func TestNamespacedIDEncodedOnce(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `{"id":1,"path_with_namespace":"group/sub/my.project"}`))
	gl := rec.client(t)
	p, err := gl.Projects.Get(ctx, "group/sub/my.project")
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.requests()[0].Path; got != "/api/v4/projects/group%2Fsub%2Fmy.project" {
		t.Errorf("path = %s", got)
	}
	_, _ = p.Issues().List(ctx, nil) // the answer is not a list; only the path matters here
	if got := rec.requests()[1].Path; got != "/api/v4/projects/1/issues" {
		t.Errorf("sub-manager path = %s", got)
	}
	// A lazy project keeps the path given, encoded once, in its children's paths.
	if _, err := gl.Projects.Lazy("a/b").Branches().Get(ctx, "feature/x"); err != nil {
		t.Fatal(err)
	}
	if got := rec.requests()[2].Path; got != "/api/v4/projects/a%2Fb/repository/branches/feature%2Fx" {
		t.Errorf("lazy child path = %s", got)
	}
}

func TestCredentialsHeaders(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `{"version":"17.5.0","revision":"abc"}`))
	cases := []struct {
		opt          gitlab.Option
		header, want string
	}{
		{gitlab.WithPrivateToken("pt"), "Private-Token", "pt"},
		{gitlab.WithOAuthToken("ot"), "Authorization", "Bearer ot"},
		{gitlab.WithJobToken("jt"), "Job-Token", "jt"},
	}
	for i, tc := range cases {
		gl, err := gitlab.New(rec.URL+"/", tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := gl.Version(ctx); err != nil {
			t.Fatal(err)
		}
		h := rec.requests()[i].Header
		if h.Get(tc.header) != tc.want {
			t.Errorf("%s = %q, want %q", tc.header, h.Get(tc.header), tc.want)
		}
		n := 0
		for _, k := range []string{"Private-Token", "Authorization", "Job-Token"} {
			if h.Get(k) != "" {
				n++
			}
		}
		if n != 1 || !strings.HasPrefix(h.Get("User-Agent"), "golab-gitlab/") {
			t.Errorf("credential headers %v, user agent %q", h, h.Get("User-Agent"))
		}
	}
	anon, _ := gitlab.New(rec.URL)
	if _, _, err := anon.Version(ctx); err != nil {
		t.Fatal(err)
	}
	h := rec.requests()[3].Header
	if h.Get("Private-Token")+h.Get("Authorization")+h.Get("Job-Token") != "" {
		t.Errorf("anonymous client sent credentials: %v", h)
	}
	if _, err := gitlab.New(rec.URL, gitlab.WithPrivateToken("a"), gitlab.WithJobToken("b")); err == nil {
		t.Error("conflicting credentials accepted")
	}
	if _, err := gitlab.New("ftp://x"); err == nil {
		t.Error("non-http URL accepted")
	}
	if gl, _ := gitlab.New(""); gl.URL() != "https://gitlab.com" || gl.APIURL() != "https://gitlab.com/api/v4" {
		t.Errorf("default URL = %s", gl.URL())
	}
}

func TestQueryEncodingAndOptions(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `[]`))
	gl := rec.client(t, gitlab.WithPerPage(50))
	p := gl.Projects.Lazy(3)
	_, err := p.Issues().List(ctx, gitlab.Params{"labels": []string{"bug", "p1"}, "iids": []int{1, 2}, "state": "opened", "confidential": false},
		gitlab.WithSudo("user1"), gitlab.WithHeader("X-Extra", "1"))
	if err != nil {
		t.Fatal(err)
	}
	r := rec.requests()[0]
	q, _ := url.ParseQuery(r.RawQuery)
	want := url.Values{"labels": {"bug,p1"}, "iids[]": {"1", "2"}, "state": {"opened"}, "confidential": {"false"}, "per_page": {"50"}}
	if fmt.Sprint(q) != fmt.Sprint(want) {
		t.Errorf("query = %v, want %v", q, want)
	}
	if r.Header.Get("Sudo") != "user1" || r.Header.Get("X-Extra") != "1" || strings.Contains(r.RawQuery, "sudo") {
		t.Errorf("sudo must travel as a header: %v %s", r.Header, r.RawQuery)
	}
	// python's query_parameters: replaces the params, keeps page and per_page.
	_, err = gl.UserActivities.List(ctx, gitlab.Params{"page": 2, "ignored": "x"}, gitlab.WithQuery(url.Values{"from": {"2019-01-01"}}))
	if err != nil {
		t.Fatal(err)
	}
	q, _ = url.ParseQuery(rec.requests()[1].RawQuery)
	if fmt.Sprint(q) != fmt.Sprint(url.Values{"from": {"2019-01-01"}, "page": {"2"}, "per_page": {"50"}}) {
		t.Errorf("WithQuery query = %v", q)
	}
	// An explicit per_page wins over the client default.
	_, _ = gl.Projects.List(ctx, gitlab.Params{"per_page": 5})
	if q, _ := url.ParseQuery(rec.requests()[2].RawQuery); q.Get("per_page") != "5" {
		t.Errorf("explicit per_page lost: %v", q)
	}
	keyset := rec.client(t, gitlab.WithKeysetPagination("id"))
	_, _ = keyset.Projects.List(ctx, nil)
	if q, _ := url.ParseQuery(rec.requests()[3].RawQuery); q.Get("pagination") != "keyset" || q.Get("order_by") != "id" {
		t.Errorf("keyset defaults: %v", q)
	}
	if _, err := gitlab.New(rec.URL, gitlab.WithPerPage(101)); err == nil {
		t.Error("per_page 101 accepted")
	}
}

func TestCreateValidationAndSudo(t *testing.T) {
	rec := newCapture(t, jsonReply(201, `{"id":9,"username":"jdoe"}`))
	gl := rec.client(t)
	_, err := gl.Projects.Lazy(1).Issues().Create(ctx, gitlab.Attrs{"description": "no title"})
	var ae *gitlab.AttrError
	if !errors.As(err, &ae) || ae.Missing[0] != "title" || len(rec.requests()) != 0 {
		t.Fatalf("missing title: err=%v, requests=%d", err, len(rec.requests()))
	}
	u, err := gl.Users.Create(ctx, gitlab.Attrs{"email": "j@x", "username": "jdoe", "name": "J"}, gitlab.WithSudo("admin2"))
	if err != nil || u.GetString("username") != "jdoe" || u.ID() != "9" {
		t.Fatalf("create: %v %v", u, err)
	}
	r := rec.requests()[0]
	if r.Method != "POST" || r.Path != "/api/v4/users" || r.Header.Get("Sudo") != "admin2" || r.Header.Get("Content-Type") != "application/json" ||
		r.Body != `{"email":"j@x","name":"J","username":"jdoe"}` {
		t.Errorf("create request: %+v", r)
	}
	if ca := gl.Users.GetCreateAttrs(); len(ca.Optional) == 0 || gl.Projects.Lazy(1).Issues().GetCreateAttrs().Required[0] != "title" {
		t.Errorf("GetCreateAttrs = %+v", ca)
	}
	if ua := gl.Projects.Lazy(1).Variables().GetUpdateAttrs(); ua.Required[0] != "key" {
		t.Errorf("GetUpdateAttrs = %+v", ua)
	}
}

func TestSaveSendsOnlyChanges(t *testing.T) {
	var fail bool
	rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == "GET":
			jsonReply(200, `{"id":11,"body":"old","author":{"id":1},"noteable_iid":5}`)(w, r)
		case fail:
			jsonReply(400, `{"message":{"body":["is too long"]}}`)(w, r)
		default:
			jsonReply(200, `{"id":11,"body":"new","author":{"id":1},"noteable_iid":5,"updated_at":"2024-01-01T00:00:00.000Z"}`)(w, r)
		}
	})
	gl := rec.client(t)
	notes := gl.Projects.Lazy(1).Issues().Lazy(5).Notes()
	n, err := notes.Get(ctx, 11)
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Save(ctx); err != nil || len(rec.requests()) != 1 {
		t.Fatalf("save with no change made a request: %v", err)
	}
	_ = n.Set("confidential", true)
	fail = true
	err = n.Save(ctx)
	var ge *gitlab.Error
	if !errors.As(err, &ge) || ge.StatusCode != 400 || ge.Op != "save" || !n.Dirty() {
		t.Fatalf("failed save: err=%v dirty=%v", err, n.Dirty())
	}
	fail = false
	if err := n.Save(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	last := reqs[len(reqs)-1]
	// body is the required update attribute, read from the object; confidential is the change.
	if last.Method != "PUT" || last.Path != "/api/v4/projects/1/issues/5/notes/11" || last.Body != `{"confidential":true,"body":"old"}` {
		t.Errorf("save request: %+v", last)
	}
	if n.Dirty() || n.GetString("body") != "new" || n.GetString("updated_at") == "" || n.Has("confidential") {
		t.Errorf("after save the object must hold the server's answer: %s", n)
	}
}

func TestUpdateVerbsAndDynamicManagers(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `{"id":4,"name":"w"}`))
	gl := rec.client(t)
	err := gl.Register(&gitlab.Spec{Name: "project_widget", Path: "/projects/{project_id}/widgets", Parent: "project",
		FromParent: map[string]string{"project_id": "id"}, Ops: gitlab.OpList | gitlab.OpGet | gitlab.OpUpdate,
		UpdateMethod: "PATCH", Actions: []gitlab.Action{{Name: "polish", Method: "POST", Result: gitlab.ResultReplace}}})
	if err != nil {
		t.Fatal(err)
	}
	widgets := gl.Projects.Lazy("g/p").Manager("project_widget")
	w, err := widgets.Get(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	_ = w.Set("name", "x")
	if err := w.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _, err := w.Do(ctx, "polish", nil); err != nil || got != w {
		t.Fatalf("polish: %v, same object: %v", err, got == w)
	}
	reqs := rec.requests()
	if reqs[1].Method != "PATCH" || reqs[1].Path != "/api/v4/projects/g%2Fp/widgets/4" || reqs[2].Path != "/api/v4/projects/g%2Fp/widgets/4/polish" {
		t.Errorf("requests: %+v", reqs)
	}
	var oe *gitlab.OpError
	if _, err := widgets.Create(ctx, gitlab.Attrs{"name": "n"}); !errors.As(err, &oe) || oe.Op != "create" {
		t.Errorf("undeclared create: %v", err)
	}
	if err := w.Delete(ctx); !errors.As(err, &oe) || oe.Op != "delete" {
		t.Errorf("undeclared object delete: %v", err)
	}
	if err := gl.Manager("nope").Err(); err == nil || gl.Manager("project").Err() != nil {
		t.Errorf("Err(): unknown %v", err)
	}
	if err := gl.Manager("nope").Delete(ctx, 1); err == nil || !strings.Contains(err.Error(), `no manager "nope"`) {
		t.Errorf("unknown manager: %v", err)
	}
	// Objects of an unknown manager fail clearly too, without a request.
	before := len(rec.requests())
	lazy := gl.Manager("nope").Lazy(1)
	for _, err := range []error{lazy.Save(ctx), lazy.Delete(ctx), lazy.Refresh(ctx), func() error { _, _, err := lazy.Do(ctx, "x", nil); return err }()} {
		if err == nil || !strings.Contains(err.Error(), `no manager "nope"`) {
			t.Errorf("object of an unknown manager: %v", err)
		}
	}
	if len(rec.requests()) != before {
		t.Error("an unknown manager sent a request")
	}
	if _, err := gl.Manager("project_widget").List(ctx, nil); err == nil || !strings.Contains(err.Error(), "object.Manager") {
		t.Errorf("child manager at root: %v", err)
	}
	if err := gl.Register(&gitlab.Spec{Name: "widget", Path: "/widgets", Ops: gitlab.OpList}); err != nil {
		t.Fatal(err)
	}
	_, _ = gl.Manager("widget").List(ctx, nil) // the answer is not a list; only the path matters here
	if got := rec.requests()[len(rec.requests())-1].Path; got != "/api/v4/widgets" {
		t.Errorf("root dynamic manager path = %s", got)
	}
	other := rec.client(t)
	if _, err := other.Manager("widget").List(ctx, nil); err == nil {
		t.Error("a manager registered on one client leaked into another")
	}
}

func TestLazyActionIsOneRequest(t *testing.T) {
	rec := newCapture(t, jsonReply(201, `{"id":1,"star_count":3}`))
	gl := rec.client(t)
	p := gl.Projects.Lazy(1)
	if err := p.Star(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 || reqs[0].Method != "POST" || reqs[0].Path != "/api/v4/projects/1/star" || p.GetInt("star_count") != 3 || p.IsLazy() {
		t.Errorf("star: %+v, star_count=%d", reqs, p.GetInt("star_count"))
	}
}

func TestErrorsFromTheServer(t *testing.T) {
	cases := []struct {
		name   string
		h      func(http.ResponseWriter, *http.Request)
		status int
		is     error
		msg    string
	}{
		{"404", jsonReply(404, `{"message":"404 Project Not Found"}`), 404, gitlab.ErrNotFound, "404: 404 Project Not Found"},
		{"401", jsonReply(401, `{"message":"401 Unauthorized"}`), 401, gitlab.ErrUnauthorized, "401: 401 Unauthorized"},
		{"403", jsonReply(403, `{"message":"403 Forbidden"}`), 403, gitlab.ErrForbidden, "403: 403 Forbidden"},
		{"409", jsonReply(409, `{"message":["Another open merge request already exists for this source branch: !7"]}`), 409, gitlab.ErrConflict, "409: Another open merge request already exists for this source branch: !7"},
		{"429", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(429); io.WriteString(w, "Retry later") }, 429, gitlab.ErrRateLimited, "429: Retry later"},
		{"html 502", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			io.WriteString(w, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>")
		}, 502, nil, "502: 502 Bad Gateway"},
		{"plain text 503", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(503)
			io.WriteString(w, "GitLab is not responding")
		},
			503, nil, "503: GitLab is not responding"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := newCapture(t, tc.h)
			// No retries: the 429 is returned as it came (retries: retry_test.go).
			_, err := rec.client(t, gitlab.WithMaxRetries(0)).Projects.Get(ctx, 1)
			var ge *gitlab.Error
			if !errors.As(err, &ge) || ge.StatusCode != tc.status || ge.Op != "get" || ge.Method != "GET" || !strings.HasSuffix(ge.URL, "/api/v4/projects/1") {
				t.Fatalf("err = %#v", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v) false", tc.is)
			}
			if err.Error() != tc.msg || len(ge.Body) == 0 {
				t.Errorf("Error() = %q, want %q", err.Error(), tc.msg)
			}
			if strings.Contains(ge.Describe(), "glpat-secret-token") {
				t.Error("token leaked")
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, ctype, body, reason string
		list                      bool
	}{
		{"malformed object", "application/json", `{"id":1,`, "malformed JSON", false},
		{"html page", "text/html", `<html>maintenance</html>`, "malformed JSON", false},
		{"array for object", "application/json", `[1]`, "expected a JSON object", false},
		{"object for list", "application/json", `{"id":1}`, "expected a JSON array", true},
		{"scalar item", "application/json", `[{"id":1},2]`, "a list item is not a JSON object", true},
		{"malformed list", "application/json", `[{"id":1}`, "malformed JSON", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				io.WriteString(w, tc.body)
			})
			gl := rec.client(t)
			var err error
			if tc.list {
				_, err = gl.Projects.List(ctx, nil)
			} else {
				_, err = gl.Projects.Get(ctx, 1)
			}
			var pe *gitlab.ParseError
			if !errors.As(err, &pe) || pe.Reason != tc.reason || pe.StatusCode != 200 || pe.ContentType != tc.ctype {
				t.Fatalf("err = %v", err)
			}
			if pe.Snippet == "" || !strings.Contains(tc.body, pe.Snippet) || !strings.Contains(err.Error(), fmt.Sprintf("%q", pe.Snippet)) {
				t.Errorf("the message does not say what came back: %v", err)
			}
		})
	}
	t.Run("truncated body", func(t *testing.T) {
		rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "100")
			io.WriteString(w, `{"id":1,"na`)
		})
		_, err := rec.client(t).Projects.Get(ctx, 1)
		var pe *gitlab.ParseError
		if !errors.As(err, &pe) || !strings.Contains(pe.Reason, "cut short") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestContextCancellationAndTimeouts(t *testing.T) {
	release := make(chan struct{})
	rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		jsonReply(200, `{"id":1}`)(w, r)
	})
	defer close(release)
	gl := rec.client(t)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := gl.Projects.Get(cctx, 1)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	start := time.Now()
	_, err = gl.Projects.Get(ctx, 1, gitlab.WithTimeout(50*time.Millisecond))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Errorf("per-call timeout: %v after %v", err, time.Since(start))
	}
	slow := rec.client(t, gitlab.WithTimeout(50*time.Millisecond))
	if _, err := slow.Projects.Get(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("client timeout: %v", err)
	}
	var ge *gitlab.Error
	if !errors.As(err, &ge) || ge.StatusCode != 0 || !strings.Contains(err.Error(), "get GET ") {
		t.Errorf("transport error shape: %v", err)
	}
}

func TestPaginationFollowsLinksAndStops(t *testing.T) {
	var srvURL string
	rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("cursor") {
		case "":
			w.Header().Set("Link", `<`+srvURL+`/api/v4/projects?cursor=Zm9v&pagination=keyset&per_page=2>; rel="next"`)
			io.WriteString(w, `[{"id":1},{"id":2}]`)
		case "Zm9v":
			w.Header().Set("Link", `<`+srvURL+`/api/v4/projects?cursor=YmFy&pagination=keyset&per_page=2>; rel="next"`)
			io.WriteString(w, `[{"id":3},{"id":4}]`)
		default:
			io.WriteString(w, `[{"id":5}]`)
		}
	})
	srvURL = rec.URL
	gl := rec.client(t)
	var ids []string
	for p, err := range gl.Projects.All(ctx, gitlab.Params{"pagination": "keyset", "per_page": 2, "order_by": "id"}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID())
	}
	if strings.Join(ids, ",") != "1,2,3,4,5" {
		t.Errorf("ids = %v", ids)
	}
	reqs := rec.requests()
	// Follow-up requests use the link verbatim: no order_by re-sent.
	if len(reqs) != 3 || reqs[1].RawQuery != "cursor=Zm9v&pagination=keyset&per_page=2" {
		t.Errorf("follow-up requests: %+v", reqs)
	}
	n := 0
	for range gl.Projects.All(ctx, nil) {
		n++
		if n == 3 {
			break
		}
	}
	if got := len(rec.requests()) - 3; got != 2 {
		t.Errorf("breaking after 3 items made %d requests, want 2", got)
	}
	page, err := gl.Projects.List(ctx, nil)
	if err != nil || page.Total != -1 || page.TotalPages != -1 || page.NextURL == "" || len(page.Items) != 2 || !page.Items[0].FromList() {
		t.Errorf("page: %+v %v", page, err)
	}
	all, err := gitlab.Collect(gl.Projects.All(ctx, nil))
	if err != nil || len(all) != 5 {
		t.Errorf("Collect: %d %v", len(all), err)
	}
}

func TestPaginationHeadersAndFallback(t *testing.T) {
	rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		page := r.URL.Query().Get("page")
		w.Header().Set("X-Per-Page", "2")
		w.Header().Set("X-Total", "3")
		w.Header().Set("X-Total-Pages", "2")
		if page == "" || page == "1" {
			w.Header().Set("X-Page", "1")
			w.Header().Set("X-Next-Page", "2")
			w.Header().Set("X-Prev-Page", "")
			io.WriteString(w, `[{"id":1},{"id":2}]`)
			return
		}
		w.Header().Set("X-Page", "2")
		w.Header().Set("X-Next-Page", "")
		w.Header().Set("X-Prev-Page", "1")
		io.WriteString(w, `[{"id":3}]`)
	})
	gl := rec.client(t)
	page, err := gl.Projects.List(ctx, gitlab.Params{"search": "x"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Page != 1 || page.PerPage != 2 || page.NextPage != 2 || page.PrevPage != 0 || page.Total != 3 || page.TotalPages != 2 {
		t.Errorf("page facts: %+v", page)
	}
	all, err := gitlab.Collect(gl.Projects.All(ctx, gitlab.Params{"search": "x"}))
	if err != nil || len(all) != 3 {
		t.Fatalf("X-Next-Page fallback: %d %v", len(all), err)
	}
	if q, _ := url.ParseQuery(rec.requests()[2].RawQuery); q.Get("page") != "2" || q.Get("search") != "x" {
		t.Errorf("fallback request kept the query? %v", q)
	}
}

func TestMissingPlaceholderSendsNothing(t *testing.T) {
	// A user object without its id (a partial answer) cannot reach its keys:
	// the path placeholder has no value, and no request goes to a wrong URL.
	rec := newCapture(t, jsonReply(200, `{"username":"x"}`))
	u, err := rec.client(t).Users.Get(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	_, err = u.Keys().List(ctx, nil)
	var pe *gitlab.PathError
	if !errors.As(err, &pe) || pe.Placeholder != "user_id" || pe.ParentAttr != "id" {
		t.Fatalf("err = %v", err)
	}
	if n := len(rec.requests()); n != 1 {
		t.Errorf("%d requests, want only the Get", n)
	}
}

func TestLowLevelHTTP(t *testing.T) {
	rec := newCapture(t, jsonReply(200, `{"ok":true}`))
	gl := rec.client(t)
	resp, err := gl.HTTPPost(ctx, "/projects/1/custom", map[string]any{"a": 1})
	if err != nil || !resp.JSON().Get("ok").Bool() {
		t.Fatal(resp, err)
	}
	if _, err := gl.HTTPGet(ctx, "/anything", gitlab.Params{"x": []string{"1", "2"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := gl.HTTPDelete(ctx, "/x"); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if reqs[0].Body != `{"a":1}` || reqs[1].RawQuery != "x%5B%5D=1&x%5B%5D=2" || reqs[2].Method != "DELETE" {
		t.Errorf("requests: %+v", reqs)
	}
}

func TestImageAttributeIsAMultipartUpload(t *testing.T) {
	var fields map[string]string
	var file, fileName string
	rec := newCapture(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			jsonReply(200, `{"id":7,"name":"with avatar","avatar_url":null}`)(w, r)
			return
		}
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			jsonReply(400, `{"error":"bad multipart body"}`)(w, r)
			return
		}
		fields = map[string]string{}
		for k, v := range r.MultipartForm.Value {
			fields[k] = v[0]
		}
		f, hdr, err := r.FormFile("avatar")
		if err == nil {
			b, _ := io.ReadAll(f)
			file, fileName = string(b), hdr.Filename
		}
		jsonReply(201, `{"id":7,"name":"with avatar"}`)(w, r)
	})
	gl := rec.client(t)
	p, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "with avatar", "avatar": []byte("\x89PNG fake"), "topics": []string{"a", "b"}, "public_builds": true})
	if err != nil || p.ID() != "7" {
		t.Fatal(p, err)
	}
	ct := rec.requests()[0].Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "multipart/form-data; boundary=") || file != "\x89PNG fake" || fileName != "avatar.png" {
		t.Errorf("upload: content type %q, file %q named %q", ct, file, fileName)
	}
	if fields["name"] != "with avatar" || fields["public_builds"] != "true" || fields["topics"] != "a,b" {
		t.Errorf("form fields: %v", fields)
	}
	// An empty string stays in a JSON body: that is how GitLab removes an avatar.
	_ = p.Set("avatar", "")
	if err := p.Save(ctx); err != nil {
		t.Fatal(err)
	}
	last := rec.requests()[1]
	if last.Header.Get("Content-Type") != "application/json" || last.Body != `{"avatar":""}` {
		t.Errorf("avatar removal: %s %s", last.Header.Get("Content-Type"), last.Body)
	}
}

func TestExclusiveAttributesCheckedBeforeSending(t *testing.T) {
	rec := newCapture(t, jsonReply(201, `{"id":1}`))
	gl := rec.client(t)
	if err := gl.Register(&gitlab.Spec{Name: "deploy_target", Path: "/deploy_targets", Ops: gitlab.OpCreate,
		CreateAttrs: gitlab.RequiredOptional{Required: []string{"name"}, Exclusive: []string{"url", "host"}}}); err != nil {
		t.Fatal(err)
	}
	m := gl.Manager("deploy_target")
	for _, bad := range []gitlab.Attrs{{"name": "x"}, {"name": "x", "url": "u", "host": "h"}} {
		var ae *gitlab.AttrError
		if _, err := m.Create(ctx, bad); !errors.As(err, &ae) || len(ae.Exclusive) != 2 {
			t.Errorf("%v: %v", bad, err)
		}
	}
	if len(rec.requests()) != 0 {
		t.Fatal("a request was sent")
	}
	if _, err := m.Create(ctx, gitlab.Attrs{"name": "x", "host": "h"}); err != nil || len(rec.requests()) != 1 {
		t.Errorf("one exclusive attribute: %v", err)
	}
}
