package gitlab_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// CI/CD workflows through the typed managers against the fake GitLab over
// HTTP: the fake gives pipelines, jobs, variables, schedules, triggers,
// environments, runners, deploy keys and hooks GitLab's semantics
// (test/gitlabtest/pipelines.go and the files beside it).

// ciProject makes a project with a repository (README.md on main).
func ciProject(t *testing.T, gl *gitlab.Client, name string) *managers.Project {
	t.Helper()
	return must(gl.Projects.Create(ctx, gitlab.Attrs{"name": name, "initialize_with_readme": true}))(t)
}

// apiError is err's GitLab answer; it fails t when err is not one.
func apiError(t *testing.T, err error, status int) *gitlab.Error {
	t.Helper()
	var e *gitlab.Error
	if !errors.As(err, &e) || e.StatusCode != status {
		t.Fatalf("error %v, want a %d answer", err, status)
	}
	return e
}

// jobsByName lists a pipeline's jobs (newest first) by name.
func jobsByName(t *testing.T, pl *managers.ProjectPipeline, params gitlab.Params) map[string][]*managers.ProjectPipelineJob {
	t.Helper()
	out := map[string][]*managers.ProjectPipelineJob{}
	for _, j := range must(gitlab.Collect(pl.Jobs().All(ctx, params)))(t) {
		out[j.GetString("name")] = append(out[j.GetString("name")], j)
	}
	return out
}

// js renders an object's JSON, for failure messages.
func js(o interface{ MarshalJSON() ([]byte, error) }) string {
	b, _ := o.MarshalJSON()
	return string(b)
}

func status(t *testing.T, o interface{ GetString(string) string }, want string) {
	t.Helper()
	if got := o.GetString("status"); got != want {
		t.Fatalf("status %q, want %q", got, want)
	}
}

