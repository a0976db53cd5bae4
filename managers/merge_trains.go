package managers

import "github.com/golab/gitlab/base"

// projectMergeTrainSpec declares /projects/{project_id}/merge_trains.
// python-gitlab: ProjectMergeTrainManager (Project.merge_trains).
var projectMergeTrainSpec = &base.Spec{
	Name:        "project_merge_train",
	Accessor:    "MergeTrains",
	Path:        "/projects/{project_id}/merge_trains",
	Parent:      "project",
	FromParent:  map[string]string{"project_id": "id"},
	Ops:         base.OpList,
	ListFilters: []string{"scope"},
	DocsURL:     "https://docs.gitlab.com/api/merge_trains/",
}
