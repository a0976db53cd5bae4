package gitlabtest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

const admin = gitlabtest.DefaultAdminToken

// noRedirect keeps 301 answers visible to the tests.
var noRedirect = &http.Client{
	Timeout:       20 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

type result struct {
	status int
	proto  string
	header http.Header
	body   []byte
}

type mod func(*http.Request)

// tok sends a private token.
func tok(v string) mod { return func(r *http.Request) { r.Header.Set("PRIVATE-TOKEN", v) } }

func hdr(k, v string) mod { return func(r *http.Request) { r.Header.Set(k, v) } }

func form(kv ...string) mod {
	return func(r *http.Request) {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		setBody(r, "application/x-www-form-urlencoded", []byte(v.Encode()))
	}
}

func jsonBody(v any) mod {
	return func(r *http.Request) {
		b, _ := json.Marshal(v)
		setBody(r, "application/json", b)
	}
}

func multipartBody(kv ...string) mod {
	return func(r *http.Request) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for i := 0; i+1 < len(kv); i += 2 {
			_ = w.WriteField(kv[i], kv[i+1])
		}
		_ = w.Close()
		setBody(r, w.FormDataContentType(), buf.Bytes())
	}
}

func setBody(r *http.Request, ctype string, b []byte) {
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.ContentLength = int64(len(b))
	r.Header.Set("Content-Type", ctype)
}

// do sends a request to path (relative to the API URL, or absolute).
func do(t testing.TB, s *gitlabtest.Server, method, path string, mods ...mod) *result {
	t.Helper()
	u := path
	if !strings.HasPrefix(path, "http") {
		u = s.APIURL() + path
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mods {
		m(req)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return &result{status: resp.StatusCode, proto: resp.Status, header: resp.Header, body: body}
}

func (r *result) obj(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("not a JSON object (%d): %s", r.status, r.body)
	}
	return m
}

func (r *result) list(t testing.TB) []map[string]any {
	t.Helper()
	var l []map[string]any
	if err := json.Unmarshal(r.body, &l); err != nil {
		t.Fatalf("not a JSON array (%d): %s", r.status, r.body)
	}
	return l
}

// expect checks the status and, when want is not empty, the exact body.
func (r *result) expect(t testing.TB, status int, want string) *result {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if want != "" && string(r.body) != want {
		t.Fatalf("body = %s, want %s", r.body, want)
	}
	return r
}

func ids(l []map[string]any) []int {
	out := make([]int, len(l))
	for i, m := range l {
		out[i] = int(m["id"].(float64))
	}
	return out
}

func fixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/project.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func itoa(n int) string { return strconv.Itoa(n) }

func mustTime(t testing.TB, v string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}
