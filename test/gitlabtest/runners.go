package gitlabtest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
)

// RunnerRegistrationToken is the instance's runner registration token: a
// runner registered with it (POST /api/v4/runners) is an instance runner.
// A project's registration token is its runners_token (GET
// /api/v4/projects/:id, for maintainers); a group's is
// "GR1348941fakegroup" followed by the group's id
// (https://docs.gitlab.com/api/runners/#create-a-runner).
const RunnerRegistrationToken = "GR1348941fake-instance"

const groupRunnersToken = "GR1348941fakegroup"

// Runners are items of the runner collection (/runners) whose ext is a
// *runnerState: their authentication token, their projects and group, the
// jobs they ran. A project's and a group's runners lists are computed from
// them.

type runnerState struct {
	token    string
	typ      string // instance_type, group_type, project_type
	projects []int  // project runners: the projects it is enabled in, owner first
	group    int    // group runners: the group
	jobs     []*item
}

// runnerOf returns the runner's state; for a runner seeded with AddObject,
// a blank one that is not kept (reads share the state lock).
func runnerOf(r *item) *runnerState {
	if rs, ok := r.ext.(*runnerState); ok {
		return rs
	}
	rs := &runnerState{typ: r.str("runner_type")}
	if rs.typ == "" {
		rs.typ = "instance_type"
	}
	return rs
}

func (s *Server) registerRunnerRoutes() {
	s.handle("POST /runners", s.registerRunner)
	s.handle("POST /runners/verify", s.verifyRunner)
	s.handle("POST /projects/{id}/runners", s.enableProjectRunner, needAuth)
	s.handle("DELETE /projects/{id}/runners/{runner_id}", s.disableProjectRunner, needAuth)
}

// registerRunner: https://docs.gitlab.com/api/runners/#create-a-runner
// (with the instance's, a group's or a project's registration token: an
// instance, group or project runner; 201 {id, token, token_expires_at};
// 403 for another token).
func (s *Server) registerRunner(c *call) *apiError {
	if e := c.p.require("token"); e != nil {
		return e
	}
	tok := c.p.get("token")
	rs := &runnerState{}
	switch {
	case tok == RunnerRegistrationToken:
		rs.typ = "instance_type"
	case strings.HasPrefix(tok, groupRunnersToken) && s.st.groupByID[atoi(strings.TrimPrefix(tok, groupRunnersToken))] != nil:
		rs.typ, rs.group = "group_type", atoi(strings.TrimPrefix(tok, groupRunnersToken))
	default:
		for _, p := range s.st.projects {
			if gjsonString(p.doc.raw, "runners_token") == tok {
				rs.typ, rs.projects = "project_type", []int{p.id}
			}
		}
	}
	if rs.typ == "" {
		return errForbidden
	}
	obj := map[string]any{"description": "", "ip_address": "127.0.0.1", "active": true, "paused": false,
		"is_shared": rs.typ == "instance_type", "runner_type": rs.typ, "name": "gitlab-runner", "online": false,
		"status": "never_contacted", "contacted_at": nil, "maintenance_note": nil, "architecture": nil, "platform": nil,
		"revision": nil, "version": nil, "tag_list": []string{}, "run_untagged": true, "locked": false,
		"access_level": "not_protected", "maximum_timeout": nil}
	if v, ok := c.p.str("description"); ok {
		obj["description"] = v
	}
	if m, ok := c.p["info"].(map[string]any); ok {
		for _, k := range []string{"name", "version", "revision", "platform", "architecture"} {
			if v, ok := m[k]; ok {
				obj[k] = v
			}
		}
	}
	if e := applyRunner(c, obj); e != nil {
		return e
	}
	r, e := c.put("runner", nil, nil, obj)
	if e != nil {
		return e
	}
	sum := sha1.Sum([]byte("runner\x00" + r.key + "\x00" + tok))
	rs.token = "glrt-" + hex.EncodeToString(sum[:10])
	r.ext = rs
	c.renderRunner(r)
	return c.value(http.StatusCreated, map[string]any{"id": r.id, "token": rs.token, "token_expires_at": nil})
}

