package gitlab_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

const projectIssuesQuery = `query($path: ID!, $after: String) {
  project(fullPath: $path) {
    issues(first: 2, after: $after) { nodes { iid title } pageInfo { hasNextPage endCursor } }
  }
}`

// graphQLRequests counts the requests the fake got on /api/graphql.
func graphQLRequests(srv *gitlabtest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == gitlabtest.GraphQLPath {
			n++
		}
	}
	return n
}

// projectWithIssues adds a public project root/<name> with n issues
// ("issue 1" … "issue n"), created through the REST API.
func projectWithIssues(t *testing.T, gl *gitlab.Client, srv *gitlabtest.Server, name string, n int) {
	t.Helper()
	pid := srv.AddProject(gitlabtest.Project{Name: name, Visibility: "public"})
	for i := 1; i <= n; i++ {
		if _, err := gl.HTTPPost(context.Background(), "/projects/"+strconv.Itoa(pid)+"/issues",
			gitlab.Attrs{"title": "issue " + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
}

// issuesServer starts a fake with a client and a project root/<name> of n issues.
func issuesServer(t *testing.T, name string, n int) (*gitlabtest.Server, *gitlab.GraphQL) {
	t.Helper()
	srv, gl := gitlabtest.NewClient(t)
	projectWithIssues(t, gl, srv, name, n)
	return srv, gl.GraphQL()
}

func TestGraphQLExecute(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	ctx := context.Background()
	gql := gl.GraphQL()
	if gql.URL() != srv.URL()+"/api/graphql" || gql.Client() != gl {
		t.Fatalf("URL %q", gql.URL())
	}
	// Variables, and an issue created over REST read over GraphQL.
	issue, err := gl.HTTPPost(ctx, "/projects/demo%2Fwebsite/issues", gitlab.Attrs{"title": "Over REST", "labels": "a,b"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := gql.Execute(ctx, `query($path: ID!, $iid: String!) {
	  project(fullPath: $path) { name issue(iid: $iid) { title labels { nodes { title } } createdAt } }
	}`, map[string]any{"path": "demo/website", "iid": issue.JSON().Get("iid").String()})
	if err != nil {
		t.Fatal(err)
	}
	if res.GetString("project.name") != "Website" || res.GetString("project.issue.title") != "Over REST" ||
		res.Get("project.issue.labels.nodes.#.title").Raw != `["a","b"]` || !res.Has("project.issue") {
		t.Errorf("data: %s", res)
	}
	if created, err := time.Parse(time.RFC3339, res.GetString("project.issue.createdAt")); err != nil || created.IsZero() {
		t.Errorf("createdAt: %v, %v", created, err)
	}
	var decoded struct {
		Project struct{ Name string }
	}
	if err := res.Decode(&decoded); err != nil || decoded.Project.Name != "Website" {
		t.Errorf("Decode: %+v, %v", decoded, err)
	}
	// The request: one POST of query and variables, with the client's token (redacted in the log).
	last := srv.Requests()[len(srv.Requests())-1]
	if last.Method != http.MethodPost || last.Path != "/api/graphql" || !strings.Contains(string(last.Body), `"iid":"4"`) ||
		last.Header.Get("Private-Token") != gitlabtest.Redacted {
		t.Errorf("request: %s %s %s %v", last.Method, last.Path, last.Body, last.Header)
	}

	// A mutation, read back over REST.
	res, err = gql.Execute(ctx, `mutation($in: CreateIssueInput!) { createIssue(input: $in) { errors issue { iid } } }`,
		map[string]any{"in": map[string]any{"projectPath": "demo/website", "title": "Over GraphQL"}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := gl.HTTPGet(ctx, "/projects/demo%2Fwebsite/issues/"+res.GetString("createIssue.issue.iid"), nil)
	if err != nil || got.JSON().Get("title").String() != "Over GraphQL" {
		t.Fatalf("REST read of the GraphQL issue: %v %v", got, err)
	}
}

func TestNewGraphQL(t *testing.T) {
	srv := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	srv.AddToken("alice", "alice-oauth", gitlabtest.OAuthToken)
	// python-gitlab's gitlab.GraphQL(url, token=...), with the options of New.
	gql, err := gitlab.NewGraphQL(srv.URL(), gitlab.WithOAuthToken("alice-oauth"), gitlab.WithUserAgent("graphql-test"))
	if err != nil {
		t.Fatal(err)
	}
	defer gql.Close()
	res, err := gql.Execute(context.Background(), `{ currentUser { username } }`, nil)
	if err != nil || res.GetString("currentUser.username") != "alice" {
		t.Fatalf("%v %v", res, err)
	}
	if ua := srv.Requests()[0].Header.Get("User-Agent"); ua != "graphql-test" {
		t.Errorf("User-Agent %q", ua)
	}
	if _, err := gitlab.NewGraphQL("ftp://nope"); err == nil {
		t.Error("NewGraphQL accepted a non-HTTP URL")
	}
}

func TestGraphQLErrorsWithoutData(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	ctx := context.Background()
	res, err := gl.GraphQL().Execute(ctx, "{\n  project(fullPath: \"demo/website\") { nope }\n}", nil)
	var ge *gitlab.GraphQLError
	if res != nil || !errors.As(err, &ge) {
		t.Fatalf("res %v, err %T %v", res, err, err)
	}
	it := ge.Errors[0]
	if ge.StatusCode != 200 || ge.HTTP != nil || len(it.Locations) != 1 || it.Locations[0].Line != 2 || !strings.Contains(it.Message, "nope") {
		t.Errorf("error: %+v", ge)
	}
	if want := fmt.Sprintf("graphql: %s (line 2, column %d)", it.Message, it.Locations[0].Column); err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	var he *gitlab.Error
	if errors.As(err, &he) || errors.Is(err, gitlab.ErrGraphQLComplexity) || errors.Is(err, gitlab.ErrGraphQLTimeout) {
		t.Errorf("a validation error matches what it is not: %v", err)
	}

	// A 401 in GraphQL's shape: a *GraphQLError that unwraps to the *Error.
	bad, err := gitlab.New(srv.URL(), gitlab.WithPrivateToken("glpat-wrong-secret"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.GraphQL().Execute(ctx, `{ currentUser { username } }`, nil)
	if !errors.As(err, &ge) || !errors.As(err, &he) || !errors.Is(err, gitlab.ErrUnauthorized) || he.StatusCode != 401 {
		t.Fatalf("401: %T %v", err, err)
	}
	if err.Error() != "graphql: 401: Invalid token" || ge.RequestID == "" || strings.Join(ge.Messages(), "") != "Invalid token" {
		t.Errorf("401: %q %+v", err, ge)
	}
}

func TestGraphQLErrorsWithData(t *testing.T) {
	_, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
	res, err := gl.GraphQL().Execute(context.Background(),
		`{ project(fullPath: "demo/website") { name issues(after: "not-a-cursor") { count } } }`, nil)
	var ge *gitlab.GraphQLError
	if !errors.As(err, &ge) || res == nil {
		t.Fatalf("res %v, err %v", res, err)
	}
	if res.GetString("project.name") != "Website" || !res.Has("project.issues") || res.Get("project.issues").Exists() && res.Get("project.issues").Value() != nil {
		t.Errorf("partial data: %s", res)
	}
	if ge.Errors[0].PathString() != "project.issues" || ge.Errors[0].Path[0] != "project" {
		t.Errorf("path: %#v", ge.Errors[0].Path)
	}
	if !strings.HasPrefix(err.Error(), "graphql: Please provide a valid cursor (at project.issues") {
		t.Errorf("Error() = %q", err)
	}
}

func TestGraphQLLimitErrors(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed(), gitlabtest.WithGraphQLComplexityLimit(3))
	ctx := context.Background()
	gql := gl.GraphQL()

	_, err := gql.Execute(ctx, `{ currentUser { id username name webUrl } }`, nil)
	if !errors.Is(err, gitlab.ErrGraphQLComplexity) || errors.Is(err, gitlab.ErrGraphQLTimeout) {
		t.Fatalf("complexity: %v", err)
	}
	if !strings.Contains(err.Error(), "Query has complexity of 5, which exceeds max complexity of 3") || !strings.Contains(err.Error(), "smaller pages") {
		t.Errorf("complexity error does not say what to do: %q", err)
	}
	// GitLab's 10,000-character limit: a 422.
	_, err = gql.Execute(ctx, "{ currentUser { id } }\n#"+strings.Repeat("-", gitlabtest.GraphQLMaxQuerySize), nil)
	var he *gitlab.Error
	if !errors.Is(err, gitlab.ErrGraphQLComplexity) || !errors.As(err, &he) || he.StatusCode != 422 {
		t.Errorf("too large: %v", err)
	}

	// GitLab's 503 for a request that timed out, and graphql-ruby's per-field timeout with partial data.
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 503,
		Body: `{"errors":[{"message":"Request timed out. Please try a less complex query or a smaller set of records."}]}`})
	_, err = gql.Execute(ctx, `{ currentUser { id } }`, nil)
	if !errors.Is(err, gitlab.ErrGraphQLTimeout) || !errors.As(err, &he) || he.StatusCode != 503 || !strings.Contains(err.Error(), "30 seconds") {
		t.Errorf("503 timeout: %v", err)
	}
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 200,
		Body: `{"data":{"project":{"name":"Website","issues":null}},"errors":[{"message":"Timeout on Project.issues","locations":[{"line":1,"column":40}],"path":["project","issues"]}]}`})
	res, err := gql.Execute(ctx, `{ project(fullPath: "demo/website") { name issues { count } } }`, nil)
	if !errors.Is(err, gitlab.ErrGraphQLTimeout) || res.GetString("project.name") != "Website" ||
		!strings.HasPrefix(err.Error(), "graphql: Timeout on Project.issues (at project.issues, line 1, column 40) [") {
		t.Errorf("field timeout: %v, %v", res, err)
	}
	// Several errors print together.
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 200,
		Body: `{"errors":[{"message":"first"},{"message":"second","path":["a",0,"b"],"extensions":{"code":"X"}}]}`})
	_, err = gql.Execute(ctx, `{ currentUser { id } }`, nil)
	var ge *gitlab.GraphQLError
	if !errors.As(err, &ge) || err.Error() != "graphql: 2 errors: first; second (at a.0.b)" || ge.Errors[1].Extensions["code"] != "X" || ge.Errors[1].Path[1] != 0 {
		t.Errorf("two errors: %q %+v", err, ge)
	}
	// Not a GraphQL answer: a *ParseError.
	for _, body := range []string{`{"hello":"world"}`, `{"data":{"a":1}`, `[]`, `{"errors":"no"}`, `{"data":null,"errors":[]}`} {
		srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 200, Body: body, ContentType: "application/json"})
		_, err = gql.Execute(ctx, `{ currentUser { id } }`, nil)
		var pe *gitlab.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: %T %v, want a *ParseError", body, err, err)
		}
	}
}

