package managers

import "github.com/golab/gitlab/base"

// featureSpec declares /features.
// python-gitlab: FeatureManager (gl.features).
var featureSpec = &base.Spec{
	Name:      "feature",
	Accessor:  "Features",
	Path:      "/features",
	IDAttr:    "name",
	Ops:       base.OpList | base.OpDelete | base.OpSet,
	SetMethod: "POST",
	DocsURL:   "https://docs.gitlab.com/api/features/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/features/#list-all-feature-definitions
		{Name: "definitions", Method: "GET", OnManager: true},
	},
}
