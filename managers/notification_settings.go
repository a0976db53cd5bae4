package managers

import "github.com/golab/gitlab/base"

// groupNotificationSettingsSpec declares /groups/{group_id}/notification_settings.
// python-gitlab: GroupNotificationSettingsManager (Group.notificationsettings).
var groupNotificationSettingsSpec = &base.Spec{
	Name:     "group_notification_settings",
	Accessor: "NotificationSettings",
	Path:     "/groups/{group_id}/notification_settings",
	Parent:   "group",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"level", "notification_email", "new_note", "new_issue", "reopen_issue",
			"close_issue", "reassign_issue", "new_merge_request", "reopen_merge_request",
			"close_merge_request", "reassign_merge_request", "merge_merge_request",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/notification_settings/",
}

// notificationSettingsSpec declares /notification_settings.
// python-gitlab: NotificationSettingsManager (gl.notificationsettings).
var notificationSettingsSpec = &base.Spec{
	Name:     "notification_settings",
	Accessor: "NotificationSettings",
	Path:     "/notification_settings",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"level", "notification_email", "new_note", "new_issue", "reopen_issue",
			"close_issue", "reassign_issue", "new_merge_request", "reopen_merge_request",
			"close_merge_request", "reassign_merge_request", "merge_merge_request",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/notification_settings/",
}

// projectNotificationSettingsSpec declares /projects/{project_id}/notification_settings.
// python-gitlab: ProjectNotificationSettingsManager (Project.notificationsettings).
var projectNotificationSettingsSpec = &base.Spec{
	Name:     "project_notification_settings",
	Accessor: "NotificationSettings",
	Path:     "/projects/{project_id}/notification_settings",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"level", "notification_email", "new_note", "new_issue", "reopen_issue",
			"close_issue", "reassign_issue", "new_merge_request", "reopen_merge_request",
			"close_merge_request", "reassign_merge_request", "merge_merge_request",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/notification_settings/",
}