func TestGraphQLPaginate(t *testing.T) {
	srv, gql := issuesServer(t, "seven", 7)
	ctx := context.Background()
	vars := map[string]any{"path": "root/seven"}

	srv.ResetRequests()
	seen := map[string]int{}
	for node, err := range gql.Paginate(ctx, projectIssuesQuery, vars, "project.issues") {
		if err != nil {
			t.Fatal(err)
		}
		seen[node.Get("iid").String()]++
	}
	if len(seen) != 7 || graphQLRequests(srv) != 4 {
		t.Errorf("nodes %v in %d requests, want 7 nodes once each in 4", seen, graphQLRequests(srv))
	}
	for iid, n := range seen {
		if n != 1 {
			t.Errorf("iid %s yielded %d times", iid, n)
		}
	}
	if len(vars) != 1 {
		t.Errorf("Paginate changed the caller's variables: %v", vars)
	}

	// Breaking out stops fetching: the third node is on the second page.
	srv.ResetRequests()
	n := 0
	for _, err := range gql.Paginate(ctx, projectIssuesQuery, vars, "project.issues") {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if graphQLRequests(srv) != 2 {
		t.Errorf("%d requests for 3 nodes of 2-node pages, want 2", graphQLRequests(srv))
	}

	// Edges, a custom cursor variable and a starting cursor.
	edgesQuery := `query($path: ID!, $cursor: String) { project(fullPath: $path) {
	  issues(first: 3, after: $cursor) { edges { node { iid } } pageInfo { hasNextPage endCursor } } } }`
	first, err := gql.Execute(ctx, edgesQuery, vars)
	if err != nil {
		t.Fatal(err)
	}
	start := map[string]any{"path": "root/seven", "cursor": first.GetString("project.issues.pageInfo.endCursor")}
	var iids []string
	for node, err := range gql.Paginate(ctx, edgesQuery, start, "project.issues", gitlab.WithCursorVariable("cursor")) {
		if err != nil {
			t.Fatal(err)
		}
		iids = append(iids, node.Get("iid").String())
	}
	if strings.Join(iids, ",") != "4,3,2,1" {
		t.Errorf("edges after the first page: %v", iids)
	}
}

func TestGraphQLPaginateGroupProjects(t *testing.T) {
	srv, gl := gitlabtest.NewClient(t)
	srv.AddGroup("Big", "big", "public")
	for i := 1; i <= 5; i++ {
		srv.AddProject(gitlabtest.Project{Name: "p" + strconv.Itoa(i), Namespace: "big"})
	}
	q := `query($after: String) { group(fullPath: "big") { projects(first: 2, after: $after) {
	  nodes { fullPath } pageInfo { hasNextPage endCursor } } } }`
	all, err := gitlab.Collect(gl.GraphQL().Paginate(context.Background(), q, nil, "group.projects"))
	if err != nil || len(all) != 5 || all[0].Get("fullPath").String() != "big/p1" || all[4].Get("fullPath").String() != "big/p5" {
		t.Errorf("projects: %v %v", all, err)
	}
}

func TestGraphQLPaginateErrors(t *testing.T) {
	_, gql := issuesServer(t, "three", 3)
	ctx := context.Background()
	for _, tc := range []struct{ name, query, path, want string }{
		{"cursor not used", `{ project(fullPath: "root/three") { issues(first: 1) { nodes { iid } pageInfo { hasNextPage endCursor } } } }`,
			"project.issues", "does the query pass $after"},
		{"null parent", `{ project(fullPath: "no/where") { issues(first: 1) { nodes { iid } pageInfo { hasNextPage endCursor } } } }`,
			"project.issues", `no connection at "project.issues"`},
		{"no pageInfo", `{ project(fullPath: "root/three") { issues(first: 1) { nodes { iid } } } }`,
			"project.issues", "no pageInfo"},
		{"no nodes", `{ project(fullPath: "root/three") { issues(first: 1) { count pageInfo { hasNextPage endCursor } } } }`,
			"project.issues", "neither nodes nor edges"},
		{"no endCursor", `{ project(fullPath: "root/three") { issues(first: 1) { nodes { iid } pageInfo { hasNextPage } } } }`,
			"project.issues", "no endCursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errs []error
			nodes := 0
			for _, err := range gql.Paginate(ctx, tc.query, nil, tc.path) {
				if err != nil {
					errs = append(errs, err)
				} else {
					nodes++
				}
			}
			var pe *gitlab.ParseError
			if len(errs) != 1 || !errors.As(errs[0], &pe) || !strings.Contains(errs[0].Error(), tc.want) {
				t.Fatalf("errors %v (after %d nodes), want one *ParseError saying %q", errs, nodes, tc.want)
			}
		})
	}
	// A GraphQL error ends the iteration with that error.
	for _, err := range gql.Paginate(ctx, `{ project(fullPath: "root/three") { nope } }`, nil, "project.issues") {
		var ge *gitlab.GraphQLError
		if !errors.As(err, &ge) {
			t.Errorf("got %v, want a *GraphQLError", err)
		}
	}
}

