package managers

import "github.com/golab/gitlab/base"

// genericPackageSpec declares /projects/{project_id}/packages/generic.
// python-gitlab: GenericPackageManager (Project.generic_packages).
var genericPackageSpec = &base.Spec{
	Name:     "generic_package",
	Accessor: "GenericPackages",
	Path:     "/projects/{project_id}/packages/generic",
	Parent:   "project",
	IDAttr:   "package_name",
	DocsURL:  "https://docs.gitlab.com/api/packages/",
	Actions: []base.Action{
		{Name: "download", Method: "GET", Path: "{package_name}/{package_version}/{file_name}", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"package_name", "package_version", "file_name"}}, Result: base.ResultDownload},
		{Name: "upload", Method: "PUT", Path: "{package_name}/{package_version}/{file_name}", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"package_name", "package_version", "file_name", "data"}, Optional: []string{"select", "status"}}, Body: "data"},
	},
}

// projectMLModelPackageSpec declares /projects/{project_id}/packages/ml_models:
// the files of the model registry's model versions, by model version ID
// and path.
// GitLab API: https://docs.gitlab.com/api/model_registry/
var projectMLModelPackageSpec = &base.Spec{
	Name:     "project_ml_model_package",
	Accessor: "MLModelPackages",
	Path:     "/projects/{project_id}/packages/ml_models",
	Parent:   "project",
	IDAttr:   "model_version_id",
	DocsURL:  "https://docs.gitlab.com/api/model_registry/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/model_registry/#download-a-model-package-file
		{Name: "download", Method: "GET", Path: "{model_version_id}/files/{path}/{filename}", OnManager: true, Result: base.ResultDownload,
			Attrs: base.RequiredOptional{Required: []string{"model_version_id", "path", "filename"}}},
		{Name: "upload", Method: "PUT", Path: "{model_version_id}/files/{path}/{filename}", OnManager: true, Body: "data",
			Attrs: base.RequiredOptional{Required: []string{"model_version_id", "path", "filename", "data"}}},
	},
}

// groupPackageSpec declares /groups/{group_id}/packages.
// python-gitlab: GroupPackageManager (Group.packages).
var groupPackageSpec = &base.Spec{
	Name:     "group_package",
	Accessor: "Packages",
	Path:     "/groups/{group_id}/packages",
	Parent:   "group",
	Ops:      base.OpList,
	ListFilters: []string{
		"exclude_subgroups", "order_by", "sort", "package_type", "package_name",
		"package_version", "include_versionless", "status",
	},
	DocsURL: "https://docs.gitlab.com/api/packages/#within-a-group",
}

// projectPackageFileSpec declares /projects/{project_id}/packages/{package_id}/package_files.
// python-gitlab: ProjectPackageFileManager (ProjectPackage.package_files).
var projectPackageFileSpec = &base.Spec{
	Name:     "project_package_file",
	Accessor: "PackageFiles",
	Path:     "/projects/{project_id}/packages/{package_id}/package_files",
	Parent:   "project_package",
	Ops:      base.OpList | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/packages/#list-package-files",
}

// projectPackageSpec declares /projects/{project_id}/packages.
// python-gitlab: ProjectPackageManager (Project.packages).
var projectPackageSpec = &base.Spec{
	Name:     "project_package",
	Accessor: "Packages",
	Path:     "/projects/{project_id}/packages",
	Parent:   "project",
	Ops:      base.OpsRetrieve | base.OpDelete,
	ListFilters: []string{
		"order_by", "sort", "package_type", "package_name", "package_version",
		"include_versionless", "status",
	},
	DocsURL: "https://docs.gitlab.com/api/packages/#within-a-project",
}

// projectPackagePipelineSpec declares /projects/{project_id}/packages/{package_id}/pipelines.
// python-gitlab: ProjectPackagePipelineManager (ProjectPackage.pipelines).
var projectPackagePipelineSpec = &base.Spec{
	Name:     "project_package_pipeline",
	Accessor: "Pipelines",
	Path:     "/projects/{project_id}/packages/{package_id}/pipelines",
	Parent:   "project_package",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/packages/#list-package-pipelines",
}
