package managers_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/managers"
	"github.com/golab/gitlab/test/gitlabtest"
)

// TestWalkActions calls every declared action (base.Action) of
// managers.Builtins() through its typed method (Action.MethodName() on the
// typed object or manager, reached from the client by the real accessors)
// against the fake GitLab over HTTP, with its required attributes made up
// from their names and types (uploads from generated content), and checks
// the answer by the action's Result: the object takes the answer
// (ResultReplace), a new object of the right type (ResultNew), a list that
// iterates (ResultList), nothing (ResultNone), a JSON answer (ResultRaw), a
// stream of the announced bytes, which closes (ResultDownload); uploads
// arrive whole (the fake's SHA-256 and size). A new action is covered
// without writing a test. What cannot be exercised generically is in
// actionExceptions, with the reason; an exception that starts to pass fails
// the test, so the table cannot rot.
func TestWalkActions(t *testing.T) {
	reg := managers.Builtins()
	done := &actionTally{done: map[string]bool{}}
	t.Run("specs", func(t *testing.T) {
		for _, sp := range reg.Specs() {
			if len(sp.Actions) == 0 {
				continue
			}
			t.Run(sp.Name, func(t *testing.T) {
				t.Parallel()
				srv, gl := gitlabtest.NewClient(t)
				if _, err := gl.Auth(ctx); err != nil {
					t.Fatal(err)
				}
				w := &walker{t: t, srv: srv, gl: gl, reg: reg, tally: &walkTally{done: map[string]bool{}, accessors: map[string]bool{}}}
				(&actionWalker{walker: w, tally: done}).walk(sp)
			})
		}
	})
	declared := 0
	kinds := map[base.ActionResult]int{}
	for _, sp := range reg.Specs() {
		for i := range sp.Actions {
			a := &sp.Actions[i]
			declared++
			kinds[a.Result]++
			if key := actionKey(sp, a); !done.done[key] && actionExceptions[key] == "" {
				t.Errorf("%s: declared but not exercised", key)
			}
		}
	}
	for key := range actionExceptions {
		name, _, _ := strings.Cut(key, " ")
		sp, ok := reg.Lookup(name)
		if !ok || !slices.ContainsFunc(sp.Actions, func(a base.Action) bool { return actionKey(sp, &a) == key }) {
			t.Errorf("exception %q names no declared action", key)
		}
	}
	t.Logf("%d declared actions (raw %d, replace %d, new %d, none %d, list %d, download %d), %d exercised, %d exceptions",
		declared, kinds[base.ResultRaw], kinds[base.ResultReplace], kinds[base.ResultNew], kinds[base.ResultNone],
		kinds[base.ResultList], kinds[base.ResultDownload], len(done.done), len(actionExceptions))
}

// actionExceptions lists, by actionKey, the actions the walk cannot
// exercise generically, and why. The walk still calls them and expects them
// to fail; when one passes, remove its line.
var actionExceptions = map[string]string{}

// actionHint is what GitLab's semantics need for an action beyond its
// declaration: attribute values, and a setup run on the walk's object
// that gives more attributes, or another object to act on (a job of a
// pipeline that ran), where the fresh object lacks the state GitLab needs.
// Object actions run on a fresh object each, so no action sees another's
// changes.
type actionHint struct {
	attrs base.Attrs
	setup func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error)
}

// actionHints are the actions' hints by actionKey, each with the GitLab
// documentation of the state it needs; set by init, as runFirst reads it.
var actionHints map[string]actionHint

func init() { actionHints = walkActionHints() }

