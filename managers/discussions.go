package managers

import "github.com/golab/gitlab/base"

// groupEpicDiscussionSpec declares /groups/{group_id}/epics/{epic_id}/discussions.
// python-gitlab: GroupEpicDiscussionManager.
var groupEpicDiscussionSpec = &base.Spec{
	Name:     "group_epic_discussion",
	Accessor: "Discussions",
	Path:     "/groups/{group_id}/epics/{epic_id}/discussions",
	Parent:   "group_epic",
	// GitLab names the epic here by its ID, not by the IID its other routes use.
	FromParent: map[string]string{"group_id": "group_id", "epic_id": "id"},
	Ops:        base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectCommitDiscussionSpec declares /projects/{project_id}/repository/commits/{commit_id}/discussions.
// python-gitlab: ProjectCommitDiscussionManager (ProjectCommit.discussions).
var projectCommitDiscussionSpec = &base.Spec{
	Name:     "project_commit_discussion",
	Accessor: "Discussions",
	Path:     "/projects/{project_id}/repository/commits/{commit_id}/discussions",
	Parent:   "project_commit",
	Ops:      base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectIssueDiscussionSpec declares /projects/{project_id}/issues/{issue_iid}/discussions.
// python-gitlab: ProjectIssueDiscussionManager (ProjectIssue.discussions).
var projectIssueDiscussionSpec = &base.Spec{
	Name:     "project_issue_discussion",
	Accessor: "Discussions",
	Path:     "/projects/{project_id}/issues/{issue_iid}/discussions",
	Parent:   "project_issue",
	Ops:      base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectMergeRequestDiscussionSpec declares /projects/{project_id}/merge_requests/{mr_iid}/discussions.
// python-gitlab: ProjectMergeRequestDiscussionManager (ProjectMergeRequest.discussions).
var projectMergeRequestDiscussionSpec = &base.Spec{
	Name:     "project_merge_request_discussion",
	Accessor: "Discussions",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/discussions",
	Parent:   "project_merge_request",
	Ops:      base.OpsRetrieve | base.OpCreate | base.OpUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at", "position"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"resolved"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}

// projectSnippetDiscussionSpec declares /projects/{project_id}/snippets/{snippet_id}/discussions.
// python-gitlab: ProjectSnippetDiscussionManager (ProjectSnippet.discussions).
var projectSnippetDiscussionSpec = &base.Spec{
	Name:     "project_snippet_discussion",
	Accessor: "Discussions",
	Path:     "/projects/{project_id}/snippets/{snippet_id}/discussions",
	Parent:   "project_snippet",
	Ops:      base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"body"},
		Optional: []string{"created_at"},
	},
	DocsURL: "https://docs.gitlab.com/api/discussions/",
}
