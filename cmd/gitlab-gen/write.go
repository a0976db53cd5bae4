package main

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/golab/gitlab/base"
)

// names of the Go identifiers made for a declaration.
type names struct {
	obj, mgr string // ProjectPipeline, ProjectPipelineManager
}

func nameOf(s *base.Spec) names {
	g := base.GoName(s.Name)
	return names{obj: g, mgr: g + "Manager"}
}

// objectPath is the URL template of one object.
func objectPath(s *base.Spec) string {
	if id := s.IDAttribute(); id != "" {
		return s.Path + "/{" + id + "}"
	}
	return s.Path
}

// objectMixin is an object operation and the mixin that provides it.
type objectMixin struct{ method, mixin string }

// objectMixins lists the object operations of s's objects, without those
// written by hand.
func (p *pkg) objectMixins(s *base.Spec) []objectMixin {
	hand := p.hand[nameOf(s).obj]
	var out []objectMixin
	add := func(ok bool, method, mixin string) {
		if ok && !hand[method] {
			out = append(out, objectMixin{method, mixin})
		}
	}
	add(s.Ops.Has(base.OpUpdate), "Save", "Saver")
	add(s.Ops.Has(base.OpDelete), "Delete", "ObjectDeleter")
	add(s.Ops.Has(base.OpGet) || s.Ops.Has(base.OpGetWithoutID), "Refresh", "Refresher")
	return out
}

// managerMixins lists the mixins of s's manager, composites first.
func managerMixins(s *base.Spec) []string {
	ops := s.Ops
	var out []string
	if s.IDAttribute() != "" {
		for _, c := range []struct {
			ops  base.Ops
			name string
		}{{base.OpsCRUD, "CRUD"}, {base.OpsNoUpdate, "NoUpdate"}, {base.OpsRetrieve, "Retrieve"}} {
			if ops.Has(c.ops) {
				out = append(out, c.name)
				ops &^= c.ops
				break
			}
		}
	}
	noID := s.IDAttribute() == ""
	for _, m := range []struct {
		op          base.Ops
		name, noIDn string
	}{
		{base.OpList, "Lister", "Lister"}, {base.OpGet, "Getter", "Getter"}, {base.OpGetWithoutID, "GetterWithoutID", "GetterWithoutID"},
		{base.OpCreate, "Creator", "Creator"}, {base.OpUpdate, "Updater", "UpdaterWithoutID"},
		{base.OpDelete, "Deleter", "DeleterWithoutID"}, {base.OpSet, "Setter", "Setter"},
	} {
		if ops.Has(m.op) {
			if noID {
				out = append(out, m.noIDn)
			} else {
				out = append(out, m.name)
			}
		}
	}
	return out
}

// opLines documents the manager operations of s, one list item each.
func opLines(s *base.Spec) []string {
	var out []string
	obj := objectPath(s)
	list := func(label string, ro base.RequiredOptional) string {
		var parts []string
		if len(ro.Required) > 0 {
			parts = append(parts, "required: "+strings.Join(ro.Required, ", "))
		}
		if len(ro.Exclusive) > 0 {
			parts = append(parts, "one of: "+strings.Join(ro.Exclusive, ", "))
		}
		if len(ro.Optional) > 0 {
			parts = append(parts, "optional: "+shorten(ro.Optional))
		}
		if len(parts) == 0 {
			return ""
		}
		return "; " + label + strings.Join(parts, "; ")
	}
	if s.Ops.Has(base.OpList) {
		l := "List, All and Head: GET " + s.Path
		if len(s.ListFilters) > 0 {
			l += "; filters: " + shorten(s.ListFilters)
		}
		out = append(out, l)
	}
	if s.Ops.Has(base.OpGet) {
		out = append(out, "Get and Lazy: GET "+obj+list("", s.GetAttrs))
	}
	if s.Ops.Has(base.OpGetWithoutID) {
		out = append(out, "Get: GET "+s.Path+list("", s.GetAttrs))
	}
	if s.Ops.Has(base.OpCreate) {
		path := s.Path
		if s.CreatePath != "" {
			path = s.CreatePath
		}
		out = append(out, "Create: "+s.CreateVerb()+" "+path+list("", s.CreateAttrs))
	}
	if s.Ops.Has(base.OpUpdate) {
		out = append(out, "Update: "+s.UpdateVerb()+" "+obj+list("", s.UpdateAttrs))
	}
	if s.Ops.Has(base.OpDelete) {
		out = append(out, "Delete: DELETE "+obj+list("", s.DeleteAttrs))
	}
	if s.Ops.Has(base.OpSet) {
		m := s.SetMethod
		if m == "" {
			m = http.MethodPut
		}
		out = append(out, "Set: "+m+" "+s.Path+"/{key}")
	}
	return out
}

