// Package walk runs the walk-through examples (quickstart, graphql): each
// step prints the python-gitlab line it mirrors (">>> ..."), then what its
// Go counterpart did; they run against GITLAB_URL and GITLAB_TOKEN, or
// else against the embedded fake GitLab with its demo data. Check verifies
// such a walk-through's output in its test.
package walk

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// Walk is a running walk-through: where it prints and which server it uses.
type Walk struct {
	out   io.Writer
	URL   string
	Token string
	Fake  *gitlabtest.Server // nil when GITLAB_URL is set
}

// Start picks the server: getenv("GITLAB_URL") with getenv("GITLAB_TOKEN"),
// or, when GITLAB_URL is empty, a fake GitLab with demo data (and its
// administrator's token), which Close stops.
func Start(out io.Writer, getenv func(string) string) (*Walk, error) {
	w := &Walk{out: out, URL: getenv("GITLAB_URL"), Token: getenv("GITLAB_TOKEN")}
	if w.URL != "" {
		return w, nil
	}
	fake, err := gitlabtest.New(gitlabtest.WithSeed())
	if err != nil {
		return nil, err
	}
	w.Fake, w.URL, w.Token = fake, fake.URL(), gitlabtest.DefaultAdminToken
	w.Say("No GITLAB_URL set: using the embedded fake GitLab at %s\n", w.URL)
	return w, nil
}

// Main is a walk-through's main: it runs run on the server Start picks,
// printing to standard output, and exits with the error run returns.
func Main(run func(context.Context, *Walk) error) {
	w, err := Start(os.Stdout, os.Getenv)
	if err != nil {
		log.Fatal(err)
	}
	err = run(context.Background(), w)
	w.Close()
	if err != nil {
		log.Fatal(err)
	}
}

// Close stops the fake GitLab, if one was started.
func (w *Walk) Close() {
	if w.Fake != nil {
		w.Fake.Close()
	}
}

// Step prints the python-gitlab line the next step mirrors.
func (w *Walk) Step(python string) { fmt.Fprintf(w.out, "\n>>> %s\n", python) }

// Say prints what a step did.
func (w *Walk) Say(format string, args ...any) { fmt.Fprintf(w.out, format, args...) }

// RandomSuffix names the scratch objects of one run.
func RandomSuffix() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Check runs a walk-through against the fake GitLab (GITLAB_URL and
// GITLAB_TOKEN unset) and checks that it has exactly the steps of want,
// each printing what its label says: want holds, for each step, the start
// of its label and a regular expression its output must match.
func Check(t *testing.T, run func(context.Context, *Walk) error, want [][2]string) {
	t.Helper()
	for _, k := range []string{"GITLAB_URL", "GITLAB_TOKEN", "CI_JOB_TOKEN"} {
		t.Setenv(k, "")
	}
	var out strings.Builder
	w, err := Start(&out, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := run(context.Background(), w); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	steps := strings.Split(out.String(), "\n>>> ")[1:]
	if len(steps) != len(want) {
		t.Fatalf("%d steps, want %d:\n%s", len(steps), len(want), out.String())
	}
	for i, step := range steps {
		label, output, _ := strings.Cut(strings.TrimRight(step, "\n"), "\n")
		if !strings.HasPrefix(label, want[i][0]) {
			t.Errorf("step %d is %q, want %q", i+1, label, want[i][0])
			continue
		}
		if !regexp.MustCompile(want[i][1]).MatchString(output) {
			t.Errorf("step %q printed:\n%s\nwant it to match %s", label, output, want[i][1])
		}
	}
}
