package gitlabtest_test

import (
	"testing"
)

func TestProtectedBranches(t *testing.T) {
	s := collabServer(t)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "30")).expect(t, 201, "")
	n := 0
	commit := func(who, branch string) *result {
		n++
		return do(t, s, "POST", "/projects/1/repository/files/f"+itoa(n)+".txt", tok(who),
			form("branch", branch, "start_branch", "main", "content", "x", "commit_message", "m"))
	}
	commit("bob", "main").expect(t, 201, "")
	pb := do(t, s, "POST", "/projects/1/protected_branches", tok(admin), form("name", "main", "merge_access_level", "30")).
		expect(t, 201, "").obj(t)
	push := pb["push_access_levels"].([]any)[0].(map[string]any)
	merge := pb["merge_access_levels"].([]any)[0].(map[string]any)
	if push["access_level"] != 40.0 || push["access_level_description"] != "Maintainers" || merge["access_level"] != 30.0 ||
		pb["allow_force_push"] != false {
		t.Fatalf("protected branch %v", pb)
	}
	do(t, s, "POST", "/projects/1/protected_branches", tok(admin), form("name", "main")).
		expect(t, 409, `{"message":"Protected branch 'main' already exists"}`)
	do(t, s, "POST", "/projects/1/protected_branches", tok(admin), form("name", "x", "push_access_level", "20")).
		expect(t, 400, `{"error":"push_access_level does not have a valid value"}`)
	do(t, s, "POST", "/projects/1/protected_branches", tok("bob"), form("name", "x")).expect(t, 403, "")

	// A Developer may not push to main any more; a Maintainer may.
	commit("bob", "main").expect(t, 403, `{"message":"403 Forbidden - You are not allowed to push into this branch"}`)
	commit(admin, "main").expect(t, 201, "")
	// Wildcards: release/* protects release/1.0 from everyone ("No one").
	do(t, s, "POST", "/projects/1/protected_branches", tok(admin), jsonBody(map[string]any{"name": "release/*", "push_access_level": 0})).
		expect(t, 201, "")
	do(t, s, "GET", "/projects/1/protected_branches/release%2F%2A", tok(admin)).expect(t, 200, "")
	commit(admin, "release/1.0").expect(t, 403, "")
	commit("bob", "feature").expect(t, 201, "")

	// Users and groups may be allowed by PATCH.
	do(t, s, "PATCH", "/projects/1/protected_branches/main", tok(admin),
		jsonBody(map[string]any{"allowed_to_push": []any{map[string]any{"user_id": 3}}, "allow_force_push": true})).expect(t, 200, "")
	commit("bob", "main").expect(t, 201, "")
	got := do(t, s, "GET", "/projects/1/protected_branches/main", tok(admin)).obj(t)
	levels := got["push_access_levels"].([]any)
	if len(levels) != 2 || got["allow_force_push"] != true || levels[1].(map[string]any)["user_id"] != 3.0 {
		t.Fatalf("patched %v", got)
	}
	id := levels[1].(map[string]any)["id"]
	do(t, s, "PATCH", "/projects/1/protected_branches/main", tok(admin),
		jsonBody(map[string]any{"allowed_to_push": []any{map[string]any{"id": id, "_destroy": true}}})).expect(t, 200, "")
	commit("bob", "main").expect(t, 403, "")

	// Merging into a protected branch needs its merge access: Developers here.
	do(t, s, "POST", "/projects/1/merge_requests", tok("bob"), form("source_branch", "feature", "target_branch", "main", "title", "f")).
		expect(t, 201, "")
	do(t, s, "PATCH", "/projects/1/protected_branches/main", tok(admin),
		jsonBody(map[string]any{"allowed_to_merge": []any{map[string]any{"id": merge["id"], "_destroy": true}}})).expect(t, 200, "")
	do(t, s, "PUT", "/projects/1/merge_requests/1/merge", tok("bob")).expect(t, 401, "")
	do(t, s, "PUT", "/projects/1/merge_requests/1/merge", tok(admin)).expect(t, 401, "") // No one may merge now
	do(t, s, "DELETE", "/projects/1/protected_branches/main", tok(admin)).expect(t, 204, "")
	do(t, s, "PUT", "/projects/1/merge_requests/1/merge", tok("bob")).expect(t, 200, "")

	// A group's rules protect its projects' branches.
	do(t, s, "POST", "/groups/2/protected_branches", tok(admin), form("name", "stable")).expect(t, 201, "")
	commit("bob", "stable").expect(t, 403, "")
	if l := do(t, s, "GET", "/projects/1/protected_branches?search=rel", tok(admin)).list(t); len(l) != 1 || l[0]["name"] != "release/*" {
		t.Fatalf("search %v", l)
	}
}

