package managers

import "github.com/golab/gitlab/base"

// geoNodeSpec declares /geo_nodes.
// python-gitlab: GeoNodeManager (gl.geonodes).
var geoNodeSpec = &base.Spec{
	Name:     "geo_node",
	Accessor: "GeoNodes",
	Path:     "/geo_nodes",
	Ops:      base.OpsRetrieve | base.OpUpdate | base.OpDelete,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"enabled", "url", "files_max_capacity", "repos_max_capacity"},
	},
	DocsURL: "https://docs.gitlab.com/api/geo_nodes/",
	Actions: []base.Action{
		{Name: "current_failures", Method: "GET", Path: "current/failures", OnManager: true},
		{Name: "status", Method: "GET", OnManager: true},
		{Name: "repair"},
		{Name: "status", Method: "GET"},
	},
}
