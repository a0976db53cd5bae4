package managers

import "github.com/golab/gitlab/base"

// geoNodeSpec declares /geo_nodes.
// python-gitlab: GeoNodeManager (gl.geonodes).
var geoNodeSpec = &base.Spec{
	Name:     "geo_node",
	Accessor: "GeoNodes",
	Path:     "/geo_nodes",
	// create beyond python-gitlab: https://docs.gitlab.com/api/geo_nodes/#create-a-new-geo-node
	Ops: base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "url"},
		Optional: []string{
			"primary", "enabled", "internal_url", "files_max_capacity", "repos_max_capacity",
			"verification_max_capacity", "container_repositories_max_capacity", "sync_object_storage",
			"selective_sync_type", "selective_sync_shards", "selective_sync_namespace_ids",
			"minimum_reverification_interval",
		},
	},
	Types: base.AttrTypes{Array: []string{"selective_sync_shards", "selective_sync_namespace_ids"}},
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
