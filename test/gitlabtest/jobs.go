package gitlabtest

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Jobs (https://docs.gitlab.com/api/jobs/) are items of the project_job
// collection whose ext is a *jobState; bridges are items of
// project_pipeline_bridge with one too.

// jobState is the unrendered part of a job or bridge.
type jobState struct {
	pipeline  *item
	def       *ciJob
	bridge    bool
	retried   bool
	erased    bool
	trace     []byte
	artifacts []byte // a zip archive; nil when the job kept none
	token     string // the CI job token while the job runs
	runner    *item
	started   time.Time
	queued    time.Time
	deploy    *item // the deployment the job makes
}

// jobOf returns the job's state; for a job seeded with AddObject, a blank
// one that is not kept (reads share the state lock).
func jobOf(j *item) *jobState {
	if js, ok := j.ext.(*jobState); ok {
		return js
	}
	return &jobState{def: &ciJob{name: j.str("name"), stage: j.str("stage"), when: "on_success"}}
}

// addJob creates a job (or a bridge) of the pipeline from its definition,
// with its deployment and resource group.
func (c *call) addJob(pl *item, def *ciJob) *item {
	ps := pl.ext.(*pipelineState)
	p := ps.project
	obj := map[string]any{
		"status": "created", "stage": def.stage, "name": def.name, "ref": pl.obj["ref"], "tag": pl.obj["tag"],
		"coverage": nil, "allow_failure": def.allowFailure, "started_at": nil, "finished_at": nil, "erased_at": nil,
		"duration": nil, "queued_duration": nil, "user": ps.user.basicJSON(), "commit": ps.commit,
		"project": map[string]any{"ci_job_token_scope_enabled": false}, "tag_list": nonNil(def.tags),
		"archived": false, "failure_reason": nil,
	}
	var j *item
	var e *apiError
	if def.trigger != nil {
		obj["downstream_pipeline"] = nil
		j, e = c.put("project_pipeline_bridge", []string{pid(p), pl.key}, pl, obj)
	} else {
		for k, v := range map[string]any{"artifacts": []any{}, "artifacts_expire_at": nil, "runner": nil, "runner_manager": nil} {
			obj[k] = v
		}
		j, e = c.put("project_job", []string{pid(p)}, nil, obj)
	}
	if e != nil {
		panic("gitlabtest: job: " + e.Error())
	}
	delete(j.obj, "project_id")
	delete(j.obj, "pipeline_id")
	j.obj["created_at"] = pl.obj["created_at"]
	j.obj["web_url"] = urlMarker + "/" + p.fullPath + "/-/jobs/" + j.key
	js := &jobState{pipeline: pl, def: def, bridge: def.trigger != nil, queued: c.s.now()}
	j.ext = js
	ps.jobs = append(ps.jobs, j)
	if def.environment != "" && def.envAction == "start" && !js.bridge {
		js.deploy = c.jobDeployment(p, j)
	}
	if def.resourceGroup != "" {
		c.resourceGroup(p, def.resourceGroup)
	}
	renderJob(j)
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// cloneJob retries a job: the old one is marked retried and a new job of
// the same definition is created in its place
// (https://docs.gitlab.com/api/jobs/#retry-a-job).
func (c *call) cloneJob(j *item) *item {
	js := jobOf(j)
	js.retried = true
	n := c.addJob(js.pipeline, js.def)
	renderJob(j)
	return n
}

// renderJob refreshes the pipeline a job embeds and renders it
// (https://docs.gitlab.com/api/jobs/#get-a-single-job).
func renderJob(j *item) {
	js := jobOf(j)
	if pl := js.pipeline; pl != nil {
		emb := map[string]any{}
		for _, k := range []string{"id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at", "web_url"} {
			emb[k] = pl.obj[k]
		}
		j.obj["pipeline"] = emb
	}
	j.render()
}

// jobStatus moves a job to st with what comes with it: start and finish
// times, the runner's trace lines, the artifacts of a successful job, the
// job token while it runs, its deployment's status.
func (c *call) jobStatus(j *item, st string) {
	js := jobOf(j)
	now := c.s.now()
	old := j.str("status")
	j.obj["status"] = st
	switch st {
	case "pending":
		js.queued = now
	case "running":
		js.started = now
		j.obj["started_at"] = ts(now)
		j.obj["queued_duration"] = now.Sub(js.queued).Seconds()
		js.trace = fmt.Appendf(nil, "Running with gitlab-runner 17.5.0 (fake)\n%s", runnerLine(js.runner))
		js.trace = fmt.Appendf(js.trace, "Checking out %.8s as detached HEAD (ref is %s)...\n", jobSha(j), j.str("ref"))
		for _, line := range js.def.script {
			js.trace = fmt.Appendf(js.trace, "$ %s\n", line)
		}
		if js.token == "" && js.pipeline != nil && !js.bridge {
			js.token = jobToken(j)
			c.s.st.tokens[js.token] = &token{value: js.token, kind: JobToken, userID: js.pipeline.ext.(*pipelineState).user.id,
				scopes: map[string]bool{"api": true}}
		}
	case "success", "failed", "canceled":
		if old == "running" {
			j.obj["duration"] = now.Sub(js.started).Seconds()
		}
		j.obj["finished_at"] = ts(now)
		switch st {
		case "success":
			js.trace = append(js.trace, "Job succeeded\n"...)
			c.keepArtifacts(j)
		case "failed":
			js.trace = append(js.trace, "ERROR: Job failed: exit code 1\n"...)
			j.obj["failure_reason"] = "script_failure"
		}
		if js.token != "" {
			delete(c.s.st.tokens, js.token)
			js.token = ""
		}
	case "created":
		j.obj["started_at"], j.obj["finished_at"], j.obj["duration"] = nil, nil, nil
	}
	if js.runner != nil && st == "running" {
		rs := runnerOf(js.runner)
		rs.jobs = append(rs.jobs, j)
	}
	if js.deploy != nil {
		c.deploymentFollows(js.deploy, j)
	}
	renderJob(j)
}

func runnerLine(r *item) string {
	if r == nil {
		return ""
	}
	return fmt.Sprintf("  on %s %s\n", r.str("description"), r.key)
}

func jobSha(j *item) string {
	if pl := jobOf(j).pipeline; pl != nil {
		return pl.str("sha")
	}
	return ""
}

// jobToken is a CI/CD job token (https://docs.gitlab.com/ci/jobs/ci_job_token/).
func jobToken(j *item) string {
	sum := sha1.Sum([]byte("job-token\x00" + j.key + "\x00" + j.str("created_at")))
	return "glcbt-" + hex.EncodeToString(sum[:10])
}

// keepArtifacts builds the artifacts archive of a successful job from its
// artifacts:paths (each file holding a line naming it) and lists it, with
// the trace and the JUnit report, in the job's artifacts
// (https://docs.gitlab.com/api/jobs/#get-a-single-job).
func (c *call) keepArtifacts(j *item) {
	js := jobOf(j)
	var list []any
	if len(js.def.artifacts) > 0 {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range js.def.artifacts {
			name := strings.TrimPrefix(p, "./")
			if strings.HasSuffix(name, "/") {
				name += "output.txt"
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: c.s.now().UTC()})
			if err == nil {
				fmt.Fprintf(w, "artifact %s of job %s (%s)\n", name, j.str("name"), j.key)
			}
		}
		_ = zw.Close()
		js.artifacts = buf.Bytes()
		list = append(list, map[string]any{"file_type": "archive", "size": len(js.artifacts), "filename": "artifacts.zip", "file_format": "zip"})
		j.obj["artifacts_file"] = map[string]any{"filename": "artifacts.zip", "size": len(js.artifacts)}
		j.obj["artifacts_expire_at"] = ts(c.s.now().Add(30 * 24 * time.Hour))
	}
	if js.def.junit {
		list = append(list, map[string]any{"file_type": "junit", "size": 512, "filename": "junit.xml.gz", "file_format": "gzip"})
	}
	list = append(list, map[string]any{"file_type": "trace", "size": len(js.trace), "filename": "job.log", "file_format": nil})
	j.obj["artifacts"] = list
}

// assignResources gives each resource group of the project to one job at a
// time, in the group's process mode; the others wait for the resource
// (https://docs.gitlab.com/ci/resource_groups/).
func (c *call) assignResources(p *project) {
	for _, rg := range itemsOf(c.s.collOf("project_resource_group", pid(p))) {
		var busy bool
		var waiting []*item
		for _, j := range resourceJobs(c.s, p, rg.key) {
			switch j.str("status") {
			case "pending", "running":
				busy = true
			case "waiting_for_resource":
				waiting = append(waiting, j)
			}
		}
		if busy || len(waiting) == 0 {
			continue
		}
		next := waiting[0]
		if rg.str("process_mode") == "newest_first" || rg.str("process_mode") == "newest_ready_first" {
			next = waiting[len(waiting)-1]
		}
		c.jobStatus(next, "pending")
		c.pipelineStatus(jobOf(next).pipeline)
	}
}

// resourceJobs are the project's jobs that use the resource group key,
// oldest first.
func resourceJobs(s *Server, p *project, key string) []*item {
	var out []*item
	for _, j := range itemsOf(s.collOf("project_job", pid(p))) {
		if js := jobOf(j); !js.retried && js.def.resourceGroup == key {
			out = append(out, j)
		}
	}
	return out
}

// triggerDownstream runs a bridge: the downstream pipeline of another
// project (trigger: project) or a child pipeline of the same project
// (trigger: include), on the given branch or the default one
// (https://docs.gitlab.com/ci/pipelines/downstream_pipelines/).
func (c *call) triggerDownstream(b *item) {
	js := jobOf(b)
	ps := js.pipeline.ext.(*pipelineState)
	t := js.def.trigger
	target, source, ref := ps.project, "parent_pipeline", js.pipeline.str("ref")
	if t.project != "" {
		source = "pipeline"
		target = c.s.st.projectByPath[lower(t.project)]
		if target == nil {
			c.jobStatus(b, "failed")
			b.obj["failure_reason"] = "downstream_bridge_project_not_found"
			b.render()
			return
		}
		ref = t.branch
		if ref == "" {
			ref = target.defaultBranch
		}
	}
	o := pipeOpts{source: source, user: ps.user}
	if t.project == "" {
		o.ciPath = t.include // a child pipeline runs the included file
	}
	down, e := c.createPipeline(target, ref, o)
	if e != nil {
		c.jobStatus(b, "failed")
		b.obj["failure_reason"] = "downstream_pipeline_creation_failed"
		b.render()
		return
	}
	down.ext.(*pipelineState).upstream = b
	c.downstreamChanged(b, down)
}

// downstreamChanged updates a bridge from its downstream pipeline: it
// succeeds once the pipeline is created, or mirrors its status with
// strategy: depend.
func (c *call) downstreamChanged(b, down *item) {
	js := jobOf(b)
	emb := map[string]any{}
	for _, k := range []string{"id", "sha", "ref", "status", "created_at", "updated_at", "web_url"} {
		emb[k] = down.obj[k]
	}
	b.obj["downstream_pipeline"] = emb
	st := "success"
	if js.def.trigger.depend {
		st = down.str("status")
		if !slices.Contains([]string{"success", "failed", "canceled", "skipped", "manual"}, st) {
			st = "running"
		}
	}
	if b.str("status") != st {
		if b.obj["started_at"] == nil {
			c.jobStatus(b, "running")
		}
		if st != "running" {
			c.jobStatus(b, st)
		}
		defer c.processPipeline(js.pipeline) // the stages after the bridge may go on
	}
	renderJob(b)
}

func (s *Server) registerJobRoutes() {
	s.handle("POST /projects/{id}/jobs/{job_id}/cancel", s.jobAction(cancelJob), needAuth)
	s.handle("POST /projects/{id}/jobs/{job_id}/retry", s.jobAction(retryJob), needAuth)
	s.handle("POST /projects/{id}/jobs/{job_id}/play", s.jobAction(playJob), needAuth)
	s.handle("POST /projects/{id}/jobs/{job_id}/erase", s.jobAction(eraseJob), needAuth)
	s.handle("POST /projects/{id}/jobs/{job_id}/artifacts/keep", s.jobAction(keepJobArtifacts), needAuth)
	s.handle("DELETE /projects/{id}/jobs/{job_id}/artifacts", s.jobAction(deleteJobArtifacts), needAuth)
	s.handle("DELETE /projects/{id}/artifacts", s.deleteProjectArtifacts, needAuth)
	s.handle("GET /projects/{id}/jobs/{job_id}/trace", s.jobTrace, jobOK)
	s.handle("GET /projects/{id}/jobs/{job_id}/artifacts", s.jobArtifacts, jobOK)
	s.handle("GET /projects/{id}/jobs/artifacts/{ref}/download", s.refArtifacts, jobOK)
	for depth, p := 1, "{p1}"; depth <= 4; depth, p = depth+1, p+"/{p"+strconv.Itoa(depth+1)+"}" {
		s.handle("GET /projects/{id}/jobs/{job_id}/artifacts/"+p, s.jobArtifactFile, jobOK)
		s.handle("GET /projects/{id}/jobs/artifacts/{ref}/raw/"+p, s.refArtifactFile, jobOK)
	}
	// The runner's side of the job lifecycle
	// (https://docs.gitlab.com/api/runners/; the runner API is internal to
	// GitLab Runner and not documented field by field).
	s.handle("POST /jobs/request", s.requestJob)
	s.handle("PUT /jobs/{job_id}", s.updateJob)
}

// jobFor finds the job of args[1] in the project of args[0].
func (s *Server) jobFor(c *call, write bool) (*project, *item, *apiError) {
	return s.projectObj(c, "project_job", "Job", write)
}

// jobAction wraps an action on one job: write access, then the action; it
// answers the job it returns (201, or the status it sets).
func (s *Server) jobAction(act func(c *call, j *item) (*item, int, *apiError)) handler {
	return func(c *call) *apiError {
		_, j, e := s.jobFor(c, true)
		if e != nil {
			return e
		}
		out, status, e := act(c, j)
		if e != nil {
			return e
		}
		if js := jobOf(out); js.pipeline != nil {
			c.processPipeline(js.pipeline)
		}
		if status == http.StatusNoContent {
			return c.noContent()
		}
		return c.doc(status, &out.doc)
	}
}

// cancelJob: https://docs.gitlab.com/api/jobs/#cancel-a-job (a finished
// job is answered unchanged).
func cancelJob(c *call, j *item) (*item, int, *apiError) {
	if cancelable(j) {
		c.jobStatus(j, "canceled")
	}
	return j, http.StatusCreated, nil
}

func retryable(j *item) bool {
	js := jobOf(j)
	return !js.retried && js.pipeline != nil && slices.Contains([]string{"success", "failed", "canceled"}, j.str("status"))
}

// retryJob: https://docs.gitlab.com/api/jobs/#retry-a-job (a new job; the
// jobs skipped after it run again; 403 for a job that is not finished).
func retryJob(c *call, j *item) (*item, int, *apiError) {
	if !retryable(j) {
		return nil, 0, msgErr(http.StatusForbidden, "403 Forbidden - Job is not retryable")
	}
	n := c.cloneJob(j)
	c.reopenSkipped(jobOf(j).pipeline)
	return n, http.StatusCreated, nil
}

// playJob: https://docs.gitlab.com/api/jobs/#run-a-job (a manual job
// becomes pending; a finished manual job runs again as a new job; 400
// "Unplayable Job" otherwise).
func playJob(c *call, j *item) (*item, int, *apiError) {
	js := jobOf(j)
	switch {
	case j.str("status") == "manual":
		c.enqueue(j)
		return j, http.StatusOK, nil
	case js.def.when == "manual" && retryable(j):
		n := c.cloneJob(j)
		c.enqueue(n)
		return n, http.StatusOK, nil
	}
	return nil, 0, msgErr(http.StatusBadRequest, "400 Bad request - Unplayable Job")
}

// eraseJob: https://docs.gitlab.com/api/jobs/#erase-a-job (artifacts and
// trace removed, erased_at set; 403 unless finished with something to
// erase).
func eraseJob(c *call, j *item) (*item, int, *apiError) {
	js := jobOf(j)
	if !slices.Contains(finished, j.str("status")) || js.erased || (len(js.trace) == 0 && js.artifacts == nil) {
		return nil, 0, msgErr(http.StatusForbidden, "403 Forbidden - Job is not erasable!")
	}
	js.erased, js.trace, js.artifacts = true, nil, nil
	j.obj["erased_at"] = c.s.nowTS()
	j.obj["artifacts"], j.obj["artifacts_file"], j.obj["artifacts_expire_at"] = []any{}, nil, nil
	delete(j.obj, "artifacts_file")
	renderJob(j)
	return j, http.StatusCreated, nil
}

// keepJobArtifacts: https://docs.gitlab.com/api/jobs/#keep-artifacts
// (artifacts_expire_at cleared; 404 without artifacts).
func keepJobArtifacts(c *call, j *item) (*item, int, *apiError) {
	if jobOf(j).artifacts == nil {
		return nil, 0, msgErr(http.StatusNotFound, "404 Not Found")
	}
	j.obj["artifacts_expire_at"] = nil
	renderJob(j)
	return j, http.StatusOK, nil
}

// deleteJobArtifacts: https://docs.gitlab.com/api/job_artifacts/#delete-job-artifacts (204).
func deleteJobArtifacts(c *call, j *item) (*item, int, *apiError) {
	dropArtifacts(j)
	return j, http.StatusNoContent, nil
}

func dropArtifacts(j *item) {
	js := jobOf(j)
	if js.artifacts == nil {
		return
	}
	js.artifacts = nil
	delete(j.obj, "artifacts_file")
	j.obj["artifacts_expire_at"] = nil
	var keep []any
	list, _ := j.obj["artifacts"].([]any)
	for _, a := range list {
		if m, _ := a.(map[string]any); m["file_type"] != "archive" {
			keep = append(keep, a)
		}
	}
	j.obj["artifacts"] = append([]any{}, keep...)
	renderJob(j)
}

// deleteProjectArtifacts: https://docs.gitlab.com/api/job_artifacts/#delete-project-artifacts
// (every job's archive; 202).
func (s *Server) deleteProjectArtifacts(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	for _, j := range itemsOf(s.collOf("project_job", pid(p))) {
		dropArtifacts(j)
	}
	return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
}

// serveBytes answers a download: the bytes, their type and, for an
// attachment, the file name (https://docs.gitlab.com/api/job_artifacts/).
func (c *call) serveBytes(ctype, filename string, data []byte) *apiError {
	if filename != "" {
		c.w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	}
	if data == nil {
		data = []byte{}
	}
	return c.text(http.StatusOK, ctype, data)
}

// jobTrace: https://docs.gitlab.com/api/jobs/#get-a-log-file (plain text,
// empty before the job starts and after it is erased).
func (s *Server) jobTrace(c *call) *apiError {
	_, j, e := s.jobFor(c, false)
	if e != nil {
		return e
	}
	return c.serveBytes("text/plain; charset=utf-8", "", jobOf(j).trace)
}

// jobArtifacts: https://docs.gitlab.com/api/job_artifacts/#get-job-artifacts
// (the zip archive; 404 when the job kept none).
func (s *Server) jobArtifacts(c *call) *apiError {
	_, j, e := s.jobFor(c, false)
	if e != nil {
		return e
	}
	return c.serveArchive(j)
}

func (c *call) serveArchive(j *item) *apiError {
	a := jobOf(j).artifacts
	if a == nil {
		return msgErr(http.StatusNotFound, "404 Not Found")
	}
	return c.serveBytes("application/zip", "artifacts.zip", a)
}

// jobArtifactFile: https://docs.gitlab.com/api/job_artifacts/#download-a-single-artifact-file-by-job-id.
func (s *Server) jobArtifactFile(c *call) *apiError {
	_, j, e := s.jobFor(c, false)
	if e != nil {
		return e
	}
	return c.serveArtifactFile(j, strings.Join(c.args[2:], "/"))
}

// serveArtifactFile answers one file of a job's archive.
func (c *call) serveArtifactFile(j *item, name string) *apiError {
	a := jobOf(j).artifacts
	if a == nil {
		return msgErr(http.StatusNotFound, "404 Not Found")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		return msgErr(http.StatusNotFound, "404 Not Found")
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			break
		}
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(rc)
		_ = rc.Close()
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		return c.serveBytes(ctype, path.Base(name), buf.Bytes())
	}
	return msgErr(http.StatusNotFound, "404 Not Found")
}

