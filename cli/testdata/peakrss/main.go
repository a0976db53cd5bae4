// Command peakrss is the gitlab command that, when it is done, writes its
// own peak resident memory (VmHWM from /proc/self/status, in KiB) to
// standard error as "peak-rss-kib N". The streaming tests run it as a
// process: the rusage a parent reads of a child it started also counts the
// parent's own memory at the time of the exec, this does not.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/golab/gitlab/cli"
)

func main() {
	code := (&cli.Program{}).Run(context.Background(), os.Args[1:])
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range bytes.Split(status, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			fmt.Fprintf(os.Stderr, "peak-rss-kib %s\n", bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB")))
		}
	}
	os.Exit(code)
}
