package managers

import (
	"context"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// ProjectSpec declares /projects.
// GitLab API: https://docs.gitlab.com/api/projects/
var ProjectSpec = &base.Spec{
	Name:        "projects",
	Path:        "/projects",
	ReprAttr:    "path_with_namespace",
	Ops:         base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{Optional: []string{"name", "path", "allow_merge_on_skipped_pipeline", "only_allow_merge_if_all_status_checks_passed", "analytics_access_level", "approvals_before_merge", "auto_cancel_pending_pipelines", "auto_devops_deploy_strategy", "auto_devops_enabled", "autoclose_referenced_issues", "avatar", "build_coverage_regex", "build_git_strategy", "build_timeout", "builds_access_level", "ci_config_path", "container_expiration_policy_attributes", "container_registry_access_level", "container_registry_enabled", "default_branch", "description", "emails_disabled", "external_authorization_classification_label", "forking_access_level", "group_with_project_templates_id", "import_url", "initialize_with_readme", "issues_access_level", "issues_enabled", "jobs_enabled", "lfs_enabled", "merge_method", "merge_pipelines_enabled", "merge_requests_access_level", "merge_requests_enabled", "mirror_trigger_builds", "mirror", "namespace_id", "operations_access_level", "only_allow_merge_if_all_discussions_are_resolved", "only_allow_merge_if_pipeline_succeeds", "packages_enabled", "pages_access_level", "requirements_access_level", "printing_merge_request_link_enabled", "public_builds", "releases_access_level", "environments_access_level", "feature_flags_access_level", "infrastructure_access_level", "monitor_access_level", "remove_source_branch_after_merge", "repository_access_level", "repository_storage", "request_access_enabled", "resolve_outdated_diff_discussions", "security_and_compliance_access_level", "shared_runners_enabled", "show_default_award_emojis", "snippets_access_level", "snippets_enabled", "squash_option", "tag_list", "topics", "template_name", "template_project_id", "use_custom_template", "visibility", "wiki_access_level", "wiki_enabled"}},
	UpdateAttrs: base.RequiredOptional{Optional: []string{"allow_merge_on_skipped_pipeline", "only_allow_merge_if_all_status_checks_passed", "analytics_access_level", "approvals_before_merge", "auto_cancel_pending_pipelines", "auto_devops_deploy_strategy", "auto_devops_enabled", "autoclose_referenced_issues", "avatar", "build_coverage_regex", "build_git_strategy", "build_timeout", "builds_access_level", "ci_config_path", "ci_default_git_depth", "ci_forward_deployment_enabled", "ci_allow_fork_pipelines_to_run_in_parent_project", "ci_separated_caches", "container_expiration_policy_attributes", "container_registry_access_level", "container_registry_enabled", "default_branch", "description", "emails_disabled", "enforce_auth_checks_on_uploads", "external_authorization_classification_label", "forking_access_level", "import_url", "issues_access_level", "issues_enabled", "issues_template", "jobs_enabled", "keep_latest_artifact", "lfs_enabled", "merge_commit_template", "merge_method", "merge_pipelines_enabled", "merge_requests_access_level", "merge_requests_enabled", "merge_requests_template", "merge_trains_enabled", "mirror_overwrites_diverged_branches", "mirror_trigger_builds", "mirror_user_id", "mirror", "mr_default_target_self", "name", "operations_access_level", "only_allow_merge_if_all_discussions_are_resolved", "only_allow_merge_if_pipeline_succeeds", "only_mirror_protected_branches", "packages_enabled", "pages_access_level", "requirements_access_level", "restrict_user_defined_variables", "path", "public_builds", "releases_access_level", "environments_access_level", "feature_flags_access_level", "infrastructure_access_level", "monitor_access_level", "remove_source_branch_after_merge", "repository_access_level", "repository_storage", "request_access_enabled", "resolve_outdated_diff_discussions", "security_and_compliance_access_level", "service_desk_enabled", "shared_runners_enabled", "show_default_award_emojis", "snippets_access_level", "snippets_enabled", "issue_branch_template", "squash_commit_template", "squash_option", "suggestion_commit_message", "tag_list", "topics", "visibility", "wiki_access_level", "wiki_enabled"}},
	ListFilters: []string{"archived", "id_after", "id_before", "last_activity_after", "last_activity_before", "membership", "min_access_level", "order_by", "owned", "repository_checksum_failed", "repository_storage", "search_namespaces", "search", "simple", "sort", "starred", "statistics", "topic", "visibility", "wiki_checksum_failed", "with_custom_attributes", "with_issues_enabled", "with_merge_requests_enabled", "with_programming_language"},
	Types:       map[string]base.AttrType{"avatar": base.TypeImage, "topic": base.TypeCommaSeparatedList, "topics": base.TypeArray},
	Actions: []base.Action{
		{Name: "star", Result: base.ResultReplace},
		{Name: "unstar", Result: base.ResultReplace},
		{Name: "fork", Result: base.ResultNew, Attrs: base.RequiredOptional{Optional: []string{
			"namespace_id", "namespace_path", "path", "name", "description", "visibility", "branches", "mr_default_target_self"}}},
	},
	DocsURL: "https://docs.gitlab.com/api/projects/",
}

// Project is a GitLab project.
type Project struct {
	*base.Object
	mixins.Saver
	mixins.ObjectDeleter
	mixins.Refresher
}

func newProject(o *base.Object) *Project {
	return &Project{o, mixins.NewSaver(o), mixins.NewObjectDeleter(o), mixins.NewRefresher(o)}
}

// ProjectManager manages projects (gl.Projects).
type ProjectManager struct {
	*base.Manager[*Project]
	mixins.CRUD[*Project]
}

// NewProjectManager binds ProjectSpec to a core.
func NewProjectManager(c *base.Core) *ProjectManager {
	m := base.NewManager(c, newProject)
	return &ProjectManager{m, mixins.NewCRUD(m)}
}

// Issues manages the project's issues.
func (p *Project) Issues() *ProjectIssueManager {
	return NewProjectIssueManager(p.ChildCore(ProjectIssueSpec))
}

// MergeRequests manages the project's merge requests.
func (p *Project) MergeRequests() *ProjectMergeRequestManager {
	return NewProjectMergeRequestManager(p.ChildCore(ProjectMergeRequestSpec))
}

// Branches manages the project's repository branches.
func (p *Project) Branches() *ProjectBranchManager {
	return NewProjectBranchManager(p.ChildCore(ProjectBranchSpec))
}

// Files manages the project's repository files.
func (p *Project) Files() *ProjectFileManager {
	return NewProjectFileManager(p.ChildCore(ProjectFileSpec))
}

// PushRules manages the project's push rule.
func (p *Project) PushRules() *ProjectPushRulesManager {
	return NewProjectPushRulesManager(p.ChildCore(ProjectPushRulesSpec))
}

// Variables manages the project's CI/CD variables.
func (p *Project) Variables() *ProjectVariableManager {
	return NewProjectVariableManager(p.ChildCore(ProjectVariableSpec))
}

// Star stars the project; the project takes the server's answer.
// GitLab answers 304 (errors.Is(err, gitlab.ErrNotModified)) when it is
// already starred. GitLab API: https://docs.gitlab.com/api/project_starring/
func (p *Project) Star(ctx context.Context, opts ...base.RequestOption) error {
	return mixins.Act(ctx, p.Object, "star", nil, opts)
}

// Unstar unstars the project (304 when it was not starred).
// GitLab API: https://docs.gitlab.com/api/project_starring/
func (p *Project) Unstar(ctx context.Context, opts ...base.RequestOption) error {
	return mixins.Act(ctx, p.Object, "unstar", nil, opts)
}

// Fork forks the project and returns the fork. attrs may set namespace_id,
// namespace_path, path, name, visibility and the other fork options.
// GitLab API: https://docs.gitlab.com/api/project_forks/
func (p *Project) Fork(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) (*Project, error) {
	return mixins.ActNew(ctx, p.Object, "fork", attrs, opts, newProject)
}
