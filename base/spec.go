// Package base is the engine of golab/gitlab: manager declarations (Spec), the
// registry that holds them, raw-JSON objects with dirty tracking, the generic
// operations every manager is built from, pagination and the error types.
//
// Most users never import base directly: the root package gitlab re-exports
// what they need. Packages import in one direction only:
// gitlab → managers → mixins → base.
package base

import (
	"fmt"
	"iter"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Ops is the set of core operations a manager declares. A typed manager has
// exactly the methods of the operations its Spec declares; a dynamic manager
// checks them at run time.
type Ops uint16

// The core operations, as in python-gitlab's manager mixins.
const (
	OpList         Ops = 1 << iota // GET on the collection, paginated
	OpGet                          // GET path/{id}
	OpGetWithoutID                 // GET on the manager path itself (singletons)
	OpCreate                       // POST on the collection
	OpUpdate                       // PUT (or POST, PATCH) path/{id}
	OpDelete                       // DELETE path/{id}
	OpSet                          // PUT or POST path/{key} with {"value": v}
)

// Composite operation sets, named after python-gitlab's composite mixins.
const (
	OpsRetrieve = OpList | OpGet
	OpsCRUD     = OpList | OpGet | OpCreate | OpUpdate | OpDelete
	OpsNoUpdate = OpList | OpGet | OpCreate | OpDelete
)

var opNames = []struct {
	op   Ops
	name string
}{
	{OpList, "list"}, {OpGet, "get"}, {OpGetWithoutID, "get_without_id"}, {OpCreate, "create"},
	{OpUpdate, "update"}, {OpDelete, "delete"}, {OpSet, "set"},
}

// Has reports whether every operation of x is in o.
func (o Ops) Has(x Ops) bool { return o&x == x }

// String lists the operations, e.g. "list,get,create".
func (o Ops) String() string {
	var parts []string
	for _, n := range opNames {
		if o.Has(n.op) {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, ",")
}

// ParseOps turns "list,get,create" into an Ops set.
func ParseOps(s string) (Ops, error) {
	var o Ops
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		found := false
		for _, n := range opNames {
			if n.name == p {
				o |= n.op
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("gitlab: unknown operation %q (want one of list, get, get_without_id, create, update, delete, set)", p)
		}
	}
	return o, nil
}

// RequiredOptional lists the attributes an operation takes: all of Required,
// any of Optional, and at most one (and, when the list is not empty, at least
// one) of Exclusive. It mirrors python-gitlab's RequiredOptional.
type RequiredOptional struct {
	Required  []string
	Optional  []string
	Exclusive []string
}

// Clone returns a copy that shares no slice with r.
func (r RequiredOptional) Clone() RequiredOptional {
	return RequiredOptional{Required: slices.Clone(r.Required), Optional: slices.Clone(r.Optional), Exclusive: slices.Clone(r.Exclusive)}
}

// IsZero reports whether no attribute is declared.
func (r RequiredOptional) IsZero() bool {
	return len(r.Required) == 0 && len(r.Optional) == 0 && len(r.Exclusive) == 0
}

// AttrType tells how an attribute is encoded on the wire.
type AttrType uint8

// Attribute types, as python-gitlab's gitlab.types.
const (
	// Array: key[]=a&key[]=b in queries, a JSON array in bodies.
	TypeArray AttrType = iota + 1
	// CommaSeparatedList: key=a,b in queries, a JSON array in bodies.
	TypeCommaSeparatedList
	// CommaSeparatedString: key=a,b in queries and in bodies.
	TypeCommaSeparatedString
	// Lowercase: lowercased in queries, sent as is in bodies.
	TypeLowercase
	// File: sent as a multipart file part named after the attribute.
	TypeFile
	// Image: like File, with the file name "<attr>.png" (avatars). An empty
	// string stays in the body, which removes the image.
	TypeImage
	// JSON: a JSON document given as a string; checked before sending.
	TypeJSON
)

// AttrTypes tells how attributes are encoded where they are not plain
// values: each field lists the attributes of one type (python-gitlab's
// _types). It is plain data, not a map, so that declarations cost nothing
// until they are used:
//
//	Types: base.AttrTypes{Array: []string{"scope"}, CommaSeparatedList: []string{"labels"}}
type AttrTypes struct {
	Array                []string // TypeArray
	CommaSeparatedList   []string // TypeCommaSeparatedList
	CommaSeparatedString []string // TypeCommaSeparatedString
	Lowercase            []string // TypeLowercase
	File                 []string // TypeFile
	Image                []string // TypeImage
	JSON                 []string // TypeJSON
}

// lists returns t's lists: the attributes of type AttrType(i+1) at i.
func (t *AttrTypes) lists() [7]*[]string {
	return [7]*[]string{&t.Array, &t.CommaSeparatedList, &t.CommaSeparatedString, &t.Lowercase, &t.File, &t.Image, &t.JSON}
}

// Of returns the type of attr, 0 for a plain value.
func (t AttrTypes) Of(attr string) AttrType {
	for i, l := range t.lists() {
		if slices.Contains(*l, attr) {
			return AttrType(i + 1)
		}
	}
	return 0
}

// All yields each typed attribute with its type.
func (t AttrTypes) All() iter.Seq2[string, AttrType] {
	return func(yield func(string, AttrType) bool) {
		for i, l := range t.lists() {
			for _, a := range *l {
				if !yield(a, AttrType(i+1)) {
					return
				}
			}
		}
	}
}

// IsZero reports whether t types no attribute.
func (t AttrTypes) IsZero() bool {
	for _, l := range t.lists() {
		if len(*l) > 0 {
			return false
		}
	}
	return true
}

// Over returns t with, added, the types of under for the attributes t does
// not type: an action's types over its manager's.
func (t AttrTypes) Over(under AttrTypes) AttrTypes {
	if t.IsZero() {
		return under
	}
	out := t.Clone()
	for a, typ := range under.All() {
		if t.Of(a) == 0 {
			l := out.lists()[typ-1]
			*l = append(*l, a)
		}
	}
	return out
}

// Clone returns a copy of t that shares no list with it.
func (t AttrTypes) Clone() AttrTypes {
	var c AttrTypes
	for i, l := range t.lists() {
		*c.lists()[i] = slices.Clone(*l)
	}
	return c
}

// ActionResult tells what an action's response means.
type ActionResult uint8

const (
	// ResultRaw: the response is returned as JSON and the object is unchanged.
	ResultRaw ActionResult = iota
	// ResultReplace: the response replaces the object's data (star, merge).
	ResultReplace
	// ResultNew: the response is one new object, of the manager Action.Of
	// names, or of the action's own manager (fork, a retried job).
	ResultNew
	// ResultNone: the response body is ignored.
	ResultNone
	// ResultList: the response is a paginated list of objects, of the
	// manager Action.Of names or of the action's own manager (a milestone's
	// issues, all runners); the typed method is an iterator, as Lister.All.
	ResultList
	// ResultDownload: the response is a byte stream (artifacts, archives,
	// raw files), returned unread as a *Download.
	ResultDownload
)

// Action declares a custom action: an HTTP call on an object (or on the
// manager, when OnManager is set) that is not one of the core operations,
// such as star, fork, merge or approve. Its Go method, written by
// gitlab-gen, is named after it: merge_ref → MergeRef.
type Action struct {
	// Name is python-gitlab's method name, e.g. "star" or "merge_ref"; it is
	// also the error Op of a failure.
	Name string
	// Method is the HTTP method; default POST.
	Method string
	// Path is appended to the object's URL (or, with OnManager, to the
	// manager's path); default Name. A Path starting with / is a whole path
	// instead. {placeholders} are filled, by name, from the attributes of
	// the call (which are then not sent otherwise), the object's attributes,
	// or the parent attributes: "{sha}/raw", "/import/github". Each value
	// is escaped as one path segment, slashes too, except in a {+name}
	// placeholder (RFC 6570's reserved expansion), for a path inside an
	// archive that GitLab matches as several segments (*artifact_path):
	// "artifacts/{+path}" sends "artifacts/reports/junit.xml".
	Path string
	// OnManager: the action is on the manager path, not on an object.
	OnManager bool
	// Attrs are checked before any request, as for create.
	Attrs RequiredOptional
	// Result tells what the response means.
	Result ActionResult
	// Of names the manager of the objects of ResultNew and ResultList, when
	// they are not the action's own manager's ("project_issue" for a
	// milestone's issues). Their path is filled from the object's attributes
	// and the parent attributes, by placeholder name.
	Of string
	// Query sends the attributes as query parameters, whatever the method
	// (they go to the query of GET, HEAD and DELETE anyway).
	Query bool
	// Body names the attribute whose value is sent as the raw request body
	// (an io.Reader, []byte or string, streamed): a generic package upload.
	Body string
	// Types tells how the action's attributes are encoded, where they differ
	// from the manager's Types (a file to upload: File).
	Types AttrTypes
	// GoMethod is the name of the Go method when it is not GoName(Name),
	// because that would hide another method (a merge request's changes
	// action is FileChanges: Changes reports an object's pending changes).
	GoMethod string
}

// MethodName is the name of the Go method of the action.
func (a *Action) MethodName() string {
	if a.GoMethod != "" {
		return a.GoMethod
	}
	return GoName(a.Name)
}

// IDAttrNone is the IDAttr of resources that have no ID in their URL (singletons
// such as /user or a project's push rule).
const IDAttrNone = "-"

// Spec declares a manager: everything needed to reach a GitLab resource. It is
// data: adding an endpoint means writing one Spec (and running go generate
// for its typed code, see cmd/gitlab-gen). A Registry keeps its own copy of
// every Spec registered, so changing a Spec afterwards changes nothing.
type Spec struct {
	// Name identifies the manager in a Registry: python-gitlab's manager
	// class in snake case without "Manager" ("project_pipeline" for
	// ProjectPipelineManager). The Go types generated for it are named after
	// it: ProjectPipeline and ProjectPipelineManager.
	Name string
	// Accessor is the Go name that reaches the manager: the method of the
	// parent's objects (project.Pipelines()) or, for a root manager, the
	// field of the client (gl.Projects); python-gitlab's attribute
	// (pipelines, mergerequests → MergeRequests). "" when there is none: the
	// manager is then reached by name (Client.Manager, Object.Manager).
	Accessor string
	// Path is the collection path under /api/v4 with {placeholders} filled
	// from the parent object, e.g. "/projects/{project_id}/issues".
	Path string
	// Parent names the manager whose objects own this one ("" for root).
	Parent string
	// FromParent maps each placeholder to the parent attribute that fills
	// it. Left nil, it is derived when the spec is registered: a placeholder
	// the parent's Path has too is filled from the parent attribute of the
	// same name, and the one it lacks from the parent's ID attribute, which
	// is what GitLab's nesting almost always means: a project's issues
	// ({project_id}) read the project's "id"; an issue's notes
	// ({project_id}, {issue_iid}) read the "project_id" and "iid".
	// Declare it only where a placeholder says otherwise.
	FromParent map[string]string
	// IDAttr is the attribute that identifies an object in URLs: "" means
	// "id"; IDAttrNone means objects have no ID (singletons).
	IDAttr string
	// IDWords are IDs GitLab documents as words, one route each (an
	// integration's slug: /projects/:id/integrations/slack): Endpoints
	// lists each word's route too. They document; requests take any ID.
	IDWords []string
	// ReprAttr is shown next to the ID when an object is printed.
	ReprAttr string
	// Ops declares the core operations.
	Ops Ops
	// UpdateMethod is the verb of Update and Save: "" means PUT.
	UpdateMethod string
	// SetMethod is the verb of Set: "" means PUT.
	SetMethod string
	// CreateAttrs and UpdateAttrs are checked before any request.
	CreateAttrs RequiredOptional
	UpdateAttrs RequiredOptional
	// GetAttrs and DeleteAttrs are query parameters Get and Delete require
	// (a repository file needs ref to be read, branch to be deleted).
	GetAttrs    RequiredOptional
	DeleteAttrs RequiredOptional
	// CreateMethod is the verb of Create: "" means POST (a pull mirror is
	// configured with PUT).
	CreateMethod string
	// CreatePath is where Create posts when it is not Path: a template with
	// Path's placeholders, filled from the parent, and possibly others,
	// filled from the create attributes and then left out of the body
	// ("/projects/{project_id}/pipeline"; a repository file is created at
	// "/projects/{project_id}/repository/files/{file_path}").
	CreatePath string
	// ListPath is where List (and Head) reads when not Path, a template with
	// Path's placeholders: a user's projects are listed at
	// "/users/{user_id}/projects" and created at Path.
	ListPath string
	// ListFilters documents the list parameters GitLab accepts.
	ListFilters []string
	// Types tells how attributes are encoded.
	Types AttrTypes
	// Actions declares the custom actions.
	Actions []Action
	// ActionGroups are groups of actions that several declarations share,
	// as python-gitlab's SubscribableMixin or TodoMixin: each is a
	// package-level []Action, and registering the spec appends them to
	// Actions (slices.Concat in a declaration would make it code run at
	// start-up; ActionGroups keeps it data).
	ActionGroups [][]Action
	// DocsURL links the GitLab API documentation.
	DocsURL string
}

// Clone returns a deep copy of s: changing one never changes the other.
func (s *Spec) Clone() *Spec {
	if s == nil {
		return nil
	}
	c := *s
	c.FromParent = maps.Clone(s.FromParent)
	c.Types = s.Types.Clone()
	c.CreateAttrs = s.CreateAttrs.Clone()
	c.UpdateAttrs = s.UpdateAttrs.Clone()
	c.GetAttrs = s.GetAttrs.Clone()
	c.DeleteAttrs = s.DeleteAttrs.Clone()
	c.ListFilters = slices.Clone(s.ListFilters)
	c.Actions = cloneActions(s.Actions)
	c.ActionGroups = slices.Clone(s.ActionGroups)
	for i, g := range c.ActionGroups {
		c.ActionGroups[i] = cloneActions(g)
	}
	return &c
}

// cloneActions returns a deep copy of actions.
func cloneActions(actions []Action) []Action {
	c := slices.Clone(actions)
	for i := range c {
		c[i].Attrs = c[i].Attrs.Clone()
		c[i].Types = c[i].Types.Clone()
	}
	return c
}

// ExpandActionGroups returns s, or when it has ActionGroups, a shallow copy
// of s whose Actions are its own followed by each group's, and whose
// ActionGroups are none: the spec a registry holds. s is not changed.
func (s *Spec) ExpandActionGroups() *Spec {
	if len(s.ActionGroups) == 0 {
		return s
	}
	c := *s
	c.Actions = slices.Concat(append([][]Action{s.Actions}, s.ActionGroups...)...)
	c.ActionGroups = nil
	return &c
}

// IDAttribute is the attribute identifying objects in URLs, "" when they have none.
func (s *Spec) IDAttribute() string {
	switch s.IDAttr {
	case "":
		return "id"
	case IDAttrNone:
		return ""
	}
	return s.IDAttr
}

// UpdateVerb is the HTTP method of Update and Save.
func (s *Spec) UpdateVerb() string {
	if s.UpdateMethod == "" {
		return http.MethodPut
	}
	return s.UpdateMethod
}

// CreateVerb is the HTTP method of Create.
func (s *Spec) CreateVerb() string {
	if s.CreateMethod == "" {
		return http.MethodPost
	}
	return s.CreateMethod
}

// Action returns the declared action called name: an object action, or
// with onManager a manager action (an object and its manager may both have
// an action of the same name, such as rotate).
func (s *Spec) Action(name string, onManager bool) (*Action, bool) {
	s = s.ExpandActionGroups() // a registered spec has none
	for i := range s.Actions {
		if s.Actions[i].Name == name && s.Actions[i].OnManager == onManager {
			return &s.Actions[i], true
		}
	}
	return nil, false
}

// Placeholders lists the {names} of Path, in order.
func (s *Spec) Placeholders() []string { return placeholders(s.Path) }

// withFromParent returns s, or when s leaves FromParent nil and has path
// placeholders, a shallow copy of s with FromParent derived from parent
// (see Spec.FromParent). s itself is never changed.
func (s *Spec) withFromParent(parent *Spec) (*Spec, error) {
	if s.FromParent != nil || parent == nil {
		return s, nil
	}
	phs := s.Placeholders()
	if len(phs) == 0 {
		return s, nil
	}
	own, id := parent.Placeholders(), parent.IDAttribute()
	m := make(map[string]string, len(phs))
	for _, ph := range phs {
		switch {
		case slices.Contains(own, ph):
			m[ph] = ph
		case id == "" || len(m) < len(own) || len(m) != len(phs)-1:
			// Not the last placeholder, or the parent's path lacks others
			// too: which attribute fills it is not GitLab's usual nesting.
			return nil, fmt.Errorf("gitlab: spec %q: placeholder {%s} is neither in the path of its parent %q (%s) "+
				"nor the last one, filled from the parent's ID: declare FromParent", s.Name, ph, parent.Name, parent.Path)
		default:
			m[ph] = id
		}
	}
	c := *s
	c.FromParent = m
	return &c, nil
}

// placeholders lists the {names} of a path template, in order ({+name}
// gives name).
func placeholders(p string) []string {
	var out []string
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, strings.TrimPrefix(p[i+1:i+j], "+"))
		p = p[i+j+1:]
	}
}

