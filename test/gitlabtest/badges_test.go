package gitlabtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/golab/gitlab"
)

func TestBadges(t *testing.T) {
	ctx := context.Background()
	s := collabServer(t)
	root := clientAs(t, s, admin)
	if _, err := root.Projects.Lazy(1).Members().Create(ctx, gitlab.Attrs{"username": "bob", "access_level": 40}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.Projects.Lazy(1).Members().Create(ctx, gitlab.Attrs{"username": "alice", "access_level": 30}); err != nil {
		t.Fatal(err)
	}
	if _, err := root.Projects.Lazy(1).Tags().Create(ctx, gitlab.Attrs{"tag_name": "v1.2", "ref": "main"}); err != nil {
		t.Fatal(err)
	}
	head, err := root.Projects.Lazy(1).Branches().Get(ctx, "main")
	if err != nil {
		t.Fatal(err)
	}
	sha := head.Lookup("commit.id").String()
	bob := clientAs(t, s, "bob").Projects.Lazy(1).Badges()

	link := "https://ci.example.com/%{project_path}/-/commits/%{default_branch}?sha=%{commit_sha}"
	b, err := bob.Create(ctx, gitlab.Attrs{"name": "Pipeline", "link_url": link, "image_url": "https://img.example.com/%{project_id}/%{latest_tag}.svg"})
	if err != nil {
		t.Fatal(err)
	}
	if b.GetString("kind") != "project" || b.GetString("link_url") != link ||
		b.GetString("rendered_link_url") != "https://ci.example.com/team/app/-/commits/main?sha="+sha ||
		b.GetString("rendered_image_url") != "https://img.example.com/1/v1.2.svg" {
		t.Fatalf("badge %s", b.Attributes())
	}
	_, err = bob.Create(ctx, gitlab.Attrs{"link_url": "javascript:alert(1)", "image_url": "https://x.example.com/b.svg"})
	wantStatus(t, err, 400, "link_url: must be a valid URL")
	_, err = clientAs(t, s, "alice").Projects.Lazy(1).Badges().Create(ctx, gitlab.Attrs{"link_url": link, "image_url": link})
	wantStatus(t, err, 403, "")

	// A group badge: the group's Owner adds it; the group renders it with
	// its first project; the project lists it too, with kind "group".
	gb, err := root.Groups.Lazy(2).Badges().Create(ctx, gitlab.Attrs{"name": "Group", "link_url": "https://g.example.com/%{group_name}/%{project_title}",
		"image_url": "https://g.example.com/i.svg"})
	if err != nil {
		t.Fatal(err)
	}
	if gb.GetString("kind") != "group" || gb.GetString("rendered_link_url") != "https://g.example.com/Team/app" {
		t.Fatalf("group badge %v", gb)
	}
	all, err := gitlab.Collect(bob.All(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].GetString("kind") != "project" || all[1].GetString("kind") != "group" ||
		all[1].GetString("rendered_link_url") != "https://g.example.com/Team/app" {
		t.Fatalf("project badges %v", all)
	}
	if named, _ := gitlab.Collect(bob.All(ctx, gitlab.Params{"name": "pipeline"})); len(named) != 0 {
		t.Fatalf("name filter is case-sensitive: %v", named)
	}
	if named, _ := gitlab.Collect(bob.All(ctx, gitlab.Params{"name": "Group"})); len(named) != 1 {
		t.Fatalf("name filter %v", named)
	}

	// Update re-renders; preview renders without storing.
	upd, err := bob.Update(ctx, b.ID(), gitlab.Attrs{"link_url": "https://ci.example.com/%{project_namespace}/%{project_name}"})
	if err != nil || upd.GetString("rendered_link_url") != "https://ci.example.com/team/app" || upd.GetString("name") != "Pipeline" {
		t.Fatalf("updated %v %v", upd, err)
	}
	resp, err := bob.Render(ctx, gitlab.Attrs{"link_url": "https://%{gitlab_server}/x", "image_url": "https://i.example.com/%{project_id}"})
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(strings.TrimPrefix(s.URL(), "http://"), "https://")
	if host, _, _ = strings.Cut(host, ":"); resp.JSON().Get("rendered_link_url").String() != "https://"+host+"/x" ||
		resp.JSON().Get("rendered_image_url").String() != "https://i.example.com/1" {
		t.Fatalf("render %s", resp.Body)
	}
	if err := bob.Delete(ctx, b.ID()); err != nil {
		t.Fatal(err)
	}
	if all, _ := gitlab.Collect(bob.All(ctx, nil)); len(all) != 1 {
		t.Fatalf("after delete %v", all)
	}
}
