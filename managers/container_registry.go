package managers

import "github.com/golab/gitlab/base"

// groupRegistryRepositorySpec declares /groups/{group_id}/registry/repositories.
// python-gitlab: GroupRegistryRepositoryManager (Group.registry_repositories).
var groupRegistryRepositorySpec = &base.Spec{
	Name:     "group_registry_repository",
	Accessor: "RegistryRepositories",
	Path:     "/groups/{group_id}/registry/repositories",
	Parent:   "group",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/container_registry/",
}

// projectRegistryRepositorySpec declares /projects/{project_id}/registry/repositories.
// python-gitlab: ProjectRegistryRepositoryManager (Project.repositories).
var projectRegistryRepositorySpec = &base.Spec{
	Name:     "project_registry_repository",
	Accessor: "Repositories",
	Path:     "/projects/{project_id}/registry/repositories",
	Parent:   "project",
	Ops:      base.OpList | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/container_registry/",
}

// projectRegistryTagSpec declares /projects/{project_id}/registry/repositories/{repository_id}/tags.
// python-gitlab: ProjectRegistryTagManager (ProjectRegistryRepository.tags).
var projectRegistryTagSpec = &base.Spec{
	Name:     "project_registry_tag",
	Accessor: "Tags",
	Path:     "/projects/{project_id}/registry/repositories/{repository_id}/tags",
	Parent:   "project_registry_repository",
	IDAttr:   "name",
	Ops:      base.OpsRetrieve | base.OpDelete,
	DocsURL:  "https://docs.gitlab.com/api/container_registry/",
	Actions: []base.Action{
		{Name: "delete_in_bulk", Method: "DELETE", Path: "/projects/{project_id}/registry/repositories/{repository_id}/tags", OnManager: true, Attrs: base.RequiredOptional{Required: []string{"name_regex_delete"}, Optional: []string{"name_regex_keep", "keep_n", "older_than"}}, Result: base.ResultNone},
	},
}

// registryRepositorySpec declares /registry/repositories.
// python-gitlab: RegistryRepositoryManager (gl.registry_repositories).
var registryRepositorySpec = &base.Spec{
	Name:     "registry_repository",
	Accessor: "RegistryRepositories",
	Path:     "/registry/repositories",
	ReprAttr: "path",
	Ops:      base.OpGet,
	DocsURL:  "https://docs.gitlab.com/api/container_registry/",
}
