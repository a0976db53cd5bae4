// Command gitlab-fake serves the in-memory fake GitLab REST API v4 of package
// github.com/golab/gitlab/test/gitlabtest until SIGINT or SIGTERM.
//
//	go run ./cmd/gitlab-fake -addr 127.0.0.1:8080 -token secret [-seed]
//
// The first line printed to stdout is the base URL (for example
// http://127.0.0.1:8080); the API is under /api/v4. It serves every manager
// the client declares: projects, groups, users, issues, merge requests,
// branches, files and the other hand-written resources with GitLab's
// semantics, the rest (pipelines, labels, releases...) from the generic
// store of package gitlabtest. The administrator "root" authenticates with
// the -token private token. Only loopback addresses are accepted.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run serves until ctx is done and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gitlab-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	token := fs.String("token", gitlabtest.DefaultAdminToken, "private token of the administrator root")
	seed := fs.Bool("seed", false, "load the demo users, groups and projects")
	external := fs.String("external-url", "", "base URL for Link headers and web_url (default: from each request's Host)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gitlab-fake: unexpected arguments: %v\n", fs.Args())
		return 2
	}
	opts := []gitlabtest.Option{gitlabtest.WithAddr(*addr), gitlabtest.WithAdminToken(*token)}
	if *seed {
		opts = append(opts, gitlabtest.WithSeed())
	}
	if *external != "" {
		opts = append(opts, gitlabtest.WithExternalURL(*external))
	}
	srv, err := gitlabtest.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "gitlab-fake:", err)
		return 1
	}
	defer srv.Close()
	fmt.Fprintln(stdout, srv.URL())
	<-ctx.Done()
	return 0
}
