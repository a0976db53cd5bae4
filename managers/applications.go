package managers

import "github.com/golab/gitlab/base"

// applicationSpec declares /applications.
// python-gitlab: ApplicationManager (gl.applications).
var applicationSpec = &base.Spec{
	Name:     "application",
	Accessor: "Applications",
	Path:     "/applications",
	ReprAttr: "name",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "redirect_uri", "scopes"},
		Optional: []string{"confidential"},
	},
	DocsURL: "https://docs.gitlab.com/api/applications/",
}
