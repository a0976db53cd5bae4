package managers

import "github.com/golab/gitlab/base"

// projectSecuritySettingsSpec declares /projects/{project_id}/security_settings:
// secret push protection and the other security settings of a project.
// GitLab API: https://docs.gitlab.com/api/project_security_settings/
var projectSecuritySettingsSpec = &base.Spec{
	Name:        "project_security_settings",
	Accessor:    "SecuritySettings",
	Path:        "/projects/{project_id}/security_settings",
	Parent:      "project",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{Required: []string{"secret_push_protection_enabled"}},
	DocsURL:     "https://docs.gitlab.com/api/project_security_settings/",
}

// groupSecuritySettingsSpec declares /groups/{group_id}/security_settings:
// secret push protection for every project of a group, some excepted.
// GitLab documents no read.
// GitLab API: https://docs.gitlab.com/api/group_security_settings/
var groupSecuritySettingsSpec = &base.Spec{
	Name:     "group_security_settings",
	Accessor: "SecuritySettings",
	Path:     "/groups/{group_id}/security_settings",
	Parent:   "group",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"secret_push_protection_enabled"},
		Optional: []string{"projects_to_exclude"},
	},
	Types:   base.AttrTypes{Array: []string{"projects_to_exclude"}},
	DocsURL: "https://docs.gitlab.com/api/group_security_settings/",
}
