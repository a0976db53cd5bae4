package gitlabtest

import (
	"context"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	graphql "github.com/graph-gophers/graphql-go"
	"github.com/tidwall/gjson"
)

// Resolvers of the fake's GraphQL schema (graphQLSchema). They read the same
// state as the REST handlers, under the lock serveGraphQL holds, and reach
// the request through their context (reqOf).

// gqlMessage is an error whose text is GitLab's message, as sent in the
// answer's errors array.
type gqlMessage string

func (m gqlMessage) Error() string { return string(m) }

// GitLab's messages (https://docs.gitlab.com/development/api_graphql_styleguide/#error-handling).
const (
	errNoAccess   gqlMessage = "The resource that you are attempting to access does not exist or you don't have permission to perform this action"
	errBadCursor  gqlMessage = "Please provide a valid cursor"
	errBadTime    gqlMessage = "Time must be an ISO 8601 string"
	errBadFirst   gqlMessage = "first must be greater than or equal to 0"
	errBadVarJSON gqlMessage = "Variables must be a JSON object"
)

// gqlMaxPageSize is GitLab's default maximum page size of connections
// (https://docs.gitlab.com/api/graphql/#limits).
const gqlMaxPageSize = 100

// gid is a GitLab global ID: gid://gitlab/Project/42.
func gid(kind string, id int) graphql.ID {
	return graphql.ID("gid://gitlab/" + kind + "/" + strconv.Itoa(id))
}

// gqlTime is GitLab's Time scalar: an ISO 8601 date-time, stored as the
// REST API's timestamp and served in seconds, as GitLab's GraphQL does.
type gqlTime string

func (gqlTime) ImplementsGraphQLType(name string) bool { return name == "Time" }

func (t *gqlTime) UnmarshalGraphQL(input any) error {
	s, ok := input.(string)
	if !ok {
		return errBadTime
	}
	*t = gqlTime(s)
	return nil
}

func (t gqlTime) MarshalJSON() ([]byte, error) {
	v := string(t)
	if p, err := time.Parse(time.RFC3339Nano, v); err == nil {
		v = p.UTC().Format(time.RFC3339)
	}
	return marshal(v), nil
}

// timeOf is the stored timestamp v as a Time, nil when there is none.
func timeOf(v any) *gqlTime {
	s, ok := v.(string)
	if !ok || s == "" {
		return nil
	}
	t := gqlTime(s)
	return &t
}

func strPtr(s string) *string { return &s }

// gqlRoot resolves Query and Mutation.
type gqlRoot struct{}

func (*gqlRoot) CurrentUser(ctx context.Context) (*gqlUser, error) {
	q := reqOf(ctx)
	if err := q.charge(ctx); err != nil || q.c.user == nil {
		return nil, err
	}
	return &gqlUser{q: q, u: q.c.user}, nil
}

type fullPathArgs struct{ FullPath graphql.ID }

// Project is null when the project does not exist or is not visible.
func (*gqlRoot) Project(ctx context.Context, args fullPathArgs) (*gqlProject, error) {
	q := reqOf(ctx)
	if err := q.charge(ctx); err != nil {
		return nil, err
	}
	p := q.s.st.projectByPath[lower(string(args.FullPath))]
	if p == nil || !q.s.canReadProject(q.c.user, p) {
		return nil, nil
	}
	return &gqlProject{q: q, p: p}, nil
}

// Group is null when the group does not exist or is not visible.
func (*gqlRoot) Group(ctx context.Context, args fullPathArgs) (*gqlGroup, error) {
	q := reqOf(ctx)
	if err := q.charge(ctx); err != nil {
		return nil, err
	}
	ns := q.s.st.nsByPath[lower(string(args.FullPath))]
	if ns == nil || ns.group == nil || !q.s.canReadGroup(q.c.user, ns.group) {
		return nil, nil
	}
	return &gqlGroup{q: q, g: ns.group}, nil
}

type createIssueInput struct {
	ProjectPath      graphql.ID
	Title            string
	Description      *string
	Labels           *[]string
	Confidential     *bool
	ClientMutationId *string
}

