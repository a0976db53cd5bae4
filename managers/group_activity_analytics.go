package managers

import "github.com/golab/gitlab/base"

// groupActivityAnalyticsSpec declares /analytics/group_activity: counts of
// a group's recent activity, the group named by its full path.
// GitLab API: https://docs.gitlab.com/api/group_activity_analytics/
var groupActivityAnalyticsSpec = &base.Spec{
	Name:     "group_activity_analytics",
	Accessor: "GroupActivityAnalytics",
	Path:     "/analytics/group_activity",
	IDAttr:   base.IDAttrNone,
	DocsURL:  "https://docs.gitlab.com/api/group_activity_analytics/",
	Actions: []base.Action{
		{Name: "issues_count", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"group_path"}}},
		{Name: "merge_requests_count", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"group_path"}}},
		{Name: "new_members_count", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"group_path"}}},
	},
}
