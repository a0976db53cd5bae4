package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// writeConfig writes a python-gitlab configuration file.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gitlab.cfg")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// lastAuth is the credential header of the last request the fake got.
func lastAuth(srv *gitlabtest.Server) string {
	reqs := srv.Requests()
	if len(reqs) == 0 {
		return "no request"
	}
	h := reqs[len(reqs)-1].Header
	for _, k := range []string{"Private-Token", "Job-Token", "Authorization"} {
		if v := h.Get(k); v != "" {
			return k
		}
	}
	return "anonymous"
}

func TestConfigFiles(t *testing.T) {
	cleanEnv(t)
	srv := gitlabtest.NewServer(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	cfg := writeConfig(t, `[global]
default = fake
timeout = 5
per_page = 7

[fake]
url = `+srv.URL()+`
private_token = `+gitlabtest.DefaultAdminToken+`

[broken]
url = http://127.0.0.1:1
private_token = nothing-listens-here
`)
	for _, args := range [][]string{{"-c", cfg}, {"--config-file", cfg, "-g", "fake"}, {"--config-file=" + cfg, "--gitlab=fake"}} {
		srv.ResetRequests()
		out := mustRun(t, append(args, "project", "list")...)
		if out != "id: 1\npath_with_namespace: root/app\n\n" {
			t.Errorf("%v: %q", args, out)
		}
		if q := srv.Requests()[0].Query; q.Get("per_page") != "7" || lastAuth(srv) != "Private-Token" {
			t.Errorf("%v: per_page of [global] and the token of [fake]: %v, %s", args, q, lastAuth(srv))
		}
	}
	// PYTHON_GITLAB_CFG names the file when -c does not.
	t.Setenv("PYTHON_GITLAB_CFG", cfg)
	mustRun(t, "project", "get", "--id", "1")
	// The section chosen with -g is used: this one points nowhere.
	if r := run(t, "-g", "broken", "project", "get", "--id", "1"); r.code != ExitFailure || !strings.HasPrefix(r.stderr, "Impossible to get object (") {
		t.Errorf("-g broken: %s", r)
	}
	// Options and variables win over the files.
	srv2 := gitlabtest.NewServer(t)
	srv2.AddProject(gitlabtest.Project{Name: "other"})
	if out := mustRun(t, "--server-url", srv2.URL(), "project", "get", "--id", "1"); !strings.Contains(out, "root/other") {
		t.Errorf("--server-url: %q", out)
	}
	t.Setenv("GITLAB_URL", srv2.URL())
	if out := mustRun(t, "project", "get", "--id", "1"); !strings.Contains(out, "root/other") {
		t.Errorf("GITLAB_URL: %q", out)
	}
	t.Setenv("GITLAB_PER_PAGE", "3")
	srv2.ResetRequests()
	mustRun(t, "project", "list")
	if q := srv2.Requests()[0].Query; q.Get("per_page") != "3" {
		t.Errorf("GITLAB_PER_PAGE: %v", q)
	}

	// Errors of the files: one line naming the file, exit 1.
	for _, c := range []struct{ args []string }{
		{[]string{"-c", filepath.Join(t.TempDir(), "missing.cfg")}},
		{[]string{"-c", cfg, "-g", "nosuchsection"}},
		{[]string{"-c", writeConfig(t, "[global]\ndefault = x\n[x]\nurl = http://h\nper_page = 500\n")}},
	} {
		r := run(t, append(c.args, "project", "list")...)
		if r.code != ExitFailure || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "gitlab: config") {
			t.Errorf("%v: %s", c.args, r)
		}
	}
}

func TestCredentials(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app", Visibility: "public"})
	srv.AddToken("root", "oauth-secret", gitlabtest.OAuthToken)
	srv.AddToken("root", "job-secret", gitlabtest.JobToken)
	cfg := writeConfig(t, "[global]\ndefault = f\n[f]\nurl = "+srv.URL()+"\noauth_token = oauth-secret\n")
	get := func(args ...string) string {
		t.Helper()
		srv.ResetRequests()
		mustRun(t, append(args, "project", "get", "--id", "1")...)
		return lastAuth(srv)
	}
	if got := get(); got != "Private-Token" {
		t.Errorf("GITLAB_PRIVATE_TOKEN: %s", got)
	}
	// A private token from the environment wins over the file's OAuth token.
	if got := get("-c", cfg); got != "Private-Token" {
		t.Errorf("env private token over the file: %s", got)
	}
	t.Setenv("GITLAB_PRIVATE_TOKEN", "")
	if got := get("-c", cfg); got != "Authorization" {
		t.Errorf("the file's oauth token: %s", got)
	}
	// An option given on the command line is used alone.
	if got := get("-c", cfg, "--job-token", "job-secret"); got != "Job-Token" {
		t.Errorf("--job-token: %s", got)
	}
	if got := get("--oauth-token", "oauth-secret"); got != "Authorization" {
		t.Errorf("--oauth-token: %s", got)
	}
	if r := run(t, "--private-token", "a", "--oauth-token", "b", "project", "list"); r.code != ExitUsage {
		t.Errorf("two token options: %s", r)
	}
	// In a CI job: CI_JOB_TOKEN goes to the CI server, never to another one.
	t.Setenv("GITLAB_URL", "")
	t.Setenv("CI_SERVER_URL", srv.URL())
	t.Setenv("CI_JOB_TOKEN", "job-secret")
	if got := get(); got != "Job-Token" {
		t.Errorf("CI job: %s", got)
	}
	other := gitlabtest.NewServer(t)
	other.AddProject(gitlabtest.Project{Name: "pub", Visibility: "public"})
	other.ResetRequests()
	mustRun(t, "--server-url", other.URL(), "project", "get", "--id", "1")
	if got := lastAuth(other); got != "anonymous" {
		t.Errorf("the job token went to another server: %s", got)
	}
}

