package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// ProjectBranchSpec declares /projects/{project_id}/repository/branches.
// GitLab API: https://docs.gitlab.com/api/branches/
var ProjectBranchSpec = &base.Spec{
	Name:        "project_branches",
	Path:        "/projects/{project_id}/repository/branches",
	Parent:      "projects",
	FromParent:  map[string]string{"project_id": "id"},
	IDAttr:      "name",
	Ops:         base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{Required: []string{"branch", "ref"}},
	DocsURL:     "https://docs.gitlab.com/api/branches/",
}

// ProjectBranch is a repository branch; its ID is its name.
type ProjectBranch struct {
	*base.Object
	mixins.ObjectDeleter
}

func newProjectBranch(o *base.Object) *ProjectBranch {
	return &ProjectBranch{o, mixins.NewObjectDeleter(o)}
}

// ProjectBranchManager manages a project's branches (project.Branches()).
type ProjectBranchManager struct {
	*base.Manager[*ProjectBranch]
	mixins.NoUpdate[*ProjectBranch]
}

// NewProjectBranchManager binds ProjectBranchSpec to a core.
func NewProjectBranchManager(c *base.Core) *ProjectBranchManager {
	m := base.NewManager(c, newProjectBranch)
	return &ProjectBranchManager{m, mixins.NewNoUpdate(m)}
}
