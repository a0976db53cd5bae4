package managers

import "github.com/golab/gitlab/base"

// The merge request approval settings of a group or project: each setting
// answers as {"value": ..., "locked": ..., "inherited_from": ...} and is
// written as its plain value.
// GitLab API: https://docs.gitlab.com/api/merge_request_approval_settings/

// groupMergeRequestApprovalSettingSpec declares /groups/{group_id}/merge_request_approval_setting.
var groupMergeRequestApprovalSettingSpec = &base.Spec{
	Name:     "group_merge_request_approval_setting",
	Accessor: "MergeRequestApprovalSetting",
	Path:     "/groups/{group_id}/merge_request_approval_setting",
	Parent:   "group",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{Optional: []string{
		"allow_author_approval", "allow_committer_approval", "allow_overrides_to_approver_list_per_merge_request",
		"retain_approvals_on_push", "require_reauthentication_to_approve",
	}},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approval_settings/",
}

// projectMergeRequestApprovalSettingSpec declares /projects/{project_id}/merge_request_approval_setting.
var projectMergeRequestApprovalSettingSpec = &base.Spec{
	Name:     "project_merge_request_approval_setting",
	Accessor: "MergeRequestApprovalSetting",
	Path:     "/projects/{project_id}/merge_request_approval_setting",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{Optional: []string{
		"allow_author_approval", "allow_committer_approval", "allow_overrides_to_approver_list_per_merge_request",
		"retain_approvals_on_push", "selective_code_owner_removals", "require_reauthentication_to_approve",
	}},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approval_settings/",
}
