package gitlabtest

import (
	"net/http"
	"strconv"
	"strings"
)

// Resource declares an in-memory collection served with generic CRUD:
//
//	POST   Path        201, the stored parameters plus "id" when IDAttr is "id"
//	GET    Path        paginated list, oldest first
//	GET    Path/{key}  200, or 404 {"message":"404 Not found"}
//	PUT    Path/{key}  200 with the merged object
//	DELETE Path/{key}  204
//
// Placeholders in Path must resolve to an existing, visible parent, chosen by
// the segment before them: "projects" (id or URL-encoded path), "groups",
// "users", "issues" and "merge_requests" (iids of the project); a missing
// parent answers 404. Reads follow the parent's visibility; writes need
// authentication and write access to the parent (a user may write under
// their own /users/{id}). Stored fields are the request parameters as given:
// JSON values keep their type, form and query values are strings.
type Resource struct {
	Path   string // e.g. "/projects/{project_id}/widgets"
	IDAttr string // default "id"
	Ops    string // subset of "list,get,create,update,delete"; empty means all
}

type resource struct {
	Resource
	segs []string
	ops  map[string]bool

	// Hooks for the built-in resources; nil means the generic behaviour.
	required    []string
	updRequired []string
	notFound    *apiError
	listDesc    bool
	canRead     func(c *call, sc *scope) *apiError
	canWrite    func(c *call, sc *scope, it *item) *apiError // it is nil on create
	build       func(c *call, sc *scope, obj map[string]any) *apiError
	update      func(c *call, sc *scope, it *item, fields map[string]any) *apiError
	dup         func(key string) *apiError
	after       func(sc *scope)
	nextID      int
}

// scope is the resolved parent chain of a resource request.
type scope struct {
	project *project
	group   *group
	user    *user
	issue   *item
	mr      *item
	key     string
}

// AddResource declares a generic collection (see Resource). It may be called
// while the server is running. It panics on a path that does not start with
// "/" or on an unknown operation.
func (s *Server) AddResource(r Resource) {
	s.lock()
	defer s.mu.Unlock()
	s.addResource(&resource{Resource: r})
}

func (s *Server) addResource(r *resource) *resource {
	if !strings.HasPrefix(r.Path, "/") {
		panic("gitlabtest: AddResource: path must start with /: " + r.Path)
	}
	if r.IDAttr == "" {
		r.IDAttr = "id"
	}
	r.ops = map[string]bool{}
	ops := r.Ops
	if ops == "" {
		ops = "list,get,create,update,delete"
	}
	for _, op := range strings.Split(ops, ",") {
		op = strings.TrimSpace(op)
		switch op {
		case "list", "get", "create", "update", "delete":
			r.ops[op] = true
		default:
			panic("gitlabtest: AddResource: unknown operation " + op)
		}
	}
	r.segs = strings.Split(strings.Trim(r.Path, "/"), "/")
	if r.notFound == nil {
		r.notFound = errNotFoundPlain
	}
	p := "/" + strings.Join(r.segs, "/")
	if r.ops["list"] {
		s.handle("GET "+p, func(c *call) *apiError { return s.resList(c, r) })
	}
	if r.ops["create"] {
		s.handle("POST "+p, func(c *call) *apiError { return s.resCreate(c, r) })
	}
	if r.ops["get"] {
		s.handle("GET "+p+"/{key}", func(c *call) *apiError { return s.resGet(c, r) })
	}
	if r.ops["update"] {
		s.handle("PUT "+p+"/{key}", func(c *call) *apiError { return s.resUpdate(c, r) })
	}
	if r.ops["delete"] {
		s.handle("DELETE "+p+"/{key}", func(c *call) *apiError { return s.resDelete(c, r) })
	}
	return r
}

// resolve walks the placeholders of the collection path.
func (s *Server) resolve(c *call, r *resource) (*scope, *apiError) {
	sc := &scope{}
	var key strings.Builder
	key.WriteString(r.Path)
	arg := 0
	for i, seg := range r.segs {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		v := c.args[arg]
		arg++
		prev := ""
		if i > 0 {
			prev = r.segs[i-1]
		}
		canon := v
		switch prev {
		case "projects":
			p, e := s.findProject(c, v)
			if e != nil {
				return nil, e
			}
			sc.project, canon = p, strconv.Itoa(p.id)
		case "groups":
			g, e := s.findGroup(c, v)
			if e != nil {
				return nil, e
			}
			sc.group, canon = g, strconv.Itoa(g.id)
		case "users":
			u := s.findUser(v)
			if u == nil {
				return nil, notFound("User")
			}
			sc.user, canon = u, strconv.Itoa(u.id)
		case "issues", "merge_requests":
			if sc.project == nil {
				break
			}
			col := sc.project.issues
			if prev == "merge_requests" {
				col = sc.project.mrs
			}
			var it *item
			if col != nil {
				it = col.byKey[v]
			}
			if it == nil {
				return nil, errNotFoundPlain
			}
			if prev == "issues" {
				sc.issue = it
			} else {
				sc.mr = it
			}
		}
		key.WriteString("|" + canon)
	}
	sc.key = key.String()
	return sc, nil
}

