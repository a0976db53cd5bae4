package gitlabtest_test

import (
	"net/http"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestRequestLogRedaction(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddProject(gitlabtest.Project{Name: "p", Visibility: "public"})
	s.AddToken("root", "oauth-secret", gitlabtest.OAuthToken)
	do(t, s, "GET", "/projects/root%2Fp?simple=true&private_token="+admin)
	do(t, s, "GET", "/user", hdr("Authorization", "Bearer oauth-secret"), hdr("Sudo", "root"), hdr("Cookie", "_gitlab_session=abc"))
	do(t, s, "POST", "/projects/root%2Fp/issues", hdr("JOB-TOKEN", "job-secret"), form("title", "t", "private_token", admin))
	do(t, s, "GET", "/version", tok(admin))

	l := s.Requests()
	if len(l) != 4 || s.RequestCount() != 4 {
		t.Fatalf("%d requests logged, count %d", len(l), s.RequestCount())
	}
	if l[0].Method != "GET" || l[0].Path != "/api/v4/projects/root%2Fp" || l[0].Query.Get("simple") != "true" ||
		l[0].Query.Get("private_token") != gitlabtest.Redacted || l[0].At.IsZero() {
		t.Fatalf("first request %+v", l[0])
	}
	h := l[1].Header
	if h.Get("Authorization") != "Bearer [REDACTED]" || h.Get("Cookie") != "[REDACTED]" || h.Get("Sudo") != "root" {
		t.Fatalf("second request headers %v", h)
	}
	if l[2].Header.Get("Job-Token") != "[REDACTED]" || string(l[2].Body) != "private_token=%5BREDACTED%5D&title=t" {
		t.Fatalf("third request %v %q", l[2].Header, l[2].Body)
	}
	if l[3].Header.Get("Private-Token") != "[REDACTED]" {
		t.Fatalf("fourth request headers %v", l[3].Header)
	}
	for _, r := range l {
		for k, v := range r.Header {
			for _, x := range v {
				if x == admin || x == "oauth-secret" || x == "job-secret" {
					t.Fatalf("secret left in header %s", k)
				}
			}
		}
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 || s.RequestCount() != 0 {
		t.Fatal("ResetRequests kept entries")
	}
	_, _ = http.Get(s.APIURL() + "/version")
	if s.RequestCount() != 1 {
		t.Fatalf("count after reset %d", s.RequestCount())
	}
}
