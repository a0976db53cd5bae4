package gitlabtest

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// Environments, deployments and resource groups: items of
// project_environment, project_deployment and project_resource_group,
// created by the API or by the jobs of a pipeline.

var (
	envName  = regexp.MustCompile(`^[a-zA-Z0-9 _/${}.:-]+$`)
	slugJunk = regexp.MustCompile(`[^a-z0-9]+`)
)

// envTier guesses an environment's tier from its name, as GitLab does
// (https://docs.gitlab.com/ci/environments/#deployment-tier-of-environments).
func envTier(name string) string {
	for _, t := range envTiers {
		if t.re.MatchString(lower(name)) {
			return t.tier
		}
	}
	return "other"
}

var envTiers = []struct {
	tier string
	re   *regexp.Regexp
}{
	{"production", regexp.MustCompile(`(prod|live)`)}, {"staging", regexp.MustCompile(`(stag|model|pre)`)},
	{"testing", regexp.MustCompile(`(test|tst|int|ac(ce|)pt|qa|qc|control|quality)`)},
	{"development", regexp.MustCompile(`(dev|review|trunk)`)},
}

// envSlug is the environment's URL-safe name: lower case, other characters
// made hyphens, at most 24 characters
// (https://docs.gitlab.com/ci/environments/#cicd-variables-for-environments).
func envSlug(name string) string {
	s := strings.Trim(slugJunk.ReplaceAllString(lower(name), "-"), "-")
	if len(s) > 24 {
		s = strings.TrimRight(s[:24], "-")
	}
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		s = "env-" + s
	}
	return s
}

// environmentHooks: a unique, valid name, the slug, the tier, state
// available; only stopped environments can be deleted
// (https://docs.gitlab.com/api/environments/).
func environmentHooks() *hooks {
	return &hooks{
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			name := anyString(obj["name"])
			if !envName.MatchString(name) {
				return fieldErr("name", "can contain only letters, digits, '-', '_', '/', '$', '{', '}', '.', and spaces, but it cannot start or end with '/'")
			}
			for _, it := range itemsOf(c.s.st.colls[sc.key]) {
				if it.str("name") == name {
					return fieldErr("name", "has already been taken")
				}
			}
			tier := anyString(obj["tier"])
			if tier == "" {
				tier = envTier(name)
			}
			for k, v := range map[string]any{"slug": envSlug(name), "description": nil, "state": "available", "tier": tier,
				"enable_advanced_logs_querying": false, "logs_api_path": nil, "auto_stop_at": nil, "kubernetes_namespace": nil,
				"flux_resource_path": nil, "auto_stop_setting": "always", "last_deployment": nil} {
				if _, given := obj[k]; !given || k == "slug" || k == "state" {
					obj[k] = v
				}
			}
			if obj["external_url"] == nil {
				obj["external_url"] = nil
			}
			delete(obj, "project_id")
			return nil
		},
		delete: func(c *call, sc *scope, it *item) *apiError {
			if it.str("state") != "stopped" {
				return errForbidden
			}
			return nil
		},
	}
}

func (s *Server) registerEnvironmentRoutes() {
	s.handle("POST /projects/{id}/environments/{environment_id}/stop", s.stopEnvironment, needAuth)
	s.handle("POST /projects/{id}/deployments/{deployment_id}/approval", s.approveDeployment, needAuth)
}

// stopEnvironment: https://docs.gitlab.com/api/environments/#stop-an-environment
// (state stopped; 200 with the environment).
func (s *Server) stopEnvironment(c *call) *apiError {
	_, env, e := s.projectObj(c, "project_environment", "Environment", true)
	if e != nil {
		return e
	}
	env.obj["state"], env.obj["updated_at"] = "stopped", s.nowTS()
	env.render()
	return c.doc(http.StatusOK, &env.doc)
}

// environment finds the project's environment called name, creating it
// when missing, as deployments do.
func (c *call) environment(p *project, name string) (*item, *apiError) {
	for _, it := range itemsOf(c.s.collOf("project_environment", pid(p))) {
		if it.str("name") == name {
			return it, nil
		}
	}
	return c.put("project_environment", []string{pid(p)}, nil, map[string]any{"name": name, "external_url": nil})
}

func envSummary(env *item) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"id", "name", "slug", "external_url", "state", "tier", "created_at", "updated_at"} {
		out[k] = env.obj[k]
	}
	return out
}

var deployStatuses = []string{"created", "running", "success", "failed", "canceled", "blocked"}