// applyRunner applies the settable attributes of a runner
// (https://docs.gitlab.com/api/runners/#update-runners-details): paused
// and its old inverse active, tags, untagged jobs, lock, access level,
// timeout.
func applyRunner(c *call, obj map[string]any) *apiError {
	for _, k := range []string{"paused", "active", "run_untagged", "locked"} {
		v, ok, e := c.p.boolean(k)
		if e != nil {
			return e
		}
		if !ok {
			continue
		}
		switch k {
		case "paused":
			obj["paused"], obj["active"] = v, !v
		case "active":
			obj["paused"], obj["active"] = !v, v
		default:
			obj[k] = v
		}
	}
	if tags, ok := c.p.list("tag_list"); ok {
		obj["tag_list"] = tags
	}
	if v, ok := c.p.str("access_level"); ok {
		if v != "not_protected" && v != "ref_protected" {
			return errErr(http.StatusBadRequest, "access_level does not have a valid value")
		}
		obj["access_level"] = v
	}
	for _, k := range []string{"description", "maintenance_note"} {
		if v, ok := c.p.str(k); ok {
			obj[k] = v
		}
	}
	if n, ok, e := c.p.integer("maximum_timeout"); e != nil {
		return e
	} else if ok {
		if n < 600 {
			return fieldErr("maximum_timeout", "needs to be at least 10 minutes")
		}
		obj["maximum_timeout"] = n
	}
	return nil
}

// renderRunner shows the runner's projects and group in its details
// (https://docs.gitlab.com/api/runners/#get-runners-details).
func (c *call) renderRunner(r *item) {
	rs := runnerOf(r)
	projects := []any{}
	for _, id := range rs.projects {
		if p := c.s.st.projectByID[id]; p != nil {
			projects = append(projects, map[string]any{"id": p.id, "name": p.name, "path": p.path,
				"path_with_namespace": p.fullPath, "name_with_namespace": gjsonString(p.doc.raw, "name_with_namespace")})
		}
	}
	groups := []any{}
	if g := c.s.st.groupByID[rs.group]; g != nil {
		groups = append(groups, map[string]any{"id": g.id, "name": g.obj["name"], "web_url": g.obj["web_url"]})
	}
	r.obj["projects"], r.obj["groups"] = projects, groups
	r.render()
}

// runnerBasic is the runner as jobs and lists show it.
func runnerBasic(r *item) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"id", "description", "ip_address", "active", "paused", "is_shared", "runner_type", "name", "online", "status"} {
		out[k] = r.obj[k]
	}
	return out
}

func (s *Server) runners() []*item { return itemsOf(s.collOf("runner")) }

func (s *Server) runnerByToken(tok string) *item {
	if tok == "" {
		return nil
	}
	for _, r := range s.runners() {
		if runnerOf(r).token == tok {
			return r
		}
	}
	return nil
}

// runnerCanRun: the runner serves the job's project (instance runners when
// shared runners are enabled, group runners of the project's groups,
// project runners enabled in it) and has the job's tags, or runs untagged
// jobs (https://docs.gitlab.com/ci/runners/configure_runners/#use-tags-to-control-which-jobs-a-runner-can-run).
func (s *Server) runnerCanRun(r *item, j *item) bool {
	p := jobOf(j).pipeline.ext.(*pipelineState).project
	if !s.runnerServes(r, p) {
		return false
	}
	tags := toStringSlice(j.obj["tag_list"])
	if len(tags) == 0 {
		return r.obj["run_untagged"] != false
	}
	have := toStringSlice(r.obj["tag_list"])
	for _, t := range tags {
		if !slices.Contains(have, t) {
			return false
		}
	}
	return true
}

func toStringSlice(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		return toStrings(x)
	}
	return nil
}

// runnerServes reports whether the runner is available to the project.
func (s *Server) runnerServes(r *item, p *project) bool {
	rs := runnerOf(r)
	switch rs.typ {
	case "instance_type":
		return gjsonBool(p.doc.raw, "shared_runners_enabled")
	case "group_type":
		if p.ns == nil || !gjsonBool(p.doc.raw, "group_runners_enabled") {
			return false
		}
		for g := p.ns.group; g != nil; g = g.parent {
			if g.id == rs.group {
				return true
			}
		}
		return false
	}
	return slices.Contains(rs.projects, p.id)
}

