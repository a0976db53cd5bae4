// Command config reads a python-gitlab configuration file, unchanged, with
// gitlab.FromConfig. It writes a sample file to a temporary directory and
// talks to a local fake GitLab (package gitlabtest), so it runs anywhere:
//
//	go run ./examples/config
//
// The python-gitlab equivalent:
//
//	import gitlab
//	gl = gitlab.Gitlab.from_config("local", ["/tmp/.../python-gitlab.cfg"])
//	print(gl.version())
//	print(len(gl.projects.list(iterator=True)))
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	srv, err := gitlabtest.New(gitlabtest.WithSeed())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	dir, err := os.MkdirTemp("", "golab-config-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A file as python-gitlab users have it in ~/.python-gitlab.cfg. The
	// token comes from a credential helper: here a plain echo, in real life
	// something like "helper: pass show gitlab/token".
	cfgFile := filepath.Join(dir, "python-gitlab.cfg")
	content := fmt.Sprintf(`[global]
default = local
ssl_verify = true
timeout = 10

[local]
url = %s
private_token = helper: echo %s
per_page = 50

[other]
url = https://gitlab.example.com
api_version = 3
`, srv.URL(), gitlabtest.DefaultAdminToken)
	if err := os.WriteFile(cfgFile, []byte(content), 0o600); err != nil {
		log.Fatal(err)
	}

	// LoadConfig shows what was read; printing a Config masks its secrets.
	cfg, err := gitlab.LoadConfig("", []string{cfgFile})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("read %+v\n", cfg)

	// FromConfig builds the client ("" = the [global] default section).
	gl, err := gitlab.FromConfig("", []string{cfgFile})
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()
	ctx := context.Background()
	version, revision, err := gl.Version(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("GitLab %s (%s) at %s\n", version, revision, gl.URL())
	n := 0
	for _, err := range gl.Projects.All(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Printf("%d projects\n", n)

	// Errors name the file, section and key, and match errors.Is.
	_, err = gitlab.FromConfig("other", []string{cfgFile})
	fmt.Println("section [other]:", err)
	fmt.Println("  errors.Is(err, gitlab.ErrConfigData):", errors.Is(err, gitlab.ErrConfigData))
}
