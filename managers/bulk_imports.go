package managers

import "github.com/golab/gitlab/base"

// bulkImportAllEntitySpec declares /bulk_imports/entities.
// python-gitlab: BulkImportAllEntityManager (gl.bulk_import_entities).
var bulkImportAllEntitySpec = &base.Spec{
	Name:        "bulk_import_all_entity",
	Accessor:    "BulkImportEntities",
	Path:        "/bulk_imports/entities",
	Ops:         base.OpList,
	ListFilters: []string{"sort", "status"},
	DocsURL:     "https://docs.gitlab.com/api/bulk_imports/",
}

// bulkImportEntitySpec declares /bulk_imports/{bulk_import_id}/entities.
// python-gitlab: BulkImportEntityManager (BulkImport.entities).
var bulkImportEntitySpec = &base.Spec{
	Name:        "bulk_import_entity",
	Accessor:    "Entities",
	Path:        "/bulk_imports/{bulk_import_id}/entities",
	Parent:      "bulk_import",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"sort", "status"},
	DocsURL:     "https://docs.gitlab.com/api/bulk_imports/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/bulk_imports/#get-list-of-failed-import-records-for-group-or-project-migration-entity
		{Name: "failures", Method: "GET"},
	},
}

// bulkImportSpec declares /bulk_imports.
// python-gitlab: BulkImportManager (gl.bulk_imports).
var bulkImportSpec = &base.Spec{
	Name:     "bulk_import",
	Accessor: "BulkImports",
	Path:     "/bulk_imports",
	Ops:      base.OpsRetrieve | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"configuration", "entities"},
	},
	ListFilters: []string{"sort", "status"},
	DocsURL:     "https://docs.gitlab.com/api/bulk_imports/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/bulk_imports/#cancel-a-migration: the answer is the migration.
		{Name: "cancel", Result: base.ResultReplace},
	},
}