// deploymentHooks: a deployment names its environment (created when
// missing), gets an iid, the user and a status GitLab accepts
// (https://docs.gitlab.com/api/deployments/#create-a-deployment); an
// update changes the status; the environment shows its last deployment.
func deploymentHooks() *hooks {
	return &hooks{
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			p := c.s.st.projectByID[atoi(sc.vals[0])]
			st := anyString(obj["status"])
			if !slices.Contains(deployStatuses, st) {
				return errErr(http.StatusBadRequest, "status does not have a valid value")
			}
			env, e := c.environment(p, anyString(obj["environment"]))
			if e != nil {
				return e
			}
			col := c.collFor(sc, true)
			col.next++
			tag := obj["tag"] == true || anyString(obj["tag"]) == "true"
			u := c.user
			if uu, ok := obj["user"].(*user); ok {
				u = uu
			}
			for k, v := range map[string]any{"iid": col.next, "tag": tag, "user": u.basicJSON(), "deployable": nil,
				"environment": envSummary(env), "status": st, "pending_approval_count": 0, "approvals": []any{}} {
				obj[k] = v
			}
			if d, ok := obj["deployable"].(map[string]any); ok {
				obj["deployable"] = d
			}
			delete(obj, "project_id")
			return nil
		},
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			if e := c.p.require("status"); e != nil {
				return e
			}
			st := c.p.get("status")
			if !slices.Contains(deployStatuses, st) {
				return errErr(http.StatusBadRequest, "status does not have a valid value")
			}
			it.obj["status"], it.obj["updated_at"] = st, c.s.nowTS()
			return nil
		},
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			var out []*item
			for _, it := range items {
				if v, ok := c.p.str("environment"); ok && anyString(gjsonField(it.obj["environment"], "name")) != v {
					continue
				}
				if v, ok := c.p.str("status"); ok && it.str("status") != v {
					continue
				}
				out = append(out, it)
			}
			if c.p.get("sort") == "desc" {
				slices.Reverse(out)
			}
			return out, nil
		},
		after: func(c *call, sc *scope) { c.lastDeployments(sc.vals[0]) },
	}
}

// lastDeployments shows each environment's newest successful deployment.
func (c *call) lastDeployments(projectID string) {
	last := map[string]*item{}
	for _, d := range itemsOf(c.s.collOf("project_deployment", projectID)) {
		if d.str("status") == "success" {
			last[anyString(gjsonField(d.obj["environment"], "name"))] = d
		}
	}
	for _, env := range itemsOf(c.s.collOf("project_environment", projectID)) {
		var v any
		if d := last[env.str("name")]; d != nil {
			m := map[string]any{}
			for _, k := range []string{"id", "iid", "ref", "sha", "status", "created_at", "updated_at", "user", "deployable"} {
				m[k] = d.obj[k]
			}
			v = m
		}
		env.obj["last_deployment"] = v
		env.render()
	}
}

// jobDeployment is the deployment a job to an environment makes when it is
// created; in a protected environment that requires approvals it is
// blocked until they are given
// (https://docs.gitlab.com/ci/environments/deployment_approvals/).
func (c *call) jobDeployment(p *project, j *item) *item {
	js := jobOf(j)
	pl := js.pipeline
	env, e := c.environment(p, js.def.environment)
	if e != nil {
		return nil
	}
	if js.def.envURL != "" && env.obj["external_url"] == nil {
		env.obj["external_url"] = js.def.envURL
		env.render()
	}
	st := "created"
	if pe := c.s.collOf("project_protected_environment", pid(p)); pe != nil && pe.byKey[env.str("name")] != nil {
		if n := atoi(anyString(pe.byKey[env.str("name")].obj["required_approval_count"])); n > 0 {
			st = "blocked"
		}
	}
	d, e := c.put("project_deployment", []string{pid(p)}, nil, map[string]any{
		"ref": pl.obj["ref"], "sha": pl.obj["sha"], "tag": pl.obj["tag"], "status": st, "environment": env.str("name"),
		"user": pl.ext.(*pipelineState).user,
	})
	if e != nil {
		return nil
	}
	d.ext = j
	c.deploymentFollows(d, j)
	return d
}

// deploymentFollows keeps a job's deployment in step with the job.
func (c *call) deploymentFollows(d, j *item) {
	if d.str("status") == "blocked" {
		return
	}
	st := j.str("status")
	switch st {
	case "pending", "waiting_for_resource", "manual", "created", "skipped":
		st = "created"
	}
	deployable := map[string]any{}
	for _, k := range []string{"id", "status", "stage", "name", "ref", "tag", "created_at", "started_at", "finished_at", "web_url"} {
		deployable[k] = j.obj[k]
	}
	d.obj["status"], d.obj["deployable"], d.obj["updated_at"] = st, deployable, c.s.nowTS()
	d.render()
	c.lastDeployments(pid(pipeOf(jobOf(j).pipeline).project))
}

