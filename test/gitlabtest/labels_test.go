package gitlabtest_test

import (
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestLabels(t *testing.T) {
	s := collabServer(t)
	do(t, s, "POST", "/projects/1/labels", tok(admin), form("name", "bug", "color", "#zzzzzz")).
		expect(t, 400, `{"message":{"color":["must be a valid color code"]}}`)
	bug := do(t, s, "POST", "/projects/1/labels", tok(admin), form("name", "bug", "color", "#d9534f", "priority", "2", "description", "Broken")).
		expect(t, 201, "").obj(t)
	if bug["color"] != "#d9534f" || bug["text_color"] != "#FFFFFF" || bug["priority"] != 2.0 || bug["is_project_label"] != true ||
		bug["subscribed"] != false || bug["open_issues_count"] != 0.0 {
		t.Fatalf("label %v", bug)
	}
	do(t, s, "POST", "/projects/1/labels", tok(admin), form("name", "bug", "color", "red")).expect(t, 409, `{"message":"Label already exists"}`)
	named := do(t, s, "POST", "/projects/1/labels", tok(admin), form("name", "docs", "color", "yellow")).expect(t, 201, "").obj(t)
	if named["color"] != "#FFFF00" || named["text_color"] != "#1F1E24" {
		t.Fatalf("named color %v", named)
	}
	do(t, s, "POST", "/groups/2/labels", tok(admin), form("name", "team", "color", "#428BCA")).expect(t, 201, "")

	// By name or ID; the group's labels are the project's too, by name.
	id := itoa(int(bug["id"].(float64)))
	if g := do(t, s, "GET", "/projects/1/labels/"+id, tok(admin)).expect(t, 200, "").obj(t); g["name"] != "bug" {
		t.Fatalf("by id %v", g)
	}
	l := do(t, s, "GET", "/projects/1/labels", tok(admin)).expect(t, 200, "").list(t)
	if len(l) != 3 || l[0]["name"] != "bug" || l[2]["name"] != "team" || l[2]["is_project_label"] != false {
		t.Fatalf("labels %v", l)
	}
	if l := do(t, s, "GET", "/projects/1/labels?include_ancestor_groups=false", tok(admin)).list(t); len(l) != 2 {
		t.Fatalf("own labels %v", l)
	}
	do(t, s, "GET", "/projects/1/labels/team", tok(admin)).expect(t, 200, "")
	do(t, s, "DELETE", "/projects/1/labels/team", tok(admin)).expect(t, 404, `{"message":"404 Label Not Found"}`)

	// Counts follow the issues; subscriptions are the caller's.
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "i1", "labels", "bug,team")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "i2", "labels", "bug")).expect(t, 201, "")
	do(t, s, "PUT", "/projects/1/issues/2", tok(admin), form("state_event", "close")).expect(t, 200, "")
	g := do(t, s, "GET", "/projects/1/labels/bug", tok(admin)).obj(t)
	if g["open_issues_count"] != 1.0 || g["closed_issues_count"] != 1.0 {
		t.Fatalf("counts %v", g)
	}
	if sub := do(t, s, "POST", "/projects/1/labels/bug/subscribe", tok(admin)).expect(t, 201, "").obj(t); sub["subscribed"] != true {
		t.Fatalf("subscribe %v", sub)
	}
	do(t, s, "POST", "/projects/1/labels/bug/subscribe", tok(admin)).expect(t, 304, "")
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "20")).expect(t, 201, "")
	if g := do(t, s, "GET", "/projects/1/labels/bug", tok("bob")).obj(t); g["subscribed"] != false {
		t.Fatalf("bob sees %v", g)
	}
	if g := do(t, s, "GET", "/projects/1/labels/bug", tok(admin)).obj(t); g["subscribed"] != true {
		t.Fatalf("root sees %v", g)
	}
	do(t, s, "POST", "/projects/1/labels/bug/unsubscribe", tok(admin)).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/labels/bug/unsubscribe", tok(admin)).expect(t, 304, "")

	// Edit: at least one attribute; a new name moves the label.
	do(t, s, "PUT", "/projects/1/labels/bug", tok(admin)).
		expect(t, 400, `{"error":"new_name, color, description, priority are missing, at least one parameter must be provided"}`)
	do(t, s, "PUT", "/projects/1/labels/bug", tok(admin), form("new_name", "docs")).expect(t, 400, `{"message":{"title":["has already been taken"]}}`)
	r := do(t, s, "PUT", "/projects/1/labels/bug", tok("bob"), form("new_name", "defect", "priority", "")).expect(t, 200, "").obj(t)
	if r["name"] != "defect" || r["id"] != bug["id"] || r["priority"] != nil {
		t.Fatalf("renamed %v", r)
	}
	do(t, s, "GET", "/projects/1/labels/bug", tok(admin)).expect(t, 404, "")

	// Promote: the label becomes the group's, with its ID.
	p := do(t, s, "PUT", "/projects/1/labels/defect/promote", tok(admin)).expect(t, 200, "").obj(t)
	if p["id"] != bug["id"] || p["is_project_label"] != false {
		t.Fatalf("promoted %v", p)
	}
	if l := do(t, s, "GET", "/groups/2/labels", tok(admin)).list(t); len(l) != 2 || l[0]["name"] != "defect" {
		t.Fatalf("group labels %v", l)
	}
	if l := do(t, s, "GET", "/projects/1/labels?include_ancestor_groups=false", tok(admin)).list(t); len(l) != 1 {
		t.Fatalf("project labels after promotion %v", l)
	}
	other := s.AddProject(gitlabtest.Project{Name: "solo"})
	do(t, s, "POST", "/projects/"+itoa(other)+"/labels", tok(admin), form("name", "x", "color", "red")).expect(t, 201, "")
	do(t, s, "PUT", "/projects/"+itoa(other)+"/labels/x/promote", tok(admin)).
		expect(t, 400, `{"message":"Failed to promote project label to group label"}`)
	// Guests do not manage labels.
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "carol", "access_level", "10")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/labels", tok("carol"), form("name", "c", "color", "red")).expect(t, 403, "")
}

