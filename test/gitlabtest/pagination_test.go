package gitlabtest_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// links parses a Link header into rel -> URL.
func links(t testing.TB, h string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if h == "" {
		return out
	}
	for _, part := range strings.Split(h, ", ") {
		u, rel, ok := strings.Cut(part, ">; rel=\"")
		if !ok || !strings.HasPrefix(u, "<") || !strings.HasSuffix(rel, "\"") {
			t.Fatalf("malformed Link entry %q", part)
		}
		out[strings.TrimSuffix(rel, "\"")] = strings.TrimPrefix(u, "<")
	}
	return out
}

func bulk(t testing.TB, n int, opts ...gitlabtest.Option) *gitlabtest.Server {
	s := gitlabtest.NewServer(t, opts...)
	s.AddProjectsFromJSON(fixture(t), n)
	return s
}

func TestOffsetPaginationHeadersAndLinks(t *testing.T) {
	s := bulk(t, 45, gitlabtest.WithExternalURL("https://gitlab.example.com"))
	r := do(t, s, "GET", "/projects?per_page=20&page=2&simple=true&search=project", tok(admin)).expect(t, 200, "")
	h := r.header
	want := map[string]string{"X-Page": "2", "X-Per-Page": "20", "X-Next-Page": "3", "X-Prev-Page": "1",
		"X-Total": "45", "X-Total-Pages": "3"}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
	// Default order is created_at desc, i.e. id desc for this data.
	if got := ids(r.list(t)); got[0] != 25 || got[19] != 6 {
		t.Fatalf("page 2 ids = %v", got)
	}
	l := links(t, h.Get("Link"))
	for rel, page := range map[string]string{"prev": "1", "next": "3", "first": "1", "last": "3"} {
		u, err := url.Parse(l[rel])
		if err != nil || u.Scheme != "https" || u.Host != "gitlab.example.com" || u.Path != "/api/v4/projects" {
			t.Fatalf("%s link %q", rel, l[rel])
		}
		q := u.Query()
		if q.Get("page") != page || q.Get("per_page") != "20" || q.Get("simple") != "true" || q.Get("search") != "project" {
			t.Fatalf("%s link query %v", rel, q)
		}
	}

	// First page: empty X-Prev-Page, no prev link; last page: empty X-Next-Page.
	first := do(t, s, "GET", "/projects", tok(admin)).header
	if v, ok := first["X-Prev-Page"]; !ok || v[0] != "" {
		t.Fatalf("X-Prev-Page on page 1 = %v (present %v)", v, ok)
	}
	if _, ok := links(t, first.Get("Link"))["prev"]; ok {
		t.Fatal("prev link on page 1")
	}
	last := do(t, s, "GET", "/projects?page=3", tok(admin))
	if v, ok := last.header["X-Next-Page"]; !ok || v[0] != "" {
		t.Fatalf("X-Next-Page on last page = %v", v)
	}
	if len(last.list(t)) != 5 {
		t.Fatalf("last page has %d rows", len(last.list(t)))
	}
	if _, ok := links(t, last.header.Get("Link"))["next"]; ok {
		t.Fatal("next link on last page")
	}
	// Past the end: 200 [] with X-Page kept and no next page.
	past := do(t, s, "GET", "/projects?page=9", tok(admin)).expect(t, 200, "[]")
	if past.header.Get("X-Page") != "9" || past.header.Get("X-Next-Page") != "" || past.header.Get("X-Prev-Page") != "" ||
		past.header.Get("X-Total") != "45" {
		t.Fatalf("past-the-end headers %v", past.header)
	}
}

func TestLinkHostFollowsRequestHostByDefault(t *testing.T) {
	s := bulk(t, 3)
	r := do(t, s, "GET", "/projects?per_page=1", tok(admin))
	if next := links(t, r.header.Get("Link"))["next"]; !strings.HasPrefix(next, s.APIURL()+"/projects?") {
		t.Fatalf("next link %q does not use the request host %s", next, s.URL())
	}
}

