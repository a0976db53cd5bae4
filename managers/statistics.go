package managers

import "github.com/golab/gitlab/base"

// applicationStatisticsSpec declares /application/statistics.
// python-gitlab: ApplicationStatisticsManager (gl.statistics).
var applicationStatisticsSpec = &base.Spec{
	Name:     "application_statistics",
	Accessor: "Statistics",
	Path:     "/application/statistics",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/statistics/",
}

// groupIssuesStatisticsSpec declares /groups/{group_id}/issues_statistics.
// python-gitlab: GroupIssuesStatisticsManager (Group.issues_statistics).
var groupIssuesStatisticsSpec = &base.Spec{
	Name:        "group_issues_statistics",
	Accessor:    "IssuesStatistics",
	Path:        "/groups/{group_id}/issues_statistics",
	Parent:      "group",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpGetWithoutID,
	ListFilters: []string{"iids"},
	Types:       base.AttrTypes{Array: []string{"iids"}},
	DocsURL:     "https://docs.gitlab.com/api/issues_statistics/",
}

// issuesStatisticsSpec declares /issues_statistics.
// python-gitlab: IssuesStatisticsManager (gl.issues_statistics).
var issuesStatisticsSpec = &base.Spec{
	Name:        "issues_statistics",
	Accessor:    "IssuesStatistics",
	Path:        "/issues_statistics",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpGetWithoutID,
	ListFilters: []string{"iids"},
	Types:       base.AttrTypes{Array: []string{"iids"}},
	DocsURL:     "https://docs.gitlab.com/api/issues_statistics/",
}

// projectAdditionalStatisticsSpec declares /projects/{project_id}/statistics.
// python-gitlab: ProjectAdditionalStatisticsManager (Project.additionalstatistics).
var projectAdditionalStatisticsSpec = &base.Spec{
	Name:     "project_additional_statistics",
	Accessor: "AdditionalStatistics",
	Path:     "/projects/{project_id}/statistics",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/project_statistics/",
}

// projectIssuesStatisticsSpec declares /projects/{project_id}/issues_statistics.
// python-gitlab: ProjectIssuesStatisticsManager (Project.issues_statistics).
var projectIssuesStatisticsSpec = &base.Spec{
	Name:        "project_issues_statistics",
	Accessor:    "IssuesStatistics",
	Path:        "/projects/{project_id}/issues_statistics",
	Parent:      "project",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpGetWithoutID,
	ListFilters: []string{"iids"},
	Types:       base.AttrTypes{Array: []string{"iids"}},
	DocsURL:     "https://docs.gitlab.com/api/issues_statistics/",
}
