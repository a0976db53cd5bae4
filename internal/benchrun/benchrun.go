// Package benchrun is what the client programs of cmd/gitlab-bench share:
// their flags, the heap sampling and the result line they print. It
// imports nothing of this module beyond the standard library, so that the
// hand-written baseline program carries none of the library.
package benchrun

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Flags are the arguments the driver gives a client program.
type Flags struct {
	Scenario string // startup, iterate, scan, list, gets, prefetch
	API      string // the fake's API URL, http://127.0.0.1:port/api/v4
	Token    string
	PerPage  int
	Gets     int // gets: requests in all
	Conns    int // gets: goroutines (and the baseline's idle pool)
	Window   int // prefetch: pages in flight (0: the library's default)
	Profile  string
}

// Parse reads the flags of os.Args.
func Parse() Flags {
	var f Flags
	flag.StringVar(&f.Scenario, "scenario", "", "startup, iterate, scan, list, gets or prefetch")
	flag.StringVar(&f.API, "api", "", "API URL of the fake GitLab")
	flag.StringVar(&f.Token, "token", "", "private token")
	flag.IntVar(&f.PerPage, "per-page", 100, "page size of lists")
	flag.IntVar(&f.Gets, "gets", 10000, "gets: requests in all")
	flag.IntVar(&f.Conns, "conns", 16, "gets: goroutines sending them")
	flag.IntVar(&f.Window, "window", 0, "prefetch: pages in flight (0: default, 1: sequential)")
	flag.StringVar(&f.Profile, "cpuprofile", "", "write a CPU profile of the scenario to this file")
	flag.Parse()
	profile = f.Profile
	return f
}

// Result is what a client program prints, as one JSON line.
type Result struct {
	Items   int    `json:"items"`   // objects read
	Ordered bool   `json:"ordered"` // every ID seen once, increasing
	Bytes   int    `json:"bytes"`   // bytes of the attribute read from each object
	Peak    uint64 `json:"peak"`    // largest heap sampled (bytes of live and dead objects)
	Alloc   uint64 `json:"alloc"`   // bytes allocated in all
	GCs     uint32 `json:"gcs"`
	WallNS  int64  `json:"wall_ns"` // the scenario's own duration
	HWM     int64  `json:"hwm_kib"` // peak RSS (VmHWM), KiB
	Err     string `json:"err,omitempty"`
}

// Heap samples the heap's size; Sample is cheap (no stop-the-world).
type Heap struct {
	s    []metrics.Sample
	peak uint64
}

// NewHeap returns a sampler.
func NewHeap() *Heap {
	return &Heap{s: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
}

// Sample notes the heap's current size.
func (h *Heap) Sample() {
	metrics.Read(h.s)
	if v := h.s[0].Value.Uint64(); v > h.peak {
		h.peak = v
	}
}

// Order checks that IDs come once each, increasing.
type Order struct {
	last int64
	bad  bool
}

// See notes one ID.
func (o *Order) See(id int64) {
	if id <= o.last {
		o.bad = true
	}
	o.last = id
}

// OK reports whether every ID so far was larger than the one before.
func (o *Order) OK() bool { return !o.bad }

// Parallel runs total calls of fn over n goroutines; fn gets the call's
// number (from 0) and its goroutine's number.
func Parallel(n, total int, fn func(i, worker int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < total; i += n {
				if err := fn(i, w); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Gets sends f.Gets GETs over f.Conns goroutines: get(i, worker) fetches
// the project i%1000+1 and returns the length of the attribute it read.
// It fills in r's items and bytes.
func Gets(f Flags, r *Result, get func(i, worker int) (int, error)) error {
	sizes := make([]int, f.Conns)
	err := Parallel(f.Conns, f.Gets, func(i, w int) error {
		n, err := get(i, w)
		sizes[w] += n
		return err
	})
	for _, n := range sizes {
		r.Bytes += n
	}
	r.Items, r.Ordered = f.Gets, true
	return err
}

// profile is the -cpuprofile file.
var profile string

// Run times body, fills in the heap figures and prints the result line;
// the process exits 1 when body fails.
func Run(h *Heap, body func(r *Result) error) {
	var r Result
	if profile != "" {
		f, err := os.Create(profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	err := body(&r)
	r.WallNS = time.Since(start).Nanoseconds()
	h.Sample()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.Peak, r.Alloc, r.GCs = h.peak, ms.TotalAlloc, ms.NumGC
	r.HWM = peakRSS()
	if err != nil {
		r.Err = err.Error()
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
	if err != nil {
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// peakRSS is the process's peak resident set (VmHWM of /proc/self/status),
// in KiB; -1 when unknown. rusage's maxrss would not do: on Linux a
// process started by fork and exec inherits its parent's high-water mark.
func peakRSS() int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err == nil {
				return n
			}
		}
	}
	return -1
}

// Serve serves h on a loopback port and counts the TCP connections it
// accepts; close stops it.
func Serve(h http.Handler) (url string, conns *atomic.Int64, close func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, err
	}
	conns = new(atomic.Int64)
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 30 * time.Second}
	go func() { _ = hs.Serve(countingListener{ln, conns}) }()
	return "http://" + ln.Addr().String(), conns, func() { _ = hs.Close() }, nil
}

// countingListener counts the connections it accepts.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}
