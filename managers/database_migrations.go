package managers

import "github.com/golab/gitlab/base"

// databaseMigrationSpec declares /admin/migrations: pending database
// migrations, marked as done to skip them (administrators).
// GitLab API: https://docs.gitlab.com/api/database_migrations/
var databaseMigrationSpec = &base.Spec{
	Name:     "database_migration",
	Accessor: "DatabaseMigrations",
	Path:     "/admin/migrations",
	IDAttr:   "version",
	DocsURL:  "https://docs.gitlab.com/api/database_migrations/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/database_migrations/#mark-a-migration-as-successful
		{Name: "mark", Path: "{version}/mark", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"version"}, Optional: []string{"database"}}},
	},
}
