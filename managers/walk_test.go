package managers_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/internal/walkhints"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// TestWalkRegistry walks the registry: every declaration of
// managers.Builtins() is reached through its typed manager, from the client
// down its real accessor chain (gl.Projects, then project.Pipelines(),
// then pipeline.Jobs()...), against the fake GitLab over HTTP, and every
// operation it declares is called: create with the required attributes,
// get and Refresh, list with pagination, Head and All, update and Save,
// delete (the manager's and the object's) and then get → ErrNotFound,
// get-without-id, set. The attributes are made up from their declared
// names, so a new declaration is covered without writing a test. What
// cannot be exercised generically is in walkExceptions, with the reason; an
// exception that starts to pass fails the test, so the table cannot rot.
func TestWalkRegistry(t *testing.T) {
	reg := managers.Builtins()
	specs := reg.Specs()
	tally := &walkTally{done: map[string]bool{}, accessors: map[string]bool{}}
	t.Run("specs", func(t *testing.T) {
		for _, sp := range specs {
			t.Run(sp.Name, func(t *testing.T) {
				t.Parallel()
				srv, gl := gitlabtest.NewClient(t)
				// Authenticated once, as clients do: the administrator's
				// activity (user_activities) does not change on the way.
				if _, err := gl.Auth(ctx); err != nil {
					t.Fatal(err)
				}
				w := &walker{t: t, srv: srv, gl: gl, reg: reg, tally: tally}
				w.walk(sp)
				reqCount.Add(int64(srv.RequestCount()))
			})
		}
	})
	// Every declared operation was exercised or is an exception.
	declared, accessors, excepted := 0, 0, 0
	for _, sp := range specs {
		for _, op := range declaredOps(sp) {
			declared++
			key := sp.Name + " " + op
			if !tally.done[key] && walkExceptions[key] == "" && walkExceptions[sp.Name+" *"] == "" {
				t.Errorf("%s: declared but not exercised", key)
			}
		}
		if walkExceptions[sp.Name+" *"] != "" {
			excepted++
		}
		if sp.Accessor != "" {
			accessors++
			if !tally.accessors[sp.Name] && walkExceptions[sp.Name+" *"] == "" {
				t.Errorf("%s: accessor %s never called", sp.Name, sp.Accessor)
			}
		}
	}
	for key := range walkExceptions {
		name, _, _ := strings.Cut(key, " ")
		if _, ok := reg.Lookup(name); !ok {
			t.Errorf("exception %q names no declaration", key)
		}
	}
	t.Logf("%d declarations (%d excepted whole), %d declared operations (%d exercised), %d exceptions, %d of %d accessors called, %d requests",
		len(specs), excepted, declared, len(tally.done), len(walkExceptions), len(tally.accessors), accessors, reqCount.Load())
}

// walkExceptions lists, by "<spec> <operation>" ("<spec> *" for the whole
// declaration), what the walk cannot exercise generically, and why. The walk
// still calls them and expects them to fail; when one passes, remove its
// line.
var walkExceptions = map[string]string{
	"group_epic_note_award_emoji *": "the path takes epic_iid from the note, which GitLab's notes do not carry " +
		"(python-gitlab declares it so; the notes are under /epics/{epic_id}, the award emoji under /epics/{epic_iid})",
	"project_merge_request_approval update": "GET .../approvals is the fake's hand-written approval state, the POST " +
		"the generic store: the read does not show the write until merge request approvals get GitLab's semantics",
	"project_issue_link create": "GitLab answers a new link with {source_issue, target_issue, link_type}, without its " +
		"issue_link_id (https://docs.gitlab.com/api/issue_links/#create-an-issue-link; python-gitlab's create returns the two " +
		"issues): the walk cannot follow what it created; TestIssueLinks covers the operations",
	"project_artifact delete": "the manager's Delete is hand-written, as python-gitlab's: it deletes every artifact " +
		"of the project (DELETE /projects/:id/artifacts) and takes no ID",
	"project_push_rules delete": "with no push rule GitLab answers GET .../push_rule with 200 null, not 404 " +
		"(python-gitlab#1192): the typed Get reports a parse error, not ErrNotFound",
}

