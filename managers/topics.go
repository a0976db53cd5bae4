package managers

import "github.com/golab/gitlab/base"

// topicSpec declares /topics.
// python-gitlab: TopicManager (gl.topics).
var topicSpec = &base.Spec{
	Name:     "topic",
	Accessor: "Topics",
	Path:     "/topics",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"avatar", "description", "title"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"avatar", "description", "name"},
	},
	Types:   map[string]base.AttrType{"avatar": base.TypeImage},
	DocsURL: "https://docs.gitlab.com/api/topics/",
}
