package managers

import "github.com/golab/gitlab/base"

// projectTerraformStateSpec declares /projects/{project_id}/terraform/state:
// the Terraform states GitLab keeps by name, as Terraform's HTTP backend
// reads, locks and writes them (the list of states is GraphQL's). Get is
// not declared: a state reads as the state file itself (Download), not an
// object.
// GitLab documents these routes with the Terraform backend, not in its API
// pages: https://docs.gitlab.com/user/infrastructure/iac/terraform_state/
var projectTerraformStateSpec = &base.Spec{
	Name:     "project_terraform_state",
	Accessor: "TerraformStates",
	Path:     "/projects/{project_id}/terraform/state",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/user/infrastructure/iac/terraform_state/",
	Actions: []base.Action{
		// The latest version of the state file.
		{Name: "download", Method: "GET", Path: "{name}", OnManager: true, Result: base.ResultDownload,
			Attrs: base.RequiredOptional{Required: []string{"name"}}},
		// A new version of the state file (the body), under the lock ID when locked.
		{Name: "upload", Path: "{name}", OnManager: true, Body: "state", Result: base.ResultNone,
			Attrs: base.RequiredOptional{Required: []string{"name", "state"}, Optional: []string{"ID"}}},
		// One version (serial) of the state file.
		{Name: "download_version", Method: "GET", Path: "{name}/versions/{serial}", OnManager: true, Result: base.ResultDownload,
			Attrs: base.RequiredOptional{Required: []string{"name", "serial"}}},
		{Name: "delete_version", Method: "DELETE", Path: "{name}/versions/{serial}", OnManager: true, Result: base.ResultNone,
			Attrs: base.RequiredOptional{Required: []string{"name", "serial"}}},
		// Terraform's lock: the lock information is the body (ID, Operation, Who...).
		{Name: "lock", Path: "{name}/lock", OnManager: true, Result: base.ResultNone, Attrs: base.RequiredOptional{
			Required: []string{"name"},
			Optional: []string{"ID", "Operation", "Info", "Who", "Version", "Created", "Path"},
		}},
		{Name: "unlock", Method: "DELETE", Path: "{name}/lock", OnManager: true, Result: base.ResultNone,
			Attrs: base.RequiredOptional{Required: []string{"name"}, Optional: []string{"ID"}}},
	},
}
