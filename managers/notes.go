package managers

import "github.com/golab/gitlab/base"

// groupEpicDiscussionNoteSpec declares /groups/{group_id}/epics/{epic_id}/discussions/{discussion_id}/notes.
// python-gitlab: GroupEpicDiscussionNoteManager.
var groupEpicDiscussionNoteSpec = &base.Spec{
	Name:     "group_epic_discussion_note",
	Accessor: "Notes",
	Path:     "/groups/{group_id}/epics/{epic_id}/discussions/{discussion_id}/notes",
	Parent:   "group_epic_discussion",
	Ops:      base.OpGet | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// groupEpicNoteSpec declares /groups/{group_id}/epics/{epic_id}/notes.
// python-gitlab: GroupEpicNoteManager (GroupEpic.notes).
var groupEpicNoteSpec = &base.Spec{
	Name:     "group_epic_note",
	Accessor: "Notes",
	Path:     "/groups/{group_id}/epics/{epic_id}/notes",
	Parent:   "group_epic",
	// GitLab names the epic here by its ID, not by the IID its other routes use.
	FromParent: map[string]string{"group_id": "group_id", "epic_id": "id"},
	Ops:        base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/notes/",
}

// projectCommitDiscussionNoteSpec declares /projects/{project_id}/repository/commits/{commit_id}/discussions/{discussion_id}/notes.
// python-gitlab: ProjectCommitDiscussionNoteManager (ProjectCommitDiscussion.notes).
var projectCommitDiscussionNoteSpec = &base.Spec{
	Name:     "project_commit_discussion_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/repository/commits/{commit_id}/discussions/{discussion_id}/notes",
	Parent:   "project_commit_discussion",
	Ops:      base.OpGet | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at", "position"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectIssueDiscussionNoteSpec declares /projects/{project_id}/issues/{issue_iid}/discussions/{discussion_id}/notes.
// python-gitlab: ProjectIssueDiscussionNoteManager (ProjectIssueDiscussion.notes).
var projectIssueDiscussionNoteSpec = &base.Spec{
	Name:     "project_issue_discussion_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/issues/{issue_iid}/discussions/{discussion_id}/notes",
	Parent:   "project_issue_discussion",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectIssueNoteSpec declares /projects/{project_id}/issues/{issue_iid}/notes.
// python-gitlab: ProjectIssueNoteManager (ProjectIssue.notes).
var projectIssueNoteSpec = &base.Spec{
	Name:     "project_issue_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/issues/{issue_iid}/notes",
	Parent:   "project_issue",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/notes/",
}

// projectMergeRequestDiscussionNoteSpec declares /projects/{project_id}/merge_requests/{mr_iid}/discussions/{discussion_id}/notes.
// python-gitlab: ProjectMergeRequestDiscussionNoteManager (ProjectMergeRequestDiscussion.notes).
var projectMergeRequestDiscussionNoteSpec = &base.Spec{
	Name:     "project_merge_request_discussion_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/discussions/{discussion_id}/notes",
	Parent:   "project_merge_request_discussion",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectMergeRequestNoteSpec declares /projects/{project_id}/merge_requests/{mr_iid}/notes.
// python-gitlab: ProjectMergeRequestNoteManager (ProjectMergeRequest.notes).
var projectMergeRequestNoteSpec = &base.Spec{
	Name:     "project_merge_request_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/notes",
	Parent:   "project_merge_request",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/notes/",
}

// projectNoteSpec declares /projects/{project_id}/notes.
// python-gitlab: ProjectNoteManager (Project.notes).
var projectNoteSpec = &base.Spec{
	Name:     "project_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/notes",
	Parent:   "project",
	Ops:      base.OpsRetrieve,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/notes/",
}

// projectSnippetDiscussionNoteSpec declares /projects/{project_id}/snippets/{snippet_id}/discussions/{discussion_id}/notes.
// python-gitlab: ProjectSnippetDiscussionNoteManager (ProjectSnippetDiscussion.notes).
var projectSnippetDiscussionNoteSpec = &base.Spec{
	Name:     "project_snippet_discussion_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/snippets/{snippet_id}/discussions/{discussion_id}/notes",
	Parent:   "project_snippet_discussion",
	Ops:      base.OpGet | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectSnippetNoteSpec declares /projects/{project_id}/snippets/{snippet_id}/notes.
// python-gitlab: ProjectSnippetNoteManager (ProjectSnippet.notes).
var projectSnippetNoteSpec = &base.Spec{
	Name:     "project_snippet_note",
	Accessor: "Notes",
	Path:     "/projects/{project_id}/snippets/{snippet_id}/notes",
	Parent:   "project_snippet",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"body"},
	},
	DocsURL: "https://docs.gitlab.com/api/notes/",
}
