package managers

import "github.com/golab/gitlab/base"

// groupServiceAccountAccessTokenSpec declares /groups/{group_id}/service_accounts/{user_id}/personal_access_tokens.
// python-gitlab: GroupServiceAccountAccessTokenManager (GroupServiceAccount.access_tokens).
var groupServiceAccountAccessTokenSpec = &base.Spec{
	Name:     "group_service_account_access_token",
	Accessor: "AccessTokens",
	Path:     "/groups/{group_id}/service_accounts/{user_id}/personal_access_tokens",
	Parent:   "group_service_account",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"description", "expires_at"},
	},
	ListFilters: []string{
		"created_after", "created_before", "expires_after", "expires_before",
		"last_used_after", "last_used_before", "revoked", "search", "sort", "state",
	},
	Types:   base.AttrTypes{Array: []string{"scopes"}},
	DocsURL: "https://docs.gitlab.com/api/group_access_tokens/",
	Actions: rotateActions,
}

// groupServiceAccountSpec declares /groups/{group_id}/service_accounts.
// python-gitlab: GroupServiceAccountManager (Group.service_accounts).
var groupServiceAccountSpec = &base.Spec{
	Name:         "group_service_account",
	Accessor:     "ServiceAccounts",
	Path:         "/groups/{group_id}/service_accounts",
	Parent:       "group",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Optional: []string{"name", "username", "email"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "username", "email"},
	},
	ListFilters: []string{"order_by", "sort"},
	DocsURL:     "https://docs.gitlab.com/api/groups/#service-accounts",
}

// projectServiceAccountAccessTokenSpec declares /projects/{project_id}/service_accounts/{user_id}/personal_access_tokens.
// python-gitlab: ProjectServiceAccountAccessTokenManager (ProjectServiceAccount.access_tokens).
var projectServiceAccountAccessTokenSpec = &base.Spec{
	Name:     "project_service_account_access_token",
	Accessor: "AccessTokens",
	Path:     "/projects/{project_id}/service_accounts/{user_id}/personal_access_tokens",
	Parent:   "project_service_account",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"description", "expires_at"},
	},
	ListFilters: []string{
		"created_after", "created_before", "expires_after", "expires_before",
		"last_used_after", "last_used_before", "revoked", "search", "sort", "state",
	},
	Types:   base.AttrTypes{Array: []string{"scopes"}},
	DocsURL: "https://docs.gitlab.com/api/user_service_accounts/",
	Actions: rotateActions,
}

// projectServiceAccountSpec declares /projects/{project_id}/service_accounts.
// python-gitlab: ProjectServiceAccountManager (Project.service_accounts).
var projectServiceAccountSpec = &base.Spec{
	Name:         "project_service_account",
	Accessor:     "ServiceAccounts",
	Path:         "/projects/{project_id}/service_accounts",
	Parent:       "project",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Optional: []string{"name", "username", "email"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "username", "email"},
	},
	ListFilters: []string{"order_by", "sort"},
	DocsURL:     "https://docs.gitlab.com/api/user_service_accounts/",
}

// serviceAccountSpec declares /service_accounts.
// python-gitlab: ServiceAccountManager (gl.service_accounts).
var serviceAccountSpec = &base.Spec{
	Name:         "service_account",
	Accessor:     "ServiceAccounts",
	Path:         "/service_accounts",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Optional: []string{"name", "username", "email"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "username", "email"},
	},
	ListFilters: []string{"order_by", "sort"},
	DocsURL:     "https://docs.gitlab.com/api/user_service_accounts/",
}
