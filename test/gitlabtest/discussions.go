package gitlabtest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Notes and discussions of issues, merge requests, snippets, epics and
// commits (https://docs.gitlab.com/api/notes/,
// https://docs.gitlab.com/api/discussions/), and award emoji
// (https://docs.gitlab.com/api/emoji_reactions/).
//
// A thread kind is a noteable type and its three declarations: notes,
// discussions, and the notes of one discussion. A note is one stored
// object, in the noteable's notes and in its discussion's notes (the same
// item in both collections); a plain note is the one note of an
// individual discussion, a discussion starts with its first note and
// grows with the notes created in it. Merge request discussions are
// resolvable: resolving one (PUT .../discussions/:id with resolved)
// resolves its notes. Note IDs are one sequence, as GitLab's.

type thread struct {
	typ                       string // noteable_type
	notes, discussions, dnote string // spec names; notes is "" for commits
	resolvable                bool   // merge request discussions
}

var threads = map[string]*thread{
	"Issue": {typ: "Issue", notes: "project_issue_note", discussions: "project_issue_discussion", dnote: "project_issue_discussion_note"},
	"MergeRequest": {typ: "MergeRequest", notes: "project_merge_request_note", discussions: "project_merge_request_discussion",
		dnote: "project_merge_request_discussion_note", resolvable: true},
	"Snippet": {typ: "Snippet", notes: "project_snippet_note", discussions: "project_snippet_discussion", dnote: "project_snippet_discussion_note"},
	"Epic":    {typ: "Epic", notes: "group_epic_note", discussions: "group_epic_discussion", dnote: "group_epic_discussion_note"},
	"Commit":  {typ: "Commit", discussions: "project_commit_discussion", dnote: "project_commit_discussion_note"},
}

// noteState is a note's unrendered state.
type noteState struct {
	author *user
	disc   *item
}

// discState is a discussion's: its notes, oldest first, and its noteable.
type discState struct {
	notes     []*item
	noteable  map[string]any // noteable_id, noteable_iid, project_id
	noteables *item          // the noteable when the store holds it
}

func noteOf(it *item) *noteState {
	st, _ := it.ext.(*noteState)
	return st
}

func discOf(it *item) *discState {
	st, _ := it.ext.(*discState)
	return st
}

// vals are the noteable's placeholder values of a scope of the thread.
func (t *thread) vals(sc *scope) []string {
	return sc.vals[:len(storeKind(t.discussions).phs)]
}

func (t *thread) coll(c *call, spec string, vals []string, owner *item) *coll {
	key := collKey(storeKind(spec), vals)
	col := c.s.st.colls[key]
	if col == nil {
		col = newColl()
		col.owner = owner
		c.s.st.colls[key] = col
	}
	return col
}

// noteable is what a note says about its noteable: its ID, iid and
// project, from the scope (an issue, a merge request, a stored parent, or
// the discussion's).
func (t *thread) noteable(sc *scope) (map[string]any, *item) {
	var it *item
	switch {
	case sc.issue != nil:
		it = sc.issue
	case sc.mr != nil:
		it = sc.mr
	case sc.parent != nil:
		if ds := discOf(sc.parent); ds != nil {
			return ds.noteable, ds.noteables
		}
		it = sc.parent
	}
	n := map[string]any{"noteable_id": nil, "noteable_iid": nil, "project_id": nil}
	if it != nil {
		n["noteable_id"], n["noteable_iid"] = it.obj["id"], it.obj["iid"]
		if t.typ == "Commit" {
			n["noteable_id"], n["commit_id"] = nil, it.obj["id"]
		}
	}
	if sc.project != nil {
		n["project_id"] = sc.project.id
	}
	return n, it
}

// noteObj is a new note
// (https://docs.gitlab.com/api/notes/#create-new-issue-note).
func (c *call) noteObj(t *thread, noteable map[string]any, body, typ string, resolvable bool) map[string]any {
	c.s.st.ids["notes"]++
	now := c.s.nowTS()
	internal, _, _ := c.p.boolean("internal")
	obj := map[string]any{
		"id": c.s.st.ids["notes"], "type": nilIfEmpty(typ), "body": body, "attachment": nil,
		"author": c.user.basicJSON(), "created_at": now, "updated_at": now, "system": false,
		"noteable_type": t.typ, "resolvable": resolvable, "confidential": internal, "internal": internal,
		"imported": false, "imported_from": "none", "commands_changes": map[string]any{},
	}
	if v := c.p.get("created_at"); v != "" && c.user.admin {
		obj["created_at"] = v
	}
	if resolvable {
		obj["resolved"], obj["resolved_by"], obj["resolved_at"] = false, nil, nil
	}
	if pos, ok := c.p["position"]; ok && pos != nil {
		obj["type"], obj["position"] = "DiffNote", pos
	}
	for k, v := range noteable {
		obj[k] = v
	}
	return obj
}

