package managers

import "github.com/golab/gitlab/base"

// auditEventSpec declares /audit_events.
// python-gitlab: AuditEventManager (gl.audit_events).
var auditEventSpec = &base.Spec{
	Name:        "audit_event",
	Accessor:    "AuditEvents",
	Path:        "/audit_events",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"created_after", "created_before", "entity_type", "entity_id"},
	DocsURL:     "https://docs.gitlab.com/api/audit_events/",
}

// groupAuditEventSpec declares /groups/{group_id}/audit_events.
// python-gitlab: GroupAuditEventManager (Group.audit_events).
var groupAuditEventSpec = &base.Spec{
	Name:        "group_audit_event",
	Accessor:    "AuditEvents",
	Path:        "/groups/{group_id}/audit_events",
	Parent:      "group",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"created_after", "created_before"},
	DocsURL:     "https://docs.gitlab.com/api/audit_events/",
}

// projectAuditEventSpec declares /projects/{project_id}/audit_events.
// python-gitlab: ProjectAuditEventManager (Project.audit_events).
var projectAuditEventSpec = &base.Spec{
	Name:        "project_audit_event",
	Accessor:    "AuditEvents",
	Path:        "/projects/{project_id}/audit_events",
	Parent:      "project",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"created_after", "created_before"},
	DocsURL:     "https://docs.gitlab.com/api/audit_events/",
}

// projectAuditSpec declares /projects/{project_id}/audit_events.
// python-gitlab: ProjectAuditManager.
var projectAuditSpec = &base.Spec{
	Name:        "project_audit",
	Path:        "/projects/{project_id}/audit_events",
	Parent:      "project",
	Ops:         base.OpsRetrieve,
	ListFilters: []string{"created_after", "created_before"},
	DocsURL:     "https://docs.gitlab.com/api/audit_events/",
}