// refJob is the newest successful job called job= of the newest pipeline
// of ref that has one
// (https://docs.gitlab.com/api/job_artifacts/#download-the-artifacts-archive).
func (s *Server) refJob(c *call) (*item, *apiError) {
	if e := c.p.require("job"); e != nil {
		return nil, e
	}
	p, e := s.projectFor(c, false)
	if e != nil {
		return nil, e
	}
	jobs := itemsOf(s.collOf("project_job", pid(p)))
	for i := len(jobs) - 1; i >= 0; i-- {
		j := jobs[i]
		if j.str("name") == c.p.get("job") && j.str("ref") == c.args[1] && j.str("status") == "success" && jobOf(j).artifacts != nil {
			return j, nil
		}
	}
	return nil, msgErr(http.StatusNotFound, "404 Not Found")
}

func (s *Server) refArtifacts(c *call) *apiError {
	j, e := s.refJob(c)
	if e != nil {
		return e
	}
	return c.serveArchive(j)
}

// refArtifactFile: https://docs.gitlab.com/api/job_artifacts/#download-a-single-artifact-file-from-specific-tag-or-branch.
func (s *Server) refArtifactFile(c *call) *apiError {
	j, e := s.refJob(c)
	if e != nil {
		return e
	}
	return c.serveArtifactFile(j, strings.Join(c.args[2:], "/"))
}

