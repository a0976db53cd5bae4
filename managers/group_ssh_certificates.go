package managers

import "github.com/golab/gitlab/base"

// groupSSHCertificateSpec declares /groups/{group_id}/ssh_certificates:
// the SSH certificate authorities of a top-level group.
// GitLab API: https://docs.gitlab.com/api/group_ssh_certificates/
var groupSSHCertificateSpec = &base.Spec{
	Name:        "group_ssh_certificate",
	Accessor:    "SSHCertificates",
	Path:        "/groups/{group_id}/ssh_certificates",
	Parent:      "group",
	ReprAttr:    "title",
	Ops:         base.OpList | base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{Required: []string{"key", "title"}},
	DocsURL:     "https://docs.gitlab.com/api/group_ssh_certificates/",
}