// noteBody: a note's body may not be blank.
func noteBody(c *call) (string, *apiError) {
	body := c.p.get("body")
	if strings.TrimSpace(body) == "" {
		return "", fieldErr("note", "can't be blank")
	}
	return body, nil
}

// discussionID is a new discussion's ID: 40 hexadecimal digits.
func (c *call) discussionID() string {
	c.s.st.ids["discussions"]++
	sum := sha1.Sum([]byte("discussion\x00" + strconv.Itoa(c.s.st.ids["discussions"])))
	return hex.EncodeToString(sum[:])
}

// newDiscussion stores an empty discussion of the noteable.
func (c *call) newDiscussion(t *thread, vals []string, noteable map[string]any, owner *item, individual bool) *item {
	id := c.discussionID()
	d := &item{key: id, obj: map[string]any{"id": id, "individual_note": individual, "notes": []any{}},
		ext: &discState{noteable: noteable, noteables: owner}}
	d.render()
	t.coll(c, t.discussions, vals, owner).add(d)
	return d
}

// attach adds a stored note to a discussion (and to the noteable's notes
// and the discussion's notes, where it is not yet).
func (c *call) attach(t *thread, vals []string, note, disc *item, author *user) {
	note.ext = &noteState{author: author, disc: disc}
	ds := discOf(disc)
	ds.notes = append(ds.notes, note)
	if t.notes != "" {
		if col := t.coll(c, t.notes, vals, ds.noteables); col.byKey[note.key] == nil {
			col.add(note)
		}
	}
	if col := t.coll(c, t.dnote, append(slices.Clone(vals), disc.key), disc); col.byKey[note.key] == nil {
		col.add(note)
	}
	if len(ds.notes) > 1 {
		disc.obj["individual_note"] = false
	}
	renderDiscussion(disc)
}

// detach removes a deleted note from its discussion, and the discussion
// once empty.
func (c *call) detach(t *thread, vals []string, note *item) {
	ns := noteOf(note)
	if ns == nil || ns.disc == nil {
		return
	}
	disc := ns.disc
	ds := discOf(disc)
	ds.notes = slices.DeleteFunc(ds.notes, func(x *item) bool { return x == note })
	if col := c.s.st.colls[collKey(storeKind(t.dnote), append(slices.Clone(vals), disc.key))]; col != nil {
		col.remove(note.key)
	}
	if t.notes != "" {
		if col := c.s.st.colls[collKey(storeKind(t.notes), vals)]; col != nil {
			col.remove(note.key)
		}
	}
	if len(ds.notes) == 0 {
		if col := c.s.st.colls[collKey(storeKind(t.discussions), vals)]; col != nil {
			col.remove(disc.key)
		}
		c.s.dropUnder(disc)
		return
	}
	renderDiscussion(disc)
}

// renderDiscussion renders a discussion with its notes as they are; a
// resolvable discussion says, beyond GitLab's fields, whether it is
// resolved.
func renderDiscussion(disc *item) {
	ds := discOf(disc)
	notes := make([]any, len(ds.notes))
	resolvable, resolved := false, true
	for i, n := range ds.notes {
		notes[i] = n.obj
		if n.obj["resolvable"] == true {
			resolvable, resolved = true, resolved && n.obj["resolved"] == true
		}
	}
	disc.obj["notes"] = notes
	delete(disc.obj, "resolved")
	if resolvable {
		disc.obj["resolved"] = resolved
	}
	disc.render()
}