func TestGraphQLRateLimitRetried(t *testing.T) {
	srv := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	var waits waitLog
	gl := faultClient(t, srv.URL(), waits.option())
	srv.AddFault(gitlabtest.Fault{Method: "POST", Path: gitlabtest.GraphQLPath, Status: 429, Header: http.Header{"Retry-After": {"7"}}})
	res, err := gl.GraphQL().Execute(context.Background(), `mutation { createIssue(input: {projectPath: "demo/website", title: "once"}) { issue { iid } } }`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if graphQLRequests(srv) != 2 || res.GetString("createIssue.issue.iid") != "4" {
		t.Errorf("%d requests, data %s", graphQLRequests(srv), res)
	}
	if w := waits.get(); len(w) != 1 || w[0] != 7*time.Second {
		t.Errorf("waits %v, want Retry-After's 7s", w)
	}
	// WithObeyRateLimit(false) returns the 429: an *Error, not GraphQL-shaped.
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 429})
	_, err = gl.GraphQL().Execute(context.Background(), `{ currentUser { id } }`, nil, gitlab.WithObeyRateLimit(false))
	var ge *gitlab.GraphQLError
	if !errors.Is(err, gitlab.ErrRateLimited) || errors.As(err, &ge) {
		t.Errorf("429 not obeyed: %T %v", err, err)
	}
}