func TestPerPageCapAndInvalidPage(t *testing.T) {
	s := bulk(t, 150)
	r := do(t, s, "GET", "/projects?per_page=500", tok(admin))
	if len(r.list(t)) != 100 || r.header.Get("X-Per-Page") != "100" || r.header.Get("X-Total-Pages") != "2" {
		t.Fatalf("per_page cap: %d rows, X-Per-Page %s", len(r.list(t)), r.header.Get("X-Per-Page"))
	}
	if len(do(t, s, "GET", "/projects", tok(admin)).list(t)) != 20 {
		t.Fatal("default per_page is not 20")
	}
	do(t, s, "GET", "/projects?page=abc", tok(admin)).expect(t, 400, `{"error":"page is invalid"}`)
}

func TestTotalsOmittedAboveLimit(t *testing.T) {
	s := bulk(t, 12, gitlabtest.WithTotalsLimit(10))
	r := do(t, s, "GET", "/projects?per_page=5", tok(admin))
	for _, k := range []string{"X-Total", "X-Total-Pages"} {
		if _, ok := r.header[k]; ok {
			t.Errorf("%s present above the limit", k)
		}
	}
	l := links(t, r.header.Get("Link"))
	if _, ok := l["last"]; ok {
		t.Error("rel=last present above the limit")
	}
	if l["next"] == "" || r.header.Get("X-Next-Page") != "2" {
		t.Error("next page missing above the limit")
	}
	small := do(t, s, "GET", "/projects?per_page=5&search=Project+1", tok(admin)) // 1, 10, 11, 12
	if small.header.Get("X-Total") != "4" {
		t.Fatalf("filtered total = %q", small.header.Get("X-Total"))
	}
}

func TestTotalsOmittedAbove10000Rows(t *testing.T) {
	s := bulk(t, 10001)
	r := do(t, s, "GET", "/projects?per_page=100", tok(admin))
	if _, ok := r.header["X-Total"]; ok {
		t.Fatal("X-Total sent for 10,001 rows")
	}
	if _, ok := links(t, r.header.Get("Link"))["last"]; ok {
		t.Fatal("rel=last sent for 10,001 rows")
	}
	exactly := do(t, s, "GET", "/projects?per_page=100&id_before=10001", tok(admin)) // 10,000 rows
	if exactly.header.Get("X-Total") != "10000" || exactly.header.Get("X-Total-Pages") != "100" {
		t.Fatalf("10,000 rows: X-Total %q", exactly.header.Get("X-Total"))
	}
}

func TestOffsetCap(t *testing.T) {
	s := bulk(t, 30, gitlabtest.WithMaxOffset(20))
	do(t, s, "GET", "/projects?per_page=10&page=2", tok(admin)).expect(t, 200, "")
	do(t, s, "GET", "/projects?per_page=10&page=3", tok(admin)).expect(t, 405,
		`{"error":"Offset pagination has a maximum allowed offset of 20 for requests that return objects of type Project. Remaining records can be retrieved using keyset pagination."}`)
	do(t, s, "GET", "/users?per_page=10&page=3", tok(admin)).expect(t, 405,
		`{"error":"Offset pagination has a maximum allowed offset of 20 for requests that return objects of type User. Remaining records can be retrieved using keyset pagination."}`)
	// Routes without keyset support have no cap.
	for i := 0; i < 3; i++ {
		do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "t")).expect(t, 201, "")
	}
	do(t, s, "GET", "/projects/1/issues?per_page=10&page=3", tok(admin)).expect(t, 200, "[]")
}

