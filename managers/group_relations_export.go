package managers

import "github.com/golab/gitlab/base"

// groupRelationsExportSpec declares /groups/{group_id}/export_relations:
// a group exported as one file per top-level relation (milestones, boards,
// labels...), as group migration by direct transfer reads it. Create
// schedules the export (202 {"message": "202 Accepted"}).
// GitLab API: https://docs.gitlab.com/api/group_relations_export/
var groupRelationsExportSpec = &base.Spec{
	Name:        "group_relations_export",
	Accessor:    "RelationsExports",
	Path:        "/groups/{group_id}/export_relations",
	Parent:      "group",
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpCreate,
	CreateAttrs: base.RequiredOptional{Optional: []string{"batched"}},
	DocsURL:     "https://docs.gitlab.com/api/group_relations_export/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/group_relations_export/#export-status
		{Name: "status", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Optional: []string{"relation"}}},
		// https://docs.gitlab.com/api/group_relations_export/#export-download
		{Name: "download", Method: "GET", OnManager: true, Result: base.ResultDownload,
			Attrs: base.RequiredOptional{Required: []string{"relation"}, Optional: []string{"batched", "batch_number"}}},
	},
}
