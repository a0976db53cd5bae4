// Package cli is the gitlab command: python-gitlab's command-line
// interface, built at run time from a registry of manager declarations.
//
//	gitlab [global options] <resource> <action> [--attribute value ...]
//	gitlab project list --owned true
//	gitlab project-issue create --project-id group/app --title "It broke"
//	gitlab -o json -f id,title project-issue list --project-id 42 --get-all
//
// Every registered manager is a resource, named as python-gitlab names it
// (the spec name with dashes: project_merge_request is
// project-merge-request), and its declared operations and custom actions
// are its actions. Nothing here is written per manager, so a program that
// registers its own declarations gets commands for them too:
//
//	reg := gitlab.NewRegistry()
//	_ = reg.Register(&gitlab.Spec{Name: "widget", Path: "/widgets", Ops: gitlab.OpsCRUD})
//	os.Exit((&cli.Program{Registry: reg}).Run(context.Background(), os.Args[1:]))
//
// cmd/gitlab is the program built from the built-in declarations alone.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/golab/gitlab"
)

// Exit statuses of Run.
const (
	ExitOK          = 0   // the command did what it was asked
	ExitFailure     = 1   // GitLab answered with an error, could not be reached, or the configuration is wrong
	ExitUsage       = 2   // the command line is wrong: unknown resource, action or option, missing or bad value
	ExitInterrupted = 130 // interrupted (SIGINT or SIGTERM)
)

// Program is one run of the gitlab command. The zero value runs the
// built-in declarations on the process's standard streams.
type Program struct {
	// Registry holds the declarations that become resources; nil means
	// gitlab.NewRegistry() (every built-in manager).
	Registry *gitlab.Registry
	// Stdin, Stdout and Stderr default to the process's.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Options are added after those the configuration gives, for programs
	// that need more (a proxy, a rate limiter, an HTTP client).
	Options []gitlab.Option

	// terminal overrides the detection of a terminal on Stderr (tests).
	terminal *bool
}

// Main runs the gitlab command with the process's arguments and exits:
// what cmd/gitlab does. SIGINT and SIGTERM cancel the request under way.
func Main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := (&Program{}).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Run runs the command line args (without the program name) and returns
// the exit status (ExitOK, ExitFailure, ExitUsage or ExitInterrupted).
// Errors are written to Stderr as one line, never with a stack trace or a
// credential.
func (p *Program) Run(ctx context.Context, args []string) (code int) {
	if p.Stdin == nil {
		p.Stdin = os.Stdin
	}
	if p.Stdout == nil {
		p.Stdout = os.Stdout
	}
	if p.Stderr == nil {
		p.Stderr = os.Stderr
	}
	defer func() {
		if r := recover(); r != nil { // a bug of ours: say so in one line, no trace
			fmt.Fprintf(p.Stderr, "gitlab: internal error: %v\n", r)
			code = ExitFailure
		}
	}()
	if versionAsked(args) { // python-gitlab's shortcut: before anything else is built
		fmt.Fprintln(p.Stdout, gitlab.LibraryVersion)
		return ExitOK
	}
	reg := p.Registry
	if reg == nil {
		reg = gitlab.NewRegistry()
	}
	app := &app{prog: p, reg: reg}
	root := app.rootCommand()
	app.addResources(root, args)
	root.SetArgs(args)
	root.SetIn(p.Stdin)
	root.SetOut(p.Stdout)
	root.SetErr(p.Stderr)
	err := root.ExecuteContext(ctx)
	if app.out != nil {
		if ferr := app.out.Flush(); err == nil && ferr != nil {
			err = &runError{msg: "gitlab: writing the output", err: ferr}
		}
	}
	return p.report(ctx, err)
}

// versionAsked reports whether --version is among the arguments, as
// python-gitlab checks: anywhere, before any parsing.
func versionAsked(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--version" {
			return true
		}
	}
	return false
}

// usageError is a wrong command line: exit status ExitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// runError is a failure of the request or of its preparation: exit status
// ExitFailure, printed as msg (err).
type runError struct {
	msg string
	err error
}

func (e *runError) Error() string {
	if e.err == nil {
		return e.msg
	}
	return e.msg + " (" + e.err.Error() + ")"
}

func (e *runError) Unwrap() error { return e.err }

// report prints err as one line and returns the exit status.
func (p *Program) report(ctx context.Context, err error) int {
	if err == nil {
		return ExitOK
	}
	var re *runError
	var ue *usageError
	switch {
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		fmt.Fprintln(p.Stderr, "gitlab: interrupted")
		return ExitInterrupted
	case errors.As(err, &re):
		fmt.Fprintln(p.Stderr, oneLine(re.Error()))
		return ExitFailure
	case errors.As(err, &ue):
		fmt.Fprintln(p.Stderr, "gitlab: error: "+oneLine(ue.msg))
		return ExitUsage
	}
	// Anything else comes from parsing the command line (cobra, pflag).
	fmt.Fprintln(p.Stderr, "gitlab: error: "+oneLine(err.Error()))
	return ExitUsage
}

// oneLine folds a message onto one line.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// terminalStderr reports whether Stderr is a terminal (for progress bars).
func (p *Program) terminalStderr() bool {
	if p.terminal != nil {
		return *p.terminal
	}
	f, ok := p.Stderr.(*os.File)
	return ok && isTerminal(f)
}

// command is what the root's subcommands are built with; kept small so that
// building ~250 of them costs microseconds.
func newCommand(use, short string) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, SilenceErrors: true, SilenceUsage: true}
}