// CreateIssue opens an issue through the REST handler, so both APIs create
// issues alike (https://docs.gitlab.com/api/graphql/reference/#mutationcreateissue).
// Validation failures are the payload's errors, as GitLab reports them;
// an unknown or invisible project, an anonymous caller or a token without
// the api scope is a GraphQL error.
func (*gqlRoot) CreateIssue(ctx context.Context, args struct{ Input createIssueInput }) (*gqlCreateIssuePayload, error) {
	q := reqOf(ctx)
	if err := q.charge(ctx); err != nil {
		return nil, err
	}
	in := args.Input
	if q.c.user == nil || (q.c.tok != nil && q.c.tok.kind != JobToken && !q.c.tok.scopes["api"]) {
		return nil, errNoAccess
	}
	p := params{"title": in.Title}
	if in.Description != nil {
		p["description"] = *in.Description
	}
	if in.Labels != nil {
		labels := make([]any, len(*in.Labels))
		for i, l := range *in.Labels {
			labels[i] = l
		}
		p["labels"] = labels
	}
	if in.Confidential != nil {
		p["confidential"] = *in.Confidential
	}
	path := string(in.ProjectPath)
	c := &call{s: q.s, r: q.c.r, w: q.c.w, rt: q.c.rt, base: q.c.base, rc: newRenderCtx(q.c.base),
		user: q.c.user, tokenUser: q.c.tokenUser, tok: q.c.tok, p: p,
		args: []string{path}, segs: []string{"projects", path, "issues"}}
	out := &gqlCreateIssuePayload{clientMutationID: in.ClientMutationId, errors: []string{}}
	if e := q.s.createIssue(c); e != nil {
		if e.status != http.StatusBadRequest {
			return nil, errNoAccess
		}
		out.errors = validationMessages(e.body)
		return out, nil
	}
	res := gjson.ParseBytes(c.body)
	if proj := q.s.st.projectByID[int(res.Get("project_id").Int())]; proj != nil && proj.issues != nil {
		if it := proj.issues.byKey[res.Get("iid").String()]; it != nil {
			out.issue = &gqlIssuable{q: q, it: it}
		}
	}
	return out, nil
}

// validationMessages turns a REST 400 body into GitLab's mutation errors:
// {"message":{"title":["can't be blank"]}} → "Title can't be blank".
func validationMessages(body []byte) []string {
	var out []string
	msg := gjson.GetBytes(body, "message")
	if !msg.Exists() {
		msg = gjson.GetBytes(body, "error")
	}
	if !msg.IsObject() {
		return []string{msg.String()}
	}
	msg.ForEach(func(field, list gjson.Result) bool {
		name := strings.ReplaceAll(field.String(), "_", " ")
		if name != "" {
			name = strings.ToUpper(name[:1]) + name[1:]
		}
		for _, m := range list.Array() {
			out = append(out, name+" "+m.String())
		}
		return true
	})
	return out
}

type gqlCreateIssuePayload struct {
	clientMutationID *string
	errors           []string
	issue            *gqlIssuable
}

func (p *gqlCreateIssuePayload) ClientMutationId() *string { return p.clientMutationID }
func (p *gqlCreateIssuePayload) Errors() []string          { return p.errors }
func (p *gqlCreateIssuePayload) Issue() *gqlIssuable       { return p.issue }

// gqlUser resolves UserCore.
type gqlUser struct {
	q *gqlReq
	u *user
}

func (r *gqlUser) ID() graphql.ID     { return gid("User", r.u.id) }
func (r *gqlUser) Username() string   { return r.u.username }
func (r *gqlUser) Name() string       { return r.u.str("name") }
func (r *gqlUser) State() string      { return r.u.str("state") }
func (r *gqlUser) WebURL() string     { return r.q.url(r.u.str("web_url")) }
func (r *gqlUser) AvatarURL() *string { return strPtr(r.u.str("avatar_url")) }

func (r *gqlUser) PublicEmail() *string {
	if e := r.u.str("public_email"); e != "" {
		return &e
	}
	return nil
}

