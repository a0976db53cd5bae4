package gitlabtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	graphql "github.com/graph-gophers/graphql-go"
	"github.com/tidwall/gjson"
)

// GraphQLPath is where the fake serves GitLab's GraphQL API, as GitLab does
// (https://docs.gitlab.com/api/graphql/): below the base URL, not /api/v4.
const GraphQLPath = "/api/graphql"

// GraphQLMaxQuerySize is GitLab's limit on a query's length in characters;
// a longer one is answered 422 "Query too large"
// (https://docs.gitlab.com/api/graphql/#limits).
const GraphQLMaxQuerySize = 10000

// GitLab's default complexity limits (https://docs.gitlab.com/api/graphql/#limits).
const (
	graphQLComplexityAuthenticated = 250
	graphQLComplexityAnonymous     = 200
)

// WithGraphQLComplexityLimit sets the complexity above which GraphQL
// queries are refused with GitLab's "Query has complexity of N, which
// exceeds max complexity of M" (default: GitLab's 250, or 200 without a
// token). The fake's score is simpler than GitLab's: 1 for each top-level
// field plus 1 for each distinct field path selected below it.
func WithGraphQLComplexityLimit(n int) Option { return func(c *config) { c.gqlComplexity = n } }

// graphQLSchema is the subset of GitLab's schema the fake serves, with
// GitLab's names and shapes (https://docs.gitlab.com/api/graphql/reference/).
// UserCore.state is a String here (GitLab's UserState enum), so that any
// state given to AddUser can be served.
const graphQLSchema = `
schema { query: Query %s }

scalar Time

type Query {
  currentUser: UserCore
  project(fullPath: ID!): Project
  group(fullPath: ID!): Group
}

type Mutation {
  createIssue(input: CreateIssueInput!): CreateIssuePayload
}

input CreateIssueInput {
  projectPath: ID!
  title: String!
  description: String
  labels: [String!]
  confidential: Boolean
  clientMutationId: String
}

type CreateIssuePayload {
  clientMutationId: String
  errors: [String!]!
  issue: Issue
}

type UserCore {
  id: ID!
  username: String!
  name: String!
  state: String!
  webUrl: String!
  avatarUrl: String
  publicEmail: String
}

type Group {
  id: ID!
  name: String!
  path: String!
  fullPath: ID!
  description: String
  visibility: String
  webUrl: String!
  projects(first: Int, after: String, includeSubgroups: Boolean = false): ProjectConnection!
}

type Project {
  id: ID!
  name: String!
  path: String!
  fullPath: ID!
  nameWithNamespace: String!
  description: String
  visibility: String
  webUrl: String
  archived: Boolean
  createdAt: Time
  issue(iid: String!): Issue
  issues(first: Int, after: String, state: IssueState, search: String, iids: [String!], labelName: [String]): IssueConnection
  mergeRequest(iid: String!): MergeRequest
  mergeRequests(first: Int, after: String, state: MergeRequestState, iids: [String!], labels: [String!]): MergeRequestConnection
}

enum IssueState { opened closed locked all }
enum MergeRequestState { opened closed locked merged all }

type Issue {
  id: ID!
  iid: String!
  projectId: Int!
  title: String!
  description: String
  state: IssueState!
  confidential: Boolean!
  reference(full: Boolean = false): String!
  webUrl: String!
  createdAt: Time!
  updatedAt: Time!
  closedAt: Time
  author: UserCore
  labels: LabelConnection
}

type MergeRequest {
  id: ID!
  iid: String!
  projectId: Int!
  title: String!
  description: String
  state: MergeRequestState!
  draft: Boolean!
  sourceBranch: String!
  targetBranch: String!
  reference(full: Boolean = false): String!
  webUrl: String!
  createdAt: Time!
  updatedAt: Time!
  mergedAt: Time
  author: UserCore
  labels: LabelConnection
}

type Label {
  title: String!
}

type LabelConnection {
  count: Int!
  nodes: [Label]
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type ProjectConnection {
  count: Int!
  edges: [ProjectEdge]
  nodes: [Project]
  pageInfo: PageInfo!
}

type ProjectEdge {
  cursor: String!
  node: Project
}

type IssueConnection {
  count: Int!
  edges: [IssueEdge]
  nodes: [Issue]
  pageInfo: PageInfo!
}

type IssueEdge {
  cursor: String!
  node: Issue
}

type MergeRequestConnection {
  count: Int!
  edges: [MergeRequestEdge]
  nodes: [MergeRequest]
  pageInfo: PageInfo!
}

type MergeRequestEdge {
  cursor: String!
  node: MergeRequest
}
`

// The schemas are parsed once: resolvers keep nothing between requests, each
// request's state travels in its context. GET requests run on the schema
// without mutations: GitLab refuses mutations over GET.
var (
	gqlSchema = sync.OnceValue(func() *graphql.Schema {
		return graphql.MustParseSchema(fmt.Sprintf(graphQLSchema, "mutation: Mutation"), &gqlRoot{}, graphql.UseStringDescriptions())
	})
	gqlReadSchema = sync.OnceValue(func() *graphql.Schema {
		return graphql.MustParseSchema(fmt.Sprintf(graphQLSchema, ""), &gqlRoot{}, graphql.UseStringDescriptions())
	})
)

