package gitlabtest

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Protected branches of projects and groups and protected tags
// (https://docs.gitlab.com/api/protected_branches/,
// https://docs.gitlab.com/api/group_protected_branches/,
// https://docs.gitlab.com/api/protected_tags/): a name or a wildcard
// pattern (release/*), who may push, merge and unprotect (an access level,
// users, groups), force push, code owner approval. A commit of the
// repository files API to a protected branch by a user none of the
// matching rules allows answers 403, as does a merge into it; tags
// matching a protected tag are created by the users it allows. The
// project's rules and those of its ancestor groups apply.

// protectedLevels are the access levels a protected ref takes
// (https://docs.gitlab.com/api/protected_branches/#valid-access-levels).
var protectedLevels = map[int]string{0: "No one", levelDeveloper: "Developers + Maintainers", levelMaintainer: "Maintainers", 60: "Admins"}

// refPattern matches a ref against a protected name, where * stands for
// any characters.
func refPattern(pattern, ref string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == ref
	}
	parts := strings.Split(pattern, "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(ref)
}

// accessEntry is one entry of push_access_levels and its kin.
func (c *call) accessEntry(m map[string]any) (map[string]any, *apiError) {
	c.s.st.ids["protected_access_levels"]++
	e := map[string]any{"id": c.s.st.ids["protected_access_levels"], "access_level": levelMaintainer,
		"access_level_description": protectedLevels[levelMaintainer], "user_id": nil, "group_id": nil, "deploy_key_id": nil}
	switch {
	case m["user_id"] != nil:
		u := c.s.findUser(anyString(m["user_id"]))
		if u == nil {
			return nil, notFound("User")
		}
		e["user_id"], e["access_level_description"] = u.id, u.str("name")
	case m["group_id"] != nil:
		g := c.s.st.groupByID[atoi(anyString(m["group_id"]))]
		if g == nil {
			return nil, notFound("Group")
		}
		e["group_id"], e["access_level_description"] = g.id, g.ns.name
	case m["deploy_key_id"] != nil:
		n, _ := intOf(m["deploy_key_id"])
		e["deploy_key_id"], e["access_level_description"] = n, "Deploy key"
	default:
		n, ok := intOf(m["access_level"])
		if !ok || protectedLevels[n] == "" {
			return nil, errErr(http.StatusBadRequest, "access_level does not have a valid value")
		}
		e["access_level"], e["access_level_description"] = n, protectedLevels[n]
	}
	return e, nil
}

// accessEntries builds a rule's entries for an action (push, merge,
// unprotect, create): the <action>_access_level (Maintainers by default)
// and the allowed_to_<action> list.
func (c *call) accessEntries(action string) ([]any, *apiError) {
	param := action + "_access_level"
	lvl := anyString(c.p[param])
	if lvl == "" {
		lvl = strconv.Itoa(levelMaintainer)
	}
	n, ok := intOf(lvl)
	if !ok || protectedLevels[n] == "" {
		return nil, errErr(http.StatusBadRequest, param+" does not have a valid value")
	}
	first, _ := c.accessEntry(map[string]any{"access_level": n})
	out := []any{first}
	more, e := c.allowedTo(action, nil)
	if e != nil {
		return nil, e
	}
	return append(out, more...), nil
}

// allowedTo applies allowed_to_<action> to entries: an element with id and
// _destroy removes that entry, one with id changes it, another adds one
// (https://docs.gitlab.com/api/protected_branches/#update-a-protected-branch).
func (c *call) allowedTo(action string, entries []any) ([]any, *apiError) {
	list, _ := c.p["allowed_to_"+action].([]any)
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, invalid("allowed_to_" + action)
		}
		id := anyString(m["id"])
		destroy, _ := m["_destroy"].(bool)
		if s, ok := m["_destroy"].(string); ok {
			destroy = s == "true" || s == "1"
		}
		idx := -1
		for i, old := range entries {
			if id != "" && anyString(old.(map[string]any)["id"]) == id {
				idx = i
			}
		}
		switch {
		case idx >= 0 && destroy:
			entries = append(entries[:idx:idx], entries[idx+1:]...)
		case id != "" && idx < 0:
			return nil, notFound("Access level")
		default:
			e, err := c.accessEntry(m)
			if err != nil {
				return nil, err
			}
			if idx >= 0 {
				e["id"] = entries[idx].(map[string]any)["id"]
				entries[idx] = e
			} else {
				entries = append(entries, e)
			}
		}
	}
	return entries, nil
}

// refAllowed: an entry allows u when it names u, a group u is a member
// of, or an access level u has (No one allows nobody, Admins
// administrators only).
func (s *Server) refAllowed(u *user, p *project, entries any) bool {
	list, _ := entries.([]any)
	for _, x := range list {
		e, _ := x.(map[string]any)
		lvl, _ := intOf(e["access_level"])
		switch {
		case u == nil:
		case e["user_id"] != nil:
			if anyString(e["user_id"]) == strconv.Itoa(u.id) {
				return true
			}
		case e["group_id"] != nil:
			if g := s.st.groupByID[atoi(anyString(e["group_id"]))]; g != nil && s.groupLevel(u, g) > 0 {
				return true
			}
		case e["deploy_key_id"] != nil, lvl == 0:
		case lvl == 60:
			if u.admin {
				return true
			}
		case u.admin || s.projectLevel(u, p) >= lvl:
			return true
		}
	}
	return false
}

