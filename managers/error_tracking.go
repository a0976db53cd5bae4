package managers

import "github.com/golab/gitlab/base"

// projectErrorTrackingSettingsSpec declares
// /projects/{project_id}/error_tracking/settings: one per project, created
// with PUT, switched on and off with PATCH.
// GitLab API: https://docs.gitlab.com/api/error_tracking/#error-tracking-project-settings
var projectErrorTrackingSettingsSpec = &base.Spec{
	Name:         "project_error_tracking_settings",
	Accessor:     "ErrorTrackingSettings",
	Path:         "/projects/{project_id}/error_tracking/settings",
	Parent:       "project",
	IDAttr:       base.IDAttrNone,
	Ops:          base.OpGetWithoutID | base.OpCreate | base.OpUpdate,
	CreateMethod: "PUT",
	UpdateMethod: "PATCH",
	CreateAttrs:  base.RequiredOptional{Required: []string{"active", "integrated"}},
	UpdateAttrs:  base.RequiredOptional{Required: []string{"active"}, Optional: []string{"integrated"}},
	DocsURL:      "https://docs.gitlab.com/api/error_tracking/",
}

// projectErrorTrackingClientKeySpec declares
// /projects/{project_id}/error_tracking/client_keys: the keys of GitLab's
// integrated error tracking (their public key is generated).
// GitLab API: https://docs.gitlab.com/api/error_tracking/#error-tracking-client-keys
var projectErrorTrackingClientKeySpec = &base.Spec{
	Name:     "project_error_tracking_client_key",
	Accessor: "ErrorTrackingClientKeys",
	Path:     "/projects/{project_id}/error_tracking/client_keys",
	Parent:   "project",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/error_tracking/",
}
