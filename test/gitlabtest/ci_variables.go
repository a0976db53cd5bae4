package gitlabtest

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// CI/CD variables of projects (https://docs.gitlab.com/api/project_level_variables/),
// groups (https://docs.gitlab.com/api/group_level_variables/) and the
// instance (https://docs.gitlab.com/api/instance_level_ci_variables/). A
// project's or group's variables may share a key with different
// environment scopes; get, update and delete then take
// filter[environment_scope]. The store lists them; the routes below create,
// read, change and delete them, because the store keys objects by key
// alone.

// varKind is one of the three collections of variables.
type varKind struct {
	spec   string // its declaration
	scoped bool   // environment_scope applies
}

var (
	projectVars  = &varKind{spec: "project_variable", scoped: true}
	groupVars    = &varKind{spec: "group_variable", scoped: true}
	instanceVars = &varKind{spec: "variable"}
	varKey       = regexp.MustCompile(`^[a-zA-Z0-9_]{1,255}$`)
)

// varKey is the store key of a variable: its key, and its scope when the
// kind has scopes.
func (vk *varKind) itemKey(key, scope string) string {
	if !vk.scoped {
		return key
	}
	return key + "\x00" + scope
}

// access resolves the owner and checks that the caller may manage its
// variables: the project's or group's maintainers, or an administrator.
func (vk *varKind) access(c *call, sc *scope) *apiError {
	switch {
	case c.user == nil:
		return errUnauthorized
	case vk == projectVars && !c.s.canWriteProject(c.user, sc.project),
		vk == groupVars && !c.s.canWriteGroup(c.user, sc.group),
		vk == instanceVars && !c.user.admin:
		return errForbidden
	}
	return nil
}

// variableHooks give a collection of variables its access rule and 404.
func variableHooks(vk *varKind) *hooks {
	return &hooks{
		notFound: notFound("Variable"),
		canRead:  func(c *call, sc *scope) *apiError { return vk.access(c, sc) },
	}
}

func (s *Server) registerVariableRoutes() {
	for _, r := range []struct {
		vk   *varKind
		path string
	}{{projectVars, "/projects/{id}/variables"}, {groupVars, "/groups/{id}/variables"}, {instanceVars, "/admin/ci/variables"}} {
		vk := r.vk
		s.handle("POST "+r.path, func(c *call) *apiError { return s.createVariable(c, vk) }, needAuth)
		s.handle("GET "+r.path+"/{key}", func(c *call) *apiError { return s.getVariable(c, vk) }, needAuth)
		s.handle("PUT "+r.path+"/{key}", func(c *call) *apiError { return s.updateVariable(c, vk) }, needAuth)
		s.handle("DELETE "+r.path+"/{key}", func(c *call) *apiError { return s.deleteVariable(c, vk) }, needAuth)
	}
}

// varScope resolves the variables' owner from the route's first argument
// (none for the instance's) and checks access.
func (s *Server) varScope(c *call, vk *varKind) (*scope, *coll, *apiError) {
	k := kindOf(vk.spec)
	var vals []string
	if len(k.phs) > 0 {
		vals = c.args[:1]
	}
	sc, e := c.resolve(k, vals)
	if e != nil {
		return nil, nil, e
	}
	if e := vk.access(c, sc); e != nil {
		return nil, nil, e
	}
	return sc, c.collFor(sc, true), nil
}

