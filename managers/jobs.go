package managers

import "github.com/golab/gitlab/base"

// projectJobSpec declares /projects/{project_id}/jobs.
// python-gitlab: ProjectJobManager (Project.jobs).
var projectJobSpec = &base.Spec{
	Name:        "project_job",
	Accessor:    "Jobs",
	Path:        "/projects/{project_id}/jobs",
	Parent:      "project",
	ReprAttr:    "name",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"scope", "order_by", "sort"},
	Types:       base.AttrTypes{Array: []string{"scope"}},
	DocsURL:     "https://docs.gitlab.com/api/jobs/",
	Actions: []base.Action{
		// GitLab matches the file's path as several segments (*artifact_path):
		// its slashes stay (https://docs.gitlab.com/api/job_artifacts/#download-a-single-artifact-file-by-job-id).
		{Name: "artifact", Method: "GET", Path: "artifacts/{+path}", Attrs: base.RequiredOptional{Required: []string{"path"}}, Result: base.ResultDownload},
		{Name: "artifacts", Method: "GET", Result: base.ResultDownload},
		{Name: "cancel", Result: base.ResultReplace},
		{Name: "delete_artifacts", Method: "DELETE", Path: "artifacts", Result: base.ResultNone},
		{Name: "erase", Result: base.ResultReplace},
		{Name: "keep_artifacts", Path: "artifacts/keep", Result: base.ResultReplace},
		{Name: "play", Result: base.ResultReplace},
		{Name: "retry", Result: base.ResultNew},
		{Name: "trace", Method: "GET", Result: base.ResultDownload},
	},
}

// jobTokenJobSpec declares /job: the job of the CI/CD job token that
// authenticates the request (gitlab.WithJobToken).
// GitLab API: https://docs.gitlab.com/api/jobs/#get-job-tokens-job
var jobTokenJobSpec = &base.Spec{
	Name:     "job_token_job",
	Accessor: "JobTokenJob",
	Path:     "/job",
	IDAttr:   base.IDAttrNone,
	ReprAttr: "name",
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/jobs/",
}