// walkGetSame tells, by declaration, whether a Get's answer is the object
// asked for, where GitLab's answer does not carry its ID attribute.
var walkGetSame = map[string]func(got, want map[string]any) bool{
	// GET .../links/:issue_link_id answers {source_issue, target_issue,
	// link_type} (https://docs.gitlab.com/api/issue_links/#get-an-issue-link),
	// the list the linked issues with their issue_link_id and link_type
	// (https://docs.gitlab.com/api/issue_links/#list-issue-relations).
	"project_issue_link": func(got, want map[string]any) bool {
		target, _ := got["target_issue"].(map[string]any)
		return target != nil && fmt.Sprint(target["id"]) == fmt.Sprint(want["id"]) && got["link_type"] == want["link_type"]
	},
}

func declaredOps(sp *base.Spec) []string {
	var out []string
	for _, op := range []struct {
		o    base.Ops
		name string
	}{{base.OpList, "list"}, {base.OpGet, "get"}, {base.OpGetWithoutID, "get_without_id"}, {base.OpCreate, "create"},
		{base.OpUpdate, "update"}, {base.OpDelete, "delete"}, {base.OpSet, "set"}} {
		if sp.Ops.Has(op.o) {
			out = append(out, op.name)
		}
	}
	return out
}

type walkTally struct {
	mu        sync.Mutex
	done      map[string]bool // "<spec> <op>" exercised
	accessors map[string]bool // specs reached through their accessor
}

// exercised records that "<spec> <op>" passed.
func (t *walkTally) exercised(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done[key] = true
}

// reached records that a spec's manager was reached by its accessor.
func (t *walkTally) reached(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.accessors[name] = true
}

type walker struct {
	t     *testing.T
	srv   *gitlabtest.Server
	gl    *gitlab.Client
	reg   *base.Registry
	tally *walkTally
	n     int // makes every made-up value unique on the server
}

var ctx = context.Background()

// reqCount counts the requests the walk sends, for its log.
var reqCount atomic.Int64

// walk reaches sp's typed manager and exercises every declared operation.
func (w *walker) walk(sp *base.Spec) {
	if reason := walkExceptions[sp.Name+" *"]; reason != "" {
		w.unreachable(sp, reason)
		return
	}
	m, ok := w.reach(sp)
	if !ok || sp.Ops == 0 { // reached; actions only (sidekiq, generic packages) are tested by hand
		return
	}
	if sp.Ops.Has(base.OpGetWithoutID) || sp.IDAttribute() == "" && !sp.Ops.Has(base.OpList) {
		w.singleton(sp, m)
		return
	}
	if sp.Ops.Has(base.OpSet) {
		w.set(sp, m)
	}
	var objs []reflect.Value
	fromList := false
	count := 1
	if sp.Ops.Has(base.OpList) {
		count = 3
	}
	for i := 0; i < count; i++ {
		o, err := w.make(sp, m, i == 0)
		if err != nil {
			// A collection only hand-written handlers fill (a group's
			// projects, user activities) is listed as it is.
			w.t.Logf("%s: no objects: %v", sp.Name, err)
			break
		}
		objs = append(objs, o)
	}
	if sp.Ops.Has(base.OpList) {
		w.list(sp, m, objs)
		if len(objs) == 0 && walkExceptions[sp.Name+" create"] != "" {
			// A create whose answer the walk cannot follow still made its
			// object: the list names it by its ID (GitLab's list of an
			// issue's links carries issue_link_id, its create answer not:
			// https://docs.gitlab.com/api/issue_links/#list-issue-relations).
			objs, fromList = w.all(m), true
		}
	}
	if len(objs) == 0 {
		return // what needs an object stays unexercised, which the walk reports
	}
	if sp.Ops.Has(base.OpGet) {
		w.try(sp, "get", func() error {
			o := objs[len(objs)-1]
			g, err := call(m, "Get", w.args(sp, sp.GetAttrs, ctx, id(o))...)
			if err != nil {
				return err
			}
			if same := walkGetSame[sp.Name]; same != nil {
				if !same(attributes(g[0]), attributes(o)) {
					return fmt.Errorf("Get(%s) answered another object: %s", id(o), marshal(g[0]))
				}
			} else if id(g[0]) != id(o) {
				return fmt.Errorf("Get(%s) answered ID %s", id(o), id(g[0]))
			}
			return w.objCall(sp, objs[0], "Refresh", sp.GetAttrs)
		})
	}
	if sp.Ops.Has(base.OpUpdate) {
		w.update(sp, m, objs[len(objs)-1])
	}
	if sp.Ops.Has(base.OpDelete) {
		if fromList {
			// Refresh took the get's answer, which may lack the ID (see
			// walkGetSame): the list names the objects again.
			objs = w.all(m)
		}
		w.try(sp, "delete", func() error {
			for _, o := range objs[:min(2, len(objs))] {
				if a, ok := sp.Action(walkhints.BeforeDelete[sp.Name], false); ok {
					if _, err := call(o, a.MethodName(), ctx); err != nil {
						return fmt.Errorf("%s before Delete: %w", a.MethodName(), err)
					}
				}
			}
			if _, err := call(m, "Delete", w.args(sp, sp.DeleteAttrs, ctx, id(objs[0]))...); err != nil {
				return err
			}
			if err := w.gone(sp, m, objs[0]); err != nil {
				return err
			}
			if len(objs) < 2 {
				return nil
			}
			if err := w.objCall(sp, objs[1], "Delete", sp.DeleteAttrs); err != nil {
				return fmt.Errorf("object Delete: %w", err)
			}
			return w.gone(sp, m, objs[1])
		})
	}
}

