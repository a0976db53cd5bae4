package managers

import "github.com/golab/gitlab/base"

// projectExternalStatusCheckSpec declares /projects/{project_id}/external_status_checks.
// python-gitlab: ProjectExternalStatusCheckManager (Project.external_status_checks).
var projectExternalStatusCheckSpec = &base.Spec{
	Name:     "project_external_status_check",
	Accessor: "ExternalStatusChecks",
	Path:     "/projects/{project_id}/external_status_checks",
	Parent:   "project",
	Ops:      base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "external_url"},
		Optional: []string{"shared_secret", "protected_branch_ids"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "external_url", "shared_secret", "protected_branch_ids"},
	},
	Types:   base.AttrTypes{Array: []string{"protected_branch_ids"}},
	DocsURL: "https://docs.gitlab.com/api/status_checks/",
}

// projectMergeRequestStatusCheckSpec declares /projects/{project_id}/merge_requests/{merge_request_iid}/status_checks.
// python-gitlab: ProjectMergeRequestStatusCheckManager (ProjectMergeRequest.status_checks).
var projectMergeRequestStatusCheckSpec = &base.Spec{
	Name:     "project_merge_request_status_check",
	Accessor: "StatusChecks",
	Path:     "/projects/{project_id}/merge_requests/{merge_request_iid}/status_checks",
	Parent:   "project_merge_request",
	Ops:      base.OpList,
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"sha", "external_status_check_id", "status"},
	},
	DocsURL: "https://docs.gitlab.com/api/status_checks/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/status_checks/#set-status-of-an-external-status-check:
		// POST .../merge_requests/:iid/status_check_responses.
		{Name: "set_status", Path: "/projects/{project_id}/merge_requests/{merge_request_iid}/status_check_responses", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"sha", "external_status_check_id", "status"}}},
		// https://docs.gitlab.com/api/status_checks/#retry-failed-status-check-for-a-merge-request
		{Name: "retry"},
	},
}
