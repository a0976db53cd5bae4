package managers

import "github.com/golab/gitlab/base"

// projectDeploymentSpec declares /projects/{project_id}/deployments.
// python-gitlab: ProjectDeploymentManager (Project.deployments).
var projectDeploymentSpec = &base.Spec{
	Name:     "project_deployment",
	Accessor: "Deployments",
	Path:     "/projects/{project_id}/deployments",
	Parent:   "project",
	Ops:      base.OpsCRUD, // delete beyond python-gitlab: https://docs.gitlab.com/api/deployments/#delete-a-specific-deployment
	CreateAttrs: base.RequiredOptional{
		Required: []string{"sha", "ref", "tag", "status", "environment"},
	},
	ListFilters: []string{
		"order_by", "sort", "updated_after", "updated_before", "environment",
		"status",
	},
	DocsURL: "https://docs.gitlab.com/api/deployments/",
	Actions: []base.Action{
		{Name: "approval", Attrs: base.RequiredOptional{Required: []string{"status"}, Optional: []string{"comment", "represented_as"}}},
	},
}
