package gitlab

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab/base"
)

// GraphQLPath is where GitLab serves its GraphQL API, below the base URL
// (not below /api/v4). GitLab docs: https://docs.gitlab.com/api/graphql/
const GraphQLPath = "/api/graphql"

// GraphQL is a client of GitLab's GraphQL API. It sends its requests through
// the REST client it comes from ([Client.GraphQL]), so it shares that
// client's connection, credentials, TLS and proxy settings, logger, rate
// limiter, retries and timeouts; it is safe for concurrent use.
//
//	gql := gl.GraphQL()
//	res, err := gql.Execute(ctx, `query($p: ID!) { project(fullPath: $p) { name } }`,
//		map[string]any{"p": "group/project"})
//	name := res.GetString("project.name")
//
// [GraphQL.Execute] runs one query or mutation; [GraphQL.Paginate] follows a
// connection's cursors page after page.
//
// # Retries
//
// A 429 is waited out and retried as for REST (WithObeyRateLimit,
// WithMaxRetries). With WithRetryTransientErrors(true), a query, which only
// reads, is safe to send again and is retried on every transient failure
// (500, 502, 503, 504, 520–530, dropped connections, answers cut short) as
// a GET would be, although it is sent as a POST. A mutation is retried only
// when GitLab certainly did not act on it (a 503 or "Resource lock" 409, or
// a connection that was never made), as REST POSTs are: a mutation that got
// a 502 may have created what it asked for. The operation's type is read
// from the document (the one named by [WithOperationName], or its only
// operation); when it cannot be told, the request is treated as a mutation.
//
// GitLab docs: https://docs.gitlab.com/api/graphql/ (the API, its limits),
// https://docs.gitlab.com/api/graphql/reference/ (the schema).
type GraphQL struct {
	c *Client
}

// GraphQL returns a client of the server's GraphQL API (URL() +
// "/api/graphql") that uses this client's connection and settings; it makes
// no request.
func (c *Client) GraphQL() *GraphQL { return &GraphQL{c: c} }

// NewGraphQL returns a GraphQL client for the GitLab at baseURL, with the
// options of New (credentials, config, TLS, proxy, timeouts, retries):
// python-gitlab's gitlab.GraphQL(url, token=...). It is New(baseURL,
// opts...).GraphQL(); Client returns the REST client underneath.
func NewGraphQL(baseURL string, opts ...Option) (*GraphQL, error) {
	c, err := New(baseURL, opts...)
	if err != nil {
		return nil, err
	}
	return c.GraphQL(), nil
}

// URL is the GraphQL endpoint, e.g. https://gitlab.example.com/api/graphql
// (with the user information of the client's URL, as Client.URL).
func (g *GraphQL) URL() string { return g.c.baseURL + GraphQLPath }

// String describes the GraphQL client without any secret: its endpoint
// (user information masked) and the kind of credential it sends, e.g.
// "gitlab.GraphQL{url: https://gitlab.example.com/api/graphql, auth: private token}".
func (g *GraphQL) String() string {
	return "gitlab.GraphQL{url: " + base.SanitizeURL(g.URL()) + ", auth: " + g.c.authKind() + "}"
}

// LogValue implements slog.LogValuer, as Client.LogValue does.
func (g *GraphQL) LogValue() slog.Value {
	return slog.GroupValue(slog.String("url", base.SanitizeURL(g.URL())), slog.String("auth", g.c.authKind()))
}

// Client is the REST client whose connection and settings g uses.
func (g *GraphQL) Client() *Client { return g.c }

// Close releases the idle connections of the underlying client (shared with
// the REST client g came from). It implements io.Closer.
func (g *GraphQL) Close() error { return g.c.Close() }

// graphQLSettings are what the GraphQL-only options set.
type graphQLSettings struct {
	operationName string
	cursorVar     string
}

// graphQLOption is a RequestOption that only GraphQL calls read; it changes
// nothing in the HTTP call itself.
type graphQLOption func(*graphQLSettings)

// ApplyToCall implements RequestOption: it does nothing.
func (graphQLOption) ApplyToCall(*base.CallOptions) {}

func collectGraphQLOptions(opts []RequestOption) graphQLSettings {
	s := graphQLSettings{cursorVar: "after"}
	for _, o := range opts {
		if f, ok := o.(graphQLOption); ok {
			f(&s)
		}
	}
	return s
}

