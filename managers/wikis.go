package managers

import "github.com/golab/gitlab/base"

// groupWikiSpec declares /groups/{group_id}/wikis.
// python-gitlab: GroupWikiManager (Group.wikis).
var groupWikiSpec = &base.Spec{
	Name:     "group_wiki",
	Accessor: "Wikis",
	Path:     "/groups/{group_id}/wikis",
	Parent:   "group",
	IDAttr:   "slug",
	ReprAttr: "slug",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title", "content"},
		Optional: []string{"format"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "content", "format"},
	},
	ListFilters: []string{"with_content"},
	DocsURL:     "https://docs.gitlab.com/api/group_wikis/",
	Actions: []base.Action{
		{Name: "upload", Path: "/groups/{group_id}/wikis/attachments", Attrs: base.RequiredOptional{Required: []string{"file"}, Optional: []string{"branch"}}, Types: base.AttrTypes{File: []string{"file"}}},
	},
}

// projectWikiSpec declares /projects/{project_id}/wikis.
// python-gitlab: ProjectWikiManager (Project.wikis).
var projectWikiSpec = &base.Spec{
	Name:     "project_wiki",
	Accessor: "Wikis",
	Path:     "/projects/{project_id}/wikis",
	Parent:   "project",
	IDAttr:   "slug",
	ReprAttr: "slug",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title", "content"},
		Optional: []string{"format"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "content", "format"},
	},
	ListFilters: []string{"with_content"},
	DocsURL:     "https://docs.gitlab.com/api/wikis/#upload-an-attachment-to-the-wiki-repository",
	Actions: []base.Action{
		{Name: "upload", Path: "/projects/{project_id}/wikis/attachments", Attrs: base.RequiredOptional{Required: []string{"file"}, Optional: []string{"branch"}}, Types: base.AttrTypes{File: []string{"file"}}},
	},
}
