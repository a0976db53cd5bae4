package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/internal/walkhints"
	"github.com/golab/gitlab/test/gitlabtest"
)

// The walk runs list, get, create, update, set and delete of every
// declared manager through the command line, against the fake GitLab,
// parents before children: a child's path is filled from the object its
// parent's walk created (or listed), and that object is deleted after its
// children's walks. Nothing is written per manager: attribute values come
// from their names (walkValue), and a manager is left out only by one of
// two rules, each reported by name at the end:
//
//   - walkExceptions, below: managers the walk cannot run, with the reason.
//   - the fake does not serve the manager yet: its answer is the one of an
//     unknown route (404 {"error":"404 Not Found"}) for the exact path the
//     spec declares (checked against the request the fake received, so that
//     a wrong URL built by the command is a failure, not a skip). As the
//     fake serves more (it is being extended to serve every declaration),
//     the walk covers more, with no change here.
//
// mustWalk lists the managers the fake serves today: each must walk every
// one of its operations, so that the second rule cannot hide a regression.

// walkExceptions are the managers the walk does not run, and why.
var walkExceptions = map[string]string{
	"current_user": "every operation but get acts on the token's own user; get is walked by TestCurrentUser",
	// The fake's collaboration semantics (test/gitlabtest: members.go, snippets.go).
	"project_member":         "GitLab adds an existing user (404 otherwise): the walk makes a username up; the typed walk creates the user",
	"group_member":           "GitLab adds an existing user (404 otherwise): the walk makes a username up; the typed walk creates the user",
	"project_access_request": "a member's own access request is refused (403): the typed walk asks as a non-member (sudo)",
	"group_access_request":   "a member's own access request is refused (403): the typed walk asks as a non-member (sudo)",
	"snippet": "GitLab wants files, a list of {file_path, content} objects (https://docs.gitlab.com/api/snippets/#create-new-snippet), " +
		"which a command-line option cannot carry",
	"project_snippet": "GitLab wants files, a list of {file_path, content} objects (https://docs.gitlab.com/api/project_snippets/#create-a-new-snippet), " +
		"which a command-line option cannot carry",
	"project_issue_link": "GitLab answers a new link without its issue_link_id " +
		"(https://docs.gitlab.com/api/issue_links/#create-an-issue-link): nothing to delete; TestIssueLinks covers it",
}

// walkOpExceptions are single operations the walk does not run, and why.
var walkOpExceptions = map[string]string{
	"project_commit create": "GitLab wants actions, a list of {action, file_path, content} objects " +
		"(https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions), which a command-line option cannot carry; " +
		"the walk goes on with a listed commit",
	"project_deployment update": "GitLab requires status, an attribute python-gitlab's declaration of the update does not name, " +
		"so the command has no option for it (the typed walk sends it)",
}

// mustWalk are the managers every operation of which must walk today.
var mustWalk = []string{
	"project", "group", "group_project", "user", "user_key", "user_activities", "feature",
	"project_issue", "project_issue_note", "project_merge_request", "project_branch", "project_file",
	"project_variable", "project_push_rules",
}

// walkCreate are attributes the generic rules cannot give, by manager, on
// top of walkhints.Create (what GitLab's semantics need, shared with the
// walk of the typed managers): set on its create (a project with a repository, so that branches and files
// have one; a fork in another namespace than its project's; a new branch's
// name, which must not exist yet; a merge request's source, which must
// differ from its target).
var walkCreate = map[string]map[string]string{
	"project":               {"initialize_with_readme": "true"},
	"project_fork":          {"namespace": "walk-forks"},
	"project_branch":        {"branch": "walk-branch"},
	"project_merge_request": {"source_branch": "walk-mr-source"},
}

// namingAttrs are given on a create whenever the manager accepts them:
// GitLab needs them where the declarations leave them optional (a project
// needs a name or a path, a user an email, a username, a name, a password).
var namingAttrs = []string{"name", "path", "title", "email", "username", "password"}

type walkOutcome struct {
	ok, notServed, failed []string
	// unreachable are operations that need an object the walk could not
	// have: one it created (update and delete never touch others' objects)
	// or, for get, one it created or listed.
	unreachable []string
}

type walker struct {
	t       *testing.T
	srv     *gitlabtest.Server
	reg     *gitlab.Registry
	n       int
	files   string
	results map[string]*walkOutcome // by manager
}

