// Command transient shows retries of transient failures (502 and friends,
// dropped connections), against the embedded fake GitLab. They are off by
// default, as in python-gitlab; WithRetryTransientErrors(true) turns them on
// for the client or for one call. Unlike python-gitlab, a POST or PATCH is
// retried only when GitLab certainly did not act on it (connection refused,
// 429, 503): a 502 on a create could otherwise create the object twice.
//
// python-gitlab equivalent:
//
//	gl = gitlab.Gitlab(url, private_token=token, retry_transient_errors=True)
//	for p in gl.projects.list(iterator=True): ...   # every page retried
//	gl.projects.get(1, retry_transient_errors=False)
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
	for i := range 30 {
		srv.AddProject(gitlabtest.Project{Name: fmt.Sprintf("project-%02d", i)})
	}

	gl, err := srv.Client(gitlab.WithPerPage(5), gitlab.WithRetryTransientErrors(true))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()

	// 1. Page 3 of 6 answers "502 Bad Gateway" (an nginx HTML page) twice:
	// the iterator still yields every project exactly once.
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects", Query: map[string]string{"page": "3"},
		Status: 502, HTML: true, Times: 2})
	n := 0
	for _, err := range gl.Projects.All(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Printf("1. listed %d projects in %d requests (6 pages + 2 retries of page 3)\n", n, srv.RequestCount())

	// 2. The same fault with retries off for this call: a list error for page 3.
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects", Query: map[string]string{"page": "3"},
		Status: 502, HTML: true})
	var ge *gitlab.Error
	for _, err := range gl.Projects.All(ctx, nil, gitlab.WithRetryTransientErrors(false)) {
		if errors.As(err, &ge) {
			fmt.Printf("2. retries off: list error %d from %s (%d requests)\n", ge.StatusCode, ge.URL, srv.RequestCount())
			break
		}
	}

	// 3. A dropped connection on a GET is retried.
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Drop: true})
	p, err := gl.Projects.Get(ctx, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("3. dropped connection: got %q after %d requests\n", p.GetString("name"), srv.RequestCount())

	// 4. A 502 on a POST is not: GitLab may have created the project.
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "POST", Path: "/projects", Status: 502})
	_, err = gl.Projects.Create(ctx, gitlab.Attrs{"name": "only-once"})
	fmt.Printf("4. POST answered 502: %v (%d request, not retried)\n", err, srv.RequestCount())

	// 5. A 503 on a POST is: GitLab refused it.
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "POST", Path: "/projects", Status: 503})
	created, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "after-503"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("5. POST answered 503 then 201: created %q in %d requests\n", created.GetString("name"), srv.RequestCount())
}
