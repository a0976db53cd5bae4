package managers

import "github.com/golab/gitlab/base"

// projectFreezePeriodSpec declares /projects/{project_id}/freeze_periods:
// deploy freezes, as cron start and end times.
// GitLab API: https://docs.gitlab.com/api/freeze_periods/
var projectFreezePeriodSpec = &base.Spec{
	Name:     "project_freeze_period",
	Accessor: "FreezePeriods",
	Path:     "/projects/{project_id}/freeze_periods",
	Parent:   "project",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"freeze_start", "freeze_end"},
		Optional: []string{"cron_timezone"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"freeze_start", "freeze_end", "cron_timezone"},
	},
	DocsURL: "https://docs.gitlab.com/api/freeze_periods/",
}
