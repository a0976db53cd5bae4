package managers

import "github.com/golab/gitlab/base"

// projectCommitCommentSpec declares /projects/{project_id}/repository/commits/{commit_id}/comments.
// python-gitlab: ProjectCommitCommentManager (ProjectCommit.comments).
var projectCommitCommentSpec = &base.Spec{
	Name:     "project_commit_comment",
	Accessor: "Comments",
	Path:     "/projects/{project_id}/repository/commits/{commit_id}/comments",
	Parent:   "project_commit",
	IDAttr:   base.IDAttrNone,
	ReprAttr: "note",
	Ops:      base.OpList | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"note"},
		Optional: []string{"path", "line", "line_type"},
	},
	DocsURL: "https://docs.gitlab.com/api/commits/",
}

// projectCommitSpec declares /projects/{project_id}/repository/commits.
// python-gitlab: ProjectCommitManager (Project.commits).
var projectCommitSpec = &base.Spec{
	Name:     "project_commit",
	Accessor: "Commits",
	Path:     "/projects/{project_id}/repository/commits",
	Parent:   "project",
	ReprAttr: "title",
	Ops:      base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"branch", "commit_message", "actions"},
		Optional: []string{"author_email", "author_name"},
	},
	ListFilters: []string{
		"all", "ref_name", "since", "until", "path", "with_stats", "first_parent",
		"order", "trailers",
	},
	DocsURL: "https://docs.gitlab.com/api/commits/",
	Actions: []base.Action{
		{Name: "cherry_pick", Attrs: base.RequiredOptional{Required: []string{"branch"}}, Result: base.ResultNew},
		{Name: "diff", Method: "GET"},
		{Name: "merge_requests", Method: "GET", Result: base.ResultList, Of: "project_merge_request"},
		{Name: "refs", Method: "GET", Attrs: base.RequiredOptional{Optional: []string{"type"}}},
		{Name: "revert", Attrs: base.RequiredOptional{Required: []string{"branch"}}, Result: base.ResultNew},
		{Name: "sequence", Method: "GET"},
		{Name: "signature", Method: "GET"},
	},
}

// projectCommitStatusSpec declares /projects/{project_id}/repository/commits/{commit_id}/statuses.
// python-gitlab: ProjectCommitStatusManager (ProjectCommit.statuses).
var projectCommitStatusSpec = &base.Spec{
	Name:       "project_commit_status",
	Accessor:   "Statuses",
	Path:       "/projects/{project_id}/repository/commits/{commit_id}/statuses",
	Parent:     "project_commit",
	Ops:        base.OpList | base.OpCreate,
	CreatePath: "/projects/{project_id}/statuses/{commit_id}",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"state"},
		Optional: []string{"description", "name", "context", "ref", "target_url", "coverage"},
	},
	DocsURL: "https://docs.gitlab.com/api/commits/",
}
