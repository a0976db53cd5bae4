package managers

import "github.com/golab/gitlab/base"

// orbitSpec declares /orbit: queries of GitLab's knowledge graph, its
// schema and its health (GitLab.com; beta).
// GitLab API: https://docs.gitlab.com/api/orbit/
var orbitSpec = &base.Spec{
	Name:     "orbit",
	Accessor: "Orbit",
	Path:     "/orbit",
	IDAttr:   base.IDAttrNone,
	DocsURL:  "https://docs.gitlab.com/api/orbit/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/orbit/#create-a-query: query is the DSL object.
		{Name: "query", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"query"}, Optional: []string{"query_type", "response_format"}}},
		// https://docs.gitlab.com/api/orbit/#execute-a-named-query
		{Name: "named_query", Path: "query/{name}", OnManager: true,
			Attrs: base.RequiredOptional{Required: []string{"name"}, Optional: []string{"parameters", "response_format"}}},
		// https://docs.gitlab.com/api/orbit/#list-query-templates
		{Name: "query_templates", Method: "GET", Path: "query/templates", OnManager: true},
		// https://docs.gitlab.com/api/orbit/#retrieve-the-schema
		{Name: "schema", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Optional: []string{"expand", "response_format"}}},
		// The schema as the query DSL's grammar.
		{Name: "schema_dsl", Method: "GET", Path: "schema/dsl", OnManager: true},
		// https://docs.gitlab.com/api/orbit/#retrieve-access-and-cluster-health
		{Name: "status", Method: "GET", OnManager: true, Attrs: base.RequiredOptional{Optional: []string{"response_format"}}},
		// The health of the graph's indexing.
		{Name: "graph_status", Method: "GET", OnManager: true},
		// https://docs.gitlab.com/api/orbit/#list-all-tools
		{Name: "tools", Method: "GET", OnManager: true},
	},
}