// A query only reads: it is retried on transient failures as a GET. A
// mutation is retried only when GitLab certainly did not act on it.
func TestGraphQLTransientRetryPolicy(t *testing.T) {
	srv := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	gl := faultClient(t, srv.URL(), gitlab.WithRetryTransientErrors(true))
	ctx := context.Background()
	gql := gl.GraphQL()
	count := func(f func()) int {
		srv.ResetRequests()
		f()
		return graphQLRequests(srv)
	}

	for _, status := range []int{500, 502, 504} {
		srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: status, HTML: true})
		if n := count(func() {
			if _, err := gql.Execute(ctx, `query Me { currentUser { username } }`, nil); err != nil {
				t.Errorf("query after a %d: %v", status, err)
			}
		}); n != 2 {
			t.Errorf("query after a %d: %d requests, want 2", status, n)
		}
	}
	// A dropped connection after sending: the query is sent again.
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Drop: true, Times: 2})
	if n := count(func() {
		if _, err := gql.Execute(ctx, `{ currentUser { username } }`, nil); err != nil {
			t.Errorf("query after dropped connections: %v", err)
		}
	}); n != 3 {
		t.Errorf("query after 2 dropped connections: %d requests, want 3", n)
	}

	mutation := `mutation { createIssue(input: {projectPath: "demo/website", title: "maybe twice"}) { issue { iid } } }`
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 502, HTML: true})
	var he *gitlab.Error
	if n := count(func() {
		_, err := gql.Execute(ctx, mutation, nil)
		if !errors.As(err, &he) || he.StatusCode != 502 {
			t.Errorf("mutation after a 502: %v", err)
		}
	}); n != 1 {
		t.Errorf("mutation after a 502: %d requests, want 1 (not retried)", n)
	}
	// A 503 is a refusal: GitLab did not act, the mutation is sent again.
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 503})
	if n := count(func() {
		if _, err := gql.Execute(ctx, mutation, nil); err != nil {
			t.Errorf("mutation after a 503: %v", err)
		}
	}); n != 2 {
		t.Errorf("mutation after a 503: %d requests, want 2", n)
	}

	// The operation named decides; an unnamed choice is treated as a mutation.
	doc := `query Read { currentUser { username } } mutation Write { createIssue(input: {projectPath: "demo/website", title: "w"}) { errors } }`
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 502, HTML: true})
	if n := count(func() { _, _ = gql.Execute(ctx, doc, nil, gitlab.WithOperationName("Read")) }); n != 2 {
		t.Errorf("named query: %d requests, want 2", n)
	}
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 502, HTML: true})
	if n := count(func() { _, _ = gql.Execute(ctx, doc, nil) }); n != 1 {
		t.Errorf("ambiguous document: %d requests, want 1", n)
	}
	if body := string(srv.Requests()[0].Body); !strings.Contains(body, `"query":`) || strings.Contains(body, "operationName") {
		t.Errorf("body %s", body)
	}
}

