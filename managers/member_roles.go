package managers

import "github.com/golab/gitlab/base"

// groupMemberRoleSpec declares /groups/{group_id}/member_roles.
// python-gitlab: GroupMemberRoleManager (Group.member_roles).
var groupMemberRoleSpec = &base.Spec{
	Name:     "group_member_role",
	Accessor: "MemberRoles",
	Path:     "/groups/{group_id}/member_roles",
	Parent:   "group",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "base_access_level"},
		Optional: []string{
			"description", "admin_cicd_variables", "admin_compliance_framework",
			"admin_group_member", "admin_group_member", "admin_merge_request",
			"admin_push_rules", "admin_terraform_state", "admin_vulnerability",
			"admin_web_hook", "archive_project", "manage_deploy_tokens",
			"manage_group_access_tokens", "manage_merge_request_settings",
			"manage_project_access_tokens", "manage_security_policy_link", "read_code",
			"read_runners", "read_dependency", "read_vulnerability", "remove_group",
			"remove_project",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/member_roles/#manage-group-member-roles",
}

// memberRoleSpec declares /member_roles.
// python-gitlab: MemberRoleManager (gl.member_roles).
var memberRoleSpec = &base.Spec{
	Name:     "member_role",
	Accessor: "MemberRoles",
	Path:     "/member_roles",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "base_access_level"},
		Optional: []string{
			"description", "admin_cicd_variables", "admin_compliance_framework",
			"admin_group_member", "admin_group_member", "admin_merge_request",
			"admin_push_rules", "admin_terraform_state", "admin_vulnerability",
			"admin_web_hook", "archive_project", "manage_deploy_tokens",
			"manage_group_access_tokens", "manage_merge_request_settings",
			"manage_project_access_tokens", "manage_security_policy_link", "read_code",
			"read_runners", "read_dependency", "read_vulnerability", "remove_group",
			"remove_project",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/member_roles/#manage-instance-member-roles",
}
