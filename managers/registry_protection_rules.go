package managers

import "github.com/golab/gitlab/base"

// projectRegistryProtectionRuleSpec declares /projects/{project_id}/registry/protection/rules.
// python-gitlab: ProjectRegistryProtectionRuleManager (Project.registry_protection_rules).
var projectRegistryProtectionRuleSpec = &base.Spec{
	Name:         "project_registry_protection_rule",
	Accessor:     "RegistryProtectionRules",
	Path:         "/projects/{project_id}/registry/protection/rules",
	Parent:       "project",
	ReprAttr:     "repository_path_pattern",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"repository_path_pattern"},
		Optional: []string{"minimum_access_level_for_push", "minimum_access_level_for_delete"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"repository_path_pattern", "minimum_access_level_for_push",
			"minimum_access_level_for_delete",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/project_container_registry_protection_rules/",
}

// projectRegistryProtectionTagRuleSpec declares
// /projects/{project_id}/registry/protection/tag/rules: container image
// tags matching a pattern that only some roles may push or delete.
// GitLab API: https://docs.gitlab.com/api/container_registry_protection_tag_rules/
var projectRegistryProtectionTagRuleSpec = &base.Spec{
	Name:         "project_registry_protection_tag_rule",
	Accessor:     "RegistryProtectionTagRules",
	Path:         "/projects/{project_id}/registry/protection/tag/rules",
	Parent:       "project",
	ReprAttr:     "tag_name_pattern",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"tag_name_pattern", "minimum_access_level_for_push", "minimum_access_level_for_delete"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"tag_name_pattern", "minimum_access_level_for_push", "minimum_access_level_for_delete"},
	},
	DocsURL: "https://docs.gitlab.com/api/container_registry_protection_tag_rules/",
}
