package managers

import (
	"slices"

	"github.com/golab/gitlab/base"
)

// groupLabelSpec declares /groups/{group_id}/labels.
// python-gitlab: GroupLabelManager (Group.labels).
var groupLabelSpec = &base.Spec{
	Name:       "group_label",
	Accessor:   "Labels",
	Path:       "/groups/{group_id}/labels",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	IDAttr:     "name",
	ReprAttr:   "name",
	Ops:        base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "color"},
		Optional: []string{"description", "priority"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"new_name", "color", "description", "priority"},
	},
	DocsURL: "https://docs.gitlab.com/api/group_labels/",
	Actions: subscribeActions,
}

// projectLabelSpec declares /projects/{project_id}/labels.
// python-gitlab: ProjectLabelManager (Project.labels).
var projectLabelSpec = &base.Spec{
	Name:       "project_label",
	Accessor:   "Labels",
	Path:       "/projects/{project_id}/labels",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	IDAttr:     "name",
	ReprAttr:   "name",
	Ops:        base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "color"},
		Optional: []string{"description", "priority"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"new_name", "color", "description", "priority"},
	},
	DocsURL: "https://docs.gitlab.com/api/labels/",
	Actions: slices.Concat([]base.Action{
		{Name: "promote", Method: "PUT"},
	}, subscribeActions),
}
