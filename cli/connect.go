package cli

import (
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/golab/gitlab"
)

// setting is the value of a global option: the option when given, else its
// environment variable (python-gitlab's order).
func (a *app) setting(flag, env string) string {
	if f := a.root.PersistentFlags().Lookup(flag); f != nil && f.Changed {
		return f.Value.String()
	}
	if env == "" {
		return ""
	}
	return os.Getenv(env)
}

// switchOn reports whether a boolean option is on: given, or its
// environment variable set to anything but a false word.
func (a *app) switchOn(flag, env string) bool {
	if f := a.root.PersistentFlags().Lookup(flag); f != nil && f.Changed {
		return f.Value.String() == "true"
	}
	switch strings.ToLower(strings.TrimSpace(os.Getenv(env))) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// verbose is -v, --fancy or GITLAB_VERBOSE.
func (a *app) verbose() bool {
	return a.g.verbose || a.switchOn("verbose", "GITLAB_VERBOSE")
}

// client connects as python-gitlab's command line does. Each setting is
// taken from, in order: the option, its environment variable, the
// configuration files (the section of -g, or [global] default), and last,
// in a CI job, CI_SERVER_URL and CI_JOB_TOKEN. Of the credentials found,
// a private token wins over an OAuth token, which wins over a job token.
func (a *app) client() (*gitlab.Client, error) {
	cfg, err := gitlab.LoadConfig(a.g.gitlabID, a.g.configFiles)
	if err != nil {
		return nil, &runError{msg: "gitlab: " + strings.TrimPrefix(err.Error(), "gitlab: ")}
	}
	if len(cfg.Files) == 0 {
		cfg.URL = "" // no file: the default comes after CI_SERVER_URL
	}
	ciURL := os.Getenv("CI_SERVER_URL")
	cfg.URL = first(a.setting("server-url", "GITLAB_URL"), cfg.URL, ciURL, gitlab.DefaultURL)

	if err := a.credentials(cfg, ciURL); err != nil {
		return nil, err
	}
	if err := a.connection(cfg); err != nil {
		return nil, err
	}
	opts := cfg.Options()
	level := slog.LevelWarn
	if a.switchOn("debug", "GITLAB_DEBUG") {
		level = slog.LevelDebug
		opts = append(opts, gitlab.WithDebugLog())
	}
	logger := slog.New(slog.NewTextHandler(a.prog.Stderr, &slog.HandlerOptions{Level: level}))
	opts = append(opts, gitlab.WithLogger(logger), gitlab.WithRegistry(a.reg))
	gl, err := gitlab.New(cfg.URL, append(opts, a.prog.Options...)...)
	if err != nil {
		return nil, &runError{msg: "gitlab: " + strings.TrimPrefix(err.Error(), "gitlab: ")}
	}
	return gl, nil
}

// credentials chooses the one credential to send. Token options given on
// the command line are used alone; otherwise the environment's, then the
// configuration's, then CI_JOB_TOKEN (only towards CI_SERVER_URL, so that
// a job's token never goes to another server).
func (a *app) credentials(cfg *gitlab.Config, ciURL string) error {
	priv, oauth, job := a.g.privateToken, a.g.oauthToken, a.g.jobToken
	if priv == "" && oauth == "" && job == "" {
		priv = first(os.Getenv("GITLAB_PRIVATE_TOKEN"), cfg.PrivateToken)
		oauth = first(os.Getenv("GITLAB_OAUTH_TOKEN"), cfg.OAuthToken)
		job = cfg.JobToken
		if ciJob := os.Getenv("CI_JOB_TOKEN"); job == "" && ciJob != "" && sameServer(cfg.URL, ciURL) {
			job = ciJob
		}
	}
	cfg.PrivateToken, cfg.OAuthToken, cfg.JobToken = "", "", ""
	switch {
	case priv != "":
		cfg.PrivateToken = priv
	case oauth != "":
		cfg.OAuthToken = oauth
	case job != "":
		cfg.JobToken = job
	}
	if priv != "" || oauth != "" || job != "" {
		cfg.HTTPUsername, cfg.HTTPPassword = "", "" // a token replaces the files' basic auth
	}
	return nil
}

// sameServer reports whether target is the CI server (or there is no CI
// server to compare with).
func sameServer(target, ciURL string) bool {
	if ciURL == "" {
		return true
	}
	t, err1 := url.Parse(target)
	c, err2 := url.Parse(ciURL)
	return err1 == nil && err2 == nil && strings.EqualFold(t.Scheme, c.Scheme) &&
		strings.EqualFold(t.Hostname(), c.Hostname()) && port(t) == port(c)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// connection applies the options and variables of TLS, timeout, pages and
// the user agent over the configuration's.
func (a *app) connection(cfg *gitlab.Config) error {
	switch v := a.setting("ssl-verify", "GITLAB_SSL_VERIFY"); {
	case a.g.noSSLVerify:
		cfg.SSLVerify, cfg.CABundle = false, ""
	case v != "":
		if b, ok := parseBool(v); ok {
			cfg.SSLVerify, cfg.CABundle = b, ""
		} else {
			cfg.SSLVerify, cfg.CABundle = true, v
		}
	}
	if v := a.setting("timeout", "GITLAB_TIMEOUT"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 {
			return usagef("--timeout: %q is not a whole number of seconds", v)
		}
		cfg.Timeout = time.Duration(n) * time.Second
	}
	if v := a.setting("api-version", "GITLAB_API_VERSION"); v != "" && v != "4" {
		return usagef("--api-version: %q is not supported: GitLab's API version is 4", v)
	}
	if v := a.setting("per-page", "GITLAB_PER_PAGE"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > 100 {
			return usagef("--per-page: %q is not a number from 1 to 100", v)
		}
		cfg.PerPage = n
	}
	if v := a.setting("pagination", "GITLAB_PAGINATION"); v != "" {
		cfg.Pagination = v
	}
	if v := a.setting("order-by", "GITLAB_ORDER_BY"); v != "" {
		cfg.OrderBy = v
	}
	if v := a.setting("user-agent", "GITLAB_USER_AGENT"); v != "" {
		cfg.UserAgent = v
	}
	return nil
}

// parseBool reads a boolean word as python-gitlab's configuration does.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "on":
		return true, true
	case "0", "false", "no", "off":
		return false, true
	}
	return false, false
}

// first returns the first non-empty value.
func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
