package managers

import (
	"context"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// ProjectMergeRequestSpec declares /projects/{project_id}/merge_requests.
// GitLab API: https://docs.gitlab.com/api/merge_requests/
var ProjectMergeRequestSpec = &base.Spec{
	Name:        "project_merge_requests",
	Path:        "/projects/{project_id}/merge_requests",
	Parent:      "projects",
	FromParent:  map[string]string{"project_id": "id"},
	IDAttr:      "iid",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Required: []string{"source_branch", "target_branch", "title"}, Optional: []string{"allow_collaboration", "allow_maintainer_to_push", "approvals_before_merge", "assignee_id", "assignee_ids", "description", "labels", "milestone_id", "remove_source_branch", "reviewer_ids", "squash", "target_project_id"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"target_branch", "assignee_id", "title", "description", "state_event", "labels", "milestone_id", "remove_source_branch", "discussion_locked", "allow_maintainer_to_push", "squash", "reviewer_ids"}},
	ListFilters: []string{"state", "order_by", "sort", "milestone", "view", "labels", "created_after", "created_before", "updated_after", "updated_before", "scope", "iids", "author_id", "assignee_id", "approver_ids", "approved_by_ids", "my_reaction_emoji", "source_branch", "target_branch", "search", "wip"},
	GetAttrs:    base.RequiredOptional{Optional: []string{"render_html", "include_diverged_commits_count", "include_rebase_in_progress"}},
	Types:       map[string]base.AttrType{"approved_by_ids": base.TypeArray, "approver_ids": base.TypeArray, "iids": base.TypeArray, "labels": base.TypeCommaSeparatedList},
	Actions: append([]base.Action{
		{Name: "merge", Method: "PUT", Result: base.ResultReplace, Attrs: base.RequiredOptional{Optional: []string{
			"merge_commit_message", "squash_commit_message", "squash", "should_remove_source_branch",
			"merge_when_pipeline_succeeds", "auto_merge", "sha"}}},
		{Name: "approve", Result: base.ResultRaw, Attrs: base.RequiredOptional{Optional: []string{"sha", "approval_password"}}},
	}, SubscribeActions...),
	DocsURL: "https://docs.gitlab.com/api/merge_requests/",
}

// ProjectMergeRequest is a merge request of a project; its ID is the iid.
type ProjectMergeRequest struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
	mixins.Subscriber
	mixins.TodoMaker
}

func newProjectMergeRequest(o *base.Object) *ProjectMergeRequest {
	return &ProjectMergeRequest{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o), mixins.NewSubscriber(o), mixins.NewTodoMaker(o)}
}

// ProjectMergeRequestManager manages a project's merge requests.
type ProjectMergeRequestManager struct {
	*base.Manager[*ProjectMergeRequest]
	mixins.CRUD[*ProjectMergeRequest]
}

// NewProjectMergeRequestManager binds ProjectMergeRequestSpec to a core.
func NewProjectMergeRequestManager(c *base.Core) *ProjectMergeRequestManager {
	m := base.NewManager(c, newProjectMergeRequest)
	return &ProjectMergeRequestManager{m, mixins.NewCRUD(m)}
}

// Merge merges the merge request (attrs: merge_commit_message, squash, sha,
// should_remove_source_branch, ...); the object takes the server's answer.
// GitLab API: https://docs.gitlab.com/api/merge_requests/#merge-a-merge-request
func (mr *ProjectMergeRequest) Merge(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) error {
	return mixins.Act(ctx, mr.Object, "merge", attrs, opts)
}

// Approve approves the merge request (attrs: sha, approval_password) and
// returns GitLab's approval state.
// GitLab API: https://docs.gitlab.com/api/merge_request_approvals/#approve-merge-request
func (mr *ProjectMergeRequest) Approve(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) (*base.Response, error) {
	return mixins.ActRaw(ctx, mr.Object, "approve", attrs, opts)
}
