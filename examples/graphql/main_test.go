package main

import (
	"testing"

	"github.com/golab/gitlab/examples/internal/walk"
)

// Each step prints what its label says, against the embedded fake GitLab.
func TestEveryStepPrintsWhatItsLabelSays(t *testing.T) {
	walk.Check(t, run, [][2]string{
		{"gq = gitlab.GraphQL(url, token=token)", `^GraphQL endpoint http://127\.0\.0\.1:\d+/api/graphql, `},
		{`gq.execute("query { currentUser { username } }")`, `^current user: root$`},
		{`gq.execute(query, variable_values=`, `^project "golab graphql \w+"; its newest issue, created over REST: #7 Issue 7$`},
		{`gq.execute("mutation(`, `^created issue #8 over GraphQL; REST reads it back: <ProjectIssue iid:8 title:Created over GraphQL>$`},
		{"# pagination", `^8 issues, 2 per page, newest first: Created over GraphQL, Issue 7, Issue 6, Issue 5, Issue 4, Issue 3, Issue 2, Issue 1$`},
		{"# errors", `(?s)^partial data \{"project":\{"name":"golab graphql \w+","issues":null\}\}\n` +
			`with error: graphql: Please provide a valid cursor \(at project\.issues\)\n` +
			`too complex \(errors\.Is ErrGraphQLComplexity: true\): graphql: Query has complexity of 260, which exceeds max complexity of 250 \[`},
		{"# rate limits", `(?s)^a 429 \(Retry-After: 1\) then a 502, then "root": 3 requests for one query\n` +
			`a mutation answered 502 is not sent again \(GitLab may have acted\): 502: 502 Bad Gateway, 1 request$`},
		{"# GitLab's timeout", `(?s)^errors\.Is ErrGraphQLTimeout: true: graphql: 503: Request timed out\..*\n\nDone\.$`},
	})
}