// Validate checks that the declaration is complete and consistent, its
// ActionGroups included.
func (s *Spec) Validate() error {
	s = s.ExpandActionGroups()
	bad := func(format string, a ...any) error {
		return fmt.Errorf("gitlab: spec %q: %s", s.Name, fmt.Sprintf(format, a...))
	}
	if s.Name == "" {
		return fmt.Errorf("gitlab: spec with path %q has no name", s.Path)
	}
	if !strings.HasPrefix(s.Path, "/") {
		return bad("path %q must start with /", s.Path)
	}
	ph := s.Placeholders()
	if strings.Count(s.Path, "{") != len(ph) || strings.Count(s.Path, "}") != len(ph) {
		return bad("path %q has unbalanced braces", s.Path)
	}
	if s.FromParent != nil && len(ph) != len(s.FromParent) {
		return bad("path placeholders %v do not match FromParent %v", ph, s.FromParent)
	}
	for _, p := range ph {
		if _, ok := s.FromParent[p]; !ok && s.FromParent != nil {
			return bad("path placeholder {%s} has no FromParent entry", p)
		}
	}
	if len(ph) > 0 && s.Parent == "" {
		return bad("path %q has placeholders but no Parent", s.Path)
	}
	if !snakeName(s.Name) {
		return bad("the name must be lower-case words joined by _ (python-gitlab's manager class in snake case, e.g. project_pipeline)")
	}
	if s.Accessor != "" && !goName(s.Accessor) {
		return bad("accessor %q is not an exported Go name", s.Accessor)
	}
	if s.ListPath != "" {
		lp := placeholders(s.ListPath)
		if !strings.HasPrefix(s.ListPath, "/") || len(lp) != len(ph) || strings.Count(s.ListPath, "{") != len(lp) {
			return bad("list path %q must start with / and have the placeholders of the path", s.ListPath)
		}
		for _, p := range lp {
			if !slices.Contains(ph, p) {
				return bad("list path placeholder {%s} is not one of the path's", p)
			}
		}
	}
	if s.CreatePath != "" {
		if !strings.HasPrefix(s.CreatePath, "/") {
			return bad("create path %q must start with /", s.CreatePath)
		}
		if strings.Count(s.CreatePath, "{") != len(placeholders(s.CreatePath)) {
			return bad("create path %q has unbalanced braces", s.CreatePath)
		}
	}
	if s.Ops == 0 && len(s.Actions) == 0 {
		return bad("declares no operation and no action")
	}
	if s.Ops.Has(OpGet) && s.Ops.Has(OpGetWithoutID) {
		return bad("declares both get and get_without_id")
	}
	if s.IDAttribute() == "" && s.Ops.Has(OpGet) {
		return bad("declares get but its objects have no ID (use get_without_id)")
	}
	switch s.UpdateVerb() {
	case http.MethodPut, http.MethodPost, http.MethodPatch:
	default:
		return bad("update method %q is not PUT, POST or PATCH", s.UpdateMethod)
	}
	switch s.CreateVerb() {
	case http.MethodPut, http.MethodPost:
	default:
		return bad("create method %q is not POST or PUT", s.CreateMethod)
	}
	type side struct {
		name      string
		onManager bool
	}
	seen := map[side]bool{}
	for _, a := range s.Actions {
		side := side{a.Name, a.OnManager}
		if a.Name == "" || seen[side] || !snakeName(a.Name) {
			return bad("action names must be unique (on objects and on the manager), not empty and in snake case (%q)", a.Name)
		}
		seen[side] = true
		if a.Of != "" && a.Result != ResultNew && a.Result != ResultList {
			return bad("action %q: Of is for ResultNew and ResultList", a.Name)
		}
		if p := a.Path; strings.Count(p, "{") != len(placeholders(p)) || strings.Count(p, "}") != len(placeholders(p)) {
			return bad("action %q: path %q has unbalanced braces", a.Name, p)
		}
	}
	return nil
}