func TestMilestones(t *testing.T) {
	s := collabServer(t)
	m1 := do(t, s, "POST", "/projects/1/milestones", tok(admin), form("title", "v1", "start_date", "2024-05-01", "due_date", "2024-05-05")).
		expect(t, 201, "").obj(t)
	if m1["iid"] != 1.0 || m1["state"] != "active" || m1["expired"] != true || m1["project_id"] != 1.0 {
		t.Fatalf("milestone %v", m1)
	}
	do(t, s, "POST", "/projects/1/milestones", tok(admin), form("title", "v1")).
		expect(t, 400, `{"message":"Failed to create milestone {:title=>[\"has already been taken\"]}"}`)
	do(t, s, "POST", "/projects/1/milestones", tok(admin), form("title", "bad", "start_date", "2024-06-02", "due_date", "2024-06-01")).
		expect(t, 400, "")
	m2 := do(t, s, "POST", "/projects/1/milestones", tok(admin), form("title", "v2")).expect(t, 201, "").obj(t)
	g1 := do(t, s, "POST", "/groups/2/milestones", tok(admin), form("title", "Q3")).expect(t, 201, "").obj(t)
	if m2["iid"] != 2.0 || g1["iid"] != 1.0 || g1["id"] != 3.0 || g1["group_id"] != 2.0 {
		t.Fatalf("ids %v %v", m2, g1)
	}
	id1, id2 := itoa(int(m1["id"].(float64))), itoa(int(m2["id"].(float64)))

	// State events, filters.
	if c := do(t, s, "PUT", "/projects/1/milestones/"+id1, tok(admin), form("state_event", "close")).expect(t, 200, "").obj(t); c["state"] != "closed" {
		t.Fatalf("closed %v", c)
	}
	do(t, s, "PUT", "/projects/1/milestones/"+id1, tok(admin), form("state_event", "done")).expect(t, 400, `{"error":"state_event does not have a valid value"}`)
	if l := do(t, s, "GET", "/projects/1/milestones?state=active", tok(admin)).list(t); len(l) != 1 || l[0]["title"] != "v2" {
		t.Fatalf("active %v", l)
	}
	if l := do(t, s, "GET", "/projects/1/milestones?iids[]=1", tok(admin)).list(t); len(l) != 1 || l[0]["title"] != "v1" {
		t.Fatalf("iids %v", l)
	}
	if l := do(t, s, "GET", "/projects/1/milestones?include_ancestors=true", tok(admin)).list(t); len(l) != 3 {
		t.Fatalf("with the group's %v", l)
	}
	do(t, s, "PUT", "/projects/1/milestones/"+id1, tok(admin), form("state_event", "activate")).expect(t, 200, "")

	// Issues and merge requests take a milestone; the milestone lists them.
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "a", "milestone_id", id1)).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "b", "milestone_id", id2)).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "c")).expect(t, 201, "")
	i := do(t, s, "PUT", "/projects/1/issues/3", tok(admin), form("milestone_id", id1)).expect(t, 200, "").obj(t)
	if i["milestone"].(map[string]any)["title"] != "v1" {
		t.Fatalf("issue milestone %v", i["milestone"])
	}
	do(t, s, "POST", "/projects/1/repository/branches", tok(admin), form("branch", "f", "ref", "main")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/merge_requests", tok(admin), form("title", "mr", "source_branch", "f", "target_branch", "main", "milestone_id", id1)).expect(t, 201, "")
	if l := do(t, s, "GET", "/projects/1/milestones/"+id1+"/issues", tok(admin)).expect(t, 200, "").list(t); len(l) != 2 || l[0]["title"] != "a" || l[1]["title"] != "c" {
		t.Fatalf("milestone issues %v", l)
	}
	if l := do(t, s, "GET", "/projects/1/milestones/"+id1+"/merge_requests", tok(admin)).list(t); len(l) != 1 || l[0]["title"] != "mr" {
		t.Fatalf("milestone merge requests %v", l)
	}
	// A renamed milestone shows in its issues.
	do(t, s, "PUT", "/projects/1/milestones/"+id1, tok(admin), form("title", "v1.0")).expect(t, 200, "")
	if i := do(t, s, "GET", "/projects/1/issues/1", tok(admin)).obj(t); i["milestone"].(map[string]any)["title"] != "v1.0" {
		t.Fatalf("issue milestone after rename %v", i["milestone"])
	}
	// A group milestone serves the group's projects.
	do(t, s, "PUT", "/projects/1/issues/2", tok(admin), form("milestone_id", itoa(int(g1["id"].(float64))))).expect(t, 200, "")
	if l := do(t, s, "GET", "/groups/2/milestones/"+itoa(int(g1["id"].(float64)))+"/issues", tok(admin)).list(t); len(l) != 1 || l[0]["title"] != "b" {
		t.Fatalf("group milestone issues %v", l)
	}

	// Promote: the group gets the milestone, the issues follow.
	pm := do(t, s, "POST", "/projects/1/milestones/"+id1+"/promote", tok(admin)).expect(t, 200, "").obj(t)
	if pm["title"] != "v1.0" || pm["group_id"] != 2.0 {
		t.Fatalf("promoted %v", pm)
	}
	do(t, s, "GET", "/projects/1/milestones/"+id1, tok(admin)).expect(t, 404, "")
	pid := itoa(int(pm["id"].(float64)))
	if l := do(t, s, "GET", "/groups/2/milestones/"+pid+"/issues", tok(admin)).list(t); len(l) != 2 {
		t.Fatalf("promoted milestone issues %v", l)
	}
	solo := s.AddProject(gitlabtest.Project{Name: "solo"})
	sm := do(t, s, "POST", "/projects/"+itoa(solo)+"/milestones", tok(admin), form("title", "x")).obj(t)
	do(t, s, "POST", "/projects/"+itoa(solo)+"/milestones/"+itoa(int(sm["id"].(float64)))+"/promote", tok(admin)).
		expect(t, 400, `{"message":"Project does not belong to a group."}`)

	// Deleting a milestone takes it off its issues.
	do(t, s, "DELETE", "/groups/2/milestones/"+pid, tok(admin)).expect(t, 204, "")
	if i := do(t, s, "GET", "/projects/1/issues/1", tok(admin)).obj(t); i["milestone"] != nil {
		t.Fatalf("issue milestone after delete %v", i["milestone"])
	}
}
