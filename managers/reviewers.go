package managers

import "github.com/golab/gitlab/base"

// projectMergeRequestReviewerDetailSpec declares /projects/{project_id}/merge_requests/{mr_iid}/reviewers.
// python-gitlab: ProjectMergeRequestReviewerDetailManager (ProjectMergeRequest.reviewer_details).
var projectMergeRequestReviewerDetailSpec = &base.Spec{
	Name:     "project_merge_request_reviewer_detail",
	Accessor: "ReviewerDetails",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/reviewers",
	Parent:   "project_merge_request",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/merge_requests/",
}
