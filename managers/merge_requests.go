package managers

import "github.com/golab/gitlab/base"

// groupMergeRequestSpec declares /groups/{group_id}/merge_requests.
// python-gitlab: GroupMergeRequestManager (Group.mergerequests).
var groupMergeRequestSpec = &base.Spec{
	Name:     "group_merge_request",
	Accessor: "MergeRequests",
	Path:     "/groups/{group_id}/merge_requests",
	Parent:   "group",
	ReprAttr: "title",
	Ops:      base.OpList,
	ListFilters: []string{
		"state", "order_by", "sort", "milestone", "view", "labels", "created_after",
		"created_before", "updated_after", "updated_before", "scope", "author_id",
		"assignee_id", "approver_ids", "approved_by_ids", "my_reaction_emoji",
		"source_branch", "target_branch", "search", "wip",
	},
	Types:   base.AttrTypes{Array: []string{"approved_by_ids", "approver_ids"}, CommaSeparatedList: []string{"labels"}},
	DocsURL: "https://docs.gitlab.com/api/merge_requests/",
}

// mergeRequestSpec declares /merge_requests.
// python-gitlab: MergeRequestManager (gl.mergerequests).
var mergeRequestSpec = &base.Spec{
	Name:     "merge_request",
	Accessor: "MergeRequests",
	Path:     "/merge_requests",
	ReprAttr: "title",
	Ops:      base.OpList,
	ListFilters: []string{
		"state", "order_by", "sort", "milestone", "view", "labels",
		"with_labels_details", "with_merge_status_recheck", "created_after",
		"created_before", "updated_after", "updated_before", "scope", "author_id",
		"author_username", "assignee_id", "approver_ids", "approved_by_ids",
		"reviewer_id", "reviewer_username", "my_reaction_emoji", "source_branch",
		"target_branch", "search", "in", "wip", "not", "environment",
		"deployed_before", "deployed_after",
	},
	Types:   base.AttrTypes{Array: []string{"approved_by_ids", "approver_ids"}, CommaSeparatedList: []string{"in", "labels"}},
	DocsURL: "https://docs.gitlab.com/api/merge_requests/",
}

// projectDeploymentMergeRequestSpec declares /projects/{project_id}/deployments/{deployment_id}/merge_requests.
// python-gitlab: ProjectDeploymentMergeRequestManager (ProjectDeployment.mergerequests).
var projectDeploymentMergeRequestSpec = &base.Spec{
	Name:     "project_deployment_merge_request",
	Accessor: "MergeRequests",
	Path:     "/projects/{project_id}/deployments/{deployment_id}/merge_requests",
	Parent:   "project_deployment",
	ReprAttr: "title",
	Ops:      base.OpList,
	ListFilters: []string{
		"state", "order_by", "sort", "milestone", "view", "labels",
		"with_labels_details", "with_merge_status_recheck", "created_after",
		"created_before", "updated_after", "updated_before", "scope", "author_id",
		"author_username", "assignee_id", "approver_ids", "approved_by_ids",
		"reviewer_id", "reviewer_username", "my_reaction_emoji", "source_branch",
		"target_branch", "search", "in", "wip", "not", "environment",
		"deployed_before", "deployed_after",
	},
	Types:   base.AttrTypes{Array: []string{"approved_by_ids", "approver_ids"}, CommaSeparatedList: []string{"in", "labels"}},
	DocsURL: "https://docs.gitlab.com/api/deployments/#list-of-merge-requests-associated-with-a-deployment",
}

// projectMergeRequestDiffSpec declares /projects/{project_id}/merge_requests/{mr_iid}/versions.
// python-gitlab: ProjectMergeRequestDiffManager (ProjectMergeRequest.diffs).
var projectMergeRequestDiffSpec = &base.Spec{
	Name:     "project_merge_request_diff",
	Accessor: "Diffs",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/versions",
	Parent:   "project_merge_request",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/merge_requests/",
}

