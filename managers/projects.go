package managers

import "github.com/golab/gitlab/base"

// groupProjectSpec declares /groups/{group_id}/projects.
// python-gitlab: GroupProjectManager (Group.projects).
var groupProjectSpec = &base.Spec{
	Name:     "group_project",
	Accessor: "Projects",
	Path:     "/groups/{group_id}/projects",
	Parent:   "group",
	ReprAttr: "path_with_namespace",
	Ops:      base.OpList,
	ListFilters: []string{
		"archived", "visibility", "order_by", "sort", "search", "simple", "owned",
		"starred", "with_custom_attributes", "include_subgroups",
		"with_issues_enabled", "with_merge_requests_enabled", "with_shared",
		"min_access_level", "with_security_reports",
	},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}

// projectForkSpec declares /projects/{project_id}/forks.
// python-gitlab: ProjectForkManager (Project.forks).
var projectForkSpec = &base.Spec{
	Name:       "project_fork",
	Accessor:   "Forks",
	Path:       "/projects/{project_id}/forks",
	Parent:     "project",
	ReprAttr:   "path_with_namespace",
	Ops:        base.OpList | base.OpCreate,
	CreatePath: "/projects/{project_id}/fork",
	CreateAttrs: base.RequiredOptional{
		Optional: []string{"namespace"},
	},
	ListFilters: []string{
		"archived", "visibility", "order_by", "sort", "search", "simple", "owned",
		"membership", "starred", "statistics", "with_custom_attributes",
		"with_issues_enabled", "with_merge_requests_enabled",
	},
	DocsURL: "https://docs.gitlab.com/api/project_forks/",
}

// projectGroupSpec declares /projects/{project_id}/groups.
// python-gitlab: ProjectGroupManager (Project.groups).
var projectGroupSpec = &base.Spec{
	Name:     "project_group",
	Accessor: "Groups",
	Path:     "/projects/{project_id}/groups",
	Parent:   "project",
	ReprAttr: "name",
	Ops:      base.OpList,
	ListFilters: []string{
		"search", "skip_groups", "with_shared", "shared_min_access_level",
		"shared_visible_only",
	},
	Types:   base.AttrTypes{Array: []string{"skip_groups"}},
	DocsURL: "https://docs.gitlab.com/api/projects/",
}

