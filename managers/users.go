package managers

import "github.com/golab/gitlab/base"

// currentUserEmailSpec declares /user/emails.
// python-gitlab: CurrentUserEmailManager (CurrentUser.emails).
var currentUserEmailSpec = &base.Spec{
	Name:     "current_user_email",
	Accessor: "Emails",
	Path:     "/user/emails",
	Parent:   "current_user",
	ReprAttr: "email",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"email"},
	},
	DocsURL: "https://docs.gitlab.com/api/user_email_addresses/",
}

// currentUserGPGKeySpec declares /user/gpg_keys.
// python-gitlab: CurrentUserGPGKeyManager (CurrentUser.gpgkeys).
var currentUserGPGKeySpec = &base.Spec{
	Name:     "current_user_gpg_key",
	Accessor: "GPGKeys",
	Path:     "/user/gpg_keys",
	Parent:   "current_user",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"key"},
	},
	DocsURL: "https://docs.gitlab.com/api/user_keys/",
}

// currentUserKeySpec declares /user/keys.
// python-gitlab: CurrentUserKeyManager (CurrentUser.keys).
var currentUserKeySpec = &base.Spec{
	Name:     "current_user_key",
	Accessor: "Keys",
	Path:     "/user/keys",
	Parent:   "current_user",
	ReprAttr: "title",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title", "key"},
	},
	DocsURL: "https://docs.gitlab.com/api/user_keys/",
}

// currentUserSpec declares /user.
// python-gitlab: CurrentUserManager.
var currentUserSpec = &base.Spec{
	Name:     "current_user",
	Accessor: "CurrentUser",
	Path:     "/user",
	IDAttr:   base.IDAttrNone,
	ReprAttr: "username",
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/users/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/users/#upload-an-avatar-for-yourself
		{Name: "upload_avatar", Method: "PUT", Path: "avatar", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"avatar"}}, Types: base.AttrTypes{Image: []string{"avatar"}}},
	},
}

// currentUserPersonalAccessTokenSpec declares /user/personal_access_tokens:
// personal access tokens the current user creates for themselves (with
// the k8s_proxy or self_rotate scope).
// GitLab API: https://docs.gitlab.com/api/user_tokens/#create-a-personal-access-token
var currentUserPersonalAccessTokenSpec = &base.Spec{
	Name:     "current_user_personal_access_token",
	Accessor: "CurrentUserPersonalAccessTokens",
	Path:     "/user/personal_access_tokens",
	ReprAttr: "name",
	Ops:      base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"description", "expires_at"},
	},
	Types:   base.AttrTypes{Array: []string{"scopes"}},
	DocsURL: "https://docs.gitlab.com/api/user_tokens/",
}

// currentUserRunnerSpec declares /user/runners.
// python-gitlab: CurrentUserRunnerManager (CurrentUser.runners).
var currentUserRunnerSpec = &base.Spec{
	Name:     "current_user_runner",
	Accessor: "Runners",
	Path:     "/user/runners",
	Parent:   "current_user",
	Ops:      base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"runner_type"},
		Optional: []string{
			"group_id", "project_id", "description", "paused", "locked", "run_untagged",
			"tag_list", "access_level", "maximum_timeout", "maintenance_note",
		},
	},
	Types:   base.AttrTypes{CommaSeparatedList: []string{"tag_list"}},
	DocsURL: "https://docs.gitlab.com/api/users/",
}

// currentUserStatusSpec declares /user/status.
// python-gitlab: CurrentUserStatusManager (CurrentUser.status).
var currentUserStatusSpec = &base.Spec{
	Name:     "current_user_status",
	Accessor: "Status",
	Path:     "/user/status",
	Parent:   "current_user",
	IDAttr:   base.IDAttrNone,
	ReprAttr: "message",
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"emoji", "message"},
	},
	DocsURL: "https://docs.gitlab.com/api/users/",
}

// projectUserSpec declares /projects/{project_id}/users.
// python-gitlab: ProjectUserManager (Project.users).
var projectUserSpec = &base.Spec{
	Name:        "project_user",
	Accessor:    "Users",
	Path:        "/projects/{project_id}/users",
	Parent:      "project",
	ReprAttr:    "username",
	Ops:         base.OpList,
	ListFilters: []string{"search", "skip_users"},
	Types:       base.AttrTypes{Array: []string{"skip_users"}},
	DocsURL:     "https://docs.gitlab.com/api/projects/",
}

