package managers

import "github.com/golab/gitlab/base"

// eventSpec declares /events.
// python-gitlab: EventManager (gl.events).
var eventSpec = &base.Spec{
	Name:        "event",
	Accessor:    "Events",
	Path:        "/events",
	IDAttr:      base.IDAttrNone,
	ReprAttr:    "target_title",
	Ops:         base.OpList,
	ListFilters: []string{"action", "target_type", "before", "after", "sort", "scope"},
	DocsURL:     "https://docs.gitlab.com/api/events/",
}

// groupEpicResourceLabelEventSpec declares /groups/{group_id}/epics/{epic_id}/resource_label_events.
// python-gitlab: GroupEpicResourceLabelEventManager (GroupEpic.resourcelabelevents).
var groupEpicResourceLabelEventSpec = &base.Spec{
	Name:     "group_epic_resource_label_event",
	Accessor: "ResourceLabelEvents",
	Path:     "/groups/{group_id}/epics/{epic_id}/resource_label_events",
	Parent:   "group_epic",
	// GitLab names the epic here by its ID, not by the IID its other routes use.
	FromParent: map[string]string{"group_id": "group_id", "epic_id": "id"},
	Ops:        base.OpsRetrieve,
	DocsURL:    "https://docs.gitlab.com/api/resource_label_events/",
}

// projectEventSpec declares /projects/{project_id}/events.
// python-gitlab: ProjectEventManager (Project.events).
var projectEventSpec = &base.Spec{
	Name:        "project_event",
	Accessor:    "Events",
	Path:        "/projects/{project_id}/events",
	Parent:      "project",
	IDAttr:      base.IDAttrNone,
	ReprAttr:    "target_title",
	Ops:         base.OpList,
	ListFilters: []string{"action", "target_type", "before", "after", "sort", "scope"},
	DocsURL:     "https://docs.gitlab.com/api/events/",
}

// projectIssueResourceIterationEventSpec declares /projects/{project_id}/issues/{issue_iid}/resource_iteration_events.
// python-gitlab: ProjectIssueResourceIterationEventManager (ProjectIssue.resource_iteration_events).
var projectIssueResourceIterationEventSpec = &base.Spec{
	Name:     "project_issue_resource_iteration_event",
	Accessor: "ResourceIterationEvents",
	Path:     "/projects/{project_id}/issues/{issue_iid}/resource_iteration_events",
	Parent:   "project_issue",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_iteration_events/",
}

// projectIssueResourceLabelEventSpec declares /projects/{project_id}/issues/{issue_iid}/resource_label_events.
// python-gitlab: ProjectIssueResourceLabelEventManager (ProjectIssue.resourcelabelevents).
var projectIssueResourceLabelEventSpec = &base.Spec{
	Name:     "project_issue_resource_label_event",
	Accessor: "ResourceLabelEvents",
	Path:     "/projects/{project_id}/issues/{issue_iid}/resource_label_events",
	Parent:   "project_issue",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_label_events/",
}

// projectIssueResourceMilestoneEventSpec declares /projects/{project_id}/issues/{issue_iid}/resource_milestone_events.
// python-gitlab: ProjectIssueResourceMilestoneEventManager (ProjectIssue.resourcemilestoneevents).
var projectIssueResourceMilestoneEventSpec = &base.Spec{
	Name:     "project_issue_resource_milestone_event",
	Accessor: "ResourceMilestoneEvents",
	Path:     "/projects/{project_id}/issues/{issue_iid}/resource_milestone_events",
	Parent:   "project_issue",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_milestone_events/",
}

// projectIssueResourceStateEventSpec declares /projects/{project_id}/issues/{issue_iid}/resource_state_events.
// python-gitlab: ProjectIssueResourceStateEventManager (ProjectIssue.resourcestateevents).
var projectIssueResourceStateEventSpec = &base.Spec{
	Name:     "project_issue_resource_state_event",
	Accessor: "ResourceStateEvents",
	Path:     "/projects/{project_id}/issues/{issue_iid}/resource_state_events",
	Parent:   "project_issue",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_state_events/",
}

// projectIssueResourceWeightEventSpec declares /projects/{project_id}/issues/{issue_iid}/resource_weight_events.
// python-gitlab: ProjectIssueResourceWeightEventManager (ProjectIssue.resource_weight_events).
var projectIssueResourceWeightEventSpec = &base.Spec{
	Name:     "project_issue_resource_weight_event",
	Accessor: "ResourceWeightEvents",
	Path:     "/projects/{project_id}/issues/{issue_iid}/resource_weight_events",
	Parent:   "project_issue",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_weight_events/",
}

// projectMergeRequestResourceLabelEventSpec declares /projects/{project_id}/merge_requests/{mr_iid}/resource_label_events.
// python-gitlab: ProjectMergeRequestResourceLabelEventManager (ProjectMergeRequest.resourcelabelevents).
var projectMergeRequestResourceLabelEventSpec = &base.Spec{
	Name:     "project_merge_request_resource_label_event",
	Accessor: "ResourceLabelEvents",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/resource_label_events",
	Parent:   "project_merge_request",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_label_events/",
}

// projectMergeRequestResourceMilestoneEventSpec declares /projects/{project_id}/merge_requests/{mr_iid}/resource_milestone_events.
// python-gitlab: ProjectMergeRequestResourceMilestoneEventManager (ProjectMergeRequest.resourcemilestoneevents).
var projectMergeRequestResourceMilestoneEventSpec = &base.Spec{
	Name:     "project_merge_request_resource_milestone_event",
	Accessor: "ResourceMilestoneEvents",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/resource_milestone_events",
	Parent:   "project_merge_request",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_milestone_events/",
}

// projectMergeRequestResourceStateEventSpec declares /projects/{project_id}/merge_requests/{mr_iid}/resource_state_events.
// python-gitlab: ProjectMergeRequestResourceStateEventManager (ProjectMergeRequest.resourcestateevents).
var projectMergeRequestResourceStateEventSpec = &base.Spec{
	Name:     "project_merge_request_resource_state_event",
	Accessor: "ResourceStateEvents",
	Path:     "/projects/{project_id}/merge_requests/{mr_iid}/resource_state_events",
	Parent:   "project_merge_request",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/resource_state_events/",
}

// userEventSpec declares /users/{user_id}/events.
// python-gitlab: UserEventManager (User.events).
var userEventSpec = &base.Spec{
	Name:        "user_event",
	Accessor:    "Events",
	Path:        "/users/{user_id}/events",
	Parent:      "user",
	IDAttr:      base.IDAttrNone,
	ReprAttr:    "target_title",
	Ops:         base.OpList,
	ListFilters: []string{"action", "target_type", "before", "after", "sort", "scope"},
	DocsURL:     "https://docs.gitlab.com/api/events/",
}
