package managers

import "github.com/golab/gitlab/base"

// namespaceSpec declares /namespaces.
// python-gitlab: NamespaceManager (gl.namespaces).
var namespaceSpec = &base.Spec{
	Name:        "namespace",
	Accessor:    "Namespaces",
	Path:        "/namespaces",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"search"},
	DocsURL:     "https://docs.gitlab.com/api/namespaces/",
	Actions: []base.Action{
		{Name: "exists", Method: "GET", Path: "{namespace}/exists", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"namespace"}}},
	},
}