// settle runs after every write of a thread's collection (spec, at
// sc.key): notes the store stored (a plain note, a note created in a
// discussion, an AddObject) join their discussion (a new individual one
// for a plain note), discussions the store stored get their first note
// (the request's body), and the noteable's user_notes_count and
// blocking_discussions_resolved follow.
func (c *call) settle(t *thread, sc *scope, spec string) {
	vals := t.vals(sc)
	noteable, owner := t.noteable(sc)
	if col := c.s.st.colls[sc.key]; col != nil {
		for _, it := range slices.Clone(col.items) {
			switch {
			case spec == t.discussions && discOf(it) == nil:
				it.ext = &discState{noteable: noteable, noteables: owner}
				n := &item{obj: c.noteObj(t, noteable, c.p.get("body"), "DiscussionNote", t.resolvable)}
				n.key, n.id = anyString(n.obj["id"]), atoi(anyString(n.obj["id"]))
				n.render()
				c.attach(t, vals, n, it, c.user)
			case spec != t.discussions && noteOf(it) == nil:
				author, _ := it.ext.(*user)
				disc := sc.parent
				if spec == t.notes || disc == nil || discOf(disc) == nil {
					disc = c.newDiscussion(t, vals, noteable, owner, true)
				}
				c.attach(t, vals, it, disc, author)
			}
		}
	}
	if owner != nil && (sc.issue == owner || sc.mr == owner) {
		n := 0
		if col := c.s.st.colls[collKey(storeKind(t.notes), vals)]; col != nil {
			n = len(col.items)
		}
		owner.obj["user_notes_count"] = n
		if t.resolvable {
			owner.obj["blocking_discussions_resolved"] = c.s.allResolved(t, vals)
		}
		owner.render()
	}
}

// allResolved: every resolvable note of the noteable is resolved.
func (s *Server) allResolved(t *thread, vals []string) bool {
	col := s.st.colls[collKey(storeKind(t.discussions), vals)]
	if col == nil {
		return true
	}
	for _, d := range col.items {
		for _, n := range discOf(d).notes {
			if n.obj["resolvable"] == true && n.obj["resolved"] != true {
				return false
			}
		}
	}
	return true
}

// resolveNotes sets the resolved state of resolvable notes.
func (c *call) resolveNotes(notes []*item, on bool) {
	for _, n := range notes {
		if n.obj["resolvable"] != true {
			continue
		}
		n.obj["resolved"], n.obj["resolved_by"], n.obj["resolved_at"] = on, nil, nil
		if on {
			n.obj["resolved_by"], n.obj["resolved_at"] = c.user.basicJSON(), c.s.nowTS()
		}
		n.render()
	}
}

// canWriteNote: anyone who sees the noteable comments; the author edits
// (and administrators); the author or a Maintainer deletes.
func canWriteNote(c *call, sc *scope, it *item) *apiError {
	switch {
	case c.user == nil:
		return errUnauthorized
	case it == nil || c.user.admin:
		return nil
	}
	if ns := noteOf(it); ns != nil && ns.author == c.user {
		return nil
	}
	if c.r.Method == http.MethodDelete && c.callerLevel(sc) >= levelMaintainer {
		return nil
	}
	return errForbidden
}

// noteHooks are the hooks of a thread's notes (its noteable's notes, or a
// discussion's when inDisc): body required and not blank, internal notes,
// newest first (order_by created_at or updated_at, sort), a resolved flag
// on merge request discussion notes.
func noteHooks(typ string, inDisc bool) *hooks {
	t := threads[typ]
	spec := t.notes
	if inDisc {
		spec = t.dnote
	}
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: canWriteNote,
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			body, e := noteBody(c)
			if e != nil {
				return e
			}
			noteable, _ := t.noteable(sc)
			typ := ""
			if inDisc {
				typ = "DiscussionNote"
			}
			n := c.noteObj(t, noteable, body, typ, inDisc && t.resolvable)
			keepPlaceholders(obj, n)
			return nil
		},
		update: func(c *call, _ *scope, it *item, _ map[string]any) *apiError {
			defer func() {
				if ns := noteOf(it); ns != nil && ns.disc != nil {
					renderDiscussion(ns.disc)
				}
			}()
			if c.p.has("body") {
				body, e := noteBody(c)
				if e != nil {
					return e
				}
				it.obj["body"] = body
			}
			if v, ok, e := c.p.boolean("resolved"); e != nil {
				return e
			} else if ok {
				c.resolveNotes([]*item{it}, v)
			}
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
		delete: func(c *call, sc *scope, it *item) *apiError {
			c.detach(t, t.vals(sc), it)
			return nil
		},
		after: func(c *call, sc *scope) { c.settle(t, sc, spec) },
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) {
			if inDisc {
				return items, nil
			}
			order, dir, e := c.orderParams([]string{"created_at", "updated_at"}, "created_at", "desc")
			if e != nil {
				return nil, e
			}
			out := slices.Clone(items)
			slices.SortStableFunc(out, func(a, b *item) int {
				if x, y := a.str(order), b.str(order); x != y {
					return strings.Compare(x, y)
				}
				return a.id - b.id
			})
			if dir == "desc" {
				slices.Reverse(out)
			}
			return out, nil
		},
	}
}

