package managers

import "github.com/golab/gitlab/base"

// projectAlertManagementAlertSpec declares
// /projects/{project_id}/alert_management_alerts: the REST API of alerts is
// their metric images (the alerts themselves are GraphQL's), so the
// manager's actions take the alert's IID.
// GitLab API: https://docs.gitlab.com/api/alert_management_alerts/
var projectAlertManagementAlertSpec = &base.Spec{
	Name:     "project_alert_management_alert",
	Accessor: "AlertManagementAlerts",
	Path:     "/projects/{project_id}/alert_management_alerts",
	Parent:   "project",
	IDAttr:   "iid",
	DocsURL:  "https://docs.gitlab.com/api/alert_management_alerts/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/alert_management_alerts/#list-metric-images
		{Name: "metric_images", Method: "GET", Path: "{alert_iid}/metric_images", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"alert_iid"}}},
		// https://docs.gitlab.com/api/alert_management_alerts/#upload-metric-image
		{Name: "upload_metric_image", Path: "{alert_iid}/metric_images", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"alert_iid", "file"}, Optional: []string{"url", "url_text"}}, Types: base.AttrTypes{File: []string{"file"}}},
		// https://docs.gitlab.com/api/alert_management_alerts/#update-metric-image
		{Name: "update_metric_image", Method: "PUT", Path: "{alert_iid}/metric_images/{image_id}", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"alert_iid", "image_id"}, Optional: []string{"url", "url_text"}}},
		// https://docs.gitlab.com/api/alert_management_alerts/#delete-metric-image
		{Name: "delete_metric_image", Method: "DELETE", Path: "{alert_iid}/metric_images/{image_id}", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"alert_iid", "image_id"}}, Result: base.ResultNone},
	},
}
