package managers

import "github.com/golab/gitlab/base"

// projectJobSpec declares /projects/{project_id}/jobs.
// python-gitlab: ProjectJobManager (Project.jobs).
var projectJobSpec = &base.Spec{
	Name:        "project_job",
	Accessor:    "Jobs",
	Path:        "/projects/{project_id}/jobs",
	Parent:      "project",
	FromParent:  map[string]string{"project_id": "id"},
	ReprAttr:    "name",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"scope", "order_by", "sort"},
	Types:       map[string]base.AttrType{"scope": base.TypeArray},
	DocsURL:     "https://docs.gitlab.com/api/jobs/",
}
