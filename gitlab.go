// Package gitlab is a GitLab REST API v4 client in the design of
// python-gitlab: managers declared as data, objects that keep GitLab's JSON
// raw and send back only what changed, and every python-gitlab behaviour a
// user relies on, with Go's conventions (context first, iterators, errors
// that work with errors.Is and errors.As).
//
//	gl, err := gitlab.New("https://gitlab.example.com", gitlab.WithPrivateToken(token))
//	project, err := gl.Projects.Get(ctx, "group/project")
//	for issue, err := range project.Issues().All(ctx, gitlab.Params{"state": "opened"}) { ... }
//
// # Where to go next
//
// Managers: the [Client]'s fields (gl.Projects, gl.Groups, gl.Users, …) are
// typed managers from package [github.com/golab/gitlab/managers], with
// exactly the operations GitLab allows: List (one [*Page]), All (an iterator
// over every page; [Collect] gathers it), Scan (the same, reusing a few page
// buffers: each object valid until the loop's next step unless kept with
// Keep), Pages, Head, Get, Lazy, Create, Update, Delete, GetCreateAttrs and
// GetUpdateAttrs. A manager declared at run time
// ([Spec], [Client.Register]) is a [*Dynamic].
//
// Objects: every object is an [*Object] underneath (GetString, Set, Decode,
// …); typed ones add Save, Delete, Refresh, their sub-managers
// (project.Issues()) and actions (project.Star).
//
// Options: [New] takes [Option] values (credentials such as
// [WithPrivateToken], transport, pagination, logging); every call takes
// [RequestOption] values ([WithParams], [WithSudo], [WithTimeout], …).
// [FromConfig] and [FromEnv] build a client from python-gitlab's
// configuration files or the environment.
//
// Errors: a failed request is an [*Error] (errors.Is(err, [ErrNotFound]) and
// the other Err* values); [ParseError], [AttrError], [MissingAttrError],
// [PathError] and [OpError] say what else went wrong, and when.
//
// Endpoints without a manager: [Client.HTTPGet], HTTPPost, HTTPPut,
// HTTPPatch, HTTPDelete and HTTPList, with paths escaped by [EscapeID].
//
// GraphQL: [Client.GraphQL] (or [NewGraphQL]) runs queries and mutations
// ([GraphQL.Execute]) and follows connections page after page
// ([GraphQL.Paginate]), on the same connection, retries and rate limits.
//
// Tests: package [github.com/golab/gitlab/test/gitlabtest] is a fake GitLab
// to run your code against.
//
// GitLab API: https://docs.gitlab.com/api/rest/
package gitlab

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/go-resty/resty/v2"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// LibraryVersion is this library's version, sent in the default User-Agent.
const LibraryVersion = "0.1.0"

// DefaultURL is the server used when New is given an empty URL.
const DefaultURL = "https://gitlab.com"

// Client talks to one GitLab server. It is safe for concurrent use.
//
// Root managers are its fields, from the embedded managers.Root:
// gl.Projects, gl.Groups, gl.Users, gl.Runners, gl.Todos and the other 40
// python-gitlab has (go doc managers.Root lists them). Sub-managers are
// methods of objects: project.Issues(), project.Pipelines(), mr.Notes().
// Managers declared at run time are reached by name: gl.Manager(name).
type Client struct {
	managers.Root

	baseURL  string
	apiURL   string
	origin   string // scheme://host:port of baseURL: where credentials may go
	rc       *resty.Client
	s        settings
	registry *base.Registry

	mu      sync.Mutex
	user    *managers.CurrentUser
	version [2]string
}

// New returns a client for the GitLab at baseURL (https://gitlab.com when
// empty), e.g. "https://gitlab.example.com" or a sub-path install
// "https://example.com/gitlab". The URL of its REST API is accepted too
// ("https://gitlab.example.com/api/v4", as GitLab's Go client takes it):
// the trailing /api/v4 is dropped. It makes no request. With no credential
// option the client is anonymous; giving more than one credential is an
// error. A URL that is not http(s), or has a query or a fragment, is an
// error that shows it (credentials masked).
func New(baseURL string, opts ...Option) (*Client, error) {
	if baseURL == "" {
		baseURL = DefaultURL
	}
	given := baseURL
	baseURL = strings.TrimSuffix(strings.TrimRight(baseURL, "/"), "/api/v4")
	u, err := url.Parse(baseURL)
	switch {
	case err != nil:
		return nil, fmt.Errorf("gitlab: %q is not a URL: %w", base.SanitizeURL(given), unwrapURLError(err))
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return nil, fmt.Errorf("gitlab: %q is not an http(s) URL such as https://gitlab.example.com", base.SanitizeURL(given))
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("gitlab: %q has a query or a fragment: give the server's URL, such as https://gitlab.example.com", base.SanitizeURL(given))
	}
	c := &Client{baseURL: baseURL, apiURL: baseURL + "/api/v4", origin: origin(u)}
	c.s.userAgent = "golab-gitlab/" + LibraryVersion
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.applyToClient(&c.s); err != nil {
			return nil, err
		}
	}
	if err := c.s.prepareConn(); err != nil {
		return nil, err
	}
	n := 0
	for _, t := range []string{c.s.privateToken, c.s.oauthToken, c.s.jobToken} {
		if t != "" {
			n++
		}
	}
	if n > 1 {
		return nil, fmt.Errorf("gitlab: only one of WithPrivateToken, WithOAuthToken and WithJobToken may be given")
	}
	if c.s.registry != nil {
		c.registry = c.s.registry
	} else {
		c.registry = NewRegistry()
	}
	c.rc = c.newResty()
	c.configureRetries(c.rc)
	c.Root = managers.NewRoot(c, c.registry)
	return c, nil
}

