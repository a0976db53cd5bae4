package managers

import "github.com/golab/gitlab/base"

// applicationSettingsSpec declares /application/settings.
// python-gitlab: ApplicationSettingsManager (gl.settings).
var applicationSettingsSpec = &base.Spec{
	Name:     "application_settings",
	Accessor: "Settings",
	Path:     "/application/settings",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"id", "default_projects_limit", "signup_enabled", "silent_mode_enabled",
			"password_authentication_enabled_for_web", "gravatar_enabled",
			"sign_in_text", "created_at", "updated_at", "home_page_url",
			"default_branch_protection", "restricted_visibility_levels",
			"max_attachment_size", "session_expire_delay", "default_project_visibility",
			"default_snippet_visibility", "default_group_visibility",
			"outbound_local_requests_whitelist", "disabled_oauth_sign_in_sources",
			"domain_whitelist", "domain_blacklist_enabled", "domain_blacklist",
			"domain_allowlist", "domain_denylist_enabled", "domain_denylist",
			"external_authorization_service_enabled",
			"external_authorization_service_url",
			"external_authorization_service_default_label",
			"external_authorization_service_timeout", "import_sources",
			"user_oauth_applications", "after_sign_out_path",
			"container_registry_token_expire_delay", "repository_storages",
			"plantuml_enabled", "plantuml_url", "terminal_max_session_time",
			"polling_interval_multiplier", "rsa_key_restriction", "dsa_key_restriction",
			"ecdsa_key_restriction", "ed25519_key_restriction", "first_day_of_week",
			"enforce_terms", "terms", "performance_bar_allowed_group_id",
			"instance_statistics_visibility_private", "user_show_add_ssh_key_message",
			"file_template_project_id", "local_markdown_version", "asset_proxy_enabled",
			"asset_proxy_url", "asset_proxy_whitelist", "asset_proxy_allowlist",
			"geo_node_allowed_ips", "allow_local_requests_from_hooks_and_services",
			"allow_local_requests_from_web_hooks_and_services",
			"allow_local_requests_from_system_hooks",
		},
	},
	Types:   base.AttrTypes{Array: []string{"asset_proxy_allowlist", "disabled_oauth_sign_in_sources", "domain_allowlist", "domain_denylist", "import_sources", "restricted_visibility_levels"}},
	DocsURL: "https://docs.gitlab.com/api/settings/",
}
