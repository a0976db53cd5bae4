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
	Actions: []base.Action{
		// python-gitlab's keys.get(fingerprint=...): the key and its user.
		{Name: "get_by_fingerprint", Method: "GET", Path: "/keys", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"fingerprint"}}, Result: base.ResultNew},
	},
}
