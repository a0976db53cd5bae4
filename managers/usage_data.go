package managers

import "github.com/golab/gitlab/base"

// usageDataSpec declares /usage_data: Service Ping's payload, metric
// definitions and queries, and internal event tracking.
// GitLab API: https://docs.gitlab.com/api/usage_data/
var usageDataSpec = &base.Spec{
	Name:     "usage_data",
	Accessor: "UsageData",
	Path:     "/usage_data",
	IDAttr:   base.IDAttrNone,
	DocsURL:  "https://docs.gitlab.com/api/usage_data/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/usage_data/#export-service-ping-data
		{Name: "service_ping", Method: "GET", OnManager: true},
		// https://docs.gitlab.com/api/usage_data/#export-metric-definitions-as-a-single-yaml-file: YAML.
		{Name: "metric_definitions", Method: "GET", OnManager: true, Result: base.ResultDownload},
		// https://docs.gitlab.com/api/usage_data/#export-service-ping-sql-queries
		{Name: "queries", Method: "GET", OnManager: true},
		// https://docs.gitlab.com/api/usage_data/#usagedatanonsqlmetrics-api
		{Name: "non_sql_metrics", Method: "GET", OnManager: true},
		// https://docs.gitlab.com/api/usage_data/#events-tracking-api
		{Name: "track_event", OnManager: true, Result: base.ResultNone, Attrs: base.RequiredOptional{
			Required: []string{"event"},
			Optional: []string{"send_to_snowplow", "namespace_id", "project_id", "additional_properties"},
		}},
		{Name: "track_events", OnManager: true, Result: base.ResultNone, Attrs: base.RequiredOptional{Required: []string{"events"}}},
	},
}
