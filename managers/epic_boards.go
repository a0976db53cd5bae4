package managers

import "github.com/golab/gitlab/base"

// groupEpicBoardSpec declares /groups/{group_id}/epic_boards: a group's
// boards of epics, with their lists.
// GitLab API: https://docs.gitlab.com/api/group_epic_boards/
var groupEpicBoardSpec = &base.Spec{
	Name:     "group_epic_board",
	Accessor: "EpicBoards",
	Path:     "/groups/{group_id}/epic_boards",
	Parent:   "group",
	ReprAttr: "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/group_epic_boards/",
}