func TestGraphQLCancellation(t *testing.T) {
	srv := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	ctx, cancel := context.WithCancel(context.Background())
	// The context ends while the client waits out a 429 for a minute.
	gl := faultClient(t, srv.URL(), gitlab.WithRetryObserver(func(int, time.Duration) { cancel() }), gitlab.WithRetryWaitScale(1))
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 429, Header: http.Header{"Retry-After": {"60"}}})
	_, err := gl.GraphQL().Execute(ctx, `{ currentUser { id } }`, nil)
	if !errors.Is(err, context.Canceled) || graphQLRequests(srv) != 1 {
		t.Fatalf("err %v after %d requests", err, graphQLRequests(srv))
	}

	// Cancelled between two pages: the next page is not fetched.
	projectWithIssues(t, gl, srv, "five", 5)
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	srv.ResetRequests()
	var errs []error
	nodes := 0
	for _, err := range gl.GraphQL().Paginate(ctx, projectIssuesQuery, map[string]any{"path": "root/five"}, "project.issues") {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		nodes++
		cancel()
	}
	if nodes != 2 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) || graphQLRequests(srv) != 1 {
		t.Errorf("nodes %d, errors %v, requests %d", nodes, errs, graphQLRequests(srv))
	}
}

func TestGraphQLNoCredentialsInErrorsOrLogs(t *testing.T) {
	const secret = "glpat-graphql-very-secret"
	srv := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	srv.AddToken("alice", secret, gitlabtest.PrivateToken)
	var sink logSink
	client := func(opts ...gitlab.Option) *gitlab.Client {
		gl, err := gitlab.New(srv.URL(), append(opts, sink.option(), gitlab.WithRetryWaitScale(0.001))...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { gl.Close() })
		return gl
	}
	gl := client(gitlab.WithPrivateToken(secret), gitlab.WithRetryTransientErrors(true))
	wrong := client(gitlab.WithOAuthToken(secret + "-wrong"))
	ctx := context.Background()

	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 429, Header: http.Header{"Retry-After": {"1"}}})
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 502, HTML: true})
	var errs []error
	if res, err := gl.GraphQL().Execute(ctx, `{ currentUser { username } }`, nil); err != nil || res.GetString("currentUser.username") != "alice" {
		t.Fatalf("%v %v", res, err)
	}
	_, err := wrong.GraphQL().Execute(ctx, `{ currentUser { username } }`, nil)
	errs = append(errs, err)
	_, err = gl.GraphQL().Execute(ctx, `{ nope }`, map[string]any{"token": "x"})
	errs = append(errs, err)
	srv.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Drop: true, Times: 20})
	_, err = gl.GraphQL().Execute(ctx, `{ currentUser { username } }`, nil, gitlab.WithMaxRetries(1))
	errs = append(errs, err)

	for _, err := range errs {
		if err == nil {
			t.Fatal("a failing call succeeded")
		}
		var he *gitlab.Error
		text := err.Error()
		if errors.As(err, &he) {
			text += " " + he.Describe() + " " + fmt.Sprint(he.Header)
		}
		if strings.Contains(text, secret) {
			t.Errorf("the token is in an error: %s", text)
		}
	}
	lines := sink.get()
	if len(lines) == 0 {
		t.Fatal("nothing logged")
	}
	retried := false
	for _, l := range lines {
		if strings.Contains(l, secret) {
			t.Errorf("the token is in a log line: %s", l)
		}
		retried = retried || strings.Contains(l, "gitlab: retrying") && strings.Contains(l, "/api/graphql")
	}
	if !retried {
		t.Errorf("no retry of /api/graphql logged: %v", lines)
	}
}

func TestPrintingAGraphQLClientShowsNoSecret(t *testing.T) {
	gq, err := gitlab.NewGraphQL("https://someone:url-secret@gitlab.example.com/gitlab", gitlab.WithPrivateToken("token-secret"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		fmt.Fprintf(&out, verb+"\n", gq)
	}
	fmt.Fprintf(&out, "%+v\n", struct{ G *gitlab.GraphQL }{gq})
	slog.New(slog.NewTextHandler(&out, nil)).Info("graphql", "gq", gq)
	for _, secret := range []string{"url-secret", "token-secret", "someone"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("%q printed:\n%s", secret, out.String())
		}
	}
	if want := "gitlab.GraphQL{url: https://REDACTED@gitlab.example.com/gitlab/api/graphql, auth: private token}"; gq.String() != want ||
		!strings.Contains(out.String(), "gq.url=https://REDACTED@gitlab.example.com/gitlab/api/graphql") {
		t.Errorf("String() = %q; printed:\n%s", gq, out.String())
	}
}