func walkActionHints() map[string]actionHint {
	return map[string]actionHint{
		// A no-op answers 304 Not Modified
		// (https://docs.gitlab.com/api/projects/#unstar-a-project; the author
		// of an issue is subscribed to it,
		// https://docs.gitlab.com/api/issues/#subscribe-to-an-issue,
		// https://docs.gitlab.com/api/labels/#unsubscribe-from-a-label,
		// https://docs.gitlab.com/api/user_follow_unfollow/#unfollow-a-user,
		// https://docs.gitlab.com/api/user_moderation/#unban-a-user).
		"project unstar":                  {setup: runFirst("star")},
		"project_issue subscribe":         {setup: runFirst("unsubscribe")},
		"project_merge_request subscribe": {setup: runFirst("unsubscribe")},
		"project_label unsubscribe":       {setup: runFirst("subscribe")},
		"group_label unsubscribe":         {setup: runFirst("subscribe")},
		"user unfollow":                   {setup: runFirst("follow")},
		"user unban":                      {setup: runFirst("ban")},
		// https://docs.gitlab.com/api/merge_request_approvals/#unapprove-a-merge-request: 404 when not approved.
		"project_merge_request unapprove": {setup: runFirst("approve")},
		// A pull mirror to report on and update
		// (https://docs.gitlab.com/api/project_pull_mirroring/).
		"project mirror_pull_details": {setup: pullMirror},
		"project mirror_pull":         {setup: pullMirror},
		// Durations (https://docs.gitlab.com/api/issues/#set-a-time-estimate-for-an-issue,
		// https://docs.gitlab.com/api/merge_requests/#add-spent-time-for-a-merge-request).
		"project_issue time_estimate":          {attrs: base.Attrs{"duration": "3h30m"}},
		"project_issue add_spent_time":         {attrs: base.Attrs{"duration": "1h"}},
		"project_merge_request time_estimate":  {attrs: base.Attrs{"duration": "3h30m"}},
		"project_merge_request add_spent_time": {attrs: base.Attrs{"duration": "1h"}},
		// A trigger GitLab knows (https://docs.gitlab.com/api/project_webhooks/#trigger-a-test-project-webhook,
		// https://docs.gitlab.com/api/group_webhooks/#trigger-a-test-group-hook).
		"project_hook test": {attrs: base.Attrs{"trigger": "push_events"}},
		"group_hook test":   {attrs: base.Attrs{"trigger": "push_events"}},
		// https://docs.gitlab.com/api/deployments/#approve-or-reject-a-blocked-deployment:
		// approved or rejected, by another user than the deployment's, which
		// waits for an approval its protected environment requires
		// (https://docs.gitlab.com/ci/environments/deployment_approvals/).
		"project_deployment approval": {attrs: base.Attrs{"status": "approved"}, setup: blockedDeployment},
		// https://docs.gitlab.com/api/search/#scope-issues: a scope.
		"project search": {attrs: base.Attrs{"scope": "issues"}},
		"group search":   {attrs: base.Attrs{"scope": "issues"}},
		// Refs that exist (https://docs.gitlab.com/api/repositories/#compare-branches-tags-or-commits,
		// https://docs.gitlab.com/api/repositories/#merge-base).
		"project repository_compare":    {attrs: base.Attrs{"from": "main", "to": "main"}},
		"project repository_merge_base": {attrs: base.Attrs{"refs": []string{"main", "main"}}},
		// A blob of the repository (https://docs.gitlab.com/api/repositories/#get-a-blob-from-repository).
		"project repository_blob":     {setup: readmeBlob},
		"project repository_raw_blob": {setup: readmeBlob},
		// https://docs.gitlab.com/api/commits/#revert-a-commit: a commit that
		// changed a file, onto the branch that holds it.
		"project_commit revert": {attrs: base.Attrs{"branch": "main"}, setup: changedFile},
		// https://docs.gitlab.com/api/commits/#cherry-pick-a-commit: onto a branch that lacks it.
		"project_commit cherry_pick": {setup: func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			parent := attributes(obj)["parent_ids"].([]any)[0]
			branch := w.made("pick")
			_, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/repository/branches", map[string]any{"branch": branch, "ref": parent})
			return obj, base.Attrs{"branch": branch}, err
		}},
		// A commit signed by its author's GPG key
		// (https://docs.gitlab.com/api/commits/#get-signature-of-a-commit:
		// 404 Signature Not Found for an unsigned commit, as the API makes them).
		"project_commit signature": {setup: func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			r, err := w.gl.HTTPPost(ctx, "/users/1/gpg_keys", map[string]any{"key": "-----BEGIN PGP PUBLIC KEY BLOCK-----\n" + w.made("key") + "\n-----END PGP PUBLIC KEY BLOCK-----"})
			if err != nil {
				return obj, nil, err
			}
			pid, _ := strconv.Atoi(strings.TrimPrefix(w.owner(obj), "/projects/"))
			return obj, nil, w.srv.SignCommit(pid, id(obj), gitlabtest.CommitSignature{KeyID: int(r.JSON().Get("id").Int())})
		}},
		// An attestation (made by GitLab's build provenance, by the fake's
		// AddObject here), listed by its artifact's digest
		// (https://docs.gitlab.com/api/attestations/#list-all-attestations):
		// the list must hold it.
		"project_attestation for_subject (manager)": {setup: func(w *actionWalker, sp *base.Spec, _ reflect.Value) (reflect.Value, base.Attrs, error) {
			o, err := w.make(sp, w.m, false)
			if err != nil {
				return o, nil, err
			}
			return o, base.Attrs{"subject_digest": attributes(o)["subject_digest"]}, nil
		}},
		// A group's real export archive, imported as a new group
		// (https://docs.gitlab.com/api/group_import_export/#import-a-file:
		// anything else is refused with 400).
		"group import_group (manager)": {setup: func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			if _, _, err := exported(w, sp, obj); err != nil {
				return obj, nil, err
			}
			r, err := w.gl.HTTPGet(ctx, w.owner(obj)+"/export/download", nil)
			if err != nil {
				return obj, nil, err
			}
			w.sent = r.Body
			return obj, base.Attrs{"file": base.FileContent{Name: "export.tar.gz", Data: bytes.NewReader(r.Body)}}, nil
		}},
		// Other projects and groups the action names
		// (https://docs.gitlab.com/api/projects/#create-a-forked-fromto-relation-between-existing-projects,
		// https://docs.gitlab.com/api/issues/#move-an-issue,
		// https://docs.gitlab.com/api/projects/#transfer-a-project-to-a-new-namespace,
		// https://docs.gitlab.com/api/groups/#transfer-a-project-to-a-group,
		// https://docs.gitlab.com/api/groups/#transfer-a-group,
		// https://docs.gitlab.com/api/projects/#share-a-project-with-a-group,
		// https://docs.gitlab.com/api/groups/#share-groups-with-groups).
		"project create_fork_relation": {setup: otherProject("forked_from_id")},
		"project delete_fork_relation": {setup: runFirst("create_fork_relation")},
		"project_issue move":           {setup: otherProject("to_project_id")},
		"group transfer_project":       {setup: otherProject("project_id")},
		"project transfer":             {setup: otherGroup("to_namespace")},
		"group transfer":               {setup: otherGroup("group_id")},
		"project share":                {setup: otherGroup("group_id")},
		"group share":                  {setup: otherGroup("group_id")},
		"project unshare":              {setup: shared},
		"group unshare":                {setup: shared},
		// https://docs.gitlab.com/api/issues/#reorder-an-issue: another issue of the project.
		"project_issue reorder": {setup: func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			r, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/issues", map[string]any{"title": w.made("other")})
			if err != nil {
				return obj, nil, err
			}
			return obj, base.Attrs{"move_after_id": r.JSON().Get("id").Int()}, nil
		}},
		// A group to promote to (https://docs.gitlab.com/api/labels/#promote-a-project-label-to-a-group-label,
		// https://docs.gitlab.com/api/milestones/#promote-project-milestone-to-a-group-milestone).
		"project_label promote":     {setup: inGroup},
		"project_milestone promote": {setup: inGroup},
		// A source branch with a commit to merge
		// (https://docs.gitlab.com/api/merge_requests/#merge-to-default-merge-ref-path), and
		// a merge set to happen when its running pipeline succeeds
		// (https://docs.gitlab.com/api/merge_requests/#cancel-merge-when-pipeline-succeeds).
		"project_merge_request merge_ref": {setup: mrChanges},
		"project_merge_request cancel_merge_when_pipeline_succeeds": {setup: func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			obj, _, err := mrChanges(w, sp, obj)
			if err != nil {
				return obj, nil, err
			}
			mr := attributes(obj)
			if _, err = w.gl.HTTPPost(ctx, w.owner(obj)+"/pipeline", map[string]any{"ref": mr["source_branch"]}); err == nil {
				_, err = w.gl.HTTPPut(ctx, fmt.Sprintf("%s/merge_requests/%v/merge", w.owner(obj), mr["iid"]), map[string]any{"merge_when_pipeline_succeeds": true})
			}
			return obj, nil, err
		}},
		// A finished export (https://docs.gitlab.com/api/project_import_export/#export-download,
		// https://docs.gitlab.com/api/group_import_export/#export-download).
		"project_export download": {setup: exported},
		"group_export download":   {setup: exported},
		// A submodule (https://docs.gitlab.com/api/repository_submodules/#update-existing-submodule-reference-in-repository).
		"project update_submodule": {setup: func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			_, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/repository/commits", map[string]any{"branch": "main", "commit_message": "submodule",
				"actions": []map[string]any{
					{"action": "create", "file_path": ".gitmodules", "content": "[submodule \"lib\"]\n\tpath = lib\n\turl = https://example.com/lib.git\n"},
					{"action": "create", "file_path": "lib", "content": "Subproject commit " + strings.Repeat("a", 40) + "\n"},
				}})
			return obj, base.Attrs{"submodule": "lib", "branch": "main", "commit_sha": strings.Repeat("b", 40)}, err
		}},
		// A pipeline trigger's token (https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token).
		"project trigger_pipeline": {setup: func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			r, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/triggers", map[string]any{"description": "walk"})
			if err != nil {
				return obj, nil, err
			}
			return obj, base.Attrs{"ref": "main", "token": r.JSON().Get("token").String()}, nil
		}},
		// The jobs of a pipeline of the built-in definition (build, test, a
		// manual deploy), build and test finished: the build's trace and
		// artifacts (build/output.txt) (https://docs.gitlab.com/api/jobs/,
		// https://docs.gitlab.com/api/job_artifacts/).
		"project_job artifact":       {setup: ranJob("build"), attrs: base.Attrs{"path": "build/output.txt"}},
		"project_job artifacts":      {setup: ranJob("build")},
		"project_job erase":          {setup: ranJob("build")},
		"project_job keep_artifacts": {setup: ranJob("build")},
		"project_job retry":          {setup: ranJob("build")},
		"project_job trace":          {setup: ranJob("build")},
		"project_job play":           {setup: ranJob("deploy")},
		"project_artifact download (manager)": {setup: ranJob("build"),
			attrs: base.Attrs{"ref_name": "main", "job": "build"}},
		"project_artifact raw (manager)": {setup: ranJob("build"),
			attrs: base.Attrs{"ref_name": "main", "job": "build", "artifact_path": "build/output.txt"}},
		// A deploy key of another project (https://docs.gitlab.com/api/deploy_keys/#enable-a-deploy-key).
		"project_key enable (manager)": {setup: func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			id, err := otherProjectID(w)
			if err != nil {
				return obj, nil, err
			}
			r, err := w.gl.HTTPPost(ctx, fmt.Sprintf("/projects/%d/deploy_keys", id), map[string]any{"title": w.made("key"),
				"key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + fmt.Sprintf("%032d", w.n) + " walk"})
			if err != nil {
				return obj, nil, err
			}
			return obj, base.Attrs{"key_id": r.JSON().Get("id").Int()}, nil
		}},
		// The runner's own token (https://docs.gitlab.com/api/runners/#verify-authentication-for-a-registered-runner).
		"runner verify (manager)": {setup: func(_ *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			return obj, base.Attrs{"token": attributes(obj)["token"]}, nil
		}},
		// A user pending approval (https://docs.gitlab.com/api/user_moderation/#approve-access-to-a-user,
		// https://docs.gitlab.com/api/user_moderation/#reject-access-to-a-user).
		"user approve": {setup: pendingUser},
		"user reject":  {setup: pendingUser},
		// A public snippet to list (https://docs.gitlab.com/api/snippets/#list-all-public-snippets).
		"snippet list_public (manager)": {setup: publicSnippet},
		"snippet public (manager)":      {setup: publicSnippet},
		// The LDAP link the walk made for the action, named by its provider
		// and cn (https://docs.gitlab.com/api/group_ldap_links/#delete-an-ldap-group-link-with-cn-or-filter,
		// https://docs.gitlab.com/api/group_ldap_links/#delete-an-ldap-group-link-deprecated:
		// 404 Linked LDAP group not found for another).
		"group_ldap_group_link delete_link (manager)":         {setup: ldapLink},
		"group_ldap_group_link delete_for_provider (manager)": {setup: ldapLink},
		// The token of the call rotates itself: it must be a personal access
		// token (https://docs.gitlab.com/api/personal_access_tokens/#self-rotate):
		// the manager of a client authenticated by one.
		"personal_access_token rotate_self (manager)": {setup: func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			r, err := w.gl.HTTPPost(ctx, "/users/1/personal_access_tokens", map[string]any{"name": w.made("self"), "scopes": []string{"api"}})
			if err != nil {
				return obj, nil, err
			}
			gl, err := w.srv.Client(gitlab.WithPrivateToken(r.JSON().Get("token").String()))
			if err != nil {
				return obj, nil, err
			}
			w.m = reflect.ValueOf(gl).Elem().FieldByName(sp.Accessor)
			return obj, nil, nil
		}},
		// One of the snippet's files, at its repository's default branch
		// (https://docs.gitlab.com/api/snippets/#get-raw-snippet-file-content:
		// a file the snippet has, else 404 File Not Found).
		"snippet raw_file": {setup: func(_ *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
			files, _ := attributes(obj)["files"].([]any)
			if len(files) == 0 {
				return obj, nil, fmt.Errorf("the snippet has no files")
			}
			f, _ := files[0].(map[string]any)
			return obj, base.Attrs{"ref": "main", "file_path": f["path"]}, nil
		}},
	}
}

