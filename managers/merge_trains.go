package managers

import "github.com/golab/gitlab/base"

// projectMergeTrainSpec declares /projects/{project_id}/merge_trains.
// python-gitlab: ProjectMergeTrainManager (Project.merge_trains).
var projectMergeTrainSpec = &base.Spec{
	Name:        "project_merge_train",
	Accessor:    "MergeTrains",
	Path:        "/projects/{project_id}/merge_trains",
	Parent:      "project",
	Ops:         base.OpList,
	ListFilters: []string{"scope"},
	DocsURL:     "https://docs.gitlab.com/api/merge_trains/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/merge_trains/#list-merge-requests-in-a-merge-train
		{Name: "merge_requests", Method: "GET", Path: "{target_branch}", OnManager: true, Result: base.ResultList,
			Attrs: base.RequiredOptional{Required: []string{"target_branch"}, Optional: []string{"scope", "sort"}}},
		// https://docs.gitlab.com/api/merge_trains/#get-the-status-of-a-merge-request-on-a-merge-train
		{Name: "merge_request_status", Method: "GET", Path: "merge_requests/{merge_request_iid}", OnManager: true, Result: base.ResultNew,
			Attrs: base.RequiredOptional{Required: []string{"merge_request_iid"}}},
		// https://docs.gitlab.com/api/merge_trains/#add-a-merge-request-to-a-merge-train: the answer is the train.
		{Name: "add_merge_request", Path: "merge_requests/{merge_request_iid}", OnManager: true, Attrs: base.RequiredOptional{
			Required: []string{"merge_request_iid"},
			Optional: []string{"auto_merge", "sha", "squash", "when_pipeline_succeeds"},
		}},
	},
}
