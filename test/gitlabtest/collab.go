package gitlabtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The collaboration resources (members, labels, milestones, protected
// branches and tags, tags and releases, notes and discussions, award emoji,
// snippets and wikis) are built on the generic store: their hooks are in
// specHooks, their files are named after their area, and the hand routes
// their actions need are registered here.

func (s *Server) registerCollabRoutes() {
	s.registerMemberRoutes()
	s.registerLabelRoutes()
	s.registerMilestoneRoutes()
	s.registerReleaseRoutes()
	s.registerSnippetRoutes()
	s.registerWikiRoutes()
	s.registerBadgeRoutes()
	s.registerIssueLinkRoutes()
}

// storeKind is the generic store's kind of a built-in declaration. The
// kinds are built with the first server's routes, before any request (and
// read here from the variable, which keeps the natives, that use them, out
// of an initialization cycle).
func storeKind(name string) *kind { return builtin.kinds[name] }

// storePaths are the collection paths of the built-in declarations whose
// collections the hooks and the access checks read or write, which name
// them by path rather than by looking the kind up: the access checks
// serve the kinds' construction (natives) (TestStorePaths checks the
// paths against the declarations).
var storePaths = map[string]string{
	"project_member":     "/projects/{project_id}/members",
	"group_member":       "/groups/{group_id}/members",
	"project_invitation": "/projects/{project_id}/invitations",
	"group_invitation":   "/groups/{group_id}/invitations",
	"project_label":      "/projects/{project_id}/labels",
	"group_label":        "/groups/{group_id}/labels",
	"project_milestone":  "/projects/{project_id}/milestones",
	"group_milestone":    "/groups/{group_id}/milestones",

	"project_protected_branch": "/projects/{project_id}/protected_branches",
	"group_protected_branch":   "/groups/{group_id}/protected_branches",
	"project_protected_tag":    "/projects/{project_id}/protected_tags",
	"project_tag":              "/projects/{project_id}/repository/tags",
	"project_release":          "/projects/{project_id}/releases",
	"project_release_link":     "/projects/{project_id}/releases/{tag_name}/assets/links",
	"snippet":                  "/snippets",
	"project_wiki":             "/projects/{project_id}/wikis",
	"group_wiki":               "/groups/{group_id}/wikis",
	"group_badge":              "/groups/{group_id}/badges",
}

// storeColl is the stored collection of the built-in declaration name under
// the canonical placeholder values, or nil when nothing was ever stored.
func (s *Server) storeColl(name string, vals ...string) *coll {
	return s.st.colls[storeKey(name, vals...)]
}

func storeKey(name string, vals ...string) string {
	p := storePaths[name]
	if p == "" {
		panic("gitlabtest: no store path for " + name)
	}
	return p + "|" + strings.Join(vals, "|")
}

// storeScope resolves, for a hand route, the collection of the built-in
// declaration name that the route's first arguments name, with the store's
// parents, visibility and 404s, and checks read access.
func (c *call) storeScope(name string) (*kind, *scope, *apiError) {
	k := storeKind(name)
	if len(c.args) < len(k.phs) {
		panic("gitlabtest: storeScope: the route lacks placeholders of " + name)
	}
	sc, e := c.resolve(k, c.args[:len(k.phs)])
	if e != nil {
		return nil, nil, e
	}
	if e := c.canRead(k, sc); e != nil {
		return nil, nil, e
	}
	return k, sc, nil
}

// storeTarget is storeScope, then the object the next argument names.
func (c *call) storeTarget(name string) (*kind, *scope, *item, *apiError) {
	k, sc, e := c.storeScope(name)
	if e != nil {
		return nil, nil, nil, e
	}
	it := c.lookup(k, sc, c.collFor(sc, false), k.idAttr, c.args[len(k.phs)])
	if it == nil {
		return nil, nil, nil, k.notFound
	}
	return k, sc, it, nil
}

// storeWrite is storeTarget for a change: the kind's write check too.
func (c *call) storeWrite(name string) (*kind, *scope, *item, *apiError) {
	k, sc, it, e := c.storeTarget(name)
	if e != nil {
		return nil, nil, nil, e
	}
	if e := c.canWrite(k, sc, it); e != nil {
		return nil, nil, nil, e
	}
	return k, sc, it, nil
}

// intOf reads a number given as JSON, form text or Go int.
func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case float64:
		return int(x), true
	case json.Number:
		n, err := strconv.Atoi(x.String())
		return n, err == nil
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

// dateParam reads a date-only parameter (YYYY-MM-DD; a time is truncated
// to its day, gitlab#27081): nil when absent or empty, Grape's 400 when not
// a date.
func dateParam(p params, name string) (any, *apiError) {
	v, ok := p.str(name)
	if !ok || v == "" {
		return nil, nil
	}
	for _, layout := range []string{dateLayout, time.RFC3339, "2006-01-02T15:04:05.000Z"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC().Format(dateLayout), nil
		}
	}
	return nil, invalid(name)
}

// userFields is the basic user entity, as the fields of an object that is
// about a user (a member, an access request).
func userFields(u *user) map[string]any {
	obj := make(map[string]any, len(basicUserFields)+8)
	for _, k := range basicUserFields {
		obj[k] = u.obj[k]
	}
	return obj
}

// transient is an object built for one answer (a member inherited from a
// group, a group label seen from a project), never stored.
func transient(key string, obj map[string]any) *item {
	it := &item{key: key, obj: obj}
	if n, err := strconv.Atoi(key); err == nil {
		it.id = n
	}
	it.render()
	return it
}

// created answers 201 with an object.
func (c *call) created(obj any) *apiError { return c.value(http.StatusCreated, obj) }
