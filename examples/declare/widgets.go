package main

//go:generate go run github.com/golab/gitlab/cmd/gitlab-gen

import "github.com/golab/gitlab"

// projectWidgetSpec declares a resource this library does not know: a
// project's widgets. gitlab-gen writes its typed code to widgets_gen.go:
// ProjectWidgetManager with exactly the declared operations, ProjectWidget
// objects with Save and Refresh, the accessor ProjectWidgets(project), and
// Register, which adds the declaration to a client's registry.
var projectWidgetSpec = &gitlab.Spec{
	Name:        "project_widget",
	Accessor:    "Widgets",
	Path:        "/projects/{project_id}/widgets",
	Parent:      "project", // {project_id} is the project's id (FromParent, derived)
	ReprAttr:    "name",
	Ops:         gitlab.OpList | gitlab.OpGet | gitlab.OpCreate | gitlab.OpUpdate,
	CreateAttrs: gitlab.RequiredOptional{Required: []string{"name"}, Optional: []string{"color"}},
	UpdateAttrs: gitlab.RequiredOptional{Optional: []string{"name", "color"}},
	DocsURL:     "https://docs.gitlab.com/api/",
}
