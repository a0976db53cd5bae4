package gitlabtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab/base"
)

// Declared actions. Every base.Action of managers.Builtins() is served by
// the generic store, after the hand-written routes (which keep priority:
// star, fork, merge, subscribe...), from its declaration alone:
//
//   - the route is the action's method (POST by default; HEAD is a GET)
//     and path: relative to the object's path (or, OnManager, to the
//     manager's), or absolute; its own {placeholders} carry attributes;
//   - the action's required attributes are checked first, with Grape's 400s
//     (the path's placeholders, a raw upload body and multipart files count);
//   - the parents must exist, and so must the object (404), found in the
//     store or, for objects the hand-written handlers own (projects, users,
//     issues, repository files...), by their GET route; writes need the
//     store's write access;
//   - the answer follows Action.Result: ResultReplace the object, its
//     updated_at touched (201 for POST, as Grape answers, else 200);
//     ResultNew a new object stored in the Of collection (or the action's
//     own), copied from the object for an action of its own kind (a retried
//     job, a rotated token), or for GET the newest one there (a pipeline's
//     latest); ResultList the Of collection's objects under the same parent,
//     paginated; ResultNone 204, or 202 where GitLab schedules the work;
//     ResultRaw the JSON GitLab's documentation shows, where simple
//     (rawAnswers), else {}; ResultDownload generated content
//     (DefaultDownload) unless AddDownload names the path;
//   - an action at the object's own path elsewhere (a manager action whose
//     path ends with the object's ID: the deprecated /services/:slug of
//     the integrations) is the store's read, update or delete of it.
//
// GitLab's semantics for one action are added by hand with the hooks'
// actions field (hooks.go), keyed by action name, or by a hand-written
// route registered before the store.

// actionCall is one request to a declared action, resolved: what hooks see.
type actionCall struct {
	k  *kind
	a  *base.Action
	sc *scope // the parents
	// it is the store's object the action is on; nil for manager actions,
	// implicit singletons and objects the hand-written handlers own, for
	// which raw holds the answer of the object's GET.
	it  *item
	raw []byte
	key string // the object's ID as requested ("" for none)
	// path holds the values of the action path's own placeholders (sha,
	// trigger, file_path...), which GitLab reads as attributes.
	path map[string]string
}

// object reports whether the action names an object.
func (ac *actionCall) object() bool { return ac.it != nil || ac.raw != nil }

// attr is an attribute of the object as text, "" when missing.
func (ac *actionCall) attr(name string) string {
	if ac.it != nil {
		return anyString(ac.it.obj[name])
	}
	if ac.raw != nil {
		r := gjson.GetBytes(ac.raw, gjson.Escape(name))
		if r.Type == gjson.String || r.Type == gjson.Number {
			return r.String()
		}
	}
	return ""
}

// actionRoute binds a route's arguments to an action.
type actionRoute struct {
	k       *kind
	a       *base.Action
	vals    []int          // argument index of each of the kind's placeholders
	key     int            // argument index of the object's ID; -1 for none
	keySeg  int            // its segment index
	keyName string         // the attribute it carries, for a manager action's
	extra   map[int]string // arguments that carry attributes
}

// actionRoutes are the routes of the kind's declared actions.
func (k *kind) actionRoutes() ([]*route, error) {
	if k.spec == nil {
		return nil, nil
	}
	var rts []*route
	for i := range k.spec.Actions {
		a := &k.spec.Actions[i]
		segs, ar, err := k.actionPath(a)
		if err != nil {
			return nil, err
		}
		method := a.Method
		switch method {
		case "":
			method = http.MethodPost
		case http.MethodHead:
			method = http.MethodGet // a HEAD is served by the GET route
		}
		h := func(c *call) *apiError { return c.storeAction(ar) }
		if op := ar.alias(method, len(segs)); op != nil {
			b := &binding{vals: ar.vals, key: ar.key}
			h = func(c *call) *apiError { return op(c, k, b) }
		}
		rt := newRoute(method+" "+collPath(segs), h)
		actionRoutesBuilt[rt] = a
		rts = append(rts, rt)
	}
	return rts, nil
}

