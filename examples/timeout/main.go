// Command timeout shows timeouts and cancellation, against the embedded
// fake GitLab answering slowly: WithTimeout bounds a whole call (every
// attempt, the waits between retries and reading the answer), for the
// client or for one call; a context deadline or cancellation applies too,
// and the earliest wins, including during a wait between retries.
//
// python-gitlab equivalent:
//
//	gl = gitlab.Gitlab(url, private_token=token, timeout=5)
//	gl.projects.get(1, timeout=0.2)
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	srv, err := gitlabtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	projectID := srv.AddProject(gitlabtest.Project{Name: "Slow"})

	gl, err := srv.Client(gitlab.WithTimeout(5 * time.Second))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()

	// 1. The server takes 3 s; this call allows 200 ms.
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Delay: 3 * time.Second})
	start := time.Now()
	_, err = gl.Projects.Get(context.Background(), projectID, gitlab.WithTimeout(200*time.Millisecond))
	fmt.Printf("1. per-call timeout: %v\n   (deadline exceeded: %t, after %.1fs)\n",
		err, errors.Is(err, context.DeadlineExceeded), time.Since(start).Seconds())

	// 2. The client's 5 s timeout is enough for a 1 s answer.
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Delay: time.Second})
	start = time.Now()
	p, err := gl.Projects.Get(context.Background(), projectID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("2. client timeout 5s: got %q after %.1fs\n", p.GetString("name"), time.Since(start).Seconds())

	// 3. Cancellation during a wait between retries: GitLab says "retry in
	// 3 s"; the caller gives up after 300 ms, and the call returns then.
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Status: 429, Header: http.Header{"Retry-After": {"3"}}})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start = time.Now()
	_, err = gl.Projects.Get(ctx, projectID)
	fmt.Printf("3. cancelled while waiting out a 429: %v\n   (canceled: %t, after %.1fs)\n",
		err, errors.Is(err, context.Canceled), time.Since(start).Seconds())

	// 4. A deadline shorter than the wait GitLab asks for: the 429 comes
	// back at once rather than after a pointless wait.
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Status: 429, Header: http.Header{"Retry-After": {"30"}}})
	ctx, cancel = context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start = time.Now()
	_, err = gl.Projects.Get(ctx, projectID)
	fmt.Printf("4. deadline in 2s, Retry-After 30s: %v (after %.1fs)\n", err, time.Since(start).Seconds())
}