// gqlReq is one GraphQL request being answered.
type gqlReq struct {
	s     *Server
	c     *call // authenticated: the acting user, the external URL
	limit int
	cost  atomic.Int64
}

type gqlKey struct{}

func reqOf(ctx context.Context) *gqlReq { return ctx.Value(gqlKey{}).(*gqlReq) }

// charge adds a top-level field's cost (1 plus its distinct selected field
// paths) and refuses the field when the query is over the limit so far.
func (q *gqlReq) charge(ctx context.Context) error {
	if n := q.cost.Add(int64(1 + len(graphql.SelectedFieldNames(ctx)))); n > int64(q.limit) {
		return fmt.Errorf("query over the complexity limit")
	}
	return nil
}

// url renders a stored URL for this request's external URL.
func (q *gqlReq) url(stored string) string { return strings.Replace(stored, urlMarker, q.c.base, 1) }

// gqlBody is what a GraphQL request carries (https://docs.gitlab.com/api/graphql/getting_started/).
type gqlBody struct {
	Query         string          `json:"query"`
	Variables     json.RawMessage `json:"variables"`
	OperationName string          `json:"operationName"`
}

// serveGraphQL answers POST and GET /api/graphql: authentication as for the
// REST API (tokens in headers or parameters; job tokens are not accepted),
// then the query on the fake's state, with GitLab's error shapes: 401
// {"errors":[{"message":"Invalid token"}]}, 422 "Query too large", and
// errors in a 200 answer for everything found in the query. Requests are
// served one at a time, under the state's write lock.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request, body []byte) {
	var in gqlBody
	switch r.Method {
	case http.MethodPost:
		if err := json.Unmarshal(body, &in); err != nil {
			writeGQLError(w, http.StatusBadRequest, "Invalid JSON body: "+err.Error())
			return
		}
	case http.MethodGet:
		q := r.URL.Query()
		in = gqlBody{Query: q.Get("query"), OperationName: q.Get("operationName")}
		if v := q.Get("variables"); v != "" {
			in.Variables = json.RawMessage(v)
		}
	default:
		writeErr(w, errRoute)
		return
	}
	vars, err := gqlVariables(in.Variables)
	if err != nil {
		writeGQLError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if len(in.Query) > GraphQLMaxQuerySize {
		writeGQLError(w, http.StatusUnprocessableEntity, "Query too large")
		return
	}

	base := s.externalURL(r)
	// Scopes are checked as for a read; mutations check for "api" themselves.
	read := r.WithContext(r.Context())
	read.Method = http.MethodGet
	c := &call{s: s, r: read, w: w, rt: &route{}, base: base, rc: newRenderCtx(base)}
	if c.p, _ = parseParams(r.URL.Query(), "", nil); c.p == nil {
		c.p = params{}
	}
	s.lock()
	defer s.mu.Unlock()
	if e := s.authenticate(c); e != nil {
		msg := "Invalid token"
		if e.status != http.StatusUnauthorized {
			msg = gjson.GetBytes(e.body, "message").String()
			if d := gjson.GetBytes(e.body, "error_description"); d.Exists() {
				msg = d.String()
			}
		}
		writeGQLError(w, e.status, msg)
		return
	}
	if c.touch != nil {
		s.touchActivity(c.touch)
	}
	if strings.TrimSpace(in.Query) == "" {
		writeGQLError(w, http.StatusOK, "No query string was present")
		return
	}

	q := &gqlReq{s: s, c: c, limit: s.cfg.gqlComplexity}
	if q.limit <= 0 {
		q.limit = graphQLComplexityAnonymous
		if c.user != nil {
			q.limit = graphQLComplexityAuthenticated
		}
	}
	schema := gqlSchema()
	if r.Method == http.MethodGet {
		schema = gqlReadSchema()
	}
	resp := schema.Exec(context.WithValue(r.Context(), gqlKey{}, q), in.Query, in.OperationName, vars)
	if n := q.cost.Load(); n > int64(q.limit) {
		writeGQLError(w, http.StatusOK, "Query has complexity of "+strconv.FormatInt(n, 10)+
			", which exceeds max complexity of "+strconv.Itoa(q.limit))
		return
	}
	if r.Method == http.MethodGet && len(resp.Errors) == 1 && strings.Contains(resp.Errors[0].Message, "no mutations") {
		writeGQLError(w, http.StatusUnprocessableEntity, "Mutations are forbidden in GET requests")
		return
	}
	out, err := json.Marshal(resp)
	if err != nil {
		writeGQLError(w, http.StatusInternalServerError, "Internal server error")
		return
	}
	writeGQL(w, http.StatusOK, out)
}

// gqlVariables reads variables given as a JSON object or as a string of
// JSON, as GitLab accepts both.
func gqlVariables(raw json.RawMessage) (map[string]any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		raw = json.RawMessage(s)
	}
	var vars map[string]any
	if err := json.Unmarshal(raw, &vars); err != nil {
		return nil, errBadVarJSON
	}
	return vars, nil
}

// writeGQLError writes GitLab's GraphQL error shape: {"errors":[{"message":...}]}.
func writeGQLError(w http.ResponseWriter, status int, msg string) {
	writeGQL(w, status, marshal(map[string]any{"errors": []any{map[string]any{"message": msg}}}))
}

func writeGQL(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