// ldapLink names the LDAP group link the walk made (a manager action
// gets one when its manager makes objects) by its provider and cn.
func ldapLink(_ *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	if !obj.IsValid() {
		return obj, nil, fmt.Errorf("no LDAP group link was made")
	}
	link := attributes(obj)
	return obj, base.Attrs{"provider": link["provider"], "cn": link["cn"]}, nil
}

// runFirst runs another object action first (with its hints), on another
// copy of the object.
func runFirst(name string) func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	return func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
		a, _ := sp.Action(name, false)
		o, extra, err := w.prepare(sp, a, obj)
		if err != nil {
			return obj, nil, err
		}
		_, err = w.invoke(sp, a, w.bare(sp, o), o, extra)
		return o, extra, err
	}
}

// owner is the path of the project or group the walk's manager is under
// ("/projects/5"), or of the object for projects and groups.
func (w *actionWalker) owner(obj reflect.Value) string {
	out, _ := call(w.m, "Path")
	parts := strings.SplitN(strings.TrimPrefix(out[0].String(), "/"), "/", 3)
	if len(parts) == 1 {
		return "/" + parts[0] + "/" + id(obj)
	}
	return "/" + parts[0] + "/" + parts[1]
}

func pullMirror(_ *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	m, err := call(obj, "PullMirror")
	if err == nil {
		_, err = call(m[0], "Create", ctx, base.Attrs{"url": "https://example.com/mirror.git"})
	}
	return obj, nil, err
}

