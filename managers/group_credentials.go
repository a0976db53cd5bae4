package managers

import "github.com/golab/gitlab/base"

// The credentials inventory of a group with managed enterprise users: their
// personal access tokens and SSH keys, listed and revoked by the group's
// owners (GitLab.com).
// GitLab API: https://docs.gitlab.com/api/groups/#credentials-inventory-management

// groupManagedPersonalAccessTokenSpec declares
// /groups/{group_id}/manage/personal_access_tokens; Delete revokes.
var groupManagedPersonalAccessTokenSpec = &base.Spec{
	Name:        "group_managed_personal_access_token",
	Accessor:    "ManagedPersonalAccessTokens",
	Path:        "/groups/{group_id}/manage/personal_access_tokens",
	Parent:      "group",
	ReprAttr:    "name",
	Ops:         base.OpList | base.OpDelete,
	ListFilters: []string{"created_after", "created_before", "last_used_after", "last_used_before", "revoked", "search", "state", "sort"},
	DocsURL:     "https://docs.gitlab.com/api/groups/#list-all-personal-access-tokens-for-a-group",
}

// groupManagedSSHKeySpec declares /groups/{group_id}/manage/ssh_keys.
var groupManagedSSHKeySpec = &base.Spec{
	Name:        "group_managed_ssh_key",
	Accessor:    "ManagedSSHKeys",
	Path:        "/groups/{group_id}/manage/ssh_keys",
	Parent:      "group",
	ReprAttr:    "title",
	Ops:         base.OpList | base.OpDelete,
	ListFilters: []string{"created_after", "created_before", "expires_before", "expires_after"},
	DocsURL:     "https://docs.gitlab.com/api/groups/#list-all-ssh-keys-for-a-group",
}
