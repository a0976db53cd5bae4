package managers

import "github.com/golab/gitlab/base"

// dockerfileSpec declares /templates/dockerfiles.
// python-gitlab: DockerfileManager (gl.dockerfiles).
var dockerfileSpec = &base.Spec{
	Name:     "dockerfile",
	Accessor: "Dockerfiles",
	Path:     "/templates/dockerfiles",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/templates/dockerfiles/",
}

// gitignoreSpec declares /templates/gitignores.
// python-gitlab: GitignoreManager (gl.gitignores).
var gitignoreSpec = &base.Spec{
	Name:     "gitignore",
	Accessor: "Gitignores",
	Path:     "/templates/gitignores",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/templates/gitignores/",
}

// gitlabciymlSpec declares /templates/gitlab_ci_ymls.
// python-gitlab: GitlabciymlManager (gl.gitlabciymls).
var gitlabciymlSpec = &base.Spec{
	Name:     "gitlabciyml",
	Accessor: "Gitlabciymls",
	Path:     "/templates/gitlab_ci_ymls",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/templates/gitlab_ci_ymls/",
}

// licenseSpec declares /templates/licenses.
// python-gitlab: LicenseManager (gl.licenses).
var licenseSpec = &base.Spec{
	Name:        "license",
	Accessor:    "Licenses",
	Path:        "/templates/licenses",
	IDAttr:      "key",
	Ops:         base.OpsRetrieve,
	GetAttrs:    base.RequiredOptional{Optional: []string{"project", "fullname"}},
	ListFilters: []string{"popular"},
	DocsURL:     "https://docs.gitlab.com/api/templates/licenses/",
}

// projectDockerfileTemplateSpec declares /projects/{project_id}/templates/dockerfiles.
// python-gitlab: ProjectDockerfileTemplateManager (Project.dockerfile_templates).
var projectDockerfileTemplateSpec = &base.Spec{
	Name:     "project_dockerfile_template",
	Accessor: "DockerfileTemplates",
	Path:     "/projects/{project_id}/templates/dockerfiles",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_templates/",
}

// projectGitignoreTemplateSpec declares /projects/{project_id}/templates/gitignores.
// python-gitlab: ProjectGitignoreTemplateManager (Project.gitignore_templates).
var projectGitignoreTemplateSpec = &base.Spec{
	Name:     "project_gitignore_template",
	Accessor: "GitignoreTemplates",
	Path:     "/projects/{project_id}/templates/gitignores",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_templates/",
}

// projectGitlabciymlTemplateSpec declares /projects/{project_id}/templates/gitlab_ci_ymls.
// python-gitlab: ProjectGitlabciymlTemplateManager (Project.gitlabciyml_templates).
var projectGitlabciymlTemplateSpec = &base.Spec{
	Name:     "project_gitlabciyml_template",
	Accessor: "GitlabciymlTemplates",
	Path:     "/projects/{project_id}/templates/gitlab_ci_ymls",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_templates/",
}

// projectIssueTemplateSpec declares /projects/{project_id}/templates/issues.
// python-gitlab: ProjectIssueTemplateManager (Project.issue_templates).
var projectIssueTemplateSpec = &base.Spec{
	Name:     "project_issue_template",
	Accessor: "IssueTemplates",
	Path:     "/projects/{project_id}/templates/issues",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_templates/",
}

// projectLicenseTemplateSpec declares /projects/{project_id}/templates/licenses.
// python-gitlab: ProjectLicenseTemplateManager (Project.license_templates).
var projectLicenseTemplateSpec = &base.Spec{
	Name:     "project_license_template",
	Accessor: "LicenseTemplates",
	Path:     "/projects/{project_id}/templates/licenses",
	Parent:   "project",
	IDAttr:   "key",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_templates/",
}

// projectMergeRequestTemplateSpec declares /projects/{project_id}/templates/merge_requests.
// python-gitlab: ProjectMergeRequestTemplateManager (Project.merge_request_templates).
var projectMergeRequestTemplateSpec = &base.Spec{
	Name:     "project_merge_request_template",
	Accessor: "MergeRequestTemplates",
	Path:     "/projects/{project_id}/templates/merge_requests",
	Parent:   "project",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve,
	DocsURL:  "https://docs.gitlab.com/api/project_templates/",
}