func readmeBlob(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	r, err := w.gl.HTTPGet(ctx, fmt.Sprintf("/projects/%s/repository/tree", id(obj)), nil)
	if err != nil {
		return obj, nil, err
	}
	return obj, base.Attrs{"sha": r.JSON().Get(`#(name=="README.md").id`).String()}, nil
}

// otherProjectID makes another project.
func otherProjectID(w *actionWalker) (int64, error) {
	r, err := w.gl.HTTPPost(ctx, "/projects", map[string]any{"name": w.made("other"), "initialize_with_readme": true})
	if err != nil {
		return 0, err
	}
	return r.JSON().Get("id").Int(), nil
}

func otherProject(attr string) func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	return func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
		id, err := otherProjectID(w)
		return obj, base.Attrs{attr: id}, err
	}
}

// otherGroupID makes another group.
func otherGroupID(w *actionWalker) (int64, error) {
	name := w.made("group")
	r, err := w.gl.HTTPPost(ctx, "/groups", map[string]any{"name": name, "path": name})
	if err != nil {
		return 0, err
	}
	return r.JSON().Get("id").Int(), nil
}

func otherGroup(attr string) func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	return func(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
		id, err := otherGroupID(w)
		return obj, base.Attrs{attr: id}, err
	}
}

// shared shares the project or group with another group, to unshare.
func shared(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	gid, err := otherGroupID(w)
	if err != nil {
		return obj, nil, err
	}
	coll := "/projects/"
	if sp.Name == "group" {
		coll = "/groups/"
	}
	_, err = w.gl.HTTPPost(ctx, coll+id(obj)+"/share", map[string]any{"group_id": gid, "group_access": 30})
	return obj, base.Attrs{"group_id": gid}, err
}