// snakeName reports whether s is lower-case ASCII words joined by single _.
func snakeName(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return !('0' <= s[0] && s[0] <= '9')
}

// goName reports whether s is an exported ASCII Go identifier.
func goName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Endpoint is one HTTP call a manager makes: a method and a path template
// with the declaration's {placeholders}, and the operation or action that
// calls it.
type Endpoint struct {
	Method, Path string
	Op           string // "list", "get", ..., or an action's name
}

// Endpoints lists the calls of the declared operations and actions, in the
// order of the declaration. An object's ID is written {<IDAttr>}; a call
// whose path holds it is followed by the same call with each of IDWords in
// its place.
func (s *Spec) Endpoints() []Endpoint {
	s = s.ExpandActionGroups()
	var out []Endpoint
	ph := "{" + s.IDAttribute() + "}"
	for _, e := range s.endpoints() {
		out = append(out, e)
		if s.IDAttribute() == "" || !strings.Contains(e.Path, ph) {
			continue
		}
		for _, w := range s.IDWords {
			out = append(out, Endpoint{Method: e.Method, Path: strings.Replace(e.Path, ph, w, 1), Op: e.Op})
		}
	}
	return out
}

// endpoints lists the calls of the declared operations and actions.
func (s *Spec) endpoints() []Endpoint {
	obj := s.Path
	if id := s.IDAttribute(); id != "" {
		obj = s.Path + "/{" + id + "}"
	}
	create := s.Path
	if s.CreatePath != "" {
		create = s.CreatePath
	}
	setVerb := s.SetMethod
	if setVerb == "" {
		setVerb = http.MethodPut
	}
	var out []Endpoint
	for _, e := range []struct {
		op           Ops
		method, path string
	}{
		{OpList, http.MethodGet, s.listPath()}, {OpGet, http.MethodGet, obj}, {OpGetWithoutID, http.MethodGet, s.Path},
		{OpCreate, s.CreateVerb(), create}, {OpUpdate, s.UpdateVerb(), obj}, {OpDelete, http.MethodDelete, obj},
		{OpSet, setVerb, s.Path + "/{key}"},
	} {
		if s.Ops.Has(e.op) {
			out = append(out, Endpoint{Method: e.method, Path: e.path, Op: e.op.String()})
		}
	}
	for _, a := range s.Actions {
		p := a.Path
		if p == "" {
			p = a.Name
		}
		if !strings.HasPrefix(p, "/") {
			prefix := obj
			if a.OnManager {
				prefix = s.Path
			}
			p = prefix + "/" + p
		}
		m := a.Method
		if m == "" {
			m = http.MethodPost
		}
		out = append(out, Endpoint{Method: m, Path: p, Op: a.Name})
	}
	return out
}

// listPath is the path template List reads.
func (s *Spec) listPath() string {
	if s.ListPath != "" {
		return s.ListPath
	}
	return s.Path
}