// A pipeline created from a ref runs the built-in definition when the
// repository has no .gitlab-ci.yml: build, test and a manual deploy, one
// stage after the other; a finished job keeps its trace and artifacts, the
// test job reports its tests, and the deploy job deploys to production.
func TestWorkflowPipelineJobs(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "app")
	_, err := p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "nope"})
	if e := apiError(t, err, 400); !strings.Contains(e.Message, "Reference not found") {
		t.Fatalf("unknown ref: %v", e)
	}
	pl := must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main",
		"variables": []map[string]string{{"key": "GREETING", "value": "hi"}}}))(t)
	branch := must(p.Branches().Get(ctx, "main"))(t)
	if pl.GetString("sha") != branch.Lookup("commit.id").String() || pl.GetString("source") != "api" || pl.GetInt("iid") != 1 ||
		!strings.HasSuffix(pl.GetString("web_url"), "/root/app/-/pipelines/"+pl.ID()) {
		t.Fatalf("pipeline %s", js(pl))
	}
	status(t, pl, "pending")
	vars := must(gitlab.Collect(pl.Variables().All(ctx, nil)))(t)
	if len(vars) != 1 || vars[0].GetString("key") != "GREETING" || vars[0].GetString("value") != "hi" ||
		vars[0].GetString("variable_type") != "env_var" {
		t.Fatalf("pipeline variables %v", vars)
	}
	jobs := jobsByName(t, pl, nil)
	if len(jobs) != 3 || len(jobs["build"]) != 1 {
		t.Fatalf("jobs %v", jobs)
	}
	status(t, jobs["build"][0], "pending")
	status(t, jobs["test"][0], "created")
	status(t, jobs["deploy"][0], "created")
	if l := must(gitlab.Collect(pl.Jobs().All(ctx, gitlab.Params{"scope": []string{"pending"}})))(t); len(l) != 1 {
		t.Fatalf("pending jobs %d", len(l))
	}
	// A manual deployment to production waits with its job.
	deps := must(gitlab.Collect(p.Deployments().All(ctx, nil)))(t)
	if len(deps) != 1 || deps[0].Lookup("environment.name").String() != "production" {
		t.Fatalf("deployments %v", deps)
	}
	status(t, deps[0], "created")

	pid := p.GetInt("id")
	build, test := jobs["build"][0].GetInt("id"), jobs["test"][0].GetInt("id")
	if err := srv.SetJobStatus(pid, build, "running"); err != nil {
		t.Fatal(err)
	}
	status(t, must(p.Pipelines().Get(ctx, pl.ID()))(t), "running")
	if err := srv.SetJobStatus(pid, build, "success"); err != nil {
		t.Fatal(err)
	}
	if err := srv.SetJobStatus(pid, build, "failed"); err == nil {
		t.Fatal("a finished job failed again")
	}
	status(t, must(p.Jobs().Get(ctx, test))(t), "pending")

	job := must(p.Jobs().Get(ctx, build))(t)
	status(t, job, "success")
	trace := must(job.Trace(ctx))(t)
	log := must(io.ReadAll(trace))(t)
	trace.Close()
	if !bytes.Contains(log, []byte("$ echo building\n")) || !bytes.HasSuffix(log, []byte("Job succeeded\n")) {
		t.Fatalf("trace %q", log)
	}
	art := must(job.Artifacts(ctx))(t)
	zipped := must(io.ReadAll(art))(t)
	art.Close()
	zr := must(zip.NewReader(bytes.NewReader(zipped), int64(len(zipped))))(t)
	if len(zr.File) != 1 || zr.File[0].Name != "build/output.txt" || job.Lookup("artifacts_file.size").Int() != int64(len(zipped)) {
		t.Fatalf("artifacts %v, job %s", zr.File, js(job))
	}
	one := must(job.Artifact(ctx, gitlab.Attrs{"path": "build/output.txt"}))(t)
	content := must(io.ReadAll(one))(t)
	one.Close()
	if !strings.HasPrefix(string(content), "artifact build/output.txt of job build") {
		t.Fatalf("artifact file %q", content)
	}
	byRef := must(p.Artifacts().Download(ctx, gitlab.Attrs{"ref_name": "main", "job": "build"}))(t)
	if b := must(io.ReadAll(byRef))(t); !bytes.Equal(b, zipped) {
		t.Fatal("the artifacts of main's build job differ")
	}
	byRef.Close()
	_, err = must(p.Jobs().Get(ctx, test))(t).Artifacts(ctx)
	apiError(t, err, 404)

	if err := srv.SetJobStatus(pid, test, "success"); err != nil {
		t.Fatal(err)
	}
	pl = must(p.Pipelines().Get(ctx, pl.ID()))(t)
	status(t, pl, "success") // the manual deploy job is optional
	if pl.GetString("finished_at") == "" || pl.Lookup("detailed_status.text").String() != "passed" {
		t.Fatalf("finished pipeline %s", js(pl))
	}
	report := must(pl.TestReport().Get(ctx))(t)
	if report.GetInt("total_count") != 1 || report.GetInt("success_count") != 1 || report.Lookup("test_suites.0.name").String() != "test" {
		t.Fatalf("test report %s", js(report))
	}
	summary := must(pl.TestReportSummary().Get(ctx))(t)
	if summary.Lookup("total.count").Int() != 1 || summary.Lookup("test_suites.0.build_ids.0").Int() != int64(test) {
		t.Fatalf("test report summary %s", js(summary))
	}
	latest := must(p.Pipelines().Latest(ctx, nil))(t)
	if latest.ID() != pl.ID() {
		t.Fatalf("latest pipeline %s, want %s", latest.ID(), pl.ID())
	}

	// Playing the manual job deploys.
	deploy := must(p.Jobs().Get(ctx, jobs["deploy"][0].GetInt("id")))(t)
	status(t, deploy, "manual")
	if err := deploy.Play(ctx); err != nil {
		t.Fatal(err)
	}
	status(t, deploy, "pending")
	if err := must(p.Jobs().Get(ctx, build))(t).Play(ctx); err == nil {
		t.Fatal("a job that is not manual was played")
	}
	if err := srv.SetJobStatus(pid, deploy.GetInt("id"), "success"); err != nil {
		t.Fatal(err)
	}
	dep := must(p.Deployments().Get(ctx, deps[0].ID()))(t)
	status(t, dep, "success")
	env := must(p.Environments().Get(ctx, dep.Lookup("environment.id").Int()))(t)
	if env.Lookup("last_deployment.id").String() != dep.ID() || env.GetString("tier") != "production" {
		t.Fatalf("environment %s", js(env))
	}

	// Keep, erase: the artifacts and the trace go.
	job = must(p.Jobs().Get(ctx, build))(t)
	if err := job.KeepArtifacts(ctx); err != nil || job.Attr("artifacts_expire_at").Exists() && job.GetString("artifacts_expire_at") != "" {
		t.Fatalf("keep artifacts: %v, %s", err, js(job))
	}
	if err := job.Erase(ctx); err != nil || job.GetString("erased_at") == "" {
		t.Fatalf("erase: %v, %s", err, js(job))
	}
	_, err = job.Artifacts(ctx)
	apiError(t, err, 404)
	if err := job.Erase(ctx); err == nil {
		t.Fatal("an erased job was erased again")
	}
}

// ciDefinition is a .gitlab-ci.yml with two stages, a job that may fail, a
// job that runs only on failure and a job that runs always.
const ciDefinition = `# two stages
stages:
  - compile
  - check
compile:
  stage: compile
  script:
    - make
lint:
  stage: check
  script: make lint
  allow_failure: true
unit:
  stage: check
  script: ["make test"]
  tags: [docker]
notify:
  stage: .post
  script: ./notify.sh
  when: on_failure
`

