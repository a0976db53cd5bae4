package gitlab

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// NewRegistry returns a new registry holding every built-in manager
// declaration: it reads through to managers.Builtins(), shared and frozen,
// and holds what is registered or extended on it, so creating one copies
// nothing. Declare more managers with Register, or change a built-in one
// for this registry with Extend:
//
//	r := gitlab.NewRegistry()
//	err := r.Register(&gitlab.Spec{
//		Name: "project_widget", Accessor: "Widgets", Path: "/projects/{project_id}/widgets",
//		Parent: "project", // {project_id}: the project's id
//		Ops: gitlab.OpList | gitlab.OpGet | gitlab.OpCreate,
//	})
//	gl, err := gitlab.New(url, gitlab.WithRegistry(r))
//	widgets := project.Manager("project_widget")
//
// Client.Register does the same on one client's own registry, and
// cmd/gitlab-gen writes typed managers for such declarations.
func NewRegistry() *Registry { return base.NewRegistryOver(managers.Builtins()) }
