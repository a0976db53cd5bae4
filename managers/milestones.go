package managers

import "github.com/golab/gitlab/base"

// burndownEventsAction: the events of a group milestone's burndown chart.
// GitLab API: https://docs.gitlab.com/api/group_milestones/#get-all-burndown-chart-events-for-a-single-milestone
var burndownEventsAction = base.Action{Name: "burndown_events", Method: "GET"}

// groupMilestoneSpec declares /groups/{group_id}/milestones.
// python-gitlab: GroupMilestoneManager (Group.milestones).
var groupMilestoneSpec = &base.Spec{
	Name:     "group_milestone",
	Accessor: "Milestones",
	Path:     "/groups/{group_id}/milestones",
	Parent:   "group",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title"},
		Optional: []string{"description", "due_date", "start_date"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "description", "due_date", "start_date", "state_event"},
	},
	ListFilters: []string{"iids", "state", "search"},
	Types:       base.AttrTypes{Array: []string{"iids"}},
	DocsURL:     "https://docs.gitlab.com/api/milestones/",
	Actions: []base.Action{
		{Name: "issues", Method: "GET", Result: base.ResultList, Of: "group_issue"},
		{Name: "merge_requests", Method: "GET", Result: base.ResultList, Of: "group_merge_request"},
		burndownEventsAction,
	},
}

// projectMilestoneSpec declares /projects/{project_id}/milestones.
// python-gitlab: ProjectMilestoneManager (Project.milestones).
var projectMilestoneSpec = &base.Spec{
	Name:     "project_milestone",
	Accessor: "Milestones",
	Path:     "/projects/{project_id}/milestones",
	Parent:   "project",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"title"},
		Optional: []string{"description", "due_date", "start_date", "state_event"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "description", "due_date", "start_date", "state_event"},
	},
	ListFilters: []string{"iids", "state", "search"},
	Types:       base.AttrTypes{Array: []string{"iids"}},
	DocsURL:     "https://docs.gitlab.com/api/milestones/",
	Actions: []base.Action{
		{Name: "issues", Method: "GET", Result: base.ResultList, Of: "project_issue"},
		{Name: "merge_requests", Method: "GET", Result: base.ResultList, Of: "project_merge_request"},
		{Name: "promote"},
	},
}