// A pipeline runs the project's .gitlab-ci.yml; a failed job fails the
// pipeline and skips what follows; retrying makes new jobs (the old ones
// are listed only with include_retried) and runs the skipped ones again;
// canceling cancels what has not finished.
func TestWorkflowPipelineRetry(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "svc")
	if _, err := p.Files().Create(ctx, gitlab.Attrs{"file_path": ".gitlab-ci.yml", "branch": "main",
		"content": "compile:\n  stage: nowhere\n  script: make\n", "commit_message": "CI"}); err != nil {
		t.Fatal(err)
	}
	_, err := p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"})
	if e := apiError(t, err, 400); !strings.Contains(e.Message, "chosen stage nowhere does not exist") {
		t.Fatalf("invalid definition: %v", e)
	}
	if _, err := p.Files().Update(ctx, ".gitlab-ci.yml", gitlab.Attrs{"branch": "main", "content": ciDefinition,
		"commit_message": "CI"}); err != nil {
		t.Fatal(err)
	}
	pl := must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"}))(t)
	jobs := jobsByName(t, pl, nil)
	if len(jobs) != 4 || jobs["unit"][0].GetStrings("tag_list")[0] != "docker" {
		t.Fatalf("jobs %v", jobs)
	}
	pid := p.GetInt("id")
	run := func(name, st string) {
		t.Helper()
		j := jobsByName(t, pl, nil)[name][0]
		if err := srv.SetJobStatus(pid, j.GetInt("id"), st); err != nil {
			t.Fatal(err)
		}
	}
	run("compile", "failed")
	pl = must(p.Pipelines().Get(ctx, pl.ID()))(t)
	status(t, pl, "running") // notify runs on failure
	jobs = jobsByName(t, pl, nil)
	status(t, jobs["lint"][0], "skipped")
	status(t, jobs["unit"][0], "skipped")
	status(t, jobs["notify"][0], "pending")
	run("notify", "success")
	status(t, must(p.Pipelines().Get(ctx, pl.ID()))(t), "failed")
	if l := must(gitlab.Collect(p.Pipelines().All(ctx, gitlab.Params{"status": "failed"})))(t); len(l) != 1 {
		t.Fatalf("failed pipelines %d", len(l))
	}
	failed := jobs["compile"][0].GetInt("id")

	if err := pl.Retry(ctx); err != nil {
		t.Fatal(err)
	}
	status(t, pl, "running") // compile pending again, notify done
	jobs = jobsByName(t, pl, nil)
	if len(jobs["compile"]) != 1 || jobs["compile"][0].GetInt("id") == failed {
		t.Fatalf("compile after retry %v", jobs["compile"])
	}
	status(t, jobs["compile"][0], "pending")
	status(t, jobs["unit"][0], "created")
	all := jobsByName(t, pl, gitlab.Params{"include_retried": true})
	if len(all["compile"]) != 2 || all["compile"][1].GetInt("id") != failed {
		t.Fatalf("compile jobs with the retried one %v", all["compile"])
	}
	run("compile", "success")
	run("unit", "failed")
	run("lint", "failed") // allowed to fail
	status(t, must(p.Pipelines().Get(ctx, pl.ID()))(t), "failed")

	unit := must(p.Jobs().Get(ctx, jobsByName(t, pl, nil)["unit"][0].GetInt("id")))(t)
	again := must(unit.Retry(ctx))(t)
	if again.ID() == unit.ID() || again.GetString("name") != "unit" {
		t.Fatalf("retried job %s", js(again))
	}
	status(t, again, "pending")
	status(t, must(p.Pipelines().Get(ctx, pl.ID()))(t), "running")
	if _, err := again.Retry(ctx); err == nil {
		t.Fatal("a pending job was retried")
	}
	if err := pl.Cancel(ctx); err != nil {
		t.Fatal(err)
	}
	status(t, pl, "canceled")
	status(t, must(p.Jobs().Get(ctx, again.ID()))(t), "canceled")
	if l := must(gitlab.Collect(p.Jobs().All(ctx, gitlab.Params{"scope": []string{"canceled", "failed"}})))(t); len(l) != 4 {
		t.Fatalf("canceled and failed jobs of the project: %d", len(l))
	}
	if err := pl.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Jobs().Get(ctx, again.ID()); !errors.Is(err, gitlab.ErrNotFound) {
		t.Fatalf("a deleted pipeline's job: %v", err)
	}
}

