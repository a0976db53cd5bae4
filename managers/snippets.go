package managers

import "github.com/golab/gitlab/base"

// projectSnippetSpec declares /projects/{project_id}/snippets.
// python-gitlab: ProjectSnippetManager (Project.snippets).
var projectSnippetSpec = &base.Spec{
	Name:     "project_snippet",
	Accessor: "Snippets",
	Path:     "/projects/{project_id}/snippets",
	Parent:   "project",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"title", "visibility"},
		Optional:  []string{"description", "content"},
		Exclusive: []string{"files", "file_name"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "files", "file_name", "content", "visibility", "description"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_snippets/",
	Actions: []base.Action{
		{Name: "content", Method: "GET", Path: "raw", Result: base.ResultDownload},
	},
	ActionGroups: [][]base.Action{userAgentDetailActions},
}

// snippetSpec declares /snippets.
// python-gitlab: SnippetManager (gl.snippets).
var snippetSpec = &base.Spec{
	Name:     "snippet",
	Accessor: "Snippets",
	Path:     "/snippets",
	ReprAttr: "title",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"title"},
		Optional:  []string{"description", "content", "visibility"},
		Exclusive: []string{"files", "file_name"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "files", "file_name", "content", "visibility", "description"},
	},
	DocsURL: "https://docs.gitlab.com/api/snippets/",
	Actions: []base.Action{
		{Name: "list_all", Method: "GET", Path: "all", OnManager: true, Result: base.ResultList},
		{Name: "list_public", Method: "GET", Path: "public", OnManager: true, Result: base.ResultList},
		{Name: "public", Method: "GET", OnManager: true, Result: base.ResultList},
		{Name: "content", Method: "GET", Path: "raw", Result: base.ResultDownload},
		// https://docs.gitlab.com/api/snippets/#get-raw-snippet-file-content: one file of
		// the snippet at a ref (its file_path URL-encoded as one segment).
		{Name: "raw_file", Method: "GET", Path: "files/{ref}/{file_path}/raw", Result: base.ResultDownload,
			Attrs: base.RequiredOptional{Required: []string{"ref", "file_path"}}},
	},
	ActionGroups: [][]base.Action{userAgentDetailActions},
}
