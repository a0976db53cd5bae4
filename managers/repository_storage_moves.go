package managers

import "github.com/golab/gitlab/base"

// Repository storage moves: a project's, group's (its wiki) or snippet's
// repository moved to another storage shard (administrators). Each kind has
// a root manager listing every move, named with "_all" as python-gitlab's
// runner_all and bulk_import_all_entity are, whose schedule_all action
// moves everything on a shard, and a manager per project, group or snippet.
// GitLab API: https://docs.gitlab.com/api/project_repository_storage_moves/

// Each root manager's schedule_all action schedules moves for every
// repository on a source shard, a POST on the root collection; GitLab
// answers 202 {"message": "202 Accepted"}. A manager per project, group or
// snippet creates the move of one repository, to a destination chosen by
// storage weights when not given.
// GitLab API: https://docs.gitlab.com/api/project_repository_storage_moves/#schedule-repository-storage-moves-for-all-projects-on-a-storage-shard

// projectRepositoryStorageMoveAllSpec declares /project_repository_storage_moves.
var projectRepositoryStorageMoveAllSpec = &base.Spec{
	Name:     "project_repository_storage_move_all",
	Accessor: "ProjectRepositoryStorageMoves",
	Path:     "/project_repository_storage_moves",
	ReprAttr: "state",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_repository_storage_moves/",
	Actions: []base.Action{{Name: "schedule_all", Path: "/project_repository_storage_moves", OnManager: true,
		Attrs: base.RequiredOptional{Required: []string{"source_storage_name"}, Optional: []string{"destination_storage_name"}}}},
}

// projectRepositoryStorageMoveSpec declares /projects/{project_id}/repository_storage_moves.
var projectRepositoryStorageMoveSpec = &base.Spec{
	Name:        "project_repository_storage_move",
	Accessor:    "RepositoryStorageMoves",
	Path:        "/projects/{project_id}/repository_storage_moves",
	Parent:      "project",
	ReprAttr:    "state",
	Ops:         base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{Optional: []string{"destination_storage_name"}},
	DocsURL:     "https://docs.gitlab.com/api/project_repository_storage_moves/",
}

// groupRepositoryStorageMoveAllSpec declares /group_repository_storage_moves.
// GitLab API: https://docs.gitlab.com/api/group_repository_storage_moves/
var groupRepositoryStorageMoveAllSpec = &base.Spec{
	Name:     "group_repository_storage_move_all",
	Accessor: "GroupRepositoryStorageMoves",
	Path:     "/group_repository_storage_moves",
	ReprAttr: "state",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/group_repository_storage_moves/",
	Actions: []base.Action{{Name: "schedule_all", Path: "/group_repository_storage_moves", OnManager: true,
		Attrs: base.RequiredOptional{Required: []string{"source_storage_name"}, Optional: []string{"destination_storage_name"}}}},
}

// groupRepositoryStorageMoveSpec declares /groups/{group_id}/repository_storage_moves.
// GitLab API: https://docs.gitlab.com/api/group_repository_storage_moves/
var groupRepositoryStorageMoveSpec = &base.Spec{
	Name:        "group_repository_storage_move",
	Accessor:    "RepositoryStorageMoves",
	Path:        "/groups/{group_id}/repository_storage_moves",
	Parent:      "group",
	ReprAttr:    "state",
	Ops:         base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{Optional: []string{"destination_storage_name"}},
	DocsURL:     "https://docs.gitlab.com/api/group_repository_storage_moves/",
}

// snippetRepositoryStorageMoveAllSpec declares /snippet_repository_storage_moves.
// GitLab API: https://docs.gitlab.com/api/snippet_repository_storage_moves/
var snippetRepositoryStorageMoveAllSpec = &base.Spec{
	Name:     "snippet_repository_storage_move_all",
	Accessor: "SnippetRepositoryStorageMoves",
	Path:     "/snippet_repository_storage_moves",
	ReprAttr: "state",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/snippet_repository_storage_moves/",
	Actions: []base.Action{{Name: "schedule_all", Path: "/snippet_repository_storage_moves", OnManager: true,
		Attrs: base.RequiredOptional{Required: []string{"source_storage_name"}, Optional: []string{"destination_storage_name"}}}},
}

// snippetRepositoryStorageMoveSpec declares /snippets/{snippet_id}/repository_storage_moves.
// GitLab API: https://docs.gitlab.com/api/snippet_repository_storage_moves/
var snippetRepositoryStorageMoveSpec = &base.Spec{
	Name:        "snippet_repository_storage_move",
	Accessor:    "RepositoryStorageMoves",
	Path:        "/snippets/{snippet_id}/repository_storage_moves",
	Parent:      "snippet",
	ReprAttr:    "state",
	Ops:         base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{Optional: []string{"destination_storage_name"}},
	DocsURL:     "https://docs.gitlab.com/api/snippet_repository_storage_moves/",
}