// A project's and a group's variables may share a key across environment
// scopes, never within one; reads, updates and deletes of such a key name
// the scope with filter[environment_scope], or GitLab answers 409.
func TestWorkflowVariablesEnvironmentScope(t *testing.T) {
	_, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "vars")
	vars := p.Variables()
	must(vars.Create(ctx, gitlab.Attrs{"key": "DB_URL", "value": "postgres://dev"}))(t)
	prod := must(vars.Create(ctx, gitlab.Attrs{"key": "DB_URL", "value": "postgres://prod", "environment_scope": "production",
		"protected": true}))(t)
	if prod.GetString("environment_scope") != "production" || !prod.GetBool("protected") {
		t.Fatalf("scoped variable %s", js(prod))
	}
	_, err := vars.Create(ctx, gitlab.Attrs{"key": "DB_URL", "value": "again", "environment_scope": "production"})
	apiError(t, err, 400)
	_, err = vars.Create(ctx, gitlab.Attrs{"key": "BAD-KEY", "value": "x"})
	apiError(t, err, 400)
	_, err = vars.Get(ctx, "DB_URL")
	if e := apiError(t, err, 409); !strings.Contains(e.Message, "filter[environment_scope]") {
		t.Fatalf("ambiguous key: %v", e)
	}
	scoped := gitlab.WithParams(gitlab.Params{"filter[environment_scope]": "production"})
	if v := must(vars.Get(ctx, "DB_URL", scoped))(t); v.GetString("value") != "postgres://prod" {
		t.Fatalf("production DB_URL %s", js(v))
	}
	if _, err := vars.Update(ctx, "DB_URL", gitlab.Attrs{"value": "postgres://prod2"}, scoped); err != nil {
		t.Fatal(err)
	}
	star := gitlab.WithParams(gitlab.Params{"filter[environment_scope]": "*"})
	if v := must(vars.Get(ctx, "DB_URL", star))(t); v.GetString("value") != "postgres://dev" {
		t.Fatalf("DB_URL for every environment %s", js(v))
	}
	if v := must(vars.Get(ctx, "DB_URL", scoped))(t); v.GetString("value") != "postgres://prod2" {
		t.Fatalf("updated production DB_URL %s", js(v))
	}
	if l := must(gitlab.Collect(vars.All(ctx, nil)))(t); len(l) != 2 {
		t.Fatalf("variables %d", len(l))
	}
	if err := vars.Delete(ctx, "DB_URL", scoped); err != nil {
		t.Fatal(err)
	}
	if v := must(vars.Get(ctx, "DB_URL"))(t); v.GetString("environment_scope") != "*" {
		t.Fatalf("the remaining DB_URL %s", js(v))
	}

	g := must(gl.Groups.Create(ctx, gitlab.Attrs{"name": "platform", "path": "platform"}))(t)
	gv := g.Variables()
	must(gv.Create(ctx, gitlab.Attrs{"key": "REGION", "value": "eu", "environment_scope": "review/*"}))(t)
	must(gv.Create(ctx, gitlab.Attrs{"key": "REGION", "value": "us"}))(t)
	_, err = gv.Update(ctx, "REGION", gitlab.Attrs{"value": "ap"})
	apiError(t, err, 409)

	iv := must(gl.Variables.Create(ctx, gitlab.Attrs{"key": "ORG", "value": "acme"}))(t)
	if iv.Has("environment_scope") {
		t.Fatalf("instance variable with a scope %s", js(iv))
	}
	_, err = gl.Variables.Create(ctx, gitlab.Attrs{"key": "ORG", "value": "other", "environment_scope": "production"})
	apiError(t, err, 400)
}

// A schedule's play creates a pipeline of its ref with its variables, by
// its owner, listed among the schedule's pipelines; another maintainer
// can take ownership.
func TestWorkflowSchedulePlay(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "nightly")
	_, err := p.PipelineSchedules().Create(ctx, gitlab.Attrs{"description": "n", "ref": "main", "cron": "61 * * * *"})
	apiError(t, err, 400)
	sch := must(p.PipelineSchedules().Create(ctx, gitlab.Attrs{"description": "nightly", "ref": "main", "cron": "0 2 * * *"}))(t)
	if sch.GetString("cron_timezone") != "UTC" || !sch.GetBool("active") || sch.GetString("next_run_at") == "" ||
		sch.Lookup("owner.username").String() != "root" {
		t.Fatalf("schedule %s", js(sch))
	}
	must(sch.Variables().Create(ctx, gitlab.Attrs{"key": "MODE", "value": "full"}))(t)
	if _, err := sch.Play(ctx); err != nil {
		t.Fatal(err)
	}
	pls := must(gitlab.Collect(sch.Pipelines().All(ctx, nil)))(t)
	if len(pls) != 1 || pls[0].GetString("source") != "schedule" || pls[0].GetString("ref") != "main" {
		t.Fatalf("schedule pipelines %v", pls)
	}
	pl := must(p.Pipelines().Get(ctx, pls[0].ID()))(t)
	vars := must(gitlab.Collect(pl.Variables().All(ctx, nil)))(t)
	if len(vars) != 1 || vars[0].GetString("key") != "MODE" {
		t.Fatalf("scheduled pipeline's variables %v", vars)
	}
	sch = must(p.PipelineSchedules().Get(ctx, sch.ID()))(t)
	if sch.Lookup("last_pipeline.id").String() != pl.ID() || sch.Lookup("variables.0.value").String() != "full" {
		t.Fatalf("schedule after play %s", js(sch))
	}

	srv.AddUser(gitlabtest.User{Username: "ops"})
	srv.AddToken("ops", "ops-token", gitlabtest.PrivateToken)
	srv.AddProjectMember(p.GetInt("id"), "ops")
	ops := must(srv.Client(gitlab.WithPrivateToken("ops-token")))(t)
	defer ops.Close()
	mine := must(ops.Projects.Lazy(p.ID()).PipelineSchedules().Get(ctx, sch.ID()))(t)
	if err := mine.TakeOwnership(ctx); err != nil || mine.Lookup("owner.username").String() != "ops" {
		t.Fatalf("take ownership: %v, %s", err, js(mine))
	}
}

