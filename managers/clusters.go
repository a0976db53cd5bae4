package managers

import "github.com/golab/gitlab/base"

// groupClusterSpec declares /groups/{group_id}/clusters.
// python-gitlab: GroupClusterManager (Group.clusters).
var groupClusterSpec = &base.Spec{
	Name:       "group_cluster",
	Accessor:   "Clusters",
	Path:       "/groups/{group_id}/clusters",
	Parent:     "group",
	Ops:        base.OpsCRUD,
	CreatePath: "/groups/{group_id}/clusters/user",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "platform_kubernetes_attributes"},
		Optional: []string{"domain", "enabled", "managed", "environment_scope"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"name", "domain", "management_project_id", "platform_kubernetes_attributes",
			"environment_scope",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/project_clusters/",
}

// projectClusterSpec declares /projects/{project_id}/clusters.
// python-gitlab: ProjectClusterManager (Project.clusters).
var projectClusterSpec = &base.Spec{
	Name:       "project_cluster",
	Accessor:   "Clusters",
	Path:       "/projects/{project_id}/clusters",
	Parent:     "project",
	Ops:        base.OpsCRUD,
	CreatePath: "/projects/{project_id}/clusters/user",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "platform_kubernetes_attributes"},
		Optional: []string{"domain", "enabled", "managed", "environment_scope"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"name", "domain", "management_project_id", "platform_kubernetes_attributes",
			"environment_scope",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/project_clusters/",
}

// instanceClusterSpec declares /admin/clusters: certificate-based
// Kubernetes clusters of the instance (deprecated by GitLab in favour of the
// agent; administrators). Create posts to /admin/clusters/add.
// GitLab API: https://docs.gitlab.com/api/instance_clusters/
var instanceClusterSpec = &base.Spec{
	Name:       "instance_cluster",
	Accessor:   "InstanceClusters",
	Path:       "/admin/clusters",
	ReprAttr:   "name",
	Ops:        base.OpsCRUD,
	CreatePath: "/admin/clusters/add",
	CreateAttrs: base.RequiredOptional{
		Required: []string{"name", "platform_kubernetes_attributes"},
		Optional: []string{"domain", "enabled", "managed", "environment_scope", "management_project_id"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"name", "domain", "management_project_id", "platform_kubernetes_attributes", "environment_scope"},
	},
	DocsURL: "https://docs.gitlab.com/api/instance_clusters/",
}
