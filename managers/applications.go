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
	Actions: []base.Action{
		// https://docs.gitlab.com/api/applications/#renew-an-application-secret: the
		// answer is the application with its new secret.
		{Name: "renew_secret", Path: "renew-secret", Result: base.ResultReplace},
	},
}