// shorten joins a list of names, cut after the first dozen.
func shorten(items []string) string {
	if len(items) <= 12 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:12], ", ") + fmt.Sprintf(" and %d more", len(items)-12)
}

func actionPath(s *base.Spec, a base.Action) string {
	suffix := a.Path
	if suffix == "" {
		suffix = a.Name
	}
	prefix := objectPath(s)
	if a.OnManager {
		prefix = s.Path
	}
	m := a.Method
	if m == "" {
		m = http.MethodPost
	}
	return m + " " + prefix + "/" + strings.TrimPrefix(suffix, "/")
}

func comment(b *bytes.Buffer, lines ...string) {
	for _, l := range lines {
		if l == "" {
			b.WriteString("//\n")
			continue
		}
		b.WriteString("// " + l + "\n")
	}
}

// reach says how a user reaches the manager of s.
func (p *pkg) reach(s *base.Spec) string {
	switch {
	case s.Accessor == "" && s.Parent == "":
		return fmt.Sprintf("gl.Manager(%q)", s.Name)
	case s.Accessor == "":
		return fmt.Sprintf("%s objects' Manager(%q)", base.GoName(s.Parent), s.Name)
	case s.Parent == "" && p.builtin:
		return "gl." + s.Accessor
	case s.Parent == "":
		return s.Accessor + "(gl)"
	}
	v := localName(base.GoName(s.Parent))
	if _, local := p.byName[s.Parent]; local {
		return v + "." + s.Accessor + "()"
	}
	return base.GoName(s.Parent) + s.Accessor + "(" + v + ")"
}

// localName is a variable name for a value of the Go type t: its first word
// in lower case (ProjectIssue → projectIssue, LDAPGroup → ldapGroup).
func localName(t string) string {
	i := 1
	for i < len(t) && 'A' <= t[i] && t[i] <= 'Z' && (i+1 == len(t) || 'A' <= t[i+1] && t[i+1] <= 'Z') {
		i++
	}
	return strings.ToLower(t[:i]) + t[i:]
}

