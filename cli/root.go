package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
)

// app is the state of one run: the registry, the global options and what
// the chosen action builds (the client, the output writer).
type app struct {
	prog *Program
	reg  *gitlab.Registry
	g    globals
	root *cobra.Command
	out  *bufio.Writer // set once an action writes
}

// globals are the options given before the resource, as python-gitlab's
// (they are accepted after the action too, where no attribute has the name).
type globals struct {
	configFiles                        []string
	gitlabID                           string
	output, fields                     string
	serverURL                          string
	privateToken, oauthToken, jobToken string
	sslVerify                          string
	noSSLVerify                        bool
	timeout, apiVersion, perPage       string
	pagination, orderBy, userAgent     string
	verbose, debug                     bool
	skipLogin, noMaskCredentials       bool
	version                            bool
}

// outputFormats are the values of -o/--output.
var outputFormats = []string{"legacy", "json", "yaml", "table", "jsonl"}

const rootLong = `GitLab's REST API from the command line, as python-gitlab's gitlab command:

  gitlab [global options] <resource> <action> [--attribute value ...]

Resources are GitLab's objects (project, project-issue, group-member, ...);
"gitlab <resource> --help" lists a resource's actions and "gitlab <resource>
<action> --help" its attributes, required ones marked. A value @path is read
from the file path (@@ for a value that starts with @).

The connection comes from the options, then the environment variables named
below, then python-gitlab's configuration files (-c, PYTHON_GITLAB_CFG,
~/.python-gitlab.cfg, /etc/python-gitlab.cfg), then CI_SERVER_URL and
CI_JOB_TOKEN in a GitLab CI job.

Exit status: 0 done, 1 GitLab answered with an error (or could not be
reached, or the configuration is wrong), 2 the command line is wrong,
130 interrupted.`

// rootCommand builds the command with the global options and no resource.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:               "gitlab [flags] <resource> <action> [--attribute value ...]",
		Short:             "GitLab API command line",
		Long:              rootLong,
		TraverseChildren:  true,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("a resource is required (gitlab --help lists them)")
			}
			msg := fmt.Sprintf("unknown resource %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += " (did you mean " + strings.Join(s, " or ") + "?)"
			}
			return usagef("%s; gitlab --help lists the resources", msg)
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error { return a.checkGlobals() },
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &usageError{msg: err.Error()} })
	f := root.PersistentFlags()
	f.SortFlags = false
	g := &a.g
	f.StringArrayVarP(&g.configFiles, "config-file", "c", nil, "configuration `file` to read; repeat for more (env PYTHON_GITLAB_CFG)")
	f.StringVarP(&g.gitlabID, "gitlab", "g", "", "`section` of the configuration files to use (default: [global] default)")
	f.StringVarP(&g.output, "output", "o", "legacy", "output `format`: "+strings.Join(outputFormats, "|"))
	f.StringVarP(&g.fields, "fields", "f", "", "comma-separated `fields` to show (json, yaml, jsonl and table outputs)")
	f.StringVar(&g.serverURL, "server-url", "", "GitLab server `URL` (env GITLAB_URL)")
	f.StringVar(&g.privateToken, "private-token", "", "personal, project or group access `token` (env GITLAB_PRIVATE_TOKEN)")
	f.StringVar(&g.oauthToken, "oauth-token", "", "OAuth 2.0 `token` (env GITLAB_OAUTH_TOKEN)")
	f.StringVar(&g.jobToken, "job-token", "", "CI/CD job `token` (env CI_JOB_TOKEN, used in a CI job of the same server)")
	f.StringVar(&g.sslVerify, "ssl-verify", "", "CA bundle `file` or directory to verify the server with, or true/false (env GITLAB_SSL_VERIFY)")
	f.BoolVar(&g.noSSLVerify, "no-ssl-verify", false, "do not verify the server's TLS certificate")
	f.StringVar(&g.timeout, "timeout", "", "`seconds` a request may take, retries included (env GITLAB_TIMEOUT; default 60)")
	f.StringVar(&g.apiVersion, "api-version", "", "GitLab API `version`: only 4 (env GITLAB_API_VERSION)")
	f.StringVar(&g.perPage, "per-page", "", "`number` of objects per page of a list, 1 to 100 (env GITLAB_PER_PAGE)")
	f.StringVar(&g.pagination, "pagination", "", "list pagination: `offset` or keyset (env GITLAB_PAGINATION)")
	f.StringVar(&g.orderBy, "order-by", "", "default order_by `attribute` of lists (env GITLAB_ORDER_BY)")
	f.StringVar(&g.userAgent, "user-agent", "", "User-Agent `header` to send (env GITLAB_USER_AGENT)")
	f.BoolVarP(&g.verbose, "verbose", "v", false, "show every attribute in the legacy output (env GITLAB_VERBOSE)")
	f.BoolVar(&g.verbose, "fancy", false, "the same as --verbose")
	f.BoolVarP(&g.debug, "debug", "d", false, "log every HTTP request and response on standard error, credentials masked (env GITLAB_DEBUG)")
	f.BoolVar(&g.skipLogin, "skip-login", false, "accepted for python-gitlab compatibility: this command never makes a login request (env GITLAB_SKIP_LOGIN)")
	f.BoolVar(&g.noMaskCredentials, "no-mask-credentials", false, "accepted for python-gitlab compatibility: credentials are always masked")
	f.BoolVar(&g.version, "version", false, "print the version and exit")
	_ = f.MarkHidden("fancy")
	root.MarkFlagsMutuallyExclusive("ssl-verify", "no-ssl-verify")
	root.MarkFlagsMutuallyExclusive("private-token", "oauth-token", "job-token")
	a.root = root
	return root
}

