package managers

import "github.com/golab/gitlab/base"

// groupEpicLinkSpec declares /groups/{group_id}/epics/{epic_iid}/epics: an
// epic's child epics, created there, assigned and unassigned by their ID,
// and re-ordered.
// GitLab API: https://docs.gitlab.com/api/epic_links/
var groupEpicLinkSpec = &base.Spec{
	Name:     "group_epic_link",
	Accessor: "Children",
	Path:     "/groups/{group_id}/epics/{epic_iid}/epics",
	Parent:   "group_epic",
	ReprAttr: "title",
	Ops:      base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title"},
		Optional: []string{"confidential"},
	},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"move_before_id", "move_after_id"}},
	DocsURL:     "https://docs.gitlab.com/api/epic_links/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/epic_links/#assign-a-child-epic
		{Name: "assign", Path: "{child_epic_id}", OnManager: true, Result: base.ResultNew,
			Attrs: base.RequiredOptional{Required: []string{"child_epic_id"}}},
	},
}

// groupEpicIssueSpec declares /groups/{group_id}/epics/{epic_iid}/issues.
// python-gitlab: GroupEpicIssueManager (GroupEpic.issues).
var groupEpicIssueSpec = &base.Spec{
	Name:       "group_epic_issue",
	Accessor:   "Issues",
	Path:       "/groups/{group_id}/epics/{epic_iid}/issues",
	Parent:     "group_epic",
	IDAttr:     "epic_issue_id",
	Ops:        base.OpList | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreatePath: "/groups/{group_id}/epics/{epic_iid}/issues/{issue_id}",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"issue_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"move_before_id", "move_after_id"},
	},
	DocsURL: "https://docs.gitlab.com/api/epic_issues/",
}

// groupEpicSpec declares /groups/{group_id}/epics.
// python-gitlab: GroupEpicManager (Group.epics).
var groupEpicSpec = &base.Spec{
	Name:     "group_epic",
	Accessor: "Epics",
	Path:     "/groups/{group_id}/epics",
	Parent:   "group",
	IDAttr:   "iid",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title"},
		Optional: []string{"labels", "description", "start_date", "end_date"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "labels", "description", "start_date", "end_date"},
	},
	ListFilters: []string{"author_id", "labels", "order_by", "sort", "search"},
	Types:       base.AttrTypes{CommaSeparatedList: []string{"labels"}},
	DocsURL:     "https://docs.gitlab.com/api/epics/",
}
