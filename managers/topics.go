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
	Types:   base.AttrTypes{Image: []string{"avatar"}},
	DocsURL: "https://docs.gitlab.com/api/topics/",
	Actions: []base.Action{
		{Name: "merge", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"source_topic_id", "target_topic_id"}}, Result: base.ResultNew},
	},
}