func (s *Server) collFor(sc *scope, create bool) *coll {
	col := s.st.colls[sc.key]
	if col == nil && create {
		col = newColl()
		s.st.colls[sc.key] = col
	}
	return col
}

func (s *Server) resCanRead(c *call, r *resource, sc *scope) *apiError {
	if r.canRead != nil {
		return r.canRead(c, sc)
	}
	return nil
}

func (s *Server) resCanWrite(c *call, r *resource, sc *scope, it *item) *apiError {
	if r.canWrite != nil {
		return r.canWrite(c, sc, it)
	}
	switch {
	case c.user == nil:
		return errUnauthorized
	case sc.project != nil && !s.canWriteProject(c.user, sc.project):
		return errForbidden
	case sc.group != nil && !canWriteGroup(c.user, sc.group):
		return errForbidden
	case sc.user != nil && !c.user.admin && c.user != sc.user:
		return errForbidden
	}
	return nil
}

func (s *Server) resList(c *call, r *resource) *apiError {
	sc, e := s.resolve(c, r)
	if e != nil {
		return e
	}
	if e := s.resCanRead(c, r, sc); e != nil {
		return e
	}
	col := s.collFor(sc, false)
	if col == nil {
		return c.listDocs(0, nil)
	}
	items := col.items
	if r.listDesc {
		n := len(items)
		return c.listDocs(n, func(i int) *doc { return &items[n-1-i].doc })
	}
	return c.listDocs(len(items), itemDocs(items))
}

func (s *Server) resItem(c *call, r *resource) (*scope, *item, *apiError) {
	sc, e := s.resolve(c, r)
	if e != nil {
		return nil, nil, e
	}
	if e := s.resCanRead(c, r, sc); e != nil {
		return nil, nil, e
	}
	col := s.collFor(sc, false)
	var it *item
	if col != nil {
		it = col.byKey[c.args[len(c.args)-1]]
	}
	if it == nil {
		return nil, nil, r.notFound
	}
	return sc, it, nil
}

func (s *Server) resGet(c *call, r *resource) *apiError {
	_, it, e := s.resItem(c, r)
	if e != nil {
		return e
	}
	return c.doc(http.StatusOK, &it.doc)
}

func (s *Server) resCreate(c *call, r *resource) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	if e := c.p.require(r.required...); e != nil {
		return e
	}
	sc, e := s.resolve(c, r)
	if e != nil {
		return e
	}
	if e := s.resCanRead(c, r, sc); e != nil {
		return e
	}
	if e := s.resCanWrite(c, r, sc, nil); e != nil {
		return e
	}
	obj := c.p.fields()
	it := &item{obj: obj, ext: c.user}
	if r.IDAttr == "id" {
		r.nextID++
		it.id = r.nextID
		obj["id"] = it.id
		it.key = strconv.Itoa(it.id)
	} else {
		k, ok := c.p.str(r.IDAttr)
		if !ok {
			return missing(r.IDAttr)
		}
		it.key = k
	}
	col := s.collFor(sc, true)
	if col.byKey[it.key] != nil {
		if r.dup != nil {
			return r.dup(it.key)
		}
		return fieldErr(r.IDAttr, "has already been taken")
	}
	if r.build != nil {
		if e := r.build(c, sc, obj); e != nil {
			return e
		}
	}
	it.render()
	col.add(it)
	if r.after != nil {
		r.after(sc)
	}
	return c.doc(http.StatusCreated, &it.doc)
}

func (s *Server) resUpdate(c *call, r *resource) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	if e := c.p.require(r.updRequired...); e != nil {
		return e
	}
	sc, it, e := s.resItem(c, r)
	if e != nil {
		return e
	}
	if e := s.resCanWrite(c, r, sc, it); e != nil {
		return e
	}
	fields := c.p.fields(r.IDAttr)
	if r.update != nil {
		if e := r.update(c, sc, it, fields); e != nil {
			return e
		}
	} else {
		for k, v := range fields {
			it.obj[k] = v
		}
	}
	it.render()
	if r.after != nil {
		r.after(sc)
	}
	return c.doc(http.StatusOK, &it.doc)
}

func (s *Server) resDelete(c *call, r *resource) *apiError {
	if c.user == nil {
		return errUnauthorized
	}
	sc, it, e := s.resItem(c, r)
	if e != nil {
		return e
	}
	if e := s.resCanWrite(c, r, sc, it); e != nil {
		return e
	}
	s.collFor(sc, false).remove(it.key)
	if r.after != nil {
		r.after(sc)
	}
	return c.noContent()
}