// inGroup moves the walk's project into a new group.
func inGroup(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	gid, err := otherGroupID(w)
	if err == nil {
		_, err = w.gl.HTTPPut(ctx, w.owner(obj)+"/transfer", map[string]any{"to_namespace": gid})
	}
	return obj, nil, err
}

// mrChanges gives the merge request's source branch a commit the target
// lacks.
func mrChanges(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	src := attributes(obj)["source_branch"]
	if _, err := w.gl.HTTPGet(ctx, fmt.Sprintf("%s/repository/branches/%v", w.owner(obj), src), nil); err != nil {
		if _, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/repository/branches", map[string]any{"branch": src, "ref": "main"}); err != nil {
			return obj, nil, err
		}
	}
	_, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/repository/files/"+w.made("change")+".txt",
		map[string]any{"branch": src, "content": "walk", "commit_message": "change"})
	return obj, nil, err
}

// exported schedules an export and asks its status until it is finished.
func exported(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	if _, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/export", nil); err != nil {
		return obj, nil, err
	}
	for range 5 {
		r, err := w.gl.HTTPGet(ctx, w.owner(obj)+"/export", nil)
		if err != nil {
			return obj, nil, err
		}
		if r.JSON().Get("export_status").String() == "finished" {
			return obj, nil, nil
		}
	}
	return obj, nil, fmt.Errorf("the export did not finish")
}

// ranJob runs a pipeline of the walk's project (the built-in definition)
// with its build and test jobs succeeding, and answers its job of that
// name, got through the typed manager when the walk's objects are jobs.
func ranJob(name string) func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	return func(w *actionWalker, sp *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
		pl, err := w.gl.HTTPPost(ctx, w.owner(obj)+"/pipeline", map[string]any{"ref": "main"})
		if err != nil {
			return obj, nil, err
		}
		pid := int(pl.JSON().Get("project_id").Int())
		r, err := w.gl.HTTPGet(ctx, fmt.Sprintf("%s/pipelines/%d/jobs", w.owner(obj), pl.JSON().Get("id").Int()), nil)
		if err != nil {
			return obj, nil, err
		}
		jobs := map[string]int{}
		for _, j := range r.JSON().Array() {
			jobs[j.Get("name").String()] = int(j.Get("id").Int())
		}
		for _, n := range []string{"build", "test"} {
			if err := w.srv.SetJobStatus(pid, jobs[n], "success"); err != nil {
				return obj, nil, err
			}
		}
		if sp.Name != "project_job" {
			return obj, nil, nil
		}
		out, err := call(w.m, "Get", ctx, fmt.Sprint(jobs[name]))
		if err != nil {
			return obj, nil, err
		}
		return out[0], nil, nil
	}
}

