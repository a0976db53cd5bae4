package gitlabtest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Pipelines (https://docs.gitlab.com/api/pipelines/) live in the generic
// store's project_pipeline collection; their jobs in project_job (so
// /projects/:id/jobs/:job_id finds them), their bridges in
// project_pipeline_bridge and their variables in project_pipeline_variable.
// What is not rendered (the definition, the jobs in order, the creator) is
// the pipeline item's ext, a *pipelineState.

// pipelineState is the unrendered part of a pipeline.
type pipelineState struct {
	project  *project
	def      *ciDef
	jobs     []*item // jobs and bridges in creation order, retried ones included
	user     *user
	commit   map[string]any
	schedule string // the key of the schedule that created it
	mr       *item  // the merge request of a merge request pipeline
	upstream *item  // the bridge that triggered it
	started  time.Time
}

// pipeVar is a variable given to a new pipeline.
type pipeVar struct{ key, value, typ string }

// pipeOpts says how a pipeline is created: its source, variables and user,
// the schedule that creates it, and the definition file when it is not
// .gitlab-ci.yml (a child pipeline's include).
type pipeOpts struct {
	source   string
	vars     []pipeVar
	user     *user
	schedule string
	ciPath   string
	mr       *item // a merge request pipeline's merge request
}

func kindOf(name string) *kind { return kindsFn().kinds[name] }

// collOf is the store's collection of the declaration called name under the
// canonical placeholder values vals (nil when it was never written).
func (s *Server) collOf(name string, vals ...string) *coll {
	return s.st.colls[collKey(kindOf(name), vals)]
}

func itemsOf(col *coll) []*item {
	if col == nil {
		return nil
	}
	return col.items
}

func pid(p *project) string { return strconv.Itoa(p.id) }

// ciFile is the project's CI definition at a commit: .gitlab-ci.yml when
// the commit holds one, else builtinCI
// (https://docs.gitlab.com/ci/pipelines/settings/#specify-a-custom-cicd-configuration-file).
func ciFile(cm *commit, path string) (string, *apiError) {
	if path == "" {
		path = ".gitlab-ci.yml"
	} else if cm.files[path] == nil {
		return "", ciError("Local file `" + path + "` does not exist!")
	}
	if b := cm.files[path]; b != nil {
		return string(b.content), nil
	}
	return builtinCI, nil
}

// createPipeline runs the definition at ref: a pipeline with its jobs and
// bridges, the deployments and resource groups they name, processed once
// (the first stage's jobs pending). Errors are GitLab's 400s
// (https://docs.gitlab.com/api/pipelines/#create-a-new-pipeline).
func (c *call) createPipeline(p *project, ref string, o pipeOpts) (*item, *apiError) {
	r := c.s.repoOf(p)
	cm := p.resolveRef(r, ref)
	if cm == nil {
		return nil, ciError("Reference not found")
	}
	src, e := ciFile(cm, o.ciPath)
	if e != nil {
		return nil, e
	}
	def, e := parseCI(src)
	if e != nil {
		return nil, e
	}
	u := o.user
	_, isBranch := r.branches[ref]
	shown := ref
	if o.mr != nil {
		// A merge request pipeline runs on the merge request's head ref
		// (https://docs.gitlab.com/ci/pipelines/merge_request_pipelines/).
		shown, isBranch = "refs/merge-requests/"+o.mr.key+"/head", true
	}
	prev := ""
	if len(cm.parents) > 0 {
		prev = cm.parents[0]
	} else {
		prev = strings.Repeat("0", 40)
	}
	obj := map[string]any{
		"name": nil, "status": "created", "source": o.source, "ref": shown, "sha": cm.id, "before_sha": prev,
		"tag": !isBranch && ref != cm.id && ref != "HEAD", "yaml_errors": nil, "user": u.basicJSON(),
		"started_at": nil, "finished_at": nil, "committed_at": nil, "duration": nil, "queued_duration": nil,
		"coverage": nil, "archived": false,
	}
	pl, e := c.put("project_pipeline", []string{pid(p)}, nil, obj)
	if e != nil {
		return nil, e
	}
	col := c.s.collOf("project_pipeline", pid(p))
	col.next++
	pl.obj["iid"] = col.next
	pl.obj["web_url"] = urlMarker + "/" + p.fullPath + "/-/pipelines/" + pl.key
	ps := &pipelineState{project: p, def: def, user: u, commit: commitJSON(p, cm), schedule: o.schedule, mr: o.mr}
	pl.ext = ps
	for _, v := range o.vars {
		if _, e := c.put("project_pipeline_variable", []string{pid(p), pl.key}, pl,
			map[string]any{"key": v.key, "value": v.value, "variable_type": v.typ}); e != nil {
			return nil, e
		}
	}
	for _, stage := range def.stages {
		for _, j := range def.jobs {
			if j.stage == stage {
				c.addJob(pl, j)
			}
		}
	}
	c.processPipeline(pl)
	return pl, nil
}

// pipelineVars reads the variables of a create: an array of {key, value,
// variable_type} hashes, or (triggers) a hash of key to value
// (https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token).
func pipelineVars(v any) ([]pipeVar, *apiError) {
	var out []pipeVar
	switch x := v.(type) {
	case nil:
	case []any:
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok || anyString(m["key"]) == "" {
				return nil, invalid("variables")
			}
			typ := anyString(m["variable_type"])
			if typ == "" {
				typ = "env_var"
			}
			out = append(out, pipeVar{key: anyString(m["key"]), value: anyString(m["value"]), typ: typ})
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, pipeVar{key: k, value: anyString(x[k]), typ: "env_var"})
		}
	default:
		return nil, invalid("variables")
	}
	return out, nil
}