// jobScopes are the job statuses a scope filter accepts
// (https://docs.gitlab.com/api/jobs/#list-project-jobs).
var jobScopes = []string{"created", "pending", "running", "failed", "success", "canceled", "skipped",
	"waiting_for_resource", "manual", "preparing", "scheduled"}

// scopeFilter reads scope (scope[]=a&scope[]=b or scope=a) and keeps the
// items whose status it names, newest first.
func scopeFilter(c *call, items []*item, keep func(*item) bool) ([]*item, *apiError) {
	scopes, _ := c.p.list("scope")
	for _, sc := range scopes {
		if !slices.Contains(jobScopes, sc) {
			return nil, errErr(http.StatusBadRequest, "scope does not have a valid value")
		}
	}
	var out []*item
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		if (len(scopes) == 0 || slices.Contains(scopes, it.str("status"))) && (keep == nil || keep(it)) {
			out = append(out, it)
		}
	}
	if c.p.get("sort") == "asc" {
		slices.Reverse(out)
	}
	return out, nil
}

// projectJobHooks: newest first, filtered by scope
// (https://docs.gitlab.com/api/jobs/#list-project-jobs).
func projectJobHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		return scopeFilter(c, items, nil)
	}}
}

// pipelineJobHooks list a pipeline's jobs, newest first, by scope, without
// the retried ones unless include_retried is true
// (https://docs.gitlab.com/api/jobs/#list-pipeline-jobs).
func pipelineJobHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		withRetried, _, e := c.p.boolean("include_retried")
		if e != nil {
			return nil, e
		}
		all := slices.Clone(items) // objects stored by AddObject
		if ps := pipeOf(sc.parent); ps != nil {
			for _, j := range ps.jobs {
				if !jobOf(j).bridge {
					all = append(all, j)
				}
			}
		}
		slices.SortStableFunc(all, func(a, b *item) int { return a.id - b.id })
		return scopeFilter(c, all, func(j *item) bool { return withRetried || !jobOf(j).retried })
	}}
}

