package managers

import "github.com/golab/gitlab/base"

// runnerControllerSpec declares /runner_controllers: the controllers that
// admit or reject CI/CD jobs through the job router (administrators; an
// experiment).
// GitLab API: https://docs.gitlab.com/api/runner_controllers/
var runnerControllerSpec = &base.Spec{
	Name:        "runner_controller",
	Accessor:    "RunnerControllers",
	Path:        "/runner_controllers",
	ReprAttr:    "description",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Optional: []string{"description", "state"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"description", "state"}},
	DocsURL:     "https://docs.gitlab.com/api/runner_controllers/",
}

// runnerControllerScopesSpec declares /runner_controllers/{runner_controller_id}/scopes:
// which jobs a controller evaluates, read as one object
// ({"instance_level_scopings": [...], ...}) and changed by scope.
// GitLab API: https://docs.gitlab.com/api/runner_controllers/#runner-controller-scopes
var runnerControllerScopesSpec = &base.Spec{
	Name:     "runner_controller_scopes",
	Accessor: "Scopes",
	Path:     "/runner_controllers/{runner_controller_id}/scopes",
	Parent:   "runner_controller",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/runner_controllers/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/runner_controllers/#add-instance-scope
		{Name: "add_instance_scope", Path: "instance", OnManager: true},
		// https://docs.gitlab.com/api/runner_controllers/#remove-instance-scope
		{Name: "remove_instance_scope", Method: "DELETE", Path: "instance", OnManager: true, Result: base.ResultNone},
		// A runner's scope: the controller evaluates that runner's jobs.
		{Name: "add_runner_scope", Path: "runners/{runner_id}", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"runner_id"}}},
		{Name: "remove_runner_scope", Method: "DELETE", Path: "runners/{runner_id}", OnManager: true, Result: base.ResultNone,
			Attrs: base.RequiredOptional{Required: []string{"runner_id"}}},
	},
}

// runnerControllerTokenSpec declares /runner_controllers/{runner_controller_id}/tokens:
// the tokens a controller authenticates with; the secret is in the answer
// of create and rotate only.
// GitLab API: https://docs.gitlab.com/api/runner_controller_tokens/
var runnerControllerTokenSpec = &base.Spec{
	Name:        "runner_controller_token",
	Accessor:    "Tokens",
	Path:        "/runner_controllers/{runner_controller_id}/tokens",
	Parent:      "runner_controller",
	ReprAttr:    "description",
	Ops:         base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{Required: []string{"description"}},
	DocsURL:     "https://docs.gitlab.com/api/runner_controller_tokens/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/runner_controller_tokens/#rotate-a-runner-controller-token
		{Name: "rotate", Result: base.ResultNew},
	},
}