// unreachable checks that a declaration excepted as a whole still cannot be
// reached: its manager, from a made parent, has no path.
func (w *walker) unreachable(sp *base.Spec, reason string) {
	parent, _ := w.reg.Lookup(sp.Parent)
	pm, ok := w.reach(parent)
	if !ok {
		return
	}
	po, err := w.make(parent, pm, false)
	if err != nil {
		w.t.Errorf("%s: %v", parent.Name, err)
		return
	}
	m, _ := call(po, sp.Accessor)
	if _, err := call(m[0], "Path"); err == nil {
		w.t.Errorf("%s is reachable now: remove its exception (%s)", sp.Name, reason)
		return
	}
	w.t.Logf("%s: exception (%s)", sp.Name, reason)
}

// walkObjectArgs are the arguments of hand-written object operations
// whose signature is not the mixins' (ctx, opts...): a file is saved and
// deleted on a branch with a commit message.
var walkObjectArgs = map[string][]any{
	"project_file Save":   {"main", "walk: save"},
	"project_file Delete": {"main", "walk: delete"},
}

// objCall calls an object operation: Refresh, Save or Delete, with the
// query parameters the operation requires.
func (w *walker) objCall(sp *base.Spec, o reflect.Value, name string, ro base.RequiredOptional) error {
	m := o.MethodByName(name)
	if !m.IsValid() {
		return fmt.Errorf("%s has no method %s", o.Type(), name)
	}
	args := append([]any{ctx}, walkObjectArgs[sp.Name+" "+name]...)
	if want := m.Type().NumIn() - 1; len(args) != want { // the last is the options
		return fmt.Errorf("%s.%s takes %d arguments: declare them in walkObjectArgs", o.Type(), name, want)
	}
	if len(walkObjectArgs[sp.Name+" "+name]) == 0 {
		args = w.args(sp, ro, args...)
	}
	_, err := call(o, name, args...)
	return err
}

// args appends to the call's arguments the query parameters the operation
// requires (a file's ref), made up from their names.
func (w *walker) args(sp *base.Spec, ro base.RequiredOptional, args ...any) []any {
	if len(ro.Required) == 0 {
		return args
	}
	p := gitlab.Params{}
	for _, k := range ro.Required {
		p[k] = w.value(sp, k)
	}
	return append(args, gitlab.WithParams(p))
}