// bridgeHooks list a pipeline's bridges, newest first, by scope
// (https://docs.gitlab.com/api/jobs/#list-pipeline-trigger-jobs).
func bridgeHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		return scopeFilter(c, items, nil)
	}}
}

// findJob finds a job by id in any project.
func (s *Server) findJob(id string) *item {
	prefix := kindOf("project_job").path + "|"
	for key, col := range s.st.colls {
		if strings.HasPrefix(key, prefix) && col.byKey[id] != nil {
			return col.byKey[id]
		}
	}
	return nil
}

// SetJobStatus moves a job of a pipeline as a runner would: "running"
// (from pending), then "success", "failed" or "canceled"; the pipeline
// follows (the next stage's jobs become pending, its status and times
// change), a successful job keeps its artifacts, and the trace grows. It
// reports an unknown job or a move GitLab would not make. Runners can do
// the same through the API (POST /api/v4/jobs/request, PUT
// /api/v4/jobs/:id).
func (s *Server) SetJobStatus(projectID, jobID int, status string) error {
	s.lock()
	defer s.mu.Unlock()
	j := s.findJob(strconv.Itoa(jobID))
	if j == nil || jobOf(j).pipeline == nil || jobOf(j).pipeline.ext.(*pipelineState).project.id != projectID {
		return fmt.Errorf("gitlabtest: SetJobStatus: no job %d in project %d", jobID, projectID)
	}
	c := &call{s: s, user: s.st.userByID[1]}
	from := j.str("status")
	switch {
	case status == "running" && from == "pending":
	case slices.Contains([]string{"success", "failed", "canceled"}, status) && (from == "running" || from == "pending"):
		if from == "pending" {
			c.jobStatus(j, "running")
		}
	default:
		return fmt.Errorf("gitlabtest: SetJobStatus: job %d is %s, it cannot become %s", jobID, from, status)
	}
	c.jobStatus(j, status)
	c.processPipeline(jobOf(j).pipeline)
	return nil
}

