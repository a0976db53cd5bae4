package managers

import "github.com/golab/gitlab/base"

// projectSecureFileSpec declares /projects/{project_id}/secure_files.
// python-gitlab: ProjectSecureFileManager (Project.secure_files).
var projectSecureFileSpec = &base.Spec{
	Name:     "project_secure_file",
	Accessor: "SecureFiles",
	Path:     "/projects/{project_id}/secure_files",
	Parent:   "project",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "file"},
	},
	Types:   base.AttrTypes{File: []string{"file"}},
	DocsURL: "https://docs.gitlab.com/api/secure_files/",
	Actions: []base.Action{
		{Name: "download", Method: "GET", Result: base.ResultDownload},
	},
}
