package cli

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/golab/gitlab/base"
)

// op is what an action command does.
type op uint8

const (
	opList op = iota
	opGet
	opCreate
	opUpdate
	opDelete
	opSet
	opCustom
)

// action is one command of a resource: a core operation or a custom action
// of the spec, with the options it was given.
type action struct {
	app    *app
	spec   *base.Spec
	op     op
	custom *base.Action // opCustom only
	cmd    *cobra.Command
	// parents are the path placeholders, given as required options.
	parents []string
	// idAttr is the attribute naming the object ("" for none: a singleton,
	// a list, a create or a manager action).
	idAttr string
	// attrs are the attributes sent: the body of a create, an update or an
	// action, the query of a list, a get, a delete or a GET action.
	attrs []string
}

// addActions gives a resource its actions: the declared core operations,
// then the custom actions, with dashes for underscores (python-gitlab's
// names). A custom action named like a core operation is left out. Only
// the action named want gets its options (the one to run, or whose help is
// asked for); the others are listed by name.
func (a *app) addActions(res *cobra.Command, s *base.Spec, want string) {
	singleton := s.IDAttribute() == ""
	core := []struct {
		has  bool
		op   op
		name string
	}{
		{s.Ops.Has(base.OpList), opList, "list"},
		{s.Ops.Has(base.OpGet) || s.Ops.Has(base.OpGetWithoutID), opGet, "get"},
		{s.Ops.Has(base.OpCreate), opCreate, "create"},
		{s.Ops.Has(base.OpUpdate), opUpdate, "update"},
		{s.Ops.Has(base.OpDelete), opDelete, "delete"},
		{s.Ops.Has(base.OpSet), opSet, "set"},
	}
	// When the action named on the command line exists, it is the only one
	// built: the others are for listings (help, a wrong action).
	only := false
	for _, c := range core {
		only = only || c.has && c.name == want
	}
	for i := range s.Actions {
		only = only || flagName(s.Actions[i].Name) == want
	}
	taken := map[string]bool{}
	for _, c := range core {
		if !c.has || only && c.name != want {
			continue
		}
		x := &action{app: a, spec: s, op: c.op, parents: s.Placeholders()}
		x.attrs = flatten(x.requiredOptional())
		if !singleton && c.op != opList && c.op != opCreate {
			x.idAttr = s.IDAttribute()
		}
		res.AddCommand(x.command(c.name, c.name == want))
		taken[c.name] = true
	}
	for i := range s.Actions {
		act := &s.Actions[i]
		name := flagName(act.Name)
		if taken[name] || only && name != want {
			continue
		}
		x := &action{app: a, spec: s, op: opCustom, custom: act, parents: s.Placeholders()}
		x.attrs = flatten(x.requiredOptional())
		if !singleton && !act.OnManager {
			x.idAttr = s.IDAttribute()
		}
		res.AddCommand(x.command(name, name == want))
	}
}

// command builds the action's command, with its options when full.
func (x *action) command(name string, full bool) *cobra.Command {
	s := x.spec
	cmd := newCommand(name, x.summary())
	x.cmd = cmd
	if !full { // listed, not run: only the action named on the command line is built whole
		cmd.RunE = func(*cobra.Command, []string) error {
			return usagef("%s %s: the action was not prepared (a bug)", resourceName(s.Name), name)
		}
		return cmd
	}
	cmd.Long = x.describe()
	cmd.RunE = x.run
	f := cmd.Flags()
	f.SortFlags = false
	var required []string
	add := func(attr, kind, usage string, req bool) {
		fl := flagName(attr)
		if f.Lookup(fl) != nil {
			return
		}
		if req {
			usage += " (required)"
			required = append(required, "--"+fl+" "+kind)
		}
		f.Var(&textValue{kind: kind}, fl, usage)
		if req {
			_ = cmd.MarkFlagRequired(fl)
		}
	}
	for _, ph := range x.parents {
		add(ph, "ID", "the "+ph+" of the path: an ID, or a full path where GitLab takes one", true)
	}
	if x.idAttr != "" {
		add(x.idAttr, "ID", "the "+x.idAttr+" of the "+resourceName(s.Name), true)
	}
	ro := x.requiredOptional()
	for _, attr := range ro.Required {
		kind, usage := x.attrUsage(attr)
		add(attr, kind, usage, true)
	}
	for _, attr := range ro.Optional {
		kind, usage := x.attrUsage(attr)
		add(attr, kind, usage, false)
	}
	if len(ro.Exclusive) > 0 {
		names := make([]string, len(ro.Exclusive))
		for i, attr := range ro.Exclusive {
			names[i] = flagName(attr)
		}
		for _, attr := range ro.Exclusive {
			kind, usage := x.attrUsage(attr)
			add(attr, kind, usage+" (exactly one of --"+strings.Join(names, ", --")+")", false)
		}
		cmd.MarkFlagsMutuallyExclusive(names...)
		cmd.MarkFlagsOneRequired(names...)
	}
	switch {
	case x.op == opList:
		// A list filter of the same name wins (project-commit list --all).
		if f.Lookup("page") == nil {
			f.Var(&textValue{kind: "N"}, "page", "the page to list (with no --get-all, only that page)")
		}
		if f.Lookup("per-page") == nil {
			f.Var(&textValue{kind: "N"}, "per-page", "number of objects per page, 1 to 100")
		}
		f.Bool("get-all", false, "list every object of every page, written as each page arrives")
		f.Bool("no-get-all", false, "list only the first page, without the warning that more exist")
		cmd.MarkFlagsMutuallyExclusive("get-all", "no-get-all")
		if f.Lookup("all") == nil {
			f.Bool("all", false, "the same as --get-all")
			cmd.MarkFlagsMutuallyExclusive("all", "no-get-all")
		}
	case x.op == opCustom && x.method() == http.MethodGet:
		if f.Lookup("output-file") == nil {
			f.Var(&textValue{kind: "FILE"}, "output-file", "write a download to this file instead of standard output")
		}
	}
	if f.Lookup("sudo") == nil {
		f.Var(&textValue{kind: "USER"}, "sudo", "perform the request as this user (name or ID; needs an administrator's token)")
	}
	if len(required) > 0 {
		cmd.Use = name + " " + strings.Join(required, " ") + " [flags]"
	} else {
		cmd.Use = name + " [flags]"
	}
	return cmd
}