// ownsRunner: administrators, and the maintainers of a project or group the
// runner belongs to.
func (s *Server) ownsRunner(u *user, r *item) bool {
	if u == nil {
		return false
	}
	if u.admin {
		return true
	}
	rs := runnerOf(r)
	for _, id := range rs.projects {
		if p := s.st.projectByID[id]; p != nil && s.canWriteProject(u, p) {
			return true
		}
	}
	g := s.st.groupByID[rs.group]
	return g != nil && s.canWriteGroup(u, g)
}

// runnerStatuses and runnerScopes are the list filters' values
// (https://docs.gitlab.com/api/runners/#list-owned-runners).
var (
	runnerStatuses = []string{"online", "offline", "stale", "never_contacted", "active", "paused"}
	runnerTypes    = []string{"instance_type", "group_type", "project_type"}
)

// filterRunners applies scope, type, status, paused and tag_list.
func filterRunners(c *call, items []*item) ([]*item, *apiError) {
	for _, k := range []string{"scope", "status"} {
		if v, ok := c.p.str(k); ok && !slices.Contains(runnerStatuses, v) {
			return nil, errErr(http.StatusBadRequest, k+" does not have a valid value")
		}
	}
	if v, ok := c.p.str("type"); ok && !slices.Contains(runnerTypes, v) {
		return nil, errErr(http.StatusBadRequest, "type does not have a valid value")
	}
	paused, hasPaused, e := c.p.boolean("paused")
	if e != nil {
		return nil, e
	}
	tags, _ := c.p.list("tag_list")
	var out []*item
	for _, r := range items {
		st := r.str("status")
		if r.obj["paused"] == true && (c.p.get("status") == "paused" || c.p.get("scope") == "paused") {
			st = "paused"
		} else if r.obj["paused"] != true && (c.p.get("status") == "active" || c.p.get("scope") == "active") {
			st = "active"
		}
		if v, ok := c.p.str("status"); ok && st != v {
			continue
		}
		if v, ok := c.p.str("scope"); ok && st != v {
			continue
		}
		if v, ok := c.p.str("type"); ok && r.str("runner_type") != v {
			continue
		}
		if hasPaused && (r.obj["paused"] == true) != paused {
			continue
		}
		have := toStringSlice(r.obj["tag_list"])
		if !slices.ContainsFunc(tags, func(t string) bool { return !slices.Contains(have, t) }) {
			out = append(out, r)
		}
	}
	return out, nil
}

// runnerHooks: reads need the runner's owner; the list is the caller's
// runners (the fake's administrators own every runner); updates apply
// GitLab's attributes (https://docs.gitlab.com/api/runners/).
func runnerHooks() *hooks {
	return &hooks{
		canRead: func(c *call, sc *scope) *apiError {
			if c.user == nil {
				return errUnauthorized
			}
			return nil
		},
		canWrite: func(c *call, sc *scope, it *item) *apiError {
			if it != nil && !c.s.ownsRunner(c.user, it) {
				return errForbidden
			}
			return nil
		},
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			var mine []*item
			for _, r := range items {
				if c.s.ownsRunner(c.user, r) {
					mine = append(mine, r)
				}
			}
			return filterRunners(c, mine)
		},
		update: updateWith(applyRunner),
	}
}

// runnerAllHooks list every runner, for administrators
// (https://docs.gitlab.com/api/runners/#list-all-runners).
func runnerAllHooks() *hooks {
	return &hooks{
		canRead: adminRead,
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			return filterRunners(c, append(slices.Clone(items), c.s.runners()...))
		},
	}
}

// runnerJobHooks list the jobs a runner ran, newest first by default,
// filtered by status (https://docs.gitlab.com/api/runners/#list-jobs-processed-by-a-runner).
func runnerJobHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		if v, ok := c.p.str("status"); ok && !slices.Contains([]string{"running", "success", "failed", "canceled"}, v) {
			return nil, errErr(http.StatusBadRequest, "status does not have a valid value")
		}
		all := append(slices.Clone(items), runnerOf(sc.parent).jobs...)
		var out []*item
		for i := len(all) - 1; i >= 0; i-- {
			if v, ok := c.p.str("status"); !ok || all[i].str("status") == v {
				out = append(out, all[i])
			}
		}
		if c.p.get("sort") == "asc" {
			slices.Reverse(out)
		}
		return out, nil
	}}
}