func TestWalkEveryManager(t *testing.T) {
	srv := fakeEnv(t)
	reg := gitlab.NewRegistry()
	w := &walker{t: t, srv: srv, reg: reg, files: t.TempDir(), results: map[string]*walkOutcome{}}
	srv.AddGroup("Walk forks", "walk-forks", "private")
	if err := os.WriteFile(filepath.Join(w.files, "upload.png"), []byte("\x89PNG walk"), 0o600); err != nil {
		t.Fatal(err)
	}
	children := map[string][]*gitlab.Spec{}
	for _, s := range reg.Specs() {
		children[s.Parent] = append(children[s.Parent], s)
	}
	for _, s := range children[""] {
		w.walk(s, children, gjson.Result{}, false)
	}

	// The report: each manager is walked whole, in part, or not at all,
	// with the reason for what was not.
	var whole, partial, none, excepted []string
	names := make([]string, 0, len(w.results))
	for name := range w.results {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		o := w.results[name]
		var why []string
		if len(o.notServed) > 0 {
			why = append(why, "not served: "+strings.Join(o.notServed, ","))
		}
		if len(o.unreachable) > 0 {
			why = append(why, "no object for: "+strings.Join(o.unreachable, ","))
		}
		switch {
		case walkExceptions[name] != "":
			excepted = append(excepted, name+" ("+walkExceptions[name]+")")
		case len(o.failed) > 0:
		case len(why) == 0 && len(o.ok) == 0:
			none = append(none, name+" (declares no core operation: custom actions only)")
		case len(why) == 0:
			whole = append(whole, name)
		case len(o.ok) == 0:
			none = append(none, name+" ("+strings.Join(why, "; ")+")")
		default:
			partial = append(partial, name+" ("+strings.Join(why, "; ")+")")
		}
	}
	for _, name := range mustWalk {
		if o := w.results[name]; o == nil || len(o.ok) == 0 || len(o.notServed)+len(o.unreachable)+len(o.failed) > 0 {
			t.Errorf("%s must walk every operation: %+v", name, o)
		}
	}
	if len(w.results) != len(reg.Specs()) {
		t.Errorf("%d managers reported of %d declared", len(w.results), len(reg.Specs()))
	}
	t.Logf("%d managers: %d walked whole, %d in part, %d not at all, %d excepted",
		len(reg.Specs()), len(whole), len(partial), len(none), len(excepted))
	t.Logf("walked whole: %s", strings.Join(whole, " "))
	t.Logf("walked in part: %s", strings.Join(partial, "; "))
	t.Logf("not walked: %s", strings.Join(none, "; "))
	t.Logf("excepted: %s", strings.Join(excepted, "; "))
}

