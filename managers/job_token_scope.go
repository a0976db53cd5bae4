package managers

import "github.com/golab/gitlab/base"

// allowlistGroupSpec declares /projects/{project_id}/job_token_scope/groups_allowlist.
// python-gitlab: AllowlistGroupManager (ProjectJobTokenScope.groups_allowlist).
var allowlistGroupSpec = &base.Spec{
	Name:     "allowlist_group",
	Accessor: "GroupsAllowlist",
	Path:     "/projects/{project_id}/job_token_scope/groups_allowlist",
	Parent:   "project_job_token_scope",
	IDAttr:   "target_group_id",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"target_group_id"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_job_token_scopes/",
}

// allowlistProjectSpec declares /projects/{project_id}/job_token_scope/allowlist.
// python-gitlab: AllowlistProjectManager (ProjectJobTokenScope.allowlist).
var allowlistProjectSpec = &base.Spec{
	Name:     "allowlist_project",
	Accessor: "Allowlist",
	Path:     "/projects/{project_id}/job_token_scope/allowlist",
	Parent:   "project_job_token_scope",
	IDAttr:   "target_project_id",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"target_project_id"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_job_token_scopes/",
}

// projectJobTokenScopeSpec declares /projects/{project_id}/job_token_scope.
// python-gitlab: ProjectJobTokenScopeManager (Project.job_token_scope).
var projectJobTokenScopeSpec = &base.Spec{
	Name:         "project_job_token_scope",
	Accessor:     "JobTokenScope",
	Path:         "/projects/{project_id}/job_token_scope",
	Parent:       "project",
	IDAttr:       base.IDAttrNone,
	Ops:          base.OpGetWithoutID | base.OpUpdate,
	UpdateMethod: "PATCH",
	DocsURL:      "https://docs.gitlab.com/api/project_job_token_scopes/",
}
