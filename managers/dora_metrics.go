package managers

import "github.com/golab/gitlab/base"

// doraMetricsActions read a project's or group's DORA metrics
// (deployment_frequency, lead_time_for_changes, time_to_restore_service or
// change_failure_rate), by interval (all, monthly or daily).
// GitLab API: https://docs.gitlab.com/api/dora/metrics/
var doraMetricsActions = []base.Action{{Name: "dora_metrics", Method: "GET", Path: "dora/metrics", Attrs: base.RequiredOptional{
	Required: []string{"metric"},
	Optional: []string{"start_date", "end_date", "environment_tiers", "interval"},
}}}