// userOf resolves a user by id; nil for a deleted one.
func (q *gqlReq) userOf(id int) *gqlUser {
	if u := q.s.st.userByID[id]; u != nil {
		return &gqlUser{q: q, u: u}
	}
	return nil
}

// gqlGroup resolves Group.
type gqlGroup struct {
	q *gqlReq
	g *group
}

func (r *gqlGroup) ID() graphql.ID       { return gid("Group", r.g.id) }
func (r *gqlGroup) Name() string         { return r.g.ns.name }
func (r *gqlGroup) Path() string         { return r.g.ns.path }
func (r *gqlGroup) FullPath() graphql.ID { return graphql.ID(r.g.ns.fullPath) }
func (r *gqlGroup) Visibility() *string  { return strPtr(visNames[r.g.vis]) }
func (r *gqlGroup) WebURL() string       { return r.q.url(anyString(r.g.obj["web_url"])) }

func (r *gqlGroup) Description() *string {
	if d, ok := r.g.obj["description"].(string); ok {
		return &d
	}
	return nil
}

type groupProjectsArgs struct {
	First            *int32
	After            *string
	IncludeSubgroups bool
}

// Projects are the visible projects of the group (and of its subgroups
// with includeSubgroups), oldest first.
func (r *gqlGroup) Projects(args groupProjectsArgs) (*gqlConn[*gqlProject], error) {
	in := r.g.holds(args.IncludeSubgroups)
	var list []*project
	for _, p := range r.q.s.st.projects {
		if in(p) && r.q.s.canReadProject(r.q.c.user, p) {
			list = append(list, p)
		}
	}
	return gqlPage(list, func(p *project) int { return p.id }, false, args.First, args.After,
		func(p *project) *gqlProject { return &gqlProject{q: r.q, p: p} })
}

// gqlProject resolves Project.
type gqlProject struct {
	q *gqlReq
	p *project
}

func (r *gqlProject) ID() graphql.ID       { return gid("Project", r.p.id) }
func (r *gqlProject) Name() string         { return r.p.name }
func (r *gqlProject) Path() string         { return r.p.path }
func (r *gqlProject) FullPath() graphql.ID { return graphql.ID(r.p.fullPath) }
func (r *gqlProject) Visibility() *string  { return strPtr(visNames[r.p.vis]) }
func (r *gqlProject) Archived() *bool      { return &r.p.archived }
func (r *gqlProject) CreatedAt() *gqlTime  { return timeOf(r.p.createdAt) }

func (r *gqlProject) NameWithNamespace() string {
	return gjson.GetBytes(r.p.doc.raw, "name_with_namespace").String()
}

func (r *gqlProject) Description() *string {
	if d := gjson.GetBytes(r.p.doc.raw, "description"); d.Type == gjson.String {
		return strPtr(d.String())
	}
	return nil
}

func (r *gqlProject) WebURL() *string {
	return strPtr(r.q.url(gjson.GetBytes(r.p.doc.raw, "web_url").String()))
}

type iidArgs struct{ Iid string }

func (r *gqlProject) Issue(args iidArgs) *gqlIssuable { return r.q.issuable(r.p.issues, args.Iid) }

func (r *gqlProject) MergeRequest(args iidArgs) *gqlIssuable { return r.q.issuable(r.p.mrs, args.Iid) }

func (q *gqlReq) issuable(col *coll, iid string) *gqlIssuable {
	if col == nil || col.byKey[iid] == nil {
		return nil
	}
	return &gqlIssuable{q: q, it: col.byKey[iid]}
}

type issuesArgs struct {
	First     *int32
	After     *string
	State     *string
	Search    *string
	Iids      *[]string
	LabelName *[]*string
}

