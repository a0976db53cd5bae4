// Package gitlabtest is a stateful, in-memory GitLab REST API v4 (and a
// small part of its GraphQL API) for tests, used the way net/http/httptest
// is:
//
//	srv := gitlabtest.NewServer(t)             // listens on 127.0.0.1, closed by t.Cleanup
//	id := srv.AddProject(gitlabtest.Project{Name: "demo", Visibility: "public"})
//	resp, _ := http.Get(srv.APIURL() + "/projects/" + strconv.Itoa(id))
//
// The built-in administrator "root" (id 1) authenticates with
// DefaultAdminToken; AddUser and AddToken create more users and credentials
// (personal, OAuth and CI job tokens). State can also be created through the
// API itself with the admin token.
//
// # What it serves
//
// Routes live under /api/v4. Path segments are decoded one at a time, so
// URL-encoded full paths (projects/group%2Fproject) and file paths work;
// digits are ids. Served resources: version, the current user and user
// activities, users and their SSH keys, groups and their projects, projects
// (filters, simple=true, star/unstar, fork, rename redirects), issues and
// their notes (by iid), merge requests (by iid; merge, approve, unapprove),
// branches, repository files (JSON with base64 content, raw, HEAD
// metadata), the push rule, CI/CD variables and feature flags. AddResource
// declares further collections with generic CRUD.
//
// The behaviour follows GitLab's documentation (each handler cites its page):
// JSON error bodies in GitLab's shapes ({"message": ...}, {"error": ...},
// field-error objects, OAuth-style scope errors), 201 on create, 204 or 202 on
// delete, 304 for no-op star/unstar, 301 for renamed projects, offset
// pagination with X-Page/X-Per-Page/X-Next-Page/X-Prev-Page/X-Total/
// X-Total-Pages and Link headers (totals dropped above WithTotalsLimit), the
// 405 offset cap of keyset-capable routes, keyset pagination on projects
// (id_after/id_before) and users (cursor), sudo, job-token allow-listing,
// visibility (private resources look absent), timestamps in UTC with
// milliseconds, and HEAD on every GET route (with the GET's Content-Length and
// no body, as GitLab answers).
//
// # GraphQL
//
// POST (and GET, for queries) /api/graphql serves a subset of GitLab's
// GraphQL schema on the same state, so an issue created through REST is
// visible through GraphQL and the other way round: currentUser,
// project(fullPath) with issue, issues, mergeRequest and mergeRequests
// (keyset connections with first/after, nodes, edges, pageInfo and count,
// at most 100 nodes a page), group(fullPath) with projects, and the
// createIssue mutation. Tokens work as for the REST API (job tokens are not
// accepted; mutations need the api scope), with GitLab's error shapes (401
// "Invalid token", 422 "Query too large", errors in a 200 answer with
// partial data) and its complexity limit (WithGraphQLComplexityLimit).
// Faults match it with Path: GraphQLPath.
//
// # Faults and limits
//
// AddFault injects 429s, 5xx answers (JSON, plain or HTML), custom reason
// phrases, slow answers, dropped connections and truncated bodies into
// matching requests; every fault fires a bounded number of times and Close
// releases pending delays. WithRateLimitHeaders emulates GitLab's throttle
// headers and 429s on an injectable clock (WithClock).
//
// # Inspection
//
// Requests returns what the server received, with tokens redacted.
//
// # Speed
//
// Objects are stored as raw JSON bytes and a list page is rendered by
// concatenating them into one pooled buffer; AddProjectsFromJSON loads tens of
// thousands of projects from a template in milliseconds, for benchmarks of
// paging clients.
package gitlabtest