// gone checks that a deleted object is not found any more.
func (w *walker) gone(sp *base.Spec, m reflect.Value, o reflect.Value) error {
	if sp.Ops.Has(base.OpGet) {
		if _, err := call(m, "Get", w.args(sp, sp.GetAttrs, ctx, id(o))...); !errors.Is(err, gitlab.ErrNotFound) {
			return fmt.Errorf("Get after Delete: %v, want ErrNotFound", err)
		}
		return nil
	}
	if sp.Ops.Has(base.OpList) {
		for _, x := range w.all(m) {
			if id(x) == id(o) {
				return fmt.Errorf("%s still listed after Delete", id(o))
			}
		}
	}
	return nil
}

// reach returns sp's typed manager: a field of the client for a root
// manager, else the accessor of an object of its parent, made on the way.
func (w *walker) reach(sp *base.Spec) (reflect.Value, bool) {
	if sp.Parent == "" {
		if sp.Accessor == "" {
			return reflect.ValueOf(managers.Typed()[sp.Name](w.gl.RootCore(sp.Name))), true
		}
		f := reflect.ValueOf(w.gl).Elem().FieldByName(sp.Accessor)
		if !f.IsValid() {
			w.t.Errorf("the client has no field %s for %s", sp.Accessor, sp.Name)
			return reflect.Value{}, false
		}
		w.tally.reached(sp.Name)
		return f, true
	}
	parent, _ := w.reg.Lookup(sp.Parent)
	pm, ok := w.reach(parent)
	if !ok {
		return reflect.Value{}, false
	}
	po, err := w.make(parent, pm, false)
	if err != nil {
		w.t.Errorf("%s: %v", parent.Name, err)
		return reflect.Value{}, false
	}
	if sp.Accessor == "" {
		core, _ := call(po, "ChildCore", sp.Name)
		return reflect.ValueOf(managers.Typed()[sp.Name](core[0].Interface().(*base.Core))), true
	}
	out, err := call(po, sp.Accessor)
	if err != nil {
		w.t.Errorf("%s: accessor %s: %v", sp.Name, sp.Accessor, err)
		return reflect.Value{}, false
	}
	w.tally.reached(sp.Name)
	return out[0], true
}

// walkUsers are the declarations whose create names an existing user by
// username (GitLab answers 404 for another): the walk creates the user it
// names.
var walkUsers = map[string]bool{"project_member": true, "group_member": true}

// walkOutsiders are the declarations whose create is made by a user who is
// not a member (GitLab refuses a member's access request): the walk
// creates one and acts as them (sudo), on a parent made internal so that
// they see it.
var walkOutsiders = map[string]bool{"project_access_request": true, "group_access_request": true}

