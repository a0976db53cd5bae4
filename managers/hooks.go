package managers

import "github.com/golab/gitlab/base"

// groupHookSpec declares /groups/{group_id}/hooks.
// python-gitlab: GroupHookManager (Group.hooks).
var groupHookSpec = &base.Spec{
	Name:       "group_hook",
	Accessor:   "Hooks",
	Path:       "/groups/{group_id}/hooks",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	ReprAttr:   "url",
	Ops:        base.OpsCRUD,
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
		{Name: "test", Path: "test/{trigger}", Attrs: base.RequiredOptional{Required: []string{"trigger"}}},
	},
}

// hookSpec declares /hooks.
// python-gitlab: HookManager (gl.hooks).
var hookSpec = &base.Spec{
	Name:     "hook",
	Accessor: "Hooks",
	Path:     "/hooks",
	ReprAttr: "url",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"url"},
	},
	DocsURL: "https://docs.gitlab.com/api/system_hooks/",
}

// projectHookSpec declares /projects/{project_id}/hooks.
// python-gitlab: ProjectHookManager (Project.hooks).
var projectHookSpec = &base.Spec{
	Name:       "project_hook",
	Accessor:   "Hooks",
	Path:       "/projects/{project_id}/hooks",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	ReprAttr:   "url",
	Ops:        base.OpsCRUD,
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
	DocsURL: "https://docs.gitlab.com/api/projects/#hooks",
	Actions: []base.Action{
		{Name: "test", Path: "test/{trigger}", Attrs: base.RequiredOptional{Required: []string{"trigger"}}},
	},
}
