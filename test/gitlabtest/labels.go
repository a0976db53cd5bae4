package gitlabtest

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Labels of projects and groups (https://docs.gitlab.com/api/labels/,
// https://docs.gitlab.com/api/group_labels/): addressed by name or numeric
// ID (one sequence for project and group labels, as GitLab's), a color
// code or CSS color name, a priority, per-user subscriptions, and the
// issue and merge request counts of the scope. A project sees the labels
// of its ancestor groups; promote turns a project label into a label of
// the project's group, keeping its ID.

// cssColors are the basic CSS color keywords, which GitLab accepts for a
// label's color.
var cssColors = map[string]string{
	"black": "#000000", "silver": "#C0C0C0", "gray": "#808080", "grey": "#808080", "white": "#FFFFFF",
	"maroon": "#800000", "red": "#FF0000", "purple": "#800080", "fuchsia": "#FF00FF", "green": "#008000",
	"lime": "#00FF00", "olive": "#808000", "yellow": "#FFFF00", "navy": "#000080", "blue": "#0000FF",
	"teal": "#008080", "aqua": "#00FFFF", "orange": "#FFA500", "pink": "#FFC0CB", "brown": "#A52A2A",
	"gold": "#FFD700", "indigo": "#4B0082", "violet": "#EE82EE", "cyan": "#00FFFF", "magenta": "#FF00FF",
}

// labelColor validates a color: #RGB, #RRGGBB or a CSS color name (given
// as its code); 400 "must be a valid color code" otherwise.
func labelColor(v string) (string, *apiError) {
	if hex, ok := cssColors[lower(strings.TrimSpace(v))]; ok {
		return hex, nil
	}
	if (len(v) == 4 || len(v) == 7) && v[0] == '#' {
		if _, err := strconv.ParseUint(v[1:], 16, 32); err == nil {
			return v, nil
		}
	}
	return "", fieldErr("color", "must be a valid color code")
}

// textColor is the contrasting text color GitLab gives a label.
func textColor(color string) string {
	hex := color[1:]
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	n, _ := strconv.ParseUint(hex, 16, 32)
	r, g, b := float64(n>>16&0xff), float64(n>>8&0xff), float64(n&0xff)
	if (0.299*r+0.587*g+0.114*b)/255 > 0.5 {
		return "#1F1E24"
	}
	return "#FFFFFF"
}

// labelState is a label's unrendered state: who subscribed.
type labelState struct{ subscribers map[int]bool }

func labelSubscribers(it *item) map[int]bool {
	if st, ok := it.ext.(*labelState); ok {
		return st.subscribers
	}
	return nil
}

func (s *Server) labelColl(group bool, id int) *coll {
	if group {
		return s.storeColl("group_label", strconv.Itoa(id))
	}
	return s.storeColl("project_label", strconv.Itoa(id))
}

// visibleLabels are the labels a project or group sees: its own, then
// those of its ancestor groups unless include_ancestor_groups is false.
func (c *call) visibleLabels(sc *scope, own []*item) []*item {
	out := append([]*item(nil), own...)
	if v, ok, _ := c.p.boolean("include_ancestor_groups"); ok && !v {
		return out
	}
	for g := ancestors(sc); g != nil; g = g.parent {
		if col := c.s.labelColl(true, g.id); col != nil {
			out = append(out, col.items...)
		}
	}
	return out
}

// labelCounts counts the open and closed issues and open merge requests
// of the scope's projects that carry the label.
func (s *Server) labelCounts(sc *scope, name string) (openIssues, closedIssues, openMRs int) {
	var projects []*project
	if sc.project != nil {
		projects = []*project{sc.project}
	} else if sc.group != nil {
		_, projects = s.hierarchy(sc.group)
	}
	for _, p := range projects {
		for _, col := range []*coll{p.issues, p.mrs} {
			if col == nil {
				continue
			}
			for _, it := range col.items {
				if !containsFold(strList(it.obj["labels"]), name) {
					continue
				}
				switch {
				case col == p.mrs && it.str("state") == "opened":
					openMRs++
				case col == p.issues && it.str("state") == "opened":
					openIssues++
				case col == p.issues && it.str("state") == "closed":
					closedIssues++
				}
			}
		}
	}
	return
}

// showLabel renders a label for the caller in the scope: subscribed, the
// counts, and whether it is the project's own.
func showLabel(c *call, sc *scope, it *item) *doc {
	obj := make(map[string]any, len(it.obj)+6)
	for k, v := range it.obj {
		obj[k] = v
	}
	obj["subscribed"] = c.user != nil && labelSubscribers(it)[c.user.id]
	obj["open_issues_count"], obj["closed_issues_count"], obj["open_merge_requests_count"] = c.s.labelCounts(sc, it.key)
	_, own := it.obj["project_id"]
	obj["is_project_label"] = own
	d := marshalDoc(obj)
	return &d
}

// findLabel finds a label by numeric ID among the scope's own labels, or,
// to read or subscribe (the POSTs that name a label), by ID or name among
// its ancestors' too: changes take the scope's own labels only.
func (c *call) findLabel(sc *scope, own *coll, key string) *item {
	var items []*item
	if own != nil {
		items = own.items
	}
	if !c.isWrite() || c.r.Method == http.MethodPost {
		items = c.visibleLabels(sc, items)
	}
	for _, it := range items {
		if it.key == key || anyString(it.obj["id"]) == key {
			return it
		}
	}
	return nil
}

// labelHooks: https://docs.gitlab.com/api/labels/ and
// https://docs.gitlab.com/api/group_labels/. Reporters manage labels.
func labelHooks(group bool) *hooks {
	own := func(c *call, sc *scope) *coll { return c.collFor(sc, false) }
	return &hooks{
		notFound: notFound("Label"),
		canWrite: func(c *call, sc *scope, _ *item) *apiError {
			if c.user == nil {
				return errUnauthorized
			}
			if c.callerLevel(sc) < levelReporter {
				return errForbidden
			}
			return nil
		},
		find: func(c *call, sc *scope, key string) *item { return c.findLabel(sc, own(c, sc), key) },
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			name := strings.TrimSpace(anyString(obj["name"]))
			if name == "" {
				return fieldErr("title", "can't be blank")
			}
			color, e := labelColor(anyString(obj["color"]))
			if e != nil {
				return e
			}
			prio, e := labelPriority(obj)
			if e != nil {
				return e
			}
			c.s.st.ids["labels"]++
			desc, _ := obj["description"].(string)
			for k, v := range map[string]any{
				"id": c.s.st.ids["labels"], "name": name, "color": color, "text_color": textColor(color),
				"description": nilIfEmpty(desc), "description_html": desc, "priority": prio,
			} {
				obj[k] = v
			}
			return nil
		},
		dup: func(string) *apiError { return msgErr(http.StatusConflict, "Label already exists") },
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			if !c.p.has("new_name") && !c.p.has("color") && !c.p.has("description") && !c.p.has("priority") {
				return atLeastOne("new_name", "color", "description", "priority")
			}
			if v, ok := fields["color"]; ok {
				color, e := labelColor(anyString(v))
				if e != nil {
					return e
				}
				it.obj["color"], it.obj["text_color"] = color, textColor(color)
			}
			if _, ok := fields["priority"]; ok {
				prio, e := labelPriority(fields)
				if e != nil {
					return e
				}
				it.obj["priority"] = prio
			}
			if v, ok := fields["description"]; ok {
				it.obj["description"], it.obj["description_html"] = nilIfEmpty(anyString(v)), anyString(v)
			}
			if v := strings.TrimSpace(anyString(fields["new_name"])); v != "" && v != it.key {
				col := c.collFor(sc, true)
				if col.byKey[v] != nil {
					return fieldErr("title", "has already been taken")
				}
				renameItem(col, it, v)
				it.obj["name"] = v
			}
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			items = c.visibleLabels(sc, items)
			if group {
				items = append(items, c.descendantLabels(sc.group)...)
			}
			search := lower(c.p.get("search"))
			var out []*item
			for _, it := range items {
				if search == "" || strings.Contains(lower(it.key), search) || strings.Contains(lower(it.str("description")), search) {
					out = append(out, it)
				}
			}
			sort.SliceStable(out, func(i, j int) bool { return lower(out[i].key) < lower(out[j].key) })
			return out, nil
		},
		show: showLabel,
	}
}

