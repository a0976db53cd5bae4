package managers

import "github.com/golab/gitlab/base"

// markdownUploadActions are the actions of a project's or group's uploads:
// a file downloaded by ID, or by the secret and file name of its URL
// (/uploads/<secret>/<filename>), and deleted by the latter.
// GitLab API: https://docs.gitlab.com/api/project_markdown_uploads/
var markdownUploadActions = []base.Action{
	{Name: "download", Method: "GET", Path: "{upload_id}", OnManager: true, Result: base.ResultDownload,
		Attrs: base.RequiredOptional{Required: []string{"upload_id"}}},
	{Name: "download_by_secret", Method: "GET", Path: "{secret}/{filename}", OnManager: true, Result: base.ResultDownload,
		Attrs: base.RequiredOptional{Required: []string{"secret", "filename"}}},
	{Name: "delete_by_secret", Method: "DELETE", Path: "{secret}/{filename}", OnManager: true, Result: base.ResultNone,
		Attrs: base.RequiredOptional{Required: []string{"secret", "filename"}}},
}

// projectMarkdownUploadSpec declares /projects/{project_id}/uploads: the
// files uploaded to be referenced in Markdown (uploaded by
// project.Upload), newest first.
// GitLab API: https://docs.gitlab.com/api/project_markdown_uploads/
var projectMarkdownUploadSpec = &base.Spec{
	Name:     "project_markdown_upload",
	Accessor: "MarkdownUploads",
	Path:     "/projects/{project_id}/uploads",
	Parent:   "project",
	ReprAttr: "filename",
	Ops:      base.OpList | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/project_markdown_uploads/",
	Actions:  markdownUploadActions,
}

// groupMarkdownUploadSpec declares /groups/{group_id}/uploads, as
// projectMarkdownUploadSpec.
// GitLab API: https://docs.gitlab.com/api/group_markdown_uploads/
var groupMarkdownUploadSpec = &base.Spec{
	Name:     "group_markdown_upload",
	Accessor: "MarkdownUploads",
	Path:     "/groups/{group_id}/uploads",
	Parent:   "group",
	ReprAttr: "filename",
	Ops:      base.OpList | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/group_markdown_uploads/",
	Actions:  markdownUploadActions,
}
