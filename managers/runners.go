package managers

import "github.com/golab/gitlab/base"

// groupRunnerSpec declares /groups/{group_id}/runners.
// python-gitlab: GroupRunnerManager (Group.runners).
var groupRunnerSpec = &base.Spec{
	Name:     "group_runner",
	Accessor: "Runners",
	Path:     "/groups/{group_id}/runners",
	Parent:   "group",
	Ops:      base.OpList,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"runner_id"},
	},
	ListFilters: []string{"scope", "tag_list"},
	Types:       base.AttrTypes{CommaSeparatedList: []string{"tag_list"}},
	DocsURL:     "https://docs.gitlab.com/api/runners/",
	Actions:     resetRegistrationTokenActions,
}

// resetRegistrationTokenActions reset the registration token of an
// instance's, group's or project's runners (deprecated by GitLab with
// runner registration tokens).
// GitLab API: https://docs.gitlab.com/api/runners/#reset-instances-runner-registration-token
var resetRegistrationTokenActions = []base.Action{
	{Name: "reset_registration_token", OnManager: true},
}

// projectRunnerSpec declares /projects/{project_id}/runners.
// python-gitlab: ProjectRunnerManager (Project.runners).
var projectRunnerSpec = &base.Spec{
	Name:     "project_runner",
	Accessor: "Runners",
	Path:     "/projects/{project_id}/runners",
	Parent:   "project",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"runner_id"},
	},
	ListFilters: []string{"scope", "tag_list"},
	Types:       base.AttrTypes{CommaSeparatedList: []string{"tag_list"}},
	DocsURL:     "https://docs.gitlab.com/api/runners/",
	Actions:     resetRegistrationTokenActions,
}

// runnerAllSpec declares /runners/all.
// python-gitlab: RunnerAllManager (gl.runners_all).
var runnerAllSpec = &base.Spec{
	Name:        "runner_all",
	Accessor:    "RunnersAll",
	Path:        "/runners/all",
	ReprAttr:    "description",
	Ops:         base.OpList,
	ListFilters: []string{"scope", "type", "status", "paused", "tag_list"},
	Types:       base.AttrTypes{CommaSeparatedList: []string{"tag_list"}},
	DocsURL:     "https://docs.gitlab.com/api/runners/",
}

// runnerJobSpec declares /runners/{runner_id}/jobs.
// python-gitlab: RunnerJobManager (Runner.jobs).
var runnerJobSpec = &base.Spec{
	Name:        "runner_job",
	Accessor:    "Jobs",
	Path:        "/runners/{runner_id}/jobs",
	Parent:      "runner",
	Ops:         base.OpList,
	ListFilters: []string{"status", "order_by", "sort"},
	DocsURL:     "https://docs.gitlab.com/api/runners/",
}

// runnerSpec declares /runners.
// python-gitlab: RunnerManager (gl.runners).
var runnerSpec = &base.Spec{
	Name:     "runner",
	Accessor: "Runners",
	Path:     "/runners",
	ReprAttr: "description",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"token"},
		Optional: []string{
			"description", "info", "active", "locked", "run_untagged", "tag_list",
			"access_level", "maximum_timeout",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"description", "active", "tag_list", "run_untagged", "locked",
			"access_level", "maximum_timeout",
		},
	},
	ListFilters: []string{"scope", "type", "status", "paused", "tag_list"},
	Types:       base.AttrTypes{CommaSeparatedList: []string{"tag_list"}},
	DocsURL:     "https://docs.gitlab.com/api/runners/",
	Actions: []base.Action{
		{Name: "all", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Optional: []string{"scope"}}, Result: base.ResultList, GoMethod: "AllRunners"},
		{Name: "verify", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"token"}}, Result: base.ResultNone},
		// https://docs.gitlab.com/api/runners/#delete-a-runner-by-authentication-token
		{Name: "delete_by_token", Method: "DELETE", Path: "/runners", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"token"}}, Result: base.ResultNone},
		{Name: "reset_registration_token", OnManager: true},
		// https://docs.gitlab.com/api/runners/#reset-runners-authentication-token-by-using-the-runner-id
		{Name: "reset_authentication_token"},
	},
}

// runnerRunnerManagerSpec declares /runners/{runner_id}/managers: the
// runner managers (the processes that run a runner's jobs) of a runner,
// named as python-gitlab names sub-managers (parent, then resource).
// GitLab API: https://docs.gitlab.com/api/runners/#list-all-runners-managers
var runnerRunnerManagerSpec = &base.Spec{
	Name:     "runner_runner_manager",
	Accessor: "Managers",
	Path:     "/runners/{runner_id}/managers",
	Parent:   "runner",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/runners/",
}