// walk runs the operations of s, under the parent object parent, then the
// walks of its children under the object it made.
func (w *walker) walk(s *gitlab.Spec, children map[string][]*gitlab.Spec, parent gjson.Result, parentMissing bool) {
	o := &walkOutcome{}
	w.results[s.Name] = o
	if walkExceptions[s.Name] != "" {
		for _, c := range children[s.Name] {
			w.walk(c, children, gjson.Result{}, true)
		}
		return
	}
	values := map[string]string{}
	for ph, attr := range s.FromParent {
		v := parent.Get(attr)
		if parentMissing || !v.Exists() {
			o.unreachable = append(o.unreachable, "all (no "+s.Parent+" object to walk under)")
			for _, c := range children[s.Name] {
				w.walk(c, children, gjson.Result{}, true)
			}
			return
		}
		values[ph] = v.String()
	}
	res := resourceName(s.Name)
	pathArgs := func() []string {
		var a []string
		for _, ph := range s.Placeholders() {
			a = append(a, "--"+flagName(ph), values[ph])
		}
		return a
	}
	idAttr := s.IDAttribute()
	var obj gjson.Result
	var sent map[string]string // the create's attributes
	created := false

	if why := walkOpExceptions[s.Name+" create"]; why != "" {
		o.unreachable = append(o.unreachable, "create ("+why+")")
	} else if s.Ops.Has(gitlab.OpCreate) {
		sent = w.attrs(s, s.CreateAttrs, true)
		if prepare := walkhints.Prepare[s.Name]; prepare != nil {
			more, err := prepare(context.Background(), client(w.t, w.srv), managerPath(s, values))
			if err != nil {
				w.t.Fatalf("%s: preparing the create: %v", s.Name, err)
			}
			for a, v := range more {
				sent[a] = w.flagValue(s, a, v)
			}
		}
		args := append([]string{"-o", "json", res, "create"}, pathArgs()...)
		if r := w.op(o, s, "create", values, "", append(args, flags(sent)...)); r != nil {
			obj, created = gjson.Parse(r.stdout), true
		}
	}
	id := func() string {
		if idAttr == "" {
			return ""
		}
		if v := obj.Get(gjsonKey(idAttr)); v.Exists() {
			return v.String()
		}
		return sent[idAttr]
	}
	withID := func(args []string) []string {
		if idAttr != "" {
			args = append(args, "--"+flagName(idAttr), id())
		}
		return args
	}
	if s.Ops.Has(gitlab.OpList) {
		args := append([]string{"-o", "json", res, "list"}, pathArgs()...)
		if r := w.op(o, s, "list", values, "", args); r != nil && !obj.Exists() {
			if first := gjson.Parse(r.stdout).Get("0"); first.Exists() {
				obj = first
			}
		}
	}
	singleton := idAttr == ""
	if s.Ops.Has(gitlab.OpGet) || s.Ops.Has(gitlab.OpGetWithoutID) {
		if obj.Exists() || singleton {
			args := withID(append([]string{"-o", "json", res, "get"}, pathArgs()...))
			args = append(args, flags(w.attrs(s, s.GetAttrs, false))...)
			if r := w.op(o, s, "get", values, id(), args); r != nil && !obj.Exists() {
				obj = gjson.Parse(r.stdout)
			}
		} else {
			o.unreachable = append(o.unreachable, "get")
		}
	}
	if s.Ops.Has(gitlab.OpSet) && !singleton {
		key := w.value(s, idAttr)
		args := append(append([]string{"-o", "json", res, "set"}, pathArgs()...), "--"+flagName(idAttr), key, "--value", "true")
		if r := w.op(o, s, "set", values, key, args); r != nil {
			obj, created, sent = gjson.Parse(r.stdout), true, map[string]string{idAttr: key}
		}
	}
	mine := created || singleton // update and delete touch only these
	if s.Ops.Has(gitlab.OpUpdate) {
		if why := walkOpExceptions[s.Name+" update"]; why != "" {
			o.unreachable = append(o.unreachable, "update ("+why+")")
		} else if mine {
			attrs := w.attrs(s, s.UpdateAttrs, false)
			delete(attrs, idAttr)
			for _, ph := range s.Placeholders() {
				delete(attrs, ph)
			}
			if len(attrs) == 0 {
				if a := updatable(s); a != "" && !isPlaceholder(s, a) {
					attrs[a] = w.flagValue(s, a, walkhints.Create[s.Name][a])
				}
			}
			args := withID(append([]string{"-o", "json", res, "update"}, pathArgs()...))
			w.op(o, s, "update", values, id(), append(args, flags(attrs)...))
		} else {
			o.unreachable = append(o.unreachable, "update")
		}
	}
	for _, c := range children[s.Name] {
		w.walk(c, children, obj, !obj.Exists() && !singleton)
	}
	if s.Ops.Has(gitlab.OpDelete) {
		if mine {
			if a := walkhints.BeforeDelete[s.Name]; a != "" {
				w.op(o, s, a, values, id(), withID(append([]string{res, flagName(a)}, pathArgs()...)))
			}
			args := withID(append([]string{res, "delete"}, pathArgs()...))
			w.op(o, s, "delete", values, id(), append(args, flags(w.attrs(s, s.DeleteAttrs, false))...))
		} else {
			o.unreachable = append(o.unreachable, "delete")
		}
	}
}

// op runs one operation and records its outcome; it returns the result
// when the operation succeeded.
func (w *walker) op(o *walkOutcome, s *gitlab.Spec, name string, values map[string]string, id string, args []string) *result {
	w.t.Helper()
	w.srv.ResetRequests()
	r := run(w.t, args...)
	if r.code == ExitOK {
		o.ok = append(o.ok, name)
		return &r
	}
	if strings.HasSuffix(r.stderr, "(404: 404 Not Found)\n") && w.requested(s, name, values, id) {
		o.notServed = append(o.notServed, name)
		return nil
	}
	o.failed = append(o.failed, name)
	w.t.Errorf("walk %s %s: gitlab %s\n%s", s.Name, name, strings.Join(args, " "), r)
	return nil
}

// requested reports whether the last request went to the path the spec
// declares for the operation: an unknown route there means the fake does
// not serve it, not that the command built a wrong URL.
func (w *walker) requested(s *gitlab.Spec, op string, values map[string]string, id string) bool {
	reqs := w.srv.Requests()
	if len(reqs) != 1 {
		return false
	}
	if op == "create" && s.CreatePath != "" {
		return true // rendered from the attributes too: checked by the tests of base
	}
	path := managerPath(s, values)
	if id != "" && op != "list" && op != "create" {
		path += "/" + base.EscapeID(id)
	}
	return reqs[0].Path == "/api/v4"+path
}

// managerPath is the manager's path with its parents' values filled in.
func managerPath(s *gitlab.Spec, values map[string]string) string {
	path := s.Path
	for ph, v := range values {
		path = strings.ReplaceAll(path, "{"+ph+"}", base.EscapeID(v))
	}
	return path
}

