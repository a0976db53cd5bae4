package managers

import "github.com/golab/gitlab/base"

// groupPushRulesSpec declares /groups/{group_id}/push_rule.
// python-gitlab: GroupPushRulesManager (Group.pushrules).
var groupPushRulesSpec = &base.Spec{
	Name:     "group_push_rules",
	Accessor: "PushRules",
	Path:     "/groups/{group_id}/push_rule",
	Parent:   "group",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Optional: []string{
			"deny_delete_tag", "member_check", "prevent_secrets", "commit_message_regex",
			"commit_message_negative_regex", "branch_name_regex", "author_email_regex",
			"file_name_regex", "max_file_size", "commit_committer_check",
			"reject_unsigned_commits",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"deny_delete_tag", "member_check", "prevent_secrets", "commit_message_regex",
			"commit_message_negative_regex", "branch_name_regex", "author_email_regex",
			"file_name_regex", "max_file_size", "commit_committer_check",
			"reject_unsigned_commits",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/groups/#push-rules",
}

// projectPushRulesSpec declares /projects/{project_id}/push_rule.
// python-gitlab: ProjectPushRulesManager (Project.pushrules).
var projectPushRulesSpec = &base.Spec{
	Name:     "project_push_rules",
	Accessor: "PushRules",
	Path:     "/projects/{project_id}/push_rule",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Optional: []string{
			"author_email_regex", "branch_name_regex", "commit_committer_check",
			"commit_message_negative_regex", "commit_message_regex", "deny_delete_tag",
			"file_name_regex", "max_file_size", "member_check", "prevent_secrets",
			"reject_unsigned_commits",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"author_email_regex", "branch_name_regex", "commit_committer_check",
			"commit_message_negative_regex", "commit_message_regex", "deny_delete_tag",
			"file_name_regex", "max_file_size", "member_check", "prevent_secrets",
			"reject_unsigned_commits",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/projects/#push-rules",
}
