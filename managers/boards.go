package managers

import "github.com/golab/gitlab/base"

// groupBoardListSpec declares /groups/{group_id}/boards/{board_id}/lists.
// python-gitlab: GroupBoardListManager (GroupBoard.lists).
var groupBoardListSpec = &base.Spec{
	Name:     "group_board_list",
	Accessor: "Lists",
	Path:     "/groups/{group_id}/boards/{board_id}/lists",
	Parent:   "group_board",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Exclusive: []string{"label_id", "assignee_id", "milestone_id", "iteration_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"position"},
	},
	DocsURL: "https://docs.gitlab.com/api/boards/",
}

// groupBoardSpec declares /groups/{group_id}/boards.
// python-gitlab: GroupBoardManager (Group.boards).
var groupBoardSpec = &base.Spec{
	Name:     "group_board",
	Accessor: "Boards",
	Path:     "/groups/{group_id}/boards",
	Parent:   "group",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/boards/",
}

// projectBoardListSpec declares /projects/{project_id}/boards/{board_id}/lists.
// python-gitlab: ProjectBoardListManager (ProjectBoard.lists).
var projectBoardListSpec = &base.Spec{
	Name:     "project_board_list",
	Accessor: "Lists",
	Path:     "/projects/{project_id}/boards/{board_id}/lists",
	Parent:   "project_board",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Exclusive: []string{"label_id", "assignee_id", "milestone_id", "iteration_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"position"},
	},
	DocsURL: "https://docs.gitlab.com/api/boards/",
}

// projectBoardSpec declares /projects/{project_id}/boards.
// python-gitlab: ProjectBoardManager (Project.boards).
var projectBoardSpec = &base.Spec{
	Name:     "project_board",
	Accessor: "Boards",
	Path:     "/projects/{project_id}/boards",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/boards/",
}
