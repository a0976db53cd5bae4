package managers

import "github.com/golab/gitlab/base"

// projectReleaseLinkSpec declares /projects/{project_id}/releases/{tag_name}/assets/links.
// python-gitlab: ProjectReleaseLinkManager (ProjectRelease.links).
var projectReleaseLinkSpec = &base.Spec{
	Name:     "project_release_link",
	Accessor: "Links",
	Path:     "/projects/{project_id}/releases/{tag_name}/assets/links",
	Parent:   "project_release",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "url"},
		Optional: []string{"filepath", "direct_asset_path", "link_type"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "url", "filepath", "direct_asset_path", "link_type"},
	},
	DocsURL: "https://docs.gitlab.com/api/releases/links/",
}

// projectReleaseSpec declares /projects/{project_id}/releases.
// python-gitlab: ProjectReleaseManager (Project.releases).
var projectReleaseSpec = &base.Spec{
	Name:     "project_release",
	Accessor: "Releases",
	Path:     "/projects/{project_id}/releases",
	Parent:   "project",
	IDAttr:   "tag_name",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"tag_name"},
		Optional: []string{"name", "description", "ref", "assets"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "description", "milestones", "released_at"},
	},
	ListFilters: []string{"order_by", "sort", "include_html_description"},
	Types:       base.AttrTypes{Array: []string{"milestones"}},
	DocsURL:     "https://docs.gitlab.com/api/releases/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/releases/#get-the-latest-release: the answer is the release.
		{Name: "latest", Method: "GET", Path: "permalink/latest", OnManager: true, Result: base.ResultNew,
			Attrs: base.RequiredOptional{Optional: []string{"include_html_description"}}},
	},
}

// groupReleaseSpec declares /groups/{group_id}/releases: the releases of
// a group's projects.
// GitLab API: https://docs.gitlab.com/api/releases/#list-group-releases
var groupReleaseSpec = &base.Spec{
	Name:        "group_release",
	Accessor:    "Releases",
	Path:        "/groups/{group_id}/releases",
	Parent:      "group",
	IDAttr:      "tag_name",
	ReprAttr:    "name",
	Ops:         base.OpList,
	ListFilters: []string{"sort", "simple"},
	DocsURL:     "https://docs.gitlab.com/api/releases/",
}