// descendantLabels are, with include_descendant_groups, the labels of a
// group's subgroups and, with only_group_labels=false, those of the
// projects of the group (and of its subgroups)
// (https://docs.gitlab.com/api/group_labels/#list-group-labels).
func (c *call) descendantLabels(g *group) []*item {
	sub, _, _ := c.p.boolean("include_descendant_groups")
	only, set, _ := c.p.boolean("only_group_labels")
	groups, projects := c.s.hierarchy(g)
	var out []*item
	for _, x := range groups[1:] {
		if col := c.s.labelColl(true, x.id); sub && col != nil {
			out = append(out, col.items...)
		}
	}
	for _, p := range projects {
		if col := c.s.labelColl(false, p.id); set && !only && col != nil && (sub || p.ns.group == g) {
			out = append(out, col.items...)
		}
	}
	return out
}

// labelPriority: a non-negative integer, or null (or empty) for none.
func labelPriority(fields map[string]any) (any, *apiError) {
	v, ok := fields["priority"]
	if !ok || v == nil || anyString(v) == "" {
		return nil, nil
	}
	n, ok := intOf(v)
	if !ok {
		return nil, invalid("priority")
	}
	if n < 0 {
		return nil, fieldErr("priority", "must be greater than or equal to 0")
	}
	return n, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// renameItem gives a stored object a new key (a label's new name), in
// place.
func renameItem(col *coll, it *item, key string) {
	delete(col.byKey, it.key)
	it.key = key
	col.byKey[key] = it
}

// subscribeLabel: POST .../labels/:label_id/subscribe or unsubscribe; 201
// with the label, 304 when nothing changes
// (https://docs.gitlab.com/api/labels/#subscribe-to-a-label).
func (s *Server) subscribeLabel(spec string, on bool) handler {
	return func(c *call) *apiError {
		k, sc, it, e := c.storeTarget(spec)
		if e != nil {
			return e
		}
		st, ok := it.ext.(*labelState)
		if !ok {
			st = &labelState{subscribers: map[int]bool{}}
			it.ext = st
		}
		if st.subscribers[c.user.id] == on {
			return c.notModified()
		}
		st.subscribers[c.user.id] = on
		return c.doc(http.StatusCreated, c.shown(k, sc, it))
	}
}

// promoteLabel: PUT /projects/:id/labels/:label_id/promote moves a project
// label to the project's group, keeping its ID; where the group has a
// label of that name already, the project label merges into it. 400
// "Failed to promote project label to group label" for a project outside
// a group (https://docs.gitlab.com/api/labels/#promote-a-project-label-to-a-group-label).
func (s *Server) promoteLabel(c *call) *apiError {
	_, sc, it, e := c.storeWrite("project_label")
	if e != nil {
		return e
	}
	g := ancestors(sc)
	if g == nil {
		return msgErr(http.StatusBadRequest, "Failed to promote project label to group label")
	}
	c.collFor(sc, false).remove(it.key)
	gk := storeKind("group_label")
	gsc := &scope{group: g, vals: []string{strconv.Itoa(g.id)}}
	gsc.key = collKey(gk, gsc.vals)
	col := c.collFor(gsc, true)
	if old := col.byKey[it.key]; old != nil {
		it = old
	} else {
		delete(it.obj, "project_id")
		it.obj["group_id"], it.obj["updated_at"] = g.id, s.nowTS()
		it.render()
		col.add(it)
	}
	return c.doc(http.StatusOK, c.shown(gk, gsc, it))
}

func (s *Server) registerLabelRoutes() {
	for _, x := range []struct{ root, spec string }{{"/projects/{id}", "project_label"}, {"/groups/{id}", "group_label"}} {
		s.handle("POST "+x.root+"/labels/{label_id}/subscribe", s.subscribeLabel(x.spec, true), needAuth)
		s.handle("POST "+x.root+"/labels/{label_id}/unsubscribe", s.subscribeLabel(x.spec, false), needAuth)
	}
	s.handle("PUT /projects/{id}/labels/{label_id}/promote", s.promoteLabel, needAuth)
}