// projectMergeRequestSpec declares /projects/{project_id}/merge_requests.
// python-gitlab: ProjectMergeRequestManager (Project.mergerequests).
var projectMergeRequestSpec = &base.Spec{
	Name:     "project_merge_request",
	Accessor: "MergeRequests",
	Path:     "/projects/{project_id}/merge_requests",
	Parent:   "project",
	IDAttr:   "iid",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"source_branch", "target_branch", "title"},
		Optional: []string{
			"allow_collaboration", "allow_maintainer_to_push", "approvals_before_merge",
			"assignee_id", "assignee_ids", "description", "labels", "milestone_id",
			"remove_source_branch", "reviewer_ids", "squash", "target_project_id",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"target_branch", "assignee_id", "title", "description", "state_event",
			"labels", "milestone_id", "remove_source_branch", "discussion_locked",
			"allow_maintainer_to_push", "squash", "reviewer_ids",
		},
	},
	GetAttrs: base.RequiredOptional{Optional: []string{
		"render_html", "include_diverged_commits_count",
		"include_rebase_in_progress",
	}},
	ListFilters: []string{
		"state", "order_by", "sort", "milestone", "view", "labels", "created_after",
		"created_before", "updated_after", "updated_before", "scope", "iids",
		"author_id", "assignee_id", "approver_ids", "approved_by_ids",
		"my_reaction_emoji", "source_branch", "target_branch", "search", "wip",
	},
	Types:   base.AttrTypes{Array: []string{"approved_by_ids", "approver_ids", "iids"}, CommaSeparatedList: []string{"labels"}},
	DocsURL: "https://docs.gitlab.com/api/merge_requests/",
	Actions: []base.Action{
		{Name: "approve", Attrs: base.RequiredOptional{Optional: []string{"sha", "approval_password"}}},
		{Name: "cancel_merge_when_pipeline_succeeds", Result: base.ResultReplace},
		{Name: "changes", Method: "GET", GoMethod: "FileChanges"},
		{Name: "closes_issues", Method: "GET", Result: base.ResultList, Of: "project_issue"},
		{Name: "commits", Method: "GET", Result: base.ResultList, Of: "project_commit"},
		{Name: "merge", Method: "PUT", Attrs: base.RequiredOptional{Optional: []string{"merge_commit_message", "squash_commit_message", "squash", "should_remove_source_branch", "merge_when_pipeline_succeeds", "auto_merge", "sha"}}, Result: base.ResultReplace},
		{Name: "merge_ref", Method: "GET"},
		{Name: "rebase", Method: "PUT", Attrs: base.RequiredOptional{Optional: []string{"skip_ci"}}},
		{Name: "related_issues", Method: "GET", Result: base.ResultList, Of: "project_issue"},
		{Name: "reset_approvals", Method: "PUT", Result: base.ResultNone},
		{Name: "unapprove"},
		// https://docs.gitlab.com/api/merge_requests/#list-merge-request-diffs: one page of file diffs
		// (ListDiffs: Diffs reaches the diff versions, python-gitlab's diffs).
		{Name: "diffs", Method: "GET", GoMethod: "ListDiffs", Attrs: base.RequiredOptional{Optional: []string{"page", "per_page", "unidiff"}}},
		// https://docs.gitlab.com/api/merge_requests/#show-merge-request-raw-diffs: plain text.
		{Name: "raw_diffs", Method: "GET", Result: base.ResultDownload},
	},
	ActionGroups: [][]base.Action{subscribeActions, todoActions, timeTrackingActions, participantsActions},
}

// projectMergeRequestDependencySpec declares
// /projects/{project_id}/merge_requests/{merge_request_iid}/blocks: the
// merge requests that must merge before this one.
// GitLab API: https://docs.gitlab.com/api/merge_requests/#get-merge-request-dependencies
var projectMergeRequestDependencySpec = &base.Spec{
	Name:     "project_merge_request_dependency",
	Accessor: "Dependencies",
	Path:     "/projects/{project_id}/merge_requests/{merge_request_iid}/blocks",
	Parent:   "project_merge_request",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"blocking_merge_request_id"},
		Optional: []string{"blocking_project_id"},
	},
	DocsURL: "https://docs.gitlab.com/api/merge_requests/",
}

// projectMergeRequestContextCommitSpec declares
// /projects/{project_id}/merge_requests/{merge_request_iid}/context_commits:
// commits shown with a merge request's changes without being part of it.
// They are added and removed by SHA, several at once.
// GitLab API: https://docs.gitlab.com/api/merge_request_context_commits/
var projectMergeRequestContextCommitSpec = &base.Spec{
	Name:        "project_merge_request_context_commit",
	Accessor:    "ContextCommits",
	Path:        "/projects/{project_id}/merge_requests/{merge_request_iid}/context_commits",
	Parent:      "project_merge_request",
	IDAttr:      base.IDAttrNone,
	ReprAttr:    "short_id",
	Ops:         base.OpList | base.OpCreate,
	CreateAttrs: base.RequiredOptional{Required: []string{"commits"}},
	Types:       base.AttrTypes{Array: []string{"commits"}},
	DocsURL:     "https://docs.gitlab.com/api/merge_request_context_commits/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/merge_request_context_commits/#delete-mr-context-commits:
		// a DELETE on the collection, with the SHAs.
		{Name: "delete_commits", Method: "DELETE", Path: "/projects/{project_id}/merge_requests/{merge_request_iid}/context_commits",
			OnManager: true, Attrs: base.RequiredOptional{Required: []string{"commits"}}, Result: base.ResultNone},
	},
}