// discussionHooks: a new discussion starts with a note of the body (a
// DiffNote with a position); merge request discussions are resolved or
// unresolved by the author of the merge request or a Developer
// (https://docs.gitlab.com/api/discussions/#resolve-a-merge-request-thread).
func discussionHooks(typ string) *hooks {
	t := threads[typ]
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: func(c *call, sc *scope, it *item) *apiError {
			switch {
			case c.user == nil:
				return errUnauthorized
			case it == nil || c.callerLevel(sc) >= levelDeveloper || sc.mr != nil && authorID(sc.mr) == c.user.id:
				return nil
			}
			return errForbidden
		},
		create: func(c *call, _ *scope, obj map[string]any) *apiError {
			if _, e := noteBody(c); e != nil {
				return e
			}
			keepPlaceholders(obj, map[string]any{"id": c.discussionID(), "individual_note": false, "notes": []any{}})
			return nil
		},
		update: func(c *call, _ *scope, it *item, _ map[string]any) *apiError {
			v, _, e := c.p.boolean("resolved")
			if e != nil {
				return e
			}
			if ds := discOf(it); ds != nil {
				c.resolveNotes(ds.notes, v)
				renderDiscussion(it)
			}
			return nil
		},
		after: func(c *call, sc *scope) { c.settle(t, sc, t.discussions) },
	}
}

// awardable is the object of an award emoji's scope, and its type.
func awardable(sc *scope, typ string) *item {
	switch {
	case typ == "Note":
		return sc.parent
	case sc.issue != nil && typ == "Issue":
		return sc.issue
	case sc.mr != nil && typ == "MergeRequest":
		return sc.mr
	}
	return sc.parent
}

// awardHooks: an award emoji on an issue, a merge request, a snippet, an
// epic or a note: one of each name per user ("404 Award Emoji Name has
// already been taken Not Found"), removed by whoever awarded it; thumbsup
// and thumbsdown count as the upvotes and downvotes of issues and merge
// requests (https://docs.gitlab.com/api/emoji_reactions/).
func awardHooks(typ string) *hooks {
	return &hooks{
		notFound: errNotFoundPlain,
		canWrite: func(c *call, _ *scope, it *item) *apiError {
			switch {
			case c.user == nil:
				return errUnauthorized
			case it == nil || c.user.admin || it.ext == c.user:
				return nil
			}
			return errForbidden
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			name := strings.Trim(anyString(obj["name"]), ":")
			if name == "" || strings.ContainsFunc(name, func(r rune) bool {
				return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '+')
			}) {
				return notFound("Award Emoji Name is not a valid emoji name")
			}
			if col := c.collFor(sc, false); col != nil {
				for _, a := range col.items {
					if a.ext == c.user && a.str("name") == name {
						return notFound("Award Emoji Name has already been taken")
					}
				}
			}
			var id, iid any
			if it := awardable(sc, typ); it != nil {
				id, iid = it.obj["id"], it.obj["iid"]
			}
			c.s.st.ids["award_emoji"]++
			keepPlaceholders(obj, map[string]any{"id": c.s.st.ids["award_emoji"], "name": name, "user": c.user.basicJSON(),
				"awardable_id": id, "awardable_type": typ, "awardable_iid": iid, "url": nil})
			return nil
		},
		after: func(c *call, sc *scope) {
			it := awardable(sc, typ)
			if it == nil || (typ != "Issue" && typ != "MergeRequest") {
				return
			}
			up, down := 0, 0
			if col := c.collFor(sc, false); col != nil {
				for _, a := range col.items {
					switch a.str("name") {
					case "thumbsup":
						up++
					case "thumbsdown":
						down++
					}
				}
			}
			it.obj["upvotes"], it.obj["downvotes"] = up, down
			it.render()
		},
	}
}
