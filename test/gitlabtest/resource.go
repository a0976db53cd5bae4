package gitlabtest

import (
	"strings"

	"github.com/golab/gitlab/base"
)

// Resource declares a collection served by the generic store (see the
// package documentation, "The generic store"):
//
//	POST   Path        201, the object: the parameters given, "id" when IDAttr
//	                   is "id", the parent IDs, created_at and updated_at
//	GET    Path        paginated list, oldest first
//	GET    Path/{key}  200, or 404 {"message":"404 Not found"}
//	PUT    Path/{key}  200 with the merged object
//	DELETE Path/{key}  204
//
// A placeholder in Path must name an existing, visible parent when the path
// before it is a collection the fake knows: "/projects" (a project id or
// URL-encoded path), "/groups", "/users", a project's issues and merge
// requests (iids), any built-in declaration's collection
// ("/projects/{project_id}/pipelines/{pipeline_id}/widgets" needs the
// pipeline) and earlier AddResource paths; a missing parent answers its 404.
// Reads follow the parent's visibility; writes need authentication and write
// access to the parent (a user may write under their own /users/{id}).
// Stored fields are the request parameters as given: JSON values keep their
// type, form and query values are strings.
type Resource struct {
	Path   string // e.g. "/projects/{project_id}/widgets"
	IDAttr string // default "id"
	Ops    string // subset of "list,get,create,update,delete"; empty means all
}

// AddResource declares a collection (see Resource). It may be called while
// the server is running. Routes the fake already serves (hand-written, built
// in or added before) keep their handler. It panics on a path that does not
// start with "/" or on an unknown operation.
func (s *Server) AddResource(r Resource) {
	if !strings.HasPrefix(r.Path, "/") {
		panic("gitlabtest: AddResource: path must start with /: " + r.Path)
	}
	k := &kind{path: r.Path, idAttr: r.IDAttr, notFound: errNotFoundPlain, updVerb: "PUT", setVerb: "PUT", createVerb: "POST"}
	if k.idAttr == "" {
		k.idAttr = "id"
	}
	ops := r.Ops
	if ops == "" {
		ops = "list,get,create,update,delete"
	}
	for _, op := range strings.Split(ops, ",") {
		switch op = strings.TrimSpace(op); op {
		case "list", "get", "create", "update", "delete":
			o, _ := base.ParseOps(op)
			k.ops |= o
		default:
			panic("gitlabtest: AddResource: unknown operation " + op)
		}
	}
	k.segs, k.phs = template(r.Path)
	k.createSegs, k.createPhs = k.segs, k.phs
	// Each placeholder names an object of the collection before it, when the
	// fake knows that collection.
	for i, seg := range k.segs {
		if seg != "{}" {
			continue
		}
		j := len(k.chain)
		st := step{arg: j, args: seq(j)}
		if a := s.kindAt(collPath(k.segs[:i])); a != nil && a.idAttr != "" && len(a.phs) == j {
			st.k, st.attr = a, a.idAttr
		}
		k.chain = append(k.chain, st)
	}
	rts, _ := k.routes() // without CreatePath it cannot fail
	s.routeMu.Lock()
	if s.resKinds == nil {
		s.resKinds = map[string]*kind{}
	}
	if p := collPath(k.segs); s.resKinds[p] == nil && builtinKinds().byColl[p] == nil {
		s.resKinds[p] = k // a later AddResource path may name its objects
	}
	s.routeMu.Unlock()
	s.addRoutes(rts...)
}