// URL is the server's base URL, without trailing slash.
func (c *Client) URL() string { return c.baseURL }

// String describes the client without any secret: its URL (user
// information masked) and the kind of credential it sends, e.g.
// "gitlab.Client{url: https://gitlab.example.com, auth: private token}".
func (c *Client) String() string {
	if c == nil {
		return "gitlab.Client(nil)"
	}
	return "gitlab.Client{url: " + base.SanitizeURL(c.baseURL) + ", auth: " + c.authKind() + "}"
}

// GoString is the %#v form of String.
func (c *Client) GoString() string {
	if c == nil {
		return "(*gitlab.Client)(nil)"
	}
	return fmt.Sprintf("&gitlab.Client{URL:%q, Auth:%q}", base.SanitizeURL(c.baseURL), c.authKind())
}

// Format prints the client as String does, for every verb (%#v as
// GoString, %q quoted): printing a client never shows its token, its basic
// password or its headers, whatever the verb or flags.
func (c *Client) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		io.WriteString(f, c.GoString())
	case verb == 'q':
		fmt.Fprintf(f, "%q", c.String())
	default:
		io.WriteString(f, c.String())
	}
}

// LogValue implements slog.LogValuer: a client given to a logger is logged
// as its URL and the kind of credential it sends, never a secret.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(slog.String("url", base.SanitizeURL(c.baseURL)), slog.String("auth", c.authKind()))
}

// authKind names the credential the client sends.
func (c *Client) authKind() string {
	switch {
	case c.s.privateToken != "":
		return "private token"
	case c.s.oauthToken != "":
		return "OAuth token"
	case c.s.jobToken != "":
		return "job token"
	case c.s.conn.basicAuth:
		return "basic"
	}
	return "anonymous"
}

// APIURL is the base URL of the REST API (URL() + "/api/v4").
func (c *Client) APIURL() string { return c.apiURL }

// Registry is the client's registry of managers.
func (c *Client) Registry() *Registry { return c.registry }

// Register declares a new manager on this client; it works at once through
// Manager (root managers) or object.Manager (sub-managers).
func (c *Client) Register(spec *Spec) error { return c.registry.Register(spec) }

// Manager returns the dynamic manager of a root-level spec registered under
// name, e.g. gl.Manager("widget"). Its operations are checked at run time
// against the spec; an unknown name gives a manager whose calls fail with an
// error saying why.
func (c *Client) Manager(name string) *Dynamic { return base.NewDynamic(c.RootCore(name)) }

// RootCore returns the core of the root manager registered under name: the
// engine typed managers are built on. Code written by gitlab-gen calls it for
// the root managers users declare; an unknown name gives a core whose every
// call fails with an error saying why.
func (c *Client) RootCore(name string) *base.Core { return base.RootCore(c, c.registry, name) }

// Auth fetches the authenticated user (GET /user) and keeps it (see User).
// A bad token gives an error matching ErrUnauthorized. A job token cannot
// call it: GitLab does not accept job tokens on /user.
// GitLab API: https://docs.gitlab.com/api/users/
func (c *Client) Auth(ctx context.Context, opts ...RequestOption) (*managers.CurrentUser, error) {
	u, err := c.CurrentUser.Get(ctx, opts...)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.user = u
	c.mu.Unlock()
	c.checkWebURL(u)
	return u, nil
}

// checkWebURL warns when GitLab's idea of its URL differs from ours (a
// misconfigured external_url), as python-gitlab does.
func (c *Client) checkWebURL(u *managers.CurrentUser) {
	web := u.GetString("web_url")
	if web == "" || c.s.conn.keepBaseURL || strings.HasPrefix(web, c.baseURL) {
		return
	}
	c.logger().Warn("gitlab: the server reports a different base URL than the one configured; check its external_url",
		slog.String("configured", base.SanitizeURL(c.baseURL)), slog.String("web_url", base.SanitizeURL(web)))
}

// User returns the user Auth fetched, or nil before Auth.
func (c *Client) User() *managers.CurrentUser {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user
}

