// Command quickstart walks through python-gitlab's "Getting started with the
// API", row by row, in Go. With no configuration it starts the embedded fake
// GitLab (test/gitlabtest, with demo data); with GITLAB_URL and GITLAB_TOKEN
// set it runs against that server instead: it then works in a scratch
// project it creates and deletes, and steps that need an administrator show
// GitLab's answer when the token is not one.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/examples/internal/walk"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() { walk.Main(run) }

// run walks through the steps, printing each python-gitlab line (">>> ...")
// and then what its Go counterpart did.
func run(ctx context.Context, w *walk.Walk) error {
	// step prints the python-gitlab line a step mirrors; say prints its result.
	step, say := w.Step, w.Say
	serverURL, token, fake := w.URL, w.Token, w.Fake
	suffix := walk.RandomSuffix()

	step("gl = gitlab.Gitlab(url, private_token=token); gl.auth()   # with gitlab.Gitlab(...) as gl:")
	gl, err := gitlab.New(serverURL, gitlab.WithPrivateToken(token))
	if err != nil {
		return err
	}
	defer gl.Close()
	me, err := gl.Auth(ctx)
	if err != nil {
		return fmt.Errorf("authenticating: %w", err)
	}
	say("authenticated as %s (admin: %v)\n", me.GetString("username"), me.GetBool("is_admin"))

	step("gitlab.Gitlab(url, oauth_token=...), gitlab.Gitlab(url, job_token=os.environ['CI_JOB_TOKEN'])")
	for _, opt := range []gitlab.Option{gitlab.WithOAuthToken("an-oauth-token"), gitlab.WithJobToken(os.Getenv("CI_JOB_TOKEN"))} {
		c, err := gitlab.New(serverURL, opt)
		if err != nil {
			return err
		}
		c.Close()
	}
	say("OAuth and job-token clients built (no request is made until a call)\n")

	step("gitlab.Gitlab(url)   # anonymous")
	anon, err := gitlab.New(serverURL)
	if err != nil {
		return err
	}
	defer anon.Close()
	public, err := anon.Projects.List(ctx, gitlab.Params{"visibility": "public"})
	if err != nil {
		return err
	}
	say("an anonymous client sees %d public project(s) on the first page\n", len(public.Items))

	step("gl.projects.list()")
	page, err := gl.Projects.List(ctx, gitlab.Params{"per_page": 5})
	if err != nil {
		return err
	}
	for _, p := range page.Items {
		say("  %s\n", p)
	}
	say("page %d, next page %d, total %d (-1: GitLab did not say)\n", page.Page, page.NextPage, page.Total)

	step("group = gl.groups.get(group_id); group.projects.list()")
	groups, err := gl.Groups.List(ctx, nil)
	if err != nil {
		return err
	}
	if len(groups.Items) == 0 {
		say("no group is visible to this token\n")
	} else {
		group, err := gl.Groups.Get(ctx, groups.Items[0].ID())
		if err != nil {
			return err
		}
		projects, err := group.Projects().List(ctx, nil)
		if err != nil {
			return err
		}
		say("got %s; the first page of its projects:\n", group)
		for _, p := range projects.Items {
			say("  %s\n", p)
		}
	}

	step("gl.projects.get_create_attrs(), gl.users.get_update_attrs()")
	ca, ua := gl.Projects.GetCreateAttrs(), gl.Users.GetUpdateAttrs()
	say("project create: required %v, %d optional (e.g. %v)\n", ca.Required, len(ca.Optional), firstN(ca.Optional, 3))
	say("user update: required %v, %d optional (e.g. %v)\n", ua.Required, len(ua.Optional), firstN(ua.Optional, 3))

	step("user = gl.users.create({'email': ..., 'username': ..., 'name': ..., 'password': ...})")
	user, err := gl.Users.Create(ctx, gitlab.Attrs{
		"email": "jdoe-" + suffix + "@example.com", "username": "jdoe-" + suffix,
		"name": "John Doe", "password": "A-long-Pa55word-" + suffix,
	})
	if err != nil {
		say("GitLab refused: %v\n", err)
	} else {
		say("created %s\n", user)
	}

	step("project = gl.projects.create({'name': ...}); project.attributes")
	project, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "golab quickstart " + suffix, "path": "golab-quickstart-" + suffix,
		"visibility": "private", "initialize_with_readme": true, "topics": []string{"demo", "go"}})
	if err != nil {
		return err
	}
	attrs := project.Attributes()
	say("%s has %d attributes; web_url %v, topics %v\n", project, len(attrs), attrs["web_url"], project.GetStrings("topics"))

	step("project.issues.create({'title': ...}); project.issues.list()")
	for _, title := range []string{"First issue", "Second issue"} {
		if _, err := project.Issues().Create(ctx, gitlab.Attrs{"title": title, "labels": []string{"quickstart"}}); err != nil {
			return err
		}
	}
	issues, err := project.Issues().List(ctx, gitlab.Params{"labels": []string{"quickstart"}})
	if err != nil {
		return err
	}
	for _, i := range issues.Items {
		say("  %s\n", i)
	}

	step("gl.projects.list(sort='invalid value')")
	_, err = gl.Projects.List(ctx, gitlab.Params{"sort": "invalid value"})
	var apiErr *gitlab.Error
	if errors.As(err, &apiErr) {
		say("%v   (operation %q, status %d)\n", err, apiErr.Op, apiErr.StatusCode)
	}

	step("gl.user_activities.list(query_parameters={'from': '2019-01-01'})")
	acts, err := gl.UserActivities.List(ctx, nil, gitlab.WithQuery(url.Values{"from": {"2019-01-01"}}))
	if err != nil {
		say("GitLab refused: %v\n", err)
	} else {
		say("%d user activities since 2019-01-01\n", len(acts.Items))
	}

	step("project.description = 'Updated'; project.save()")
	if err := project.Set("description", "Updated by the golab quickstart"); err != nil {
		return err
	}
	if err := project.Save(ctx); err != nil {
		return err
	}
	say("description is now %q; pending changes: %v\n", project.GetString("description"), project.Dirty())

	step("project.star()   # twice: the second answer is GitLab's 304")
	if err := project.Star(ctx); err != nil {
		return err
	}
	say("star_count: %d\n", project.GetInt("star_count"))
	if err := project.Star(ctx); errors.Is(err, gitlab.ErrNotModified) {
		say("starring again: %v\n", err)
	}

	step("gl.projects.get(id, lazy=True).unstar()   # one request")
	before := requestCount(fake)
	lazy := gl.Projects.Lazy(project.ID())
	if err := lazy.Unstar(ctx); err != nil {
		return err
	}
	if fake != nil {
		say("requests made: %d; star_count now %d\n", requestCount(fake)-before, lazy.GetInt("star_count"))
	} else {
		say("star_count now %d\n", lazy.GetInt("star_count"))
	}

	step("project.issues.create({...}, sudo='user1')")
	// On the fake, alice is a member of demo/website; elsewhere, sudo as ourselves.
	sudoUser, target := me.GetString("username"), project
	if fake != nil {
		sudoUser, target = "alice", gl.Projects.Lazy("demo/website")
	}
	say("project: %s, sudo: %s\n", target.ID(), sudoUser)
	issue, err := target.Issues().Create(ctx, gitlab.Attrs{"title": "Created with sudo"}, gitlab.WithSudo(sudoUser))
	if err != nil {
		say("GitLab refused: %v\n", err)
	} else {
		say("%s was authored by %s\n", issue, issue.Lookup("author.username").String())
	}

	step("gl = gitlab.Gitlab(url, private_token=..., session=my_session); gl.version()   # a custom session")
	var seen atomic.Int64
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})}
	custom, err := gitlab.New(serverURL, gitlab.WithPrivateToken(token), gitlab.WithHTTPClient(hc))
	if err != nil {
		return err
	}
	defer custom.Close()
	version, revision, err := custom.Version(ctx)
	if err != nil {
		return err
	}
	say("GitLab %s (%s), through a custom *http.Client that saw %d request(s)\n", version, revision, seen.Load())

	step("project.delete()")
	if err := project.Delete(ctx); err != nil {
		return err
	}
	_, err = gl.Projects.Get(ctx, project.ID())
	say("deleted %s; getting it again: %v (errors.Is ErrNotFound: %v)\n", project, err, errors.Is(err, gitlab.ErrNotFound))

	step("user.delete()")
	if user == nil {
		say("no user was created above\n")
	} else {
		if err := user.Delete(ctx); err != nil {
			return err
		}
		say("deleted %s\n", user)
	}
	say("\nDone.\n")
	return nil
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func requestCount(fake *gitlabtest.Server) int {
	if fake == nil {
		return 0
	}
	return fake.RequestCount()
}

// firstN returns at most the first n names.
func firstN(names []string, n int) []string { return names[:min(n, len(names))] }
