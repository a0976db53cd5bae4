package managers

import "github.com/golab/gitlab/base"

// groupIterationSpec declares /groups/{group_id}/iterations.
// python-gitlab: GroupIterationManager (Group.iterations).
var groupIterationSpec = &base.Spec{
	Name:       "group_iteration",
	Accessor:   "Iterations",
	Path:       "/groups/{group_id}/iterations",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	ReprAttr:   "title",
	Ops:        base.OpList,
	ListFilters: []string{
		"include_ancestors", "include_descendants", "in", "search", "state",
		"updated_after", "updated_before",
	},
	Types:   map[string]base.AttrType{"in": base.TypeArray},
	DocsURL: "https://docs.gitlab.com/api/iterations/",
}

// projectIterationSpec declares /projects/{project_id}/iterations.
// python-gitlab: ProjectIterationManager (Project.iterations).
var projectIterationSpec = &base.Spec{
	Name:       "project_iteration",
	Accessor:   "Iterations",
	Path:       "/projects/{project_id}/iterations",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	ReprAttr:   "title",
	Ops:        base.OpList,
	ListFilters: []string{
		"include_ancestors", "include_descendants", "in", "search", "state",
		"updated_after", "updated_before",
	},
	Types:   map[string]base.AttrType{"in": base.TypeArray},
	DocsURL: "https://docs.gitlab.com/api/iterations/",
}
