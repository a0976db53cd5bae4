package managers

import "github.com/golab/gitlab/base"

// projectDependencySpec declares /projects/{project_id}/dependencies: the
// dependencies the project's dependency scanning found.
// GitLab API: https://docs.gitlab.com/api/dependencies/
var projectDependencySpec = &base.Spec{
	Name:        "project_dependency",
	Accessor:    "Dependencies",
	Path:        "/projects/{project_id}/dependencies",
	Parent:      "project",
	IDAttr:      base.IDAttrNone,
	ReprAttr:    "name",
	Ops:         base.OpList,
	ListFilters: []string{"package_manager"},
	Types:       base.AttrTypes{Array: []string{"package_manager"}},
	DocsURL:     "https://docs.gitlab.com/api/dependencies/",
}

// dependencyListExportSpec declares /dependency_list_exports: exports of
// the dependency list (CycloneDX SBOMs, JSON, CSV), created for a pipeline
// and read back by ID until they are finished (202 while running).
// GitLab API: https://docs.gitlab.com/api/dependency_list_export/
var dependencyListExportSpec = &base.Spec{
	Name:       "dependency_list_export",
	Accessor:   "DependencyListExports",
	Path:       "/dependency_list_exports",
	Ops:        base.OpGet | base.OpCreate,
	CreatePath: "/pipelines/{pipeline_id}/dependency_list_exports",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"pipeline_id", "export_type"},
		Optional: []string{"send_email"},
	},
	DocsURL: "https://docs.gitlab.com/api/dependency_list_export/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/dependency_list_export/#download-dependency-list-export
		{Name: "download", Method: "GET", Result: base.ResultDownload},
	},
}

// projectDependencyFirewallSpec declares /projects/{project_id}/dependency_firewall:
// whether the project's Dependency Firewall is on, and a package checked
// against its policies (an experiment).
// GitLab API: https://docs.gitlab.com/api/dependency_firewall/
var projectDependencyFirewallSpec = &base.Spec{
	Name:     "project_dependency_firewall",
	Accessor: "DependencyFirewall",
	Path:     "/projects/{project_id}/dependency_firewall",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	DocsURL:  "https://docs.gitlab.com/api/dependency_firewall/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/dependency_firewall/#retrieve-status-of-dependency-firewall-for-a-project
		{Name: "enablement", Method: "GET", OnManager: true},
		// https://docs.gitlab.com/api/dependency_firewall/#evaluate-a-package-against-dependency-firewall-policies-for-a-project
		{Name: "evaluate", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"ecosystem", "name", "version"}}},
	},
}
