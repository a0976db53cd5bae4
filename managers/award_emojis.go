package managers

import "github.com/golab/gitlab/base"

// groupEpicAwardEmojiSpec declares /groups/{group_id}/epics/{epic_iid}/award_emoji.
// python-gitlab: GroupEpicAwardEmojiManager.
var groupEpicAwardEmojiSpec = &base.Spec{
	Name:     "group_epic_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/groups/{group_id}/epics/{epic_iid}/award_emoji",
	Parent:   "group_epic",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// groupEpicNoteAwardEmojiSpec declares /groups/{group_id}/epics/{epic_iid}/notes/{note_id}/award_emoji.
// python-gitlab: GroupEpicNoteAwardEmojiManager (GroupEpicNote.awardemojis).
var groupEpicNoteAwardEmojiSpec = &base.Spec{
	Name:     "group_epic_note_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/groups/{group_id}/epics/{epic_iid}/notes/{note_id}/award_emoji",
	Parent:   "group_epic_note",
	// The note's epic_iid, as python-gitlab reads it: the parent's path names its epic {epic_id}.
	FromParent: map[string]string{"group_id": "group_id", "epic_iid": "epic_iid", "note_id": "id"},
	Ops:        base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// projectIssueAwardEmojiSpec declares /projects/{project_id}/issues/{issue_iid}/award_emoji.
// python-gitlab: ProjectIssueAwardEmojiManager (ProjectIssue.awardemojis).
var projectIssueAwardEmojiSpec = &base.Spec{
	Name:     "project_issue_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/projects/{project_id}/issues/{issue_iid}/award_emoji",
	Parent:   "project_issue",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// projectIssueNoteAwardEmojiSpec declares /projects/{project_id}/issues/{issue_iid}/notes/{note_id}/award_emoji.
// python-gitlab: ProjectIssueNoteAwardEmojiManager (ProjectIssueNote.awardemojis).
var projectIssueNoteAwardEmojiSpec = &base.Spec{
	Name:     "project_issue_note_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/projects/{project_id}/issues/{issue_iid}/notes/{note_id}/award_emoji",
	Parent:   "project_issue_note",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// projectMergeRequestAwardEmojiSpec declares /projects/{project_id}/merge_requests/{mr_iid}/award_emoji.
// python-gitlab: ProjectMergeRequestAwardEmojiManager (ProjectMergeRequest.awardemojis).
var projectMergeRequestAwardEmojiSpec = &base.Spec{
	Name:     "project_merge_request_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/award_emoji",
	Parent:   "project_merge_request",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// projectMergeRequestNoteAwardEmojiSpec declares /projects/{project_id}/merge_requests/{mr_iid}/notes/{note_id}/award_emoji.
// python-gitlab: ProjectMergeRequestNoteAwardEmojiManager (ProjectMergeRequestNote.awardemojis).
var projectMergeRequestNoteAwardEmojiSpec = &base.Spec{
	Name:     "project_merge_request_note_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/notes/{note_id}/award_emoji",
	Parent:   "project_merge_request_note",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// projectSnippetAwardEmojiSpec declares /projects/{project_id}/snippets/{snippet_id}/award_emoji.
// python-gitlab: ProjectSnippetAwardEmojiManager (ProjectSnippet.awardemojis).
var projectSnippetAwardEmojiSpec = &base.Spec{
	Name:     "project_snippet_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/projects/{project_id}/snippets/{snippet_id}/award_emoji",
	Parent:   "project_snippet",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}

// projectSnippetNoteAwardEmojiSpec declares /projects/{project_id}/snippets/{snippet_id}/notes/{note_id}/award_emoji.
// python-gitlab: ProjectSnippetNoteAwardEmojiManager (ProjectSnippetNote.awardemojis).
var projectSnippetNoteAwardEmojiSpec = &base.Spec{
	Name:     "project_snippet_note_award_emoji",
	Accessor: "AwardEmojis",
	Path:     "/projects/{project_id}/snippets/{snippet_id}/notes/{note_id}/award_emoji",
	Parent:   "project_snippet_note",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/emoji_reactions/",
}