// A trigger's token creates a pipeline, with the trigger owner as its user;
// another token is not found.
func TestWorkflowTrigger(t *testing.T) {
	_, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "triggered")
	trig := must(p.Triggers().Create(ctx, gitlab.Attrs{"description": "deploy bot"}))(t)
	tok := trig.GetString("token")
	if !strings.HasPrefix(tok, "glptt-") || trig.Lookup("owner.username").String() != "root" {
		t.Fatalf("trigger %s", js(trig))
	}
	anon := must(gitlab.New(gl.URL()))(t)
	defer anon.Close()
	pl := must(anon.Projects.Lazy(p.ID()).TriggerPipeline(ctx, gitlab.Attrs{"ref": "main", "token": tok,
		"variables": map[string]string{"TARGET": "staging"}}))(t)
	if pl.GetString("source") != "trigger" || pl.Lookup("user.username").String() != "root" {
		t.Fatalf("triggered pipeline %s", js(pl))
	}
	vars := must(gitlab.Collect(must(p.Pipelines().Get(ctx, pl.ID()))(t).Variables().All(ctx, nil)))(t)
	if len(vars) != 1 || vars[0].GetString("key") != "TARGET" || vars[0].GetString("value") != "staging" {
		t.Fatalf("trigger variables %v", vars)
	}
	if got := must(p.Triggers().Get(ctx, trig.ID()))(t); got.GetString("last_used") == "" {
		t.Fatalf("trigger after use %s", js(got))
	}
	_, err := anon.Projects.Lazy(p.ID()).TriggerPipeline(ctx, gitlab.Attrs{"ref": "main", "token": "glptt-wrong"})
	apiError(t, err, 404)
}

// A deploy key added to one project is enabled in another with the same
// id; the instance's list shows both projects; removing it from one keeps
// it in the other.
func TestWorkflowDeployKeyEnable(t *testing.T) {
	_, gl := gitlabtest.NewClient(t)
	a, b := ciProject(t, gl, "a"), ciProject(t, gl, "b")
	const pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheFakeGitLabOnlyxxxxxxxxxxxxxxx ci@example.com"
	k := must(a.Keys().Create(ctx, gitlab.Attrs{"title": "ci", "key": pub, "can_push": true}))(t)
	if !strings.HasPrefix(k.GetString("fingerprint_sha256"), "SHA256:") || !k.GetBool("can_push") {
		t.Fatalf("deploy key %s", js(k))
	}
	_, err := a.Keys().Create(ctx, gitlab.Attrs{"title": "again", "key": pub})
	apiError(t, err, 400)
	enabled := must(b.Keys().Enable(ctx, gitlab.Attrs{"key_id": k.GetInt("id")}))(t)
	if enabled.ID() != k.ID() || enabled.GetBool("can_push") {
		t.Fatalf("enabled key %s", js(enabled))
	}
	if l := must(gitlab.Collect(b.Keys().All(ctx, nil)))(t); len(l) != 1 || l[0].ID() != k.ID() {
		t.Fatalf("b's keys %v", l)
	}
	inst := must(gitlab.Collect(gl.DeployKeys.All(ctx, nil)))(t)
	if len(inst) != 1 || inst[0].Lookup("projects_with_write_access.0.id").Int() != int64(a.GetInt("id")) ||
		inst[0].Lookup("projects_with_readonly_access.0.id").Int() != int64(b.GetInt("id")) {
		t.Fatalf("instance deploy keys %v", inst)
	}
	_, err = b.Keys().Enable(ctx, gitlab.Attrs{"key_id": 999})
	apiError(t, err, 404)
	if err := a.Keys().Delete(ctx, k.ID()); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Keys().Get(ctx, k.ID()); err != nil {
		t.Fatalf("b lost the key: %v", err)
	}
	if err := b.Keys().Delete(ctx, k.ID()); err != nil {
		t.Fatal(err)
	}
	if l := must(gitlab.Collect(gl.DeployKeys.All(ctx, nil)))(t); len(l) != 0 {
		t.Fatalf("a key no project uses is still listed: %v", l)
	}
	tok := must(a.DeployTokens().Create(ctx, gitlab.Attrs{"name": "registry", "scopes": []string{"read_registry"}}))(t)
	if !strings.HasPrefix(tok.GetString("token"), "gldt-") || tok.GetString("username") != "gitlab+deploy-token-"+tok.ID() {
		t.Fatalf("deploy token %s", js(tok))
	}
	if l := must(gitlab.Collect(a.DeployTokens().All(ctx, nil)))(t); len(l) != 1 || l[0].Has("token") {
		t.Fatalf("listed deploy tokens show their token: %v", l)
	}
	if l := must(gitlab.Collect(gl.DeployTokens.All(ctx, nil)))(t); len(l) != 1 {
		t.Fatalf("instance deploy tokens %v", l)
	}
}