// alias is the store operation an action stands for when its path ends
// with the object's ID: the object's own path elsewhere (the deprecated
// /projects/:id/services/:slug of /projects/:id/integrations/:slug,
// https://docs.gitlab.com/api/project_integrations/), where GitLab reads,
// updates and deletes the object as at its path. nil for other actions.
func (ar *actionRoute) alias(method string, segs int) func(c *call, k *kind, b *binding) *apiError {
	k := ar.k
	if !ar.a.OnManager || ar.keyName != k.idAttr || ar.keySeg != segs-1 || len(ar.extra) > 0 {
		return nil
	}
	switch {
	case method == http.MethodGet && k.ops.Has(base.OpGet):
		return (*call).storeGet
	case method == k.updVerb && k.ops.Has(base.OpUpdate):
		return (*call).storeUpdate
	case method == http.MethodDelete && k.ops.Has(base.OpDelete):
		return (*call).storeDelete
	}
	return nil
}

// actionRoutesBuilt maps the action routes of the built-in declarations to
// their action; written once, by builtinKinds.
var actionRoutesBuilt = map[*route]*base.Action{}

// objectKey names the placeholder of an object's ID in an action path.
const objectKey = "\x00key"

// actionPath is the route template of an action and its binding.
func (k *kind) actionPath(a *base.Action) ([]string, *actionRoute, error) {
	rel := a.Path
	if rel == "" {
		rel = a.Name
	}
	absolute := strings.HasPrefix(rel, "/")
	var segs, names []string
	if !absolute {
		segs, names = slices.Clone(k.segs), slices.Clone(k.phs)
		// Objects without ID, and those read at the manager path, have
		// their actions there too (base.Core.objectPath).
		if !a.OnManager && k.idAttr != "" && !k.ops.Has(base.OpGetWithoutID) {
			segs, names = append(segs, "{}"), append(names, objectKey)
		}
	}
	rs, rn := template(rel)
	segs, names = append(segs, rs...), append(names, rn...)
	ar := &actionRoute{k: k, a: a, vals: make([]int, len(k.phs)), key: -1, extra: map[int]string{}}
	for j := range ar.vals {
		ar.vals[j] = -1
	}
	seg := 0
	for i, n := range names {
		for segs[seg] != "{}" {
			seg++
		}
		j := slices.Index(k.phs, n)
		switch {
		case n == objectKey, a.OnManager && n == k.idAttr && k.ops.Has(base.OpGet) && ar.key < 0: // {id}/rotate, {file_path}/raw
			ar.key, ar.keySeg, ar.keyName = i, seg, n
		case !absolute && i < len(k.phs):
			ar.vals[i] = i
		case absolute && j >= 0 && ar.vals[j] < 0:
			ar.vals[j] = i
		default:
			ar.extra[i] = n
		}
		seg++
	}
	if slices.Contains(ar.vals, -1) {
		return nil, nil, fmt.Errorf("gitlabtest: %s: the path of action %s lacks a placeholder of %s", k.name, a.Name, k.path)
	}
	return segs, ar, nil
}

// storeAction answers a declared action (see the top of this file).
func (c *call) storeAction(ar *actionRoute) *apiError {
	k, a := ar.k, ar.a
	write := c.isWrite()
	if write && c.user == nil {
		return errUnauthorized
	}
	ac := &actionCall{k: k, a: a, path: map[string]string{}}
	for i, n := range ar.extra {
		ac.path[n] = c.args[i]
	}
	if ar.keyName != "" {
		ac.path[ar.keyName] = c.args[ar.key]
	}
	given := func(n string) bool {
		_, inPath := ac.path[n]
		return inPath || n == a.Body && c.rcv != nil && len(c.rcv.uploads) > 0
	}
	if e := c.checkAttrs(a.Attrs.Required, a.Attrs.Exclusive, given); e != nil { // Grape validates first
		return e
	}
	vals := make([]string, len(ar.vals))
	for j, i := range ar.vals {
		vals[j] = c.args[i]
	}
	sc, e := c.resolve(k, vals)
	if e != nil {
		return e
	}
	ac.sc = sc
	if ar.key >= 0 || (!a.OnManager && k.idAttr == "") {
		if e := c.actionObject(ac, ar); e != nil {
			return e
		}
	}
	if write {
		e = c.canWrite(k, sc, ac.it)
	} else {
		e = c.canRead(k, sc)
	}
	if e != nil {
		return e
	}
	if k.hooks != nil && k.hooks.actions[a.Name] != nil {
		return k.hooks.actions[a.Name](c, ac)
	}
	return c.actionAnswer(ac)
}

