// Command graphql walks through GitLab's GraphQL API with golab/gitlab,
// each step next to its python-gitlab line: python-gitlab's GraphQL client
// runs queries but, as its docs say, does not paginate, obey rate limits or
// retry; this one does all three, on the REST client's connection.
//
// With no configuration it starts the embedded fake GitLab
// (test/gitlabtest, with demo data). With GITLAB_URL and GITLAB_TOKEN set it
// runs against that server instead: it then works in a scratch project it
// creates and deletes, and skips the steps that need the fake's fault
// injection.
//
//	go run ./examples/graphql
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/examples/internal/walk"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() { walk.Main(run) }

// issuesQuery reads one page of a project's issues; Paginate sets $after.
const issuesQuery = `query($path: ID!, $after: String) {
  project(fullPath: $path) {
    issues(first: 2, after: $after) {
      nodes { iid title }
      pageInfo { hasNextPage endCursor }
    }
  }
}`

// run walks through the steps, printing each python-gitlab line (">>> ...")
// and then what its Go counterpart did.
func run(ctx context.Context, w *walk.Walk) error {
	step, say := w.Step, w.Say
	fake := w.Fake

	step("gq = gitlab.GraphQL(url, token=token)")
	gq, err := gitlab.NewGraphQL(w.URL, gitlab.WithPrivateToken(w.Token), gitlab.WithRetryTransientErrors(true))
	if err != nil {
		return err
	}
	defer gq.Close()
	gl := gq.Client() // the REST client underneath; gl.GraphQL() goes the other way
	say("GraphQL endpoint %s, sharing the REST client's connection, retries and rate limits\n", gq.URL())

	step(`gq.execute("query { currentUser { username } }")`)
	res, err := gq.Execute(ctx, `query { currentUser { username } }`, nil)
	if err != nil {
		return err
	}
	say("current user: %s\n", res.GetString("currentUser.username"))

	// A scratch project with seven issues, created over REST.
	suffix := walk.RandomSuffix()
	project, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "golab graphql " + suffix, "path": "golab-graphql-" + suffix})
	if err != nil {
		return err
	}
	defer func() { _ = project.Delete(ctx) }()
	path := project.GetString("path_with_namespace")
	for i := 1; i <= 7; i++ {
		if _, err := project.Issues().Create(ctx, gitlab.Attrs{"title": "Issue " + strconv.Itoa(i)}); err != nil {
			return err
		}
	}

	step(`gq.execute(query, variable_values={"path": path})`)
	res, err = gq.Execute(ctx, `query($path: ID!) { project(fullPath: $path) { name issues(first: 1) { nodes { iid title } } } }`,
		map[string]any{"path": path})
	if err != nil {
		return err
	}
	say("project %q; its newest issue, created over REST: #%s %s\n", res.GetString("project.name"),
		res.GetString("project.issues.nodes.0.iid"), res.GetString("project.issues.nodes.0.title"))

	step(`gq.execute("mutation($in: CreateIssueInput!) { createIssue(input: $in) { ... } }", variable_values={...})`)
	res, err = gq.Execute(ctx, `mutation($in: CreateIssueInput!) { createIssue(input: $in) { errors issue { iid } } }`,
		map[string]any{"in": map[string]any{"projectPath": path, "title": "Created over GraphQL"}})
	if err != nil {
		return err
	}
	issue, err := project.Issues().Get(ctx, res.GetInt("createIssue.issue.iid"))
	if err != nil {
		return err
	}
	say("created issue #%s over GraphQL; REST reads it back: %s\n", res.GetString("createIssue.issue.iid"), issue)

	step("# pagination: not in python-gitlab's GraphQL client")
	var titles []string
	for node, err := range gq.Paginate(ctx, issuesQuery, map[string]any{"path": path}, "project.issues") {
		if err != nil {
			return err
		}
		titles = append(titles, node.Get("title").String())
	}
	say("%d issues, 2 per page, newest first: %s\n", len(titles), strings.Join(titles, ", "))

	step("# errors: partial data and errors together, as GraphQL allows")
	res, err = gq.Execute(ctx, `query($path: ID!) { project(fullPath: $path) { name issues(after: "not-a-cursor") { count } } }`,
		map[string]any{"path": path})
	var ge *gitlab.GraphQLError
	if errors.As(err, &ge) {
		say("partial data %s\nwith error: %v\n", res, err)
	}
	// 130 aliased fields: over GitLab's complexity limit of 250.
	var wide strings.Builder
	for i := range 130 {
		fmt.Fprintf(&wide, " u%d: currentUser { id }", i)
	}
	_, err = gq.Execute(ctx, "{"+wide.String()+" }", nil)
	say("too complex (errors.Is ErrGraphQLComplexity: %v): %v\n", errors.Is(err, gitlab.ErrGraphQLComplexity), err)

	if fake == nil {
		say("\nThe last steps inject faults into the embedded fake GitLab: run without GITLAB_URL to see them.\n\nDone.\n")
		return nil
	}

	step("# rate limits and transient errors: obeyed and retried, as for REST")
	fake.ResetRequests()
	fake.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 429, Header: http.Header{"Retry-After": {"1"}}})
	fake.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 502, HTML: true})
	res, err = gq.Execute(ctx, `query { currentUser { username } }`, nil)
	if err != nil {
		return err
	}
	say("a 429 (Retry-After: 1) then a 502, then %q: %d requests for one query\n",
		res.GetString("currentUser.username"), fake.RequestCount())
	fake.ResetRequests()
	fake.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 502, HTML: true})
	_, err = gq.Execute(ctx, `mutation { createIssue(input: {projectPath: "`+path+`", title: "Maybe twice"}) { errors } }`, nil)
	say("a mutation answered 502 is not sent again (GitLab may have acted): %v, %d request\n", err, fake.RequestCount())

	step("# GitLab's timeout: 'Request timed out. Please try a less complex query or a smaller set of records.'")
	fake.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 503,
		Body: `{"errors":[{"message":"Request timed out. Please try a less complex query or a smaller set of records."}]}`})
	_, err = gq.Execute(ctx, issuesQuery, map[string]any{"path": path}, gitlab.WithMaxRetries(0))
	say("errors.Is ErrGraphQLTimeout: %v: %v\n", errors.Is(err, gitlab.ErrGraphQLTimeout), err)
	fake.ClearFaults()

	say("\nDone.\n")
	return nil
}