// WithOperationName selects the operation to run in a document that holds
// several (the request's operationName). It is read by GraphQL.Execute and
// GraphQL.Paginate only; other calls ignore it.
func WithOperationName(name string) RequestOption {
	return graphQLOption(func(s *graphQLSettings) { s.operationName = name })
}

// WithCursorVariable names the variable GraphQL.Paginate sets to the
// previous page's endCursor (default "after", as in GitLab's connections'
// after argument). Other calls ignore it.
func WithCursorVariable(name string) RequestOption {
	return graphQLOption(func(s *graphQLSettings) { s.cursorVar = name })
}

// graphQLRequest is the body GitLab's endpoint takes.
type graphQLRequest struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables,omitempty"`
	OperationName string         `json:"operationName,omitempty"`
}

// Execute runs one query or mutation with its variables (nil for none):
// python-gitlab's execute(query, variable_values=...). opts are any call
// options (WithTimeout, WithMaxRetries, WithHeader, …) and
// WithOperationName.
//
// The answer's data comes back as a *GraphQLResult, read with gjson paths
// (res.GetString("project.name")). When GitLab reports errors, err is a
// *GraphQLError carrying them (errors.As); as GraphQL allows, the data
// GitLab still returned comes back with it, so both results may be non-nil:
// res is nil only when the answer has no data. A non-2xx answer in
// GraphQL's shape ({"errors": [...]}: 401 "Invalid token", 503 "Request
// timed out") is a *GraphQLError too, which also unwraps to the *Error of
// the answer (errors.Is(err, ErrUnauthorized) works); any other failure is
// an *Error as for REST calls, and a 2xx answer that is not a GraphQL
// response is a *ParseError.
//
// GitLab docs: https://docs.gitlab.com/api/graphql/getting_started/
func (g *GraphQL) Execute(ctx context.Context, query string, variables map[string]any, opts ...RequestOption) (*GraphQLResult, error) {
	gs := collectGraphQLOptions(opts)
	body, err := json.Marshal(graphQLRequest{Query: query, Variables: variables, OperationName: gs.operationName})
	if err != nil {
		return nil, fmt.Errorf("gitlab: graphql: cannot encode the variables: %w", err)
	}
	req := &base.Request{
		Op: "graphql", Method: http.MethodPost, Path: g.URL(), Body: body, Options: opts,
		Idempotent: graphQLOperationType(query, gs.operationName) == "query",
	}
	resp, err := g.c.Do(ctx, req)
	if err != nil {
		var he *Error
		if errors.As(err, &he) && he.StatusCode != 0 {
			if ge := graphQLErrorOf(he.Body, he.StatusCode, he.URL, he.Header); ge != nil {
				ge.Attempts, ge.HTTP = he.Attempts, he
				return nil, ge
			}
		}
		return nil, err
	}
	return parseGraphQLResponse(resp)
}

// parseGraphQLResponse reads a 2xx answer: data, errors and extensions.
func parseGraphQLResponse(resp *base.Response) (*GraphQLResult, error) {
	j := gjson.ParseBytes(resp.Body)
	data, errs := j.Get("data"), j.Get("errors")
	if !j.IsObject() || !gjson.ValidBytes(resp.Body) || !(data.Exists() || errs.Exists()) || (errs.Exists() && !errs.IsArray()) {
		return nil, base.NewParseError("graphql", http.MethodPost, resp.URL, resp.StatusCode,
			resp.Header.Get("Content-Type"), "expected a GraphQL response: a JSON object with data or errors", resp.Body)
	}
	var res *GraphQLResult
	if data.IsObject() {
		res = &GraphQLResult{data: []byte(data.Raw), StatusCode: resp.StatusCode, Header: resp.Header}
		if ext := j.Get("extensions"); ext.Exists() {
			res.extensions = []byte(ext.Raw)
		}
	}
	if ge := graphQLErrorOf(resp.Body, resp.StatusCode, resp.URL, resp.Header); ge != nil {
		return res, ge
	}
	if res == nil {
		return nil, base.NewParseError("graphql", http.MethodPost, resp.URL, resp.StatusCode,
			resp.Header.Get("Content-Type"), "the GraphQL response has neither data nor errors", resp.Body)
	}
	return res, nil
}

