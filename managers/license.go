package managers

import "github.com/golab/gitlab/base"

// instanceLicenseSpec declares /license: the instance's license keys
// (administrators). Create adds a license (its key, license), Delete removes
// one by ID.
// GitLab API: https://docs.gitlab.com/api/license/
var instanceLicenseSpec = &base.Spec{
	Name:        "instance_license",
	Accessor:    "InstanceLicenses",
	Path:        "/license",
	ReprAttr:    "plan",
	Ops:         base.OpCreate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{Required: []string{"license"}},
	DocsURL:     "https://docs.gitlab.com/api/license/",
}