// latestJobs are the pipeline's jobs and bridges that were not retried.
func (ps *pipelineState) latestJobs() []*item {
	out := make([]*item, 0, len(ps.jobs))
	for _, j := range ps.jobs {
		if !jobOf(j).retried {
			out = append(out, j)
		}
	}
	return out
}

// compositeStatus folds job statuses into a stage's or pipeline's status,
// as GitLab's Ci::Status::Composite does: jobs allowed to fail and optional
// manual jobs do not block (https://docs.gitlab.com/ci/jobs/job_control/#types-of-manual-jobs).
func compositeStatus(jobs []*item) string {
	set := map[string]bool{}
	for _, j := range jobs {
		st := j.str("status")
		if j.obj["allow_failure"] == true && (st == "failed" || st == "canceled" || st == "manual") {
			st = "ignored"
		}
		set[st] = true
	}
	only := func(ok ...string) bool {
		for st := range set {
			if !slices.Contains(ok, st) {
				return false
			}
		}
		return true
	}
	anyOf := func(xs ...string) bool { return slices.ContainsFunc(xs, func(x string) bool { return set[x] }) }
	switch {
	case len(set) == 0:
		return "created"
	case only("skipped", "ignored"):
		return "skipped"
	case only("success", "skipped", "ignored"):
		return "success"
	case only("created", "ignored"):
		return "created"
	case only("canceled", "success", "skipped", "ignored"):
		return "canceled"
	case only("pending", "created", "skipped", "ignored"):
		return "pending"
	case anyOf("running", "pending"):
		return "running"
	case anyOf("waiting_for_resource"):
		return "waiting_for_resource"
	case anyOf("manual"):
		return "manual"
	case anyOf("created"):
		return "running"
	}
	return "failed"
}

var finished = []string{"success", "failed", "canceled", "skipped"}

