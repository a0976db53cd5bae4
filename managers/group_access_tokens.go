package managers

import "github.com/golab/gitlab/base"

// groupAccessTokenSpec declares /groups/{group_id}/access_tokens.
// python-gitlab: GroupAccessTokenManager (Group.access_tokens).
var groupAccessTokenSpec = &base.Spec{
	Name:     "group_access_token",
	Accessor: "AccessTokens",
	Path:     "/groups/{group_id}/access_tokens",
	Parent:   "group",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"access_level", "expires_at"},
	},
	Types:   base.AttrTypes{Array: []string{"scopes"}},
	DocsURL: "https://docs.gitlab.com/api/group_access_tokens/",
	Actions: rotateActions,
}
