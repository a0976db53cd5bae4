package managers

import "github.com/golab/gitlab/base"

// groupInvitationSpec declares /groups/{group_id}/invitations.
// python-gitlab: GroupInvitationManager (Group.invitations).
var groupInvitationSpec = &base.Spec{
	Name:     "group_invitation",
	Accessor: "Invitations",
	Path:     "/groups/{group_id}/invitations",
	Parent:   "group",
	IDAttr:   "email",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"access_level"},
		Optional:  []string{"expires_at", "invite_source", "tasks_to_be_done", "tasks_project_id"},
		Exclusive: []string{"email", "user_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"access_level", "expires_at"},
	},
	ListFilters: []string{"query"},
	Types:       base.AttrTypes{Array: []string{"tasks_to_be_done"}, CommaSeparatedList: []string{"email", "user_id"}},
	DocsURL:     "https://docs.gitlab.com/api/invitations/",
}

// projectInvitationSpec declares /projects/{project_id}/invitations.
// python-gitlab: ProjectInvitationManager (Project.invitations).
var projectInvitationSpec = &base.Spec{
	Name:     "project_invitation",
	Accessor: "Invitations",
	Path:     "/projects/{project_id}/invitations",
	Parent:   "project",
	IDAttr:   "email",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"access_level"},
		Optional:  []string{"expires_at", "invite_source", "tasks_to_be_done", "tasks_project_id"},
		Exclusive: []string{"email", "user_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"access_level", "expires_at"},
	},
	ListFilters: []string{"query"},
	Types:       base.AttrTypes{Array: []string{"tasks_to_be_done"}, CommaSeparatedList: []string{"email", "user_id"}},
	DocsURL:     "https://docs.gitlab.com/api/invitations/",
}