func (p *pkg) writeDecl(b *bytes.Buffer, d *decl) {
	s := d.spec
	n := nameOf(s)
	objMixins := p.objectMixins(s)
	mgrMixins := managerMixins(s)

	// The manager.
	comment(b, fmt.Sprintf("%s manages %s.", n.mgr, s.Path),
		fmt.Sprintf("Reach it with %s; its objects are *%s.", p.reach(s), n.obj), "")
	for _, l := range opLines(s) {
		comment(b, "  - "+l)
	}
	for _, a := range s.Actions {
		if a.OnManager {
			comment(b, "  - "+a.MethodName()+" (action "+a.Name+"): "+actionPath(s, a))
		}
	}
	if len(opLines(s)) > 0 || hasManagerActions(s) {
		comment(b, "")
	}
	comment(b, fmt.Sprintf("Declared in %s (%s).", d.file, d.varName), "GitLab API: "+s.DocsURL)
	fmt.Fprintf(b, "type %s struct {\n\t*base.Manager[*%s]\n", n.mgr, n.obj)
	for _, m := range mgrMixins {
		fmt.Fprintf(b, "\tmixins.%s[*%s]\n", m, n.obj)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "func new%s(c *base.Core) *%s {\n\tm := base.NewManager(c, new%s)\n\treturn &%s{m", n.mgr, n.mgr, n.obj, n.mgr)
	for _, m := range mgrMixins {
		fmt.Fprintf(b, ", mixins.New%s(m)", m)
	}
	b.WriteString("}\n}\n\n")

	// The object.
	repr := ""
	if id := s.IDAttribute(); id != "" {
		repr = " " + id + ":…"
	}
	if s.ReprAttr != "" && s.ReprAttr != s.IDAttribute() {
		repr += " " + s.ReprAttr + ":…"
	}
	comment(b, fmt.Sprintf("%s is an object of %s, printed <%s%s>.", n.obj, n.mgr, n.obj, repr),
		"It holds GitLab's JSON: read it with Attr, GetString and the other getters,",
		"or Decode; change it with Set.")
	var items []string
	for _, m := range objMixins {
		switch m.method {
		case "Save":
			items = append(items, "Save: "+s.UpdateVerb()+" "+objectPath(s)+" with the pending changes")
		case "Delete":
			items = append(items, "Delete: DELETE "+objectPath(s))
		case "Refresh":
			items = append(items, "Refresh: GET "+objectPath(s))
		}
	}
	for _, a := range s.Actions {
		if !a.OnManager {
			items = append(items, a.MethodName()+" (action "+a.Name+"): "+actionPath(s, a))
		}
	}
	for _, c := range p.children[s.Name] {
		if c.spec.Accessor != "" {
			items = append(items, c.spec.Accessor+"(): "+c.spec.Path+" ("+nameOf(c.spec).mgr+")")
		}
	}
	if len(items) > 0 {
		comment(b, "")
		for _, it := range items {
			comment(b, "  - "+it)
		}
	}
	fmt.Fprintf(b, "type %s struct {\n\t*base.Object\n", n.obj)
	for _, m := range objMixins {
		fmt.Fprintf(b, "\tmixins.%s\n", m.mixin)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(b, "func new%s(o *base.Object) *%s {\n\treturn &%s{o", n.obj, n.obj, n.obj)
	for _, m := range objMixins {
		fmt.Fprintf(b, ", mixins.New%s(o)", m.mixin)
	}
	b.WriteString("}\n}\n\n")

	// The accessor from the parent.
	p.writeAccessor(b, d)

	// The actions.
	for _, a := range s.Actions {
		p.writeAction(b, s, a)
	}
}

func hasManagerActions(s *base.Spec) bool {
	for _, a := range s.Actions {
		if a.OnManager {
			return true
		}
	}
	return false
}

func (p *pkg) writeAccessor(b *bytes.Buffer, d *decl) {
	s := d.spec
	if s.Accessor == "" {
		return
	}
	n := nameOf(s)
	if s.Parent == "" {
		if p.builtin {
			return // a field of Root
		}
		comment(b, fmt.Sprintf("%s returns the manager of %s (%s) on gl. Register must have added", s.Accessor, s.Path, n.mgr),
			"the package's declarations to gl's registry; otherwise its calls fail with an error saying so.")
		fmt.Fprintf(b, "func %s(gl *gitlab.Client) *%s {\n\treturn new%s(gl.RootCore(%q))\n}\n\n", s.Accessor, n.mgr, n.mgr, s.Name)
		return
	}
	parent := base.GoName(s.Parent)
	if _, local := p.byName[s.Parent]; local {
		if p.hand[parent][s.Accessor] {
			return
		}
		comment(b, fmt.Sprintf("%s returns the manager of %s", s.Accessor, s.Path),
			fmt.Sprintf("(%s). It makes no request.", n.mgr))
		fmt.Fprintf(b, "func (o *%s) %s() *%s {\n\treturn new%s(o.ChildCore(%q))\n}\n\n", parent, s.Accessor, n.mgr, n.mgr, s.Name)
		return
	}
	comment(b, fmt.Sprintf("%s%s returns the manager of %s (%s) of a %s. It makes no", parent, s.Accessor, s.Path, n.mgr, parent),
		"request. Register must have added the package's declarations to the client's registry;",
		"otherwise its calls fail with an error saying so.")
	fmt.Fprintf(b, "func %s%s(o *managers.%s) *%s {\n\treturn new%s(o.ChildCore(%q))\n}\n\n", parent, s.Accessor, parent, n.mgr, n.mgr, s.Name)
}

func (p *pkg) writeAction(b *bytes.Buffer, s *base.Spec, a base.Action) {
	n := nameOf(s)
	g := a.MethodName()
	recv, typ, target := "o", n.obj, "o.Object"
	if a.OnManager {
		recv, typ, target = "m", n.mgr, "nil"
	}
	if p.hand[typ][g] {
		return
	}
	of := n.obj // the type of the objects of ResultNew and ResultList
	if a.Of != "" {
		of = base.GoName(a.Of)
	}
	params := "ctx context.Context, "
	attrs := "nil"
	switch {
	case a.Result == base.ResultList:
		params += "params base.Params, "
		attrs = "params"
	case !a.Attrs.IsZero() || a.Body != "" || strings.Contains(a.Path, "{"):
		params += "attrs base.Attrs, "
		attrs = "attrs"
	}
	params += "opts ...base.RequestOption"
	var what string
	switch a.Result {
	case base.ResultReplace:
		what = "The object takes GitLab's answer."
	case base.ResultNew:
		what = fmt.Sprintf("It returns the *%s GitLab answers with.", of)
	case base.ResultNone:
		what = "GitLab's answer is not read."
	case base.ResultList:
		what = fmt.Sprintf("It iterates over the *%s of every page of the answer, fetched as the loop goes.", of)
	case base.ResultDownload:
		what = "It returns the answer unread, as a stream to read or write (WriteTo) and close."
	default:
		what = "It returns GitLab's answer."
	}
	lines := []string{fmt.Sprintf("%s runs the action %s: %s. %s", g, a.Name, actionPath(s, a), what)}
	if !a.Attrs.IsZero() {
		var parts []string
		if len(a.Attrs.Required) > 0 {
			parts = append(parts, "required: "+strings.Join(a.Attrs.Required, ", "))
		}
		if len(a.Attrs.Exclusive) > 0 {
			parts = append(parts, "one of: "+strings.Join(a.Attrs.Exclusive, ", "))
		}
		if len(a.Attrs.Optional) > 0 {
			parts = append(parts, "optional: "+shorten(a.Attrs.Optional))
		}
		lines = append(lines, "Attributes ("+strings.Join(parts, "; ")+") are checked before sending.")
	}
	if a.Body != "" {
		lines = append(lines, fmt.Sprintf("The attribute %s (an io.Reader, []byte or string) is the request body, streamed.", a.Body))
	}
	lines = append(lines, "GitLab API: "+s.DocsURL)
	comment(b, lines...)
	call := fmt.Sprintf("%s.Core().Action(ctx, %s, %q, %s, opts)", recv, target, a.Name, attrs)
	switch a.Result {
	case base.ResultNew:
		fmt.Fprintf(b, "func (%s *%s) %s(%s) (*%s, error) {\n\tn, _, err := %s\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn new%s(n), nil\n}\n\n",
			recv, typ, g, params, of, call, of)
	case base.ResultList:
		fmt.Fprintf(b, "func (%s *%s) %s(%s) iter.Seq2[*%s, error] {\n\treturn base.ActionAll(ctx, %s.Core(), %s, %q, params, opts, new%s)\n}\n\n",
			recv, typ, g, params, of, recv, target, a.Name, of)
	case base.ResultDownload:
		fmt.Fprintf(b, "func (%s *%s) %s(%s) (*base.Download, error) {\n\treturn %s.Core().Download(ctx, %s, %q, %s, opts)\n}\n\n",
			recv, typ, g, params, recv, target, a.Name, attrs)
	case base.ResultRaw:
		fmt.Fprintf(b, "func (%s *%s) %s(%s) (*base.Response, error) {\n\t_, resp, err := %s\n\treturn resp, err\n}\n\n", recv, typ, g, params, call)
	default:
		fmt.Fprintf(b, "func (%s *%s) %s(%s) error {\n\t_, _, err := %s\n\treturn err\n}\n\n", recv, typ, g, params, call)
	}
}

// ordered returns the declarations with every local parent before its children.
func (p *pkg) ordered() []*decl {
	var out []*decl
	var visit func(d *decl)
	visit = func(d *decl) {
		out = append(out, d)
		for _, c := range p.children[d.spec.Name] {
			visit(c)
		}
	}
	for _, d := range p.decls {
		if _, local := p.byName[d.spec.Parent]; !local {
			visit(d)
		}
	}
	return out
}

func (p *pkg) writePackage(b *bytes.Buffer) {
	list := p.ordered()
	if p.builtin {
		comment(b, "declarations returns the package's declarations, sorted by name: Builtins'",
			"registry finds them there without reading the others.")
		list = slices.SortedFunc(slices.Values(list), func(x, y *decl) int { return strings.Compare(x.spec.Name, y.spec.Name) })
	} else {
		comment(b, "declarations returns the package's declarations, each parent before its children.")
	}
	b.WriteString("func declarations() []*base.Spec {\n\treturn []*base.Spec{\n")
	for _, d := range list {
		fmt.Fprintf(b, "\t\t%s,\n", d.varName)
	}
	b.WriteString("\t}\n}\n\n")
	if !p.builtin {
		comment(b, "Register adds a copy of each of the package's declarations to r, a client's",
			"registry (gl.Registry()) or one given to gitlab.New with gitlab.WithRegistry.")
		b.WriteString("func Register(r *base.Registry) error {\n\tfor _, s := range declarations() {\n")
		b.WriteString("\t\tif err := r.Register(s); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n")
		return
	}
	var roots []*decl
	for _, d := range p.decls {
		if d.spec.Parent == "" && d.spec.Accessor != "" {
			roots = append(roots, d)
		}
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].spec.Accessor < roots[j].spec.Accessor })
	comment(b, "Root holds the root managers. gitlab.Client embeds it, so that they are the",
		"client's fields: gl.Projects, gl.Runners, gl.Todos...")
	b.WriteString("type Root struct {\n")
	for _, d := range roots {
		comment(b, fmt.Sprintf("%s manages %s. GitLab API: %s", d.spec.Accessor, d.spec.Path, d.spec.DocsURL))
		fmt.Fprintf(b, "\t%s *%s\n", d.spec.Accessor, nameOf(d.spec).mgr)
	}
	b.WriteString("}\n\n")
	comment(b, "NewRoot binds every root manager to a client and its registry: gitlab.New",
		"calls it. It makes no request, and reads no declaration: each manager reads",
		"its own at its first use (base.RootCore).")
	b.WriteString("func NewRoot(client base.Requester, reg *base.Registry) Root {\n\treturn Root{\n")
	for _, d := range roots {
		fmt.Fprintf(b, "\t\t%s: new%s(base.RootCore(client, reg, %q)),\n", d.spec.Accessor, nameOf(d.spec).mgr, d.spec.Name)
	}
	b.WriteString("\t}\n}\n")
}
