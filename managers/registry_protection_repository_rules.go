package managers

import "github.com/golab/gitlab/base"

// projectRegistryRepositoryProtectionRuleSpec declares /projects/{project_id}/registry/protection/repository/rules.
// python-gitlab: ProjectRegistryRepositoryProtectionRuleManager (Project.registry_protection_repository_rules).
var projectRegistryRepositoryProtectionRuleSpec = &base.Spec{
	Name:         "project_registry_repository_protection_rule",
	Accessor:     "RegistryProtectionRepositoryRules",
	Path:         "/projects/{project_id}/registry/protection/repository/rules",
	Parent:       "project",
	ReprAttr:     "repository_path_pattern",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
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
	DocsURL: "https://docs.gitlab.com/api/container_repository_protection_rules/",
}
