package managers

import "github.com/golab/gitlab/base"

// groupEnterpriseUserSpec declares /groups/{group_id}/enterprise_users:
// the enterprise users of a top-level group (Owners; GitLab.com).
// GitLab API: https://docs.gitlab.com/api/group_enterprise_users/
var groupEnterpriseUserSpec = &base.Spec{
	Name:     "group_enterprise_user",
	Accessor: "EnterpriseUsers",
	Path:     "/groups/{group_id}/enterprise_users",
	Parent:   "group",
	ReprAttr: "username",
	Ops:      base.OpsRetrieve | base.OpDelete,
	ListFilters: []string{
		"username", "search", "active", "blocked", "created_after", "created_before", "two_factor",
	},
	DocsURL: "https://docs.gitlab.com/api/group_enterprise_users/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/group_enterprise_users/#disable-two-factor-authentication-for-an-enterprise-user
		{Name: "disable_two_factor", Method: "PATCH", Result: base.ResultNone},
	},
}
