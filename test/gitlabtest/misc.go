package gitlabtest

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

func (s *Server) registerRoutes() {
	s.pending = &[]*route{}
	s.registerUserRoutes()
	s.registerGroupRoutes()
	s.registerProjectRoutes()
	s.registerRepoRoutes()
	s.registerIssueRoutes()
	s.registerMRRoutes()
	s.registerMiscRoutes()
	s.registerActionRoutes()
	s.registerCollabRoutes()
	s.registerCICDRoutes()
	rts := *s.pending
	s.pending = nil
	s.addRoutes(rts...)
	s.registerStore() // last: the hand-written routes keep priority
}

func (s *Server) registerMiscRoutes() {
	s.handle("GET /features", s.listFeatures, adminOnly)
	s.handle("POST /features/{name}", s.setFeature, adminOnly)
	s.handle("DELETE /features/{name}", s.deleteFeature, adminOnly)
	s.handle("GET /projects/{id}/push_rule", s.getPushRule, needAuth)
	s.handle("POST /projects/{id}/push_rule", s.createPushRule, needAuth)
	s.handle("PUT /projects/{id}/push_rule", s.updatePushRule, needAuth)
	s.handle("DELETE /projects/{id}/push_rule", s.deletePushRule, needAuth)
}

// feature is a Flipper feature flag with boolean, percentage and actor gates
// (https://docs.gitlab.com/api/features/).
type feature struct {
	name       string
	on         bool
	percentage map[string]int // gate key -> value
	actors     []string
	groups     []string
}

func (f *feature) doc() doc {
	gates := []any{map[string]any{"key": "boolean", "value": f.on}}
	for _, k := range []string{"percentage_of_time", "percentage_of_actors"} {
		if v, ok := f.percentage[k]; ok {
			gates = append(gates, map[string]any{"key": k, "value": v})
		}
	}
	if len(f.actors) > 0 {
		gates = append(gates, map[string]any{"key": "actors", "value": f.actors})
	}
	if len(f.groups) > 0 {
		gates = append(gates, map[string]any{"key": "groups", "value": f.groups})
	}
	state := "off"
	if f.on {
		state = "on"
	} else if len(gates) > 1 {
		state = "conditional"
	}
	return marshalDoc(map[string]any{"name": f.name, "state": state, "gates": gates, "definition": nil})
}

// listFeatures: https://docs.gitlab.com/api/features/#list-all-features
// (administrators only; paginated like every list of the fake).
func (s *Server) listFeatures(c *call) *apiError {
	names := make([]string, 0, len(s.st.features))
	for n := range s.st.features {
		names = append(names, n)
	}
	sort.Strings(names)
	return c.listDocs(len(names), func(i int) *doc {
		d := s.st.features[names[i]].doc()
		return &d
	})
}

func addUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

