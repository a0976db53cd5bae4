package managers

import "github.com/golab/gitlab/base"

// projectAccessTokenSpec declares /projects/{project_id}/access_tokens.
// python-gitlab: ProjectAccessTokenManager (Project.access_tokens).
var projectAccessTokenSpec = &base.Spec{
	Name:     "project_access_token",
	Accessor: "AccessTokens",
	Path:     "/projects/{project_id}/access_tokens",
	Parent:   "project",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"access_level", "expires_at"},
	},
	Types:   base.AttrTypes{Array: []string{"scopes"}},
	DocsURL: "https://docs.gitlab.com/api/project_access_tokens/",
	Actions: rotateActions,
}