// refRules are the protected branch (or tag) rules of a project that
// match ref: the project's and, for branches, its ancestor groups'.
func (s *Server) refRules(p *project, ref string, tags bool) []*item {
	var cols []*coll
	if tags {
		cols = append(cols, s.storeColl("project_protected_tag", strconv.Itoa(p.id)))
	} else {
		cols = append(cols, s.storeColl("project_protected_branch", strconv.Itoa(p.id)))
		if p.ns != nil {
			for g := p.ns.group; g != nil; g = g.parent {
				cols = append(cols, s.storeColl("group_protected_branch", strconv.Itoa(g.id)))
			}
		}
	}
	var out []*item
	for _, col := range cols {
		if col == nil {
			continue
		}
		for _, it := range col.items {
			if refPattern(it.key, ref) {
				out = append(out, it)
			}
		}
	}
	return out
}

// refAccess reports whether u may act (push_access_levels,
// merge_access_levels, create_access_levels) on ref: true when no rule
// protects it, else when one of the rules that match allows u.
func (s *Server) refAccess(u *user, p *project, ref, field string, tags bool) bool {
	rules := s.refRules(p, ref, tags)
	for _, r := range rules {
		if s.refAllowed(u, p, r.obj[field]) {
			return true
		}
	}
	return len(rules) == 0
}

// checkPush refuses a commit to a protected branch by a user its rules do
// not allow to push: 403 "You are not allowed to push into this branch"
// (https://docs.gitlab.com/user/project/repository/branches/protected/).
func (s *Server) checkPush(c *call, p *project, branch string) *apiError {
	if !s.refAccess(c.user, p, branch, "push_access_levels", false) {
		return msgErr(http.StatusForbidden, "403 Forbidden - You are not allowed to push into this branch")
	}
	return nil
}

// canMerge: merging into a protected branch needs its merge access.
func (s *Server) canMerge(u *user, p *project, target string) bool {
	return s.refAccess(u, p, target, "merge_access_levels", false)
}

// canManageRefs: Maintainers protect and unprotect refs.
func canManageRefs(c *call, sc *scope, _ *item) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	if c.callerLevel(sc) < levelMaintainer {
		return errForbidden
	}
	return nil
}

// protectedBranchHooks: https://docs.gitlab.com/api/protected_branches/
// (409 for a name protected already; PATCH changes allow_force_push,
// code_owner_approval_required and the allowed_to_* lists).
func protectedBranchHooks() *hooks {
	return &hooks{
		notFound: msgErr(http.StatusNotFound, "404 Not found"),
		canWrite: canManageRefs,
		create: func(c *call, _ *scope, obj map[string]any) *apiError {
			name := strings.TrimSpace(anyString(obj["name"]))
			if name == "" {
				return fieldErr("name", "can't be blank")
			}
			rule := map[string]any{"name": name, "inherited": false}
			for _, action := range []string{"push", "merge", "unprotect"} {
				entries, e := c.accessEntries(action)
				if e != nil {
					return e
				}
				rule[action+"_access_levels"] = entries
			}
			for _, k := range []string{"allow_force_push", "code_owner_approval_required"} {
				v, _, e := c.p.boolean(k)
				if e != nil {
					return e
				}
				rule[k] = v
			}
			c.s.st.ids["protected_branches"]++
			rule["id"] = c.s.st.ids["protected_branches"]
			keepPlaceholders(obj, rule)
			return nil
		},
		dup: func(key string) *apiError {
			return msgErr(http.StatusConflict, "Protected branch '"+key+"' already exists")
		},
		update: func(c *call, _ *scope, it *item, _ map[string]any) *apiError {
			for _, k := range []string{"allow_force_push", "code_owner_approval_required"} {
				if v, ok, e := c.p.boolean(k); e != nil {
					return e
				} else if ok {
					it.obj[k] = v
				}
			}
			for _, action := range []string{"push", "merge", "unprotect"} {
				old, _ := it.obj[action+"_access_levels"].([]any)
				entries, e := c.allowedTo(action, append([]any(nil), old...))
				if e != nil {
					return e
				}
				it.obj[action+"_access_levels"] = entries
			}
			return nil
		},
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) {
			search := lower(c.p.get("search"))
			var out []*item
			for _, it := range items {
				if strings.Contains(lower(it.key), search) {
					out = append(out, it)
				}
			}
			return out, nil
		},
	}
}

// keepPlaceholders replaces obj's fields by rule's, keeping the parent IDs
// and timestamps the store gave it.
func keepPlaceholders(obj, rule map[string]any) {
	kept := map[string]any{}
	for k, v := range obj {
		if strings.HasSuffix(k, "_id") || k == "created_at" || k == "updated_at" {
			kept[k] = v
		}
	}
	clear(obj)
	for k, v := range kept {
		obj[k] = v
	}
	for k, v := range rule {
		obj[k] = v
	}
}

// protectedTagHooks: https://docs.gitlab.com/api/protected_tags/ (409 for
// a name protected already).
func protectedTagHooks() *hooks {
	return &hooks{
		notFound: msgErr(http.StatusNotFound, "404 Not found"),
		canWrite: canManageRefs,
		create: func(c *call, _ *scope, obj map[string]any) *apiError {
			name := strings.TrimSpace(anyString(obj["name"]))
			if name == "" {
				return fieldErr("name", "can't be blank")
			}
			entries, e := c.accessEntries("create")
			if e != nil {
				return e
			}
			keepPlaceholders(obj, map[string]any{"name": name, "create_access_levels": entries})
			return nil
		},
		dup: func(key string) *apiError {
			return msgErr(http.StatusConflict, "Protected tag '"+key+"' already exists")
		},
	}
}
