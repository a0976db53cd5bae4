package managers

import "github.com/golab/gitlab/base"

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
