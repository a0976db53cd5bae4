package managers

import "github.com/golab/gitlab/base"

// projectArtifactSpec declares /projects/{project_id}/jobs/artifacts.
// python-gitlab: ProjectArtifactManager (Project.artifacts).
var projectArtifactSpec = &base.Spec{
	Name:       "project_artifact",
	Accessor:   "Artifacts",
	Path:       "/projects/{project_id}/jobs/artifacts",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	IDAttr:     "ref_name",
	Ops:        base.OpDelete,
	DocsURL:    "https://docs.gitlab.com/api/job_artifacts/",
}