// starredProjectSpec declares /users/{user_id}/starred_projects.
// python-gitlab: StarredProjectManager (User.starred_projects).
var starredProjectSpec = &base.Spec{
	Name:     "starred_project",
	Accessor: "StarredProjects",
	Path:     "/users/{user_id}/starred_projects",
	Parent:   "user",
	ReprAttr: "path_with_namespace",
	Ops:      base.OpList,
	ListFilters: []string{
		"archived", "membership", "min_access_level", "order_by", "owned", "search",
		"simple", "sort", "starred", "statistics", "visibility",
		"with_custom_attributes", "with_issues_enabled",
		"with_merge_requests_enabled",
	},
	DocsURL: "https://docs.gitlab.com/api/projects/",
}

// userActivitiesSpec declares /user/activities.
// python-gitlab: UserActivitiesManager (gl.user_activities).
var userActivitiesSpec = &base.Spec{
	Name:     "user_activities",
	Accessor: "UserActivities",
	Path:     "/user/activities",
	IDAttr:   "username",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/users/",
}

// userContributedProjectSpec declares /users/{user_id}/contributed_projects.
// python-gitlab: UserContributedProjectManager (User.contributed_projects).
var userContributedProjectSpec = &base.Spec{
	Name:     "user_contributed_project",
	Accessor: "ContributedProjects",
	Path:     "/users/{user_id}/contributed_projects",
	Parent:   "user",
	ReprAttr: "path_with_namespace",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/projects/",
}

// userEmailSpec declares /users/{user_id}/emails.
// python-gitlab: UserEmailManager (User.emails).
var userEmailSpec = &base.Spec{
	Name:     "user_email",
	Accessor: "Emails",
	Path:     "/users/{user_id}/emails",
	Parent:   "user",
	ReprAttr: "email",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"email"},
		Optional: []string{"skip_confirmation"},
	},
	DocsURL: "https://docs.gitlab.com/api/user_email_addresses/",
}

// userFollowersSpec declares /users/{user_id}/followers.
// python-gitlab: UserFollowersManager (User.followers_users).
var userFollowersSpec = &base.Spec{
	Name:     "user_followers",
	Accessor: "FollowersUsers",
	Path:     "/users/{user_id}/followers",
	Parent:   "user",
	ReprAttr: "username",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/user_follow_unfollow/",
}

// userFollowingSpec declares /users/{user_id}/following.
// python-gitlab: UserFollowingManager (User.following_users).
var userFollowingSpec = &base.Spec{
	Name:     "user_following",
	Accessor: "FollowingUsers",
	Path:     "/users/{user_id}/following",
	Parent:   "user",
	ReprAttr: "username",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/user_follow_unfollow/",
}

// userGPGKeySpec declares /users/{user_id}/gpg_keys.
// python-gitlab: UserGPGKeyManager (User.gpgkeys).
var userGPGKeySpec = &base.Spec{
	Name:     "user_gpg_key",
	Accessor: "GPGKeys",
	Path:     "/users/{user_id}/gpg_keys",
	Parent:   "user",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"key"},
	},
	DocsURL: "https://docs.gitlab.com/api/user_keys/",
}

// userIdentityProviderSpec declares /users/{user_id}/identities.
// python-gitlab: UserIdentityProviderManager (User.identityproviders).
var userIdentityProviderSpec = &base.Spec{
	Name:     "user_identity_provider",
	Accessor: "IdentityProviders",
	Path:     "/users/{user_id}/identities",
	Parent:   "user",
	ReprAttr: "username",
	Ops:      base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/users/",
}

// userImpersonationTokenSpec declares /users/{user_id}/impersonation_tokens.
// python-gitlab: UserImpersonationTokenManager (User.impersonationtokens).
var userImpersonationTokenSpec = &base.Spec{
	Name:     "user_impersonation_token",
	Accessor: "ImpersonationTokens",
	Path:     "/users/{user_id}/impersonation_tokens",
	Parent:   "user",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "scopes"},
		Optional: []string{"expires_at"},
	},
	ListFilters: []string{"state"},
	Types:       base.AttrTypes{Array: []string{"scopes"}},
	DocsURL:     "https://docs.gitlab.com/api/user_tokens/",
}

// userKeySpec declares /users/{user_id}/keys.
// python-gitlab: UserKeyManager (User.keys).
var userKeySpec = &base.Spec{
	Name:     "user_key",
	Accessor: "Keys",
	Path:     "/users/{user_id}/keys",
	Parent:   "user",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title", "key"},
	},
	DocsURL: "https://docs.gitlab.com/api/user_keys/",
}