// Issues are the project's issues, newest first, filtered as the REST list
// filters them.
func (r *gqlProject) Issues(args issuesArgs) (*gqlConn[*gqlIssuable], error) {
	p := params{}
	if args.Search != nil {
		p["search"] = *args.Search
	}
	if args.LabelName != nil {
		var labels []any
		for _, l := range *args.LabelName {
			if l != nil {
				labels = append(labels, *l)
			}
		}
		p["labels"] = labels
	}
	return r.q.issuables(r.p.issues, []string{"opened", "closed"}, p, args.State, args.Iids, args.First, args.After)
}

type mergeRequestsArgs struct {
	First  *int32
	After  *string
	State  *string
	Iids   *[]string
	Labels *[]string
}

// MergeRequests are the project's merge requests, newest first.
func (r *gqlProject) MergeRequests(args mergeRequestsArgs) (*gqlConn[*gqlIssuable], error) {
	p := params{}
	if args.Labels != nil {
		p["labels"] = anyList(*args.Labels)
	}
	return r.q.issuables(r.p.mrs, []string{"opened", "closed", "locked", "merged"}, p, args.State, args.Iids, args.First, args.After)
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// issuables filters col with the REST list's filter (issuableFilter), given
// the parameters p plus state and iids, and pages the result newest first.
func (q *gqlReq) issuables(col *coll, states []string, p params, state *string, iids *[]string, first *int32, after *string) (*gqlConn[*gqlIssuable], error) {
	if state != nil {
		p["state"] = *state
	}
	if iids != nil {
		p["iids"] = anyList(*iids)
	}
	pred, e := issuableFilter(&call{p: p}, states)
	if e != nil {
		return nil, gqlMessage(gjson.GetBytes(e.body, "error").String())
	}
	var list []*item
	if col != nil {
		for _, it := range col.items {
			if pred(it) {
				list = append(list, it)
			}
		}
	}
	return gqlPage(list, func(it *item) int { return it.id }, true, first, after,
		func(it *item) *gqlIssuable { return &gqlIssuable{q: q, it: it} })
}

// gqlIssuable resolves Issue and MergeRequest from their REST JSON.
type gqlIssuable struct {
	q  *gqlReq
	it *item
}

func (r *gqlIssuable) kind() string {
	if r.it.obj["source_branch"] != nil {
		return "MergeRequest"
	}
	return "Issue"
}

func (r *gqlIssuable) str(k string) string  { return anyString(r.it.obj[k]) }
func (r *gqlIssuable) ID() graphql.ID       { return gid(r.kind(), r.it.id) }
func (r *gqlIssuable) Iid() string          { return r.it.key }
func (r *gqlIssuable) ProjectID() int32     { return int32(atoi(r.str("project_id"))) }
func (r *gqlIssuable) Title() string        { return r.str("title") }
func (r *gqlIssuable) State() string        { return r.str("state") }
func (r *gqlIssuable) Confidential() bool   { return r.it.obj["confidential"] == true }
func (r *gqlIssuable) Draft() bool          { return r.it.obj["draft"] == true }
func (r *gqlIssuable) SourceBranch() string { return r.str("source_branch") }
func (r *gqlIssuable) TargetBranch() string { return r.str("target_branch") }
func (r *gqlIssuable) WebURL() string       { return r.q.url(r.str("web_url")) }
func (r *gqlIssuable) CreatedAt() gqlTime   { return gqlTime(r.str("created_at")) }
func (r *gqlIssuable) UpdatedAt() gqlTime   { return gqlTime(r.str("updated_at")) }
func (r *gqlIssuable) ClosedAt() *gqlTime   { return timeOf(r.it.obj["closed_at"]) }
func (r *gqlIssuable) MergedAt() *gqlTime   { return timeOf(r.it.obj["merged_at"]) }
func (r *gqlIssuable) Author() *gqlUser     { return r.q.userOf(authorID(r.it)) }
func (r *gqlIssuable) Labels() *gqlLabelConn {
	return &gqlLabelConn{labels: strList(r.it.obj["labels"])}
}

func (r *gqlIssuable) Description() *string {
	if d, ok := r.it.obj["description"].(string); ok {
		return &d
	}
	return nil
}

func (r *gqlIssuable) Reference(args struct{ Full bool }) string {
	refs, _ := r.it.obj["references"].(map[string]any)
	if args.Full {
		return anyString(refs["full"])
	}
	return anyString(refs["short"])
}

type gqlLabelConn struct{ labels []string }

func (c *gqlLabelConn) Count() int32 { return int32(len(c.labels)) }

func (c *gqlLabelConn) Nodes() *[]*gqlLabel {
	out := make([]*gqlLabel, len(c.labels))
	for i, l := range c.labels {
		out[i] = &gqlLabel{title: l}
	}
	return &out
}

type gqlLabel struct{ title string }

func (l *gqlLabel) Title() string { return l.title }

// gqlConn resolves a connection (ProjectConnection, IssueConnection,
// MergeRequestConnection): one page of nodes with their cursors.
type gqlConn[T any] struct {
	nodes   []T
	cursors []string
	total   int
	hasNext bool
	hasPrev bool
}

func (c *gqlConn[T]) Count() int32 { return int32(c.total) }
func (c *gqlConn[T]) Nodes() *[]T  { return &c.nodes }

func (c *gqlConn[T]) Edges() *[]*gqlEdge[T] {
	out := make([]*gqlEdge[T], len(c.nodes))
	for i, n := range c.nodes {
		out[i] = &gqlEdge[T]{cursor: c.cursors[i], node: n}
	}
	return &out
}

func (c *gqlConn[T]) PageInfo() *gqlPageInfo {
	pi := &gqlPageInfo{HasNext: c.hasNext, HasPrev: c.hasPrev}
	if n := len(c.cursors); n > 0 {
		pi.Start, pi.End = &c.cursors[0], &c.cursors[n-1]
	}
	return pi
}

type gqlEdge[T any] struct {
	cursor string
	node   T
}

func (e *gqlEdge[T]) Cursor() string { return e.cursor }
func (e *gqlEdge[T]) Node() T        { return e.node }

type gqlPageInfo struct {
	Start, End       *string
	HasNext, HasPrev bool
}

func (p *gqlPageInfo) StartCursor() *string  { return p.Start }
func (p *gqlPageInfo) EndCursor() *string    { return p.End }
func (p *gqlPageInfo) HasNextPage() bool     { return p.HasNext }
func (p *gqlPageInfo) HasPreviousPage() bool { return p.HasPrev }

// gqlCursor is an opaque keyset cursor, base64 JSON of the node's id as
// GitLab's are.
func gqlCursor(id int) string {
	return base64.StdEncoding.EncodeToString([]byte(`{"id":"` + strconv.Itoa(id) + `"}`))
}

func parseGQLCursor(c string) (int, bool) {
	raw, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	id := gjson.GetBytes(raw, "id")
	n, err := strconv.Atoi(id.String())
	return n, err == nil && id.Exists()
}

// gqlPage is keyset pagination over list, ordered by id (descending when
// desc): the first nodes (100 by default and at most, GitLab's maximum
// page size) after the cursor's id, so that a page never repeats or skips
// a node when others are added or deleted between pages.
func gqlPage[E, T any](list []E, id func(E) int, desc bool, first *int32, after *string, node func(E) T) (*gqlConn[T], error) {
	n := gqlMaxPageSize
	if first != nil {
		if *first < 0 {
			return nil, errBadFirst
		}
		n = min(int(*first), gqlMaxPageSize)
	}
	slices.SortFunc(list, func(a, b E) int {
		if desc {
			return id(b) - id(a)
		}
		return id(a) - id(b)
	})
	start := 0
	if after != nil {
		cur, ok := parseGQLCursor(*after)
		if !ok {
			return nil, errBadCursor
		}
		for start < len(list) && (desc && id(list[start]) >= cur || !desc && id(list[start]) <= cur) {
			start++
		}
	}
	end := min(start+n, len(list))
	c := &gqlConn[T]{total: len(list), hasNext: end < len(list), hasPrev: start > 0}
	for _, e := range list[start:end] {
		c.nodes = append(c.nodes, node(e))
		c.cursors = append(c.cursors, gqlCursor(id(e)))
	}
	return c, nil
}
