package managers

import "github.com/golab/gitlab/base"

// metadataSpec declares /metadata: the instance's version, revision,
// KAS settings and edition (what /version says, and more).
// GitLab API: https://docs.gitlab.com/api/metadata/
var metadataSpec = &base.Spec{
	Name:     "metadata",
	Accessor: "Metadata",
	Path:     "/metadata",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/metadata/",
}