// Version returns GitLab's version and revision (GET /version), cached after
// the first success. GitLab API: https://docs.gitlab.com/api/version/
func (c *Client) Version(ctx context.Context, opts ...RequestOption) (version, revision string, err error) {
	c.mu.Lock()
	v := c.version
	c.mu.Unlock()
	if v[0] != "" {
		return v[0], v[1], nil
	}
	resp, err := c.Do(ctx, &base.Request{Op: "version", Method: http.MethodGet, Path: "/version", Options: opts})
	if err != nil {
		return "", "", err
	}
	var m map[string]any // encoding/json: the last of a repeated key counts, as everywhere
	ver, ok := "", false
	if json.Unmarshal(resp.Body, &m) == nil {
		ver, ok = m["version"].(string)
	}
	if !ok {
		return "", "", base.NewParseError("version", http.MethodGet, resp.URL, resp.StatusCode,
			resp.Header.Get("Content-Type"), "expected a JSON object with a version", resp.Body)
	}
	rev, _ := m["revision"].(string)
	v = [2]string{ver, rev}
	c.mu.Lock()
	c.version = v
	c.mu.Unlock()
	return v[0], v[1], nil
}

// Close releases the client's idle connections. The client must not be
// used afterwards. It implements io.Closer, for defer gl.Close().
func (c *Client) Close() error {
	c.rc.GetClient().CloseIdleConnections()
	return nil
}

// HTTPGet sends GET path with params: python-gitlab's http_get, for
// endpoints that have no manager.
//
// path is relative to the API root ("/projects/42/badges"), or an absolute
// URL, and is sent as given: escape every ID, full path, file path or branch
// name in it with EscapeID, as managers do for you:
//
//	resp, err := gl.HTTPGet(ctx, "/projects/"+gitlab.EscapeID("group/sub/project")+"/languages", nil)
//
// The answer is a *Response (read it with JSON or Decode); a non-2xx answer
// is an *Error. HTTPPost, HTTPPut, HTTPPatch, HTTPDelete and HTTPList take
// their path the same way.
func (c *Client) HTTPGet(ctx context.Context, path string, params Params, opts ...RequestOption) (*Response, error) {
	return c.http(ctx, http.MethodGet, path, params, nil, opts)
}

// HTTPPost sends POST path (escaped as for HTTPGet: see EscapeID) with body
// as JSON: Attrs, any other JSON-encodable value, or nil for no body.
func (c *Client) HTTPPost(ctx context.Context, path string, body any, opts ...RequestOption) (*Response, error) {
	return c.http(ctx, http.MethodPost, path, nil, body, opts)
}

// HTTPPut sends PUT path (escaped as for HTTPGet: see EscapeID) with body,
// encoded as for HTTPPost.
func (c *Client) HTTPPut(ctx context.Context, path string, body any, opts ...RequestOption) (*Response, error) {
	return c.http(ctx, http.MethodPut, path, nil, body, opts)
}

// HTTPPatch sends PATCH path (escaped as for HTTPGet: see EscapeID) with
// body, encoded as for HTTPPost.
func (c *Client) HTTPPatch(ctx context.Context, path string, body any, opts ...RequestOption) (*Response, error) {
	return c.http(ctx, http.MethodPatch, path, nil, body, opts)
}

// HTTPDelete sends DELETE path (escaped as for HTTPGet: see EscapeID).
func (c *Client) HTTPDelete(ctx context.Context, path string, opts ...RequestOption) (*Response, error) {
	return c.http(ctx, http.MethodDelete, path, nil, nil, opts)
}

// HTTPList iterates over every item of a paginated GET path (escaped as for
// HTTPGet: see EscapeID), following GitLab's pagination as a manager's All
// does; items are *Object values.
func (c *Client) HTTPList(ctx context.Context, path string, params Params, opts ...RequestOption) iter.Seq2[*Object, error] {
	spec := &base.Spec{Name: "http_list", Path: path, Ops: base.OpList}
	return base.ListAll(ctx, base.NewManager(base.NewCore(c, c.registry, spec, nil), func(o *Object) *Object { return o }), params, opts)
}

func (c *Client) http(ctx context.Context, method, path string, params Params, body any, opts []RequestOption) (*Response, error) {
	req := &base.Request{Op: strings.ToLower(method), Method: method, Path: path, Raw: true, Options: opts}
	if params != nil {
		q, err := base.EncodeQuery(params, base.AttrTypes{})
		if err != nil {
			return nil, err
		}
		req.Query = q
	}
	switch b := body.(type) {
	case nil:
	case Attrs:
		data, form, err := base.EncodeBody(b, base.AttrTypes{})
		if err != nil {
			return nil, err
		}
		req.Body, req.Form = data, form
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("gitlab: %s %s: cannot encode the body: %w", method, path, err)
		}
		req.Body = raw
	}
	return c.Do(ctx, req)
}
