package managers

import "github.com/golab/gitlab/base"

// projectEnvironmentSpec declares /projects/{project_id}/environments.
// python-gitlab: ProjectEnvironmentManager (Project.environments).
var projectEnvironmentSpec = &base.Spec{
	Name:     "project_environment",
	Accessor: "Environments",
	Path:     "/projects/{project_id}/environments",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"external_url"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "external_url"},
	},
	ListFilters: []string{"name", "search", "states"},
	DocsURL:     "https://docs.gitlab.com/api/environments/",
	Actions: []base.Action{
		{Name: "stop", Result: base.ResultReplace},
	},
}

// projectProtectedEnvironmentSpec declares /projects/{project_id}/protected_environments.
// python-gitlab: ProjectProtectedEnvironmentManager (Project.protected_environments).
var projectProtectedEnvironmentSpec = &base.Spec{
	Name:     "project_protected_environment",
	Accessor: "ProtectedEnvironments",
	Path:     "/projects/{project_id}/protected_environments",
	Parent:   "project",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsCRUD, // update beyond python-gitlab: https://docs.gitlab.com/api/protected_environments/#update-a-protected-environment
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "deploy_access_levels"},
		Optional: []string{"required_approval_count", "approval_rules"},
	},
	UpdateAttrs: base.RequiredOptional{Optional: protectedEnvironmentUpdate},
	Types:       base.AttrTypes{Array: []string{"approval_rules", "deploy_access_levels"}},
	DocsURL:     "https://docs.gitlab.com/api/protected_environments/",
}

// protectedEnvironmentUpdate: deploy access levels and approval rules are
// added, changed (with their id) or removed (with "_destroy": true).
// GitLab API: https://docs.gitlab.com/api/group_protected_environments/#update-a-protected-environment
var protectedEnvironmentUpdate = []string{"deploy_access_levels", "required_approval_count", "approval_rules"}

// groupProtectedEnvironmentSpec declares /groups/{group_id}/protected_environments:
// environments protected for every project of a group, by deployment
// tier (production, staging, testing, development, other).
// GitLab API: https://docs.gitlab.com/api/group_protected_environments/
var groupProtectedEnvironmentSpec = &base.Spec{
	Name:     "group_protected_environment",
	Accessor: "ProtectedEnvironments",
	Path:     "/groups/{group_id}/protected_environments",
	Parent:   "group",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "deploy_access_levels"},
		Optional: []string{"approval_rules"},
	},
	UpdateAttrs: base.RequiredOptional{Optional: protectedEnvironmentUpdate},
	Types:       base.AttrTypes{Array: []string{"approval_rules", "deploy_access_levels"}},
	DocsURL:     "https://docs.gitlab.com/api/group_protected_environments/",
}