// A runner registers with a project's token, verifies its own token, is
// listed among the project's runners, takes the project's pending job it
// has the tags for and reports it; the runner's jobs list it.
func TestWorkflowRunnerJobs(t *testing.T) {
	_, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "built")
	_, err := gl.Runners.Create(ctx, gitlab.Attrs{"token": "not-a-registration-token"})
	apiError(t, err, 403)
	reg := must(gl.Runners.Create(ctx, gitlab.Attrs{"token": p.GetString("runners_token"), "description": "builder",
		"tag_list": []string{"linux"}}))(t)
	rtok := reg.GetString("token")
	if !strings.HasPrefix(rtok, "glrt-") {
		t.Fatalf("registered runner %s", js(reg))
	}
	if err := gl.Runners.Verify(ctx, gitlab.Attrs{"token": rtok}); err != nil {
		t.Fatal(err)
	}
	apiError(t, gl.Runners.Verify(ctx, gitlab.Attrs{"token": "glrt-nope"}), 403)
	runner := must(gl.Runners.Get(ctx, reg.ID()))(t)
	if runner.GetString("runner_type") != "project_type" || runner.Lookup("projects.0.id").Int() != int64(p.GetInt("id")) ||
		runner.GetString("status") != "never_contacted" {
		t.Fatalf("runner %s", js(runner))
	}
	if l := must(gitlab.Collect(p.Runners().All(ctx, gitlab.Params{"type": "project_type"})))(t); len(l) != 1 || l[0].ID() != reg.ID() {
		t.Fatalf("project runners %v", l)
	}
	shared := must(gl.Runners.Create(ctx, gitlab.Attrs{"token": gitlabtest.RunnerRegistrationToken, "run_untagged": false}))(t)
	if l := must(gitlab.Collect(gl.Runners.AllRunners(ctx, gitlab.Params{"type": "instance_type"})))(t); len(l) != 1 || l[0].ID() != shared.ID() {
		t.Fatalf("instance runners %v", l)
	}

	must(p.Variables().Create(ctx, gitlab.Attrs{"key": "TARGET", "value": "any"}))(t)
	must(p.Variables().Create(ctx, gitlab.Attrs{"key": "TARGET", "value": "prod", "environment_scope": "production"}))(t)
	pl := must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"}))(t)
	request := func(tok string) *gitlab.Response {
		t.Helper()
		return must(gl.HTTPPost(ctx, "/jobs/request", map[string]any{"token": tok}))(t)
	}
	if r := request(shared.GetString("token")); r.StatusCode != 204 {
		t.Fatalf("a runner without untagged jobs got %d %s", r.StatusCode, r.Body)
	}
	got := request(rtok)
	if got.StatusCode != 201 || got.JSON().Get("job_info.name").String() != "build" {
		t.Fatalf("job request: %d %s", got.StatusCode, got.Body)
	}
	jobID, jobToken := got.JSON().Get("id").String(), got.JSON().Get("token").String()
	// The build job deploys nowhere: only the variable of every environment.
	if v := got.JSON().Get(`variables.#(key=="TARGET")#.value`).String(); v != `["any"]` {
		t.Fatalf("TARGET for the build job: %s", v)
	}
	if v := got.JSON().Get(`variables.#(key=="CI_JOB_TOKEN").value`).String(); v != jobToken {
		t.Fatalf("CI_JOB_TOKEN %q, job token %q", v, jobToken)
	}
	job := must(p.Jobs().Get(ctx, jobID))(t)
	status(t, job, "running")
	if job.Lookup("runner.id").String() != reg.ID() {
		t.Fatalf("running job %s", js(job))
	}
	if _, err := gl.HTTPPut(ctx, "/jobs/"+jobID, map[string]any{"token": "wrong", "state": "success"}); err == nil {
		t.Fatal("a job was updated without its token")
	}
	if _, err := gl.HTTPPut(ctx, "/jobs/"+jobID, map[string]any{"token": jobToken, "state": "success",
		"trace": "built by the test\n"}); err != nil {
		t.Fatal(err)
	}
	ran := must(gitlab.Collect(must(gl.Runners.Get(ctx, reg.ID()))(t).Jobs().All(ctx, gitlab.Params{"status": "success"})))(t)
	if len(ran) != 1 || ran[0].ID() != jobID {
		t.Fatalf("runner jobs %v", ran)
	}
	trace := must(must(p.Jobs().Get(ctx, jobID))(t).Trace(ctx))(t)
	if b := must(io.ReadAll(trace))(t); string(b) != "built by the test\nJob succeeded\n" {
		t.Fatalf("trace %q", b)
	}
	trace.Close()
	status(t, jobsByName(t, pl, nil)["test"][0], "pending")

	// Assigned to a second project, then unassigned; never from its only one.
	other := ciProject(t, gl, "other")
	if _, err := other.Runners().Create(ctx, gitlab.Attrs{"runner_id": reg.GetInt("id")}); err != nil {
		t.Fatal(err)
	}
	_, err = other.Runners().Create(ctx, gitlab.Attrs{"runner_id": reg.GetInt("id")})
	apiError(t, err, 400)
	_, err = other.Runners().Create(ctx, gitlab.Attrs{"runner_id": shared.GetInt("id")})
	apiError(t, err, 403)
	if err := other.Runners().Delete(ctx, reg.ID()); err != nil {
		t.Fatal(err)
	}
	apiError(t, p.Runners().Delete(ctx, reg.ID()), 403)
	if err := gl.Runners.Delete(ctx, reg.ID()); err != nil {
		t.Fatal(err)
	}
}

