// Package managers declares GitLab's resources: one Spec (data) per manager,
// and the typed manager and object built on it from mixins. Files follow
// python-gitlab's v4/objects modules: the declaration of any manager is the
// <Name>Spec variable in the file named after its resource.
package managers

import "github.com/golab/gitlab/base"

// SubscribeActions are the actions of subscribable objects (issues, merge
// requests): POST .../subscribe and .../unsubscribe, whose answer replaces
// the object (mixins.Subscriber), and POST .../todo (mixins.TodoMaker).
// GitLab API: https://docs.gitlab.com/api/issues/#subscribe-to-an-issue
var SubscribeActions = []base.Action{
	{Name: "subscribe", Result: base.ResultReplace},
	{Name: "unsubscribe", Result: base.ResultReplace},
	{Name: "todo", Result: base.ResultNone},
}

// Specs returns every built-in declaration, each parent before its children.
func Specs() []*base.Spec {
	return []*base.Spec{
		ProjectSpec, GroupSpec, UserSpec, CurrentUserSpec, UserActivitiesSpec, FeatureSpec,
		GroupProjectSpec, UserKeySpec,
		ProjectIssueSpec, ProjectIssueNoteSpec, ProjectMergeRequestSpec, ProjectBranchSpec,
		ProjectFileSpec, ProjectPushRulesSpec, ProjectVariableSpec,
	}
}

// Typed returns, by spec name, the constructor of each typed manager. The
// registry tests use it to check that every typed manager has exactly the
// operations its spec declares.
func Typed() map[string]func(*base.Core) any {
	return map[string]func(*base.Core) any{
		"projects":               func(c *base.Core) any { return NewProjectManager(c) },
		"groups":                 func(c *base.Core) any { return NewGroupManager(c) },
		"group_projects":         func(c *base.Core) any { return NewGroupProjectManager(c) },
		"users":                  func(c *base.Core) any { return NewUserManager(c) },
		"user_keys":              func(c *base.Core) any { return NewUserKeyManager(c) },
		"current_user":           func(c *base.Core) any { return NewCurrentUserManager(c) },
		"user_activities":        func(c *base.Core) any { return NewUserActivitiesManager(c) },
		"features":               func(c *base.Core) any { return NewFeatureManager(c) },
		"project_issues":         func(c *base.Core) any { return NewProjectIssueManager(c) },
		"project_issue_notes":    func(c *base.Core) any { return NewProjectIssueNoteManager(c) },
		"project_merge_requests": func(c *base.Core) any { return NewProjectMergeRequestManager(c) },
		"project_branches":       func(c *base.Core) any { return NewProjectBranchManager(c) },
		"project_files":          func(c *base.Core) any { return NewProjectFileManager(c) },
		"project_push_rules":     func(c *base.Core) any { return NewProjectPushRulesManager(c) },
		"project_variables":      func(c *base.Core) any { return NewProjectVariableManager(c) },
	}
}
