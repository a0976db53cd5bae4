package main

import (
	"testing"

	"github.com/golab/gitlab/examples/internal/walk"
)

// Each step prints what its python-gitlab line says it does.
func TestEveryStepPrintsWhatItsLabelSays(t *testing.T) {
	// The label of each step (python-gitlab's line) and what its output must show.
	walk.Check(t, run, [][2]string{
		{"gl = gitlab.Gitlab(url, private_token=token); gl.auth()", `^authenticated as root \(admin: true\)$`},
		{"gitlab.Gitlab(url, oauth_token=...), gitlab.Gitlab(url, job_token=", `^OAuth and job-token clients built`},
		{"gitlab.Gitlab(url)   # anonymous", `^an anonymous client sees 1 public project\(s\)`},
		{"gl.projects.list()", `(?s)^  <Project id:\d+ .*\npage 1, next page 0, total 4`},
		{"group = gl.groups.get(group_id); group.projects.list()", `(?s)^got <Group id:\d+ .*>; the first page of its projects:\n  <GroupProject id:\d+`},
		{"gl.projects.get_create_attrs(), gl.users.get_update_attrs()", `(?s)^project create: required \[\], \d+ optional \(e\.g\. \[name .*\n` +
			`user update: required \[\], \d+ optional \(e\.g\. \[email username name\]\)$`},
		{"user = gl.users.create(", `^created <User id:\d+ username:jdoe-`},
		{"project = gl.projects.create({'name': ...}); project.attributes", `^<Project id:\d+ path_with_namespace:root/golab-quickstart-\w+> has \d+ attributes; web_url http.*, topics \[demo go\]$`},
		{"project.issues.create({'title': ...}); project.issues.list()", `^  <ProjectIssue iid:2 title:Second issue>\n  <ProjectIssue iid:1 title:First issue>$`},
		{"gl.projects.list(sort='invalid value')", `^400: sort does not have a valid value   \(operation "list", status 400\)$`},
		{"gl.user_activities.list(query_parameters={'from': '2019-01-01'})", `^\d+ user activities since 2019-01-01$`},
		{"project.description = 'Updated'; project.save()", `^description is now "Updated by the golab quickstart"; pending changes: false$`},
		{"project.star()", `^star_count: 1\nstarring again: 304: Not Modified$`},
		{"gl.projects.get(id, lazy=True).unstar()   # one request", `^requests made: 1; star_count now 0$`},
		{"project.issues.create({...}, sudo='user1')", `^project: demo/website, sudo: alice\n<ProjectIssue iid:\d+ title:Created with sudo> was authored by alice$`},
		{"gl = gitlab.Gitlab(url, private_token=..., session=my_session); gl.version()", `^GitLab 17\.5\.0-ee \(\w+\), through a custom \*http\.Client that saw 1 request\(s\)$`},
		{"project.delete()", `^deleted <Project id:\d+ .*>; getting it again: 404: 404 Project Not Found \(errors.Is ErrNotFound: true\)$`},
		{"user.delete()", `^deleted <User id:\d+ username:jdoe-\w+>\n\nDone\.$`},
	})
}
