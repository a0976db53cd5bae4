package gitlabtest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab/test/gitlabtest"
)

// gql posts a GraphQL request to the fake.
func gql(t testing.TB, s *gitlabtest.Server, query string, vars map[string]any, mods ...mod) *result {
	t.Helper()
	body := map[string]any{"query": query}
	if vars != nil {
		body["variables"] = vars
	}
	return do(t, s, http.MethodPost, s.URL()+gitlabtest.GraphQLPath, append([]mod{jsonBody(body)}, mods...)...)
}

func (r *result) get(path string) gjson.Result { return gjson.GetBytes(r.body, path) }

func TestGraphQLSharesStateWithREST(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	// REST → GraphQL.
	do(t, s, "POST", "/projects/demo%2Fwebsite/issues", tok(admin), form("title", "Made over REST", "labels", "rest,api")).expect(t, 201, "")
	r := gql(t, s, `query($p: ID!) { project(fullPath: $p) { issues(first: 1) { count nodes { iid title state labels { nodes { title } } author { username } } } } }`,
		map[string]any{"p": "demo/website"}, tok(admin)).expect(t, 200, "")
	if got := r.get("data.project.issues.nodes.0.title").String(); got != "Made over REST" {
		t.Fatalf("newest issue over GraphQL = %q; body %s", got, r.body)
	}
	if got := r.get("data.project.issues.nodes.0.labels.nodes.#.title").String(); got != `["rest","api"]` {
		t.Errorf("labels = %s", got)
	}
	if r.get("data.project.issues.count").Int() != 4 || r.get("data.project.issues.nodes.0.author.username").String() != "root" {
		t.Errorf("count or author wrong: %s", r.body)
	}
	// GraphQL → REST.
	r = gql(t, s, `mutation($in: CreateIssueInput!) { createIssue(input: $in) { clientMutationId errors issue { id iid title webUrl confidential } } }`,
		map[string]any{"in": map[string]any{"projectPath": "demo/website", "title": "Made over GraphQL", "confidential": true, "clientMutationId": "m1"}},
		tok(admin)).expect(t, 200, "")
	iid := r.get("data.createIssue.issue.iid").String()
	if iid != "5" || r.get("data.createIssue.errors").Raw != "[]" || r.get("data.createIssue.clientMutationId").String() != "m1" {
		t.Fatalf("createIssue: %s", r.body)
	}
	if id := r.get("data.createIssue.issue.id").String(); !strings.HasPrefix(id, "gid://gitlab/Issue/") {
		t.Errorf("global id = %q", id)
	}
	if u := r.get("data.createIssue.issue.webUrl").String(); u != s.URL()+"/demo/website/-/issues/5" {
		t.Errorf("webUrl = %q", u)
	}
	rest := do(t, s, "GET", "/projects/demo%2Fwebsite/issues/"+iid, tok(admin)).expect(t, 200, "").obj(t)
	if rest["title"] != "Made over GraphQL" || rest["confidential"] != true {
		t.Errorf("REST sees %v", rest)
	}
}

func TestGraphQLAuth(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	s.AddToken("alice", "alice-read", gitlabtest.PrivateToken, "read_api")
	s.AddToken("alice", "alice-oauth", gitlabtest.OAuthToken)
	s.AddToken("alice", "alice-job", gitlabtest.JobToken)
	me := `{ currentUser { username } }`

	gql(t, s, me, nil, tok("nope")).expect(t, 401, `{"errors":[{"message":"Invalid token"}]}`)
	if r := gql(t, s, me, nil); r.get("data.currentUser").Type != gjson.Null {
		t.Errorf("anonymous currentUser: %s", r.body)
	}
	if r := gql(t, s, me, nil, hdr("Authorization", "Bearer alice-oauth")); r.get("data.currentUser.username").String() != "alice" {
		t.Errorf("OAuth: %s", r.body)
	}
	// Tokens as parameters, as GitLab documents them.
	r := do(t, s, "POST", s.URL()+gitlabtest.GraphQLPath+"?private_token="+gitlabtest.SeedAliceToken, jsonBody(map[string]any{"query": me}))
	if r.get("data.currentUser.username").String() != "alice" {
		t.Errorf("private_token parameter: %s", r.body)
	}
	// Job tokens do not authenticate GraphQL requests: the caller is anonymous.
	if r := gql(t, s, me, nil, hdr("JOB-TOKEN", "alice-job")); r.get("data.currentUser").Type != gjson.Null {
		t.Errorf("job token: %s", r.body)
	}
	// Visibility: a private project is null to whoever may not see it.
	vault := `{ project(fullPath: "secret/vault") { name } }`
	if r := gql(t, s, vault, nil, tok(gitlabtest.SeedBobToken)); r.get("data.project").Type != gjson.Null {
		t.Errorf("bob sees the vault: %s", r.body)
	}
	if r := gql(t, s, vault, nil, tok(gitlabtest.SeedAliceToken)); r.get("data.project.name").String() != "Vault" {
		t.Errorf("alice (group member) cannot see the vault: %s", r.body)
	}
	// read_api queries but cannot mutate; anonymous callers cannot mutate.
	mutation := `mutation { createIssue(input: {projectPath: "demo/website", title: "x"}) { issue { iid } } }`
	if r := gql(t, s, me, nil, tok("alice-read")); r.get("data.currentUser.username").String() != "alice" {
		t.Errorf("read_api query: %s", r.body)
	}
	for _, m := range [][]mod{{tok("alice-read")}, nil} {
		r := gql(t, s, mutation, nil, m...).expect(t, 200, "")
		if !strings.Contains(r.get("errors.0.message").String(), "don't have permission") || r.get("data.createIssue").Type != gjson.Null {
			t.Errorf("mutation allowed: %s", r.body)
		}
	}
	if n := len(do(t, s, "GET", "/projects/demo%2Fwebsite/issues", tok(admin)).list(t)); n != 3 {
		t.Errorf("%d issues after refused mutations, want 3", n)
	}
}

