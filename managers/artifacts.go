package managers

import (
	"context"
	"net/http"
	"strings"

	"github.com/golab/gitlab/base"
)

// projectArtifactSpec declares /projects/{project_id}/jobs/artifacts.
// python-gitlab: ProjectArtifactManager (Project.artifacts).
var projectArtifactSpec = &base.Spec{
	Name:     "project_artifact",
	Accessor: "Artifacts",
	Path:     "/projects/{project_id}/jobs/artifacts",
	Parent:   "project",
	IDAttr:   "ref_name",
	Ops:      base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/job_artifacts/",
	Actions: []base.Action{
		{Name: "download", Method: "GET", Path: "{ref_name}/download", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"ref_name", "job"}}, Result: base.ResultDownload},
		// The file's path keeps its slashes (*artifact_path; a %2F is a 404):
		// https://docs.gitlab.com/api/job_artifacts/#download-a-single-artifact-file-from-specific-tag-or-branch
		{Name: "raw", Method: "GET", Path: "{ref_name}/raw/{+artifact_path}", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"ref_name", "artifact_path", "job"}}, Result: base.ResultDownload},
	},
}

// Delete deletes every artifact of the project's jobs that is not locked:
// DELETE /projects/:id/artifacts, python-gitlab's artifacts.delete().
// GitLab API: https://docs.gitlab.com/api/job_artifacts/#delete-project-artifacts
func (m *ProjectArtifactManager) Delete(ctx context.Context, opts ...base.RequestOption) error {
	path, err := m.Path()
	if err != nil {
		return err
	}
	_, err = m.Core().Send(ctx, &base.Request{Op: "delete", Method: http.MethodDelete,
		Path: strings.TrimSuffix(path, "/jobs/artifacts") + "/artifacts", Raw: true, Options: opts}, nil)
	return err
}