// requiredOptional is how the action's attributes are checked.
func (x *action) requiredOptional() base.RequiredOptional {
	s := x.spec
	var ro base.RequiredOptional
	switch x.op {
	case opList:
		ro.Optional = s.ListFilters
	case opGet:
		ro = s.GetAttrs
	case opCreate:
		ro = s.CreateAttrs
	case opUpdate:
		ro = s.UpdateAttrs
	case opDelete:
		ro = s.DeleteAttrs
	case opSet:
		ro.Required = []string{"value"}
	case opCustom:
		ro = x.custom.Attrs
	}
	return ro
}

// typeOf is the declared type of attr: the custom action's, else the
// manager's.
func (x *action) typeOf(attr string) base.AttrType {
	if x.custom != nil {
		if t := x.custom.Types.Of(attr); t != 0 {
			return t
		}
	}
	return x.spec.Types.Of(attr)
}

// attrUsage describes an attribute by where it goes and how it is typed:
// the name of its value in the help, and its help.
func (x *action) attrUsage(attr string) (kind, usage string) {
	where := "attribute"
	switch {
	case x.op == opList:
		where = "list filter"
	case x.op == opGet, x.op == opDelete, x.op == opCustom && !hasBody(x.method()):
		where = "query parameter"
	}
	switch x.typeOf(attr) {
	case base.TypeArray, base.TypeCommaSeparatedList, base.TypeCommaSeparatedString:
		return "A,B,...", where + ": a comma-separated list"
	case base.TypeFile, base.TypeImage:
		return "@FILE", where + ": a file to upload (@path), or its content"
	case base.TypeJSON:
		return "JSON", where + ": a JSON document (or @path of a file holding one)"
	}
	return "VALUE", where
}

// textValue is an option's text, named kind in the help.
type textValue struct {
	kind, text string
}

func (v *textValue) String() string { return v.text }

// Set implements pflag.Value.
func (v *textValue) Set(s string) error { v.text = s; return nil }

// Type is the name of the value in the help.
func (v *textValue) Type() string { return v.kind }

// method is the HTTP method of the action.
func (x *action) method() string {
	switch x.op {
	case opList, opGet:
		return http.MethodGet
	case opCreate:
		return http.MethodPost
	case opUpdate:
		return x.spec.UpdateVerb()
	case opDelete:
		return http.MethodDelete
	case opSet:
		if x.spec.SetMethod != "" {
			return x.spec.SetMethod
		}
		return http.MethodPut
	}
	if x.custom.Method == "" {
		return http.MethodPost
	}
	return strings.ToUpper(x.custom.Method)
}

func hasBody(method string) bool {
	return method != http.MethodGet && method != http.MethodDelete && method != http.MethodHead
}

// summary is the one-line help of the action.
func (x *action) summary() string {
	noun := resourceName(x.spec.Name)
	switch x.op {
	case opList:
		return "List " + noun + " objects"
	case opGet:
		return "Get a " + noun
	case opCreate:
		return "Create a " + noun
	case opUpdate:
		return "Update a " + noun
	case opDelete:
		return "Delete a " + noun
	case opSet:
		return "Set the value of a " + noun
	}
	if x.custom.OnManager {
		return "Run " + x.custom.Name + " on " + noun + " (custom action)"
	}
	return "Run " + x.custom.Name + " on a " + noun + " (custom action)"
}

// describe is the long help: the request the action sends.
func (x *action) describe() string {
	s := x.spec
	path := s.Path
	switch {
	case x.op == opCreate && s.CreatePath != "":
		path = s.CreatePath
	case x.idAttr != "":
		path += "/{" + x.idAttr + "}"
	}
	if x.op == opCustom {
		suffix := x.custom.Path
		if suffix == "" {
			suffix = x.custom.Name
		}
		path += "/" + strings.TrimPrefix(suffix, "/")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nRequest: %s %s", x.summary(), x.method(), path)
	if s.DocsURL != "" {
		fmt.Fprintf(&b, "\nGitLab API: %s", s.DocsURL)
	}
	if x.op == opList {
		b.WriteString("\n\nWithout --page or --get-all, only the first page is listed.")
	}
	return b.String()
}

// flatten lists every attribute of ro.
func flatten(ro base.RequiredOptional) []string {
	out := make([]string, 0, len(ro.Required)+len(ro.Optional)+len(ro.Exclusive))
	out = append(out, ro.Required...)
	out = append(out, ro.Optional...)
	return append(out, ro.Exclusive...)
}