// processPipeline moves the created jobs of each stage on once the stages
// before it are done (pending, manual or skipped by their when:), hands
// resource groups to one job at a time, then derives the pipeline's status
// and times (https://docs.gitlab.com/ci/pipelines/#types-of-pipelines,
// https://docs.gitlab.com/ci/yaml/#when).
func (c *call) processPipeline(pl *item) {
	ps := pl.ext.(*pipelineState)
	latest := ps.latestJobs()
	for i, stage := range ps.def.stages {
		var before []*item
		for _, j := range latest {
			if slices.Index(ps.def.stages, j.str("stage")) < i {
				before = append(before, j)
			}
		}
		prior := compositeStatus(before)
		if len(before) == 0 {
			prior = "success"
		}
		for _, j := range latest {
			if j.str("stage") != stage || j.str("status") != "created" {
				continue
			}
			switch when := jobOf(j).def.when; {
			case prior == "success" || prior == "skipped":
				switch when {
				case "manual":
					c.jobStatus(j, "manual")
				case "on_failure":
					c.jobStatus(j, "skipped")
				default:
					c.enqueue(j)
				}
			case prior == "failed" || prior == "canceled":
				if when == "on_failure" || when == "always" {
					c.enqueue(j)
				} else {
					c.jobStatus(j, "skipped")
				}
			}
		}
	}
	c.assignResources(ps.project)
	c.pipelineStatus(pl)
}

// enqueue makes a created job pending, or triggers a bridge's downstream
// pipeline.
func (c *call) enqueue(j *item) {
	js := jobOf(j)
	if js.bridge {
		c.triggerDownstream(j)
		return
	}
	if js.def.resourceGroup != "" {
		c.jobStatus(j, "waiting_for_resource")
		return
	}
	c.jobStatus(j, "pending")
}

// pipelineStatus derives the pipeline's status, times and detailed status
// from its jobs, and re-renders them with it.
func (c *call) pipelineStatus(pl *item) {
	ps := pl.ext.(*pipelineState)
	latest := ps.latestJobs()
	st := compositeStatus(latest)
	now := c.s.now()
	if st != "created" && st != "pending" && pl.obj["started_at"] == nil && slices.ContainsFunc(latest, func(j *item) bool {
		return j.obj["started_at"] != nil
	}) {
		pl.obj["started_at"], ps.started = ts(now), now
	}
	if slices.Contains(finished, st) {
		if pl.obj["finished_at"] == nil {
			pl.obj["finished_at"] = ts(now)
			if !ps.started.IsZero() {
				pl.obj["duration"] = int(now.Sub(ps.started).Seconds())
			}
		}
	} else {
		pl.obj["finished_at"], pl.obj["duration"] = nil, nil
	}
	changed := pl.obj["status"] != st
	pl.obj["status"] = st
	pl.obj["detailed_status"] = detailedStatus(st, "/"+ps.project.fullPath+"/-/pipelines/"+pl.key)
	pl.obj["updated_at"] = ts(now)
	pl.obj["coverage"] = nil
	pl.render()
	for _, j := range ps.jobs {
		renderJob(j)
	}
	if changed && ps.upstream != nil {
		c.downstreamChanged(ps.upstream, pl)
	}
}

// detailedStatus is the status as GitLab's UI shows it
// (https://docs.gitlab.com/api/pipelines/#get-a-single-pipeline).
func detailedStatus(st, path string) map[string]any {
	text := map[string]string{"success": "passed", "manual": "blocked", "waiting_for_resource": "waiting"}[st]
	if text == "" {
		text = st
	}
	label := text
	if st == "manual" {
		label = "waiting for manual action"
	}
	return map[string]any{"icon": "status_" + st, "text": text, "label": label, "group": st, "tooltip": label,
		"has_details": true, "details_path": path, "illustration": nil,
		"favicon": "/assets/ci_favicons/favicon_status_" + st + ".png"}
}

