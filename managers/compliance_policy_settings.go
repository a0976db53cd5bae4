package managers

import "github.com/golab/gitlab/base"

// compliancePolicySettingsSpec declares
// /admin/security/compliance_policy_settings: the group that centrally
// manages the instance's security policies (administrators).
// GitLab API: https://docs.gitlab.com/api/compliance_policy_settings/
var compliancePolicySettingsSpec = &base.Spec{
	Name:        "compliance_policy_settings",
	Accessor:    "CompliancePolicySettings",
	Path:        "/admin/security/compliance_policy_settings",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{Required: []string{"csp_namespace_id"}},
	DocsURL:     "https://docs.gitlab.com/api/compliance_policy_settings/",
}
