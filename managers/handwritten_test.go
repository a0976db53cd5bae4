package managers_test

import (
	"slices"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// SetApprovers (python-gitlab's approvals.set_approvers) creates the
// merge request's approval rule of that name, then updates the same rule
// on a second call: one rule, the last settings.
// https://docs.gitlab.com/api/merge_request_approvals/#update-a-merge-request-level-rule
func TestSetApprovers(t *testing.T) {
	_, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	project, err := gl.Projects.Get(ctx, "demo/website")
	if err != nil {
		t.Fatal(err)
	}
	mrs, err := gitlab.Collect(project.MergeRequests().All(ctx, nil))
	if err != nil || len(mrs) == 0 {
		t.Fatalf("the seed's merge requests: %d, %v", len(mrs), err)
	}
	mr := mrs[0]
	first, err := mr.Approvals().SetApprovers(ctx, "security", 2, gitlab.Attrs{"user_ids": []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	if first.GetString("name") != "security" || first.GetInt("approvals_required") != 2 {
		t.Fatalf("created rule: %s", first.Attributes())
	}
	second, err := mr.Approvals().SetApprovers(ctx, "security", 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID() != first.ID() || second.GetInt("approvals_required") != 1 {
		t.Fatalf("second call: rule %s %s, want rule %s updated to 1", second.ID(), second.Attributes(), first.ID())
	}
	rules, err := gitlab.Collect(mr.ApprovalRules().All(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rules {
		if r.GetString("name") == "security" {
			n++
			if r.GetInt("approvals_required") != 1 {
				t.Errorf("stored rule: %s", r.Attributes())
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rules named security, want 1", n)
	}
}

// Available (python-gitlab's integrations.available()) lists GitLab's
// integration slugs without a request, as a copy the caller may change.
func TestIntegrationsAvailable(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	project, err := gl.Projects.Get(ctx, "demo/website")
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	slugs := project.Integrations().Available()
	if srv.RequestCount() != 0 {
		t.Errorf("Available sent %d requests", srv.RequestCount())
	}
	for _, want := range []string{"slack", "jira", "mattermost", "microsoft-teams"} {
		if !slices.Contains(slugs, want) {
			t.Errorf("Available lacks %q: %v", want, slugs)
		}
	}
	slugs[0] = "changed"
	if project.Integrations().Available()[0] == "changed" || !slices.Equal(project.Services().Available(), project.Integrations().Available()) {
		t.Error("Available hands out its own list, or the deprecated Services disagrees")
	}
}