// make makes one object of sp with its manager m: by Create when declared
// (counted as exercising create when first is set), else by Set, by Get for
// a singleton, else seeded in the fake's store (AddObject) and wrapped.
func (w *walker) make(sp *base.Spec, m reflect.Value, first bool) (reflect.Value, error) {
	create := func() (reflect.Value, error) {
		attrs := w.attrs(sp, sp.CreateAttrs, true)
		if prepare := walkhints.Prepare[sp.Name]; prepare != nil {
			path, err := call(m, "Path")
			if err != nil {
				return reflect.Value{}, err
			}
			more, err := prepare(ctx, w.gl, path[0].String())
			if err != nil {
				return reflect.Value{}, err
			}
			maps.Copy(attrs, more)
		}
		args := []any{ctx, attrs}
		if walkOutsiders[sp.Name] {
			path, err := call(m, "Path")
			if err != nil {
				return reflect.Value{}, err
			}
			parent := path[0].String()[:strings.LastIndex(path[0].String(), "/")]
			if _, err := w.gl.HTTPPut(ctx, parent, map[string]any{"visibility": "internal"}); err != nil {
				return reflect.Value{}, err
			}
			args = append(args, gitlab.WithSudo(w.user()))
		}
		out, err := call(m, "Create", args...)
		if err != nil {
			return reflect.Value{}, err
		}
		if sp.IDAttribute() != "" && id(out[0]) == "" {
			return reflect.Value{}, fmt.Errorf("created object has no %s: %s", sp.IDAttribute(), marshal(out[0]))
		}
		return out[0], nil
	}
	if sp.Ops.Has(base.OpCreate) {
		var o reflect.Value
		ok := true
		if first {
			ok = w.try(sp, "create", func() (err error) { o, err = create(); return err })
		} else {
			var err error
			if o, err = create(); err != nil && walkExceptions[sp.Name+" create"] == "" {
				return o, fmt.Errorf("create: %w", err)
			}
			ok = err == nil
		}
		if ok {
			return o, nil
		}
	}
	if sp.Ops.Has(base.OpSet) {
		w.n++
		out, err := call(m, "Set", ctx, w.made("key"), w.value(sp, "value"))
		if err != nil {
			return reflect.Value{}, fmt.Errorf("set: %w", err)
		}
		return out[0], nil
	}
	if sp.Ops.Has(base.OpGetWithoutID) {
		out, err := call(m, "Get", ctx)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("get: %w", err)
		}
		return out[0], nil
	}
	path, err := call(m, "Path")
	if err != nil {
		return reflect.Value{}, err
	}
	attrs := w.attrs(sp, sp.CreateAttrs, true)
	if a := sp.IDAttribute(); a != "" && a != "id" && a != "iid" && attrs[a] == nil {
		attrs[a] = w.value(sp, a)
	}
	seeded, err := w.seed(path[0].String(), attrs)
	if err != nil {
		return reflect.Value{}, err
	}
	core := m.MethodByName("Core").Call(nil)[0].Interface().(*base.Core)
	return m.MethodByName("Wrap").Call([]reflect.Value{reflect.ValueOf(base.NewObject(core, []byte(marshalMap(seeded))))})[0], nil
}

// seed stores an object in the fake's generic store.
func (w *walker) seed(path string, attrs base.Attrs) (obj map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return w.srv.AddObject(path, attrs), nil
}

// list checks Head's total (at least the objects made), a page of 2 and
// All.
func (w *walker) list(sp *base.Spec, m reflect.Value, objs []reflect.Value) {
	w.try(sp, "list", func() error {
		page, err := call(m, "List", ctx, base.Params{"per_page": 2})
		if err != nil {
			return err
		}
		head, err := call(m, "Head", ctx, base.Params(nil))
		if err != nil {
			return fmt.Errorf("Head: %w", err)
		}
		total := int(head[0].Elem().FieldByName("Total").Int())
		if total < len(objs) {
			return fmt.Errorf("Head: total %d, made %d", total, len(objs))
		}
		p := page[0].Elem()
		next := 0
		if total > 2 {
			next = 2
		}
		if n := p.FieldByName("Items").Len(); n != min(2, total) || p.FieldByName("Total").Int() != int64(total) ||
			p.FieldByName("TotalPages").Int() != int64(max(1, (total+1)/2)) ||
			p.FieldByName("NextPage").Int() != int64(next) || p.FieldByName("PerPage").Int() != 2 {
			return fmt.Errorf("page of 2 of %d: %d items, %d pages, next %d", total, n,
				p.FieldByName("TotalPages").Int(), p.FieldByName("NextPage").Int())
		}
		all := w.all(m)
		if len(all) != total {
			return fmt.Errorf("All: %d objects, Head says %d", len(all), total)
		}
		if sp.IDAttribute() == "" {
			return nil
		}
		for _, o := range objs {
			if !slices.ContainsFunc(all, func(x reflect.Value) bool { return id(x) == id(o) }) {
				return fmt.Errorf("All lacks %s", id(o))
			}
		}
		return nil
	})
}

