package managers

import "github.com/golab/gitlab/base"

// groupProtectedBranchSpec declares /groups/{group_id}/protected_branches.
// python-gitlab: GroupProtectedBranchManager (Group.protectedbranches).
var groupProtectedBranchSpec = &base.Spec{
	Name:         "group_protected_branch",
	Accessor:     "ProtectedBranches",
	Path:         "/groups/{group_id}/protected_branches",
	Parent:       "group",
	IDAttr:       "name",
	Ops:          base.OpsCRUD,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{
			"push_access_level", "merge_access_level", "unprotect_access_level",
			"allow_force_push", "allowed_to_push", "allowed_to_merge",
			"allowed_to_unprotect", "code_owner_approval_required",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/protected_branches/",
}

// projectBranchSpec declares /projects/{project_id}/repository/branches.
// python-gitlab: ProjectBranchManager (Project.branches).
var projectBranchSpec = &base.Spec{
	Name:     "project_branch",
	Accessor: "Branches",
	Path:     "/projects/{project_id}/repository/branches",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"branch", "ref"},
	},
	DocsURL: "https://docs.gitlab.com/api/branches/",
}

// projectProtectedBranchSpec declares /projects/{project_id}/protected_branches.
// python-gitlab: ProjectProtectedBranchManager (Project.protectedbranches).
var projectProtectedBranchSpec = &base.Spec{
	Name:         "project_protected_branch",
	Accessor:     "ProtectedBranches",
	Path:         "/projects/{project_id}/protected_branches",
	Parent:       "project",
	IDAttr:       "name",
	Ops:          base.OpsCRUD,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{
			"push_access_level", "merge_access_level", "unprotect_access_level",
			"allow_force_push", "allowed_to_push", "allowed_to_merge",
			"allowed_to_unprotect", "code_owner_approval_required",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/protected_branches/",
}
