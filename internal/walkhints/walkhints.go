// Package walkhints holds what the registry walks (managers/walk_test.go
// through the typed managers, cli/walk_test.go through the command line)
// must know of GitLab's semantics beyond the declarations, so that both
// walks make the same requests of the fake GitLab, which implements those
// semantics: attribute values GitLab requires where python-gitlab declares
// them optional, objects a create refers to, and the action GitLab requires
// before a delete. Nothing else uses it.
package walkhints

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// Create are attribute values GitLab's semantics need on a create beyond
// the declaration, by manager; "" asks the walk to make a fresh value up.
var Create = map[string]map[string]any{
	// https://docs.gitlab.com/api/users/#create-a-user: email, username, name and a password.
	"user": {"email": "", "username": "", "name": "", "password": "secret-password"},
	// https://docs.gitlab.com/api/projects/#create-a-project: name or path;
	// a repository with a main branch, for the branches and files below.
	"project": {"name": "", "initialize_with_readme": true},
	// https://docs.gitlab.com/api/project_forks/#fork-a-project: a new name
	// and path, or the fork is taken in the same namespace.
	"project_fork": {"name": "", "path": ""},
	// https://docs.gitlab.com/api/repository_files/#create-new-file-in-repository: an existing branch.
	"project_file": {"branch": "main"},
	// https://docs.gitlab.com/api/project_push_rules/#add-a-project-push-rule: at least one rule.
	"project_push_rules": {"deny_delete_tag": true},
	// https://docs.gitlab.com/api/releases/#create-a-release: a ref for a tag that does not exist yet.
	"project_release": {"ref": "main"},
	// https://docs.gitlab.com/api/snippets/#create-new-snippet: files, each a path and a content.
	"snippet":         {"files": []map[string]any{{"file_path": "a.txt", "content": "walk"}}},
	"project_snippet": {"files": []map[string]any{{"file_path": "a.txt", "content": "walk"}}},
	// https://docs.gitlab.com/api/features/#set-or-create-a-feature: true, false or a percentage.
	"feature": {"value": true},
	// https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions:
	// an existing branch and real file actions.
	"project_commit": {"branch": "main", "actions": []map[string]any{{"action": "update", "file_path": "README.md", "content": "walk"}}},
	// https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit: a
	// valid state; statuses are listed by name, the latest of each.
	"project_commit_status": {"state": "success", "name": ""},
	// https://docs.gitlab.com/api/user_keys/#add-a-gpg-key: an armored public key block.
	"user_gpg_key":         {"key": gpgKey},
	"current_user_gpg_key": {"key": gpgKey},
	// https://docs.gitlab.com/api/pipelines/#create-a-new-pipeline: an existing ref.
	"project_pipeline": {"ref": "main"},
	// https://docs.gitlab.com/api/deployments/#create-a-deployment: a status GitLab knows, a boolean tag.
	"project_deployment": {"status": "running", "tag": false},
	// https://docs.gitlab.com/api/deploy_tokens/#create-a-project-deploy-token: deploy token scopes.
	"project_deploy_token": {"scopes": []string{"read_repository"}},
	"group_deploy_token":   {"scopes": []string{"read_repository"}},
	// https://docs.gitlab.com/api/user_tokens/#create-a-personal-access-token-for-a-user,
	// #create-an-impersonation-token: scopes GitLab knows.
	"user_personal_access_token": {"scopes": []string{"api"}},
	"user_impersonation_token":   {"scopes": []string{"api"}},
	// https://docs.gitlab.com/api/runners/#create-a-runner: a registration token.
	"runner": {"token": gitlabtest.RunnerRegistrationToken},
	// https://docs.gitlab.com/api/pipeline_schedules/#create-a-new-pipeline-schedule: a cron expression.
	"project_pipeline_schedule": {"cron": "0 1 * * *"},
	// https://docs.gitlab.com/api/resource_groups/#edit-an-existing-resource-group: a process mode.
	"project_resource_group": {"process_mode": "oldest_first"},
}

const gpgKey = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZfake\n-----END PGP PUBLIC KEY BLOCK-----"

// Prepare makes what a create needs beyond its attributes, by manager:
// other objects GitLab checks exist. path is the manager's path with its
// parents filled in (as the API takes it, without /api/v4); the answer
// are attributes to add to the create.
var Prepare = map[string]func(ctx context.Context, gl *gitlab.Client, path string) (map[string]any, error){
	// Another issue of the project to link to
	// (https://docs.gitlab.com/api/issue_links/#create-an-issue-link).
	"project_issue_link": func(ctx context.Context, gl *gitlab.Client, path string) (map[string]any, error) {
		issues := path[:strings.LastIndex(path, "/issues/")+len("/issues")]
		target, err := gl.HTTPPost(ctx, issues, map[string]any{"title": fmt.Sprintf("target-%d", seq.Add(1))})
		if err != nil {
			return nil, err
		}
		return map[string]any{"target_project_id": target.JSON().Get("project_id").Int(), "target_issue_iid": target.JSON().Get("iid").Int()}, nil
	},
	// A project runner of another project, to assign to the walk's project
	// (https://docs.gitlab.com/api/runners/#assign-a-runner-to-project).
	"project_runner": func(ctx context.Context, gl *gitlab.Client, _ string) (map[string]any, error) {
		home, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": fmt.Sprintf("runner-home-%d", seq.Add(1))})
		if err != nil {
			return nil, err
		}
		r, err := gl.Runners.Create(ctx, gitlab.Attrs{"token": home.GetString("runners_token")})
		if err != nil {
			return nil, err
		}
		return map[string]any{"runner_id": r.GetInt("id")}, nil
	},
	// The merge request's source branch, which its pipeline runs on
	// (https://docs.gitlab.com/api/merge_requests/#create-merge-request-pipeline).
	"project_merge_request_pipeline": func(ctx context.Context, gl *gitlab.Client, path string) (map[string]any, error) {
		mrPath := strings.TrimSuffix(path, "/pipelines")
		mr, err := gl.HTTPGet(ctx, mrPath, nil)
		if err != nil {
			return nil, err
		}
		branches := mrPath[:strings.Index(mrPath, "/merge_requests/")] + "/repository/branches"
		src := mr.JSON().Get("source_branch").String()
		if _, err := gl.HTTPGet(ctx, branches+"/"+src, nil); err == nil {
			return nil, nil
		}
		_, err = gl.HTTPPost(ctx, branches, map[string]any{"branch": src, "ref": "main"})
		return nil, err
	},
}

var seq atomic.Int64

// BeforeDelete names the object action (python-gitlab's name) GitLab
// requires before a delete: an environment must be stopped
// (https://docs.gitlab.com/api/environments/#delete-an-environment).
var BeforeDelete = map[string]string{"project_environment": "stop"}

// Change names, by manager, the attribute an update changes where the
// first optional update attribute is not one the fake stores or GitLab
// requires another (a deployment's update needs its status:
// https://docs.gitlab.com/api/deployments/#update-a-deployment).
var Change = map[string]string{
	"project": "description", "group": "description", "user": "name", "project_issue": "description",
	"project_merge_request": "description", "project_variable": "value", "project_issue_note": "body",
	"project_file": "branch", "project_label": "description", "group_label": "description",
	"project_protected_branch": "allow_force_push", "group_protected_branch": "allow_force_push",
	// https://docs.gitlab.com/api/wikis/#edit-an-existing-wiki-page: a new title moves the page to a new slug.
	"project_wiki": "content", "group_wiki": "content",
	"group_variable": "value", "variable": "value", "project_hook": "url", "group_hook": "url",
	"project_deployment": "status",
}