// GraphQLResult is the data of a GraphQL answer, kept as the raw JSON GitLab
// sent and read with gjson paths (https://github.com/tidwall/gjson), like
// an *Object: res.GetString("project.issues.nodes.0.title"),
// res.Get("project.issues.nodes.#.iid").
type GraphQLResult struct {
	data       []byte
	extensions []byte

	StatusCode int         // the HTTP status of the answer (200)
	Header     http.Header // the answer's headers (X-Request-Id, RateLimit-*)
}

// Get returns the value at a gjson path of the data ("project.name").
func (r *GraphQLResult) Get(path string) gjson.Result { return gjson.GetBytes(r.data, path) }

// Data returns the whole data object.
func (r *GraphQLResult) Data() gjson.Result { return gjson.ParseBytes(r.data) }

// Has reports whether path holds a value (null counts as one).
func (r *GraphQLResult) Has(path string) bool { return r.Get(path).Exists() }

// GetString returns the value at path as a string ("" when absent).
func (r *GraphQLResult) GetString(path string) string { return r.Get(path).String() }

// GetInt returns the value at path as an int (0 when absent).
func (r *GraphQLResult) GetInt(path string) int { return int(r.Get(path).Int()) }

// GetFloat returns the value at path as a float64 (0 when absent).
func (r *GraphQLResult) GetFloat(path string) float64 { return r.Get(path).Float() }

// GetBool returns the value at path as a bool (false when absent).
func (r *GraphQLResult) GetBool(path string) bool { return r.Get(path).Bool() }

// Decode unmarshals the data into v (a struct or a map).
func (r *GraphQLResult) Decode(v any) error { return json.Unmarshal(r.data, v) }

// Raw returns a copy of the data's JSON.
func (r *GraphQLResult) Raw() []byte { return bytes.Clone(r.data) }

// Extensions returns the answer's extensions object (Exists() is false when
// it had none).
func (r *GraphQLResult) Extensions() gjson.Result { return gjson.ParseBytes(r.extensions) }

// MarshalJSON returns the data's JSON.
func (r *GraphQLResult) MarshalJSON() ([]byte, error) { return r.Raw(), nil }

// String returns the data's JSON.
func (r *GraphQLResult) String() string { return string(r.data) }