func removeValue(list []string, v string) []string {
	out := list[:0:0]
	for _, x := range list {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

// setFeature: https://docs.gitlab.com/api/features/#set-or-create-a-feature
// (value true/false or a percentage; feature_group, user, group, project
// restrict a boolean to actors; 201 {name, state, gates}).
func (s *Server) setFeature(c *call) *apiError {
	if !c.p.has("value") {
		return missing("value")
	}
	name := c.args[0]
	f := s.st.features[name]
	if f == nil {
		f = &feature{name: name, percentage: map[string]int{}}
	}
	raw := c.p.get("value")
	var actors []string
	for _, u := range splitList(c.p.get("user")) {
		if x := s.st.userByName[lower(u)]; x != nil {
			actors = append(actors, "User:"+strconv.Itoa(x.id))
		}
	}
	for _, g := range splitList(c.p.get("group")) {
		if ns := s.st.nsByPath[lower(g)]; ns != nil && ns.group != nil {
			actors = append(actors, "Group:"+strconv.Itoa(ns.id))
		}
	}
	for _, n := range splitList(c.p.get("namespace")) {
		if ns := s.st.nsByPath[lower(n)]; ns != nil {
			actors = append(actors, "Namespace:"+strconv.Itoa(ns.id))
		}
	}
	for _, pp := range splitList(c.p.get("project")) {
		if p := s.st.projectByPath[lower(pp)]; p != nil {
			actors = append(actors, "Project:"+strconv.Itoa(p.id))
		}
	}
	fgroups := splitList(c.p.get("feature_group"))
	if n, err := strconv.Atoi(raw); err == nil {
		if n < 0 || n > 100 {
			return invalid("value")
		}
		key := "percentage_of_time"
		if c.p.get("key") == "percentage_of_actors" {
			key = "percentage_of_actors"
		}
		f.percentage[key] = n
	} else {
		on, ok := map[string]bool{"true": true, "false": false}[strings.ToLower(raw)]
		if !ok {
			return invalid("value")
		}
		switch {
		case len(actors)+len(fgroups) > 0:
			for _, a := range actors {
				if on {
					f.actors = addUnique(f.actors, a)
				} else {
					f.actors = removeValue(f.actors, a)
				}
			}
			for _, g := range fgroups {
				if on {
					f.groups = addUnique(f.groups, g)
				} else {
					f.groups = removeValue(f.groups, g)
				}
			}
		case on:
			f.on = true
		default:
			// Disabling the boolean gate clears every gate, as Flipper does.
			f.on, f.percentage, f.actors, f.groups = false, map[string]int{}, nil, nil
		}
	}
	s.st.features[name] = f
	d := f.doc()
	return c.doc(http.StatusCreated, &d)
}

func splitList(v string) []string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// deleteFeature: https://docs.gitlab.com/api/features/#delete-a-feature (204
// whether or not it existed).
func (s *Server) deleteFeature(c *call) *apiError {
	delete(s.st.features, c.args[0])
	return c.noContent()
}

// pushRuleAttrs are the attributes of a project push rule; POST and PUT need
// at least one (https://docs.gitlab.com/api/project_push_rules/).
var pushRuleAttrs = []string{"deny_delete_tag", "member_check", "prevent_secrets", "commit_message_regex",
	"commit_message_negative_regex", "branch_name_regex", "author_email_regex", "file_name_regex", "max_file_size",
	"commit_committer_check", "commit_committer_name_check", "reject_unsigned_commits", "reject_non_dco_commits"}

func (s *Server) applyPushRule(c *call, obj map[string]any) *apiError {
	given := false
	for _, k := range pushRuleAttrs {
		given = given || c.p.has(k)
	}
	if !given {
		return atLeastOne(pushRuleAttrs...)
	}
	return applySettable(obj, c.p, pushRuleAttrs)
}

// getPushRule: https://docs.gitlab.com/api/project_push_rules/#get-project-push-rules
// (maintainers). A project without a rule answers 200 with the body null: the
// endpoint presents a nil rule (python-gitlab documents None for this case,
// python-gitlab#1192).
func (s *Server) getPushRule(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if p.pushRule == nil {
		return c.json(http.StatusOK, []byte("null"))
	}
	return c.doc(http.StatusOK, &p.pushRule.doc)
}

// createPushRule: https://docs.gitlab.com/api/project_push_rules/#add-a-project-push-rule
// (201; 422 when one exists).
func (s *Server) createPushRule(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if p.pushRule != nil {
		return msgErr(http.StatusUnprocessableEntity, "Project push rule exists, try updating")
	}
	s.st.nextPushRule++
	obj := map[string]any{
		"id": s.st.nextPushRule, "project_id": p.id, "commit_message_regex": "", "commit_message_negative_regex": "",
		"branch_name_regex": "", "deny_delete_tag": false, "created_at": s.nowTS(), "member_check": false,
		"prevent_secrets": false, "author_email_regex": "", "file_name_regex": "", "max_file_size": 0,
		"commit_committer_check": false, "commit_committer_name_check": false, "reject_unsigned_commits": false,
		"reject_non_dco_commits": false,
	}
	if e := s.applyPushRule(c, obj); e != nil {
		return e
	}
	p.pushRule = &item{id: s.st.nextPushRule, obj: obj}
	p.pushRule.render()
	return c.doc(http.StatusCreated, &p.pushRule.doc)
}

// updatePushRule: https://docs.gitlab.com/api/project_push_rules/#edit-project-push-rule
// (200; 404 when there is none).
func (s *Server) updatePushRule(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if p.pushRule == nil {
		return notFound("Push Rule")
	}
	if e := s.applyPushRule(c, p.pushRule.obj); e != nil {
		return e
	}
	p.pushRule.render()
	return c.doc(http.StatusOK, &p.pushRule.doc)
}

// deletePushRule: https://docs.gitlab.com/api/project_push_rules/#delete-project-push-rule
// (204; 404 when there is none).
func (s *Server) deletePushRule(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if p.pushRule == nil {
		return notFound("Push Rule")
	}
	p.pushRule = nil
	return c.noContent()
}

// keyHooks give a user's SSH keys GitLab's semantics on the generic store
// (https://docs.gitlab.com/api/user_keys/): public reads of /users/:id/keys,
// the user adds and deletes through /user/keys, administrators through
// either; title and key required.
func keyHooks() *hooks {
	return &hooks{
		notFound: notFound("Key"),
		canWrite: ownOrAdmin,
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			id := obj["id"]
			clear(obj)
			var expires any
			if v := c.p.get("expires_at"); v != "" {
				expires = v
			}
			usage := c.p.get("usage_type")
			if usage == "" {
				usage = "auth_and_signing"
			}
			for k, v := range map[string]any{"id": id, "title": c.p.get("title"), "created_at": c.s.nowTS(),
				"expires_at": expires, "key": c.p.get("key"), "usage_type": usage, "last_used_at": nil} {
				obj[k] = v
			}
			return nil
		},
	}
}
