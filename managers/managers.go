// Package managers declares GitLab's resources: one Spec (data) per manager,
// python-gitlab's 246 and more, and the typed managers and objects generated
// from them (cmd/gitlab-gen) out of the mixins package's operations.
//
// Files follow python-gitlab's v4/objects modules: the declaration of the
// manager of project pipelines is projectPipelineSpec in pipelines.go; its
// typed code, ProjectPipelineManager and ProjectPipeline, is in
// pipelines_gen.go. Run go generate after changing a declaration.
//
// Root managers are fields of gitlab.Client (gl.Projects, gl.Runners);
// sub-managers are methods of their parent's objects (project.Pipelines(),
// pipeline.Jobs()). Each manager's documentation lists its operations, and
// each object's its own operations, actions and sub-managers.
package managers

//go:generate go run ../cmd/gitlab-gen -builtin

import (
	"sync"

	"github.com/golab/gitlab/base"
)

// subscribeActions are the actions of subscribable objects (issues, merge
// requests): POST .../subscribe and .../unsubscribe, whose answer replaces
// the object (GitLab answers 304 when nothing changes), and POST .../todo.
// GitLab API: https://docs.gitlab.com/api/issues/#subscribe-to-an-issue
var subscribeActions = []base.Action{
	{Name: "subscribe", Result: base.ResultReplace},
	{Name: "unsubscribe", Result: base.ResultReplace},
	{Name: "todo", Result: base.ResultNone},
}

var builtins struct {
	once sync.Once
	r    *base.Registry
}

// Builtins returns the registry of the built-in declarations, built on first
// use and frozen: every client reads through to it (gitlab.NewRegistry), so
// creating a client copies nothing, and no caller can change it.
func Builtins() *base.Registry {
	builtins.once.Do(func() {
		r, err := base.NewRegistry(declarations()...)
		if err != nil {
			panic(err) // the declarations are checked by go generate and the tests
		}
		r.Freeze()
		builtins.r = r
	})
	return builtins.r
}

// Specs returns a copy of every built-in declaration, each parent before its
// children.
func Specs() []*base.Spec {
	out := declarations()
	for i, s := range out {
		out[i] = s.Clone()
	}
	return out
}
