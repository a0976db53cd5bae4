package managers

import "github.com/golab/gitlab/base"

// keySpec declares /keys.
// python-gitlab: KeyManager (gl.keys).
var keySpec = &base.Spec{
	Name:     "key",
	Accessor: "Keys",
	Path:     "/keys",
	Ops:      base.OpGet,
	DocsURL:  "https://docs.gitlab.com/api/keys/",
}
