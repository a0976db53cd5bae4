package managers

import "github.com/golab/gitlab/base"

// ciLintSpec declares /ci/lint.
// python-gitlab: CiLintManager (gl.ci_lint).
var ciLintSpec = &base.Spec{
	Name:     "ci_lint",
	Accessor: "CILint",
	Path:     "/ci/lint",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"content"},
		Optional: []string{"include_merged_yaml", "include_jobs"},
	},
	DocsURL: "https://docs.gitlab.com/api/lint/",
}

// projectCILintSpec declares /projects/{project_id}/ci/lint.
// python-gitlab: ProjectCiLintManager (Project.ci_lint).
var projectCILintSpec = &base.Spec{
	Name:       "project_ci_lint",
	Accessor:   "CILint",
	Path:       "/projects/{project_id}/ci/lint",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	IDAttr:     base.IDAttrNone,
	Ops:        base.OpGetWithoutID | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"content"},
		Optional: []string{"dry_run", "include_jobs", "ref"},
	},
	GetAttrs: base.RequiredOptional{Optional: []string{
		"content_ref", "dry_run", "dry_run_ref",
		"include_jobs", "ref",
	}},
	DocsURL: "https://docs.gitlab.com/api/lint/",
}
