package managers

import "github.com/golab/gitlab/base"

// projectMergeRequestDraftNoteSpec declares /projects/{project_id}/merge_requests/{mr_iid}/draft_notes.
// python-gitlab: ProjectMergeRequestDraftNoteManager (ProjectMergeRequest.draft_notes).
var projectMergeRequestDraftNoteSpec = &base.Spec{
	Name:     "project_merge_request_draft_note",
	Accessor: "DraftNotes",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/draft_notes",
	Parent:   "project_merge_request",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"note"},
		Optional: []string{"commit_id", "in_reply_to_discussion_id", "position", "resolve_discussion"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"position"},
	},
	DocsURL: "https://docs.gitlab.com/api/draft_notes/",
	Actions: []base.Action{
		{Name: "bulk_publish", OnManager: true, Result: base.ResultNone},
		{Name: "publish", Method: "PUT", Result: base.ResultNone},
	},
}
