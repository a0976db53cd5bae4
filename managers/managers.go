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
//go:generate go run ../internal/readmegen -readme ../README.md -testdata testdata

import (
	"sync"

	"github.com/golab/gitlab/base"
)

// The actions many managers share, as python-gitlab's object and manager
// mixins (SubscribableMixin, TodoMixin, TimeTrackingMixin, ...).
var (
	// subscribeActions: POST .../subscribe and .../unsubscribe, whose answer
	// replaces the object (GitLab answers 304 when nothing changes).
	// GitLab API: https://docs.gitlab.com/api/issues/#subscribe-to-an-issue
	subscribeActions = []base.Action{
		{Name: "subscribe", Result: base.ResultReplace},
		{Name: "unsubscribe", Result: base.ResultReplace},
	}
	// todoActions: POST .../todo adds the object to the user's to-do list.
	// GitLab API: https://docs.gitlab.com/api/issues/#create-a-to-do-item
	todoActions = []base.Action{{Name: "todo", Result: base.ResultNone}}
	// timeTrackingActions: an issue's or merge request's time estimate and
	// time spent. GitLab API: https://docs.gitlab.com/api/issues/#set-a-time-estimate-for-an-issue
	timeTrackingActions = []base.Action{
		{Name: "time_stats", Method: "GET"},
		{Name: "time_estimate", Attrs: base.RequiredOptional{Required: []string{"duration"}}},
		{Name: "reset_time_estimate"},
		{Name: "add_spent_time", Attrs: base.RequiredOptional{Required: []string{"duration"}, Optional: []string{"summary"}}},
		{Name: "reset_spent_time"},
	}
	// participantsActions: the users taking part in an issue or merge request.
	// GitLab API: https://docs.gitlab.com/api/issues/#list-participants-in-an-issue
	participantsActions = []base.Action{{Name: "participants", Method: "GET", Result: base.ResultList, Of: "user"}}
	// userAgentDetailActions: what created a spam-checked object
	// (administrators). GitLab API: https://docs.gitlab.com/api/issues/#get-user-agent-details
	userAgentDetailActions = []base.Action{{Name: "user_agent_detail", Method: "GET"}}
	// accessRequestActions: approve a request to join a group or project.
	// GitLab API: https://docs.gitlab.com/api/access_requests/#approve-an-access-request
	accessRequestActions = []base.Action{{Name: "approve", Method: "PUT", Attrs: base.RequiredOptional{Optional: []string{"access_level"}}}}
	// rotateActions: rotate an access token, by object or by ID; the answer
	// is the new token. GitLab API: https://docs.gitlab.com/api/personal_access_tokens/#rotate-a-personal-access-token
	rotateActions = []base.Action{
		{Name: "rotate", Attrs: base.RequiredOptional{Optional: []string{"expires_at"}}, Result: base.ResultNew},
		{Name: "rotate", Path: "{id}/rotate", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"id"}, Optional: []string{"expires_at"}}, Result: base.ResultNew},
		// python-gitlab's rotate(self_rotate=True): the token of the call rotates itself.
		{Name: "rotate_self", Path: "self/rotate", OnManager: true, Attrs: base.RequiredOptional{Optional: []string{"expires_at"}}, Result: base.ResultNew},
	}
	// badgeRenderActions: how a badge's link and image URLs render.
	// GitLab API: https://docs.gitlab.com/api/project_badges/#preview-a-badge-from-a-project
	badgeRenderActions = []base.Action{{Name: "render", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"link_url", "image_url"}}}}
	// downloadActions: download a finished export.
	// GitLab API: https://docs.gitlab.com/api/project_import_export/#export-download
	downloadActions = []base.Action{{Name: "download", Method: "GET", Result: base.ResultDownload}}
)

var builtins struct {
	once sync.Once
	r    *base.Registry
}

// Builtins returns the registry of the built-in declarations, built on first
// use and frozen: every client reads through to it (gitlab.NewRegistry), so
// creating a client copies nothing, and no caller can change it.
func Builtins() *base.Registry {
	builtins.once.Do(func() {
		// The declarations are this package's own values, never handed out
		// (Specs copies them): the registry holds them without a copy.
		r, err := base.NewFrozenRegistry(declarations()...)
		if err != nil {
			panic(err) // the declarations are checked by go generate and the tests
		}
		builtins.r = r
	})
	return builtins.r
}

// Specs returns a copy of every built-in declaration as written (FromParent
// nil where the registry derives it), sorted by name.
func Specs() []*base.Spec {
	out := declarations()
	for i, s := range out {
		out[i] = s.Clone()
	}
	return out
}
