package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return "exit " + strconv.Itoa(r.code) + "\nstdout:\n" + r.stdout + "\nstderr:\n" + r.stderr
}

// connEnv are the variables that choose the connection: cleared by each
// test, so that the machine's own settings never leak in.
var connEnv = []string{
	"GITLAB_URL", "GITLAB_PRIVATE_TOKEN", "GITLAB_OAUTH_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN",
	"CI_SERVER_URL", "CI_API_V4_URL", "PYTHON_GITLAB_CFG", "GITLAB_SSL_VERIFY", "GITLAB_TIMEOUT",
	"GITLAB_API_VERSION", "GITLAB_PER_PAGE", "GITLAB_PAGINATION", "GITLAB_ORDER_BY",
	"GITLAB_USER_AGENT", "GITLAB_VERBOSE", "GITLAB_DEBUG", "GITLAB_SKIP_LOGIN",
	"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
}

// cleanEnv clears the connection variables and gives the test a home
// without configuration files.
func cleanEnv(t *testing.T) {
	t.Helper()
	for _, k := range connEnv {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	t.Setenv("HOME", t.TempDir())
}

// fakeEnv starts a fake GitLab and points the environment at it as its
// administrator.
func fakeEnv(t *testing.T, opts ...gitlabtest.Option) *gitlabtest.Server {
	t.Helper()
	cleanEnv(t)
	srv := gitlabtest.NewServer(t, opts...)
	t.Setenv("GITLAB_URL", srv.URL())
	t.Setenv("GITLAB_PRIVATE_TOKEN", gitlabtest.DefaultAdminToken)
	return srv
}

// run runs the command in-process with the built-in registry.
func run(t *testing.T, args ...string) result {
	t.Helper()
	return runProgram(t, &Program{}, args...)
}

func runProgram(t *testing.T, p *Program, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	p.Stdout, p.Stderr = &out, &errOut
	if p.Stdin == nil {
		p.Stdin = strings.NewReader("")
	}
	code := p.Run(context.Background(), args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// mustRun runs the command and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	r := run(t, args...)
	if r.code != ExitOK || r.stderr != "" {
		t.Fatalf("gitlab %s:\n%s", strings.Join(args, " "), r)
	}
	return r.stdout
}

// client is a library client of the fake, to set up and check state.
func client(t *testing.T, srv *gitlabtest.Server) *gitlab.Client {
	t.Helper()
	gl, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { gl.Close() })
	return gl
}

// buildEnv is the environment the tests started with: go build needs its
// HOME (the module and build caches), which tests replace.
var buildEnv = os.Environ()

// program is a command built once for the tests that need a process.
type program struct {
	once sync.Once
	dir  string
	err  error
	out  []byte
}

var built = map[string]*program{
	"github.com/golab/gitlab/cmd/gitlab":           {},
	"github.com/golab/gitlab/cli/testdata/peakrss": {},
}

// binary builds cmd/gitlab once (CGO_ENABLED=0, as shipped) and returns
// its path, for the tests that need a real process.
func binary(t *testing.T) string { return buildCmd(t, "github.com/golab/gitlab/cmd/gitlab") }

// buildCmd builds the command of package pkg once and returns its path.
func buildCmd(t *testing.T, pkg string) string {
	t.Helper()
	b := built[pkg]
	b.once.Do(func() {
		b.dir, b.err = os.MkdirTemp("", "gitlab-cli-test")
		if b.err != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(b.dir, "gitlab"), pkg)
		cmd.Env = append(buildEnv, "CGO_ENABLED=0")
		b.out, b.err = cmd.CombinedOutput()
	})
	if b.err != nil {
		t.Fatalf("building %s: %v\n%s", pkg, b.err, b.out)
	}
	return filepath.Join(b.dir, "gitlab")
}

// runBinary runs the built command as a process with the test's environment.
func runBinary(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, b := range built {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
	os.Exit(code)
}
