package managers

import (
	"context"
	"net/http"

	"github.com/golab/gitlab/base"
)

// groupDescendantGroupSpec declares /groups/{group_id}/descendant_groups.
// python-gitlab: GroupDescendantGroupManager (Group.descendant_groups).
var groupDescendantGroupSpec = &base.Spec{
	Name:     "group_descendant_group",
	Accessor: "DescendantGroups",
	Path:     "/groups/{group_id}/descendant_groups",
	Parent:   "group",
	ReprAttr: "name",
	Ops:      base.OpList,
	ListFilters: []string{
		"skip_groups", "all_available", "search", "order_by", "sort", "statistics",
		"owned", "with_custom_attributes", "min_access_level",
	},
	Types:   base.AttrTypes{Array: []string{"skip_groups"}},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}

// groupLDAPGroupLinkSpec declares /groups/{group_id}/ldap_group_links.
// python-gitlab: GroupLDAPGroupLinkManager (Group.ldap_group_links).
var groupLDAPGroupLinkSpec = &base.Spec{
	Name:     "group_ldap_group_link",
	Accessor: "LDAPGroupLinks",
	Path:     "/groups/{group_id}/ldap_group_links",
	Parent:   "group",
	ReprAttr: "provider",
	Ops:      base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"provider", "group_access"},
		Exclusive: []string{"cn", "filter"},
	},
	DocsURL: "https://docs.gitlab.com/api/groups/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/group_ldap_links/#delete-an-ldap-group-link-with-cn-or-filter:
		// the query names the link (the object's Delete sends the same).
		{Name: "delete_link", Method: "DELETE", Path: "/groups/{group_id}/ldap_group_links", OnManager: true, Result: base.ResultNone,
			Attrs: base.RequiredOptional{Optional: []string{"provider"}, Exclusive: []string{"cn", "filter"}}},
		// https://docs.gitlab.com/api/group_ldap_links/#delete-an-ldap-group-link-deprecated
		{Name: "delete_for_provider", Method: "DELETE", Path: "{provider}/{cn}", OnManager: true, Result: base.ResultNone,
			Attrs: base.RequiredOptional{Required: []string{"provider", "cn"}}},
	},
}