// Paginate runs query page after page and yields every node of the
// connection at the gjson path connection of the data ("project.issues",
// "group.projects"), for as long as the loop wants more: breaking out of
// the loop stops fetching.
//
// The query must ask for the connection's nodes (or edges { node }) and
// pageInfo { hasNextPage endCursor }, and take the cursor as a variable
// used as the connection's after argument; Paginate sets that variable
// ("after", or the name given with WithCursorVariable) to the endCursor of
// the page before, starting from the value in variables, if any:
//
//	q := `query($path: ID!, $after: String) {
//	  project(fullPath: $path) {
//	    issues(first: 100, after: $after) { nodes { iid title } pageInfo { hasNextPage endCursor } }
//	  }
//	}`
//	for issue, err := range gql.Paginate(ctx, q, map[string]any{"path": "group/project"}, "project.issues") {
//		if err != nil { return err }
//		fmt.Println(issue.Get("iid").String(), issue.Get("title").String())
//	}
//
// Each page is one Execute (with opts: retries and timeouts apply to each).
// A failed page yields its error and ends the iteration, as does a page
// whose answer has no such connection (a *ParseError: a null project, or a
// path that does not match the query) or a next page announced with the
// same cursor as the page before (the query does not use the cursor
// variable), which would otherwise never end. Nodes are gjson values of the
// page's JSON; decode one with json.Unmarshal([]byte(node.Raw), &v).
//
// GitLab docs: https://docs.gitlab.com/api/graphql/getting_started/#pagination
func (g *GraphQL) Paginate(ctx context.Context, query string, variables map[string]any, connection string, opts ...RequestOption) iter.Seq2[gjson.Result, error] {
	return func(yield func(gjson.Result, error) bool) {
		cursorVar := collectGraphQLOptions(opts).cursorVar
		vars := maps.Clone(variables)
		if vars == nil {
			vars = map[string]any{}
		}
		for {
			res, err := g.Execute(ctx, query, vars, opts...)
			if err != nil {
				yield(gjson.Result{}, err)
				return
			}
			nodes, next, err := g.page(res, connection)
			if err != nil {
				yield(gjson.Result{}, err)
				return
			}
			for _, n := range nodes {
				if !yield(n, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if prev, _ := vars[cursorVar].(string); next == prev {
				yield(gjson.Result{}, g.pageError(res, connection, fmt.Sprintf(
					"pageInfo announces a next page at the cursor just used (%q): does the query pass $%s to the connection's after argument?", next, cursorVar)))
				return
			}
			vars[cursorVar] = next
		}
	}
}

// page reads one page of the connection at path: its nodes and the cursor
// of the next page ("" when it is the last).
func (g *GraphQL) page(res *GraphQLResult, path string) ([]gjson.Result, string, error) {
	conn := res.Get(path)
	if !conn.IsObject() {
		return nil, "", g.pageError(res, path, fmt.Sprintf("no connection at %q in the data (missing or null)", path))
	}
	var nodes []gjson.Result
	switch n, e := conn.Get("nodes"), conn.Get("edges"); {
	case n.IsArray():
		nodes = n.Array()
	case e.IsArray():
		nodes = conn.Get("edges.#.node").Array()
	default:
		return nil, "", g.pageError(res, path, fmt.Sprintf("the connection at %q has neither nodes nor edges: ask for one of them", path))
	}
	info := conn.Get("pageInfo")
	if !info.Get("hasNextPage").Exists() {
		return nil, "", g.pageError(res, path, fmt.Sprintf("the connection at %q has no pageInfo { hasNextPage endCursor }: ask for it", path))
	}
	if !info.Get("hasNextPage").Bool() {
		return nodes, "", nil
	}
	next := info.Get("endCursor").String()
	if next == "" {
		return nil, "", g.pageError(res, path, fmt.Sprintf("the connection at %q has a next page but no endCursor: ask for pageInfo { endCursor }", path))
	}
	return nodes, next, nil
}

func (g *GraphQL) pageError(res *GraphQLResult, path, reason string) error {
	return base.NewParseError("graphql", http.MethodPost, g.URL(), res.StatusCode, res.Header.Get("Content-Type"), reason, res.data)
}

// Errors of GraphQL limits, matched with errors.Is against a *GraphQLError
// holding GitLab's message for them.
var (
	// ErrGraphQLComplexity: the query exceeds GitLab's maximum complexity
	// ("Query has complexity of 300, which exceeds max complexity of 250"),
	// depth ("Query has depth of …, which exceeds max depth of …") or size
	// (10,000 characters: "Query too large").
	// GitLab docs: https://docs.gitlab.com/api/graphql/#limits
	ErrGraphQLComplexity = errors.New("gitlab: GraphQL query over GitLab's complexity, depth or size limit")

	// ErrGraphQLTimeout: GitLab stopped the query (after 30 seconds by
	// default): "Request timed out. Please try a less complex query or a
	// smaller set of records." (a 503), or a field's "Timeout on …".
	// GitLab docs: https://docs.gitlab.com/api/graphql/#limits
	ErrGraphQLTimeout = errors.New("gitlab: GraphQL query timed out on the server")
)

// GraphQLError is the errors array of a GraphQL answer: errors found
// before running the query (syntax, validation, GitLab's limits) or while
// running it (a field that failed; the data then holds what could be
// resolved, and Execute returns it too). It prints every message with its
// path and location; errors.Is matches ErrGraphQLComplexity and
// ErrGraphQLTimeout by GitLab's messages, and, for a non-2xx answer, the
// sentinels of its status (ErrUnauthorized for GitLab's 401 "Invalid
// token"), through HTTP.
type GraphQLError struct {
	Errors     []GraphQLErrorItem
	StatusCode int    // the HTTP status: 200 for errors in a successful answer
	URL        string // without credentials
	RequestID  string
	Attempts   int    // requests made, retries included (known for a non-2xx answer)
	HTTP       *Error // the non-2xx answer the errors came in; nil for a 2xx
}

// GraphQLErrorItem is one entry of a GraphQL answer's errors array.
type GraphQLErrorItem struct {
	Message string `json:"message"`
	// Path leads to the field that failed: field names (string) and list
	// indexes (int), e.g. ["project", "issues", "nodes", 0, "title"].
	Path       []any             `json:"path,omitempty"`
	Locations  []GraphQLLocation `json:"locations,omitempty"`
	Extensions map[string]any    `json:"extensions,omitempty"`
}

// GraphQLLocation is a position in the query document (1-based).
type GraphQLLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// graphQLErrorOf reads the errors array of a GraphQL answer; nil when the
// body has none.
func graphQLErrorOf(body []byte, status int, url string, h http.Header) *GraphQLError {
	errs := gjson.GetBytes(body, "errors")
	if !errs.IsArray() || len(errs.Array()) == 0 {
		return nil
	}
	e := &GraphQLError{StatusCode: status, URL: base.SanitizeURL(url)}
	if h != nil {
		e.RequestID = h.Get("X-Request-Id")
	}
	for _, v := range errs.Array() {
		var it GraphQLErrorItem
		if v.IsObject() {
			_ = json.Unmarshal([]byte(v.Raw), &it)
			for i, p := range it.Path {
				if f, ok := p.(float64); ok {
					it.Path[i] = int(f)
				}
			}
		}
		if it.Message == "" {
			it.Message = v.String()
		}
		e.Errors = append(e.Errors, it)
	}
	return e
}

// PathString joins Path with dots: "project.issues.nodes.0.title".
func (it GraphQLErrorItem) PathString() string {
	parts := make([]string, len(it.Path))
	for i, p := range it.Path {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, ".")
}

// String is the message with its path and first location:
// "Timeout on Project.issues (at project.issues, line 3, column 5)".
func (it GraphQLErrorItem) String() string {
	var where []string
	if len(it.Path) > 0 {
		where = append(where, "at "+it.PathString())
	}
	if len(it.Locations) > 0 {
		where = append(where, "line "+strconv.Itoa(it.Locations[0].Line)+", column "+strconv.Itoa(it.Locations[0].Column))
	}
	if len(where) == 0 {
		return it.Message
	}
	return it.Message + " (" + strings.Join(where, ", ") + ")"
}

// Error prints the messages, the HTTP status when it is not a 2xx, what to
// do about GitLab's limits, and the attempts when there were retries:
// "graphql: 2 errors: … ; …".
func (e *GraphQLError) Error() string {
	var b strings.Builder
	b.WriteString("graphql: ")
	if e.StatusCode < 200 || e.StatusCode > 299 {
		b.WriteString(strconv.Itoa(e.StatusCode) + ": ")
	}
	if len(e.Errors) > 1 {
		b.WriteString(strconv.Itoa(len(e.Errors)) + " errors: ")
	}
	for i, it := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(it.String())
	}
	switch {
	case e.matches(isComplexityMessage):
		b.WriteString(" [GitLab limits a query's complexity (250 by default, 200 without a token), depth and size (10,000 characters): ask for fewer fields or smaller pages (first:), or split the query]")
	case e.matches(isTimeoutMessage):
		b.WriteString(" [GitLab stops a GraphQL request after 30 seconds by default: ask for fewer records per page (first:) or fewer fields]")
	}
	if e.Attempts > 1 {
		b.WriteString(" (after " + strconv.Itoa(e.Attempts) + " attempts)")
	}
	return b.String()
}

// Is matches ErrGraphQLComplexity and ErrGraphQLTimeout.
func (e *GraphQLError) Is(target error) bool {
	switch target {
	case ErrGraphQLComplexity:
		return e.matches(isComplexityMessage)
	case ErrGraphQLTimeout:
		return e.matches(isTimeoutMessage)
	}
	return false
}

// Unwrap returns the *Error of a non-2xx answer, nil otherwise.
func (e *GraphQLError) Unwrap() error {
	if e.HTTP == nil {
		return nil
	}
	return e.HTTP
}

// Messages returns every error's message.
func (e *GraphQLError) Messages() []string {
	out := make([]string, len(e.Errors))
	for i, it := range e.Errors {
		out[i] = it.Message
	}
	return out
}

func (e *GraphQLError) matches(f func(string) bool) bool {
	for _, it := range e.Errors {
		if f(it.Message) {
			return true
		}
	}
	return false
}

// isComplexityMessage recognises GitLab's (graphql-ruby's) limit messages.
func isComplexityMessage(m string) bool {
	return (strings.HasPrefix(m, "Query has complexity of ") && strings.Contains(m, "exceeds max complexity")) ||
		(strings.HasPrefix(m, "Query has depth of ") && strings.Contains(m, "exceeds max depth")) ||
		m == "Query too large"
}

// isTimeoutMessage recognises GitLab's timeout messages: the controller's
// 503 and graphql-ruby's per-field timeout.
func isTimeoutMessage(m string) bool {
	return strings.HasPrefix(m, "Request timed out") || strings.HasPrefix(m, "Timeout on ")
}