func (s *Server) registerPipelineRoutes() {
	s.handle("POST /projects/{id}/pipeline", s.postPipeline, needAuth)
	s.handle("GET /projects/{id}/pipelines/latest", s.latestPipeline)
	s.handle("POST /projects/{id}/pipelines/{pipeline_id}/retry", s.retryPipeline, needAuth)
	s.handle("POST /projects/{id}/pipelines/{pipeline_id}/cancel", s.cancelPipeline, needAuth)
	s.handle("GET /projects/{id}/pipelines/{pipeline_id}/test_report", s.testReport)
	s.handle("GET /projects/{id}/pipelines/{pipeline_id}/test_report_summary", s.testReportSummary)
	s.handle("POST /projects/{id}/trigger/pipeline", s.triggerPipeline)
	s.handle("POST /projects/{id}/merge_requests/{iid}/pipelines", s.postMRPipeline, needAuth)
	s.handle("POST /projects/{id}/pipeline_schedules/{schedule_id}/play", s.playSchedule, needAuth)
	s.handle("POST /projects/{id}/pipeline_schedules/{schedule_id}/take_ownership", s.takeSchedule, needAuth)
}

// postPipeline: https://docs.gitlab.com/api/pipelines/#create-a-new-pipeline
// (ref required, variables as an array of hashes; source "api"; 201).
func (s *Server) postPipeline(c *call) *apiError {
	if e := c.p.require("ref"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	vars, e := pipelineVars(c.p["variables"])
	if e != nil {
		return e
	}
	pl, e := c.createPipeline(p, c.p.get("ref"), pipeOpts{source: "api", vars: vars, user: c.user})
	if e != nil {
		return e
	}
	return c.doc(http.StatusCreated, &pl.doc)
}

// pipelineFor finds the pipeline of args[1] in the project of args[0];
// write also checks write access.
func (s *Server) pipelineFor(c *call, write bool) (*project, *item, *apiError) {
	p, it, e := s.projectObj(c, "project_pipeline", "Pipeline", write)
	if e != nil {
		return nil, nil, e
	}
	if _, ok := it.ext.(*pipelineState); !ok && write {
		it.ext = pipeOf(it) // seeded with AddObject: a pipeline without jobs
		it.ext.(*pipelineState).project = p
	}
	return p, it, nil
}

// pipeOf returns the pipeline's state; for a pipeline seeded with
// AddObject, a blank one without jobs that is not kept.
func pipeOf(pl *item) *pipelineState {
	if ps, ok := pl.ext.(*pipelineState); ok {
		return ps
	}
	return &pipelineState{def: &ciDef{}, user: &user{}}
}

// latestPipeline: https://docs.gitlab.com/api/pipelines/#get-the-latest-pipeline
// (the newest pipeline of ref, by default the default branch; 404 when none).
func (s *Server) latestPipeline(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	ref := c.p.get("ref")
	if ref == "" {
		ref = p.defaultBranch
	}
	items := itemsOf(s.collOf("project_pipeline", pid(p)))
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].str("ref") == ref {
			return c.doc(http.StatusOK, &items[i].doc)
		}
	}
	return errNotFoundPlain
}

// retryPipeline: https://docs.gitlab.com/api/pipelines/#retry-jobs-in-a-pipeline
// (failed and canceled jobs get new jobs, the jobs skipped after them run
// again; 201 with the pipeline).
func (s *Server) retryPipeline(c *call) *apiError {
	_, pl, e := s.pipelineFor(c, true)
	if e != nil {
		return e
	}
	ps := pl.ext.(*pipelineState)
	retried := false
	for _, j := range ps.latestJobs() {
		if st := j.str("status"); st == "failed" || st == "canceled" {
			c.cloneJob(j)
			retried = true
		}
	}
	if retried {
		c.reopenSkipped(pl)
		pl.obj["finished_at"] = nil
	}
	c.processPipeline(pl)
	return c.doc(http.StatusCreated, &pl.doc)
}

// reopenSkipped makes the skipped jobs of a pipeline created again, for
// their stage to decide anew after a retry.
func (c *call) reopenSkipped(pl *item) {
	for _, j := range pl.ext.(*pipelineState).latestJobs() {
		if j.str("status") == "skipped" {
			c.jobStatus(j, "created")
		}
	}
}

