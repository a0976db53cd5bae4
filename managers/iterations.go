package managers

import "github.com/golab/gitlab/base"

// groupIterationSpec declares /groups/{group_id}/iterations.
// python-gitlab: GroupIterationManager (Group.iterations).
var groupIterationSpec = &base.Spec{
	Name:     "group_iteration",
	Accessor: "Iterations",
	Path:     "/groups/{group_id}/iterations",
	Parent:   "group",
	ReprAttr: "title",
	Ops:      base.OpList,
	ListFilters: []string{
		"include_ancestors", "include_descendants", "in", "search", "state",
		"updated_after", "updated_before",
	},
	Types:   base.AttrTypes{Array: []string{"in"}},
	DocsURL: "https://docs.gitlab.com/api/iterations/",
}

// projectIterationSpec declares /projects/{project_id}/iterations.
// python-gitlab: ProjectIterationManager (Project.iterations).
var projectIterationSpec = &base.Spec{
	Name:     "project_iteration",
	Accessor: "Iterations",
	Path:     "/projects/{project_id}/iterations",
	Parent:   "project",
	ReprAttr: "title",
	Ops:      base.OpList,
	ListFilters: []string{
		"include_ancestors", "include_descendants", "in", "search", "state",
		"updated_after", "updated_before",
	},
	Types:   base.AttrTypes{Array: []string{"in"}},
	DocsURL: "https://docs.gitlab.com/api/iterations/",
}