// approveDeployment: https://docs.gitlab.com/api/deployments/#approve-or-reject-a-blocked-deployment
// (approved or rejected, with a comment; a user cannot approve their own
// deployment; once the protected environment's required approvals are
// given the deployment is unblocked and its job can run; 201 with the
// approval).
func (s *Server) approveDeployment(c *call) *apiError {
	if e := c.p.require("status"); e != nil {
		return e
	}
	st := c.p.get("status")
	if st != "approved" && st != "rejected" {
		return errErr(http.StatusBadRequest, "status does not have a valid value")
	}
	p, d, e := s.projectObj(c, "project_deployment", "Deployment", true)
	if e != nil {
		return e
	}
	envName := anyString(gjsonField(d.obj["environment"], "name"))
	pe := s.collOf("project_protected_environment", pid(p))
	if pe == nil || pe.byKey[envName] == nil {
		return msgErr(http.StatusBadRequest, "This environment is not protected")
	}
	if st == "approved" && anyString(gjsonField(d.obj["user"], "id")) == anyString(c.user.id) {
		return msgErr(http.StatusBadRequest, "You cannot approve your own deployment. This configuration can be adjusted in the protected environment settings.")
	}
	if d.str("status") != "blocked" {
		return msgErr(http.StatusBadRequest, "This deployment is not waiting for approvals.")
	}
	approval := map[string]any{"user": c.user.basicJSON(), "status": st, "created_at": s.nowTS(), "comment": c.p["comment"]}
	approvals, _ := d.obj["approvals"].([]any)
	d.obj["approvals"] = append(approvals, approval)
	required := atoi(anyString(pe.byKey[envName].obj["required_approval_count"]))
	given := 0
	for _, a := range d.obj["approvals"].([]any) {
		if a.(map[string]any)["status"] == "approved" {
			given++
		}
	}
	d.obj["pending_approval_count"] = max(0, required-given)
	switch {
	case st == "rejected":
		d.obj["status"] = "canceled"
		if j, ok := d.ext.(*item); ok {
			c.jobStatus(j, "canceled")
			c.processPipeline(jobOf(j).pipeline)
		}
	case given >= required:
		d.obj["status"] = "created"
		if j, ok := d.ext.(*item); ok {
			c.deploymentFollows(d, j)
		}
	}
	d.render()
	return c.value(http.StatusCreated, approval)
}

// resourceGroup finds or makes the project's resource group key
// (https://docs.gitlab.com/api/resource_groups/).
func (c *call) resourceGroup(p *project, key string) *item {
	if col := c.s.collOf("project_resource_group", pid(p)); col != nil && col.byKey[key] != nil {
		return col.byKey[key]
	}
	it, e := c.put("project_resource_group", []string{pid(p)}, nil, map[string]any{"key": key})
	if e != nil {
		return nil
	}
	return it
}

var processModes = []string{"unordered", "oldest_first", "newest_first", "newest_ready_first"}

// resourceGroupHooks: a numeric id beside the key, process_mode unordered
// by default and one of GitLab's modes; a new mode may hand the resource
// to another job (https://docs.gitlab.com/api/resource_groups/#edit-an-existing-resource-group).
func resourceGroupHooks() *hooks {
	return &hooks{
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			c.s.st.ids["resource_group_ids"]++
			obj["id"] = c.s.st.ids["resource_group_ids"]
			if obj["process_mode"] == nil {
				obj["process_mode"] = "unordered"
			}
			delete(obj, "project_id")
			return nil
		},
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			if v, ok := c.p.str("process_mode"); ok {
				if !slices.Contains(processModes, v) {
					return errErr(http.StatusBadRequest, "process_mode does not have a valid value")
				}
				it.obj["process_mode"] = v
			}
			it.obj["updated_at"] = c.s.nowTS()
			if p := c.s.st.projectByID[atoi(sc.vals[0])]; p != nil {
				c.assignResources(p)
			}
			return nil
		},
	}
}

// upcomingJobHooks list the jobs waiting for a resource group
// (https://docs.gitlab.com/api/resource_groups/#list-upcoming-jobs-for-a-specific-resource-group).
func upcomingJobHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		out := slices.Clone(items)
		if p := c.s.st.projectByID[atoi(sc.vals[0])]; p != nil {
			for _, j := range resourceJobs(c.s, p, sc.parent.key) {
				if st := j.str("status"); st == "waiting_for_resource" || st == "created" {
					out = append(out, j)
				}
			}
		}
		return out, nil
	}}
}