// all collects the objects of m's All iterator.
func (w *walker) all(m reflect.Value) []reflect.Value {
	out, _ := call(m, "All", ctx, base.Params{"per_page": 2})
	var items []reflect.Value
	var ierr error
	seq := out[0]
	yield := reflect.MakeFunc(seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		if e, _ := args[1].Interface().(error); e != nil {
			ierr = e
			return []reflect.Value{reflect.ValueOf(false)}
		}
		items = append(items, args[0])
		return []reflect.Value{reflect.ValueOf(true)}
	})
	seq.Call([]reflect.Value{yield})
	if ierr != nil {
		w.t.Errorf("All: %v", ierr)
	}
	return items
}

// update changes one attribute by Update, then another by Set and Save.
func (w *walker) update(sp *base.Spec, m reflect.Value, o reflect.Value) {
	w.try(sp, "update", func() error {
		attrs, change := w.updateAttrs(sp)
		out, err := call(m, "Update", ctx, id(o), attrs)
		if err != nil {
			return err
		}
		if err := same(out[0], sp.IDAttribute(), id(o), change, attrs[change]); err != nil {
			return fmt.Errorf("Update: %w", err)
		}
		// Save sends the changes and the required update attributes, which
		// the answer may lack (a file's content).
		for k, v := range attrs {
			if k != change {
				_ = out[0].MethodByName("Set").Call([]reflect.Value{reflect.ValueOf(k), reflect.ValueOf(v)})
			}
		}
		w.n++
		v := w.value(sp, change)
		if _, err := call(out[0], "Set", change, v); err != nil {
			return err
		}
		if err := w.objCall(sp, out[0], "Save", base.RequiredOptional{}); err != nil {
			return fmt.Errorf("Save: %w", err)
		}
		return same(out[0], sp.IDAttribute(), id(o), change, v)
	})
}

// updateAttrs are the update's required attributes (but the ID, which is in
// the URL) and the attribute it changes: not an ID, which GitLab assigns.
func (w *walker) updateAttrs(sp *base.Spec) (base.Attrs, string) {
	attrs := w.attrs(sp, base.RequiredOptional{Required: sp.UpdateAttrs.Required, Exclusive: sp.UpdateAttrs.Exclusive}, false)
	delete(attrs, sp.IDAttribute())
	change := walkhints.Change[sp.Name]
	for _, cands := range [][]string{sp.UpdateAttrs.Optional, sp.UpdateAttrs.Required, sp.CreateAttrs.Optional} {
		for _, a := range cands {
			if change == "" && a != sp.IDAttribute() && a != "id" && !slices.Contains(sp.Placeholders(), a) {
				change = a
			}
		}
	}
	if change == "" {
		change = "description"
	}
	attrs[change] = w.value(sp, change)
	return attrs, change
}

// same checks an answer's ID and that it holds the value sent.
func same(o reflect.Value, idAttr, wantID, attr string, want any) error {
	if idAttr != "" && id(o) != wantID {
		return fmt.Errorf("answered ID %s, want %s", id(o), wantID)
	}
	got := o.MethodByName("Attributes").Call(nil)[0].Interface().(map[string]any)[attr]
	if marshal(reflect.ValueOf(got)) != marshal(reflect.ValueOf(want)) {
		return fmt.Errorf("%s = %s, sent %s", attr, marshal(reflect.ValueOf(got)), marshal(reflect.ValueOf(want)))
	}
	return nil
}

// set sets a key and reads it back when the manager can.
func (w *walker) set(sp *base.Spec, m reflect.Value) {
	w.try(sp, "set", func() error {
		key, v := w.made("key"), w.value(sp, "value")
		out, err := call(m, "Set", ctx, key, v)
		if err != nil {
			return err
		}
		if err := same(out[0], sp.IDAttribute(), key, "value", v); err != nil && has(out[0], "value") {
			return err // a feature flag answers its gates, not a value
		}
		if id(out[0]) != key {
			return fmt.Errorf("Set(%s) answered ID %s", key, id(out[0]))
		}
		if sp.Ops.Has(base.OpGet) {
			g, err := call(m, "Get", ctx, key)
			if err != nil {
				return fmt.Errorf("Get after Set: %w", err)
			}
			if has(g[0], "value") {
				return same(g[0], sp.IDAttribute(), key, "value", v)
			}
			return nil
		}
		return nil
	})
}

