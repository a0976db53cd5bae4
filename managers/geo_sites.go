package managers

import "github.com/golab/gitlab/base"

// geoSiteAttrs are the settings of a Geo site, as updated (and created,
// with primary).
// GitLab API: https://docs.gitlab.com/api/geo_sites/#create-a-geo-site
var geoSiteAttrs = []string{
	"enabled", "name", "url", "internal_url", "files_max_capacity", "repos_max_capacity",
	"verification_max_capacity", "container_repositories_max_capacity", "sync_object_storage",
	"selective_sync_type", "selective_sync_shards", "selective_sync_namespace_ids",
	"minimum_reverification_interval", "blob_download_timeout",
}

// geoSiteSpec declares /geo_sites, which succeeds /geo_nodes (geoNodeSpec).
// GitLab API: https://docs.gitlab.com/api/geo_sites/
var geoSiteSpec = &base.Spec{
	Name:     "geo_site",
	Accessor: "GeoSites",
	Path:     "/geo_sites",
	ReprAttr: "name",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "url"},
		// https://docs.gitlab.com/api/geo_sites/#create-a-geo-site: primary, then geoSiteAttrs.
		Optional: []string{
			"primary", "enabled", "name", "url", "internal_url", "files_max_capacity", "repos_max_capacity",
			"verification_max_capacity", "container_repositories_max_capacity", "sync_object_storage",
			"selective_sync_type", "selective_sync_shards", "selective_sync_namespace_ids",
			"minimum_reverification_interval", "blob_download_timeout",
		},
	},
	UpdateAttrs: base.RequiredOptional{Optional: geoSiteAttrs},
	Types:       base.AttrTypes{Array: []string{"selective_sync_shards", "selective_sync_namespace_ids"}},
	DocsURL:     "https://docs.gitlab.com/api/geo_sites/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/geo_sites/#repair-a-geo-site: the answer is the site.
		{Name: "repair", Result: base.ResultReplace},
		// https://docs.gitlab.com/api/geo_sites/#retrieve-status-about-a-specific-geo-site
		{Name: "status", Method: "GET"},
		// https://docs.gitlab.com/api/geo_sites/#list-all-geo-site-statuses
		{Name: "status", Method: "GET", OnManager: true},
	},
}
