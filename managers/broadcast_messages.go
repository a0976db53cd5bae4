package managers

import "github.com/golab/gitlab/base"

// broadcastMessageSpec declares /broadcast_messages.
// python-gitlab: BroadcastMessageManager (gl.broadcastmessages).
var broadcastMessageSpec = &base.Spec{
	Name:     "broadcast_message",
	Accessor: "BroadcastMessages",
	Path:     "/broadcast_messages",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"message"},
		Optional: []string{"starts_at", "ends_at", "color", "font", "target_access_levels"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"message", "starts_at", "ends_at", "color", "font", "target_access_levels"},
	},
	Types:   base.AttrTypes{Array: []string{"target_access_levels"}},
	DocsURL: "https://docs.gitlab.com/api/broadcast_messages/",
}
