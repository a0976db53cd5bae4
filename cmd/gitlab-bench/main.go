// Command gitlab-bench measures golab/gitlab against a hand-written
// net/http + gjson client (internal/benchbase) as whole processes: it
// builds the client programs (./golab, ./baseline, and ./resty: the same
// hand-written client on resty, for startup and gets), serves a fake
// GitLab (package gitlabtest) from this process, runs each scenario in a
// fresh process of each client, and reports the medians of their CPU time
// (rusage user + system), peak RSS (rusage maxrss), the heap they sampled,
// the TCP connections they opened (counted by the fake's listener) and
// their wall time, with the ratios ours/baseline.
//
//	go run ./cmd/gitlab-bench                        # every scenario, 5 runs each
//	go run ./cmd/gitlab-bench -scenarios iterate,list -runs 9
//	go run ./cmd/gitlab-bench -callgrind -runs 1     # instructions executed, under valgrind
//	go run ./cmd/gitlab-bench -serve                 # serve the fakes, to run ./golab -cpuprofile by hand
//
// Scenarios (BENCHMARKS.md):
//   - startup: create a client and exit (gitlab.New against a bare
//     net/http client);
//   - iterate: read one attribute of each of 20,000 projects of 5 KB,
//     per_page 100, keeping none (All; scan: the streaming form);
//   - list: collect all 20,000;
//   - gets: 10,000 GETs of single projects from 16 goroutines;
//   - prefetch: iterate over 10,000 projects, per_page 50 (200 pages, with
//     X-Total-Pages), every answer delayed 20 ms by the fake.
//
// With -callgrind each client runs under valgrind --tool=callgrind, which
// counts the instructions it executes: a measure the load of the machine
// does not change (the clients are built with CGO_ENABLED=0 and run with
// GODEBUG=asyncpreemptoff=1, which valgrind needs).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/golab/gitlab/internal/benchrun"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gitlab-bench:", err)
		os.Exit(1)
	}
}

// variant is one client program run with its arguments.
type variant struct {
	name     string
	program  string // "golab", "baseline" or "resty"
	args     []string
	baseline bool // the variant the others are compared with
}

// scenario is what the clients do, on which server.
type scenario struct {
	name     string
	slow     bool // on the server whose answers are delayed
	items    int  // objects each run must read (0: not checked)
	variants []variant
}

func scenarios() []scenario {
	base := func(args ...string) variant {
		return variant{name: "baseline", program: "baseline", args: args, baseline: true}
	}
	ours := func(name string, args ...string) variant { return variant{name: name, program: "golab", args: args} }
	// resty: a hand-written client on resty (what the library is built on): the floor of its cost.
	resty := func(args ...string) variant {
		return variant{name: "resty + gjson, by hand", program: "resty", args: args}
	}
	return []scenario{
		{name: "startup", variants: []variant{base(), resty(), ours("golab")}},
		{name: "iterate", items: 20000, variants: []variant{base(), ours("golab All"),
			ours("golab Scan", "-scenario", "scan"), ours("golab Scan, one page at a time", "-scenario", "scan", "-window", "1")}},
		{name: "list", items: 20000, variants: []variant{base(), ours("golab")}},
		{name: "gets", variants: []variant{base("-conns", "16"), resty("-conns", "16"), ours("golab", "-conns", "16")}},
		{name: "prefetch", slow: true, items: 10000, variants: []variant{
			base("-per-page", "50"),
			ours("golab sequential", "-per-page", "50", "-window", "1"),
			ours("golab default window", "-per-page", "50"),
			ours("golab window 8", "-per-page", "50", "-window", "8"),
		}},
	}
}

