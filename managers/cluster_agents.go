package managers

import "github.com/golab/gitlab/base"

// projectClusterAgentSpec declares /projects/{project_id}/cluster_agents.
// python-gitlab: ProjectClusterAgentManager (Project.cluster_agents).
var projectClusterAgentSpec = &base.Spec{
	Name:       "project_cluster_agent",
	Accessor:   "ClusterAgents",
	Path:       "/projects/{project_id}/cluster_agents",
	Parent:     "project",
	FromParent: map[string]string{"project_id": "id"},
	ReprAttr:   "name",
	Ops:        base.OpsNoUpdate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name"},
	},
	DocsURL: "https://docs.gitlab.com/api/cluster_agents/",
}
