package gitlabtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
)

// The generic store serves every declaration of managers.Builtins() that no
// hand-written handler serves, and every collection declared with
// AddResource. Each served collection is a kind: a path template, the
// attribute identifying its objects, the operations it declares and the
// chain of parents its placeholders name. Objects are items in colls keyed
// by the kind's path and the canonical values of its placeholders (numeric
// project ids, not paths), so /projects/1/labels and /projects/a%2Fb/labels
// are the same collection.

// kind is one collection template served by the store.
type kind struct {
	name   string // spec name; "" for AddResource collections
	path   string // template, e.g. /projects/{project_id}/pipelines
	segs   []string
	phs    []string // placeholder names of path, in order
	idAttr string   // "" for objects without ID
	ops    base.Ops
	// keyless kinds have objects without ID but a list (events, commit
	// comments): a create appends. Other kinds without ID are singletons.
	keyless          bool
	updVerb, setVerb string
	createVerb       string   // POST, or PUT (a pull mirror is configured with PUT)
	createSegs       []string // CreatePath, or segs
	listSegs         []string // ListPath, or segs
	listPhs          []string
	createPhs        []string
	create, update   base.RequiredOptional // declared attributes
	chain            []step                // the ancestors, root first
	native           native                // set for kinds served by hand-written handlers
	spec             *base.Spec            // the declaration; nil for AddResource collections
	hooks            *hooks
	notFound         *apiError
}

// step resolves one ancestor of a request's collection.
type step struct {
	k    *kind
	arg  int    // index of the placeholder naming the ancestor; -1 for singletons
	attr string // the ancestor's attribute that the placeholder holds
	args []int  // indices of the ancestor's own placeholders among the request's
}

// native finds an object of a hand-written kind (a project, a group, an
// issue...) named by a placeholder value, records it in the scope and
// returns its canonical value.
type native func(c *call, sc *scope, v string) (string, *apiError)

// natives are the kinds whose objects the hand-written handlers own; they
// resolve as parents of generic children (a project's pipelines, a merge
// request's notes) and the store serves none of their routes.
var natives = map[string]native{
	"project": func(c *call, sc *scope, v string) (string, *apiError) {
		p, e := c.s.findProject(c, v)
		if e != nil {
			return "", e
		}
		sc.project = p
		return strconv.Itoa(p.id), nil
	},
	"group": func(c *call, sc *scope, v string) (string, *apiError) {
		g, e := c.s.findGroup(c, v)
		if e != nil {
			return "", e
		}
		sc.group = g
		return strconv.Itoa(g.id), nil
	},
	"user": func(c *call, sc *scope, v string) (string, *apiError) {
		u := c.s.findUser(v)
		if u == nil {
			return "", notFound("User")
		}
		sc.user = u
		return strconv.Itoa(u.id), nil
	},
	// The current user's collections (/user/emails) belong to the caller.
	"current_user": func(c *call, sc *scope, _ string) (string, *apiError) {
		if c.user == nil {
			return "", errUnauthorized
		}
		sc.user = c.user
		return strconv.Itoa(c.user.id), nil
	},
	"project_issue":         issuableNative(issuesOf, func(sc *scope, it *item) { sc.issue = it }),
	"project_merge_request": issuableNative(mrsOf, func(sc *scope, it *item) { sc.mr = it }),
	"project_commit":        commitNative, // commits.go
}

// issuableNative finds an issue or merge request by iid in the scope's
// project (https://docs.gitlab.com/api/rest/#id-vs-iid).
func issuableNative(col func(*project) *coll, set func(*scope, *item)) native {
	return func(c *call, sc *scope, v string) (string, *apiError) {
		if sc.project == nil {
			return "", errNotFoundPlain
		}
		it, e := findIssuable(col(sc.project), v)
		if e != nil {
			return "", e
		}
		set(sc, it)
		return it.key, nil
	}
}

// scope is the resolved parent chain of a request.
type scope struct {
	project *project
	group   *group
	user    *user
	issue   *item
	mr      *item
	parent  *item    // the direct parent when the store holds it
	vals    []string // canonical placeholder values
	key     string   // the collection's key in state.colls
}

// binding maps a route's arguments to the kind's placeholders.
type binding struct {
	vals  []int          // argument index of each placeholder of the kind's path
	key   int            // argument index of the object's ID; -1 for none
	extra map[int]string // arguments that carry create attributes (CreatePath)
}