// sample is one run of one variant.
type sample struct {
	cpu    time.Duration // user + system
	rss    int64         // peak RSS, KiB (the client's VmHWM: rusage's maxrss inherits the parent's across fork and exec)
	conns  int64         // TCP connections accepted by the fake
	wall   time.Duration // the scenario's own duration, as the client timed it
	peak   uint64        // largest heap the client sampled
	alloc  uint64
	instrs int64 // instructions (callgrind)
	items  int
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("gitlab-bench", flag.ContinueOnError)
	only := fs.String("scenarios", "", "comma-separated scenarios to run (default: all)")
	runs := fs.Int("runs", 5, "runs of each variant; the medians are reported")
	fixture := fs.String("project", "testdata/project.json", "the JSON of one project, copied 20,000 times")
	callgrind := fs.Bool("callgrind", false, "count instructions with valgrind --tool=callgrind")
	keep := fs.String("bin", "", "build the client programs into this directory (default: a temporary one)")
	serve := fs.Bool("serve", false, "only serve the fake GitLabs (20,000 projects; 10,000 answered 20 ms late) and print their API URLs, "+
		"to run a client program by hand (with -cpuprofile)")
	noBuild := fs.Bool("nobuild", false, "run the client programs already in -bin (built from another commit, say)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	raw, err := os.ReadFile(*fixture)
	if err != nil {
		return err
	}
	if *serve {
		fast, err := startFake(raw, 20000, false)
		if err != nil {
			return err
		}
		slow, err := startFake(raw, 10000, true)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "-api %s\n-api %s (delayed)\n", fast.api, slow.api)
		select {}
	}
	dir := *keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "gitlab-bench"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	for _, p := range []string{"golab", "baseline", "resty"} {
		if *noBuild {
			break
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, p), "./cmd/gitlab-bench/"+p)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s (run from the module's root): %w", p, err)
		}
	}

	var fast, slow *fake
	defer func() {
		for _, f := range []*fake{fast, slow} {
			if f != nil {
				f.close()
			}
		}
	}()
	for _, sc := range scenarios() {
		if *only != "" && !slices.Contains(strings.Split(*only, ","), sc.name) {
			continue
		}
		srv := &fast
		n := 20000
		if sc.slow {
			srv, n = &slow, 10000
		}
		if *srv == nil {
			if *srv, err = startFake(raw, n, sc.slow); err != nil {
				return err
			}
		}
		results := make([][]sample, len(sc.variants))
		for range *runs {
			// Variants alternate within each round, so that a change in the
			// machine's load falls on all of them alike.
			for i, v := range sc.variants {
				s, err := runOnce(filepath.Join(dir, v.program), sc, v, *srv, *callgrind)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", sc.name, v.name, err)
				}
				results[i] = append(results[i], s)
			}
		}
		report(out, sc, results, *runs, *callgrind)
	}
	return nil
}

// fake is a fake GitLab served on a listener that counts connections.
type fake struct {
	api   string
	conns *atomic.Int64
	stop  func()
	srv   *gitlabtest.Server
}

func (f *fake) close() { f.stop(); f.srv.Close() }

// startFake serves n copies of the project; slow answers every list page
// 20 ms late (the fake's Delay fault).
func startFake(project []byte, n int, slow bool) (*fake, error) {
	srv := gitlabtest.NewUnstarted()
	srv.AddProjectsFromJSON(project, n)
	if slow {
		srv.AddFault(gitlabtest.Fault{Method: http.MethodGet, Path: "/projects", Delay: 20 * time.Millisecond, Times: 1 << 30})
	}
	url, conns, stop, err := benchrun.Serve(srv.Handler())
	if err != nil {
		return nil, err
	}
	return &fake{api: url + "/api/v4", conns: conns, stop: stop, srv: srv}, nil
}

var collected = regexp.MustCompile(`Collected : (\d+)`)

