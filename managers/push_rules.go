package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// ProjectPushRulesSpec declares /projects/{project_id}/push_rule.
// GitLab API: https://docs.gitlab.com/api/project_push_rules/
var ProjectPushRulesSpec = &base.Spec{
	Name:        "project_push_rules",
	Path:        "/projects/{project_id}/push_rule",
	Parent:      "projects",
	FromParent:  map[string]string{"project_id": "id"},
	IDAttr:      base.IDAttrNone,
	Ops:         base.OpGetWithoutID | base.OpCreate | base.OpUpdate | base.OpDelete,
	CreateAttrs: base.RequiredOptional{Optional: []string{"author_email_regex", "branch_name_regex", "commit_committer_check", "commit_message_negative_regex", "commit_message_regex", "deny_delete_tag", "file_name_regex", "max_file_size", "member_check", "prevent_secrets", "reject_unsigned_commits"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"author_email_regex", "branch_name_regex", "commit_committer_check", "commit_message_negative_regex", "commit_message_regex", "deny_delete_tag", "file_name_regex", "max_file_size", "member_check", "prevent_secrets", "reject_unsigned_commits"}},
	DocsURL:     "https://docs.gitlab.com/api/project_push_rules/",
}

// ProjectPushRules is a project's push rule (a singleton: it has no ID).
type ProjectPushRules struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
}

func newProjectPushRules(o *base.Object) *ProjectPushRules {
	return &ProjectPushRules{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o)}
}

// ProjectPushRulesManager manages a project's push rule (project.PushRules()).
type ProjectPushRulesManager struct {
	*base.Manager[*ProjectPushRules]
	mixins.GetterWithoutID[*ProjectPushRules]
	mixins.Creator[*ProjectPushRules]
	mixins.UpdaterWithoutID[*ProjectPushRules]
	mixins.DeleterWithoutID[*ProjectPushRules]
}

// NewProjectPushRulesManager binds ProjectPushRulesSpec to a core.
func NewProjectPushRulesManager(c *base.Core) *ProjectPushRulesManager {
	m := base.NewManager(c, newProjectPushRules)
	return &ProjectPushRulesManager{m, mixins.NewGetterWithoutID(m), mixins.NewCreator(m),
		mixins.NewUpdaterWithoutID(m), mixins.NewDeleterWithoutID(m)}
}
