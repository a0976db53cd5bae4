package managers

import "github.com/golab/gitlab/base"

// groupDescendantGroupSpec declares /groups/{group_id}/descendant_groups.
// python-gitlab: GroupDescendantGroupManager (Group.descendant_groups).
var groupDescendantGroupSpec = &base.Spec{
	Name:       "group_descendant_group",
	Accessor:   "DescendantGroups",
	Path:       "/groups/{group_id}/descendant_groups",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	ReprAttr:   "name",
	Ops:        base.OpList,
	ListFilters: []string{
		"skip_groups", "all_available", "search", "order_by", "sort", "statistics",
		"owned", "with_custom_attributes", "min_access_level",
	},
	Types:   map[string]base.AttrType{"skip_groups": base.TypeArray},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}

// groupLDAPGroupLinkSpec declares /groups/{group_id}/ldap_group_links.
// python-gitlab: GroupLDAPGroupLinkManager (Group.ldap_group_links).
var groupLDAPGroupLinkSpec = &base.Spec{
	Name:       "group_ldap_group_link",
	Accessor:   "LDAPGroupLinks",
	Path:       "/groups/{group_id}/ldap_group_links",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	ReprAttr:   "provider",
	Ops:        base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"provider", "group_access"},
		Exclusive: []string{"cn", "filter"},
	},
	DocsURL: "https://docs.gitlab.com/api/groups/",
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
	Types:   map[string]base.AttrType{"avatar": base.TypeImage, "skip_groups": base.TypeArray},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}

// groupSAMLGroupLinkSpec declares /groups/{group_id}/saml_group_links.
// python-gitlab: GroupSAMLGroupLinkManager (Group.saml_group_links).
var groupSAMLGroupLinkSpec = &base.Spec{
	Name:       "group_saml_group_link",
	Accessor:   "SAMLGroupLinks",
	Path:       "/groups/{group_id}/saml_group_links",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	IDAttr:     "name",
	ReprAttr:   "name",
	Ops:        base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"saml_group_name", "access_level"},
	},
	DocsURL: "https://docs.gitlab.com/api/saml/",
}

// groupSubgroupSpec declares /groups/{group_id}/subgroups.
// python-gitlab: GroupSubgroupManager (Group.subgroups).
var groupSubgroupSpec = &base.Spec{
	Name:       "group_subgroup",
	Accessor:   "Subgroups",
	Path:       "/groups/{group_id}/subgroups",
	Parent:     "group",
	FromParent: map[string]string{"group_id": "id"},
	ReprAttr:   "name",
	Ops:        base.OpList,
	ListFilters: []string{
		"skip_groups", "all_available", "search", "order_by", "sort", "statistics",
		"owned", "with_custom_attributes", "min_access_level",
	},
	Types:   map[string]base.AttrType{"skip_groups": base.TypeArray},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}