// changedFile commits a change to a file on main and answers that commit.
func changedFile(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	file := w.owner(obj) + "/repository/files/" + w.made("revert") + ".txt"
	_, err := w.gl.HTTPPost(ctx, file, map[string]any{"branch": "main", "content": "one", "commit_message": "one"})
	if err == nil {
		_, err = w.gl.HTTPPut(ctx, file, map[string]any{"branch": "main", "content": "two", "commit_message": "two"})
	}
	if err != nil {
		return obj, nil, err
	}
	b, err := w.gl.HTTPGet(ctx, w.owner(obj)+"/repository/branches/main", nil)
	if err != nil {
		return obj, nil, err
	}
	out, err := call(w.m, "Get", ctx, b.JSON().Get("commit.id").String())
	if err != nil {
		return obj, nil, err
	}
	return out[0], nil, nil
}

// blockedDeployment protects the production environment with one
// required approval, and has a developer run a pipeline of the built-in
// definition, whose deploy job's deployment to production waits for it.
func blockedDeployment(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	project := w.owner(obj)
	if _, err := w.gl.HTTPPost(ctx, project+"/protected_environments", map[string]any{"name": "production",
		"deploy_access_levels": []map[string]any{{"access_level": 30}}, "required_approval_count": 1}); err != nil {
		return obj, nil, err
	}
	pid, _ := strconv.Atoi(strings.TrimPrefix(project, "/projects/"))
	dev := w.user()
	w.srv.AddProjectMember(pid, dev)
	if _, err := w.gl.HTTPPost(ctx, project+"/pipeline", map[string]any{"ref": "main"}, gitlab.WithSudo(dev)); err != nil {
		return obj, nil, err
	}
	r, err := w.gl.HTTPGet(ctx, project+"/deployments", base.Params{"status": "blocked"})
	if err != nil {
		return obj, nil, err
	}
	out, err := call(w.m, "Get", ctx, r.JSON().Get("0.id").String())
	if err != nil {
		return obj, nil, err
	}
	return out[0], nil, nil
}

// pendingUser is a user who signed up and waits for an administrator's
// approval.
func pendingUser(w *actionWalker, _ *base.Spec, _ reflect.Value) (reflect.Value, base.Attrs, error) {
	uid := w.srv.AddUser(gitlabtest.User{Username: w.made("pending"), State: "blocked_pending_approval"})
	out, err := call(w.m, "Get", ctx, fmt.Sprint(uid))
	if err != nil {
		return reflect.Value{}, nil, err
	}
	return out[0], nil, nil
}

func publicSnippet(w *actionWalker, _ *base.Spec, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	_, err := w.gl.HTTPPut(ctx, "/snippets/"+id(obj), map[string]any{"visibility": "public"})
	return obj, nil, err
}

// prepare runs the action's hint: the attributes to add and the object to
// act on.
func (w *actionWalker) prepare(sp *base.Spec, a *base.Action, obj reflect.Value) (reflect.Value, base.Attrs, error) {
	h := actionHints[actionKey(sp, a)]
	attrs := maps.Clone(h.attrs)
	if attrs == nil {
		attrs = base.Attrs{}
	}
	if h.setup != nil {
		o, more, err := h.setup(w, sp, obj)
		if err != nil {
			return obj, nil, fmt.Errorf("setup: %w", err)
		}
		obj = o
		maps.Copy(attrs, more)
	}
	return obj, attrs, nil
}

// actionKey names an action: "<spec> <action>", with " (manager)" for a
// manager action (an object and its manager may both declare rotate).
func actionKey(sp *base.Spec, a *base.Action) string {
	if a.OnManager {
		return sp.Name + " " + a.Name + " (manager)"
	}
	return sp.Name + " " + a.Name
}

type actionTally struct {
	mu   sync.Mutex
	done map[string]bool
}

func (t *actionTally) exercised(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done[key] = true
}

type actionWalker struct {
	*walker
	tally *actionTally
	m     reflect.Value // the typed manager
	// sent is the upload a hint gives instead of generated bytes (a real
	// export archive to import), which must arrive whole likewise.
	sent []byte
}

