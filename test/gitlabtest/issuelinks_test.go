package gitlabtest_test

import (
	"context"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func TestIssueLinks(t *testing.T) {
	ctx := context.Background()
	s := collabServer(t)
	other := s.AddProject(gitlabtest.Project{Name: "lib", Namespace: "team"})
	root := clientAs(t, s, admin)
	for _, p := range []int{1, other} {
		if _, err := root.Projects.Lazy(p).Members().Create(ctx, gitlab.Attrs{"username": "alice", "access_level": 10}); err != nil {
			t.Fatal(err)
		}
	}
	alice := clientAs(t, s, "alice")
	for _, p := range []int{1, 1, other} {
		if _, err := root.Projects.Lazy(p).Issues().Create(ctx, gitlab.Attrs{"title": "i"}); err != nil {
			t.Fatal(err)
		}
	}
	one := alice.Projects.Lazy(1).Issues().Lazy(1).Links()

	// A Guest links issue 1 to issue 2 (blocks) and to the other project's issue 1.
	l, err := one.Create(ctx, gitlab.Attrs{"target_project_id": 1, "target_issue_iid": 2, "link_type": "blocks"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Lookup("source_issue.iid").Int() != 1 || l.Lookup("target_issue.iid").Int() != 2 || l.GetString("link_type") != "blocks" {
		t.Fatalf("link %s", l.Attributes())
	}
	if _, err := one.Create(ctx, gitlab.Attrs{"target_project_id": other, "target_issue_iid": 1}); err != nil {
		t.Fatal(err)
	}
	_, err = one.Create(ctx, gitlab.Attrs{"target_project_id": 1, "target_issue_iid": 2})
	wantStatus(t, err, 409, "Issue(s) already assigned")
	_, err = one.Create(ctx, gitlab.Attrs{"target_project_id": 1, "target_issue_iid": 9})
	wantStatus(t, err, 404, "404 Not found")
	_, err = one.Create(ctx, gitlab.Attrs{"target_project_id": 1, "target_issue_iid": 2, "link_type": "duplicates"})
	wantStatus(t, err, 400, "link_type does not have a valid value")
	_, err = clientAs(t, s, "carol").Projects.Lazy(1).Issues().Lazy(1).Links().Create(ctx, gitlab.Attrs{"target_project_id": 1, "target_issue_iid": 2})
	wantStatus(t, err, 404, "404 Project Not Found")

	// Issue 1 lists the linked issues with the link's fields; issue 2 sees
	// the same link, under the same ID, as is_blocked_by.
	mine, err := gitlab.Collect(one.All(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 2 || mine[0].GetInt("iid") != 2 || mine[0].GetString("link_type") != "blocks" || mine[1].GetInt("project_id") != other ||
		mine[0].GetString("title") != "i" || mine[0].GetString("link_created_at") == "" {
		t.Fatalf("issue 1 links %v", mine)
	}
	theirs, err := gitlab.Collect(alice.Projects.Lazy(1).Issues().Lazy(2).Links().All(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(theirs) != 1 || theirs[0].GetInt("iid") != 1 || theirs[0].GetString("link_type") != "is_blocked_by" ||
		theirs[0].GetString("issue_link_id") != mine[0].GetString("issue_link_id") {
		t.Fatalf("issue 2 links %v", theirs)
	}
	id := mine[0].GetString("issue_link_id")
	do(t, s, "GET", "/projects/1/issues/2/links/"+id, tok("alice")).expect(t, 200, "")

	// Deleting from the other side removes the link from both issues and
	// answers it as it was made.
	resp, err := alice.HTTPDelete(ctx, "/projects/1/issues/2/links/"+id)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.JSON().Get("source_issue.iid").Int() != 1 || resp.JSON().Get("link_type").String() != "blocks" {
		t.Fatalf("delete answered %d %s", resp.StatusCode, resp.Body)
	}
	if mine, _ := gitlab.Collect(one.All(ctx, nil)); len(mine) != 1 || mine[0].GetInt("project_id") != other {
		t.Fatalf("after delete %v", mine)
	}
	do(t, s, "GET", "/projects/1/issues/1/links/"+id, tok("alice")).expect(t, 404, `{"message":"404 Not found"}`)
}
