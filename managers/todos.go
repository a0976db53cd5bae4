package managers

import "github.com/golab/gitlab/base"

// todoSpec declares /todos.
// python-gitlab: TodoManager (gl.todos).
var todoSpec = &base.Spec{
	Name:        "todo",
	Accessor:    "Todos",
	Path:        "/todos",
	Ops:         base.OpList | base.OpDelete,
	ListFilters: []string{"action", "author_id", "project_id", "state", "type"},
	DocsURL:     "https://docs.gitlab.com/api/todos/",
	Actions: []base.Action{
		{Name: "mark_all_as_done", Path: "mark_as_done", OnManager: true, Result: base.ResultNone},
		{Name: "mark_as_done", Result: base.ResultReplace},
	},
}