// walk reaches sp's typed manager and calls each of its actions, each
// object action on an object of its own.
func (w *actionWalker) walk(sp *base.Spec) {
	m, ok := w.reach(sp)
	for i := range sp.Actions {
		a := &sp.Actions[i]
		key := actionKey(sp, a)
		var err error
		if ok {
			w.m = m
			err = w.call(sp, a)
		} else {
			err = fmt.Errorf("the manager cannot be reached")
		}
		if reason := actionExceptions[key]; reason != "" {
			if err == nil {
				w.t.Errorf("%s passes now: remove its exception (%s)", key, reason)
			} else {
				w.t.Logf("%s: exception (%s): %v", key, reason, err)
			}
			continue
		}
		if err != nil {
			w.t.Errorf("%s: %v", key, err)
			continue
		}
		w.tally.exercised(key)
	}
}

// call makes an object (for a manager action, when the manager makes
// objects: a list then has one, and a {id}/rotate its ID), calls the
// action's method and checks its result.
func (w *actionWalker) call(sp *base.Spec, a *base.Action) error {
	w.sent = nil
	var obj reflect.Value
	if !a.OnManager || sp.Ops != 0 {
		o, err := w.make(sp, w.m, false)
		if err != nil && !a.OnManager {
			return fmt.Errorf("making the object: %w", err)
		}
		obj = o
	}
	obj, extra, err := w.prepare(sp, a, obj)
	if err != nil {
		return err
	}
	target := w.m
	if !a.OnManager {
		target = obj
		if a.Result == base.ResultReplace {
			target = w.bare(sp, obj) // it must take the answer's attributes
		}
	}
	before := 0
	if !a.OnManager {
		before = len(attributes(target))
	}
	uploads := len(w.srv.Uploads())
	out, err := w.invoke(sp, a, target, obj, extra)
	if err != nil {
		return err
	}
	if err := w.checkUploads(sp, a, uploads); err != nil {
		return err
	}
	return w.check(sp, a, target, obj, before, out)
}

// bare is a new object holding only o's ID: what Lazy gives.
func (w *actionWalker) bare(sp *base.Spec, o reflect.Value) reflect.Value {
	raw := "{}"
	if attr := sp.IDAttribute(); attr != "" {
		r := o.MethodByName("Attr").Call([]reflect.Value{reflect.ValueOf(attr)})[0].Interface()
		b, _ := json.Marshal(map[string]json.RawMessage{attr: json.RawMessage(reflect.ValueOf(r).FieldByName("Raw").String())})
		raw = string(b)
	}
	core := w.m.MethodByName("Core").Call(nil)[0].Interface().(*base.Core)
	return w.m.MethodByName("Wrap").Call([]reflect.Value{reflect.ValueOf(base.NewObject(core, []byte(raw)))})[0]
}

func attributes(o reflect.Value) map[string]any {
	return o.MethodByName("Attributes").Call(nil)[0].Interface().(map[string]any)
}

// walkUploadSize is the size of the uploads the walk sends.
const walkUploadSize = 100_000

// invoke calls the action's Go method on target with the context, the
// required attributes (and the hint's) when the method takes attributes,
// and no option.
func (w *actionWalker) invoke(sp *base.Spec, a *base.Action, target, obj reflect.Value, extra base.Attrs) ([]reflect.Value, error) {
	name := a.MethodName()
	m := target.MethodByName(name)
	if !m.IsValid() {
		return nil, fmt.Errorf("%s has no method %s", target.Type(), name)
	}
	args := []any{ctx}
	if mt := m.Type(); mt.NumIn() > 2 {
		switch mt.In(1) {
		case reflect.TypeOf(base.Attrs(nil)):
			attrs := w.actionAttrs(sp, a, obj)
			maps.Copy(attrs, extra)
			args = append(args, attrs)
		case reflect.TypeOf(base.Params(nil)):
			attrs := w.actionAttrs(sp, a, obj)
			maps.Copy(attrs, extra)
			args = append(args, base.Params(attrs))
		default:
			return nil, fmt.Errorf("%s.%s takes a %s: the walk does not know what to give", target.Type(), name, mt.In(1))
		}
	}
	return call(target, name, args...)
}

// actionAttrs makes up the action's required attributes (and the first of
// its exclusive ones): the object's own value for its ID attribute, a
// generated upload for the raw body and files, else a value made from the
// name (walker.value).
func (w *actionWalker) actionAttrs(sp *base.Spec, a *base.Action, obj reflect.Value) base.Attrs {
	w.n++
	names := slices.Clone(a.Attrs.Required)
	if len(a.Attrs.Exclusive) > 0 {
		names = append(names, a.Attrs.Exclusive[0])
	}
	attrs := base.Attrs{}
	for _, n := range names {
		t := a.Types.Over(sp.Types).Of(n)
		switch {
		case n == a.Body:
			attrs[n] = gitlabtest.Generated(walkUploadSize, uint64(w.n))
		case t == base.TypeFile || t == base.TypeImage:
			attrs[n] = base.FileContent{Name: fmt.Sprintf("walk-%d.bin", w.n), Data: gitlabtest.Generated(walkUploadSize, uint64(w.n))}
		case obj.IsValid() && n == sp.IDAttribute():
			attrs[n] = id(obj)
		default:
			attrs[n] = w.value(sp, n)
		}
	}
	return attrs
}