// actionObject finds the object the action is on: in the store, or, for
// objects the hand-written handlers own, by their GET route (which answers
// their 404 and visibility).
func (c *call) actionObject(ac *actionCall, ar *actionRoute) *apiError {
	k := ac.k
	if ar.key < 0 { // a singleton
		it, ok := c.singleton(k, c.collFor(ac.sc, false))
		if !ok {
			return k.notFound
		}
		ac.it = it
		if it == nil {
			ac.raw = marshal(c.baseObject(k, ac.sc))
		}
		return nil
	}
	ac.key = c.args[ar.key]
	if k.native != nil {
		if _, e := k.native(c, ac.sc, ac.key); e != nil {
			return e
		}
	}
	objSegs := c.segs[:ar.keySeg+1]
	// A GET there that is an action of the kind (the attestations' list by
	// digest at /attestations/:subject_digest) is no read of the object.
	if rt, _, _ := c.s.match(http.MethodGet, objSegs); k.native == nil && (rt == nil || rt.kind == k || k.ownAction(rt)) {
		ac.it = findBy(c.collFor(ac.sc, false), k, k.idAttr, ac.key)
		if ac.it == nil {
			return k.notFound
		}
		return nil
	}
	raw, e := c.internalGet(objSegs)
	if e != nil {
		return e
	}
	ac.raw = raw
	return nil
}

// ownAction reports whether rt is the route of one of the kind's actions.
func (k *kind) ownAction(rt *route) bool {
	a := actionRoutesBuilt[rt]
	if a == nil || k.spec == nil {
		return false
	}
	for i := range k.spec.Actions {
		if &k.spec.Actions[i] == a {
			return true
		}
	}
	return false
}

// internalGet answers GET on segs through the route table, as the caller,
// and returns the body: an object the hand-written handlers own.
func (c *call) internalGet(segs []string) ([]byte, *apiError) {
	rt, args, _ := c.s.match(http.MethodGet, segs)
	if rt == nil {
		return nil, errRoute
	}
	if rt.flags&(needAuth|adminOnly) != 0 && c.user == nil {
		return nil, errUnauthorized
	}
	r := *c.r
	r.Method = http.MethodGet
	sub := &call{s: c.s, r: &r, w: &headerSink{h: http.Header{}}, rt: rt, path: c.path, segs: segs, args: args,
		p: c.p, user: c.user, tokenUser: c.tokenUser, tok: c.tok, rc: c.rc, base: c.base}
	if e := rt.h(sub); e != nil {
		return nil, e
	}
	if sub.status != 0 && sub.status != http.StatusOK {
		return nil, msgErr(sub.status, http.StatusText(sub.status))
	}
	out := []byte(string(sub.body))
	if sub.pooled {
		putBuf(sub.body)
	}
	return out, nil
}

// headerSink is the ResponseWriter of an internal request: headers only.
type headerSink struct{ h http.Header }

func (w *headerSink) Header() http.Header         { return w.h }
func (w *headerSink) Write(p []byte) (int, error) { return len(p), nil }
func (w *headerSink) WriteHeader(int)             {}

// actionAnswer is the generic answer of an action, after the checks: hooks
// call it to answer as the store does once they have changed state.
func (c *call) actionAnswer(ac *actionCall) *apiError {
	a := ac.a
	created := http.StatusOK
	if c.r.Method == http.MethodPost {
		created = http.StatusCreated // Grape's default for POST
	}
	switch a.Result {
	case base.ResultReplace:
		return c.replaceAnswer(ac, created)
	case base.ResultNew:
		return c.newAnswer(ac, created)
	case base.ResultList:
		of, sc, e := c.ofScope(ac)
		if e != nil {
			return e
		}
		items := nativeItems(of, sc)
		if of.native == nil {
			if col := c.collFor(sc, false); col != nil {
				items = col.items
			}
		}
		return c.listDocs(len(items), itemDocs(items))
	case base.ResultNone:
		if noneAccepted[ac.k.name+" "+a.Name] {
			return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
		}
		return c.noContent()
	case base.ResultDownload:
		return c.content(DefaultDownload(c.path), c.segs[len(c.segs)-1])
	}
	if f := rawAnswers[ac.k.name+" "+a.Name]; f != nil {
		status, v := f(c, ac)
		if status == 0 {
			status = created
		}
		return c.value(status, v)
	}
	return c.value(created, map[string]any{})
}