func TestKeysetProjects(t *testing.T) {
	s := bulk(t, 25, gitlabtest.WithExternalURL("https://gl.example"))
	var got []int
	next := "/projects?pagination=keyset&order_by=id&sort=asc&per_page=10&simple=true"
	pages := 0
	for next != "" {
		r := do(t, s, "GET", next, tok(admin)).expect(t, 200, "")
		for _, k := range []string{"X-Total", "X-Page", "X-Next-Page"} {
			if _, ok := r.header[k]; ok {
				t.Fatalf("keyset page has %s", k)
			}
		}
		l := r.list(t)
		got = append(got, ids(l)...)
		pages++
		link := links(t, r.header.Get("Link"))["next"]
		if len(l) == 0 {
			if link != "" {
				t.Fatal("Link on the empty end page")
			}
			break
		}
		if !strings.HasPrefix(link, "https://gl.example/api/v4/projects?") || !strings.Contains(link, "id_after=") {
			t.Fatalf("next link %q", link)
		}
		next = strings.TrimPrefix(link, "https://gl.example/api/v4")
	}
	if len(got) != 25 || got[0] != 1 || got[24] != 25 || pages != 4 {
		t.Fatalf("keyset asc walked %v in %d pages", got, pages)
	}
	desc := do(t, s, "GET", "/projects?pagination=keyset&order_by=id&sort=desc&per_page=3", tok(admin))
	if !equalInts(ids(desc.list(t)), []int{25, 24, 23}) || !strings.Contains(desc.header.Get("Link"), "id_before=23") {
		t.Fatalf("keyset desc: %v %s", ids(desc.list(t)), desc.header.Get("Link"))
	}
	// Unsupported orderings and resources answer 405.
	ks := `{"error":"Keyset pagination is not yet available for this type of request"}`
	do(t, s, "GET", "/projects?pagination=keyset&order_by=name", tok(admin)).expect(t, 405, ks)
	do(t, s, "GET", "/projects?pagination=keyset", tok(admin)).expect(t, 405, ks) // default order_by created_at
	do(t, s, "GET", "/projects/1/issues?pagination=keyset&order_by=created_at", tok(admin)).expect(t, 405, ks)
}

func TestKeysetUsers(t *testing.T) {
	s := gitlabtest.NewServer(t)
	for _, n := range []string{"dave", "carol", "bob", "alice"} {
		s.AddUser(gitlabtest.User{Username: n})
	}
	var names []string
	next := "/users?pagination=keyset&order_by=username&sort=asc&per_page=2"
	for next != "" {
		r := do(t, s, "GET", next, tok(admin)).expect(t, 200, "")
		for _, u := range r.list(t) {
			names = append(names, u["username"].(string))
		}
		link := links(t, r.header.Get("Link"))["next"]
		next = strings.TrimPrefix(link, s.APIURL())
	}
	if strings.Join(names, ",") != "alice,bob,carol,dave,root" {
		t.Fatalf("users by keyset = %v", names)
	}
	byID := do(t, s, "GET", "/users?pagination=keyset&per_page=2", tok(admin)).list(t)
	if !equalInts(ids(byID), []int{5, 4}) {
		t.Fatalf("users keyset default order = %v", ids(byID))
	}
}

func TestValidationErrors(t *testing.T) {
	s := bulk(t, 2)
	do(t, s, "GET", "/projects?sort=up", tok(admin)).expect(t, 400, `{"error":"sort does not have a valid value"}`)
	do(t, s, "GET", "/projects?order_by=size", tok(admin)).expect(t, 400, `{"error":"order_by does not have a valid value"}`)
	do(t, s, "GET", "/projects/1/issues?order_by=id", tok(admin)).expect(t, 400, `{"error":"order_by does not have a valid value"}`)
	do(t, s, "GET", "/projects/1/issues?sort=DESC", tok(admin)).expect(t, 400, `{"error":"sort does not have a valid value"}`)
	do(t, s, "GET", "/projects?owned=maybe", tok(admin)).expect(t, 400, `{"error":"owned is invalid"}`)
	// Unknown parameters are ignored.
	do(t, s, "GET", "/projects?frobnicate=1", tok(admin)).expect(t, 200, "")
	asc := ids(do(t, s, "GET", "/projects?order_by=id&sort=asc", tok(admin)).list(t))
	if !equalInts(asc, []int{1, 2}) {
		t.Fatalf("order_by=id sort=asc = %v", asc)
	}
}