// projectRunnerHooks list the runners available to a project: its own,
// its groups' and the instance's (https://docs.gitlab.com/api/runners/#list-projects-runners).
func projectRunnerHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		all := slices.Clone(items)
		for _, r := range c.s.runners() {
			if c.s.runnerServes(r, sc.project) {
				all = append(all, r)
			}
		}
		return filterRunners(c, all)
	}}
}

// groupRunnerHooks list a group's runners and its ancestors'
// (https://docs.gitlab.com/api/runners/#list-groups-runners).
func groupRunnerHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		all := slices.Clone(items)
		for _, r := range c.s.runners() {
			rs := runnerOf(r)
			for g := sc.group; g != nil; g = g.parent {
				if rs.typ == "group_type" && rs.group == g.id {
					all = append(all, r)
				}
			}
		}
		return filterRunners(c, all)
	}}
}

// verifyRunner: https://docs.gitlab.com/api/runners/#verify-authentication-for-a-registered-runner
// (200 with the runner's id and token; 403 for an unknown token).
func (s *Server) verifyRunner(c *call) *apiError {
	if e := c.p.require("token"); e != nil {
		return e
	}
	r := s.runnerByToken(c.p.get("token"))
	if r == nil {
		return errForbidden
	}
	return c.value(http.StatusOK, map[string]any{"id": r.id, "token": runnerOf(r).token, "token_expires_at": nil})
}

// projectRunner finds the runner of runner_id for a project's runners
// routes: 404 when it does not exist or the caller may not see it.
func (s *Server) projectRunner(c *call, id string) (*item, *apiError) {
	col := s.collOf("runner")
	if col == nil || col.byKey[id] == nil || !s.ownsRunner(c.user, col.byKey[id]) {
		return nil, notFound("Runner")
	}
	return col.byKey[id], nil
}

// enableProjectRunner: https://docs.gitlab.com/api/runners/#assign-a-runner-to-project
// (a project runner of another project the caller maintains; 403 for
// instance and group runners and locked runners; 400 when already
// assigned; 201 with the runner).
func (s *Server) enableProjectRunner(c *call) *apiError {
	if e := c.p.require("runner_id"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	r, e := s.projectRunner(c, c.p.get("runner_id"))
	if e != nil {
		return e
	}
	rs := runnerOf(r)
	switch {
	case rs.typ != "project_type":
		return msgErr(http.StatusForbidden, "403 Forbidden - Runner is a "+strings.TrimSuffix(rs.typ, "_type")+" runner")
	case r.obj["locked"] == true:
		return msgErr(http.StatusForbidden, "403 Forbidden - Runner is locked")
	case slices.Contains(rs.projects, p.id):
		return objErr(http.StatusBadRequest, map[string]any{"runner_projects.project_id": []string{"has already been taken"}})
	}
	rs.projects = append(rs.projects, p.id)
	c.renderRunner(r)
	return c.doc(http.StatusCreated, &r.doc)
}

// disableProjectRunner: https://docs.gitlab.com/api/runners/#unassign-a-runner-from-project
// (403 for the runner's only project: delete the runner instead; 204).
func (s *Server) disableProjectRunner(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	r, e := s.projectRunner(c, c.args[1])
	if e != nil {
		return e
	}
	rs := runnerOf(r)
	switch {
	case !slices.Contains(rs.projects, p.id):
		return notFound("Runner")
	case len(rs.projects) == 1:
		return msgErr(http.StatusForbidden, "403 Forbidden - Only one project associated with the runner. Please remove the runner instead")
	}
	rs.projects = slices.DeleteFunc(rs.projects, func(id int) bool { return id == p.id })
	c.renderRunner(r)
	return c.noContent()
}

func gjsonString(raw []byte, path string) string { return gjsonGet(raw, path).String() }
func gjsonBool(raw []byte, path string) bool     { return gjsonGet(raw, path).Bool() }