func template(path string) (segs, phs []string) {
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			phs = append(phs, strings.TrimPrefix(seg[1:len(seg)-1], "+")) // {+path}: see base.Action.Path
			seg = "{}"
		}
		segs = append(segs, seg)
	}
	return segs, phs
}

func collPath(segs []string) string { return "/" + strings.Join(segs, "/") }

// label turns a spec name into GitLab's words for it, without the parent's
// name: project_deploy_token → "Deploy Token".
func label(name, parent string) string {
	words := strings.Split(strings.TrimPrefix(name, parent+"_"), "_")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// builtinSet holds the kinds of managers.Builtins(), built once: they are
// immutable and shared by every Server, and so are their routes, whose
// handlers find their server in the call.
type builtinSet struct {
	once   sync.Once
	kinds  map[string]*kind // by spec name
	byColl map[string]*kind // by collection path with blank placeholders
	routes []*route
	err    error

	restOnce sync.Once
	rest     []*route // routes, without the shapes the hand-written handlers serve
}

var builtin builtinSet

func builtinKinds() *builtinSet {
	builtin.once.Do(func() {
		reg := managers.Builtins()
		kinds, err := specKinds(reg)
		builtin.kinds, builtin.err = kinds, err
		if err != nil {
			return
		}
		builtin.byColl = map[string]*kind{}
		for _, sp := range reg.Specs() { // sorted by name: the first wins a shared path
			k := kinds[sp.Name]
			if p := collPath(k.segs); builtin.byColl[p] == nil {
				builtin.byColl[p] = k
			}
			rts, err := k.routes()
			if err != nil {
				builtin.err = err
				return
			}
			builtin.routes = append(builtin.routes, rts...)
		}
		for _, sp := range reg.Specs() { // after the operations, which keep their shapes
			rts, err := kinds[sp.Name].actionRoutes()
			if err != nil {
				builtin.err = err
				return
			}
			builtin.routes = append(builtin.routes, rts...)
		}
	})
	return &builtin
}

// specKinds builds a kind for every spec of reg, with its parent chain.
func specKinds(reg *base.Registry) (map[string]*kind, error) {
	specs := reg.Specs()
	kinds := make(map[string]*kind, len(specs))
	byName := make(map[string]*base.Spec, len(specs))
	for _, sp := range specs {
		byName[sp.Name] = sp
		kinds[sp.Name] = newSpecKind(sp)
	}
	for _, sp := range specs {
		k := kinds[sp.Name]
		k.notFound = notFound(label(sp.Name, sp.Parent))
		if h := hooksOf(sp.Name); h != nil {
			k.hooks = h
			if h.notFound != nil {
				k.notFound = h.notFound
			}
		}
	}
	memo := map[string]bool{}
	var build func(name string) error
	build = func(name string) error {
		if memo[name] {
			return nil
		}
		memo[name] = true
		sp := byName[name]
		if sp.Parent == "" {
			return nil
		}
		if err := build(sp.Parent); err != nil {
			return err
		}
		chain, err := specChain(sp, byName[sp.Parent], kinds)
		kinds[name].chain = chain
		return err
	}
	for _, sp := range specs {
		if err := build(sp.Name); err != nil {
			return nil, err
		}
	}
	return kinds, nil
}

// hooksOf looks specHooks up through a variable that init sets: hooks
// may insert into the store (insert needs the kinds), and a direct
// reference would make specHooks part of its own initialization.
var hooksOf func(name string) *hooks

func init() { hooksOf = func(name string) *hooks { return specHooks[name] } }

func newSpecKind(sp *base.Spec) *kind {
	k := &kind{name: sp.Name, path: sp.Path, idAttr: sp.IDAttribute(), ops: sp.Ops,
		updVerb: sp.UpdateVerb(), setVerb: sp.SetMethod, createVerb: sp.CreateVerb(), create: sp.CreateAttrs, update: sp.UpdateAttrs,
		native: natives[sp.Name], spec: sp}
	k.segs, k.phs = template(sp.Path)
	k.createSegs, k.createPhs = k.segs, k.phs
	if sp.CreatePath != "" {
		k.createSegs, k.createPhs = template(sp.CreatePath)
	}
	k.listSegs, k.listPhs = k.segs, k.phs
	if sp.ListPath != "" {
		k.listSegs, k.listPhs = template(sp.ListPath)
	}
	k.keyless = k.idAttr == "" && k.ops.Has(base.OpList)
	if k.setVerb == "" {
		k.setVerb = http.MethodPut
	}
	return k
}

// specChain derives the ancestors of sp from its declaration: its parent's
// chain, with the parent's placeholders taken from sp's (FromParent names
// the parent attribute each placeholder holds; a placeholder the declaration
// does not map is taken at the same position), then the parent itself,
// named by the placeholder that holds one of its own attributes (usually its
// ID) or, for a singleton parent, by its placeholders alone.
func specChain(sp, parent *base.Spec, kinds map[string]*kind) ([]step, error) {
	k, pk := kinds[sp.Name], kinds[parent.Name]
	pargs := make([]int, len(pk.phs))
	for qi, q := range pk.phs {
		pargs[qi] = -1
		for xi, x := range k.phs {
			if sp.FromParent[x] == q {
				pargs[qi] = xi
			}
		}
		if pargs[qi] < 0 && qi < len(k.phs) {
			pargs[qi] = qi
		}
		if pargs[qi] < 0 {
			return nil, fmt.Errorf("gitlabtest: spec %s: no placeholder gives the parent's {%s}", sp.Name, q)
		}
	}
	chain := make([]step, 0, len(pk.chain)+1)
	for _, st := range pk.chain {
		st.args = remap(st.args, pargs)
		if st.arg >= 0 {
			st.arg = pargs[st.arg]
		}
		chain = append(chain, st)
	}
	own := step{k: pk, arg: -1, args: pargs}
	for xi, x := range k.phs {
		if own.arg < 0 && !slices.Contains(pargs, xi) && !slices.Contains(pk.phs, sp.FromParent[x]) {
			own.arg, own.attr = xi, sp.FromParent[x]
		}
	}
	if own.arg < 0 && pk.idAttr != "" {
		return nil, fmt.Errorf("gitlabtest: spec %s: no placeholder names its %s parent", sp.Name, parent.Name)
	}
	return append(chain, own), nil
}

func remap(idx, to []int) []int {
	out := make([]int, len(idx))
	for i, x := range idx {
		out[i] = to[x]
	}
	return out
}

// routes are the routes of the kind's declared operations; natives have none.
func (k *kind) routes() ([]*route, error) {
	if k.native != nil {
		return nil, nil
	}
	n := len(k.phs)
	plain := &binding{vals: seq(n), key: -1}
	item := &binding{vals: seq(n), key: n}
	coll, obj := collPath(k.segs), collPath(k.segs)+"/{}"
	var rts []*route
	add := func(method, path string, b *binding, op func(c *call, k *kind, b *binding) *apiError) {
		rt := newRoute(method+" "+path, func(c *call) *apiError { return op(c, k, b) })
		rt.kind = k
		rts = append(rts, rt)
	}
	single := k.idAttr == "" // singletons and keyless collections: the ID-less path
	if k.ops.Has(base.OpList) {
		// A list read elsewhere (ListPath) binds its placeholders by name.
		if k.listSegs == nil {
			k.listSegs, k.listPhs = k.segs, k.phs
		}
		lb := &binding{vals: make([]int, n), key: -1}
		for j, ph := range k.phs {
			if lb.vals[j] = slices.Index(k.listPhs, ph); lb.vals[j] < 0 {
				return nil, fmt.Errorf("gitlabtest: %s: the list path %s lacks the placeholder %s", k.name, collPath(k.listSegs), ph)
			}
		}
		add(http.MethodGet, collPath(k.listSegs), lb, (*call).storeList)
	}
	if k.ops.Has(base.OpGet) && !single {
		add(http.MethodGet, obj, item, (*call).storeGet)
	}
	if k.ops.Has(base.OpGetWithoutID) {
		add(http.MethodGet, coll, plain, (*call).storeGet)
	}
	if k.ops.Has(base.OpCreate) {
		cb := &binding{vals: make([]int, n), key: -1, extra: map[int]string{}}
		for j := range cb.vals {
			cb.vals[j] = -1
		}
		for i, ph := range k.createPhs {
			if j := slices.Index(k.phs, ph); j >= 0 {
				cb.vals[j] = i
			} else {
				cb.extra[i] = ph
			}
		}
		if slices.Contains(cb.vals, -1) {
			return nil, fmt.Errorf("gitlabtest: %s: the create path %s lacks a placeholder of %s", k.name, collPath(k.createSegs), k.path)
		}
		add(k.createVerb, collPath(k.createSegs), cb, (*call).storeCreate)
	}
	if k.ops.Has(base.OpSet) && !single {
		add(k.setVerb, obj, item, (*call).storeSet)
	}
	target, tb := obj, item
	if single {
		target, tb = coll, plain
	}
	if k.ops.Has(base.OpUpdate) {
		add(k.updVerb, target, tb, (*call).storeUpdate)
	}
	if k.ops.Has(base.OpDelete) {
		add(http.MethodDelete, target, tb, (*call).storeDelete)
	}
	return rts, nil
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// registerStore serves the built-in declarations that the hand-written
// handlers, registered before, leave to the generic store.
func (s *Server) registerStore() {
	b := builtinKinds()
	if b.err != nil {
		panic(b.err) // the declarations are checked by this package's tests
	}
	// The hand-written routes are the same on every server: which built-in
	// routes they leave is computed once.
	b.restOnce.Do(func() {
		tbl := s.routes.Load()
		seen := map[string]bool{}
		for _, rt := range b.routes {
			if !seen[rt.shape] && !tbl.served(rt) {
				b.rest = append(b.rest, rt)
			}
			seen[rt.shape] = true
		}
	})
	s.publishRoutes(b.rest, false)
}

// kindAt finds the kind whose collection path is p (blank placeholders):
// the server's AddResource kinds first, then the built-in ones.
func (s *Server) kindAt(p string) *kind {
	s.routeMu.Lock()
	k := s.resKinds[p]
	s.routeMu.Unlock()
	if k != nil {
		return k
	}
	return builtinKinds().byColl[p]
}

// resolve walks the ancestors of k named by the placeholder values: each
// must exist and be visible, or the answer is its 404.
func (c *call) resolve(k *kind, vals []string) (*scope, *apiError) {
	sc := &scope{vals: make([]string, len(vals))}
	copy(sc.vals, vals)
	for _, st := range k.chain {
		sc.parent = nil
		v := ""
		if st.arg >= 0 {
			v = vals[st.arg]
		}
		if st.k == nil { // a placeholder of an AddResource path under no known collection
			continue
		}
		if st.k.native != nil {
			canon, e := st.k.native(c, sc, v)
			if e != nil {
				return nil, e
			}
			if st.arg >= 0 {
				sc.vals[st.arg] = canon
			}
			continue
		}
		col := c.s.st.colls[collKey(st.k, pick(sc.vals, st.args))]
		if st.arg < 0 {
			it, ok := c.singleton(st.k, col)
			if !ok {
				return nil, st.k.notFound
			}
			sc.parent = it
			continue
		}
		it := c.lookup(st.k, sc, col, st.attr, v)
		if it == nil {
			return nil, st.k.notFound
		}
		sc.parent = it
		sc.vals[st.arg] = it.key
	}
	sc.key = collKey(k, sc.vals)
	return sc, nil
}

func pick(vals []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, x := range idx {
		out[i] = vals[x]
	}
	return out
}

func collKey(k *kind, vals []string) string { return k.path + "|" + strings.Join(vals, "|") }

// findBy finds the object whose attr is v: by key when attr is the ID.
func findBy(col *coll, k *kind, attr, v string) *item {
	if col == nil {
		return nil
	}
	if attr == k.idAttr || attr == "" {
		return col.byKey[v]
	}
	for _, it := range col.items {
		if anyString(it.obj[attr]) == v {
			return it
		}
	}
	return nil
}

// lookup is findBy, then the kind's find hook for an object the collection
// does not store.
func (c *call) lookup(k *kind, sc *scope, col *coll, attr, v string) *item {
	if it := findBy(col, k, attr, v); it != nil || k.hooks == nil || k.hooks.find == nil || (attr != k.idAttr && attr != "") {
		return it
	}
	return k.hooks.find(c, sc, v)
}

// singleton returns a singleton's stored object. One never written exists
// implicitly (nil item, true) unless the kind is created by POST or it was
// deleted.
func (c *call) singleton(k *kind, col *coll) (*item, bool) {
	if col != nil && len(col.items) > 0 {
		return col.items[0], true
	}
	if col != nil && col.gone {
		return nil, false
	}
	return nil, !k.ops.Has(base.OpCreate)
}

func (c *call) vals(b *binding) []string {
	out := make([]string, len(b.vals))
	for i, a := range b.vals {
		out[i] = c.args[a]
	}
	return out
}

func (c *call) collFor(sc *scope, create bool) *coll {
	col := c.s.st.colls[sc.key]
	if col == nil && create {
		col = newColl()
		col.owner = sc.parent
		c.s.st.colls[sc.key] = col
	}
	return col
}

func (c *call) canRead(k *kind, sc *scope) *apiError {
	if k.hooks != nil && k.hooks.canRead != nil {
		return k.hooks.canRead(c, sc)
	}
	return nil
}

// canWrite: by default writes need a user who may write to the nearest
// project or group of the chain, or who is the user of a user's collection
// (or an administrator).
func (c *call) canWrite(k *kind, sc *scope, it *item) *apiError {
	if k.hooks != nil && k.hooks.canWrite != nil {
		return k.hooks.canWrite(c, sc, it)
	}
	return c.storeCanWrite(sc)
}

// storeCanWrite is the default write check, for hooks that add to it.
func (c *call) storeCanWrite(sc *scope) *apiError {
	switch {
	case c.user == nil:
		return errUnauthorized
	case sc.project != nil && !c.s.canWriteProject(c.user, sc.project):
		return errForbidden
	case sc.group != nil && !c.s.canWriteGroup(c.user, sc.group):
		return errForbidden
	case sc.user != nil && !c.user.admin && c.user != sc.user:
		return errForbidden
	}
	return nil
}

// readScope resolves the request's collection and checks read access.
func (c *call) readScope(k *kind, b *binding) (*scope, *apiError) {
	sc, e := c.resolve(k, c.vals(b))
	if e != nil {
		return nil, e
	}
	if e := c.canRead(k, sc); e != nil {
		return nil, e
	}
	return sc, nil
}

// target finds the object a get, update or delete names: by its ID, or the
// singleton (nil when it exists only implicitly).
func (c *call) target(k *kind, b *binding) (*scope, *item, *apiError) {
	sc, e := c.readScope(k, b)
	if e != nil {
		return nil, nil, e
	}
	col := c.collFor(sc, false)
	if b.key < 0 {
		it, ok := c.singleton(k, col)
		if !ok {
			return nil, nil, k.notFound
		}
		return sc, it, nil
	}
	it := c.lookup(k, sc, col, k.idAttr, c.args[b.key])
	if it == nil {
		return nil, nil, k.notFound
	}
	return sc, it, nil
}

// storeList: GET on a collection, oldest first, offset-paginated
// (https://docs.gitlab.com/api/rest/#offset-based-pagination).
func (c *call) storeList(k *kind, b *binding) *apiError {
	sc, e := c.readScope(k, b)
	if e != nil {
		return e
	}
	var items []*item
	if col := c.collFor(sc, false); col != nil {
		items = col.items
	}
	if k.hooks != nil && k.hooks.list != nil {
		if items, e = k.hooks.list(c, sc, items); e != nil {
			return e
		}
	}
	if k.hooks != nil && k.hooks.show != nil {
		return c.listDocs(len(items), func(i int) *doc { return c.shown(k, sc, items[i]) })
	}
	return c.listDocs(len(items), itemDocs(items))
}

// storeGet: GET path/{id}, or GET path of a singleton.
func (c *call) storeGet(k *kind, b *binding) *apiError {
	sc, it, e := c.target(k, b)
	if e != nil {
		return e
	}
	if it == nil {
		d := marshalDoc(c.baseObject(k, sc))
		return c.doc(http.StatusOK, &d)
	}
	return c.doc(http.StatusOK, c.shown(k, sc, it))
}

// shown is the doc answering it: the stored one, or the one the kind's show
// hook makes for the caller.
func (c *call) shown(k *kind, sc *scope, it *item) *doc {
	if k.hooks != nil && k.hooks.show != nil {
		return k.hooks.show(c, sc, it)
	}
	return &it.doc
}

// baseObject is what the store puts in every object: the canonical values
// of the path's placeholders (project_id...), numbers where they are ids.
func (c *call) baseObject(k *kind, sc *scope) map[string]any {
	obj := make(map[string]any, len(k.phs)+4)
	for i, ph := range k.phs {
		obj[ph] = idValue(sc.vals[i])
	}
	return obj
}

func idValue(v string) any {
	if isDigits(v) && len(v) < 16 {
		return atoi(v)
	}
	return v
}

// checkAttrs answers 400 as Grape's validations do: every missing required
// attribute ("a is missing, b is missing"), none or several of a set of
// exclusive ones ("a, b are missing, exactly one parameter must be
// provided", "a, b are mutually exclusive"). given counts attributes the URL
// carries.
func (c *call) checkAttrs(required, exclusive []string, given func(string) bool) *apiError {
	var msgs []string
	for _, a := range required {
		if m := a + " is missing"; !given(a) && !c.p.has(a) && !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) > 0 {
		return errErr(http.StatusBadRequest, strings.Join(msgs, ", "))
	}
	if len(exclusive) == 0 {
		return nil
	}
	var set []string
	for _, a := range exclusive {
		if given(a) || c.p.has(a) {
			set = append(set, a)
		}
	}
	switch {
	case len(set) == 0:
		return errErr(http.StatusBadRequest, strings.Join(exclusive, ", ")+" are missing, exactly one parameter must be provided")
	case len(set) > 1:
		return errErr(http.StatusBadRequest, strings.Join(set, ", ")+" are mutually exclusive")
	}
	return nil
}

func (k *kind) extraRequired(update bool) []string {
	if k.hooks == nil {
		return nil
	}
	if update {
		return k.hooks.updRequired
	}
	return k.hooks.required
}

// storeCreate: POST on the collection (or the declared create path) makes
// an object: its ID (assigned, or taken from the attributes), the parent
// IDs, created_at and updated_at, and the attributes as given; 201.
func (c *call) storeCreate(k *kind, b *binding) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	extra := map[string]string{}
	for i, name := range b.extra {
		extra[name] = c.args[i]
	}
	fromURL := func(a string) bool { _, ok := extra[a]; return ok }
	if e := c.checkAttrs(append(append([]string(nil), k.create.Required...), k.extraRequired(false)...), k.create.Exclusive, fromURL); e != nil {
		return e
	}
	sc, e := c.readScope(k, b)
	if e != nil {
		return e
	}
	if e := c.canWrite(k, sc, nil); e != nil {
		return e
	}
	obj := c.p.fields()
	for name, v := range extra {
		obj[name] = idValue(v)
	}
	it, e := c.newItem(k, sc, obj)
	if e != nil {
		return e
	}
	return c.doc(http.StatusCreated, c.shown(k, sc, it))
}

// insert stores a new object in the collection of the built-in declaration
// called name whose path placeholders take vals (canonical values: numeric
// project and group ids, iids, the keys of the store's objects), as a
// create would, hooks included; parent, when the store holds it, owns the
// collection, which goes with it. Hooks use it to write other collections,
// such as the jobs a pipeline creates. The scope the kind's hooks see holds
// only vals and parent.
func (c *call) insert(name string, vals []string, parent *item, fields map[string]any) (*item, *apiError) {
	k := builtinKinds().kinds[name]
	if k == nil || len(vals) != len(k.phs) {
		panic(fmt.Sprintf("gitlabtest: insert: %s takes %d placeholder values", name, len(vals)))
	}
	return c.newItem(k, &scope{vals: vals, parent: parent, key: collKey(k, vals)}, fields)
}

// newItem completes obj (the attributes given) and stores it in the
// scope's collection.
func (c *call) newItem(k *kind, sc *scope, obj map[string]any) (*item, *apiError) {
	col := c.collFor(sc, true)
	for name, v := range c.baseObject(k, sc) {
		obj[name] = v
	}
	it := &item{obj: obj, ext: c.user}
	if e := c.assignID(k, col, it); e != nil {
		return nil, e
	}
	if k.idAttr != "" && it.id == 0 && col.byKey[it.key] != nil { // a counted ID is new, unless a hook sets another
		if k.hooks != nil && k.hooks.dup != nil {
			return nil, k.hooks.dup(it.key)
		}
		return nil, fieldErr(k.idAttr, "has already been taken")
	}
	now := c.s.nowTS()
	obj["created_at"], obj["updated_at"] = now, now
	if k.hooks != nil && k.hooks.create != nil {
		if e := k.hooks.create(c, sc, obj); e != nil {
			return nil, e
		}
		if e := rekey(k, col, it); e != nil { // the hook may set the ID (a member's is its user's)
			return nil, e
		}
	}
	it.render()
	if k.idAttr == "" && !k.keyless { // a singleton: the new object replaces the old
		col.items, col.byKey, col.gone = nil, map[string]*item{}, false
	}
	col.add(it)
	c.after(k, sc)
	return it, nil
}

// rekey follows an ID the create hook changed.
func rekey(k *kind, col *coll, it *item) *apiError {
	key := anyString(it.obj[k.idAttr])
	if k.idAttr == "" || k.idAttr == "iid" {
		return nil
	}
	if col.byKey[key] != nil {
		if k.hooks.dup != nil {
			return k.hooks.dup(key)
		}
		return fieldErr(k.idAttr, "has already been taken")
	}
	it.key = key
	if n, err := strconv.Atoi(key); err == nil {
		it.id = n
	}
	return nil
}

// assignID gives the object its ID: numbers the store counts for "id",
// "iid" (per parent, with a global "id" beside) and other *_id attributes
// the attributes lack; otherwise the attribute itself, or, when missing, a
// slug made from the title (https://docs.gitlab.com/api/wikis/#create-a-new-wiki-page),
// or the one required attribute named *_<id> (a tag's name is its tag_name).
func (c *call) assignID(k *kind, col *coll, it *item) *apiError {
	obj := it.obj
	switch k.idAttr {
	case "":
		if k.keyless {
			col.next++
			it.key = strconv.Itoa(col.next)
		}
		return nil
	case "id":
		it.id = c.s.nextID(k)
		obj["id"], it.key = it.id, strconv.Itoa(it.id)
		return nil
	case "iid":
		it.id = c.s.nextID(k)
		col.next++
		obj["id"], obj["iid"], it.key = it.id, col.next, strconv.Itoa(col.next)
		return nil
	}
	switch v := obj[k.idAttr].(type) {
	case nil:
	case []any: // e-mails as a comma-separated list: the ID is their text
		it.key = strings.Join(toStrings(v), ",")
		obj[k.idAttr] = it.key
	default:
		it.key = anyString(v)
	}
	if it.key != "" {
		return nil
	}
	var v string
	switch {
	case strings.HasSuffix(k.idAttr, "_id"):
		it.id = c.s.nextID(k)
		obj[k.idAttr], it.key = it.id, strconv.Itoa(it.id)
		return nil
	case k.idAttr == "slug": // a wiki page's: its title, spaces made hyphens
		title := anyString(obj["title"])
		if title == "" {
			title = anyString(obj["name"])
		}
		v = strings.ReplaceAll(strings.TrimSpace(title), " ", "-")
	default:
		for _, a := range k.create.Required {
			if strings.HasSuffix(a, "_"+k.idAttr) {
				v = anyString(obj[a])
			}
		}
	}
	if v == "" {
		return missing(k.idAttr)
	}
	obj[k.idAttr], it.key = v, v
	return nil
}

// nextID counts the store's numeric IDs, one sequence per collection path.
func (s *Server) nextID(k *kind) int {
	s.st.ids[k.path]++
	return s.st.ids[k.path]
}

func (c *call) after(k *kind, sc *scope) {
	if k.hooks != nil && k.hooks.after != nil {
		k.hooks.after(c, sc)
	}
}

// storeUpdate: PUT (or the declared verb) on path/{id} or on a singleton's
// path merges the attributes given into the object and answers it whole
// (https://docs.gitlab.com/api/rest/troubleshooting/#status-codes).
func (c *call) storeUpdate(k *kind, b *binding) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	inURL := func(a string) bool { return a == k.idAttr || slices.Contains(k.phs, a) }
	if e := c.checkAttrs(append(append([]string(nil), k.update.Required...), k.extraRequired(true)...), k.update.Exclusive, inURL); e != nil {
		return e
	}
	sc, it, e := c.target(k, b)
	if e != nil {
		return e
	}
	if e := c.canWrite(k, sc, it); e != nil {
		return e
	}
	if it == nil { // a singleton written for the first time
		col := c.collFor(sc, true)
		it = &item{obj: c.baseObject(k, sc)}
		col.add(it)
	}
	fields := c.p.fields(k.idAttr, "id") // the store's IDs do not change
	for _, ph := range k.phs {
		delete(fields, ph)
	}
	if k.hooks != nil && k.hooks.update != nil {
		if e := k.hooks.update(c, sc, it, fields); e != nil {
			return e
		}
	} else {
		for name, v := range fields {
			it.obj[name] = v
		}
		it.obj["updated_at"] = c.s.nowTS()
	}
	it.render()
	c.after(k, sc)
	return c.doc(http.StatusOK, c.shown(k, sc, it))
}

