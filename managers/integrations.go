package managers

import (
	"slices"

	"github.com/golab/gitlab/base"
)

// projectIntegrationSpec declares /projects/{project_id}/integrations.
// python-gitlab: ProjectIntegrationManager (Project.integrations).
var projectIntegrationSpec = &base.Spec{
	Name:     "project_integration",
	Accessor: "Integrations",
	Path:     "/projects/{project_id}/integrations",
	Parent:   "project",
	IDAttr:   "slug",
	IDWords:  integrationSlugs,
	Ops:      base.OpsRetrieve | base.OpUpdate | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/integrations/",
	Actions:  deprecatedServiceActions,
}

// deprecatedServiceActions reach a project's integrations at their old
// path, /projects/:id/services[/:slug], which GitLab still answers as the
// integrations (deprecated since GitLab 14.0: use List, Get, Update and
// Delete, at /integrations). Services lists, Service reads, UpdateService
// sets up and DeleteService disables an integration by its slug.
// GitLab API: https://docs.gitlab.com/api/project_integrations/
var deprecatedServiceActions = []base.Action{
	{Name: "services", Method: "GET", Path: "/projects/{project_id}/services", OnManager: true, Result: base.ResultList},
	{Name: "service", Method: "GET", Path: "/projects/{project_id}/services/{slug}", OnManager: true, Result: base.ResultNew,
		Attrs: base.RequiredOptional{Required: []string{"slug"}}},
	{Name: "update_service", Method: "PUT", Path: "/projects/{project_id}/services/{slug}", OnManager: true, Result: base.ResultNew,
		Attrs: base.RequiredOptional{Required: []string{"slug"}}},
	{Name: "delete_service", Method: "DELETE", Path: "/projects/{project_id}/services/{slug}", OnManager: true, Result: base.ResultNone,
		Attrs: base.RequiredOptional{Required: []string{"slug"}}},
}

// groupIntegrationSpec declares /groups/{group_id}/integrations: a group's
// integrations, by slug, inherited by its projects. Update sets one up
// (PUT, with the integration's own attributes), Delete disables it; List
// gives the active ones.
// GitLab API: https://docs.gitlab.com/api/group_integrations/
var groupIntegrationSpec = &base.Spec{
	Name:     "group_integration",
	Accessor: "Integrations",
	Path:     "/groups/{group_id}/integrations",
	Parent:   "group",
	IDAttr:   "slug",
	IDWords:  integrationSlugs,
	ReprAttr: "title",
	Ops:      base.OpsRetrieve | base.OpUpdate | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/group_integrations/",
}

// projectServiceSpec declares /projects/{project_id}/integrations.
// python-gitlab: ProjectServiceManager (Project.services).
var projectServiceSpec = &base.Spec{
	Name:     "project_service",
	Accessor: "Services",
	Path:     "/projects/{project_id}/integrations",
	Parent:   "project",
	IDAttr:   "slug",
	Ops:      base.OpsRetrieve | base.OpUpdate | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/project_integrations/",
}

// integrationSlugs are the integrations GitLab documents, by the slug of
// their path (/projects/:id/integrations/:slug, /groups/:id/integrations/:slug).
// GitLab API: https://docs.gitlab.com/api/project_integrations/ and
// https://docs.gitlab.com/api/group_integrations/
var integrationSlugs = []string{
	"apple-app-store", "asana", "assembla", "bamboo", "bugzilla", "buildkite", "campfire", "clickup",
	"confluence", "custom-issue-tracker", "datadog", "diffblue-cover", "discord", "drone-ci",
	"emails-on-push", "ewm", "external-wiki", "gitguardian", "github", "gitlab-slack-application",
	"google-cloud-platform-artifact-registry", "google-cloud-platform-workload-identity-federation",
	"google-play", "hangouts-chat", "harbor", "irker", "jenkins", "jira", "matrix", "mattermost",
	"mattermost-slash-commands", "microsoft-teams", "mock-ci", "packagist", "phorge", "pipelines-email",
	"pivotaltracker", "pumble", "pushover", "redmine", "slack", "slack-slash-commands", "squash-tm",
	"teamcity", "telegram", "unify-circuit", "webex-teams", "youtrack",
}

// Available lists the slugs of the integrations GitLab documents, which
// Get, Update and Delete take as IDs. It makes no request: python-gitlab's
// integrations.available().
func (m *ProjectIntegrationManager) Available() []string { return slices.Clone(integrationSlugs) }

// Available lists the slugs of the integrations GitLab documents (see
// ProjectIntegrationManager.Available).
func (m *ProjectServiceManager) Available() []string { return slices.Clone(integrationSlugs) }
