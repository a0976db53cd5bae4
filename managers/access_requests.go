package managers

import "github.com/golab/gitlab/base"

// groupAccessRequestSpec declares /groups/{group_id}/access_requests.
// python-gitlab: GroupAccessRequestManager (Group.accessrequests).
var groupAccessRequestSpec = &base.Spec{
	Name:     "group_access_request",
	Accessor: "AccessRequests",
	Path:     "/groups/{group_id}/access_requests",
	Parent:   "group",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/access_requests/",
	Actions:  accessRequestActions,
}

// projectAccessRequestSpec declares /projects/{project_id}/access_requests.
// python-gitlab: ProjectAccessRequestManager (Project.accessrequests).
var projectAccessRequestSpec = &base.Spec{
	Name:     "project_access_request",
	Accessor: "AccessRequests",
	Path:     "/projects/{project_id}/access_requests",
	Parent:   "project",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/access_requests/",
	Actions:  accessRequestActions,
}
