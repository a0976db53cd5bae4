package gitlabtest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// A test of your own code: start the fake with demo data, get a ready
// client, and check what your code did through the request log.
func ExampleServer_Client() {
	srv, err := gitlabtest.New(gitlabtest.WithSeed())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	gl, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	issue, err := gl.Projects.Lazy("demo/website").Issues().Create(ctx, gitlab.Attrs{"title": "From a test"})
	if err != nil {
		log.Fatal(err)
	}
	last := srv.Requests()[len(srv.Requests())-1]
	fmt.Println(issue.GetString("title"), issue.Lookup("author.username").String())
	fmt.Println(last.Method, last.Path, last.Header.Get("Private-Token"))
	// Output:
	// From a test root
	// POST /api/v4/projects/demo%2Fwebsite/issues [REDACTED]
}

// The fake over TLS, with client certificates: Client trusts its private CA
// and presents the client certificate.
func ExampleWithClientCerts() {
	srv, err := gitlabtest.New(gitlabtest.WithClientCerts())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	gl, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	version, _, err := gl.Version(context.Background())
	fmt.Println(srv.URL()[:8], version, err)
	// Output: https:// 17.5.0-ee <nil>
}