// replaceAnswer answers the object, its updated_at touched.
func (c *call) replaceAnswer(ac *actionCall, status int) *apiError {
	now := c.s.nowTS()
	switch it := ac.it; {
	case it != nil:
		it.obj["updated_at"] = now
		it.render()
		return c.doc(status, &it.doc)
	case ac.raw == nil:
		return msgErr(http.StatusNotFound, "404 Not found")
	}
	if touch := nativeTouch[ac.k.name]; touch != nil {
		touch(ac.sc, now)
		raw, e := c.internalGet(c.segs[:len(ac.k.segs)+1])
		if e != nil {
			return e
		}
		ac.raw = raw
	}
	return c.json(status, ac.raw)
}

// nativeTouch sets updated_at on the objects of hand-written kinds that
// have one; the native resolver put the object in the scope.
var nativeTouch = map[string]func(sc *scope, now string){
	"project": func(sc *scope, now string) {
		p := sc.project
		p.updatedAt = now
		p.set("updated_at", now)
		p.commit()
	},
	"project_issue":         func(sc *scope, now string) { touchItem(sc.issue, now) },
	"project_merge_request": func(sc *scope, now string) { touchItem(sc.mr, now) },
}

func touchItem(it *item, now string) {
	it.obj["updated_at"] = now
	it.render()
}

// newAnswer answers a new object of the Of collection (or the action's
// own): for GET the newest one there, else one made from the attributes
// given (and, for an action of the object's own kind, the object's).
func (c *call) newAnswer(ac *actionCall, status int) *apiError {
	of, sc, e := c.ofScope(ac)
	if e != nil {
		return e
	}
	if of.native != nil {
		return msgErr(http.StatusNotImplemented, "gitlabtest: "+ac.k.name+" "+ac.a.Name+" makes "+of.name+" objects, which the store does not hold")
	}
	if c.r.Method == http.MethodGet {
		col := c.collFor(sc, false)
		if col == nil || len(col.items) == 0 {
			return of.notFound
		}
		return c.doc(http.StatusOK, &col.items[len(col.items)-1].doc)
	}
	fields := map[string]any{}
	if of == ac.k && ac.it != nil {
		for name, v := range ac.it.obj {
			fields[name] = v
		}
		for _, name := range []string{"id", "iid", of.idAttr, "created_at", "updated_at"} {
			delete(fields, name)
		}
	}
	for name, v := range c.p.fields() {
		fields[name] = v
	}
	for _, ph := range of.phs {
		delete(fields, ph)
	}
	it, e := c.newItem(of, sc, fields)
	if e != nil {
		return e
	}
	return c.doc(status, &it.doc)
}

// ofScope resolves the collection of the objects an action answers with:
// the manager Of names (its placeholders filled, as base.Core.Related
// does, from the object when it is their parent, from the shared parent
// when they are siblings, else by name from the object's attributes and
// the path's placeholders), or the action's own.
func (c *call) ofScope(ac *actionCall) (*kind, *scope, *apiError) {
	k := ac.k
	if ac.a.Of == "" {
		return k, ac.sc, nil
	}
	of := builtinKinds().kinds[ac.a.Of]
	vals := make([]string, len(of.phs))
	for j, ph := range of.phs {
		pa := of.spec.FromParent[ph]
		switch {
		case ac.object() && of.spec.Parent == k.name:
			vals[j] = ac.attr(pa)
		case of.spec.Parent == k.spec.Parent:
			for x, kph := range k.phs {
				if k.spec.FromParent[kph] == pa {
					vals[j] = ac.sc.vals[x]
				}
			}
		}
		if vals[j] == "" {
			vals[j] = ac.attr(ph)
		}
		if x := slices.Index(k.phs, ph); vals[j] == "" && x >= 0 {
			vals[j] = ac.sc.vals[x]
		}
	}
	sc, e := c.resolve(of, vals)
	return of, sc, e
}