// userSpec declares /users.
// python-gitlab: UserManager (gl.users).
var userSpec = &base.Spec{
	Name:     "user",
	Accessor: "Users",
	Path:     "/users",
	ReprAttr: "username",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Optional: []string{
			"email", "username", "name", "password", "reset_password", "skype",
			"linkedin", "twitter", "projects_limit", "extern_uid", "provider", "bio",
			"admin", "can_create_group", "website_url", "skip_confirmation", "external",
			"organization", "location", "avatar", "public_email", "private_profile",
			"color_scheme_id", "theme_id",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"email", "username", "name", "password", "skype", "linkedin", "twitter",
			"projects_limit", "extern_uid", "provider", "bio", "admin",
			"can_create_group", "website_url", "skip_reconfirmation", "external",
			"organization", "location", "avatar", "public_email", "private_profile",
			"color_scheme_id", "theme_id",
		},
	},
	ListFilters: []string{
		"username", "public_email", "search", "active", "external", "blocked",
		"humans", "created_after", "created_before", "exclude_active",
		"exclude_external", "exclude_humans", "exclude_internal",
		"without_project_bots", "extern_uid", "provider", "two_factor",
		"without_projects", "admins", "auditors", "skip_ldap", "custom_attributes",
		"status",
	},
	Types:   base.AttrTypes{Lowercase: []string{"confirm"}, Image: []string{"avatar"}},
	DocsURL: "https://docs.gitlab.com/api/events/",
	Actions: []base.Action{
		// Beyond python-gitlab.
		// The counts of a user's groups, projects, issues and merge requests:
		// https://docs.gitlab.com/api/users/#get-a-count-of-a-users-projects-groups-issues-and-merge-requests
		{Name: "associations_count", Method: "GET"},
		// https://docs.gitlab.com/api/users/#disable-two-factor-authentication-for-a-user: 204.
		{Name: "disable_two_factor", Method: "PATCH", Result: base.ResultNone},
		// https://docs.gitlab.com/api/deploy_keys/#list-project-deploy-keys-for-user
		{Name: "project_deploy_keys", Method: "GET"},
		{Name: "activate"},
		{Name: "approve"},
		{Name: "ban"},
		{Name: "block"},
		{Name: "deactivate"},
		{Name: "follow", Result: base.ResultReplace},
		{Name: "reject"},
		{Name: "unban"},
		{Name: "unblock"},
		{Name: "unfollow", Result: base.ResultReplace},
	},
}

// userMembershipSpec declares /users/{user_id}/memberships.
// python-gitlab: UserMembershipManager (User.memberships).
var userMembershipSpec = &base.Spec{
	Name:        "user_membership",
	Accessor:    "Memberships",
	Path:        "/users/{user_id}/memberships",
	Parent:      "user",
	IDAttr:      "source_id",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"type"},
	DocsURL:     "https://docs.gitlab.com/api/users/",
}

// userProjectSpec declares /projects/user/{user_id}.
// python-gitlab: UserProjectManager (User.projects).
var userProjectSpec = &base.Spec{
	Name:     "user_project",
	Accessor: "Projects",
	Path:     "/projects/user/{user_id}",
	ListPath: "/users/{user_id}/projects",
	Parent:   "user",
	ReprAttr: "path_with_namespace",
	Ops:      base.OpList | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{
			"default_branch", "issues_enabled", "wall_enabled", "merge_requests_enabled",
			"wiki_enabled", "snippets_enabled", "squash_option", "public", "visibility",
			"description", "builds_enabled", "public_builds", "import_url",
			"only_allow_merge_if_build_succeeds",
		},
	},
	ListFilters: []string{
		"archived", "visibility", "order_by", "sort", "search", "simple", "owned",
		"membership", "starred", "statistics", "with_issues_enabled",
		"with_merge_requests_enabled", "with_custom_attributes",
		"with_programming_language", "wiki_checksum_failed",
		"repository_checksum_failed", "min_access_level", "id_after", "id_before",
	},
	DocsURL: "https://docs.gitlab.com/api/projects/",
}

// userStatusSpec declares /users/{user_id}/status.
// python-gitlab: UserStatusManager (User.status).
var userStatusSpec = &base.Spec{
	Name:     "user_status",
	Accessor: "Status",
	Path:     "/users/{user_id}/status",
	Parent:   "user",
	IDAttr:   base.IDAttrNone,
	ReprAttr: "message",
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/users/",
}
