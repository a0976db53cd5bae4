// Command declare shows how a new endpoint becomes a working manager: one
// Spec (data, in widgets.go), and `go generate`, which writes its typed
// manager and objects (widgets_gen.go) with the generator the built-in
// managers are made with. Without generating anything, the same declaration
// also works at once through a dynamic manager, checked at run time. The
// embedded fake GitLab serves the new collection from a one-line resource
// declaration.
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
	if err := Register(gl.Registry()); err != nil { // the declarations of widgets.go
		log.Fatal(err)
	}

	// Typed: the generated manager has exactly the declared operations.
	project := gl.Projects.Lazy(projectID)
	widgets := ProjectWidgets(project)
	for _, name := range []string{"sprocket", "gear"} {
		w, err := widgets.Create(ctx, gitlab.Attrs{"name": name, "color": "blue"})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("created", w)
	}
	if _, err := widgets.Create(ctx, gitlab.Attrs{"color": "red"}); err != nil {
		fmt.Println("checked before sending:", err)
	}
	w, err := widgets.Get(ctx, 1)
	if err != nil {
		log.Fatal(err)
	}
	_ = w.Set("color", "green")
	if err := w.Save(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("saved %s: color %s\n", w, w.GetString("color"))
	all, err := gitlab.Collect(widgets.All(ctx, nil))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("the project has %d widgets\n", len(all))
	// widgets.Delete(ctx, 1) does not compile: delete is not declared.

	// Dynamic: the same declaration by name, checked at run time.
	dyn := project.Manager("project_widget")
	page, err := dyn.List(ctx, gitlab.Params{"per_page": 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dynamic list: %d of %d widgets on the first page\n", len(page.Items), page.Total)
	var opErr *gitlab.OpError
	if err := dyn.Delete(ctx, w.ID()); errors.As(err, &opErr) {
		fmt.Println("refused:", err)
	}
}
