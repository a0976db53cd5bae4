package gitlabtest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Webhooks of projects (https://docs.gitlab.com/api/project_webhooks/),
// groups (https://docs.gitlab.com/api/group_webhooks/) and the instance's
// system hooks (https://docs.gitlab.com/api/system_hooks/): items of
// project_hook, group_hook and hook, and their test actions.

// hookEvents are the event flags of each kind of hook, with their
// defaults (push events on, the others off).
var (
	projectHookEvents = []string{"push_events", "tag_push_events", "issues_events", "confidential_issues_events",
		"merge_requests_events", "note_events", "confidential_note_events", "job_events", "pipeline_events",
		"wiki_page_events", "deployment_events", "releases_events", "feature_flag_events", "emoji_events",
		"resource_access_token_events"}
	groupHookEvents  = append(slices.Clone(projectHookEvents), "subgroup_events", "member_events", "project_events")
	systemHookEvents = []string{"push_events", "tag_push_events", "merge_requests_events", "repository_update_events"}
)

// webhookHooks check the URL, set the event flags (defaults, then those
// given), keep the secret token unshown, and for system hooks need an
// administrator.
func webhookHooks(events []string, system bool) *hooks {
	apply := func(c *call, obj map[string]any) *apiError {
		if v, ok := c.p.str("url"); ok {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return fieldErr("url", "is blocked: Only allowed schemes are http, https")
			}
			obj["url"] = v
		}
		for _, k := range append(slices.Clone(events), "enable_ssl_verification") {
			v, ok, e := c.p.boolean(k)
			if e != nil {
				return e
			}
			if ok {
				obj[k] = v
			}
		}
		for _, k := range []string{"name", "description", "push_events_branch_filter", "branch_filter_strategy", "custom_webhook_template"} {
			if v, ok := c.p.str(k); ok {
				obj[k] = v
			}
		}
		delete(obj, "token") // write-only (https://docs.gitlab.com/api/project_webhooks/#add-a-webhook-to-a-project)
		delete(obj, "wiki_events")
		return nil
	}
	h := &hooks{
		notFound: notFound("Hook"),
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			for _, k := range events {
				obj[k] = k == "push_events"
			}
			obj["enable_ssl_verification"], obj["name"], obj["description"] = true, "", ""
			if !system {
				for k, v := range map[string]any{"alert_status": "executable", "disabled_until": nil, "url_variables": []any{},
					"push_events_branch_filter": nil, "branch_filter_strategy": "wildcard", "custom_webhook_template": nil,
					"custom_headers": []any{}} {
					obj[k] = v
				}
			} else {
				obj["url_variables"] = []any{}
			}
			return apply(c, obj)
		},
		update: updateWith(apply),
	}
	if system {
		h.canRead, h.canWrite = adminRead, adminWrite
	}
	return h
}

func (s *Server) registerWebhookRoutes() {
	s.handle("POST /projects/{id}/hooks/{hook_id}/test/{trigger}", s.testProjectHook, needAuth)
	s.handle("POST /groups/{id}/hooks/{hook_id}/test/{trigger}", s.testGroupHook, needAuth)
	s.handle("POST /hooks/{hook_id}", s.testSystemHook, adminOnly)
}

// hookTriggers are the events a hook test can send.
var hookTriggers = []string{"push_events", "tag_push_events", "issues_events", "confidential_issues_events",
	"note_events", "confidential_note_events", "merge_requests_events", "job_events", "pipeline_events",
	"wiki_page_events", "releases_events", "emoji_events", "resource_access_token_events"}

