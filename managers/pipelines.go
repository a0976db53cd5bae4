package managers

import "github.com/golab/gitlab/base"

// projectMergeRequestPipelineSpec declares /projects/{project_id}/merge_requests/{mr_iid}/pipelines.
// python-gitlab: ProjectMergeRequestPipelineManager (ProjectMergeRequest.pipelines).
var projectMergeRequestPipelineSpec = &base.Spec{
	Name:     "project_merge_request_pipeline",
	Accessor: "Pipelines",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/pipelines",
	Parent:   "project_merge_request",
	Ops:      base.OpList | base.OpCreate,
	DocsURL:  "https://docs.gitlab.com/api/merge_requests/#list-mr-pipelines",
}

// projectPipelineBridgeSpec declares /projects/{project_id}/pipelines/{pipeline_id}/bridges.
// python-gitlab: ProjectPipelineBridgeManager (ProjectPipeline.bridges).
var projectPipelineBridgeSpec = &base.Spec{
	Name:        "project_pipeline_bridge",
	Accessor:    "Bridges",
	Path:        "/projects/{project_id}/pipelines/{pipeline_id}/bridges",
	Parent:      "project_pipeline",
	Ops:         base.OpList,
	ListFilters: []string{"scope"},
	DocsURL:     "https://docs.gitlab.com/api/jobs/#list-pipeline-bridges",
}

// projectPipelineJobSpec declares /projects/{project_id}/pipelines/{pipeline_id}/jobs.
// python-gitlab: ProjectPipelineJobManager (ProjectPipeline.jobs).
var projectPipelineJobSpec = &base.Spec{
	Name:        "project_pipeline_job",
	Accessor:    "Jobs",
	Path:        "/projects/{project_id}/pipelines/{pipeline_id}/jobs",
	Parent:      "project_pipeline",
	ReprAttr:    "name",
	Ops:         base.OpList,
	ListFilters: []string{"scope", "include_retried"},
	Types:       base.AttrTypes{Array: []string{"scope"}},
	DocsURL:     "https://docs.gitlab.com/api/pipelines/",
}

// projectPipelineSpec declares /projects/{project_id}/pipelines.
// python-gitlab: ProjectPipelineManager (Project.pipelines).
var projectPipelineSpec = &base.Spec{
	Name:       "project_pipeline",
	Accessor:   "Pipelines",
	Path:       "/projects/{project_id}/pipelines",
	Parent:     "project",
	Ops:        base.OpsNoUpdate,
	CreatePath: "/projects/{project_id}/pipeline",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"ref"},
	},
	ListFilters: []string{
		"scope", "status", "source", "ref", "sha", "yaml_errors", "name", "username",
		"order_by", "sort",
	},
	DocsURL: "https://docs.gitlab.com/api/pipelines/",
	Actions: []base.Action{
		{Name: "latest", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Optional: []string{"ref"}}, Result: base.ResultNew},
		{Name: "cancel", Result: base.ResultReplace},
		{Name: "retry", Result: base.ResultReplace},
		// https://docs.gitlab.com/api/pipelines/#update-pipeline-metadata: its name.
		{Name: "update_metadata", Method: "PUT", Path: "metadata", Attrs: base.RequiredOptional{Required: []string{"name"}}, Result: base.ResultReplace},
	},
}

// projectPipelineScheduleSpec declares /projects/{project_id}/pipeline_schedules.
// python-gitlab: ProjectPipelineScheduleManager (Project.pipelineschedules).
var projectPipelineScheduleSpec = &base.Spec{
	Name:     "project_pipeline_schedule",
	Accessor: "PipelineSchedules",
	Path:     "/projects/{project_id}/pipeline_schedules",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"description", "ref", "cron"},
		Optional: []string{"cron_timezone", "active"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"description", "ref", "cron", "cron_timezone", "active"},
	},
	DocsURL: "https://docs.gitlab.com/api/pipeline_schedules/",
	Actions: []base.Action{
		{Name: "play"},
		{Name: "take_ownership", Result: base.ResultReplace},
	},
}

// projectPipelineSchedulePipelineSpec declares /projects/{project_id}/pipeline_schedules/{pipeline_schedule_id}/pipelines.
// python-gitlab: ProjectPipelineSchedulePipelineManager (ProjectPipelineSchedule.pipelines).
var projectPipelineSchedulePipelineSpec = &base.Spec{
	Name:     "project_pipeline_schedule_pipeline",
	Accessor: "Pipelines",
	Path:     "/projects/{project_id}/pipeline_schedules/{pipeline_schedule_id}/pipelines",
	Parent:   "project_pipeline_schedule",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/pipeline_schedules/",
}

// projectPipelineScheduleVariableSpec declares /projects/{project_id}/pipeline_schedules/{pipeline_schedule_id}/variables.
// python-gitlab: ProjectPipelineScheduleVariableManager (ProjectPipelineSchedule.variables).
var projectPipelineScheduleVariableSpec = &base.Spec{
	Name:     "project_pipeline_schedule_variable",
	Accessor: "Variables",
	Path:     "/projects/{project_id}/pipeline_schedules/{pipeline_schedule_id}/variables",
	Parent:   "project_pipeline_schedule",
	IDAttr:   "key",
	Ops:      base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"key", "value"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"key", "value"},
	},
	DocsURL: "https://docs.gitlab.com/api/pipeline_schedules/",
}

// projectPipelineTestReportSpec declares /projects/{project_id}/pipelines/{pipeline_id}/test_report.
// python-gitlab: ProjectPipelineTestReportManager (ProjectPipeline.test_report).
var projectPipelineTestReportSpec = &base.Spec{
	Name:     "project_pipeline_test_report",
	Accessor: "TestReport",
	Path:     "/projects/{project_id}/pipelines/{pipeline_id}/test_report",
	Parent:   "project_pipeline",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/pipelines/#get-a-pipelines-test-report",
}

// projectPipelineTestReportSummarySpec declares /projects/{project_id}/pipelines/{pipeline_id}/test_report_summary.
// python-gitlab: ProjectPipelineTestReportSummaryManager (ProjectPipeline.test_report_summary).
var projectPipelineTestReportSummarySpec = &base.Spec{
	Name:     "project_pipeline_test_report_summary",
	Accessor: "TestReportSummary",
	Path:     "/projects/{project_id}/pipelines/{pipeline_id}/test_report_summary",
	Parent:   "project_pipeline",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/pipelines/#get-a-pipelines-test-report-summary",
}

// projectPipelineVariableSpec declares /projects/{project_id}/pipelines/{pipeline_id}/variables.
// python-gitlab: ProjectPipelineVariableManager (ProjectPipeline.variables).
var projectPipelineVariableSpec = &base.Spec{
	Name:     "project_pipeline_variable",
	Accessor: "Variables",
	Path:     "/projects/{project_id}/pipelines/{pipeline_id}/variables",
	Parent:   "project_pipeline",
	IDAttr:   "key",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/pipelines/",
}