// cancelPipeline: https://docs.gitlab.com/api/pipelines/#cancel-a-pipelines-jobs
// (every job not yet finished, but manual ones, is canceled; 200 with the
// pipeline).
func (s *Server) cancelPipeline(c *call) *apiError {
	_, pl, e := s.pipelineFor(c, true)
	if e != nil {
		return e
	}
	for _, j := range pl.ext.(*pipelineState).latestJobs() {
		if cancelable(j) {
			c.jobStatus(j, "canceled")
		}
	}
	c.processPipeline(pl)
	return c.doc(http.StatusOK, &pl.doc)
}

func cancelable(j *item) bool {
	switch j.str("status") {
	case "created", "pending", "running", "waiting_for_resource", "preparing", "scheduled":
		return true
	}
	return false
}

// junitCases are the test cases a finished job with a JUnit report
// contributes: one per script line, passed or failed with the job.
func junitCases(j *item) []map[string]any {
	js := jobOf(j)
	st := j.str("status")
	if js.def == nil || !js.def.junit || (st != "success" && st != "failed") || js.erased {
		return nil
	}
	var out []map[string]any
	for i, line := range js.def.script {
		cs := map[string]any{"status": "success", "name": line, "classname": j.str("name"), "file": nil,
			"execution_time": 0.1, "system_output": nil, "stack_trace": nil, "recent_failures": nil}
		if st == "failed" && i == len(js.def.script)-1 {
			cs["status"], cs["system_output"] = "failed", "exit code 1"
		}
		out = append(out, cs)
	}
	return out
}

// suites are the test suites of a pipeline: one per job with a report.
func suites(pl *item) (out []map[string]any) {
	for _, j := range pipeOf(pl).latestJobs() {
		cases := junitCases(j)
		if len(cases) == 0 {
			continue
		}
		ok, bad := 0, 0
		for _, cs := range cases {
			if cs["status"] == "success" {
				ok++
			} else {
				bad++
			}
		}
		out = append(out, map[string]any{"name": j.str("name"), "total_time": 0.1 * float64(len(cases)),
			"total_count": len(cases), "success_count": ok, "failed_count": bad, "skipped_count": 0, "error_count": 0,
			"suite_error": nil, "test_cases": cases, "build_ids": []int{j.id}})
	}
	return out
}

// testReport: https://docs.gitlab.com/api/pipelines/#get-a-pipelines-test-report.
func (s *Server) testReport(c *call) *apiError {
	_, pl, e := s.pipelineFor(c, false)
	if e != nil {
		return e
	}
	ss := suites(pl)
	tot := map[string]any{"total_time": 0.0, "total_count": 0, "success_count": 0, "failed_count": 0, "skipped_count": 0, "error_count": 0}
	for _, su := range ss {
		delete(su, "build_ids")
		tot["total_time"] = tot["total_time"].(float64) + su["total_time"].(float64)
		for _, k := range []string{"total_count", "success_count", "failed_count", "skipped_count", "error_count"} {
			tot[k] = tot[k].(int) + su[k].(int)
		}
	}
	if ss == nil {
		ss = []map[string]any{}
	}
	tot["test_suites"] = ss
	return c.value(http.StatusOK, tot)
}

// testReportSummary: https://docs.gitlab.com/api/pipelines/#get-a-pipelines-test-report-summary.
func (s *Server) testReportSummary(c *call) *apiError {
	_, pl, e := s.pipelineFor(c, false)
	if e != nil {
		return e
	}
	ss := suites(pl)
	tot := map[string]any{"time": 0.0, "count": 0, "success": 0, "failed": 0, "skipped": 0, "error": 0, "suite_error": nil}
	for _, su := range ss {
		delete(su, "test_cases")
		tot["time"] = tot["time"].(float64) + su["total_time"].(float64)
		tot["count"] = tot["count"].(int) + su["total_count"].(int)
		tot["success"] = tot["success"].(int) + su["success_count"].(int)
		tot["failed"] = tot["failed"].(int) + su["failed_count"].(int)
	}
	if ss == nil {
		ss = []map[string]any{}
	}
	return c.value(http.StatusOK, map[string]any{"total": tot, "test_suites": ss})
}

