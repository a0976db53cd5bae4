package managers

import "github.com/golab/gitlab/base"

// projectPackageProtectionRuleSpec declares /projects/{project_id}/packages/protection/rules.
// python-gitlab: ProjectPackageProtectionRuleManager (Project.package_protection_rules).
var projectPackageProtectionRuleSpec = &base.Spec{
	Name:         "project_package_protection_rule",
	Accessor:     "PackageProtectionRules",
	Path:         "/projects/{project_id}/packages/protection/rules",
	Parent:       "project",
	ReprAttr:     "package_name_pattern",
	Ops:          base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	UpdateMethod: "PATCH",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"package_name_pattern", "package_type", "minimum_access_level_for_push"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"package_name_pattern", "package_type", "minimum_access_level_for_push"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_packages_protection_rules/",
}