// testProjectHook: https://docs.gitlab.com/api/project_webhooks/#trigger-a-test-project-webhook
// (201 {"message":"201 Created"}; 422 with GitLab's message when the
// project has nothing to build the event from; 400 for an unknown
// trigger).
func (s *Server) testProjectHook(c *call) *apiError {
	if !slices.Contains(hookTriggers, c.args[2]) {
		return errErr(http.StatusBadRequest, "trigger does not have a valid value")
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	if col := s.collOf("project_hook", pid(p)); col == nil || col.byKey[c.args[1]] == nil {
		return notFound("Hook")
	}
	if msg := s.hookTestData(p, c.args[2]); msg != "" {
		return msgErr(http.StatusUnprocessableEntity, msg)
	}
	return c.value(http.StatusCreated, map[string]any{"message": "201 Created"})
}

// hookTestNeeds say what a test event of a project is made of, and
// GitLab's complaint without it.
var hookTestNeeds = map[string]struct {
	msg string
	has func(s *Server, p *project) bool
}{
	"push_events":                {"Ensure the project has at least one commit.", hasCommits},
	"tag_push_events":            {"Ensure the project has at least one commit.", hasCommits},
	"issues_events":              {"Ensure the project has issues.", func(_ *Server, p *project) bool { return hasItems(p.issues) }},
	"confidential_issues_events": {"Ensure the project has issues.", func(_ *Server, p *project) bool { return hasItems(p.issues) }},
	"merge_requests_events":      {"Ensure the project has merge requests.", func(_ *Server, p *project) bool { return hasItems(p.mrs) }},
	"note_events":                {"Ensure the project has notes.", stored("project_issue_note", "project_merge_request_note")},
	"confidential_note_events":   {"Ensure the project has notes.", stored("project_issue_note", "project_merge_request_note")},
	"emoji_events":               {"Ensure the project has notes.", stored("project_issue_note", "project_merge_request_note")},
	"job_events":                 {"Ensure the project has CI jobs.", stored("project_job")},
	"pipeline_events":            {"Ensure the project has CI pipelines.", stored("project_pipeline")},
	"wiki_page_events":           {"Ensure the wiki is enabled and has pages.", stored("project_wiki")},
	"releases_events":            {"Ensure the project has releases.", stored("project_release")},
}

func hasCommits(s *Server, p *project) bool { return len(s.repoOf(p).branches) > 0 }

func hasItems(col *coll) bool { return col != nil && len(col.items) > 0 }

// stored reports whether the store holds objects of the declarations
// under the project.
func stored(specs ...string) func(s *Server, p *project) bool {
	return func(s *Server, p *project) bool {
		for _, spec := range specs {
			prefix := kindOf(spec).path + "|" + pid(p)
			for key, col := range s.st.colls {
				if (key == prefix || strings.HasPrefix(key, prefix+"|")) && hasItems(col) {
					return true
				}
			}
		}
		return false
	}
}

// hookTestData is GitLab's complaint when the project lacks what a test
// event is made of, "" when it has it.
func (s *Server) hookTestData(p *project, trigger string) string {
	if need, ok := hookTestNeeds[trigger]; ok && !need.has(s, p) {
		return need.msg
	}
	return ""
}

// testGroupHook: https://docs.gitlab.com/api/group_webhooks/#trigger-a-test-group-hook
// (201 {"message":"201 Created"}).
func (s *Server) testGroupHook(c *call) *apiError {
	if !slices.Contains(hookTriggers, c.args[2]) {
		return errErr(http.StatusBadRequest, "trigger does not have a valid value")
	}
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	if !s.canWriteGroup(c.user, g) {
		return errForbidden
	}
	if col := s.collOf("group_hook", anyString(g.id)); col == nil || col.byKey[c.args[1]] == nil {
		return notFound("Hook")
	}
	return c.value(http.StatusCreated, map[string]any{"message": "201 Created"})
}

// testSystemHook: https://docs.gitlab.com/api/system_hooks/#test-system-hook
// (the sample project_create event GitLab sends; 201).
func (s *Server) testSystemHook(c *call) *apiError {
	if col := s.collOf("hook"); col == nil || col.byKey[c.args[0]] == nil {
		return notFound("Hook")
	}
	return c.value(http.StatusCreated, map[string]any{"project_id": 1, "owner_email": "example@gitlabhq.com",
		"owner_name": "Someone", "name": "Ruby", "path": "ruby", "event_name": "project_create"})
}
