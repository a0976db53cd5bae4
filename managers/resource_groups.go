package managers

import "github.com/golab/gitlab/base"

// projectResourceGroupSpec declares /projects/{project_id}/resource_groups.
// python-gitlab: ProjectResourceGroupManager (Project.resource_groups).
var projectResourceGroupSpec = &base.Spec{
	Name:     "project_resource_group",
	Accessor: "ResourceGroups",
	Path:     "/projects/{project_id}/resource_groups",
	Parent:   "project",
	IDAttr:   "key",
	Ops:      base.OpsRetrieve | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"process_mode"},
	},
	ListFilters: []string{"order_by", "sort", "include_html_description"},
	DocsURL:     "https://docs.gitlab.com/api/resource_groups/",
}

// projectResourceGroupUpcomingJobSpec declares /projects/{project_id}/resource_groups/{resource_group_key}/upcoming_jobs.
// python-gitlab: ProjectResourceGroupUpcomingJobManager (ProjectResourceGroup.upcoming_jobs).
var projectResourceGroupUpcomingJobSpec = &base.Spec{
	Name:     "project_resource_group_upcoming_job",
	Accessor: "UpcomingJobs",
	Path:     "/projects/{project_id}/resource_groups/{resource_group_key}/upcoming_jobs",
	Parent:   "project_resource_group",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/resource_groups/",
}
