package managers

import "github.com/golab/gitlab/base"

// groupBillableMemberSpec declares /groups/{group_id}/billable_members.
// python-gitlab: GroupBillableMemberManager (Group.billable_members).
var groupBillableMemberSpec = &base.Spec{
	Name:        "group_billable_member",
	Accessor:    "BillableMembers",
	Path:        "/groups/{group_id}/billable_members",
	Parent:      "group",
	ReprAttr:    "username",
	Ops:         base.OpList | base.OpDelete,
	ListFilters: []string{"search", "sort"},
	DocsURL:     "https://docs.gitlab.com/api/members/",
}

// groupBillableMemberMembershipSpec declares /groups/{group_id}/billable_members/{user_id}/memberships.
// python-gitlab: GroupBillableMemberMembershipManager (GroupBillableMember.memberships).
var groupBillableMemberMembershipSpec = &base.Spec{
	Name:     "group_billable_member_membership",
	Accessor: "Memberships",
	Path:     "/groups/{group_id}/billable_members/{user_id}/memberships",
	Parent:   "group_billable_member",
	IDAttr:   "user_id",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/members/",
}

// groupMemberAllSpec declares /groups/{group_id}/members/all.
// python-gitlab: GroupMemberAllManager (Group.members_all).
var groupMemberAllSpec = &base.Spec{
	Name:     "group_member_all",
	Accessor: "MembersAll",
	Path:     "/groups/{group_id}/members/all",
	Parent:   "group",
	ReprAttr: "username",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/members/",
}

// groupMemberSpec declares /groups/{group_id}/members.
// python-gitlab: GroupMemberManager (Group.members).
var groupMemberSpec = &base.Spec{
	Name:     "group_member",
	Accessor: "Members",
	Path:     "/groups/{group_id}/members",
	Parent:   "group",
	ReprAttr: "username",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"access_level"},
		Optional:  []string{"expires_at", "tasks_to_be_done"},
		Exclusive: []string{"username", "user_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"access_level"},
		Optional: []string{"expires_at"},
	},
	Types:   base.AttrTypes{Array: []string{"tasks_to_be_done", "user_ids"}},
	DocsURL: "https://docs.gitlab.com/api/members/",
}

// projectMemberAllSpec declares /projects/{project_id}/members/all.
// python-gitlab: ProjectMemberAllManager (Project.members_all).
var projectMemberAllSpec = &base.Spec{
	Name:     "project_member_all",
	Accessor: "MembersAll",
	Path:     "/projects/{project_id}/members/all",
	Parent:   "project",
	ReprAttr: "username",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/members/",
}

// projectMemberSpec declares /projects/{project_id}/members.
// python-gitlab: ProjectMemberManager (Project.members).
var projectMemberSpec = &base.Spec{
	Name:     "project_member",
	Accessor: "Members",
	Path:     "/projects/{project_id}/members",
	Parent:   "project",
	ReprAttr: "username",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"access_level"},
		Optional:  []string{"expires_at", "tasks_to_be_done"},
		Exclusive: []string{"username", "user_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"access_level"},
		Optional: []string{"expires_at"},
	},
	Types:   base.AttrTypes{Array: []string{"tasks_to_be_dones", "user_ids"}},
	DocsURL: "https://docs.gitlab.com/api/members/",
}
