package managers

import (
	"slices"

	"github.com/golab/gitlab/base"
)

// projectIntegrationSpec declares /projects/{project_id}/integrations.
// python-gitlab: ProjectIntegrationManager (Project.integrations).
var projectIntegrationSpec = &base.Spec{
	Name:       "project_integration",
	Accessor:   "Integrations",
	Path:       "/projects/{project_id}/integrations",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	IDAttr:     "slug",
	Ops:        base.OpsRetrieve | base.OpUpdate | base.OpDelete,
	DocsURL:    "https://docs.gitlab.com/api/integrations/",
}

// projectServiceSpec declares /projects/{project_id}/integrations.
// python-gitlab: ProjectServiceManager (Project.services).
var projectServiceSpec = &base.Spec{
	Name:       "project_service",
	Accessor:   "Services",
	Path:       "/projects/{project_id}/integrations",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	IDAttr:     "slug",
	Ops:        base.OpsRetrieve | base.OpUpdate | base.OpDelete,
	DocsURL:    "https://docs.gitlab.com/api/project_integrations/",
}

// integrationSlugs are the integrations GitLab documents, by the slug of
// their path (/projects/:id/integrations/:slug).
// GitLab API: https://docs.gitlab.com/api/project_integrations/
var integrationSlugs = []string{
	"apple-app-store", "asana", "assembla", "bamboo", "bugzilla", "buildkite", "campfire", "clickup",
	"confluence", "custom-issue-tracker", "datadog", "diffblue-cover", "discord", "drone-ci",
	"emails-on-push", "ewm", "external-wiki", "gitguardian", "github", "gitlab-slack-application",
	"google-cloud-platform-artifact-registry", "google-cloud-platform-workload-identity-federation",
	"google-play", "hangouts-chat", "harbor", "irker", "jenkins", "jira", "mattermost",
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