// checkUploads checks that an action's upload arrived whole: the fake's
// last upload has the generated content's size and SHA-256.
func (w *actionWalker) checkUploads(sp *base.Spec, a *base.Action, before int) error {
	upload := a.Body != ""
	for _, n := range a.Attrs.Required {
		upload = upload || a.Types.Over(sp.Types).Of(n) == base.TypeFile
	}
	if !upload {
		return nil
	}
	ups := w.srv.Uploads()
	if len(ups) != before+1 {
		return fmt.Errorf("the fake received %d uploads, want 1", len(ups)-before)
	}
	size, want := int64(walkUploadSize), gitlabtest.GeneratedSHA256(walkUploadSize, uint64(w.n))
	if w.sent != nil {
		sum := sha256.Sum256(w.sent)
		size, want = int64(len(w.sent)), hex.EncodeToString(sum[:])
	}
	u := ups[len(ups)-1]
	if u.Size != size || u.SHA256 != want || !u.Complete {
		return fmt.Errorf("the upload arrived with %d bytes, SHA-256 %s, complete %v; sent %d bytes, %s", u.Size, u.SHA256, u.Complete, size, want)
	}
	return nil
}

// check checks an action's result by its declared kind.
func (w *actionWalker) check(sp *base.Spec, a *base.Action, target, obj reflect.Value, before int, out []reflect.Value) error {
	switch a.Result {
	case base.ResultReplace:
		if a.OnManager {
			return nil
		}
		after := attributes(target)
		if len(after) <= before {
			return fmt.Errorf("the object did not take the answer: %d attributes before, %d after", before, len(after))
		}
		return nil
	case base.ResultNew:
		n := out[0]
		if n.IsNil() {
			return fmt.Errorf("no object")
		}
		of := sp
		if a.Of != "" {
			of, _ = w.reg.Lookup(a.Of)
		}
		if of.IDAttribute() != "" && id(n) == "" {
			return fmt.Errorf("the new %s has no %s: %s", of.Name, of.IDAttribute(), marshal(n))
		}
		return nil
	case base.ResultList:
		n, err := iterate(out[0])
		if err == nil && a.Of == "" && obj.IsValid() && n == 0 {
			err = fmt.Errorf("no object listed, one made")
		}
		return err
	case base.ResultDownload:
		return download(out[0].Interface().(*base.Download))
	case base.ResultRaw:
		if len(out) > 1 {
			resp := out[0].Interface().(*base.Response)
			if !json.Valid(resp.Body) || resp.StatusCode < 200 || resp.StatusCode > 299 {
				return fmt.Errorf("answer %d %q is not JSON", resp.StatusCode, resp.Body)
			}
		}
	}
	return nil
}

// iterate runs an iter.Seq2[T, error] to its end and counts the objects.
func iterate(seq reflect.Value) (int, error) {
	var ierr error
	n := 0
	yield := reflect.MakeFunc(seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		if e, _ := args[1].Interface().(error); e != nil {
			ierr = e
			return []reflect.Value{reflect.ValueOf(false)}
		}
		if args[0].IsNil() {
			ierr = errors.New("a nil object")
			return []reflect.Value{reflect.ValueOf(false)}
		}
		n++
		return []reflect.Value{reflect.ValueOf(true)}
	})
	seq.Call([]reflect.Value{yield})
	return n, ierr
}

// download reads a download to its end and closes it: the announced bytes,
// and, where the fake generated them (DefaultDownload), the right ones.
func download(d *base.Download) error {
	h := sha256.New()
	n, err := io.Copy(h, d)
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if n == 0 || d.Size >= 0 && n != d.Size {
		return fmt.Errorf("%d bytes, %d announced", n, d.Size)
	}
	u, err := url.Parse(d.URL)
	if err != nil {
		return err
	}
	if want := gitlabtest.DefaultDownload(u.EscapedPath()); n == want.Size && d.Header.Get("Content-Type") == "application/octet-stream" {
		if got, sum := hex.EncodeToString(h.Sum(nil)), gitlabtest.GeneratedSHA256(want.Size, want.Seed); got != sum {
			return fmt.Errorf("content SHA-256 %s, generated %s", got, sum)
		}
	}
	return nil
}