// checkGlobals validates the global options that need no connection.
func (a *app) checkGlobals() error {
	out := a.g.output
	for _, f := range outputFormats {
		if out == f {
			return nil
		}
	}
	return usagef("-o/--output: %q is not one of %s", out, strings.Join(outputFormats, ", "))
}

// resourceName is the command name of a spec: its name with dashes.
func resourceName(specName string) string { return strings.ReplaceAll(specName, "_", "-") }

// flagName is the option of an attribute: its name with dashes.
func flagName(attr string) string { return strings.ReplaceAll(attr, "_", "-") }

// addResources adds the resources to the root. When the command line names
// a registered resource, that resource alone is built, with its actions, and
// only the action named gets its options: starting takes no longer with 250
// resources than with one. Otherwise (help, completion, a mistyped name)
// every resource is added, without its actions, except those named (gitlab
// help project).
func (a *app) addResources(root *cobra.Command, args []string) {
	words := positionals(args, root.PersistentFlags())
	// next returns the word after w, the action of resource w.
	next := func(i int) string {
		if i+1 < len(words) {
			return words[i+1]
		}
		return ""
	}
	for i, w := range words {
		if strings.HasPrefix(w, "__complete") || w == "help" || w == "completion" {
			continue
		}
		if s, ok := a.reg.Lookup(specName(w)); ok && resourceName(s.Name) == w {
			cmd := a.resourceCommand(s, w)
			a.addActions(cmd, s, next(i))
			root.AddCommand(cmd)
			if words[0] == w {
				root.CompletionOptions.DisableDefaultCmd = true // not asked for
			}
			return
		}
		break
	}
	wanted := map[string]string{}
	for i, w := range words {
		wanted[w] = next(i)
	}
	specs := a.reg.Specs()
	cmds := make([]*cobra.Command, 0, len(specs))
	for _, s := range specs {
		name := resourceName(s.Name)
		cmd := a.resourceCommand(s, name)
		if act, ok := wanted[name]; ok {
			a.addActions(cmd, s, act)
		}
		cmds = append(cmds, cmd)
	}
	root.AddCommand(cmds...)
}

// specName is the spec name of a resource: its name with underscores.
func specName(resource string) string { return strings.ReplaceAll(resource, "-", "_") }

// resourceCommand is a resource without its actions.
func (a *app) resourceCommand(s *base.Spec, name string) *cobra.Command {
	cmd := newCommand(name, "API endpoint: "+s.Path)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		names := make([]string, 0, len(cmd.Commands()))
		for _, c := range cmd.Commands() {
			names = append(names, c.Name())
		}
		if len(args) == 0 {
			return usagef("%s: an action is required: %s", name, strings.Join(names, ", "))
		}
		return usagef("%s: unknown action %q (actions: %s)", name, args[0], strings.Join(names, ", "))
	}
	return cmd
}

// positionals returns the arguments that are not options nor option values
// of fs: where the resource (and help's or completion's argument) is.
func positionals(args []string, fs *pflag.FlagSet) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			return append(out, args[i+1:]...)
		case strings.HasPrefix(arg, "--"):
			if f := fs.Lookup(arg[2:]); f != nil && f.NoOptDefVal == "" && !strings.Contains(arg, "=") {
				i++ // its value
			}
		case strings.HasPrefix(arg, "-") && len(arg) > 1:
			// -o json, -ojson, -vo json: a shorthand that takes a value takes
			// the rest of the argument, or the next argument.
			for j := 1; j < len(arg); j++ {
				f := fs.ShorthandLookup(arg[j : j+1])
				if f != nil && f.NoOptDefVal == "" {
					if j == len(arg)-1 {
						i++
					}
					break
				}
			}
		default:
			out = append(out, arg)
		}
	}
	return out
}
