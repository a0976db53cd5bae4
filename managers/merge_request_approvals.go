package managers

import (
	"context"

	"github.com/golab/gitlab/base"
)

// groupApprovalRuleSpec declares /groups/{group_id}/approval_rules.
// python-gitlab: GroupApprovalRuleManager (Group.approval_rules).
var groupApprovalRuleSpec = &base.Spec{
	Name:     "group_approval_rule",
	Accessor: "ApprovalRules",
	Path:     "/groups/{group_id}/approval_rules",
	Parent:   "group",
	ReprAttr: "name",
	Ops:      base.OpsRetrieve | base.OpCreate | base.OpUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "approvals_required"},
		Optional: []string{"user_ids", "group_ids", "rule_type"},
	},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approvals/",
}

// projectApprovalSpec declares /projects/{project_id}/approvals.
// python-gitlab: ProjectApprovalManager (Project.approvals).
var projectApprovalSpec = &base.Spec{
	Name:         "project_approval",
	Accessor:     "Approvals",
	Path:         "/projects/{project_id}/approvals",
	Parent:       "project",
	IDAttr:       base.IDAttrNone,
	Ops:          base.OpGetWithoutID | base.OpUpdate,
	UpdateMethod: "POST",
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"approvals_before_merge", "reset_approvals_on_push",
			"disable_overriding_approvers_per_merge_request",
			"merge_requests_author_approval",
			"merge_requests_disable_committers_approval",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approvals/",
}

// projectApprovalRuleSpec declares /projects/{project_id}/approval_rules.
// python-gitlab: ProjectApprovalRuleManager (Project.approvalrules).
var projectApprovalRuleSpec = &base.Spec{
	Name:     "project_approval_rule",
	Accessor: "ApprovalRules",
	Path:     "/projects/{project_id}/approval_rules",
	Parent:   "project",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "approvals_required"},
		Optional: []string{
			"user_ids", "group_ids", "protected_branch_ids", "usernames",
			"applies_to_all_protected_branches",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approvals/",
}

// projectMergeRequestApprovalSpec declares /projects/{project_id}/merge_requests/{mr_iid}/approvals.
// python-gitlab: ProjectMergeRequestApprovalManager (ProjectMergeRequest.approvals).
var projectMergeRequestApprovalSpec = &base.Spec{
	Name:         "project_merge_request_approval",
	Accessor:     "Approvals",
	Path:         "/projects/{project_id}/merge_requests/{mr_iid}/approvals",
	Parent:       "project_merge_request",
	IDAttr:       base.IDAttrNone,
	Ops:          base.OpGetWithoutID | base.OpUpdate,
	UpdateMethod: "POST",
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"approvals_required"},
	},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approvals/",
}

// projectMergeRequestApprovalRuleSpec declares /projects/{project_id}/merge_requests/{merge_request_iid}/approval_rules.
// python-gitlab: ProjectMergeRequestApprovalRuleManager (ProjectMergeRequest.approval_rules).
var projectMergeRequestApprovalRuleSpec = &base.Spec{
	Name:     "project_merge_request_approval_rule",
	Accessor: "ApprovalRules",
	Path:     "/projects/{project_id}/merge_requests/{merge_request_iid}/approval_rules",
	Parent:   "project_merge_request",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "approvals_required"},
		Optional: []string{"approval_project_rule_id", "user_ids", "group_ids", "usernames"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"id", "merge_request_iid", "name", "approvals_required"},
		Optional: []string{"user_ids", "group_ids", "usernames"},
	},
	DocsURL: "https://docs.gitlab.com/api/merge_request_approvals/",
}

// projectMergeRequestApprovalStateSpec declares /projects/{project_id}/merge_requests/{mr_iid}/approval_state.
// python-gitlab: ProjectMergeRequestApprovalStateManager (ProjectMergeRequest.approval_state).
var projectMergeRequestApprovalStateSpec = &base.Spec{
	Name:     "project_merge_request_approval_state",
	Accessor: "ApprovalState",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/approval_state",
	Parent:   "project_merge_request",
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/merge_request_approvals/",
}

// SetApprovers sets who must approve the merge request: the approval rule
// named name (python-gitlab's default is "name") gets approvalsRequired and
// attrs (user_ids, group_ids, usernames); it is updated when it exists and
// created otherwise. python-gitlab's approvals.set_approvers().
// GitLab API: https://docs.gitlab.com/api/merge_request_approvals/#update-a-merge-request-level-rule
func (m *ProjectMergeRequestApprovalManager) SetApprovers(ctx context.Context, name string, approvalsRequired int, attrs base.Attrs, opts ...base.RequestOption) (*ProjectMergeRequestApprovalRule, error) {
	rules := newProjectMergeRequestApprovalRuleManager(m.Core().Related("project_merge_request_approval_rule", nil))
	for rule, err := range rules.All(ctx, nil, opts...) {
		if err != nil {
			return nil, err
		}
		if rule.GetString("name") != name {
			continue
		}
		if err := rule.Set("approvals_required", approvalsRequired); err != nil {
			return nil, err
		}
		for k, v := range attrs {
			if err := rule.Set(k, v); err != nil {
				return nil, err
			}
		}
		return rule, rule.Save(ctx, opts...)
	}
	create := base.Attrs{"name": name, "approvals_required": approvalsRequired, "rule_type": "regular"}
	for k, v := range attrs {
		create[k] = v
	}
	return rules.Create(ctx, create, opts...)
}
