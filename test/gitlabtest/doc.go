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
// digits are ids. Hand-written handlers give GitLab's semantics to: version,
// the current user and user activities, users and their SSH keys, groups
// and their projects, projects (filters, simple=true, star/unstar, fork and
// the forks list, rename redirects), issues and their notes (by iid), merge
// requests (by iid; merge, approve, unapprove), branches, repository files
// (JSON with base64 content, raw, HEAD metadata), the push rule and feature
// flags; and to the actions of projects and groups (transfer, archive,
// share, fork relations, housekeeping, pull mirroring, LDAP sync;
// project_actions.go), searches (search.go), exports and imports
// (import_export.go), the CI linter (lint.go) and Markdown (markdown.go).
// Commits are unsigned, as those made through GitLab's API are, until
// SignCommit signs one with a user's GPG or SSH key or an X.509
// certificate (signatures.go); attestations appear by AddAttestation.
// Every other declaration of the client's registry
// (managers.Builtins(): pipelines, jobs, members, labels, releases and all
// the others) is served by the generic store below, and AddResource
// declares further collections on it.
//
// CI/CD resources have GitLab's semantics on the store (ci.go and the
// files it names): a pipeline created from a ref (the API, a trigger
// token, a schedule's play, a merge request) runs the project's
// .gitlab-ci.yml at that ref (a common YAML subset) or a built-in build,
// test and manual deploy definition: jobs and bridges by stage, composite
// statuses, when:, allow_failure, retry (new jobs), cancel, play, erase,
// traces and zip artifacts, test reports, child pipelines, resource groups
// and deployments. SetJobStatus, or a runner through the runner API (POST
// /jobs/request, PUT /jobs/:id), moves jobs on. Runners register with
// RunnerRegistrationToken or a project's runners_token; variables of
// projects and groups may repeat a key across environment scopes
// (filter[environment_scope]); deploy keys are shared between projects;
// webhook tests answer as GitLab does.
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
// milliseconds, HEAD on every GET route (with the GET's Content-Length and
// no body, as GitLab answers), and Grape's 405 {"error":"405 Not
// Allowed"} with an Allow header for a known path requested with a method it
// does not serve.
//
// # The generic store
//
// Each declaration (a base.Spec) is a collection served from its data:
//
//   - Routes: GET Path lists (oldest first, offset-paginated with every
//     header), POST Path (or CreatePath) creates, GET, the update verb
//     (PUT, POST or PATCH) and DELETE on Path/{id} read, change and remove
//     one object, the set verb on Path/{key} with a value sets {key, value};
//     objects without ID (IDAttr base.IDAttrNone) are read, created, updated
//     and deleted at Path itself. Only declared operations are routed, so
//     the others answer 405. Routes served by hand-written handlers keep
//     them.
//   - Parents: every placeholder names an ancestor, following Parent and
//     FromParent; each must exist and be visible, or the answer is its 404
//     ({"message":"404 Project Not Found"}, "404 Pipeline Not Found"...).
//     Projects, groups, users, the current user, issues and merge requests
//     are resolved by the hand-written handlers (ids or paths, iids,
//     visibility), the others in the store: a pipeline's jobs need the
//     pipeline. Deleting an object deletes the collections under it.
//   - IDs: the store counts "id", "iid" (per parent, with a global "id"
//     beside) and ID attributes named *_id that the create lacks; others are
//     taken from the attributes (name, key, tag_name, email, file_path...),
//     a slug from the title, or the one required attribute named
//     *_<ID attribute> (a tag's name from tag_name). A taken ID answers 400.
//   - Objects: the ID, the parent IDs named by the path's placeholders
//     (project_id, mr_iid...), created_at and updated_at, and the attributes
//     given, merged on update. Missing required attributes answer Grape's
//     400 {"error":"a is missing, b is missing"}; exclusive ones want exactly
//     one ("a, b are missing, exactly one parameter must be provided", "a, b
//     are mutually exclusive").
//   - Access: reads follow the parent's visibility; writes need a user with
//     write access to the parent project or group, the user of a user's
//     collection, or an administrator.
//
// AddObject puts an object in any collection of the store, including the
// read-only ones (jobs, events, audit events), for tests to read.
//
// Every declared action (base.Action: retry, cancel, rotate, block,
// artifacts, upload...) is served too, after the hand-written routes, from
// its declaration (actions.go): its method and path, Grape's 400 for its
// missing required attributes, the 404 of a missing parent or object, and
// an answer shaped by its Result: the object with updated_at touched, a new
// object stored in the collection Of names, a paginated list, 204 (202
// where GitLab schedules the work), the JSON GitLab documents where it is
// simple ({} otherwise), or generated bytes for a download. The hooks'
// actions field gives one action GitLab's semantics by hand.
//
// # Large transfers
//
// Downloads are generated as they are sent, never stored: AddDownload
// declares the size and seed of the content at a path (a 1 GiB artifact
// costs nothing), optionally cut half-way; download actions without one
// answer DefaultDownload. Generated and GeneratedSHA256 give tests the
// same bytes and their hash. Uploads (raw bodies of any content type but
// JSON and forms, and the files of multipart bodies) are hashed as they
// arrive and listed by Uploads with their size and SHA-256; only small ones
// are kept whole.
//
// GitLab's real semantics are added per declaration by hand, on top of the
// store, with hooks (hooks.go): specHooks maps a spec name to a hooks value
// whose optional functions replace or complete the generic behaviour:
// required and updRequired (attributes GitLab requires beyond the
// declaration), notFound (the 404), canRead and canWrite (access), create
// (complete or validate the new object), update (apply the attributes),
// delete (veto or clean up), list (filter and order before paging), dup (a
// taken ID) and after (follow-up writes, such as an issue's note count);
// insert stores objects in other collections (the jobs of a new pipeline).
// Issue notes, user SSH keys and the CI/CD resources are built this way.
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
