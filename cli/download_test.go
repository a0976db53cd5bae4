package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/test/gitlabtest"
)

// rawFileRegistry declares the raw repository file endpoint as an action,
// as a program can for an endpoint the built-in declarations lack:
// gitlab project-file raw --project-id P --file-path F --ref R.
func rawFileRegistry(t *testing.T) *gitlab.Registry {
	t.Helper()
	reg := gitlab.NewRegistry()
	err := reg.Extend("project_file", func(s *gitlab.Spec) {
		s.Actions = append(s.Actions, gitlab.Action{Name: "raw", Method: "GET",
			Attrs: gitlab.RequiredOptional{Optional: []string{"ref", "lfs"}}, Result: gitlab.ResultRaw})
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// addFile stores a file in a project's repository, through the library.
func addFile(t *testing.T, srv *gitlabtest.Server, project, path string, content []byte) {
	t.Helper()
	gl := client(t, srv)
	files := base.NewDynamic(base.PathCore(gl, gl.Registry(), "project_file", map[string]string{"project_id": project}))
	_, err := files.Create(context.Background(), gitlab.Attrs{"file_path": path, "branch": "main",
		"content": base64.StdEncoding.EncodeToString(content), "encoding": "base64", "commit_message": "add " + path})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDownload(t *testing.T) {
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app", DefaultBranch: "main"})
	// Bytes that look like JSON at first: a download is written as it came,
	// never reformatted as data.
	content := append([]byte(`{"a": 1}`+"\n"), randomBytes(1<<20)...)
	addFile(t, srv, "root/app", "dist/data.bin", content)
	p := func() *Program { return &Program{Registry: rawFileRegistry(t)} }
	args := []string{"project-file", "raw", "--project-id", "root/app", "--file-path", "dist/data.bin", "--ref", "main"}

	r := runProgram(t, p(), args...)
	if r.code != 0 || r.stderr != "" || !bytes.Equal([]byte(r.stdout), content) {
		t.Fatalf("to stdout: exit %d, %d bytes, stderr %q", r.code, len(r.stdout), r.stderr)
	}
	if got := srv.Requests()[len(srv.Requests())-1]; got.Path != "/api/v4/projects/root%2Fapp/repository/files/dist%2Fdata.bin/raw" || got.Query.Get("ref") != "main" {
		t.Errorf("request %s %v", got.Path, got.Query)
	}

	file := filepath.Join(t.TempDir(), "out.bin")
	r = runProgram(t, p(), append(args, "--output-file", file)...)
	got, err := os.ReadFile(file)
	if r.code != 0 || r.stdout != "" || r.stderr != "" || err != nil || !bytes.Equal(got, content) {
		t.Fatalf("to a file: %s (%v, %d bytes)", r, err, len(got))
	}

	// On a terminal, a progress bar on standard error, erased at the end.
	yes := true
	prog := p()
	prog.terminal = &yes
	r = runProgram(t, prog, append(args, "--output-file", file)...)
	if r.code != 0 || !strings.Contains(r.stderr, "downloading [") || !strings.Contains(r.stderr, "100% 1.0 MiB of 1.0 MiB") ||
		!strings.HasSuffix(r.stderr, "\r\x1b[K") {
		t.Errorf("progress: %q", r.stderr)
	}

	// Errors: the file that cannot be written, the download that fails.
	r = runProgram(t, p(), append(args, "--output-file", filepath.Join(t.TempDir(), "no", "dir", "x"))...)
	if r.code != ExitFailure || !strings.HasPrefix(r.stderr, "gitlab: cannot write the download (") {
		t.Errorf("unwritable file: %s", r)
	}
	r = runProgram(t, p(), "project-file", "raw", "--project-id", "root/app", "--file-path", "missing", "--ref", "main")
	if r.code != ExitFailure || r.stderr != "Impossible to run action raw (404: 404 File Not Found)\n" {
		t.Errorf("missing file: %s", r)
	}
}

func TestProgressWithoutSize(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, size: -1}
	for i := 0; i < 3; i++ {
		_, _ = p.Write(make([]byte, 1<<20))
	}
	p.done()
	if got := b.String(); got != "\rdownloading 1.0 MiB\rdownloading 2.0 MiB\rdownloading 3.0 MiB\r\x1b[K" {
		t.Errorf("%q", got)
	}
}

// TestStreamedDownload100MiB downloads 100 MiB through the command as a
// process and checks that the process never holds it: its peak resident
// memory stays far below the download's size.
func TestStreamedDownload100MiB(t *testing.T) {
	t.Skip("blocked on issue 11: the library reads every answer whole into memory (Client.Do returns the body as []byte); " +
		"once it streams downloads, the command's copyOut takes the stream and this test holds")
	srv := fakeEnv(t)
	srv.AddProject(gitlabtest.Project{Name: "app", DefaultBranch: "main"})
	const size = 100 << 20
	body := randomBytes(size)
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/1/repository/files/big.bin/raw", Status: 200,
		ContentType: "application/octet-stream", Body: string(body)})
	file := filepath.Join(t.TempDir(), "big.bin")
	cmd := exec.Command(buildCmd(t, "github.com/golab/gitlab/cli/testdata/rawcli"), "project-file", "raw", "--project-id", "1", "--file-path", "big.bin", "--output-file", file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("%d bytes written, want %d (%v)", len(got), size, err)
	}
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	if peak > 48<<20 {
		t.Errorf("peak resident memory %d MiB for a %d MiB download", peak>>20, size>>20)
	}
}

func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}
