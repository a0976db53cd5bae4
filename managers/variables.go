package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// ProjectVariableSpec declares /projects/{project_id}/variables.
// GitLab API: https://docs.gitlab.com/api/project_level_variables/
var ProjectVariableSpec = &base.Spec{
	Name:        "project_variables",
	Path:        "/projects/{project_id}/variables",
	Parent:      "projects",
	FromParent:  map[string]string{"project_id": "id"},
	IDAttr:      "key",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Required: []string{"key", "value"}, Optional: []string{"description", "environment_scope", "masked", "masked_and_hidden", "protected", "raw", "variable_type"}},
	UpdateAttrs: base.RequiredOptional{Required: []string{"key"}, Optional: []string{"description", "environment_scope", "masked", "protected", "raw", "value", "variable_type"}},
	DocsURL:     "https://docs.gitlab.com/api/project_level_variables/",
}

// ProjectVariable is a project's CI/CD variable; its ID is its key.
type ProjectVariable struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
}

func newProjectVariable(o *base.Object) *ProjectVariable {
	return &ProjectVariable{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o)}
}

// ProjectVariableManager manages a project's variables (project.Variables()).
type ProjectVariableManager struct {
	*base.Manager[*ProjectVariable]
	mixins.CRUD[*ProjectVariable]
}

// NewProjectVariableManager binds ProjectVariableSpec to a core.
func NewProjectVariableManager(c *base.Core) *ProjectVariableManager {
	m := base.NewManager(c, newProjectVariable)
	return &ProjectVariableManager{m, mixins.NewCRUD(m)}
}
