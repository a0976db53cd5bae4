// Command declare shows how a new endpoint becomes a working manager: one
// Spec (data), registered on the client, used at once through a dynamic
// manager. The embedded fake GitLab serves the new collection from a
// one-line resource declaration.
//
// python-gitlab equivalent: a RESTManager subclass with _path,
// _from_parent_attrs, _create_attrs and the CRUD mixins.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	ctx := context.Background()
	srv, err := gitlabtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	// The fake serves any collection from a declaration: GitLab's routes, our store.
	srv.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/widgets", Ops: "list,get,create,update,delete"})
	projectID := srv.AddProject(gitlabtest.Project{Name: "Widget factory", Visibility: "public"})

	gl, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()

	// The whole declaration of the new manager.
	err = gl.Register(&gitlab.Spec{
		Name:        "project_widgets",
		Path:        "/projects/{project_id}/widgets",
		Parent:      "projects",
		FromParent:  map[string]string{"project_id": "id"},
		Ops:         gitlab.OpList | gitlab.OpGet | gitlab.OpCreate | gitlab.OpUpdate,
		CreateAttrs: gitlab.RequiredOptional{Required: []string{"name"}, Optional: []string{"color"}},
		DocsURL:     "https://docs.gitlab.com/api/",
	})
	if err != nil {
		log.Fatal(err)
	}

	widgets := gl.Projects.Lazy(projectID).Manager("project_widgets")
	for _, name := range []string{"sprocket", "gear"} {
		w, err := widgets.Create(ctx, gitlab.Attrs{"name": name, "color": "blue"})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("created widget %s: %s\n", w.ID(), w.GetString("name"))
	}
	if _, err := widgets.Create(ctx, gitlab.Attrs{"color": "red"}); err != nil {
		fmt.Println("checked before sending:", err)
	}

	w, err := widgets.Get(ctx, 1)
	if err != nil {
		log.Fatal(err)
	}
	_ = w.Set("color", "green")
	if err := widgets.Save(ctx, w); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("saved widget %s: color %s\n", w.ID(), w.GetString("color"))

	all, err := gitlab.Collect(widgets.All(ctx, nil))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("the project has %d widgets\n", len(all))

	// Delete was not declared: the dynamic manager refuses it, with no request.
	var opErr *gitlab.OpError
	if err := widgets.Delete(ctx, w.ID()); errors.As(err, &opErr) {
		fmt.Println("refused:", err)
	}
}
