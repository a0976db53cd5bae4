package managers

import "github.com/golab/gitlab/base"

// avatarSpec declares /avatar: the URL of the avatar of the user with an
// e-mail address (Get requires email: gitlab.WithParams).
// GitLab API: https://docs.gitlab.com/api/avatar/
var avatarSpec = &base.Spec{
	Name:     "avatar",
	Accessor: "Avatar",
	Path:     "/avatar",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	GetAttrs: base.RequiredOptional{Required: []string{"email"}, Optional: []string{"size"}},
	DocsURL:  "https://docs.gitlab.com/api/avatar/",
}
