package managers

import "github.com/golab/gitlab/base"

// projectSnippetSpec declares /projects/{project_id}/snippets.
// python-gitlab: ProjectSnippetManager (Project.snippets).
var projectSnippetSpec = &base.Spec{
	Name:       "project_snippet",
	Accessor:   "Snippets",
	Path:       "/projects/{project_id}/snippets",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	ReprAttr:   "title",
	Ops:        base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required:  []string{"title", "visibility"},
		Optional:  []string{"description", "content"},
		Exclusive: []string{"files", "file_name"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"title", "files", "file_name", "content", "visibility", "description"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_snippets/",
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
}
