package managers

import "github.com/golab/gitlab/base"

// groupLabelSpec declares /groups/{group_id}/labels.
// python-gitlab: GroupLabelManager (Group.labels).
var groupLabelSpec = &base.Spec{
	Name:     "group_label",
	Accessor: "Labels",
	Path:     "/groups/{group_id}/labels",
	Parent:   "group",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "color"},
		Optional: []string{"description", "priority"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"new_name", "color", "description", "priority"},
	},
	DocsURL: "https://docs.gitlab.com/api/group_labels/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/group_labels/#delete-a-group-label: by name, in the query
		// (beyond python-gitlab, which deletes by name in the path): a DELETE on the collection.
		{Name: "delete_by_name", Method: "DELETE", Path: "/groups/{group_id}/labels",
			OnManager: true, Result: base.ResultNone, Attrs: base.RequiredOptional{Required: []string{"name"}}},
	},
	ActionGroups: [][]base.Action{subscribeActions},
}

// projectLabelSpec declares /projects/{project_id}/labels.
// python-gitlab: ProjectLabelManager (Project.labels).
var projectLabelSpec = &base.Spec{
	Name:     "project_label",
	Accessor: "Labels",
	Path:     "/projects/{project_id}/labels",
	Parent:   "project",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "color"},
		Optional: []string{"description", "priority"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"new_name", "color", "description", "priority"},
	},
	DocsURL: "https://docs.gitlab.com/api/labels/",
	Actions: []base.Action{
		{Name: "promote", Method: "PUT"},
		// https://docs.gitlab.com/api/labels/#delete-a-label: by name, in the query (beyond
		// python-gitlab, which deletes by name in the path): a DELETE on the collection.
		{Name: "delete_by_name", Method: "DELETE", Path: "/projects/{project_id}/labels",
			OnManager: true, Result: base.ResultNone, Attrs: base.RequiredOptional{Required: []string{"name"}}},
	},
	ActionGroups: [][]base.Action{subscribeActions},
}
