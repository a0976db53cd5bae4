package gitlabtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The CI Lint API (https://docs.gitlab.com/api/lint/): a configuration is
// read as YAML and checked for what GitLab's static check reports first:
// YAML syntax, a mapping at the top, at least one visible job, jobs that are
// mappings with script, run, trigger or extends, stages that exist,
// variables that are a mapping. The answer is always 200: errors are in
// the body. The fake does not resolve include: nor extends:.

func (s *Server) registerLintRoutes() {
	// POST /ci/lint, the instance-wide linter of GitLab before 16.0
	// (https://docs.gitlab.com/16.0/ee/update/removals.html#post-cilint-api-endpoint-removed,
	// its answer https://docs.gitlab.com/15.11/ee/api/lint.html#validate-the-ci-yaml-configuration-deprecated):
	// status "valid" or "invalid", merged_yaml when include_merged_yaml.
	s.handle("POST /ci/lint", func(c *call) *apiError {
		if e := c.p.require("content"); e != nil {
			return e
		}
		r := lintConfig(c.p.get("content"))
		out := map[string]any{"status": "valid", "errors": r.errors, "warnings": []string{}, "includes": []any{}}
		if !r.valid() {
			out["status"] = "invalid"
		}
		if on, _, _ := c.p.boolean("include_merged_yaml"); on {
			out["merged_yaml"] = r.merged
		}
		r.addJobs(c, out)
		return c.value(http.StatusOK, out)
	}, needAuth)
	s.handle("POST /projects/{id}/ci/lint", s.lintProjectContent, needAuth)
	s.handle("GET /projects/{id}/ci/lint", s.lintProjectConfig, needAuth)
}

// lintResult is what the linter found.
type lintResult struct {
	errors []string
	merged string
	jobs   []map[string]any
}

func (r *lintResult) valid() bool { return len(r.errors) == 0 }

// answer is the project endpoints' entity
// (https://docs.gitlab.com/api/lint/#validate-sample-cicd-configuration).
func (r *lintResult) answer(c *call) map[string]any {
	out := map[string]any{"valid": r.valid(), "errors": r.errors, "warnings": []string{}, "merged_yaml": r.merged, "includes": []any{}}
	r.addJobs(c, out)
	return out
}

// addJobs adds the jobs when include_jobs is true.
func (r *lintResult) addJobs(c *call, out map[string]any) {
	if on, _, _ := c.p.boolean("include_jobs"); on {
		jobs := make([]any, len(r.jobs))
		for i, j := range r.jobs {
			jobs[i] = j
		}
		out["jobs"] = jobs
	}
}

// lintProjectContent: https://docs.gitlab.com/api/lint/#validate-sample-cicd-configuration
// (developers of the project; dry_run and ref are accepted, the check is
// the same static one).
func (s *Server) lintProjectContent(c *call) *apiError {
	if e := c.p.require("content"); e != nil {
		return e
	}
	if _, e := s.projectFor(c, true); e != nil {
		return e
	}
	if _, _, e := c.p.boolean("dry_run"); e != nil {
		return e
	}
	r := lintConfig(c.p.get("content"))
	return c.value(http.StatusOK, r.answer(c))
}

// lintProjectConfig: https://docs.gitlab.com/api/lint/#validate-a-projects-cicd-configuration
// (.gitlab-ci.yml at content_ref, else dry_run_ref, else the default
// branch; 404 for an unknown ref).
func (s *Server) lintProjectConfig(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	ref := p.defaultBranch
	for _, k := range []string{"content_ref", "dry_run_ref", "ref"} {
		if v := c.p.get(k); v != "" {
			ref = v
			break
		}
	}
	r := s.repoOf(p)
	cm := s.refCommit(p, r, ref)
	if cm == nil {
		return errNotFoundPlain
	}
	var content string
	if b := cm.files[".gitlab-ci.yml"]; b != nil {
		content = string(b.content)
	}
	return c.value(http.StatusOK, lintConfig(content).answer(c))
}

// lintGlobal are the top-level keywords that are no jobs
// (https://docs.gitlab.com/ci/yaml/#global-keywords, and the
// deprecated globally-defined image, services, cache, before_script,
// after_script).
var lintGlobal = []string{"default", "include", "stages", "variables", "workflow", "spec",
	"image", "services", "cache", "before_script", "after_script", "types"}

// lintDefaultStages are the stages of a configuration without stages:
// (https://docs.gitlab.com/ci/yaml/#stages).
var lintDefaultStages = []string{"build", "test", "deploy"}

// lintConfig checks a configuration with the messages of GitLab's static
// check (Gitlab::Ci::YamlProcessor).
func lintConfig(content string) *lintResult {
	r := &lintResult{errors: []string{}, jobs: []map[string]any{}}
	if strings.TrimSpace(content) == "" {
		r.errors = append(r.errors, "Please provide content of .gitlab-ci.yml")
		return r
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(content), &root); err != nil {
		r.errors = append(r.errors, "(<unknown>): "+strings.TrimPrefix(err.Error(), "yaml: "))
		return r
	}
	var cfg map[string]any
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode || root.Decode(&cfg) != nil {
		r.errors = append(r.errors, "Invalid configuration format")
		return r
	}
	if merged, err := yaml.Marshal(cfg); err == nil {
		r.merged = "---\n" + string(merged)
	}
	stages := lintDefaultStages
	if v, ok := cfg["stages"]; ok {
		list, isList := v.([]any)
		if !isList {
			r.errors = append(r.errors, "stages config should be an array of strings")
			return r
		}
		stages = make([]string, len(list))
		for i, x := range list {
			stages[i] = fmt.Sprint(x)
		}
	}
	stages = append(append([]string{".pre"}, stages...), ".post")
	if v, ok := cfg["variables"]; ok {
		if _, isMap := v.(map[string]any); !isMap {
			r.errors = append(r.errors, "variables config should be a hash of key value pairs")
		}
	}
	visible := 0
	keys := root.Content[0].Content // keys and values, in their order
	for i := 0; i < len(keys); i += 2 {
		name := keys[i].Value
		if slices.Contains(lintGlobal, name) || strings.HasPrefix(name, ".") {
			continue
		}
		visible++
		job, isMap := cfg[name].(map[string]any)
		if !isMap {
			r.errors = append(r.errors, "jobs:"+name+" config should be a hash")
			continue
		}
		_, script := job["script"]
		_, run := job["run"]
		_, trigger := job["trigger"]
		_, extends := job["extends"]
		if !script && !run && !trigger && !extends {
			r.errors = append(r.errors, "jobs:"+name+" config should implement the script:, run:, or trigger: keyword")
			continue
		}
		stage := "test"
		if v, ok := job["stage"]; ok {
			stage = fmt.Sprint(v)
		}
		if !slices.Contains(stages, stage) {
			r.errors = append(r.errors, fmt.Sprintf("%s job: chosen stage %s does not exist; available stages are %s",
				name, stage, strings.Join(stages, ", ")))
			continue
		}
		r.jobs = append(r.jobs, lintJob(name, stage, job))
	}
	if visible == 0 {
		r.errors = append(r.errors, "jobs config should contain at least one visible job")
	}
	if !r.valid() {
		r.jobs = []map[string]any{}
	}
	return r
}

// lintJob is a job of include_jobs.
func lintJob(name, stage string, job map[string]any) map[string]any {
	when := "on_success"
	if v, ok := job["when"].(string); ok {
		when = v
	}
	allow, _ := job["allow_failure"].(bool)
	out := map[string]any{"name": name, "stage": stage, "when": when, "allow_failure": allow,
		"tag_list": lintList(job["tags"]), "only": nil, "except": nil, "environment": job["environment"],
		"before_script": lintList(job["before_script"]), "script": lintList(job["script"]), "after_script": lintList(job["after_script"])}
	if _, ok := job["rules"]; !ok {
		out["only"] = map[string]any{"refs": []string{"branches", "tags"}}
	}
	return out
}

// lintList is a script or tag list as GitLab gives it: always a list.
func lintList(v any) []any {
	switch x := v.(type) {
	case nil:
		return []any{}
	case []any:
		return x
	default:
		return []any{x}
	}
}
