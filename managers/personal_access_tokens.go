package managers

import "github.com/golab/gitlab/base"

// personalAccessTokenSpec declares /personal_access_tokens.
// python-gitlab: PersonalAccessTokenManager (gl.personal_access_tokens).
// Its IDs include the word "self", the token of the request (IDWords):
// Get(ctx, "self") and Delete(ctx, "self").
// GitLab API: https://docs.gitlab.com/api/personal_access_tokens/#get-single-personal-access-token
// and https://docs.gitlab.com/api/personal_access_tokens/#self-revoke
var personalAccessTokenSpec = &base.Spec{
	Name:        "personal_access_token",
	Accessor:    "PersonalAccessTokens",
	Path:        "/personal_access_tokens",
	Ops:         base.OpsRetrieve | base.OpDelete,
	ListFilters: []string{"user_id"},
	IDWords:     []string{"self"},
	DocsURL:     "https://docs.gitlab.com/api/personal_access_tokens/",
	Actions:     rotateActions,
}

// userPersonalAccessTokenSpec declares /users/{user_id}/personal_access_tokens.
// python-gitlab: UserPersonalAccessTokenManager (User.personal_access_tokens).
var userPersonalAccessTokenSpec = &base.Spec{
	Name:     "user_personal_access_token",
	Accessor: "PersonalAccessTokens",
	Path:     "/users/{user_id}/personal_access_tokens",
	Parent:   "user",
	Ops:      base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"expires_at"},
	},
	Types:   base.AttrTypes{Array: []string{"scopes"}},
	DocsURL: "https://docs.gitlab.com/api/personal_access_tokens/",
}