// nativeItems are the objects of a hand-written kind under the scope's
// parent, for lists of them (a milestone's issues); none for the others.
func nativeItems(k *kind, sc *scope) []*item {
	var col *coll
	switch {
	case sc.project == nil:
	case k.name == "project_issue":
		col = sc.project.issues
	case k.name == "project_merge_request":
		col = sc.project.mrs
	}
	if col == nil {
		return nil
	}
	return col.items
}

// noneAccepted are the actions GitLab answers 202 Accepted, the work being
// scheduled (https://docs.gitlab.com/api/branches/#delete-merged-branches,
// https://docs.gitlab.com/api/container_registry/#delete-registry-repository-tags-in-bulk,
// https://docs.gitlab.com/api/groups/#sync-group-with-ldap); the others
// answer 204 No Content.
var noneAccepted = map[string]bool{
	"project delete_merged_branches":      true,
	"project_registry_tag delete_in_bulk": true,
	"group ldap_sync":                     true,
}

// rawAnswer makes the JSON of a ResultRaw action: its status (0: 201 for
// POST, else 200) and value.
type rawAnswer func(c *call, ac *actionCall) (int, any)

func rawValue(v any) rawAnswer { return func(*call, *actionCall) (int, any) { return 0, v } }

var (
	created rawAnswer = func(*call, *actionCall) (int, any) {
		return http.StatusCreated, map[string]any{"message": "201 Created"}
	}
	emptyList = rawValue([]any{})
)

// rawAnswers are the ResultRaw answers whose shape GitLab's documentation
// shows and which are simple, by "<spec> <action>"; the others answer {}.
// Only actions the store serves have one: a hand-written route answers
// the others (TestActionRoutes checks it).
var rawAnswers = map[string]rawAnswer{
	// https://docs.gitlab.com/user/packages/generic_packages/#publish-a-package
	"generic_package upload": created,
	// https://docs.gitlab.com/api/repository_files/#get-file-blame-from-repository
	"project_file blame": emptyList,
	// https://docs.gitlab.com/api/namespaces/#verify-namespace-availability
	"namespace exists": func(c *call, ac *actionCall) (int, any) {
		ns := ac.path["namespace"]
		exists := c.s.st.nsByPath[lower(ns)] != nil
		suggests := []string{}
		if exists {
			suggests = append(suggests, ns+"1")
		}
		return 0, map[string]any{"exists": exists, "suggests": suggests}
	},
	// https://docs.gitlab.com/api/project_markdown_uploads/#upload-a-file
	"project upload": func(c *call, ac *actionCall) (int, any) {
		name, secret := uploaded(c)
		u := "/uploads/" + secret + "/" + name
		return 0, map[string]any{"id": c.s.nextID(ac.k), "alt": name, "url": u,
			"full_path": "/-/project/" + ac.key + u, "markdown": "![" + name + "](" + u + ")"}
	},
	// https://docs.gitlab.com/api/import/#import-repository-from-github,
	// https://docs.gitlab.com/api/import/#import-repository-from-bitbucket-server,
	// https://docs.gitlab.com/api/project_import_export/#import-a-file-from-a-remote-object-storage
	"project remote_import": importAnswer, "project remote_import_s3": importAnswer,
	"project import_github": importAnswer, "project import_bitbucket_server": importAnswer,
}

// uploaded names the file of a multipart upload and the secret of its URL
// (the start of its SHA-256).
func uploaded(c *call) (name, secret string) {
	name, secret = "file", strings.Repeat("0", 32)
	if c.rcv != nil && len(c.rcv.uploads) > 0 {
		u := c.rcv.uploads[0]
		name, secret = u.FileName, u.SHA256[:32]
	}
	return name, secret
}

func importAnswer(c *call, ac *actionCall) (int, any) {
	name := c.p.get("name")
	for _, a := range []string{"path", "new_name", "bitbucket_server_repo", "repo_id"} {
		if name == "" {
			name = c.p.get(a)
		}
	}
	return 0, map[string]any{"id": c.s.nextID(ac.k), "name": name, "path": parameterize(name),
		"import_status": "scheduled", "created_at": c.s.nowTS()}
}
