package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// copyOut copies a download (a stream: it is never held whole) to file, or
// to standard output when file is empty, with a progress bar on standard
// error when it is a terminal (none when it is piped or redirected). size
// is the length when known, else -1.
func (a *app) copyOut(src io.Reader, size int64, file string) error {
	var dst io.Writer = a.output()
	var f *os.File
	if file != "" {
		var err error
		if f, err = os.Create(file); err != nil {
			return &runError{msg: "gitlab: cannot write the download", err: pathErr(err)}
		}
		dst = f
	}
	if a.prog.terminalStderr() {
		pw := &progress{w: a.prog.Stderr, size: size}
		dst = io.MultiWriter(dst, pw)
		defer pw.done()
	}
	_, err := io.Copy(dst, src)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return &runError{msg: "gitlab: writing the download", err: err}
	}
	return a.flush()
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progress draws a one-line progress bar on a terminal, redrawn in place
// when the shown percentage (or, with no known size, the shown MiB) changes.
type progress struct {
	w     io.Writer
	size  int64 // -1 when unknown
	n     int64
	shown int64 // the last drawn percent or MiB, -1 before the first
	drawn bool
}

const barWidth = 30

func (p *progress) Write(b []byte) (int, error) {
	p.n += int64(len(b))
	mark := p.n >> 20
	if p.size > 0 {
		mark = p.n * 100 / p.size
	}
	if !p.drawn || mark != p.shown {
		p.shown, p.drawn = mark, true
		p.draw()
	}
	return len(b), nil
}

func (p *progress) draw() {
	if p.size <= 0 {
		fmt.Fprintf(p.w, "\rdownloading %s", mib(p.n))
		return
	}
	full := int(p.n * barWidth / p.size)
	fmt.Fprintf(p.w, "\rdownloading [%s%s] %3d%% %s of %s", strings.Repeat("#", full),
		strings.Repeat(" ", barWidth-full), p.n*100/p.size, mib(p.n), mib(p.size))
}

// done erases the bar, leaving the terminal as it was.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// mib renders a byte count in MiB.
func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
