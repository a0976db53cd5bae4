package managers

import "github.com/golab/gitlab/base"

// hookHeaderActions set and delete a webhook's custom headers, by key:
// PUT {"value": ...} and DELETE.
// GitLab API: https://docs.gitlab.com/api/project_webhooks/#set-a-custom-header
var hookHeaderActions = []base.Action{
	{Name: "set_custom_header", Method: "PUT", Path: "custom_headers/{key}", Result: base.ResultNone,
		Attrs: base.RequiredOptional{Required: []string{"key", "value"}}},
	{Name: "delete_custom_header", Method: "DELETE", Path: "custom_headers/{key}", Result: base.ResultNone,
		Attrs: base.RequiredOptional{Required: []string{"key"}}},
}

// hookURLVariableActions set and delete a webhook's URL variables, by key.
// GitLab API: https://docs.gitlab.com/api/project_webhooks/#set-a-url-variable
var hookURLVariableActions = []base.Action{
	{Name: "set_url_variable", Method: "PUT", Path: "url_variables/{key}", Result: base.ResultNone,
		Attrs: base.RequiredOptional{Required: []string{"key", "value"}}},
	{Name: "delete_url_variable", Method: "DELETE", Path: "url_variables/{key}", Result: base.ResultNone,
		Attrs: base.RequiredOptional{Required: []string{"key"}}},
}

// hookTestActions test a group's or project's webhook with a trigger
// (push_events, tag_push_events...).
var hookTestActions = []base.Action{{Name: "test", Path: "test/{trigger}", Attrs: base.RequiredOptional{Required: []string{"trigger"}}}}

// groupHookSpec declares /groups/{group_id}/hooks.
// python-gitlab: GroupHookManager (Group.hooks).
var groupHookSpec = &base.Spec{
	Name:     "group_hook",
	Accessor: "Hooks",
	Path:     "/groups/{group_id}/hooks",
	Parent:   "group",
	ReprAttr: "url",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"url"},
		Optional: []string{
			"push_events", "issues_events", "confidential_issues_events",
			"merge_requests_events", "tag_push_events", "note_events",
			"confidential_note_events", "job_events", "pipeline_events",
			"wiki_page_events", "deployment_events", "releases_events",
			"subgroup_events", "enable_ssl_verification", "token",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"url"},
		Optional: []string{
			"push_events", "issues_events", "confidential_issues_events",
			"merge_requests_events", "tag_push_events", "note_events",
			"confidential_note_events", "job_events", "pipeline_events",
			"wiki_page_events", "deployment_events", "releases_events",
			"subgroup_events", "enable_ssl_verification", "token",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/groups/#hooks",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/group_webhooks/#resend-group-hook-event
		{Name: "resend_event", Path: "events/{hook_log_id}/resend", Attrs: base.RequiredOptional{Required: []string{"hook_log_id"}}},
	},
	ActionGroups: [][]base.Action{hookTestActions, hookHeaderActions, hookURLVariableActions},
}

// hookSpec declares /hooks: system hooks. Beyond python-gitlab, they are
// updated, tested and given URL variables.
// python-gitlab: HookManager (gl.hooks).
var hookSpec = &base.Spec{
	Name:     "hook",
	Accessor: "Hooks",
	Path:     "/hooks",
	ReprAttr: "url",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"url"},
	},
	// https://docs.gitlab.com/api/system_hooks/#update-a-system-hook
	UpdateAttrs: base.RequiredOptional{Optional: []string{
		"url", "name", "description", "token", "push_events", "tag_push_events", "merge_requests_events",
		"repository_update_events", "enable_ssl_verification", "push_events_branch_filter",
		"branch_filter_strategy",
	}},
	DocsURL: "https://docs.gitlab.com/api/system_hooks/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/system_hooks/#test-a-system-hook: a POST on the hook itself.
		{Name: "test", Path: "/hooks/{id}"},
	},
	ActionGroups: [][]base.Action{hookURLVariableActions},
}

// projectHookSpec declares /projects/{project_id}/hooks.
// python-gitlab: ProjectHookManager (Project.hooks).
var projectHookSpec = &base.Spec{
	Name:     "project_hook",
	Accessor: "Hooks",
	Path:     "/projects/{project_id}/hooks",
	Parent:   "project",
	ReprAttr: "url",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"url"},
		Optional: []string{
			"push_events", "issues_events", "confidential_issues_events",
			"merge_requests_events", "tag_push_events", "note_events", "job_events",
			"pipeline_events", "wiki_page_events", "enable_ssl_verification", "token",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"url"},
		Optional: []string{
			"push_events", "issues_events", "confidential_issues_events",
			"merge_requests_events", "tag_push_events", "note_events", "job_events",
			"pipeline_events", "wiki_events", "enable_ssl_verification", "token",
		},
	},
	DocsURL:      "https://docs.gitlab.com/api/projects/#hooks",
	ActionGroups: [][]base.Action{hookTestActions, hookHeaderActions, hookURLVariableActions},
}
