package managers

import "github.com/golab/gitlab/base"

// projectFeatureFlagUserListSpec declares /projects/{project_id}/feature_flags_user_lists.
// python-gitlab: ProjectFeatureFlagUserListManager (Project.feature_flags_user_lists).
var projectFeatureFlagUserListSpec = &base.Spec{
	Name:     "project_feature_flag_user_list",
	Accessor: "FeatureFlagsUserLists",
	Path:     "/projects/{project_id}/feature_flags_user_lists",
	Parent:   "project",
	IDAttr:   "iid",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "user_xids"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "user_xids"},
	},
	ListFilters: []string{"search"},
	Types:       base.AttrTypes{CommaSeparatedString: []string{"user_xids"}},
	DocsURL:     "https://docs.gitlab.com/api/feature_flag_user_lists/",
}