// requestJob is a runner asking for a job: the oldest pending job it may
// run (its projects, groups or the instance's shared runners, matching
// tags) starts running on it; 201 with the job's payload, 204 when none,
// 403 for an unknown runner token.
func (s *Server) requestJob(c *call) *apiError {
	r := s.runnerByToken(c.p.get("token"))
	if r == nil {
		return errForbidden
	}
	r.obj["contacted_at"] = s.nowTS()
	r.obj["status"], r.obj["online"] = "online", true
	r.render()
	if r.obj["paused"] == true {
		return c.noContent()
	}
	var pick *item
	for key, col := range s.st.colls {
		if !strings.HasPrefix(key, kindOf("project_job").path+"|") {
			continue
		}
		for _, j := range col.items {
			if j.str("status") == "pending" && jobOf(j).pipeline != nil && s.runnerCanRun(r, j) && (pick == nil || j.id < pick.id) {
				pick = j
			}
		}
	}
	if pick == nil {
		return c.noContent()
	}
	js := jobOf(pick)
	js.runner = r
	pick.obj["runner"] = runnerBasic(r)
	c.jobStatus(pick, "running")
	c.processPipeline(js.pipeline)
	ps := js.pipeline.ext.(*pipelineState)
	steps := []any{map[string]any{"name": "script", "script": nonNil(js.def.script), "timeout": 3600, "when": "on_success",
		"allow_failure": false}}
	return c.value(http.StatusCreated, map[string]any{
		"id": pick.id, "token": js.token, "allow_git_fetch": true,
		"job_info":    map[string]any{"id": pick.id, "name": pick.str("name"), "stage": pick.str("stage"), "project_id": ps.project.id, "project_name": ps.project.name},
		"git_info":    map[string]any{"repo_url": urlMarker + "/" + ps.project.fullPath + ".git", "ref": pick.str("ref"), "sha": jobSha(pick), "before_sha": js.pipeline.str("before_sha"), "ref_type": "branch"},
		"runner_info": map[string]any{"timeout": 3600},
		"variables":   jobVariables(s, pick), "steps": steps, "image": nil, "services": []any{}, "artifacts": []any{},
		"cache": []any{}, "credentials": []any{}, "dependencies": []any{}, "features": map[string]any{},
	})
}

