package managers

import "github.com/golab/gitlab/base"

// projectProtectedTagSpec declares /projects/{project_id}/protected_tags.
// python-gitlab: ProjectProtectedTagManager (Project.protectedtags).
var projectProtectedTagSpec = &base.Spec{
	Name:     "project_protected_tag",
	Accessor: "ProtectedTags",
	Path:     "/projects/{project_id}/protected_tags",
	Parent:   "project",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"create_access_level"},
	},
	DocsURL: "https://docs.gitlab.com/api/protected_tags/",
}

// projectTagSpec declares /projects/{project_id}/repository/tags.
// python-gitlab: ProjectTagManager (Project.tags).
var projectTagSpec = &base.Spec{
	Name:     "project_tag",
	Accessor: "Tags",
	Path:     "/projects/{project_id}/repository/tags",
	Parent:   "project",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"tag_name", "ref"},
		Optional: []string{"message"},
	},
	ListFilters: []string{"order_by", "sort", "search"},
	DocsURL:     "https://docs.gitlab.com/api/tags/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/tags/#get-x509-signature-of-a-tag
		{Name: "signature", Method: "GET"},
	},
}
