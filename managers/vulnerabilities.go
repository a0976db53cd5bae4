package managers

import "github.com/golab/gitlab/base"

// projectVulnerabilitySpec declares /projects/{project_id}/vulnerabilities:
// a project's vulnerabilities, one made from a finding (GitLab deprecates
// this API in favour of GraphQL).
// GitLab API: https://docs.gitlab.com/api/project_vulnerabilities/
var projectVulnerabilitySpec = &base.Spec{
	Name:        "project_vulnerability",
	Accessor:    "Vulnerabilities",
	Path:        "/projects/{project_id}/vulnerabilities",
	Parent:      "project",
	ReprAttr:    "title",
	Ops:         base.OpList | base.OpCreate,
	CreateAttrs: base.RequiredOptional{Required: []string{"finding_id"}},
	DocsURL:     "https://docs.gitlab.com/api/project_vulnerabilities/",
}
