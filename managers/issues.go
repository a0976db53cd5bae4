package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// ProjectIssueSpec declares /projects/{project_id}/issues.
// GitLab API: https://docs.gitlab.com/api/issues/
var ProjectIssueSpec = &base.Spec{
	Name:        "project_issues",
	Path:        "/projects/{project_id}/issues",
	Parent:      "projects",
	FromParent:  map[string]string{"project_id": "id"},
	IDAttr:      "iid",
	ReprAttr:    "title",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Required: []string{"title"}, Optional: []string{"description", "confidential", "assignee_ids", "assignee_id", "milestone_id", "labels", "created_at", "due_date", "merge_request_to_resolve_discussions_of", "discussion_to_resolve"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"title", "description", "confidential", "assignee_ids", "assignee_id", "milestone_id", "labels", "state_event", "updated_at", "due_date", "discussion_locked"}},
	ListFilters: []string{"iids", "state", "labels", "milestone", "scope", "author_id", "iteration_id", "assignee_id", "my_reaction_emoji", "order_by", "sort", "search", "created_after", "created_before", "updated_after", "updated_before"},
	Types:       map[string]base.AttrType{"iids": base.TypeArray, "labels": base.TypeCommaSeparatedList},
	Actions:     SubscribeActions,
	DocsURL:     "https://docs.gitlab.com/api/issues/",
}

// ProjectIssueNoteSpec declares /projects/{project_id}/issues/{issue_iid}/notes.
// GitLab API: https://docs.gitlab.com/api/notes/
var ProjectIssueNoteSpec = &base.Spec{
	Name:        "project_issue_notes",
	Path:        "/projects/{project_id}/issues/{issue_iid}/notes",
	Parent:      "project_issues",
	FromParent:  map[string]string{"project_id": "project_id", "issue_iid": "iid"},
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Required: []string{"body"}, Optional: []string{"created_at"}},
	UpdateAttrs: base.RequiredOptional{Required: []string{"body"}},
	DocsURL:     "https://docs.gitlab.com/api/notes/",
}

// ProjectIssue is an issue of a project; its ID is the per-project iid.
type ProjectIssue struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
	mixins.Subscriber
	mixins.TodoMaker
}

func newProjectIssue(o *base.Object) *ProjectIssue {
	return &ProjectIssue{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o), mixins.NewSubscriber(o), mixins.NewTodoMaker(o)}
}

// ProjectIssueManager manages a project's issues (project.Issues()).
type ProjectIssueManager struct {
	*base.Manager[*ProjectIssue]
	mixins.CRUD[*ProjectIssue]
}

// NewProjectIssueManager binds ProjectIssueSpec to a core.
func NewProjectIssueManager(c *base.Core) *ProjectIssueManager {
	m := base.NewManager(c, newProjectIssue)
	return &ProjectIssueManager{m, mixins.NewCRUD(m)}
}

// Notes manages the issue's comments.
func (i *ProjectIssue) Notes() *ProjectIssueNoteManager {
	return NewProjectIssueNoteManager(i.ChildCore(ProjectIssueNoteSpec))
}

// ProjectIssueNote is a comment on an issue.
type ProjectIssueNote struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
}

func newProjectIssueNote(o *base.Object) *ProjectIssueNote {
	return &ProjectIssueNote{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o)}
}

// ProjectIssueNoteManager manages an issue's comments (issue.Notes()).
type ProjectIssueNoteManager struct {
	*base.Manager[*ProjectIssueNote]
	mixins.CRUD[*ProjectIssueNote]
}

// NewProjectIssueNoteManager binds ProjectIssueNoteSpec to a core.
func NewProjectIssueNoteManager(c *base.Core) *ProjectIssueNoteManager {
	m := base.NewManager(c, newProjectIssueNote)
	return &ProjectIssueNoteManager{m, mixins.NewCRUD(m)}
}
