// Command gitlab is python-gitlab's command line for GitLab's REST API,
// built from golab/gitlab's declarations: every built-in manager is a
// resource, every declared operation and action a command.
//
//	gitlab --help
//	gitlab project list --owned true
//	gitlab -o json project-issue get --project-id group/app --iid 3
//
// Build it as one static binary with CGO_ENABLED=0 go build ./cmd/gitlab.
// The behaviour is package github.com/golab/gitlab/cli's.
package main

import "github.com/golab/gitlab/cli"

func main() { cli.Main() }
