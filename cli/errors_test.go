package cli

import (
	"bufio"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

const secretToken = "glpat-never-print-me-42"

// errorCases are command lines that fail, with the exit status and the one
// line they must print (a prefix when it ends with "(").
func errorCases(deadURL string) []struct {
	args []string
	code int
	line string
} {
	return []struct {
		args []string
		code int
		line string
	}{
		{[]string{"project", "get", "--id", "404"}, ExitFailure, "Impossible to get object (404: 404 Project Not Found)"},
		{[]string{"project", "delete", "--id", "404"}, ExitFailure, "Impossible to destroy object (404: 404 Project Not Found)"},
		{[]string{"project", "update", "--id", "404", "--name", "x"}, ExitFailure, "Impossible to update object (404: 404 Project Not Found)"},
		{[]string{"project", "create", "--name", "app"}, ExitFailure, "Impossible to create object (400: name: has already been taken; path: has already been taken)"},
		{[]string{"--private-token", secretToken, "project", "list"}, ExitFailure, "Impossible to list objects (401: 401 Unauthorized)"},
		{[]string{"--server-url", deadURL, "--private-token", secretToken, "project", "list"}, ExitFailure, "Impossible to list objects ("},
		{[]string{}, ExitUsage, "gitlab: error: a resource is required (gitlab --help lists them)"},
		{[]string{"projet", "list"}, ExitUsage, `gitlab: error: unknown resource "projet" (did you mean project?); gitlab --help lists the resources`},
		{[]string{"project"}, ExitUsage, "gitlab: error: project: an action is required: "},
		{[]string{"project", "explode"}, ExitUsage, `gitlab: error: project: unknown action "explode" (actions: `},
		{[]string{"project", "get"}, ExitUsage, `gitlab: error: required flag(s) "id" not set`},
		{[]string{"project", "get", "--id", "1", "--nope"}, ExitUsage, "gitlab: error: unknown flag: --nope"},
		{[]string{"project", "get", "--id", "1", "extra"}, ExitUsage, `gitlab: error: project get: unexpected argument "extra" (attributes are given as --name value)`},
		{[]string{"--private-token", secretToken, "-o", "html", "project", "list"}, ExitUsage, `gitlab: error: -o/--output: "html" is not one of`},
		{[]string{"project", "create", "--name", "a", "--path", "b", "--namespace-id"}, ExitUsage, "gitlab: error: flag needs an argument: --namespace-id"},
	}
}

func TestErrorsAndExitStatus(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	for _, c := range errorCases("http://127.0.0.1:1") {
		r := run(t, c.args...)
		checkError(t, c.args, r, c.code, c.line)
	}
	// A cancelled run (SIGINT in Main) says so and exits 130.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var p Program
	var out, errOut strings.Builder
	p.Stdout, p.Stderr = &out, &errOut
	if code := p.Run(ctx, []string{"project", "list"}); code != ExitInterrupted || errOut.String() != "gitlab: interrupted\n" {
		t.Errorf("interrupted: %d %q", code, errOut.String())
	}
}

// checkError checks a failed run: its status, its one line, and that it
// shows neither a Go stack trace nor a credential.
func checkError(t *testing.T, args []string, r result, code int, line string) {
	t.Helper()
	got := strings.TrimSuffix(r.stderr, "\n")
	ok := got == line || strings.HasSuffix(line, "(") && strings.HasPrefix(got, line) ||
		strings.HasSuffix(line, ": ") && strings.HasPrefix(got, line) || strings.HasSuffix(line, "not one of") && strings.HasPrefix(got, line)
	if r.code != code || !ok || strings.Contains(got, "\n") || r.stdout != "" {
		t.Errorf("gitlab %s: want exit %d and %q\n%s", strings.Join(args, " "), code, line, r)
	}
	for _, bad := range []string{"goroutine ", "panic", ".go:", secretToken, gitlabtest.DefaultAdminToken} {
		if strings.Contains(r.stderr+r.stdout, bad) {
			t.Errorf("gitlab %s printed %q:\n%s", strings.Join(args, " "), bad, r)
		}
	}
}

func TestErrorsOfTheProcess(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app"})
	for _, c := range errorCases("http://127.0.0.1:1") {
		checkError(t, c.args, runBinary(t, c.args...), c.code, c.line)
	}
	if r := runBinary(t, "project", "get", "--id", "1"); r.code != 0 || r.stdout != "id: 1\npath_with_namespace: root/app\n" {
		t.Errorf("success: %s", r)
	}
}

func TestInterruptOfTheProcess(t *testing.T) {
	srv := fakeEnv(t)
	// The request is held until the server closes; SIGINT must end the run.
	srv.AddFault(gitlabtest.Fault{Path: "/projects", Delay: 30e9})
	cmd := exec.Command(binary(t), "project", "list")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stderr).ReadString('\n')
		lines <- line
		done <- cmd.Wait()
	}()
	for srv.RequestCount() == 0 { // wait for the request: the command is then waiting for GitLab
		select {
		case err := <-done:
			t.Fatalf("the command ended before its request: %v", err)
		default:
			time.Sleep(time.Millisecond)
		}
	}
	_ = cmd.Process.Signal(syscall.SIGINT)
	line := <-lines
	err = <-done
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != ExitInterrupted || line != "gitlab: interrupted\n" {
		t.Errorf("after SIGINT: %v, %q", err, line)
	}
}

func TestCompletion(t *testing.T) {
	cleanEnv(t)
	for shell, want := range map[string]string{"bash": "__start_gitlab", "zsh": "#compdef gitlab", "fish": "complete -c gitlab", "powershell": "Register-ArgumentCompleter"} {
		if out := mustRun(t, "completion", shell); !strings.Contains(out, want) {
			t.Errorf("completion %s lacks %q", shell, want)
		}
	}
	complete := func(args ...string) string {
		t.Helper()
		r := run(t, append([]string{"__complete"}, args...)...)
		if r.code != 0 {
			t.Fatalf("__complete %v: %s", args, r)
		}
		return r.stdout
	}
	out := complete("project-iss")
	if !strings.Contains(out, "project-issue\t") || !strings.Contains(out, "project-issue-note\t") || strings.Contains(out, "\ngroup") {
		t.Errorf("resources: %s", out)
	}
	out = complete("project", "")
	for _, want := range []string{"list\t", "get\t", "create\t", "star\t"} {
		if !strings.Contains(out, want) {
			t.Errorf("actions lack %q: %s", want, out)
		}
	}
	// Required options first, then the others.
	out = complete("-o", "json", "project-issue", "create", "--")
	if !strings.Contains(out, "--project-id\t") || !strings.Contains(out, "--title\t") {
		t.Errorf("required options: %s", out)
	}
	out = complete("-o", "json", "project-issue", "create", "--project-id", "1", "--title", "t", "--")
	if !strings.Contains(out, "--labels\t") || !strings.Contains(out, "--description\t") {
		t.Errorf("options: %s", out)
	}
}