// jobVariables are the predefined and pipeline variables a job sees
// (https://docs.gitlab.com/ci/variables/predefined_variables/).
func jobVariables(s *Server, j *item) []any {
	js := jobOf(j)
	ps := js.pipeline.ext.(*pipelineState)
	out := []any{}
	add := func(k, v string, public bool) {
		out = append(out, map[string]any{"key": k, "value": v, "public": public, "masked": !public})
	}
	add("CI", "true", true)
	add("CI_JOB_ID", j.key, true)
	add("CI_JOB_NAME", j.str("name"), true)
	add("CI_JOB_STAGE", j.str("stage"), true)
	add("CI_JOB_TOKEN", js.token, false)
	add("CI_PIPELINE_ID", js.pipeline.key, true)
	add("CI_PIPELINE_SOURCE", js.pipeline.str("source"), true)
	add("CI_PROJECT_ID", pid(ps.project), true)
	add("CI_PROJECT_PATH", ps.project.fullPath, true)
	add("CI_COMMIT_SHA", jobSha(j), true)
	add("CI_COMMIT_REF_NAME", j.str("ref"), true)
	// Instance, group (outermost first), project and pipeline variables:
	// the later wins; scoped ones apply to the job's environment
	// (https://docs.gitlab.com/ci/variables/#cicd-variable-precedence).
	for _, v := range itemsOf(s.collOf("variable")) {
		add(v.str("key"), v.str("value"), v.obj["masked"] != true)
	}
	var groups []*group
	if ps.project.ns != nil {
		for g := ps.project.ns.group; g != nil; g = g.parent {
			groups = append([]*group{g}, groups...)
		}
	}
	for _, g := range groups {
		for _, v := range scopedValues(s.collOf("group_variable", anyString(g.id)), js.def.environment) {
			add(v.str("key"), v.str("value"), v.obj["masked"] != true)
		}
	}
	for _, v := range scopedValues(s.collOf("project_variable", pid(ps.project)), js.def.environment) {
		add(v.str("key"), v.str("value"), v.obj["masked"] != true)
	}
	for _, v := range itemsOf(s.collOf("project_pipeline_variable", pid(ps.project), js.pipeline.key)) {
		add(v.str("key"), v.str("value"), true)
	}
	return out
}

