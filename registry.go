package gitlab

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// NewRegistry returns a new registry holding every built-in manager
// declaration (managers.Specs). Declare more managers with Register:
//
//	r := gitlab.NewRegistry()
//	err := r.Register(&gitlab.Spec{
//		Name: "project_widgets", Path: "/projects/{project_id}/widgets",
//		Parent: "projects", FromParent: map[string]string{"project_id": "id"},
//		Ops: gitlab.OpList | gitlab.OpGet | gitlab.OpCreate,
//	})
//	gl, err := gitlab.New(url, gitlab.WithRegistry(r))
//	widgets := project.Manager("project_widgets")
//
// Client.Register does the same on one client's own registry.
func NewRegistry() *Registry {
	r, err := base.NewRegistry(managers.Specs()...)
	if err != nil {
		// The built-in declarations are checked by the tests; this cannot
		// happen in a released build.
		panic(err)
	}
	return r
}