// findVariable finds the variable of the route's key, narrowed by
// filter[environment_scope]; several matches answer 409.
func (s *Server) findVariable(c *call, vk *varKind) (*coll, *item, *apiError) {
	_, col, e := s.varScope(c, vk)
	if e != nil {
		return nil, nil, e
	}
	key := c.args[len(c.args)-1]
	filter, _ := c.p["filter"].(map[string]any)
	scope, filtered := filter["environment_scope"]
	var found []*item
	for _, it := range col.items {
		if it.str("key") == key && (!vk.scoped || !filtered || it.str("environment_scope") == anyString(scope)) {
			found = append(found, it)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil, notFound("Variable")
	case 1:
		return col, found[0], nil
	}
	return nil, nil, msgErr(http.StatusConflict, "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'")
}

// applyVariable sets the attributes given on a variable and checks them
// as GitLab does.
func applyVariable(c *call, vk *varKind, obj map[string]any) *apiError {
	strs := []string{"value", "variable_type", "description"}
	if vk.scoped {
		strs = append(strs, "environment_scope")
	}
	for _, k := range strs {
		if v, ok := c.p.str(k); ok {
			obj[k] = v
		}
	}
	for _, k := range []string{"protected", "masked", "raw", "masked_and_hidden"} {
		v, ok, e := c.p.boolean(k)
		if e != nil {
			return e
		}
		switch {
		case !ok:
		case k == "masked_and_hidden":
			obj["hidden"], obj["masked"] = v, v || obj["masked"] == true
		default:
			obj[k] = v
		}
	}
	if vt := obj["variable_type"]; vt != "env_var" && vt != "file" {
		return errErr(http.StatusBadRequest, "variable_type does not have a valid value")
	}
	// https://docs.gitlab.com/ci/variables/#mask-a-cicd-variable: at
	// least 8 characters, on one line.
	if v := anyString(obj["value"]); obj["masked"] == true && (len(v) < 8 || strings.ContainsAny(v, " \t\r\n")) {
		return fieldErr("value", "is invalid")
	}
	return nil
}

// createVariable: POST .../variables (key and value required; the key
// once per environment scope; 201).
func (s *Server) createVariable(c *call, vk *varKind) *apiError {
	if e := c.checkAttrs([]string{"key", "value"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	_, col, e := s.varScope(c, vk)
	if e != nil {
		return e
	}
	key := c.p.get("key")
	if !varKey.MatchString(key) {
		return fieldErr("key", "can contain only letters, digits and '_'.")
	}
	obj := map[string]any{"variable_type": "env_var", "key": key, "protected": false, "masked": false, "hidden": false,
		"raw": false, "description": nil}
	if vk.scoped {
		obj["environment_scope"] = "*"
	}
	if e := applyVariable(c, vk, obj); e != nil {
		return e
	}
	ik := vk.itemKey(key, anyString(obj["environment_scope"]))
	if col.byKey[ik] != nil {
		return objErr(http.StatusBadRequest, map[string]any{"key": []string{"(" + key + ") has already been taken"}})
	}
	it := &item{key: ik, obj: obj}
	it.render()
	col.add(it)
	return c.doc(http.StatusCreated, &it.doc)
}

// getVariable: GET .../variables/:key.
func (s *Server) getVariable(c *call, vk *varKind) *apiError {
	_, it, e := s.findVariable(c, vk)
	if e != nil {
		return e
	}
	return c.doc(http.StatusOK, &it.doc)
}

// updateVariable: PUT .../variables/:key (value required; a new
// environment scope must be free).
func (s *Server) updateVariable(c *call, vk *varKind) *apiError {
	if e := c.p.require("value"); e != nil {
		return e
	}
	col, it, e := s.findVariable(c, vk)
	if e != nil {
		return e
	}
	obj := make(map[string]any, len(it.obj))
	for k, v := range it.obj {
		obj[k] = v
	}
	if e := applyVariable(c, vk, obj); e != nil {
		return e
	}
	ik := vk.itemKey(it.str("key"), anyString(obj["environment_scope"]))
	if other := col.byKey[ik]; other != nil && other != it {
		return objErr(http.StatusBadRequest, map[string]any{"key": []string{"(" + it.str("key") + ") has already been taken"}})
	}
	delete(col.byKey, it.key)
	it.key, it.obj = ik, obj
	col.byKey[ik] = it
	it.render()
	return c.doc(http.StatusOK, &it.doc)
}

// deleteVariable: DELETE .../variables/:key (204).
func (s *Server) deleteVariable(c *call, vk *varKind) *apiError {
	col, it, e := s.findVariable(c, vk)
	if e != nil {
		return e
	}
	col.remove(it.key)
	return c.noContent()
}

// scopedValues are the variables of a collection that apply to an
// environment: a scope of "*" or a wildcard pattern matching it
// (https://docs.gitlab.com/ci/environments/#limit-the-environment-scope-of-a-cicd-variable).
func scopedValues(col *coll, env string) []*item {
	var out []*item
	for _, it := range itemsOf(col) {
		sc := it.str("environment_scope")
		if sc == "" || sc == "*" || sc == env || wildcard(sc, env) {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b *item) int {
		return len(a.str("environment_scope")) - len(b.str("environment_scope"))
	})
	return out
}

// wildcard matches GitLab's environment scope patterns, where * matches
// anything.
func wildcard(pattern, s string) bool {
	ok, _ := regexp.MatchString("^"+strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*")+"$", s)
	return ok
}
