package managers

import "github.com/golab/gitlab/base"

// groupIssueSpec declares /groups/{group_id}/issues.
// python-gitlab: GroupIssueManager (Group.issues).
var groupIssueSpec = &base.Spec{
	Name:     "group_issue",
	Accessor: "Issues",
	Path:     "/groups/{group_id}/issues",
	Parent:   "group",
	ReprAttr: "title",
	Ops:      base.OpList,
	ListFilters: []string{
		"state", "labels", "milestone", "order_by", "sort", "iids", "author_id",
		"iteration_id", "assignee_id", "my_reaction_emoji", "search",
		"created_after", "created_before", "updated_after", "updated_before",
	},
	Types:   base.AttrTypes{Array: []string{"iids"}, CommaSeparatedList: []string{"labels"}},
	DocsURL: "https://docs.gitlab.com/api/issues/",
}

// issueSpec declares /issues.
// python-gitlab: IssueManager (gl.issues).
var issueSpec = &base.Spec{
	Name:     "issue",
	Accessor: "Issues",
	Path:     "/issues",
	ReprAttr: "title",
	Ops:      base.OpsRetrieve,
	ListFilters: []string{
		"state", "labels", "milestone", "scope", "author_id", "iteration_id",
		"assignee_id", "my_reaction_emoji", "iids", "order_by", "sort", "search",
		"created_after", "created_before", "updated_after", "updated_before",
	},
	Types:   base.AttrTypes{Array: []string{"iids"}, CommaSeparatedList: []string{"labels"}},
	DocsURL: "https://docs.gitlab.com/api/issues/",
}

// projectIssueLinkSpec declares /projects/{project_id}/issues/{issue_iid}/links.
// python-gitlab: ProjectIssueLinkManager (ProjectIssue.links).
var projectIssueLinkSpec = &base.Spec{
	Name:     "project_issue_link",
	Accessor: "Links",
	Path:     "/projects/{project_id}/issues/{issue_iid}/links",
	Parent:   "project_issue",
	IDAttr:   "issue_link_id",
	// get beyond python-gitlab: https://docs.gitlab.com/api/issue_links/#get-an-issue-link
	Ops: base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"target_project_id", "target_issue_iid"},
	},
	DocsURL: "https://docs.gitlab.com/api/issue_links/",
}

// projectIssueSpec declares /projects/{project_id}/issues.
// python-gitlab: ProjectIssueManager (Project.issues).
var projectIssueSpec = &base.Spec{
	Name:     "project_issue",
	Accessor: "Issues",
	Path:     "/projects/{project_id}/issues",
	Parent:   "project",
	IDAttr:   "iid",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title"},
		Optional: []string{
			"description", "confidential", "assignee_ids", "assignee_id", "milestone_id",
			"labels", "created_at", "due_date",
			"merge_request_to_resolve_discussions_of", "discussion_to_resolve",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"title", "description", "confidential", "assignee_ids", "assignee_id",
			"milestone_id", "labels", "state_event", "updated_at", "due_date",
			"discussion_locked",
		},
	},
	ListFilters: []string{
		"iids", "state", "labels", "milestone", "scope", "author_id", "iteration_id",
		"assignee_id", "my_reaction_emoji", "order_by", "sort", "search",
		"created_after", "created_before", "updated_after", "updated_before",
	},
	Types:   base.AttrTypes{Array: []string{"iids"}, CommaSeparatedList: []string{"labels"}},
	DocsURL: "https://docs.gitlab.com/api/issues/",
	Actions: []base.Action{
		{Name: "closed_by", Method: "GET", Result: base.ResultList, Of: "project_merge_request"},
		{Name: "move", Attrs: base.RequiredOptional{Required: []string{"to_project_id"}}},
		{Name: "related_merge_requests", Method: "GET", Result: base.ResultList, Of: "project_merge_request"},
		{Name: "reorder", Method: "PUT", Attrs: base.RequiredOptional{Optional: []string{"move_after_id", "move_before_id"}}, Result: base.ResultReplace},
	},
	ActionGroups: [][]base.Action{subscribeActions, todoActions, timeTrackingActions, participantsActions, userAgentDetailActions},
}
