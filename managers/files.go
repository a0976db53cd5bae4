package managers

import (
	"context"
	"encoding/base64"
	"fmt"

	"github.com/golab/gitlab/base"
)

// projectFileSpec declares /projects/{project_id}/repository/files.
// python-gitlab: ProjectFileManager (Project.files).
var projectFileSpec = &base.Spec{
	Name:       "project_file",
	Accessor:   "Files",
	Path:       "/projects/{project_id}/repository/files",
	Parent:     "project",
	IDAttr:     "file_path",
	ReprAttr:   "file_path",
	Ops:        base.OpGet | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreatePath: "/projects/{project_id}/repository/files/{file_path}",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"file_path", "branch", "content", "commit_message"},
		Optional: []string{
			"encoding", "author_email", "author_name", "execute_filemode",
			"start_branch",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Required: []string{"file_path", "branch", "content", "commit_message"},
		Optional: []string{
			"encoding", "author_email", "author_name", "execute_filemode",
			"start_branch", "last_commit_id",
		},
	},
	DocsURL:     "https://docs.gitlab.com/api/repository_files/",
	GetAttrs:    base.RequiredOptional{Required: []string{"ref"}},
	DeleteAttrs: base.RequiredOptional{Required: []string{"branch", "commit_message"}},
	Actions: []base.Action{
		{Name: "blame", Method: "GET", Path: "{file_path}/blame", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"file_path", "ref"}}},
		{Name: "head", Method: "HEAD", Path: "{file_path}", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"file_path", "ref"}}, Result: base.ResultNone},
		{Name: "raw", Method: "GET", Path: "{file_path}/raw", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"file_path"}, Optional: []string{"ref"}}, Result: base.ResultDownload},
	},
}

// Content returns the file's content, base64-decoded when it is GitLab's
// base64 text (content set locally is returned as set).
func (f *ProjectFile) Content() ([]byte, error) {
	c := f.GetString("content")
	if f.Changed("content") || f.GetString("encoding") != "base64" {
		return []byte(c), nil
	}
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return nil, fmt.Errorf("gitlab: file %s: content is not valid base64: %w", f.ID(), err)
	}
	return b, nil
}

// Save commits the pending changes to branch with commitMessage. Content
// read from GitLab stays base64 (encoding=base64 is sent with it); content
// set with Set("content", text) is sent as text.
// GitLab API: https://docs.gitlab.com/api/repository_files/#update-existing-file-in-repository
func (f *ProjectFile) Save(ctx context.Context, branch, commitMessage string, opts ...base.RequestOption) error {
	if !f.Dirty() {
		return nil
	}
	if !f.Changed("encoding") {
		encoding := "text" // content set locally is text
		if !f.Changed("content") {
			encoding = f.GetString("encoding") // GitLab's base64, sent back as is
		}
		if err := f.Set("encoding", encoding); err != nil {
			return err
		}
	}
	if err := f.Set("branch", branch); err != nil {
		return err
	}
	if err := f.Set("commit_message", commitMessage); err != nil {
		return err
	}
	return f.Core().Save(ctx, f.Object, opts)
}

// Delete deletes the file in a commit on branch.
// GitLab API: https://docs.gitlab.com/api/repository_files/#delete-existing-file-in-repository
func (f *ProjectFile) Delete(ctx context.Context, branch, commitMessage string, opts ...base.RequestOption) error {
	opts = append(opts, base.CallOption(func(o *base.CallOptions) {
		if o.Params == nil {
			o.Params = base.Params{}
		}
		o.Params["branch"], o.Params["commit_message"] = branch, commitMessage
	}))
	return f.Core().DeleteObject(ctx, f.Object, opts)
}
