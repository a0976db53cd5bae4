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
	Actions: []base.Action{
		// python-gitlab's ldapgroups.list(provider=...): the groups of one LDAP server.
		{Name: "list_by_provider", Method: "GET", Path: "/ldap/{provider}/groups", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"provider"}, Optional: []string{"search"}}, Result: base.ResultList},
	},
}
