package gitlab_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// demo starts the fake GitLab with its demo data and an admin client.
func demo() (*gitlabtest.Server, *gitlab.Client) {
	srv, err := gitlabtest.New(gitlabtest.WithSeed())
	if err != nil {
		log.Fatal(err)
	}
	gl, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	return srv, gl
}

func ExampleNew() {
	srv, _ := demo()
	defer srv.Close()

	gl, err := gitlab.New(srv.URL(), gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()
	user, err := gl.Auth(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.GetString("username"), user.GetBool("is_admin"))
	// Output: root true
}

func ExampleClient_Projects_list() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	// One page, with GitLab's pagination facts.
	page, err := gl.Projects.List(ctx, gitlab.Params{"order_by": "id", "sort": "asc", "per_page": 2})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range page.Items {
		fmt.Println(p.GetString("path_with_namespace"))
	}
	fmt.Println("next page:", page.NextPage, "total:", page.Total)

	// Every project, page after page, fetched as the loop goes.
	n := 0
	for _, err := range gl.Projects.All(ctx, gitlab.Params{"per_page": 2}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println("all:", n)
	// Output:
	// demo/website
	// alice/notes
	// next page: 2 total: 4
	// all: 4
}

// Scan goes through a list as All does, reusing a few page buffers: each
// object is valid until the loop's next step, what is read from it stays
// valid, and Keep keeps an object past its step.
func Example_scan() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	var paths []string
	var private []*managers.Project
	for p, err := range gl.Projects.Scan(ctx, gitlab.Params{"order_by": "id", "sort": "asc", "per_page": 2}) {
		if err != nil {
			log.Fatal(err)
		}
		paths = append(paths, p.GetString("path_with_namespace")) // a copy: valid for good
		if p.GetString("visibility") == "private" {
			p.Keep() // the object itself outlives the loop
			private = append(private, p)
		}
	}
	fmt.Println(paths)
	for _, p := range private {
		fmt.Println("private:", p.GetString("path_with_namespace"))
	}
	// Output:
	// [demo/website alice/notes secret/vault root/sandbox]
	// private: alice/notes
	// private: secret/vault
}

func Example_createIssue() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	issues := gl.Projects.Lazy("demo/website").Issues()
	issue, err := issues.Create(ctx, gitlab.Attrs{"title": "Flaky test", "labels": []string{"ci", "bug"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(issue, issue.GetStrings("labels"))

	// Missing required attributes are caught before any request.
	_, err = issues.Create(ctx, gitlab.Attrs{"description": "no title"})
	fmt.Println(err)
	// Output:
	// <ProjectIssue iid:4 title:Flaky test> [ci bug]
	// gitlab: create project_issue: missing attributes: title
}

func Example_save() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	project, err := gl.Projects.Get(ctx, "demo/website")
	if err != nil {
		log.Fatal(err)
	}
	if err := project.Set("description", "The new website"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("pending: %s\n", project.Changes())
	if err := project.Save(ctx); err != nil { // PUT /projects/1 {"description": "The new website"}
		log.Fatal(err)
	}
	fmt.Println(project.GetString("description"), project.Dirty())
	// Output:
	// pending: {"description":"The new website"}
	// The new website false
}

func ExampleError() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	_, err := gl.Projects.List(ctx, gitlab.Params{"sort": "invalid value"})
	fmt.Println(err)

	_, err = gl.Projects.Get(ctx, "no/such-project")
	var apiErr *gitlab.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Op, apiErr.StatusCode, errors.Is(err, gitlab.ErrNotFound))
	}
	// Output:
	// 400: sort does not have a valid value
	// get 404 true
}

func Example_lazy() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	before := srv.RequestCount()
	project := gl.Projects.Lazy("demo/website") // no request
	if err := project.Star(ctx); err != nil {   // POST /projects/demo%2Fwebsite/star
		log.Fatal(err)
	}
	fmt.Println("requests:", srv.RequestCount()-before, "stars:", project.GetInt("star_count"))
	// Output: requests: 1 stars: 1
}

