package managers

import "github.com/golab/gitlab/base"

// groupCustomAttributeSpec declares /groups/{group_id}/custom_attributes.
// python-gitlab: GroupCustomAttributeManager (Group.customattributes).
var groupCustomAttributeSpec = &base.Spec{
	Name:     "group_custom_attribute",
	Accessor: "CustomAttributes",
	Path:     "/groups/{group_id}/custom_attributes",
	Parent:   "group",
	IDAttr:   "key",
	Ops:      base.OpsRetrieve | base.OpDelete | base.OpSet,
	DocsURL:  "https://docs.gitlab.com/api/custom_attributes/",
}

// projectCustomAttributeSpec declares /projects/{project_id}/custom_attributes.
// python-gitlab: ProjectCustomAttributeManager (Project.customattributes).
var projectCustomAttributeSpec = &base.Spec{
	Name:     "project_custom_attribute",
	Accessor: "CustomAttributes",
	Path:     "/projects/{project_id}/custom_attributes",
	Parent:   "project",
	IDAttr:   "key",
	Ops:      base.OpsRetrieve | base.OpDelete | base.OpSet,
	DocsURL:  "https://docs.gitlab.com/api/custom_attributes/",
}

// userCustomAttributeSpec declares /users/{user_id}/custom_attributes.
// python-gitlab: UserCustomAttributeManager (User.customattributes).
var userCustomAttributeSpec = &base.Spec{
	Name:     "user_custom_attribute",
	Accessor: "CustomAttributes",
	Path:     "/users/{user_id}/custom_attributes",
	Parent:   "user",
	IDAttr:   "key",
	Ops:      base.OpsRetrieve | base.OpDelete | base.OpSet,
	DocsURL:  "https://docs.gitlab.com/api/custom_attributes/",
}
