package managers

import "github.com/golab/gitlab/base"

// deployTokenSpec declares /deploy_tokens.
// python-gitlab: DeployTokenManager (gl.deploytokens).
var deployTokenSpec = &base.Spec{
	Name:     "deploy_token",
	Accessor: "DeployTokens",
	Path:     "/deploy_tokens",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/deploy_tokens/",
}

// groupDeployTokenSpec declares /groups/{group_id}/deploy_tokens.
// python-gitlab: GroupDeployTokenManager (Group.deploytokens).
var groupDeployTokenSpec = &base.Spec{
	Name:     "group_deploy_token",
	Accessor: "DeployTokens",
	Path:     "/groups/{group_id}/deploy_tokens",
	Parent:   "group",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"expires_at", "username"},
	},
	ListFilters: []string{"scopes"},
	Types:       base.AttrTypes{Array: []string{"scopes"}},
	DocsURL:     "https://docs.gitlab.com/api/deploy_tokens/#group-deploy-tokens",
}

// projectDeployTokenSpec declares /projects/{project_id}/deploy_tokens.
// python-gitlab: ProjectDeployTokenManager (Project.deploytokens).
var projectDeployTokenSpec = &base.Spec{
	Name:     "project_deploy_token",
	Accessor: "DeployTokens",
	Path:     "/projects/{project_id}/deploy_tokens",
	Parent:   "project",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"expires_at", "username"},
	},
	ListFilters: []string{"scopes"},
	Types:       base.AttrTypes{Array: []string{"scopes"}},
	DocsURL:     "https://docs.gitlab.com/api/deploy_tokens/#project-deploy-tokens",
}
