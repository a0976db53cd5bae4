package managers

import "github.com/golab/gitlab/base"

// projectClusterAgentSpec declares /projects/{project_id}/cluster_agents.
// python-gitlab: ProjectClusterAgentManager (Project.cluster_agents).
var projectClusterAgentSpec = &base.Spec{
	Name:     "project_cluster_agent",
	Accessor: "ClusterAgents",
	Path:     "/projects/{project_id}/cluster_agents",
	Parent:   "project",
	ReprAttr: "name",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/cluster_agents/",
}

// projectClusterAgentTokenSpec declares
// /projects/{project_id}/cluster_agents/{agent_id}/tokens: an agent's
// tokens (the secret is in the answer of create only; delete revokes).
// GitLab API: https://docs.gitlab.com/api/cluster_agent_tokens/
var projectClusterAgentTokenSpec = &base.Spec{
	Name:     "project_cluster_agent_token",
	Accessor: "Tokens",
	Path:     "/projects/{project_id}/cluster_agents/{agent_id}/tokens",
	Parent:   "project_cluster_agent",
	ReprAttr: "name",
	Ops:      base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
		Optional: []string{"description"},
	},
	DocsURL: "https://docs.gitlab.com/api/cluster_agent_tokens/",
}