// updateJob is a runner reporting a job's state with the job's token:
// running, success or failed (and canceled), with the whole trace when it
// sends one; 200.
func (s *Server) updateJob(c *call) *apiError {
	j := s.findJob(c.args[0])
	if j == nil {
		return errNotFoundPlain
	}
	js := jobOf(j)
	if js.token == "" || c.p.get("token") != js.token {
		return errForbidden
	}
	if tr, ok := c.p.str("trace"); ok {
		js.trace = []byte(tr)
	}
	switch st := c.p.get("state"); st {
	case "running", "":
	case "success", "failed", "canceled":
		c.jobStatus(j, st)
		if fr := c.p.get("failure_reason"); st == "failed" && fr != "" {
			j.obj["failure_reason"] = fr
			renderJob(j)
		}
		c.processPipeline(js.pipeline)
	default:
		return errErr(http.StatusBadRequest, "state does not have a valid value")
	}
	c.w.Header().Set("Job-Status", j.str("status"))
	return c.text(http.StatusOK, "application/json", []byte(`"200"`))
}

// gjsonField reads a field of a rendered sub-object (a user's basic JSON)
// or of a map.
func gjsonField(v any, k string) any {
	switch x := v.(type) {
	case json.RawMessage:
		return gjson.GetBytes(x, k).Value()
	case map[string]any:
		return x[k]
	}
	return nil
}

func gjsonGet(raw []byte, path string) gjson.Result { return gjson.GetBytes(raw, path) }
