package managers

import "github.com/golab/gitlab/base"

// projectAliasSpec declares /project_aliases: other names to clone a
// project's repository by (administrators).
// GitLab API: https://docs.gitlab.com/api/project_aliases/
var projectAliasSpec = &base.Spec{
	Name:        "project_alias",
	Accessor:    "ProjectAliases",
	Path:        "/project_aliases",
	IDAttr:      "name",
	Ops:         base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{Required: []string{"name", "project_id"}},
	DocsURL:     "https://docs.gitlab.com/api/project_aliases/",
}