// groupSpec declares /groups.
// python-gitlab: GroupManager (gl.groups).
var groupSpec = &base.Spec{
	Name:     "group",
	Accessor: "Groups",
	Path:     "/groups",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "path"},
		Optional: []string{
			"description", "membership_lock", "visibility", "share_with_group_lock",
			"require_two_factor_authentication", "two_factor_grace_period",
			"project_creation_level", "auto_devops_enabled", "subgroup_creation_level",
			"emails_disabled", "avatar", "mentions_disabled", "lfs_enabled",
			"request_access_enabled", "parent_id", "default_branch_protection",
			"shared_runners_minutes_limit", "extra_shared_runners_minutes_limit",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"name", "path", "description", "membership_lock", "share_with_group_lock",
			"visibility", "require_two_factor_authentication", "two_factor_grace_period",
			"project_creation_level", "auto_devops_enabled", "subgroup_creation_level",
			"emails_disabled", "avatar", "mentions_disabled", "lfs_enabled",
			"request_access_enabled", "default_branch_protection",
			"file_template_project_id", "shared_runners_minutes_limit",
			"extra_shared_runners_minutes_limit", "prevent_forking_outside_group",
			"shared_runners_setting",
		},
	},
	ListFilters: []string{
		"skip_groups", "all_available", "search", "order_by", "sort", "statistics",
		"owned", "with_custom_attributes", "min_access_level", "top_level_only",
	},
	Types:   base.AttrTypes{Array: []string{"skip_groups"}, Image: []string{"avatar"}},
	DocsURL: "https://docs.gitlab.com/api/groups/",
	Actions: []base.Action{
		{Name: "import_group", Path: "import", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"file", "path", "name"}, Optional: []string{"parent_id"}}, Types: base.AttrTypes{File: []string{"file"}}},
		{Name: "ldap_sync", Result: base.ResultNone},
		{Name: "restore", Result: base.ResultReplace},
		// Beyond python-gitlab.
		// https://docs.gitlab.com/api/groups/#archive-a-group
		{Name: "archive", Result: base.ResultReplace},
		// https://docs.gitlab.com/api/groups/#unarchive-a-group
		{Name: "unarchive", Result: base.ResultReplace},
		// https://docs.gitlab.com/api/groups/#download-a-group-avatar
		{Name: "avatar", Method: "GET", Result: base.ResultDownload},
		// https://docs.gitlab.com/api/groups/#list-shared-groups: the groups this group is invited to.
		{Name: "shared_groups", Method: "GET", Path: "groups/shared", Result: base.ResultList, Of: "group", Attrs: base.RequiredOptional{
			Optional: []string{"skip_groups", "search", "order_by", "sort", "visibility", "min_access_level", "with_custom_attributes"}}},
		// https://docs.gitlab.com/api/groups/#list-invited-groups
		{Name: "invited_groups", Method: "GET", Result: base.ResultList, Of: "group", Attrs: base.RequiredOptional{
			Optional: []string{"search", "min_access_level", "relation", "with_custom_attributes"}}},
		// https://docs.gitlab.com/api/groups/#list-provisioned-users
		{Name: "provisioned_users", Method: "GET", Result: base.ResultList, Of: "user", Attrs: base.RequiredOptional{
			Optional: []string{"username", "search", "active", "blocked", "created_after", "created_before"}}},
		// https://docs.gitlab.com/api/groups/#list-all-saml-users
		{Name: "saml_users", Method: "GET", Result: base.ResultList, Of: "user", Attrs: base.RequiredOptional{
			Optional: []string{"username", "search", "active", "blocked", "created_after", "created_before"}}},
		// https://docs.gitlab.com/api/groups/#get-groups-to-which-a-user-can-transfer-a-group
		{Name: "transfer_locations", Method: "GET", Result: base.ResultList, Of: "group", Attrs: base.RequiredOptional{
			Optional: []string{"search"}}},
		// https://docs.gitlab.com/api/dependency_proxy/#purge-the-dependency-proxy-for-a-group: 202, no body.
		{Name: "purge_dependency_proxy", Method: "DELETE", Path: "dependency_proxy/cache", Result: base.ResultNone},
		{Name: "search", Method: "GET", Attrs: base.RequiredOptional{Required: []string{"scope", "search"}}},
		{Name: "share", Attrs: base.RequiredOptional{Required: []string{"group_id", "group_access"}, Optional: []string{"expires_at"}}, Result: base.ResultReplace},
		{Name: "transfer", Attrs: base.RequiredOptional{Optional: []string{"group_id"}}, Result: base.ResultReplace},
		{Name: "transfer_project", Path: "projects/{project_id}", Attrs: base.RequiredOptional{Required: []string{"project_id"}}},
		{Name: "unshare", Method: "DELETE", Path: "share/{group_id}", Attrs: base.RequiredOptional{Required: []string{"group_id"}}, Result: base.ResultNone},
	},
	ActionGroups: [][]base.Action{doraMetricsActions},
}

// groupSAMLGroupLinkSpec declares /groups/{group_id}/saml_group_links.
// python-gitlab: GroupSAMLGroupLinkManager (Group.saml_group_links).
var groupSAMLGroupLinkSpec = &base.Spec{
	Name:     "group_saml_group_link",
	Accessor: "SAMLGroupLinks",
	Path:     "/groups/{group_id}/saml_group_links",
	Parent:   "group",
	IDAttr:   "name",
	ReprAttr: "name",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"saml_group_name", "access_level"},
	},
	DocsURL: "https://docs.gitlab.com/api/saml/",
}

// groupSubgroupSpec declares /groups/{group_id}/subgroups.
// python-gitlab: GroupSubgroupManager (Group.subgroups).
var groupSubgroupSpec = &base.Spec{
	Name:     "group_subgroup",
	Accessor: "Subgroups",
	Path:     "/groups/{group_id}/subgroups",
	Parent:   "group",
	ReprAttr: "name",
	Ops:      base.OpList,
	ListFilters: []string{
		"skip_groups", "all_available", "search", "order_by", "sort", "statistics",
		"owned", "with_custom_attributes", "min_access_level",
	},
	Types:   base.AttrTypes{Array: []string{"skip_groups"}},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}

// Delete removes the LDAP group link: DELETE /groups/:id/ldap_group_links
// with its provider and its cn or filter, as GitLab identifies links
// (python-gitlab's delete of a link).
// GitLab API: https://docs.gitlab.com/api/group_ldap_links/#delete-an-ldap-group-link
func (o *GroupLDAPGroupLink) Delete(ctx context.Context, opts ...base.RequestOption) error {
	path, err := o.Core().Path()
	if err != nil {
		return err
	}
	q := base.Params{"provider": o.GetString("provider")}
	if cn := o.GetString("cn"); cn != "" {
		q["cn"] = cn
	} else {
		q["filter"] = o.GetString("filter")
	}
	_, err = o.Core().Send(ctx, &base.Request{Op: "delete", Method: http.MethodDelete, Path: path, Raw: true, Options: opts}, q)
	return err
}
