package managers

import "github.com/golab/gitlab/base"

// projectFeatureFlagSpec declares /projects/{project_id}/feature_flags.
// python-gitlab: ProjectFeatureFlagManager (Project.feature_flags).
var projectFeatureFlagSpec = &base.Spec{
	Name:     "project_feature_flag",
	Accessor: "FeatureFlags",
	Path:     "/projects/{project_id}/feature_flags",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"version", "description", "active", "strategies"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "new_name", "description", "active", "strategies"},
	},
	ListFilters: []string{"scope"},
	Types:       base.AttrTypes{JSON: []string{"strategies"}},
	DocsURL:     "https://docs.gitlab.com/api/feature_flags/",
}
