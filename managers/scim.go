package managers

import "github.com/golab/gitlab/base"

// groupSCIMIdentitySpec declares /groups/{group_id}/scim/{extern_uid}: the
// SCIM identities of a group with SAML SSO, by their external UID. GitLab
// lists them at /groups/:id/scim/identities (the manager's Identities).
// Update changes the external UID itself (extern_uid, in the body).
// GitLab API: https://docs.gitlab.com/api/scim/
var groupSCIMIdentitySpec = &base.Spec{
	Name:         "group_scim_identity",
	Accessor:     "SCIMIdentities",
	Path:         "/groups/{group_id}/scim",
	Parent:       "group",
	IDAttr:       "extern_uid",
	Ops:          base.OpGet | base.OpUpdate | base.OpDelete,
	UpdateMethod: "PATCH",
	UpdateAttrs:  base.RequiredOptional{Optional: []string{"extern_uid"}},
	DocsURL:      "https://docs.gitlab.com/api/scim/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/scim/#get-scim-identities-for-a-group
		{Name: "identities", Method: "GET", OnManager: true, Result: base.ResultList},
	},
}