func TestTagsAndReleases(t *testing.T) {
	s := collabServer(t)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "30")).expect(t, 201, "")
	head := do(t, s, "GET", "/projects/1/repository/branches/main", tok(admin)).obj(t)["commit"].(map[string]any)["id"]
	light := do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "v1.0", "ref", "main")).expect(t, 201, "").obj(t)
	if light["target"] != head || light["message"] != nil || light["commit"].(map[string]any)["id"] != head || light["release"] != nil ||
		light["created_at"] != nil {
		t.Fatalf("lightweight tag %v", light)
	}
	ann := do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "v1.10", "ref", "v1.0", "message", "Ten")).
		expect(t, 201, "").obj(t)
	if ann["target"] == head || ann["message"] != "Ten" || ann["commit"].(map[string]any)["id"] != head || ann["created_at"] == nil {
		t.Fatalf("annotated tag %v", ann)
	}
	do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "v1.0", "ref", "main")).expect(t, 400, `{"message":"Tag v1.0 already exists"}`)
	do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "v2", "ref", "nope")).expect(t, 400, `{"message":"Target nope is invalid"}`)
	do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "bad name", "ref", "main")).expect(t, 400, `{"message":"Tag name invalid"}`)
	do(t, s, "POST", "/projects/1/repository/tags", tok(admin), form("tag_name", "v1.9", "ref", "main")).expect(t, 201, "")
	names := func(q string) []string {
		var out []string
		for _, m := range do(t, s, "GET", "/projects/1/repository/tags"+q, tok(admin)).expect(t, 200, "").list(t) {
			out = append(out, m["name"].(string))
		}
		return out
	}
	if got := names("?order_by=version&sort=asc"); len(got) != 3 || got[0] != "v1.0" || got[1] != "v1.9" || got[2] != "v1.10" {
		t.Fatalf("by version %v", got)
	}
	if got := names("?search=%5Ev1.1"); len(got) != 1 || got[0] != "v1.10" {
		t.Fatalf("search %v", got)
	}
	// Protected tags: only Maintainers create v* tags.
	do(t, s, "POST", "/projects/1/protected_tags", tok(admin), form("name", "v*")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/repository/tags", tok("bob"), form("tag_name", "v3", "ref", "main")).
		expect(t, 403, `{"message":"You are not allowed to create this tag as it is protected."}`)
	do(t, s, "POST", "/projects/1/repository/tags", tok("bob"), form("tag_name", "nightly", "ref", "main")).expect(t, 201, "")

	// A release on an existing tag, and one whose ref creates its tag.
	do(t, s, "POST", "/projects/1/releases", tok(admin), form("tag_name", "v4")).expect(t, 422, `{"message":"Ref is not specified"}`)
	do(t, s, "POST", "/projects/1/releases", tok(admin), form("tag_name", "v4", "ref", "nope")).expect(t, 422, `{"message":"Target nope is invalid"}`)
	do(t, s, "POST", "/projects/1/milestones", tok(admin), form("title", "M1")).expect(t, 201, "")
	r := do(t, s, "POST", "/projects/1/releases", tok(admin), jsonBody(map[string]any{
		"tag_name": "v1.0", "name": "One", "description": "First", "milestones": []string{"M1"},
		"assets": map[string]any{"links": []any{map[string]any{"name": "bin", "url": "https://example.com/bin", "direct_asset_path": "/bin/app"}}},
	})).expect(t, 201, "").obj(t)
	assets := r["assets"].(map[string]any)
	links := assets["links"].([]any)
	if r["tag_name"] != "v1.0" || r["name"] != "One" || r["commit"].(map[string]any)["id"] != head || assets["count"] != 5.0 ||
		len(links) != 1 || links[0].(map[string]any)["link_type"] != "other" || r["milestones"].([]any)[0].(map[string]any)["title"] != "M1" ||
		r["upcoming_release"] != false {
		t.Fatalf("release %v", r)
	}
	do(t, s, "POST", "/projects/1/releases", tok(admin), form("tag_name", "v1.0")).expect(t, 409, `{"message":"Release already exists"}`)
	do(t, s, "POST", "/projects/1/releases", tok(admin), form("tag_name", "v5", "ref", "main", "milestones[]", "M9")).
		expect(t, 400, `{"message":"Milestone(s) not found: M9"}`)
	r2 := do(t, s, "POST", "/projects/1/releases", tok(admin), form("tag_name", "v5", "ref", "main", "released_at", "2030-01-01T00:00:00Z")).
		expect(t, 201, "").obj(t)
	if r2["upcoming_release"] != true || r2["released_at"] != "2030-01-01T00:00:00.000Z" {
		t.Fatalf("upcoming release %v", r2)
	}
	if tag := do(t, s, "GET", "/projects/1/repository/tags/v5", tok(admin)).expect(t, 200, "").obj(t); tag["release"].(map[string]any)["tag_name"] != "v5" {
		t.Fatalf("release's tag %v", tag)
	}
	if l := do(t, s, "GET", "/projects/1/releases", tok(admin)).list(t); len(l) != 2 || l[0]["tag_name"] != "v5" {
		t.Fatalf("releases %v", l)
	}
	do(t, s, "POST", "/projects/1/releases", tok("carol"), form("tag_name", "v6", "ref", "main")).expect(t, 404, "")

	// Asset links: unique name and url; deletes answer what they deleted.
	lk := "/projects/1/releases/v1.0/assets/links"
	do(t, s, "POST", lk, tok(admin), form("name", "bin", "url", "https://example.com/other")).expect(t, 400, `{"message":{"name":["has already been taken"]}}`)
	do(t, s, "POST", lk, tok(admin), form("name", "doc", "url", "file:///etc/passwd")).expect(t, 400, "")
	l2 := do(t, s, "POST", lk, tok(admin), form("name", "doc", "url", "https://example.com/doc", "link_type", "runbook")).expect(t, 201, "").obj(t)
	id := itoa(int(l2["id"].(float64)))
	if u := do(t, s, "PUT", lk+"/"+id, tok(admin), form("name", "docs")).expect(t, 200, "").obj(t); u["name"] != "docs" || u["link_type"] != "runbook" {
		t.Fatalf("link %v", u)
	}
	if d := do(t, s, "DELETE", lk+"/"+id, tok(admin)).expect(t, 200, "").obj(t); d["name"] != "docs" {
		t.Fatalf("deleted link %v", d)
	}
	if d := do(t, s, "DELETE", "/projects/1/releases/v5", tok(admin)).expect(t, 200, "").obj(t); d["tag_name"] != "v5" {
		t.Fatalf("deleted release %v", d)
	}
	do(t, s, "GET", "/projects/1/releases/v5", tok(admin)).expect(t, 404, `{"message":"404 Release Not Found"}`)
	do(t, s, "GET", "/projects/1/repository/tags/v5", tok(admin)).expect(t, 200, "")
	// Deleting a tag deletes its release.
	do(t, s, "DELETE", "/projects/1/repository/tags/v1.0", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", "/projects/1/releases/v1.0", tok(admin)).expect(t, 404, "")
	do(t, s, "GET", "/projects/1/repository/tags/v1.0", tok(admin)).expect(t, 404, `{"message":"404 Tag Not Found"}`)
}