func ExampleClient_Register() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()
	srv.AddResource(gitlabtest.Resource{Path: "/projects/{project_id}/widgets", Ops: "list,get,create"})

	err := gl.Register(&gitlab.Spec{
		Name: "project_widget", Path: "/projects/{project_id}/widgets",
		Parent:      "project", // {project_id}: the project's id (FromParent, derived)
		Ops:         gitlab.OpList | gitlab.OpGet | gitlab.OpCreate,
		CreateAttrs: gitlab.RequiredOptional{Required: []string{"name"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	widgets := gl.Projects.Lazy(1).Manager("project_widget")
	w, err := widgets.Create(ctx, gitlab.Attrs{"name": "sprocket"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.ID(), w.GetString("name"))
	fmt.Println(widgets.Delete(ctx, w.ID()))
	// Output:
	// 1 sprocket
	// gitlab: manager project_widget does not support delete (it declares: list,get,create; no actions)
}

func ExampleObject() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	project, err := gl.Projects.Get(ctx, "demo/website")
	if err != nil {
		log.Fatal(err)
	}
	// Read: typed getters, gjson paths, or your own struct.
	fmt.Println(project)
	fmt.Println(project.GetString("visibility"), project.GetStrings("topics"), project.Lookup("namespace.full_path"))
	var mine struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	if err := project.Decode(&mine); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", mine)

	// A missing attribute reads as zero; Value says why it is missing.
	_, err = project.Value("no_such_attribute")
	fmt.Println(project.GetInt("no_such_attribute"), err)

	// Change: pending until Save, which sends only what changed.
	_ = project.Set("description", "New words")
	fmt.Printf("%s dirty=%v\n", project.Changes(), project.Dirty())
	project.DiscardChanges()
	fmt.Println(project.GetString("description"), project.Dirty())
	// Output:
	// <Project id:1 path_with_namespace:demo/website>
	// public [web demo] demo
	// {Name:Website Description:The demo website}
	// 0 gitlab: project object has no attribute "no_such_attribute"
	// {"description":"New words"} dirty=true
	// The demo website false
}

func ExamplePage() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	issues := gl.Projects.Lazy("demo/website").Issues()
	page, err := issues.List(ctx, gitlab.Params{"per_page": 2, "order_by": "created_at", "sort": "asc"})
	if err != nil {
		log.Fatal(err)
	}
	for _, issue := range page.Items {
		fmt.Println(issue)
	}
	fmt.Printf("page %d of %d, next %d, %d issues in all\n", page.Page, page.TotalPages, page.NextPage, page.Total)

	// Head: the same facts without the items.
	head, err := issues.Head(ctx, gitlab.Params{"state": "opened"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("open issues:", head.Total, len(head.Items))
	// Output:
	// <ProjectIssue iid:1 title:Broken link on home page>
	// <ProjectIssue iid:2 title:Add dark mode>
	// page 1 of 2, next 2, 3 issues in all
	// open issues: 2 0
}

func ExampleDynamic() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	// Any registered manager, built-in or declared at run time, by name.
	project, err := gl.Manager("project").Get(ctx, "demo/website")
	if err != nil {
		log.Fatal(err)
	}
	issues := project.Manager("project_issue")
	open, err := gitlab.Collect(issues.All(ctx, gitlab.Params{"state": "opened"}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(open), "open issues; the first:", open[0].GetString("title"))

	// A declared action, then an undeclared one: refused with no request.
	if _, _, err := open[0].Do(ctx, "subscribe", nil); err != nil {
		log.Fatal(err)
	}
	fmt.Println("subscribed:", open[0].GetBool("subscribed"))
	_, _, err = open[0].Do(ctx, "close", nil)
	var opErr *gitlab.OpError
	if errors.As(err, &opErr) {
		fmt.Println(err)
	}
	// Output:
	// 2 open issues; the first: Add dark mode
	// subscribed: true
	// gitlab: manager project_issue does not support close (it declares: list,get,create,update,delete; actions: closed_by, move, related_merge_requests, reorder, subscribe, unsubscribe, todo, time_stats, time_estimate, reset_time_estimate, add_spent_time, reset_spent_time, participants, user_agent_detail)
}

func ExampleEscapeID() {
	srv, gl := demo()
	defer srv.Close()
	ctx := context.Background()

	// Raw paths are sent as given: escape each ID or file path once.
	project := "/projects/" + gitlab.EscapeID("demo/website")
	resp, err := gl.HTTPGet(ctx, project+"/repository/files/"+gitlab.EscapeID("docs/guide.md"), gitlab.Params{"ref": "main"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.JSON().Get("file_path"), resp.JSON().Get("size"))
	fmt.Println(srv.Requests()[len(srv.Requests())-1].Path)
	// Output:
	// docs/guide.md 8
	// /api/v4/projects/demo%2Fwebsite/repository/files/docs%2Fguide.md
}