// runOnce runs one client process and reads its rusage and result line.
func runOnce(bin string, sc scenario, v variant, f *fake, callgrind bool) (sample, error) {
	args := append([]string{"-scenario", sc.name, "-api", f.api, "-token", gitlabtest.DefaultAdminToken}, v.args...)
	cmd := exec.Command(bin, args...)
	if callgrind {
		cmd = exec.Command("valgrind", append([]string{"--tool=callgrind", "--callgrind-out-file=/dev/null", bin}, args...)...)
		cmd.Env = append(os.Environ(), "GODEBUG=asyncpreemptoff=1")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	before := f.conns.Load()
	err := cmd.Run()
	conns := f.conns.Load() - before
	if err != nil {
		return sample{}, fmt.Errorf("%w: %s%s", err, stdout.String(), tail(stderr.String()))
	}
	var r struct {
		Items   int    `json:"items"`
		Ordered bool   `json:"ordered"`
		Peak    uint64 `json:"peak"`
		Alloc   uint64 `json:"alloc"`
		WallNS  int64  `json:"wall_ns"`
		HWM     int64  `json:"hwm_kib"`
	}
	line := strings.TrimSpace(stdout.String())
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		return sample{}, fmt.Errorf("reading %q: %w", line, err)
	}
	if sc.items > 0 && (r.Items != sc.items || !r.Ordered) {
		return sample{}, fmt.Errorf("read %d objects (ordered: %v), want each of %d once, in order", r.Items, r.Ordered, sc.items)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, errors.New("no rusage on this system")
	}
	s := sample{
		cpu:   time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		rss:   r.HWM,
		conns: conns,
		wall:  time.Duration(r.WallNS),
		peak:  r.Peak,
		alloc: r.Alloc,
		items: r.Items,
	}
	if callgrind {
		m := collected.FindStringSubmatch(stderr.String())
		if m == nil {
			return sample{}, fmt.Errorf("no instruction count from valgrind: %s", tail(stderr.String()))
		}
		s.instrs, _ = strconv.ParseInt(m[1], 10, 64)
	}
	return s, nil
}

func tail(s string) string {
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return s
}

// median of the values get takes from the samples.
func median[T int64 | uint64 | time.Duration](ss []sample, get func(sample) T) T {
	vs := make([]T, len(ss))
	for i, s := range ss {
		vs[i] = get(s)
	}
	slices.Sort(vs)
	n := len(vs)
	if n%2 == 1 {
		return vs[n/2]
	}
	return (vs[n/2-1] + vs[n/2]) / 2
}

// report prints one scenario's table of medians and ratios to the baseline.
func report(out io.Writer, sc scenario, results [][]sample, runs int, callgrind bool) {
	var ref []sample
	for i, v := range sc.variants {
		if v.baseline {
			ref = results[i]
		}
	}
	ratio := func(a, b float64) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f×", a/b)
	}
	fmt.Fprintf(out, "\n%s (medians of %d runs)\n\n", sc.name, runs)
	head := "| client | CPU ms | ×  | peak RSS MiB | × | peak heap MiB | × | allocated MiB | connections | wall ms |"
	sep := "|---|---|---|---|---|---|---|---|---|---|"
	if callgrind {
		head += " instructions (M) | × |"
		sep += "---|---|"
	}
	fmt.Fprintln(out, head)
	fmt.Fprintln(out, sep)
	mib := func(b float64) string { return fmt.Sprintf("%.1f", b/(1<<20)) }
	for i, v := range sc.variants {
		ss := results[i]
		cpu := median(ss, func(s sample) time.Duration { return s.cpu })
		rss := median(ss, func(s sample) int64 { return s.rss })
		peak := median(ss, func(s sample) uint64 { return s.peak })
		fmt.Fprintf(out, "| %s | %.1f | %s | %s | %s | %s | %s | %s | %d | %.1f |",
			v.name,
			float64(cpu)/1e6, ratio(float64(cpu), float64(median(ref, func(s sample) time.Duration { return s.cpu }))),
			mib(float64(rss)*1024), ratio(float64(rss), float64(median(ref, func(s sample) int64 { return s.rss }))),
			mib(float64(peak)), ratio(float64(peak), float64(median(ref, func(s sample) uint64 { return s.peak }))),
			mib(float64(median(ss, func(s sample) uint64 { return s.alloc }))),
			median(ss, func(s sample) int64 { return s.conns }),
			float64(median(ss, func(s sample) time.Duration { return s.wall }))/1e6)
		if callgrind {
			in := median(ss, func(s sample) int64 { return s.instrs })
			fmt.Fprintf(out, " %.1f | %s |", float64(in)/1e6, ratio(float64(in), float64(median(ref, func(s sample) int64 { return s.instrs }))))
		}
		fmt.Fprintln(out)
	}
}
