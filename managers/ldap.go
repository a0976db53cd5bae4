package managers

import "github.com/golab/gitlab/base"

// ldapGroupSpec declares /ldap/groups.
// python-gitlab: LDAPGroupManager (gl.ldapgroups).
var ldapGroupSpec = &base.Spec{
	Name:        "ldap_group",
	Accessor:    "LDAPGroups",
	Path:        "/ldap/groups",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpList,
	ListFilters: []string{"search", "provider"},
	DocsURL:     "https://docs.gitlab.com/api/groups/",
}