func TestGraphQLConnections(t *testing.T) {
	s := gitlabtest.NewServer(t)
	pid := s.AddProject(gitlabtest.Project{Name: "many", Visibility: "public"})
	for i := 1; i <= 5; i++ {
		do(t, s, "POST", "/projects/"+itoa(pid)+"/issues", tok(admin), form("title", "issue "+itoa(i))).expect(t, 201, "")
	}
	q := `query($after: String) { project(fullPath: "root/many") {
	  issues(first: 2, after: $after) { count edges { cursor node { iid } } nodes { iid } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`
	var iids []string
	var after any
	for page := 0; ; page++ {
		r := gql(t, s, q, map[string]any{"after": after}, tok(admin)).expect(t, 200, "")
		c := r.get("data.project.issues")
		if c.Get("count").Int() != 5 || c.Get("pageInfo.hasPreviousPage").Bool() != (page > 0) {
			t.Fatalf("page %d: %s", page, r.body)
		}
		if c.Get("nodes.#.iid").Raw != c.Get("edges.#.node.iid").Raw || c.Get("pageInfo.endCursor").String() != c.Get("edges.1.cursor").String() && c.Get("edges.#").Int() == 2 {
			t.Fatalf("nodes and edges disagree: %s", r.body)
		}
		for _, v := range c.Get("nodes.#.iid").Array() {
			iids = append(iids, v.String())
		}
		if !c.Get("pageInfo.hasNextPage").Bool() {
			break
		}
		after = c.Get("pageInfo.endCursor").String()
	}
	if strings.Join(iids, ",") != "5,4,3,2,1" {
		t.Errorf("iids over the pages = %v, want newest first, each once", iids)
	}
	// A filter, a bad cursor (an error with partial data), a page size cap.
	r := gql(t, s, `{ project(fullPath: "root/many") { name closed: issues(state: closed) { count } bad: issues(after: "???") { count } all: issues(first: 500) { count nodes { iid } } } }`, nil, tok(admin))
	if r.get("data.project.name").String() != "many" || r.get("data.project.closed.count").Int() != 0 || r.get("data.project.bad").Type != gjson.Null {
		t.Errorf("partial data: %s", r.body)
	}
	if r.get("errors.0.message").String() != "Please provide a valid cursor" || r.get("errors.0.path").Raw != `["project","bad"]` {
		t.Errorf("errors: %s", r.get("errors").Raw)
	}
	if r.get("data.project.all.nodes.#").Int() != 5 {
		t.Errorf("first: 500: %s", r.body)
	}
}

func TestGraphQLGroupsAndMergeRequests(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	r := gql(t, s, `{ group(fullPath: "demo") { name fullPath projects { nodes { fullPath mergeRequests(state: opened) { nodes { iid title sourceBranch targetBranch draft state author { username } } } } } } }`,
		nil, tok(admin)).expect(t, 200, "")
	mr := r.get("data.group.projects.nodes.0.mergeRequests.nodes.0")
	if r.get("data.group.name").String() != "Demo" || mr.Get("sourceBranch").String() != "feature/login" ||
		mr.Get("state").String() != "opened" || mr.Get("author.username").String() != "alice" {
		t.Errorf("group/merge requests: %s", r.body)
	}
	if r := gql(t, s, `{ group(fullPath: "secret") { name } }`, nil); r.get("data.group").Type != gjson.Null {
		t.Errorf("anonymous sees a private group: %s", r.body)
	}
}