// storeDelete: DELETE path/{id} (or a singleton's path) removes the object
// and the collections under it; 204.
func (c *call) storeDelete(k *kind, b *binding) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	sc, it, e := c.target(k, b)
	if e != nil {
		return e
	}
	if e := c.canWrite(k, sc, it); e != nil {
		return e
	}
	if k.hooks != nil && k.hooks.delete != nil {
		if e := k.hooks.delete(c, sc, it); e != nil {
			return e
		}
	}
	col := c.collFor(sc, true)
	if it != nil {
		col.remove(it.key)
		c.s.dropUnder(it)
	}
	if b.key < 0 {
		col.gone = true
	}
	c.after(k, sc)
	return c.noContent()
}

// dropUnder removes the collections owned by a deleted object, and theirs.
func (s *Server) dropUnder(it *item) {
	for key, col := range s.st.colls {
		if col.owner == it {
			delete(s.st.colls, key)
			for _, child := range col.items {
				s.dropUnder(child)
			}
		}
	}
}

// storeSet: PUT (or POST) path/{key} with a value creates or replaces the
// object {<id attribute>: key, "value": value}; 200
// (https://docs.gitlab.com/api/custom_attributes/#set-custom-attribute).
func (c *call) storeSet(k *kind, b *binding) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	if e := c.checkAttrs([]string{"value"}, nil, func(string) bool { return false }); e != nil { // Grape: value is required
		return e
	}
	sc, e := c.readScope(k, b)
	if e != nil {
		return e
	}
	key := c.args[b.key]
	col := c.collFor(sc, true)
	it := col.byKey[key]
	if e := c.canWrite(k, sc, it); e != nil {
		return e
	}
	now := c.s.nowTS()
	if it == nil {
		it = &item{key: key, obj: c.baseObject(k, sc), ext: c.user}
		it.obj[k.idAttr] = key
		it.obj["created_at"] = now
		col.add(it)
	}
	it.obj["value"], it.obj["updated_at"] = c.p["value"], now
	it.render()
	c.after(k, sc)
	return c.doc(http.StatusOK, &it.doc)
}