// A hook test answers 201 when the project has what the event is made of,
// and 422 with GitLab's message when it has not.
func TestWorkflowHookTest(t *testing.T) {
	_, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "hooked")
	_, err := p.Hooks().Create(ctx, gitlab.Attrs{"url": "ftp://example.com"})
	apiError(t, err, 400)
	h := must(p.Hooks().Create(ctx, gitlab.Attrs{"url": "https://example.com/hook", "pipeline_events": true, "token": "secret"}))(t)
	if !h.GetBool("push_events") || !h.GetBool("pipeline_events") || h.GetBool("issues_events") || h.Has("token") ||
		!h.GetBool("enable_ssl_verification") {
		t.Fatalf("hook %s", js(h))
	}
	if r, err := h.Test(ctx, gitlab.Attrs{"trigger": "push_events"}); err != nil || r.StatusCode != 201 {
		t.Fatalf("push test: %v", err)
	}
	_, err = h.Test(ctx, gitlab.Attrs{"trigger": "pipeline_events"})
	if e := apiError(t, err, 422); e.Message != "Ensure the project has CI pipelines." {
		t.Fatalf("pipeline test without pipelines: %v", e)
	}
	must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"}))(t)
	if _, err := h.Test(ctx, gitlab.Attrs{"trigger": "pipeline_events"}); err != nil {
		t.Fatal(err)
	}
	_, err = h.Test(ctx, gitlab.Attrs{"trigger": "nonsense_events"})
	apiError(t, err, 400)

	sys := must(gl.Hooks.Create(ctx, gitlab.Attrs{"url": "https://example.com/system"}))(t)
	r := must(gl.HTTPPost(ctx, "/hooks/"+sys.ID(), nil))(t)
	if r.StatusCode != 201 || r.JSON().Get("event_name").String() != "project_create" {
		t.Fatalf("system hook test: %d %s", r.StatusCode, r.Body)
	}
}

// A deployment to a protected environment that requires an approval waits
// blocked, with its job, until another user approves it; environments are
// deleted once stopped.
func TestWorkflowDeploymentApproval(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "shop")
	if _, err := p.ProtectedEnvironments().Create(ctx, gitlab.Attrs{"name": "production",
		"deploy_access_levels": []map[string]any{{"access_level": 40}}, "required_approval_count": 1}); err != nil {
		t.Fatal(err)
	}
	pl := must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"}))(t)
	pid := p.GetInt("id")
	for _, name := range []string{"build", "test"} {
		if err := srv.SetJobStatus(pid, jobsByName(t, pl, nil)[name][0].GetInt("id"), "success"); err != nil {
			t.Fatal(err)
		}
	}
	dep := must(gitlab.Collect(p.Deployments().All(ctx, gitlab.Params{"environment": "production"})))(t)[0]
	status(t, dep, "blocked")
	_, err := dep.Approval(ctx, gitlab.Attrs{"status": "approved"})
	if e := apiError(t, err, 400); !strings.Contains(e.Message, "cannot approve your own deployment") {
		t.Fatalf("self-approval: %v", e)
	}
	srv.AddUser(gitlabtest.User{Username: "lead"})
	srv.AddToken("lead", "lead-token", gitlabtest.PrivateToken)
	srv.AddProjectMember(pid, "lead")
	lead := must(srv.Client(gitlab.WithPrivateToken("lead-token")))(t)
	defer lead.Close()
	r := must(lead.Projects.Lazy(p.ID()).Deployments().Lazy(dep.ID()).Approval(ctx, gitlab.Attrs{"status": "approved", "comment": "ship it"}))(t)
	if r.JSON().Get("status").String() != "approved" || r.JSON().Get("user.username").String() != "lead" {
		t.Fatalf("approval %s", r.Body)
	}
	status(t, must(p.Deployments().Get(ctx, dep.ID()))(t), "created")
	deploy := must(p.Jobs().Get(ctx, jobsByName(t, pl, nil)["deploy"][0].GetInt("id")))(t)
	if err := deploy.Play(ctx); err != nil {
		t.Fatal(err)
	}
	status(t, must(p.Deployments().Get(ctx, dep.ID()))(t), "created")
	if err := srv.SetJobStatus(pid, deploy.GetInt("id"), "running"); err != nil {
		t.Fatal(err)
	}
	status(t, must(p.Deployments().Get(ctx, dep.ID()))(t), "running")

	env := must(p.Environments().Create(ctx, gitlab.Attrs{"name": "review/feature-x"}))(t)
	if env.GetString("state") != "available" || env.GetString("tier") != "development" || env.GetString("slug") != "review-feature-x" {
		t.Fatalf("environment %s", js(env))
	}
	apiError(t, p.Environments().Delete(ctx, env.ID()), 403)
	if err := env.Stop(ctx); err != nil || env.GetString("state") != "stopped" {
		t.Fatalf("stop: %v, %s", err, js(env))
	}
	if err := env.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	envs := must(gitlab.Collect(p.Environments().All(ctx, nil)))(t)
	if len(envs) != 1 || envs[0].GetString("name") != "production" {
		t.Fatalf("environments %v", envs)
	}
}