func TestGraphQLErrorsAndLimits(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed(), gitlabtest.WithGraphQLComplexityLimit(6))
	// Syntax and validation errors: no data, locations.
	r := gql(t, s, `{ project(fullPath: "demo/website") { nope } }`, nil, tok(admin)).expect(t, 200, "")
	if r.get("data").Exists() || !r.get("errors.0.locations.0.line").Exists() {
		t.Errorf("validation error: %s", r.body)
	}
	gql(t, s, "", nil, tok(admin)).expect(t, 200, `{"errors":[{"message":"No query string was present"}]}`)
	gql(t, s, "{ currentUser { username } } #"+strings.Repeat("x", gitlabtest.GraphQLMaxQuerySize), nil, tok(admin)).
		expect(t, 422, `{"errors":[{"message":"Query too large"}]}`)
	// The complexity limit refuses the whole query, mutations included.
	r = gql(t, s, `{ currentUser { id username name webUrl state publicEmail avatarUrl } }`, nil, tok(admin)).expect(t, 200, "")
	if r.get("errors.0.message").String() != "Query has complexity of 8, which exceeds max complexity of 6" || r.get("data").Exists() {
		t.Errorf("complexity: %s", r.body)
	}
	r = gql(t, s, `mutation { createIssue(input: {projectPath: "demo/website", title: "x"}) { errors issue { iid title webUrl state } } }`, nil, tok(admin))
	if !strings.HasPrefix(r.get("errors.0.message").String(), "Query has complexity of") {
		t.Errorf("complex mutation: %s", r.body)
	}
	if n := len(do(t, s, "GET", "/projects/demo%2Fwebsite/issues", tok(admin)).list(t)); n != 3 {
		t.Errorf("the refused mutation created an issue: %d issues", n)
	}
	// Variables may come as a JSON string; GET runs queries, not mutations.
	r = do(t, s, "POST", s.URL()+gitlabtest.GraphQLPath, tok(admin),
		jsonBody(map[string]any{"query": `query($p: ID!) { project(fullPath: $p) { name } }`, "variables": `{"p": "demo/website"}`}))
	if r.get("data.project.name").String() != "Website" {
		t.Errorf("string variables: %s", r.body)
	}
	get := func(q string) *result {
		return do(t, s, "GET", s.URL()+gitlabtest.GraphQLPath+"?query="+url.QueryEscape(q), tok(admin))
	}
	if r := get(`{ project(fullPath: "demo/website") { name } }`); r.get("data.project.name").String() != "Website" {
		t.Errorf("GET query: %s", r.body)
	}
	get(`mutation { createIssue(input: {projectPath: "demo/website", title: "x"}) { errors } }`).
		expect(t, 422, `{"errors":[{"message":"Mutations are forbidden in GET requests"}]}`)
	do(t, s, "POST", s.URL()+gitlabtest.GraphQLPath, tok(admin), hdr("Content-Type", "application/json")).expect(t, 400, "")
	do(t, s, "DELETE", s.URL()+gitlabtest.GraphQLPath, tok(admin)).expect(t, 404, "")
}

func TestGraphQLValidationErrorsOfMutations(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	r := gql(t, s, `mutation { createIssue(input: {projectPath: "demo/website", title: "  "}) { errors issue { iid } } }`, nil, tok(admin)).expect(t, 200, "")
	if r.get("data.createIssue.errors").Raw != `["Title can't be blank"]` || r.get("data.createIssue.issue").Type != gjson.Null {
		t.Errorf("blank title: %s", r.body)
	}
	r = gql(t, s, `mutation { createIssue(input: {projectPath: "no/where", title: "x"}) { errors } }`, nil, tok(admin)).expect(t, 200, "")
	if r.get("errors.0.path").Raw != `["createIssue"]` || r.get("data.createIssue").Type != gjson.Null {
		t.Errorf("unknown project: %s", r.body)
	}
}

func TestGraphQLFaultsAndLog(t *testing.T) {
	s := gitlabtest.NewServer(t)
	s.AddFault(gitlabtest.Fault{Path: gitlabtest.GraphQLPath, Status: 503})
	do(t, s, "GET", "/version", tok(admin)).expect(t, 200, "") // not a GraphQL request: the fault waits
	gql(t, s, `{ currentUser { username } }`, nil, tok(admin)).expect(t, 503, "")
	if r := gql(t, s, `{ currentUser { username } }`, nil, tok(admin)); r.get("data.currentUser.username").String() != "root" {
		t.Errorf("after the fault: %s", r.body)
	}
	s.AddFault(gitlabtest.Fault{Path: "/version", Status: 500})
	gql(t, s, `{ currentUser { username } }`, nil, tok(admin)).expect(t, 200, "") // a REST fault spares GraphQL
	for _, req := range s.Requests() {
		if req.Path == gitlabtest.GraphQLPath && req.Header.Get("Private-Token") != gitlabtest.Redacted {
			t.Errorf("token not redacted in the request log: %v", req.Header)
		}
	}
}