// AddObject stores an object in the generic store's collection at path, an
// API path with or without /api/v4 such as "/projects/1/pipelines/3/jobs"
// (placeholder values URL-encoded, projects and groups by id or path), the
// way the administrator's create would: the ID the store assigns (or the one
// attrs give), the parent IDs, created_at, updated_at and attrs, completed
// by the collection's hooks. Unlike a create through the API it ignores the
// operations and required attributes the collection declares, so it fills
// read-only collections (jobs, events, audit events) too; a singleton's path
// sets the singleton. It returns the stored object and panics when the
// store serves no collection at path (hand-written handlers serve projects,
// issues, merge requests...: use AddProject and the API for those) or a
// parent is missing.
func (s *Server) AddObject(path string, attrs map[string]any) map[string]any {
	if !strings.HasPrefix(path, apiPrefix) {
		path = apiPrefix + path
	}
	segs, ok := splitPath(path)
	var k *kind
	if ok {
		k = s.kindFor(segs)
	}
	if k == nil {
		panic("gitlabtest: AddObject: no collection of the generic store at " + path)
	}
	c := &call{s: s, r: &http.Request{Method: http.MethodPost, URL: &url.URL{Path: path}}, path: path, segs: segs}
	for i, seg := range k.segs {
		if seg == "{}" {
			c.args = append(c.args, segs[i])
		}
	}
	var e *apiError
	if c.p, e = parseParams(nil, "application/json", marshal(attrs)); e != nil {
		panic("gitlabtest: AddObject: " + e.Error())
	}
	s.lock()
	defer s.mu.Unlock()
	c.user = s.st.userByID[1]
	sc, e := c.resolve(k, c.args)
	var it *item
	if e == nil {
		it, e = c.newItem(k, sc, c.p.fields())
	}
	if e != nil {
		panic("gitlabtest: AddObject " + path + ": " + e.Error())
	}
	var out map[string]any
	rc := newRenderCtx(s.externalURL(nil))
	_ = json.Unmarshal(it.doc.render(&rc), &out)
	return out
}

// kindFor finds the collection of the generic store served at the
// segments: the kind of the route a request there, or to one of its
// objects, would take, when the store serves it.
func (s *Server) kindFor(segs []string) *kind {
	for _, path := range [][]string{segs, append(segs[:len(segs):len(segs)], "-")} {
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if rt, _, _ := s.match(m, path); rt != nil && rt.kind != nil && len(rt.kind.segs) == len(segs) {
				return rt.kind
			}
		}
	}
	// A built-in collection no operation serves, whose objects GitLab
	// makes itself and the API reads by actions (attestations), by its path.
	for _, k := range builtinKinds().kinds {
		if k.native == nil && k.spec != nil && k.spec.Ops == 0 && len(k.spec.Actions) > 0 && segsMatch(k.segs, segs) {
			return k
		}
	}
	return nil
}

// segsMatch reports whether segs fill the template's placeholders ("{}").
func segsMatch(template, segs []string) bool {
	return len(template) == len(segs) && !slices.ContainsFunc(seq(len(segs)), func(i int) bool {
		return template[i] != "{}" && template[i] != segs[i]
	})
}