// Bridges trigger child pipelines from an included file; a resource group
// lets one job run at a time.
func TestWorkflowBridgesAndResourceGroups(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "mono")
	files := map[string]string{
		"child.yml": "child-job:\n  script: echo child\n",
		".gitlab-ci.yml": `stages: [deploy, downstream]
deploy-a:
  stage: deploy
  script: ./deploy a
  resource_group: prod
deploy-b:
  stage: deploy
  script: ./deploy b
  resource_group: prod
child:
  stage: downstream
  trigger:
    include: child.yml
`,
	}
	for _, name := range []string{"child.yml", ".gitlab-ci.yml"} {
		if _, err := p.Files().Create(ctx, gitlab.Attrs{"file_path": name, "branch": "main", "content": files[name],
			"commit_message": "add " + name}); err != nil {
			t.Fatal(err)
		}
	}
	pl := must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"}))(t)
	jobs := jobsByName(t, pl, nil)
	if len(jobs) != 2 {
		t.Fatalf("jobs (bridges are not jobs) %v", jobs)
	}
	status(t, jobs["deploy-a"][0], "pending")
	status(t, jobs["deploy-b"][0], "waiting_for_resource")
	rg := must(p.ResourceGroups().Get(ctx, "prod"))(t)
	if rg.GetString("process_mode") != "unordered" {
		t.Fatalf("resource group %s", js(rg))
	}
	up := must(gitlab.Collect(rg.UpcomingJobs().All(ctx, nil)))(t)
	if len(up) != 1 || up[0].GetString("name") != "deploy-b" {
		t.Fatalf("upcoming jobs %v", up)
	}
	pid := p.GetInt("id")
	if err := srv.SetJobStatus(pid, jobs["deploy-a"][0].GetInt("id"), "success"); err != nil {
		t.Fatal(err)
	}
	status(t, jobsByName(t, pl, nil)["deploy-b"][0], "pending")
	bridges := must(gitlab.Collect(pl.Bridges().All(ctx, nil)))(t)
	if len(bridges) != 1 || bridges[0].GetString("status") != "created" {
		t.Fatalf("bridges %v", bridges)
	}
	if err := srv.SetJobStatus(pid, jobsByName(t, pl, nil)["deploy-b"][0].GetInt("id"), "success"); err != nil {
		t.Fatal(err)
	}
	bridge := must(gitlab.Collect(pl.Bridges().All(ctx, nil)))(t)[0]
	status(t, bridge, "success")
	child := must(p.Pipelines().Get(ctx, bridge.Lookup("downstream_pipeline.id").Int()))(t)
	if child.GetString("source") != "parent_pipeline" {
		t.Fatalf("child pipeline %s", js(child))
	}
	if names := slices.Collect(maps.Keys(jobsByName(t, child, nil))); len(names) != 1 || names[0] != "child-job" {
		t.Fatalf("child jobs %v", names)
	}
	status(t, must(p.Pipelines().Get(ctx, pl.ID()))(t), "success")
}

// A merge request pipeline runs on the merge request's head ref; the merge
// request lists it with its source branch's pipelines.
func TestWorkflowMergeRequestPipeline(t *testing.T) {
	_, gl := gitlabtest.NewClient(t)
	p := ciProject(t, gl, "reviewed")
	must(p.Branches().Create(ctx, gitlab.Attrs{"branch": "feature", "ref": "main"}))(t)
	mr := must(p.MergeRequests().Create(ctx, gitlab.Attrs{"source_branch": "feature", "target_branch": "main", "title": "Feature"}))(t)
	branchPl := must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "feature"}))(t)
	mrPl := must(mr.Pipelines().Create(ctx, nil))(t)
	if mrPl.GetString("ref") != "refs/merge-requests/"+mr.ID()+"/head" || mrPl.GetString("source") != "merge_request_event" {
		t.Fatalf("merge request pipeline %s", js(mrPl))
	}
	must(p.Pipelines().Create(ctx, gitlab.Attrs{"ref": "main"}))(t)
	l := must(gitlab.Collect(mr.Pipelines().All(ctx, nil)))(t)
	if len(l) != 2 || l[0].ID() != mrPl.ID() || l[1].ID() != branchPl.ID() {
		t.Fatalf("merge request pipelines %v", l)
	}
}
