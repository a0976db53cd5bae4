package gitlabtest_test

import (
	"testing"
)

func notesOf(t *testing.T, d map[string]any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, n := range d["notes"].([]any) {
		out = append(out, n.(map[string]any))
	}
	return out
}

func TestIssueDiscussions(t *testing.T) {
	s := collabServer(t)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "10")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "i")).expect(t, 201, "")
	base := "/projects/1/issues/1"
	plain := do(t, s, "POST", base+"/notes", tok("bob"), form("body", "plain")).expect(t, 201, "").obj(t)
	d := do(t, s, "POST", base+"/discussions", tok(admin), form("body", "thread")).expect(t, 201, "").obj(t)
	first := notesOf(t, d)
	if len(d["id"].(string)) != 40 || d["individual_note"] != false || len(first) != 1 || first[0]["body"] != "thread" ||
		first[0]["type"] != "DiscussionNote" || first[0]["noteable_type"] != "Issue" || first[0]["author"].(map[string]any)["username"] != "root" {
		t.Fatalf("discussion %v", d)
	}
	did := d["id"].(string)
	reply := do(t, s, "POST", base+"/discussions/"+did+"/notes", tok("bob"), form("body", "reply")).expect(t, 201, "").obj(t)
	do(t, s, "POST", base+"/discussions/"+did+"/notes", tok("bob"), form("body", " ")).expect(t, 400, `{"message":{"note":["can't be blank"]}}`)

	// Every note is in the issue's notes (newest first) and in one discussion.
	notes := do(t, s, "GET", base+"/notes", tok(admin)).expect(t, 200, "").list(t)
	if len(notes) != 3 || notes[0]["body"] != "reply" || notes[2]["body"] != "plain" || notes[1]["id"] == notes[0]["id"] {
		t.Fatalf("notes %v", notes)
	}
	if asc := do(t, s, "GET", base+"/notes?sort=asc", tok(admin)).list(t); asc[0]["body"] != "plain" {
		t.Fatalf("notes ascending %v", asc)
	}
	ds := do(t, s, "GET", base+"/discussions", tok(admin)).expect(t, 200, "").list(t)
	if len(ds) != 2 || ds[0]["individual_note"] != true || notesOf(t, ds[0])[0]["id"] != plain["id"] || len(notesOf(t, ds[1])) != 2 {
		t.Fatalf("discussions %v", ds)
	}
	if l := do(t, s, "GET", base+"/discussions/"+did+"/notes", tok(admin)).list(t); len(l) != 2 || l[1]["id"] != reply["id"] {
		t.Fatalf("discussion notes %v", l)
	}
	if c := do(t, s, "GET", base, tok(admin)).obj(t)["user_notes_count"]; c != 3.0 {
		t.Fatalf("user_notes_count %v", c)
	}

	// An edit through the notes shows in the discussion; the author edits.
	rid := itoa(int(reply["id"].(float64)))
	do(t, s, "PUT", base+"/notes/"+rid, tok(admin), form("body", "hijack")).expect(t, 200, "") // an administrator may
	do(t, s, "PUT", base+"/discussions/"+did+"/notes/"+rid, tok("carol"), form("body", "x")).expect(t, 404, "")
	do(t, s, "PUT", base+"/notes/"+rid, tok("bob"), form("body", "edited")).expect(t, 200, "")
	got := do(t, s, "GET", base+"/discussions/"+did, tok(admin)).expect(t, 200, "").obj(t)
	if n := notesOf(t, got); n[1]["body"] != "edited" {
		t.Fatalf("discussion after edit %v", got)
	}
	// Deleting notes empties, then removes, the discussion.
	do(t, s, "DELETE", base+"/discussions/"+did+"/notes/"+rid, tok("bob")).expect(t, 204, "")
	if l := do(t, s, "GET", base+"/notes", tok(admin)).list(t); len(l) != 2 {
		t.Fatalf("notes after delete %v", l)
	}
	fid := itoa(int(first[0]["id"].(float64)))
	do(t, s, "DELETE", base+"/notes/"+fid, tok("bob")).expect(t, 403, "")
	do(t, s, "DELETE", base+"/notes/"+fid, tok(admin)).expect(t, 204, "")
	do(t, s, "GET", base+"/discussions/"+did, tok(admin)).expect(t, 404, `{"message":"404 Not found"}`)
	if l := do(t, s, "GET", base+"/discussions", tok(admin)).list(t); len(l) != 1 {
		t.Fatalf("discussions after delete %v", l)
	}
	if c := do(t, s, "GET", base, tok(admin)).obj(t)["user_notes_count"]; c != 1.0 {
		t.Fatalf("user_notes_count after delete %v", c)
	}
	// A reply to a plain note makes it a thread.
	pd := ds[0]["id"].(string)
	do(t, s, "POST", base+"/discussions/"+pd+"/notes", tok(admin), form("body", "answer")).expect(t, 201, "")
	if d := do(t, s, "GET", base+"/discussions/"+pd, tok(admin)).obj(t); d["individual_note"] != false || len(notesOf(t, d)) != 2 {
		t.Fatalf("replied discussion %v", d)
	}
}

