package managers

import "github.com/golab/gitlab/base"

// deployKeySpec declares /deploy_keys.
// python-gitlab: DeployKeyManager (gl.deploykeys).
var deployKeySpec = &base.Spec{
	Name:     "deploy_key",
	Accessor: "DeployKeys",
	Path:     "/deploy_keys",
	Ops:      base.OpList | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title", "key"},
		Optional: []string{"expires_at"},
	},
	DocsURL: "https://docs.gitlab.com/api/deploy_keys/",
}

// projectKeySpec declares /projects/{project_id}/deploy_keys.
// python-gitlab: ProjectKeyManager (Project.keys).
var projectKeySpec = &base.Spec{
	Name:     "project_key",
	Accessor: "Keys",
	Path:     "/projects/{project_id}/deploy_keys",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title", "key"},
		Optional: []string{"can_push", "expires_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "can_push", "expires_at"},
	},
	DocsURL: "https://docs.gitlab.com/api/deploy_keys/",
	Actions: []base.Action{
		{Name: "enable", Path: "{key_id}/enable", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"key_id"}}, Result: base.ResultNew},
	},
}
