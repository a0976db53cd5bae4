package managers

import "github.com/golab/gitlab/base"

// groupExportSpec declares /groups/{group_id}/export.
// python-gitlab: GroupExportManager (Group.exports).
var groupExportSpec = &base.Spec{
	Name:     "group_export",
	Accessor: "Exports",
	Path:     "/groups/{group_id}/export",
	Parent:   "group",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpCreate,
	DocsURL:  "https://docs.gitlab.com/api/group_import_export/",
	Actions:  downloadActions,
}

// groupImportSpec declares /groups/{group_id}/import.
// python-gitlab: GroupImportManager (Group.imports).
var groupImportSpec = &base.Spec{
	Name:     "group_import",
	Accessor: "Imports",
	Path:     "/groups/{group_id}/import",
	Parent:   "group",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/group_import_export/",
}

// projectExportSpec declares /projects/{project_id}/export.
// python-gitlab: ProjectExportManager (Project.exports).
var projectExportSpec = &base.Spec{
	Name:     "project_export",
	Accessor: "Exports",
	Path:     "/projects/{project_id}/export",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Optional: []string{"description"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_import_export/",
	Actions: downloadActions,
}

// projectImportSpec declares /projects/{project_id}/import.
// python-gitlab: ProjectImportManager (Project.imports).
var projectImportSpec = &base.Spec{
	Name:     "project_import",
	Accessor: "Imports",
	Path:     "/projects/{project_id}/import",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/project_import_export/",
}