func TestMergeRequestDiscussionsResolve(t *testing.T) {
	s := collabServer(t)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "30")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "carol", "access_level", "10")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/repository/branches", tok(admin), form("branch", "f", "ref", "main")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/merge_requests", tok("bob"), form("title", "t", "source_branch", "f", "target_branch", "main")).expect(t, 201, "")
	base := "/projects/1/merge_requests/1"
	do(t, s, "POST", base+"/notes", tok("carol"), form("body", "plain")).expect(t, 201, "")
	d := do(t, s, "POST", base+"/discussions", tok("carol"), jsonBody(map[string]any{
		"body": "fix this", "position": map[string]any{"position_type": "text", "new_path": "README.md", "new_line": 1},
	})).expect(t, 201, "").obj(t)
	n := notesOf(t, d)[0]
	if n["type"] != "DiffNote" || n["resolvable"] != true || n["resolved"] != false || d["resolved"] != false {
		t.Fatalf("MR discussion %v", d)
	}
	if mr := do(t, s, "GET", base, tok(admin)).obj(t); mr["blocking_discussions_resolved"] != false || mr["user_notes_count"] != 2.0 {
		t.Fatalf("MR with an open thread %v", mr)
	}
	did := d["id"].(string)
	do(t, s, "PUT", base+"/discussions/"+did, tok("carol"), form("resolved", "true")).expect(t, 403, "")
	do(t, s, "PUT", base+"/discussions/"+did, tok("bob"), form("resolved", "maybe")).expect(t, 400, `{"error":"resolved is invalid"}`)
	r := do(t, s, "PUT", base+"/discussions/"+did, tok("bob"), form("resolved", "true")).expect(t, 200, "").obj(t)
	rn := notesOf(t, r)[0]
	if r["resolved"] != true || rn["resolved"] != true || rn["resolved_by"].(map[string]any)["username"] != "bob" || rn["resolved_at"] == nil {
		t.Fatalf("resolved %v", r)
	}
	if mr := do(t, s, "GET", base, tok(admin)).obj(t); mr["blocking_discussions_resolved"] != true {
		t.Fatalf("MR with threads resolved %v", mr)
	}
	// A new note in the thread reopens nothing; unresolving does.
	do(t, s, "PUT", base+"/discussions/"+did, tok("bob"), form("resolved", "false")).expect(t, 200, "")
	if mr := do(t, s, "GET", base, tok(admin)).obj(t); mr["blocking_discussions_resolved"] != false {
		t.Fatalf("MR with the thread unresolved %v", mr)
	}
	// Plain notes are not resolvable.
	ds := do(t, s, "GET", base+"/discussions", tok(admin)).list(t)
	if notesOf(t, ds[0])[0]["resolvable"] != false || ds[0]["resolved"] != nil {
		t.Fatalf("plain note discussion %v", ds[0])
	}
}

func TestAwardEmoji(t *testing.T) {
	s := collabServer(t)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "10")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/issues", tok(admin), form("title", "i")).expect(t, 201, "")
	aw := "/projects/1/issues/1/award_emoji"
	a := do(t, s, "POST", aw, tok("bob"), form("name", "thumbsup")).expect(t, 201, "").obj(t)
	if a["name"] != "thumbsup" || a["awardable_type"] != "Issue" || a["awardable_id"] != 1.0 || a["user"].(map[string]any)["username"] != "bob" {
		t.Fatalf("award %v", a)
	}
	do(t, s, "POST", aw, tok("bob"), form("name", "thumbsup")).expect(t, 404, `{"message":"404 Award Emoji Name has already been taken Not Found"}`)
	do(t, s, "POST", aw, tok("bob"), form("name", "no way")).expect(t, 404, `{"message":"404 Award Emoji Name is not a valid emoji name Not Found"}`)
	do(t, s, "POST", aw, tok(admin), form("name", "thumbsup")).expect(t, 201, "")
	do(t, s, "POST", aw, tok(admin), form("name", "thumbsdown")).expect(t, 201, "")
	if i := do(t, s, "GET", "/projects/1/issues/1", tok(admin)).obj(t); i["upvotes"] != 2.0 || i["downvotes"] != 1.0 {
		t.Fatalf("votes %v", i)
	}
	id := itoa(int(a["id"].(float64)))
	do(t, s, "DELETE", aw+"/"+id, tok("carol")).expect(t, 404, "") // cannot see the private project
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "carol", "access_level", "10")).expect(t, 201, "")
	do(t, s, "DELETE", aw+"/"+id, tok("carol")).expect(t, 403, "")
	do(t, s, "DELETE", aw+"/"+id, tok("bob")).expect(t, 204, "")
	if i := do(t, s, "GET", "/projects/1/issues/1", tok(admin)).obj(t); i["upvotes"] != 1.0 {
		t.Fatalf("votes after removal %v", i)
	}
	// On a note.
	n := do(t, s, "POST", "/projects/1/issues/1/notes", tok(admin), form("body", "x")).obj(t)
	na := do(t, s, "POST", "/projects/1/issues/1/notes/"+itoa(int(n["id"].(float64)))+"/award_emoji", tok("bob"), form("name", "tada")).
		expect(t, 201, "").obj(t)
	if na["awardable_type"] != "Note" || na["awardable_id"] != n["id"] {
		t.Fatalf("note award %v", na)
	}
	if l := do(t, s, "GET", "/projects/1/issues/1/notes/"+itoa(int(n["id"].(float64)))+"/award_emoji", tok(admin)).list(t); len(l) != 1 {
		t.Fatalf("note awards %v", l)
	}
}
