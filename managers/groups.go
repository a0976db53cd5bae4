package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// GroupSpec declares /groups.
// GitLab API: https://docs.gitlab.com/api/groups/
var GroupSpec = &base.Spec{
	Name:        "groups",
	Path:        "/groups",
	ReprAttr:    "name",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Required: []string{"name", "path"}, Optional: []string{"description", "membership_lock", "visibility", "share_with_group_lock", "require_two_factor_authentication", "two_factor_grace_period", "project_creation_level", "auto_devops_enabled", "subgroup_creation_level", "emails_disabled", "avatar", "mentions_disabled", "lfs_enabled", "request_access_enabled", "parent_id", "default_branch_protection", "shared_runners_minutes_limit", "extra_shared_runners_minutes_limit"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"name", "path", "description", "membership_lock", "share_with_group_lock", "visibility", "require_two_factor_authentication", "two_factor_grace_period", "project_creation_level", "auto_devops_enabled", "subgroup_creation_level", "emails_disabled", "avatar", "mentions_disabled", "lfs_enabled", "request_access_enabled", "default_branch_protection", "file_template_project_id", "shared_runners_minutes_limit", "extra_shared_runners_minutes_limit", "prevent_forking_outside_group", "shared_runners_setting"}},
	ListFilters: []string{"skip_groups", "all_available", "search", "order_by", "sort", "statistics", "owned", "with_custom_attributes", "min_access_level", "top_level_only"},
	Types:       map[string]base.AttrType{"avatar": base.TypeImage, "skip_groups": base.TypeArray},
	DocsURL:     "https://docs.gitlab.com/api/groups/",
}

// GroupProjectSpec declares /groups/{group_id}/projects.
// GitLab API: https://docs.gitlab.com/api/groups/#list-projects
var GroupProjectSpec = &base.Spec{
	Name:        "group_projects",
	Path:        "/groups/{group_id}/projects",
	Parent:      "groups",
	FromParent:  map[string]string{"group_id": "id"},
	Ops:         base.OpList,
	ListFilters: []string{"archived", "visibility", "order_by", "sort", "search", "simple", "owned", "starred", "with_custom_attributes", "include_subgroups", "with_issues_enabled", "with_merge_requests_enabled", "with_shared", "min_access_level", "with_security_reports"},
	DocsURL:     "https://docs.gitlab.com/api/groups/#list-projects",
}

// Group is a GitLab group.
type Group struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
}

func newGroup(o *base.Object) *Group {
	return &Group{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o)}
}

// GroupManager manages groups (gl.Groups).
type GroupManager struct {
	*base.Manager[*Group]
	mixins.CRUD[*Group]
}

// NewGroupManager binds GroupSpec to a core.
func NewGroupManager(c *base.Core) *GroupManager {
	m := base.NewManager(c, newGroup)
	return &GroupManager{m, mixins.NewCRUD(m)}
}

// Projects lists the group's projects.
func (g *Group) Projects() *GroupProjectManager {
	return NewGroupProjectManager(g.ChildCore(GroupProjectSpec))
}

// GroupProject is a project as listed under a group. It is read-only: to
// change it, use gl.Projects.Lazy(gp.ID()).
type GroupProject struct{ *base.Object }

func newGroupProject(o *base.Object) *GroupProject { return &GroupProject{o} }

// GroupProjectManager lists a group's projects.
type GroupProjectManager struct {
	*base.Manager[*GroupProject]
	mixins.Lister[*GroupProject]
}

// NewGroupProjectManager binds GroupProjectSpec to a core.
func NewGroupProjectManager(c *base.Core) *GroupProjectManager {
	m := base.NewManager(c, newGroupProject)
	return &GroupProjectManager{m, mixins.NewLister(m)}
}