// projectSpec declares /projects.
// python-gitlab: ProjectManager (gl.projects).
var projectSpec = &base.Spec{
	Name:     "project",
	Accessor: "Projects",
	Path:     "/projects",
	ReprAttr: "path_with_namespace",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Optional: []string{
			"name", "path", "allow_merge_on_skipped_pipeline",
			"only_allow_merge_if_all_status_checks_passed", "analytics_access_level",
			"approvals_before_merge", "auto_cancel_pending_pipelines",
			"auto_devops_deploy_strategy", "auto_devops_enabled",
			"autoclose_referenced_issues", "avatar", "build_coverage_regex",
			"build_git_strategy", "build_timeout", "builds_access_level",
			"ci_config_path", "container_expiration_policy_attributes",
			"container_registry_access_level", "container_registry_enabled",
			"default_branch", "description", "emails_disabled",
			"external_authorization_classification_label", "forking_access_level",
			"group_with_project_templates_id", "import_url", "initialize_with_readme",
			"issues_access_level", "issues_enabled", "jobs_enabled", "lfs_enabled",
			"merge_method", "merge_pipelines_enabled", "merge_requests_access_level",
			"merge_requests_enabled", "mirror_trigger_builds", "mirror", "namespace_id",
			"operations_access_level",
			"only_allow_merge_if_all_discussions_are_resolved",
			"only_allow_merge_if_pipeline_succeeds", "packages_enabled",
			"pages_access_level", "requirements_access_level",
			"printing_merge_request_link_enabled", "public_builds",
			"releases_access_level", "environments_access_level",
			"feature_flags_access_level", "infrastructure_access_level",
			"monitor_access_level", "remove_source_branch_after_merge",
			"repository_access_level", "repository_storage", "request_access_enabled",
			"resolve_outdated_diff_discussions", "security_and_compliance_access_level",
			"shared_runners_enabled", "show_default_award_emojis",
			"snippets_access_level", "snippets_enabled", "squash_option", "tag_list",
			"topics", "template_name", "template_project_id", "use_custom_template",
			"visibility", "wiki_access_level", "wiki_enabled",
		},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"allow_merge_on_skipped_pipeline",
			"only_allow_merge_if_all_status_checks_passed", "analytics_access_level",
			"approvals_before_merge", "auto_cancel_pending_pipelines",
			"auto_devops_deploy_strategy", "auto_devops_enabled",
			"autoclose_referenced_issues", "avatar", "build_coverage_regex",
			"build_git_strategy", "build_timeout", "builds_access_level",
			"ci_config_path", "ci_default_git_depth", "ci_forward_deployment_enabled",
			"ci_allow_fork_pipelines_to_run_in_parent_project", "ci_separated_caches",
			"container_expiration_policy_attributes", "container_registry_access_level",
			"container_registry_enabled", "default_branch", "description",
			"emails_disabled", "enforce_auth_checks_on_uploads",
			"external_authorization_classification_label", "forking_access_level",
			"import_url", "issues_access_level", "issues_enabled", "issues_template",
			"jobs_enabled", "keep_latest_artifact", "lfs_enabled",
			"merge_commit_template", "merge_method", "merge_pipelines_enabled",
			"merge_requests_access_level", "merge_requests_enabled",
			"merge_requests_template", "merge_trains_enabled",
			"mirror_overwrites_diverged_branches", "mirror_trigger_builds",
			"mirror_user_id", "mirror", "mr_default_target_self", "name",
			"operations_access_level",
			"only_allow_merge_if_all_discussions_are_resolved",
			"only_allow_merge_if_pipeline_succeeds", "only_mirror_protected_branches",
			"packages_enabled", "pages_access_level", "requirements_access_level",
			"restrict_user_defined_variables", "path", "public_builds",
			"releases_access_level", "environments_access_level",
			"feature_flags_access_level", "infrastructure_access_level",
			"monitor_access_level", "remove_source_branch_after_merge",
			"repository_access_level", "repository_storage", "request_access_enabled",
			"resolve_outdated_diff_discussions", "security_and_compliance_access_level",
			"service_desk_enabled", "shared_runners_enabled",
			"show_default_award_emojis", "snippets_access_level", "snippets_enabled",
			"issue_branch_template", "squash_commit_template", "squash_option",
			"suggestion_commit_message", "tag_list", "topics", "visibility",
			"wiki_access_level", "wiki_enabled",
		},
	},
	ListFilters: []string{
		"archived", "id_after", "id_before", "last_activity_after",
		"last_activity_before", "membership", "min_access_level", "order_by",
		"owned", "repository_checksum_failed", "repository_storage",
		"search_namespaces", "search", "simple", "sort", "starred", "statistics",
		"topic", "visibility", "wiki_checksum_failed", "with_custom_attributes",
		"with_issues_enabled", "with_merge_requests_enabled",
		"with_programming_language",
	},
	Types:   base.AttrTypes{Array: []string{"topics"}, CommaSeparatedList: []string{"topic"}, Image: []string{"avatar"}},
	DocsURL: "https://docs.gitlab.com/api/projects/",
	Actions: []base.Action{
		{Name: "import_bitbucket_server", Path: "/import/bitbucket_server", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"bitbucket_server_url", "bitbucket_server_username", "personal_access_token", "bitbucket_server_project", "bitbucket_server_repo"}, Optional: []string{"new_name", "target_namespace"}}},
		{Name: "import_github", Path: "/import/github", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"personal_access_token", "repo_id", "target_namespace"}, Optional: []string{"new_name", "github_hostname", "optional_stages"}}},
		{Name: "import_project", Path: "import", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"file", "path"}, Optional: []string{"name", "namespace", "overwrite", "override_params"}}, Types: base.AttrTypes{File: []string{"file"}}},
		{Name: "remote_import", Path: "remote-import", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"url", "path"}, Optional: []string{"name", "namespace", "overwrite", "override_params"}}},
		{Name: "remote_import_s3", Path: "remote-import-s3", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"path", "region", "bucket_name", "file_key", "access_key_id", "secret_access_key"}, Optional: []string{"name", "namespace", "overwrite", "override_params"}}},
		{Name: "archive", Result: base.ResultReplace},
		{Name: "create_fork_relation", Path: "fork/{forked_from_id}", Attrs: base.RequiredOptional{Required: []string{"forked_from_id"}}, Result: base.ResultReplace},
		{Name: "delete_fork_relation", Method: "DELETE", Path: "fork", Result: base.ResultNone},
		{Name: "delete_merged_branches", Method: "DELETE", Path: "repository/merged_branches", Result: base.ResultNone},
		{Name: "housekeeping"},
		{Name: "languages", Method: "GET"},
		{Name: "mirror_pull", Path: "mirror/pull", Result: base.ResultNone},
		{Name: "mirror_pull_details", Method: "GET", Path: "mirror/pull"},
		{Name: "repository_archive", Method: "GET", Path: "repository/archive", Attrs: base.RequiredOptional{Optional: []string{"sha", "format", "path"}}, Result: base.ResultDownload},
		{Name: "repository_blob", Method: "GET", Path: "repository/blobs/{sha}", Attrs: base.RequiredOptional{Required: []string{"sha"}}},
		{Name: "repository_compare", Method: "GET", Path: "repository/compare", Attrs: base.RequiredOptional{Required: []string{"from", "to"}}},
		{Name: "repository_contributors", Method: "GET", Path: "repository/contributors"},
		{Name: "repository_merge_base", Method: "GET", Path: "repository/merge_base", Attrs: base.RequiredOptional{Required: []string{"refs"}}},
		{Name: "repository_raw_blob", Method: "GET", Path: "repository/blobs/{sha}/raw", Attrs: base.RequiredOptional{Required: []string{"sha"}}, Result: base.ResultDownload},
		{Name: "repository_tree", Method: "GET", Path: "repository/tree", Attrs: base.RequiredOptional{Optional: []string{"path", "ref", "recursive"}}},
		{Name: "restore", Result: base.ResultReplace},
		{Name: "search", Method: "GET", Attrs: base.RequiredOptional{Required: []string{"scope", "search"}}},
		{Name: "share", Attrs: base.RequiredOptional{Required: []string{"group_id", "group_access"}, Optional: []string{"expires_at"}}},
		{Name: "snapshot", Method: "GET", Attrs: base.RequiredOptional{Optional: []string{"wiki"}}, Result: base.ResultDownload},
		{Name: "star", Result: base.ResultReplace},
		{Name: "transfer", Method: "PUT", Attrs: base.RequiredOptional{Required: []string{"to_namespace"}}, Result: base.ResultReplace},
		{Name: "trigger_pipeline", Path: "trigger/pipeline", Attrs: base.RequiredOptional{Required: []string{"ref", "token"}, Optional: []string{"variables", "inputs"}}, Result: base.ResultNew, Of: "project_pipeline"},
		{Name: "unarchive", Result: base.ResultReplace},
		{Name: "unshare", Method: "DELETE", Path: "share/{group_id}", Attrs: base.RequiredOptional{Required: []string{"group_id"}}, Result: base.ResultNone},
		{Name: "unstar", Result: base.ResultReplace},
		{Name: "update_submodule", Method: "PUT", Path: "repository/submodules/{submodule}", Attrs: base.RequiredOptional{Required: []string{"submodule", "branch", "commit_sha"}}},
		{Name: "upload", Path: "uploads", Attrs: base.RequiredOptional{Required: []string{"file"}}, Types: base.AttrTypes{File: []string{"file"}}},
		// Beyond python-gitlab.
		// https://docs.gitlab.com/api/import/#import-repository-from-bitbucket-cloud
		{Name: "import_bitbucket", Path: "/import/bitbucket", OnManager: true, Attrs: base.RequiredOptional{
			Required: []string{"bitbucket_username", "bitbucket_app_password", "repo_path", "target_namespace"},
			Optional: []string{"new_name"}}},
		// https://docs.gitlab.com/api/import/#cancel-github-project-import
		{Name: "cancel_github_import", Path: "/import/github/cancel", OnManager: true, Attrs: base.RequiredOptional{
			Required: []string{"project_id"}, Optional: []string{"github_hostname"}}},
		// https://docs.gitlab.com/api/import/#import-github-gists-into-gitlab-snippets: 202, no body.
		{Name: "import_github_gists", Path: "/import/github/gists", OnManager: true, Result: base.ResultNone, Attrs: base.RequiredOptional{
			Required: []string{"personal_access_token"}}},
		// https://docs.gitlab.com/api/projects/#download-a-project-avatar
		{Name: "avatar", Method: "GET", Result: base.ResultDownload},
		// https://docs.gitlab.com/api/projects/#list-a-projects-invited-groups
		{Name: "invited_groups", Method: "GET", Result: base.ResultList, Of: "group", Attrs: base.RequiredOptional{
			Optional: []string{"search", "min_access_level", "relation", "with_custom_attributes"}}},
		// https://docs.gitlab.com/api/project_starring/#list-users-who-starred-a-project: {starred_since, user}.
		{Name: "starrers", Method: "GET", Attrs: base.RequiredOptional{Optional: []string{"search"}}},
		// https://docs.gitlab.com/api/repositories/#generate-changelog-data
		{Name: "changelog", Method: "GET", Path: "repository/changelog", Attrs: base.RequiredOptional{
			Required: []string{"version"}, Optional: []string{"config_file", "date", "from", "to", "trailer"}}},
		// https://docs.gitlab.com/api/repositories/#add-changelog-data-to-a-changelog-file
		{Name: "add_changelog", Path: "repository/changelog", Result: base.ResultNone, Attrs: base.RequiredOptional{
			Required: []string{"version"},
			Optional: []string{"branch", "config_file", "date", "file", "from", "message", "to", "trailer"}}},
		// https://docs.gitlab.com/api/project_templates/: type is dockerfiles,
		// gitignores, gitlab_ci_ymls, licenses, issues or merge_requests.
		{Name: "templates", Method: "GET", Path: "templates/{type}", Attrs: base.RequiredOptional{Required: []string{"type"}}},
		{Name: "template", Method: "GET", Path: "templates/{type}/{name}", Attrs: base.RequiredOptional{
			Required: []string{"type", "name"}, Optional: []string{"source_template_project_id", "project", "fullname"}}},
	},
	ActionGroups: [][]base.Action{doraMetricsActions},
}

