package managers

import "github.com/golab/gitlab/base"

// groupBadgeSpec declares /groups/{group_id}/badges.
// python-gitlab: GroupBadgeManager (Group.badges).
var groupBadgeSpec = &base.Spec{
	Name:     "group_badge",
	Accessor: "Badges",
	Path:     "/groups/{group_id}/badges",
	Parent:   "group",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"link_url", "image_url"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"link_url", "image_url"},
	},
	DocsURL: "https://docs.gitlab.com/api/group_badges/",
	Actions: badgeRenderActions,
}

// projectBadgeSpec declares /projects/{project_id}/badges.
// python-gitlab: ProjectBadgeManager (Project.badges).
var projectBadgeSpec = &base.Spec{
	Name:     "project_badge",
	Accessor: "Badges",
	Path:     "/projects/{project_id}/badges",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"link_url", "image_url"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"link_url", "image_url"},
	},
	DocsURL: "https://docs.gitlab.com/api/group_badges/",
	Actions: badgeRenderActions,
}