// singleton exercises an object without ID: get, create, update and
// delete (then get → ErrNotFound).
func (w *walker) singleton(sp *base.Spec, m reflect.Value) {
	if sp.Ops.Has(base.OpCreate) {
		w.try(sp, "create", func() error {
			_, err := call(m, "Create", ctx, w.attrs(sp, sp.CreateAttrs, true))
			return err
		})
	}
	if sp.Ops.Has(base.OpGetWithoutID) {
		w.try(sp, "get_without_id", func() error {
			out, err := call(m, "Get", w.args(sp, sp.GetAttrs, ctx)...)
			if err != nil {
				return err
			}
			return w.objCall(sp, out[0], "Refresh", sp.GetAttrs)
		})
	}
	if sp.Ops.Has(base.OpUpdate) {
		w.try(sp, "update", func() error {
			attrs, change := w.updateAttrs(sp)
			out, err := call(m, "Update", ctx, attrs)
			if err != nil {
				return err
			}
			if err := same(out[0], "", "", change, attrs[change]); err != nil {
				return err
			}
			if sp.Ops.Has(base.OpGetWithoutID) {
				g, err := call(m, "Get", ctx)
				if err != nil {
					return err
				}
				return same(g[0], "", "", change, attrs[change])
			}
			return nil
		})
	}
	if sp.Ops.Has(base.OpDelete) {
		w.try(sp, "delete", func() error {
			if _, err := call(m, "Delete", ctx); err != nil {
				return err
			}
			if sp.Ops.Has(base.OpGetWithoutID) {
				if _, err := call(m, "Get", ctx); !errors.Is(err, gitlab.ErrNotFound) {
					return fmt.Errorf("Get after Delete: %v, want ErrNotFound", err)
				}
			}
			return nil
		})
	}
}

// try runs one operation; an exception must fail, anything else must pass.
func (w *walker) try(sp *base.Spec, op string, f func() error) bool {
	w.t.Helper()
	key := sp.Name + " " + op
	err := f()
	if reason := walkExceptions[key]; reason != "" {
		if err == nil {
			w.t.Errorf("%s passes now: remove its exception (%s)", key, reason)
		} else {
			w.t.Logf("%s: exception (%s): %v", key, reason, err)
		}
		return false
	}
	if err != nil {
		w.t.Errorf("%s: %v", key, err)
		return false
	}
	w.tally.exercised(key)
	return true
}

// attrs makes up the required attributes of ro (and the first of its
// exclusive ones), plus walkhints.Create; unique when fresh.
func (w *walker) attrs(sp *base.Spec, ro base.RequiredOptional, fresh bool) base.Attrs {
	if fresh {
		w.n++
	}
	a := base.Attrs{}
	for _, k := range ro.Required {
		a[k] = w.value(sp, k)
	}
	if len(ro.Exclusive) > 0 {
		a[ro.Exclusive[0]] = w.value(sp, ro.Exclusive[0])
	}
	for k, v := range walkhints.Create[sp.Name] {
		if v == "" {
			v = w.value(sp, k)
		}
		a[k] = v
	}
	if name, ok := a["username"].(string); ok && walkUsers[sp.Name] {
		w.srv.AddUser(gitlabtest.User{Username: name})
	}
	return a
}

// user creates a user and returns their username.
func (w *walker) user() string {
	w.n++
	name := w.made("user")
	w.srv.AddUser(gitlabtest.User{Username: name})
	return name
}

func (w *walker) made(name string) string {
	return fmt.Sprintf("%s-%d", strings.ReplaceAll(name, "_", "-"), w.n)
}