// pipelineListParams are the documented values of the list's enums
// (https://docs.gitlab.com/api/pipelines/#list-project-pipelines).
var pipelineOrders = []string{"id", "status", "ref", "updated_at", "user_id"}

// pipelineHooks: newest first, filtered by scope, status, source, ref, sha,
// name, username, yaml_errors, updated_after and updated_before, ordered by
// order_by and sort; deleting a pipeline deletes its jobs.
func pipelineHooks() *hooks {
	return &hooks{
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			order, sort, e := c.orderParams(pipelineOrders, "id", "desc")
			if e != nil {
				return nil, e
			}
			scope := c.p.get("scope")
			if scope != "" && !slices.Contains([]string{"running", "pending", "finished", "branches", "tags"}, scope) {
				return nil, errErr(http.StatusBadRequest, "scope does not have a valid value")
			}
			var out []*item
			for _, it := range items {
				if pipelineMatches(c, it, scope) {
					out = append(out, it)
				}
			}
			sortByKey(out, func(it *item) string {
				if order == "id" {
					return ""
				}
				if order == "user_id" {
					return fmt.Sprintf("%012d", int(toFloat(gjsonField(it.obj["user"], "id"))))
				}
				return anyString(it.obj[order])
			}, func(it *item) int { return it.id })
			if sort == "desc" {
				slices.Reverse(out)
			}
			return out, nil
		},
		delete: func(c *call, sc *scope, it *item) *apiError {
			if ps, ok := it.ext.(*pipelineState); ok {
				jobs := c.s.collOf("project_job", pid(ps.project))
				for _, j := range ps.jobs {
					if jobs != nil {
						jobs.remove(j.key)
					}
				}
			}
			return nil
		},
	}
}

func pipelineMatches(c *call, it *item, scope string) bool {
	st := it.str("status")
	switch scope {
	case "running", "pending":
		if st != scope {
			return false
		}
	case "finished":
		if !slices.Contains(finished, st) {
			return false
		}
	case "branches", "tags":
		if (it.obj["tag"] == true) != (scope == "tags") {
			return false
		}
	}
	for _, k := range []string{"status", "source", "ref", "sha", "name"} {
		if v, ok := c.p.str(k); ok && anyString(it.obj[k]) != v {
			return false
		}
	}
	if v, ok := c.p.str("username"); ok && anyString(gjsonField(it.obj["user"], "username")) != v {
		return false
	}
	if b, ok, _ := c.p.boolean("yaml_errors"); ok && (it.obj["yaml_errors"] != nil) != b {
		return false
	}
	if v, ok := c.p.str("updated_after"); ok && it.str("updated_at") <= v {
		return false
	}
	if v, ok := c.p.str("updated_before"); ok && it.str("updated_at") >= v {
		return false
	}
	return true
}

// postMRPipeline: https://docs.gitlab.com/api/merge_requests/#create-merge-request-pipeline
// (the source branch's head, source merge_request_event; 201).
func (s *Server) postMRPipeline(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	mr, e := findIssuable(mrsOf(p), c.args[1])
	if e != nil {
		return e
	}
	pl, e := c.createPipeline(p, mr.str("source_branch"), pipeOpts{source: "merge_request_event", user: c.user, mr: mr})
	if e != nil {
		return e
	}
	return c.doc(http.StatusCreated, &pl.doc)
}

// mrPipelineHooks list a merge request's pipelines, newest first: those
// created for it and those of its source branch
// (https://docs.gitlab.com/api/merge_requests/#list-merge-request-pipelines).
func mrPipelineHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		out := slices.Clone(items)
		for _, pl := range itemsOf(c.s.collOf("project_pipeline", pid(sc.project))) {
			if ps := pipeOf(pl); ps.mr == sc.mr || pl.str("ref") == sc.mr.str("source_branch") {
				out = append(out, pl)
			}
		}
		slices.Reverse(out)
		return out, nil
	}}
}
