package managers

import "github.com/golab/gitlab/base"

// sidekiqSpec declares /sidekiq.
// python-gitlab: SidekiqManager (gl.sidekiq).
var sidekiqSpec = &base.Spec{
	Name:     "sidekiq",
	Accessor: "Sidekiq",
	Path:     "/sidekiq",
	DocsURL:  "https://docs.gitlab.com/api/sidekiq_metrics/",
	Actions: []base.Action{
		{Name: "compound_metrics", Method: "GET", OnManager: true},
		{Name: "job_stats", Method: "GET", OnManager: true},
		{Name: "process_metrics", Method: "GET", OnManager: true},
		{Name: "queue_metrics", Method: "GET", OnManager: true},
	},
}