// value makes up a value for an attribute of sp (nil for a query
// parameter) from walkhints.Create, its name and its declared type.
func (w *walker) value(sp *base.Spec, name string) any {
	var t base.AttrType
	if sp != nil {
		if v, ok := walkhints.Create[sp.Name][name]; ok && v != "" {
			return v
		}
		t = sp.Types.Of(name)
	}
	v := w.scalar(name)
	switch t {
	case base.TypeArray, base.TypeCommaSeparatedList:
		if _, ok := v.([]string); !ok {
			return []any{v}
		}
	case base.TypeFile, base.TypeImage:
		return "file content " + w.made(name)
	case base.TypeJSON:
		return "{}"
	}
	return v
}

func (w *walker) scalar(name string) any {
	n := w.n
	switch {
	case name == "scopes":
		return []string{"api"}
	case name == "email" || strings.HasSuffix(name, "_email"):
		return fmt.Sprintf("walk%d@example.com", n)
	case name == "url" || name == "redirect_uri" || strings.HasSuffix(name, "_url"):
		return fmt.Sprintf("https://example.com/%d", n)
	case strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_iid") || name == "position":
		return n
	case strings.HasSuffix(name, "_level") || strings.HasSuffix(name, "_access"):
		return 30
	case name == "approvals_required":
		return 1
	case strings.HasPrefix(name, "allow_") || name == "resolved": // a permission, a state
		return true
	case name == "color":
		return "#FF0000"
	case name == "expires_at" || strings.HasSuffix(name, "_date"): // a date to come
		return fmt.Sprintf("2099-01-%02d", n%28+1)
	case name == "key": // CI/CD variable keys are letters, digits and _
		return fmt.Sprintf("key_%d", n)
	case name == "cron":
		return "0 1 * * *"
	case name == "ref" || name == "target_branch":
		return "main"
	case name == "visibility":
		return "private"
	case name == "file_path":
		return fmt.Sprintf("dir/file %d.txt", n)
	case name == "sha":
		return fmt.Sprintf("%040x", n)
	case name == "domain":
		return fmt.Sprintf("site%d.example.com", n)
	case name == "actions" || name == "entities" || name == "deploy_access_levels":
		return []map[string]any{{"access_level": 40}}
	case name == "configuration" || name == "platform_kubernetes_attributes":
		return map[string]any{"url": "https://example.com", "access_token": "t", "api_url": "https://example.com"}
	}
	return w.made(name)
}

// call calls a method by name; the last result, when an error, is returned.
func call(v reflect.Value, name string, args ...any) ([]reflect.Value, error) {
	m := v.MethodByName(name)
	if !m.IsValid() {
		return nil, fmt.Errorf("%s has no method %s", v.Type(), name)
	}
	in := make([]reflect.Value, len(args))
	mt := m.Type()
	for i, a := range args {
		var want reflect.Type
		switch {
		case i < mt.NumIn()-1 || i == mt.NumIn()-1 && !mt.IsVariadic():
			want = mt.In(i)
		case mt.IsVariadic():
			want = mt.In(mt.NumIn() - 1).Elem()
		default:
			return nil, fmt.Errorf("%s.%s takes %d arguments, not %d", v.Type(), name, mt.NumIn(), len(args))
		}
		if a == nil {
			in[i] = reflect.Zero(want)
			continue
		}
		if in[i] = reflect.ValueOf(a); !in[i].Type().AssignableTo(want) {
			return nil, fmt.Errorf("%s.%s: argument %d is a %s, not a %s", v.Type(), name, i+1, in[i].Type(), want)
		}
	}
	out := m.Call(in)
	if len(out) > 0 {
		if err, ok := out[len(out)-1].Interface().(error); ok && err != nil {
			return out, err
		}
	}
	return out, nil
}

// has reports whether an object has the attribute.
func has(o reflect.Value, attr string) bool {
	return o.MethodByName("Has").Call([]reflect.Value{reflect.ValueOf(attr)})[0].Bool()
}

// id is an object's ID attribute as text.
func id(o reflect.Value) string { return o.MethodByName("ID").Call(nil)[0].String() }

func marshal(v reflect.Value) string {
	if !v.IsValid() {
		return "null"
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return fmt.Sprint(v.Interface())
	}
	return string(b)
}

func marshalMap(m map[string]any) string {
	b, _ := json.Marshal(m)
	return string(b)
}
