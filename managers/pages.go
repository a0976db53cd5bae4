package managers

import "github.com/golab/gitlab/base"

// pagesDomainSpec declares /pages/domains.
// python-gitlab: PagesDomainManager (gl.pagesdomains).
var pagesDomainSpec = &base.Spec{
	Name:     "pages_domain",
	Accessor: "PagesDomains",
	Path:     "/pages/domains",
	IDAttr:   "domain",
	Ops:      base.OpList,
	DocsURL:  "https://docs.gitlab.com/api/pages_domains/",
}

// projectPagesDomainSpec declares /projects/{project_id}/pages/domains.
// python-gitlab: ProjectPagesDomainManager (Project.pagesdomains).
var projectPagesDomainSpec = &base.Spec{
	Name:     "project_pages_domain",
	Accessor: "PagesDomains",
	Path:     "/projects/{project_id}/pages/domains",
	Parent:   "project",
	IDAttr:   "domain",
	Ops:      base.OpsCRUD,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"domain"},
		Optional: []string{"certificate", "key"},
	},
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"certificate", "key"},
	},
	DocsURL: "https://docs.gitlab.com/api/pages_domains/",
}

// projectPagesSpec declares /projects/{project_id}/pages.
// python-gitlab: ProjectPagesManager (Project.pages).
var projectPagesSpec = &base.Spec{
	Name:         "project_pages",
	Accessor:     "Pages",
	Path:         "/projects/{project_id}/pages",
	Parent:       "project",
	IDAttr:       base.IDAttrNone,
	Ops:          base.OpGetWithoutID | base.OpUpdate | base.OpDelete,
	UpdateMethod: "PATCH",
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{"pages_unique_domain_enabled", "pages_https_only"},
	},
	DocsURL: "https://docs.gitlab.com/api/pages/",
}
