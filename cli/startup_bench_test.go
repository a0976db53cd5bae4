package cli

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

// BenchmarkStartup measures whole processes, start to exit, against the
// fake GitLab (cmd/gitlab-fake, a process of its own): the baseline (cli/testdata/httpget, a plain Go program
// sending one GET with net/http), "gitlab --version", and "gitlab project
// get --id 1" (start-up to the first request and its answer printed). The
// three run in turn in each iteration, so that a change of the machine's
// load touches all alike; the metrics are medians, in milliseconds of wall
// time and of CPU time (user + system), and the ratios to the baseline's
// wall time. All three are built as shipped: CGO_ENABLED=0, -trimpath,
// -ldflags=-s -w.
//
//	go test -run '^$' -bench Startup -benchtime 300x ./cli
//
// REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE are removed from the environment:
// with them the library reads the whole CA bundle when the client is made,
// even for an http:// URL, which the baseline never does. get-cabundle-ms
// measures the command with REQUESTS_CA_BUNDLE set to the system bundle.
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	build := func(name, pkg string) string {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
		cmd.Env = append(buildEnv, "CGO_ENABLED=0")
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s: %v\n%s", pkg, err, msg)
		}
		return out
	}
	baseline := build("httpget", "github.com/golab/gitlab/cli/testdata/httpget")
	gitlabBin := build("gitlab", "github.com/golab/gitlab/cmd/gitlab")

	// The fake runs as a process of its own (cmd/gitlab-fake, with its demo
	// data: project 1 is demo/website), not in this one's runtime.
	fake := exec.Command(build("gitlab-fake", "github.com/golab/gitlab/cmd/gitlab-fake"), "-seed")
	stdout, err := fake.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := fake.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = fake.Process.Kill(); _ = fake.Wait() }()
	url, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatal(err)
	}
	url = strings.TrimSpace(url)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + b.TempDir(), "GITLAB_URL=" + url,
		"GITLAB_PRIVATE_TOKEN=" + gitlabtest.DefaultAdminToken}
	bundle := "/etc/ssl/certs/ca-certificates.crt"
	if _, err := os.Stat(bundle); err != nil {
		bundle = ""
	}
	runs := []struct {
		name string
		args []string
		env  []string
	}{
		{"baseline", []string{baseline, url + "/api/v4/projects/1"}, env},
		{"version", []string{gitlabBin, "--version"}, env},
		{"get", []string{gitlabBin, "project", "get", "--id", "1"}, env},
	}
	if bundle != "" {
		runs = append(runs, struct {
			name string
			args []string
			env  []string
		}{"get-cabundle", []string{gitlabBin, "project", "get", "--id", "1"}, append(slices.Clone(env), "REQUESTS_CA_BUNDLE="+bundle)})
	}
	wall := make([][]float64, len(runs))
	cpu := make([][]float64, len(runs))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, r := range runs {
			cmd := exec.Command(r.args[0], r.args[1:]...)
			cmd.Env = r.env
			start := time.Now()
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v: %v\n%s", r.args, err, out)
			}
			wall[j] = append(wall[j], float64(time.Since(start))/1e6)
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu[j] = append(cpu[j], float64((ru.Utime.Nano()+ru.Stime.Nano()))/1e6)
		}
	}
	b.StopTimer()
	base := median(wall[0])
	for j, r := range runs {
		b.ReportMetric(median(wall[j]), r.name+"-ms")
		b.ReportMetric(median(cpu[j]), r.name+"-cpu-ms")
		if j > 0 {
			b.ReportMetric(median(wall[j])/base, r.name+"-x")
		}
	}
	b.ReportMetric(0, "ns/op")
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
