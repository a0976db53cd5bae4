package managers

import "github.com/golab/gitlab/base"

// groupVariableSpec declares /groups/{group_id}/variables.
// python-gitlab: GroupVariableManager (Group.variables).
var groupVariableSpec = &base.Spec{
	Name:     "group_variable",
	Accessor: "Variables",
	Path:     "/groups/{group_id}/variables",
	Parent:   "group",
	IDAttr:   "key",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"key", "value"},
		Optional: []string{
			"description", "environment_scope", "masked", "masked_and_hidden",
			"protected", "raw", "variable_type",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"key"},
		Optional: []string{
			"description", "environment_scope", "masked", "protected", "raw", "value",
			"variable_type",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/instance_level_ci_variables/",
}

// projectVariableSpec declares /projects/{project_id}/variables.
// python-gitlab: ProjectVariableManager (Project.variables).
var projectVariableSpec = &base.Spec{
	Name:     "project_variable",
	Accessor: "Variables",
	Path:     "/projects/{project_id}/variables",
	Parent:   "project",
	IDAttr:   "key",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"key", "value"},
		Optional: []string{
			"description", "environment_scope", "masked", "masked_and_hidden",
			"protected", "raw", "variable_type",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"key"},
		Optional: []string{
			"description", "environment_scope", "masked", "protected", "raw", "value",
			"variable_type",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/instance_level_ci_variables/",
}

// variableSpec declares /admin/ci/variables.
// python-gitlab: VariableManager (gl.variables).
var variableSpec = &base.Spec{
	Name:     "variable",
	Accessor: "Variables",
	Path:     "/admin/ci/variables",
	IDAttr:   "key",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"key", "value"},
		Optional: []string{"description", "masked", "protected", "raw", "variable_type"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"key"},
		Optional: []string{"description", "masked", "protected", "raw", "value", "variable_type"},
	},
	DocsURL: "https://docs.gitlab.com/api/instance_level_ci_variables/",
}