// attrs gives a value to every required attribute of ro and to the first
// exclusive one, and, for a create, adds the manager's walkCreate.
func (w *walker) attrs(s *gitlab.Spec, ro gitlab.RequiredOptional, create bool) map[string]string {
	out := map[string]string{}
	defer func() { // a path attribute is given once, as the path's option
		for _, ph := range s.Placeholders() {
			delete(out, ph)
		}
	}()
	for _, a := range ro.Required {
		out[a] = w.value(s, a)
	}
	if len(ro.Exclusive) > 0 {
		out[ro.Exclusive[0]] = w.value(s, ro.Exclusive[0])
	}
	if create {
		for _, a := range namingAttrs {
			for _, opt := range ro.Optional {
				if opt == a {
					out[a] = w.value(s, a)
				}
			}
		}
		for a, v := range walkhints.Create[s.Name] {
			if slices.Contains(flatten(ro), a) { // the command takes declared attributes only
				out[a] = w.flagValue(s, a, v)
			}
		}
		for a, v := range walkCreate[s.Name] {
			out[a] = v
		}
		if a := optionalAttr(ro.Optional); len(out) == 0 && a != "" {
			out[a] = w.value(s, a) // GitLab refuses a create with nothing in it too
		}
	}
	return out
}

// flagValue is the option value of a walkhints value: "" makes one up.
func (w *walker) flagValue(s *gitlab.Spec, attr string, v any) string {
	switch v := v.(type) {
	case nil:
		return w.value(s, attr)
	case string:
		if v == "" {
			return w.value(s, attr)
		}
		return v
	case []string:
		return strings.Join(v, ",")
	}
	return fmt.Sprint(v)
}

// updatable chooses an optional update attribute to send: GitLab refuses an
// update with nothing in it.
func updatable(s *gitlab.Spec) string {
	if a := walkhints.Change[s.Name]; a != "" && slices.Contains(flatten(s.UpdateAttrs), a) {
		return a
	}
	return optionalAttr(s.UpdateAttrs.Optional)
}

// optionalAttr chooses an optional attribute to send when none is required.
func optionalAttr(optional []string) string {
	for _, pref := range []string{"value", "description", "title", "name", "body"} {
		for _, a := range optional {
			if a == pref {
				return a
			}
		}
	}
	if len(optional) > 0 {
		return optional[0]
	}
	return ""
}

// value makes a value for an attribute from its name and type.
func (w *walker) value(s *gitlab.Spec, attr string) string {
	w.n++
	n := strconv.Itoa(w.n)
	switch s.Types.Of(attr) {
	case gitlab.TypeFile, gitlab.TypeImage:
		return "@" + filepath.Join(w.files, "upload.png")
	case gitlab.TypeJSON:
		return "{}"
	}
	switch {
	case attr == "email" || strings.HasSuffix(attr, "_email"):
		return "walk" + n + "@example.com"
	case attr == "username":
		return "walk-user-" + n
	case attr == "password":
		return "Walk-Passw0rd-" + n + "!"
	case attr == "ref" || strings.HasSuffix(attr, "branch"):
		return "main"
	case attr == "key":
		return "WALK_KEY_" + n
	case attr == "visibility":
		return "private"
	case attr == "color": // https://docs.gitlab.com/api/labels/#create-a-new-label
		return "#FF0000"
	case attr == "resolved" || strings.HasPrefix(attr, "allow_"):
		return "true"
	case attr == "access_level":
		return "30"
	case attr == "file_path":
		return "walk/file-" + n + ".txt"
	case attr == "url" || strings.HasSuffix(attr, "_url"):
		return "https://example.com/walk/" + n
	case attr == "domain":
		return "walk" + n + ".example.com"
	case strings.HasSuffix(attr, "_at") || strings.HasSuffix(attr, "_date"):
		return "2030-01-01"
	case strings.HasSuffix(attr, "_id") || strings.HasSuffix(attr, "_ids") || attr == "id":
		return "1"
	case strings.HasSuffix(attr, "enabled") || attr == "protected" || attr == "masked":
		return "true"
	case attr == "value" || attr == "content" || attr == "body" || attr == "description" ||
		attr == "commit_message" || attr == "note" || attr == "message":
		return "walk text " + n
	}
	return "walk-" + n
}

// flags turns attributes into options, in a stable order.
func flags(attrs map[string]string) []string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, "--"+flagName(k), attrs[k])
	}
	return out
}

func TestCurrentUser(t *testing.T) {
	fakeEnv(t)
	var u map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "-o", "json", "current-user", "get")), &u); err != nil || u["username"] != "root" {
		t.Errorf("%v %v", u, err)
	}
	if out := mustRun(t, "current-user", "get"); out != "username: root\n" {
		t.Errorf("legacy: %q", out)
	}
}

// isPlaceholder reports whether attr is one of the spec's path placeholders.
func isPlaceholder(s *gitlab.Spec, attr string) bool {
	for _, ph := range s.Placeholders() {
		if ph == attr {
			return true
		}
	}
	return false
}
