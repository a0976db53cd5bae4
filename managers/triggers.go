package managers

import "github.com/golab/gitlab/base"

// projectTriggerSpec declares /projects/{project_id}/triggers.
// python-gitlab: ProjectTriggerManager (Project.triggers).
var projectTriggerSpec = &base.Spec{
	Name:     "project_trigger",
	Accessor: "Triggers",
	Path:     "/projects/{project_id}/triggers",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"description"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"description"},
	},
	DocsURL: "https://docs.gitlab.com/api/pipeline_triggers/",
}
