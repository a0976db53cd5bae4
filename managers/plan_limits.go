package managers

import "github.com/golab/gitlab/base"

// applicationPlanLimitsSpec declares /application/plan_limits: the limits
// of a subscription plan ("default" unless plan_name says otherwise, as a
// query parameter of Get: gitlab.WithParams), administrators only.
// GitLab API: https://docs.gitlab.com/api/plan_limits/
var applicationPlanLimitsSpec = &base.Spec{
	Name:     "application_plan_limits",
	Accessor: "PlanLimits",
	Path:     "/application/plan_limits",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	GetAttrs: base.RequiredOptional{Optional: []string{"plan_name"}},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"plan_name"},
		Optional: []string{
			"ci_active_jobs", "ci_instance_level_variables", "ci_needs_size_limit", "ci_pipeline_schedules",
			"ci_pipeline_size", "ci_project_subscriptions", "ci_registered_group_runners",
			"ci_registered_project_runners", "conan_max_file_size", "dotenv_size", "dotenv_variables",
			"enforcement_limit", "generic_packages_max_file_size", "helm_max_file_size", "limits_history",
			"maven_max_file_size", "notification_limit", "npm_max_file_size", "nuget_max_file_size",
			"pipeline_hierarchy_size", "pypi_max_file_size", "storage_size_limit",
			"terraform_module_max_file_size",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/plan_limits/",
}
