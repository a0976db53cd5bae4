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
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	if err := run(context.Background()); err != nil {
		log.Fatal(err)
	}
}

// step prints the python-gitlab line a step mirrors.
func step(python string) { fmt.Printf("\n>>> %s\n", python) }

func run(ctx context.Context) error {
	serverURL, token := os.Getenv("GITLAB_URL"), os.Getenv("GITLAB_TOKEN")
	var fake *gitlabtest.Server
	if serverURL == "" {
		var err error
		if fake, err = gitlabtest.New(gitlabtest.WithSeed()); err != nil {
			return err
		}
		defer fake.Close()
		serverURL, token = fake.URL(), gitlabtest.DefaultAdminToken
		fmt.Println("No GITLAB_URL set: using the embedded fake GitLab at", serverURL)
	}
	suffix := randomSuffix()

	step("gl = gitlab.Gitlab(url, private_token=token)   # with gitlab.Gitlab(...) as gl:")
	gl, err := gitlab.New(serverURL, gitlab.WithPrivateToken(token))
	if err != nil {
		return err
	}
	defer gl.Close()
	me, err := gl.Auth(ctx)
	if err != nil {
		return fmt.Errorf("authenticating: %w", err)
	}
	fmt.Printf("authenticated as %s (admin: %v)\n", me.GetString("username"), me.GetBool("is_admin"))

	step("gitlab.Gitlab(url, oauth_token=...), gitlab.Gitlab(url, job_token=os.environ['CI_JOB_TOKEN'])")
	for _, opt := range []gitlab.Option{gitlab.WithOAuthToken("an-oauth-token"), gitlab.WithJobToken(os.Getenv("CI_JOB_TOKEN"))} {
		c, err := gitlab.New(serverURL, opt)
		if err != nil {
			return err
		}
		c.Close()
	}
	fmt.Println("OAuth and job-token clients built (no request is made until a call)")

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
	fmt.Printf("an anonymous client sees %d public projects on the first page\n", len(public.Items))

	step("gl.projects.list()")
	page, err := gl.Projects.List(ctx, gitlab.Params{"per_page": 5})
	if err != nil {
		return err
	}
	for _, p := range page.Items {
		fmt.Printf("  %s\n", p)
	}
	fmt.Printf("page %d, next page %d, total %d (-1: GitLab did not say)\n", page.Page, page.NextPage, page.Total)

	step("group = gl.groups.get(2); group.projects.list()")
	groups, err := gl.Groups.List(ctx, nil)
	if err != nil {
		return err
	}
	if len(groups.Items) == 0 {
		fmt.Println("no group is visible to this token")
	} else {
		group, err := gl.Groups.Get(ctx, groups.Items[0].ID())
		if err != nil {
			return err
		}
		projects, err := gitlab.Collect(group.Projects().All(ctx, nil))
		if err != nil {
			return err
		}
		fmt.Printf("%s has %d projects\n", group, len(projects))
	}

	step("gl.projects.get_create_attrs(), gl.users.get_update_attrs()")
	ca := gl.Projects.GetCreateAttrs()
	fmt.Printf("project create: required %v, %d optional (e.g. %v)\n", ca.Required, len(ca.Optional), ca.Optional[:3])
	fmt.Printf("issue create: required %v\n", gl.Projects.Lazy(1).Issues().GetCreateAttrs().Required)

	step("user = gl.users.create({'email': ..., 'username': ..., 'name': ..., 'password': ...})")
	user, err := gl.Users.Create(ctx, gitlab.Attrs{
		"email": "jdoe-" + suffix + "@example.com", "username": "jdoe-" + suffix,
		"name": "John Doe", "password": "A-long-Pa55word-" + suffix,
	})
	if err != nil {
		fmt.Println("GitLab refused:", err)
	} else {
		fmt.Printf("created %s\n", user)
	}

	step("project = gl.projects.create({'name': ...}); project.attributes")
	project, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "golab quickstart " + suffix, "path": "golab-quickstart-" + suffix,
		"visibility": "private", "initialize_with_readme": true, "topics": []string{"demo", "go"}})
	if err != nil {
		return err
	}
	attrs := project.Attributes()
	fmt.Printf("%s has %d attributes; web_url %v, topics %v\n", project, len(attrs), attrs["web_url"], project.GetStrings("topics"))

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
		fmt.Printf("  %s\n", i)
	}

	step("gl.projects.list(sort='invalid value')")
	_, err = gl.Projects.List(ctx, gitlab.Params{"sort": "invalid value"})
	var apiErr *gitlab.Error
	if errors.As(err, &apiErr) {
		fmt.Printf("%v   (operation %q, status %d)\n", err, apiErr.Op, apiErr.StatusCode)
	}

	step("gl.user_activities.list(query_parameters={'from': '2019-01-01'})")
	acts, err := gl.UserActivities.List(ctx, nil, gitlab.WithQuery(url.Values{"from": {"2019-01-01"}}))
	if err != nil {
		fmt.Println("GitLab refused:", err)
	} else {
		fmt.Printf("%d user activities since 2019-01-01\n", len(acts.Items))
	}

	step("project.description = 'Updated'; project.save()")
	if err := project.Set("description", "Updated by the golab quickstart"); err != nil {
		return err
	}
	if err := project.Save(ctx); err != nil {
		return err
	}
	fmt.Printf("description is now %q; pending changes: %v\n", project.GetString("description"), project.Dirty())

	step("project.star()")
	if err := project.Star(ctx); err != nil {
		return err
	}
	fmt.Printf("star_count: %d\n", project.GetInt("star_count"))
	if err := project.Star(ctx); errors.Is(err, gitlab.ErrNotModified) {
		fmt.Println("starring again:", err)
	}

	step("gl.projects.get(id, lazy=True).unstar()   # one request")
	before := requestCount(fake)
	lazy := gl.Projects.Lazy(project.ID())
	if err := lazy.Unstar(ctx); err != nil {
		return err
	}
	if fake != nil {
		fmt.Printf("requests made: %d; star_count now %d\n", requestCount(fake)-before, lazy.GetInt("star_count"))
	} else {
		fmt.Printf("star_count now %d\n", lazy.GetInt("star_count"))
	}

	step("project.issues.create({...}, sudo='user1')")
	// On the fake, alice is a member of demo/website; elsewhere, sudo as ourselves.
	sudoUser, target := me.GetString("username"), project
	if fake != nil {
		sudoUser, target = "alice", gl.Projects.Lazy("demo/website")
	}
	issue, err := target.Issues().Create(ctx, gitlab.Attrs{"title": "Created with sudo"}, gitlab.WithSudo(sudoUser))
	if err != nil {
		fmt.Println("GitLab refused:", err)
	} else {
		fmt.Printf("%s was authored by %s\n", issue, issue.Lookup("author.username").String())
	}

	step("gitlab.Gitlab(url, private_token=..., session=my_session)   # a custom session")
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
	fmt.Printf("GitLab %s (%s), through a custom *http.Client that saw %d request(s)\n", version, revision, seen.Load())

	step("project.delete()")
	if err := project.Delete(ctx); err != nil {
		return err
	}
	_, err = gl.Projects.Get(ctx, project.ID())
	fmt.Printf("deleted %s; getting it again: %v (errors.Is ErrNotFound: %v)\n", project, err, errors.Is(err, gitlab.ErrNotFound))
	if user != nil {
		if err := user.Delete(ctx); err != nil {
			return err
		}
		fmt.Printf("deleted %s\n", user)
	}
	fmt.Println("\nDone.")
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

func randomSuffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
