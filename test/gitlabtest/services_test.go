package gitlabtest_test

import (
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// The deprecated /projects/:id/services/:slug is the integration at
// /projects/:id/integrations/:slug: read, updated and deleted there as at
// its own path (https://docs.gitlab.com/api/project_integrations/).
func TestDeprecatedServicesAreTheIntegrations(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	const svc, integ = "/projects/1/services/slack", "/projects/1/integrations/slack"
	do(t, s, "PUT", svc, tok(admin), form("webhook", "https://a")).expect(t, 404, `{"message":"404 Integration Not Found"}`)
	s.AddObject("/projects/1/integrations", map[string]any{"slug": "slack", "title": "Slack"})
	s.AddObject("/projects/1/integrations", map[string]any{"slug": "jira", "title": "Jira"})
	if got := do(t, s, "GET", svc, tok(admin)).expect(t, 200, "").obj(t); got["slug"] != "slack" {
		t.Fatalf("GET %s = %v, want slack (not the newest integration)", svc, got)
	}
	up := do(t, s, "PUT", svc, tok(admin), form("webhook", "https://b")).expect(t, 200, "").obj(t)
	if up["slug"] != "slack" || up["webhook"] != "https://b" || up["title"] != "Slack" {
		t.Fatalf("PUT %s = %v", svc, up)
	}
	if got := do(t, s, "GET", integ, tok(admin)).expect(t, 200, "").obj(t); got["webhook"] != "https://b" {
		t.Fatalf("the update did not reach %s: %v", integ, got)
	}
	if l := do(t, s, "GET", "/projects/1/integrations", tok(admin)).list(t); len(l) != 2 {
		t.Fatalf("%d integrations after the update, want 2: %v", len(l), l)
	}
	do(t, s, "PUT", svc, tok(gitlabtest.SeedBobToken), form("webhook", "https://c")).expect(t, 403, "")
	do(t, s, "DELETE", svc, tok(admin)).expect(t, 204, "")
	do(t, s, "GET", integ, tok(admin)).expect(t, 404, `{"message":"404 Integration Not Found"}`)
	do(t, s, "DELETE", svc, tok(admin)).expect(t, 404, `{"message":"404 Integration Not Found"}`)
}
