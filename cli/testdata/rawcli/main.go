// Command rawcli is the gitlab command with one declaration more, as a
// program that registers its own can build it: the raw repository file
// endpoint as the action "gitlab project-file raw". The download tests run
// it as a process.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/cli"
)

func main() {
	reg := gitlab.NewRegistry()
	err := reg.Extend("project_file", func(s *gitlab.Spec) {
		s.Actions = append(s.Actions, gitlab.Action{Name: "raw", Method: "GET",
			Attrs: gitlab.RequiredOptional{Optional: []string{"ref", "lfs"}}, Result: gitlab.ResultRaw})
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit((&cli.Program{Registry: reg}).Run(context.Background(), os.Args[1:]))
}