// projectPullMirrorSpec declares /projects/{project_id}/mirror/pull.
// python-gitlab: ProjectPullMirrorManager (Project.pull_mirror).
var projectPullMirrorSpec = &base.Spec{
	Name:         "project_pull_mirror",
	Accessor:     "PullMirror",
	Path:         "/projects/{project_id}/mirror/pull",
	Parent:       "project",
	IDAttr:       base.IDAttrNone,
	Ops:          base.OpGetWithoutID | base.OpCreate | base.OpUpdate,
	CreateMethod: "PUT",
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"url"},
	},
	DocsURL: "https://docs.gitlab.com/api/project_pull_mirroring/",
	Actions: []base.Action{
		{Name: "start", Path: "/projects/{project_id}/mirror/pull", OnManager: true, Result: base.ResultNone},
	},
}

// projectRemoteMirrorSpec declares /projects/{project_id}/remote_mirrors.
// python-gitlab: ProjectRemoteMirrorManager (Project.remote_mirrors).
var projectRemoteMirrorSpec = &base.Spec{
	Name:     "project_remote_mirror",
	Accessor: "RemoteMirrors",
	Path:     "/projects/{project_id}/remote_mirrors",
	Parent:   "project",
	// get beyond python-gitlab: https://docs.gitlab.com/api/remote_mirrors/#get-a-single-projects-remote-mirror
	Ops: base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"url"},
		Optional: []string{"enabled", "only_protected_branches"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"enabled", "only_protected_branches"},
	},
	DocsURL: "https://docs.gitlab.com/api/remote_mirrors/",
	Actions: []base.Action{
		{Name: "sync", Result: base.ResultNone},
		// https://docs.gitlab.com/api/remote_mirrors/#get-a-single-projects-remote-mirror-public-key
		{Name: "public_key", Method: "GET"},
	},
}

// projectStorageSpec declares /projects/{project_id}/storage.
// python-gitlab: ProjectStorageManager (Project.storage).
var projectStorageSpec = &base.Spec{
	Name:     "project_storage",
	Accessor: "Storage",
	Path:     "/projects/{project_id}/storage",
	Parent:   "project",
	Ops:      base.OpGetWithoutID,
	DocsURL:  "https://docs.gitlab.com/api/projects/#get-the-path-to-repository-storage",
}

// sharedProjectSpec declares /groups/{group_id}/projects/shared.
// python-gitlab: SharedProjectManager (Group.shared_projects).
var sharedProjectSpec = &base.Spec{
	Name:     "shared_project",
	Accessor: "SharedProjects",
	Path:     "/groups/{group_id}/projects/shared",
	Parent:   "group",
	ReprAttr: "path_with_namespace",
	Ops:      base.OpList,
	ListFilters: []string{
		"archived", "visibility", "order_by", "sort", "search", "simple", "starred",
		"with_issues_enabled", "with_merge_requests_enabled", "min_access_level",
		"with_custom_attributes",
	},
	DocsURL: "https://docs.gitlab.com/api/groups/",
}