func TestGlobalOptionValues(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--timeout", "soon"}, `--timeout: "soon" is not a whole number of seconds`},
		{[]string{"--api-version", "3"}, `--api-version: "3" is not supported`},
		{[]string{"--per-page", "500"}, `--per-page: "500" is not a number from 1 to 100`},
		{[]string{"--ssl-verify", "x", "--no-ssl-verify"}, "none of the others can be"},
	} {
		r := run(t, append(c.args, "project", "list")...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: %s", c.args, r)
		}
	}
	t.Setenv("GITLAB_TIMEOUT", "x")
	if r := run(t, "project", "list"); r.code != ExitUsage || !strings.Contains(r.stderr, "--timeout") {
		t.Errorf("GITLAB_TIMEOUT: %s", r)
	}
	t.Setenv("GITLAB_TIMEOUT", "")
	srv.ResetRequests()
	mustRun(t, "--user-agent", "my-agent/1", "--order-by", "id", "--pagination", "keyset", "--skip-login", "--no-mask-credentials", "project", "list", "--no-get-all")
	req := srv.Requests()[0]
	if req.Header.Get("User-Agent") != "my-agent/1" || req.Query.Get("order_by") != "id" || req.Query.Get("pagination") != "keyset" {
		t.Errorf("request %v %v", req.Header, req.Query)
	}
	if n := srv.RequestCount(); n != 1 {
		t.Errorf("%d requests: no login request is made", n)
	}
	// A CA bundle that cannot be read is an error of the configuration.
	if r := run(t, "--ssl-verify", filepath.Join(t.TempDir(), "none.pem"), "project", "list"); r.code != ExitFailure || !strings.Contains(r.stderr, "none.pem") {
		t.Errorf("--ssl-verify missing file: %s", r)
	}
	mustRun(t, "--ssl-verify", "true", "project", "list")
	mustRun(t, "--no-ssl-verify", "project", "list")
}

func TestTLS(t *testing.T) {
	cleanEnv(t)
	srv := gitlabtest.NewServer(t, gitlabtest.WithTLS())
	srv.AddProject(gitlabtest.Project{Name: "app"})
	t.Setenv("GITLAB_PRIVATE_TOKEN", gitlabtest.DefaultAdminToken)
	r := run(t, "--server-url", srv.URL(), "project", "get", "--id", "1")
	if r.code != ExitFailure || !strings.Contains(r.stderr, "certificate") {
		t.Errorf("an unknown CA: %s", r)
	}
	mustRun(t, "--server-url", srv.URL(), "--ssl-verify", srv.CACertFile(), "project", "get", "--id", "1")
	t.Setenv("GITLAB_SSL_VERIFY", srv.CACertFile())
	mustRun(t, "--server-url", srv.URL(), "project", "get", "--id", "1")
	t.Setenv("GITLAB_SSL_VERIFY", "")
	cfg := writeConfig(t, "[global]\ndefault = f\nssl_verify = "+srv.CACertFile()+"\n[f]\nurl = "+srv.URL()+"\n")
	mustRun(t, "-c", cfg, "project", "get", "--id", "1")
}

func TestDebugMasksCredentials(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	for _, args := range [][]string{{"-d"}, {"--debug"}} {
		r := run(t, append(args, "project", "get", "--id", "1")...)
		if r.code != 0 || !strings.Contains(r.stderr, "level=DEBUG") || !strings.Contains(r.stderr, "/api/v4/projects/1") {
			t.Errorf("%v: %s", args, r)
		}
		if strings.Contains(r.stderr, gitlabtest.DefaultAdminToken) || !strings.Contains(r.stderr, "[MASKED]") {
			t.Errorf("%v: the token is not masked:\n%s", args, r.stderr)
		}
	}
	t.Setenv("GITLAB_DEBUG", "true")
	if r := run(t, "project", "get", "--id", "1"); !strings.Contains(r.stderr, "level=DEBUG") {
		t.Errorf("GITLAB_DEBUG: %s", r)
	}
}
