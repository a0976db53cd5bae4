package gitlab

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/ini.v1"
)

// The kinds of configuration error, matched with errors.Is against a
// *ConfigError. They mirror python-gitlab's ConfigError family, which is not
// part of its GitlabError family; likewise a *ConfigError is never an *Error.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/cli-usage.html#configuration-files
var (
	// ErrConfigMissing: a configuration file that must exist does not (an
	// explicit file, PYTHON_GITLAB_CFG), or an id was given and no file was
	// found at all (python-gitlab's GitlabConfigMissingError).
	ErrConfigMissing = errors.New("gitlab: configuration file missing")
	// ErrConfigID: no GitLab id was given and [global] has no default
	// (GitlabIDError).
	ErrConfigID = errors.New("gitlab: no GitLab id in the configuration")
	// ErrConfigData: a file cannot be parsed, a section or the url is
	// missing, or a value is invalid (GitlabDataError).
	ErrConfigData = errors.New("gitlab: invalid configuration")
	// ErrConfigHelper: a "helper:" command failed (GitlabConfigHelperError).
	ErrConfigHelper = errors.New("gitlab: credential helper failed")
)

// ConfigError is an error of a python-gitlab configuration file or of the
// environment FromEnv reads. It names the file, section and key concerned
// (each when known) and never contains a secret: neither a token nor a
// password nor a helper's output. Kind is one of ErrConfigMissing,
// ErrConfigID, ErrConfigData and ErrConfigHelper, so that
// errors.Is(err, ErrConfigData) works; Err is the underlying cause, if any
// (an *fs.PathError's error, an *exec.ExitError).
type ConfigError struct {
	Kind    error
	File    string // the file concerned; several are joined by ", "
	Section string
	Key     string
	Msg     string // what went wrong
	Err     error
}

// Error reads like: gitlab: config /home/me/.python-gitlab.cfg [work] per_page: 200 is not between 1 and 100.
func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString("gitlab: config")
	if e.File != "" {
		b.WriteString(" " + e.File)
	}
	if e.Section != "" {
		b.WriteString(" [" + e.Section + "]")
	}
	if e.Key != "" {
		b.WriteString(" " + e.Key)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// Unwrap returns Kind and Err, for errors.Is and errors.As.
func (e *ConfigError) Unwrap() []error {
	var out []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// Config is one server's configuration, read from python-gitlab
// configuration files by LoadConfig. Its secrets are masked when it is
// printed with the fmt package and left out of its JSON form.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/cli-usage.html#configuration-files
type Config struct {
	// ID is the section read: the id asked for, or [global] default.
	// It is empty when no file was found.
	ID string
	// Files are the files read, in order; a later file overrides an earlier one.
	Files []string

	URL          string
	PrivateToken string `json:"-"`
	OAuthToken   string `json:"-"`
	JobToken     string `json:"-"`
	HTTPUsername string
	HTTPPassword string `json:"-"`

	// SSLVerify is false when ssl_verify is a false boolean. CABundle is
	// the path ssl_verify holds when it is not a boolean.
	SSLVerify bool
	CABundle  string
	// Timeout is timeout (whole seconds); 60 seconds when not set.
	Timeout              time.Duration
	APIVersion           string // always "4"
	PerPage              int    // 0: not set
	Pagination           string
	OrderBy              string
	UserAgent            string
	KeepBaseURL          bool
	RetryTransientErrors bool
}

// redactedConfig is Config without its methods, for Format.
type redactedConfig Config

// Format prints the configuration with its secrets replaced by [MASKED].
func (c Config) Format(f fmt.State, verb rune) {
	mask := func(s string) string {
		if s == "" {
			return ""
		}
		return "[MASKED]"
	}
	r := redactedConfig(c)
	r.PrivateToken, r.OAuthToken, r.JobToken, r.HTTPPassword =
		mask(c.PrivateToken), mask(c.OAuthToken), mask(c.JobToken), mask(c.HTTPPassword)
	fmt.Fprintf(f, fmt.FormatString(f, verb), r)
}

// Options returns the client options of the configuration, for New (the
// URL is New's argument): what FromConfig uses.
func (c *Config) Options() []Option {
	var opts []Option
	switch {
	case c.PrivateToken != "":
		opts = append(opts, WithPrivateToken(c.PrivateToken))
	case c.OAuthToken != "":
		opts = append(opts, WithOAuthToken(c.OAuthToken))
	case c.JobToken != "":
		opts = append(opts, WithJobToken(c.JobToken))
	}
	if c.HTTPUsername != "" || c.HTTPPassword != "" {
		opts = append(opts, WithBasicAuth(c.HTTPUsername, c.HTTPPassword))
	}
	switch {
	case !c.SSLVerify:
		opts = append(opts, WithInsecureSkipVerify())
	case c.CABundle != "":
		opts = append(opts, WithCACert(c.CABundle))
	}
	if c.Timeout > 0 {
		opts = append(opts, WithTimeout(c.Timeout))
	}
	if c.PerPage > 0 {
		opts = append(opts, WithPerPage(c.PerPage))
	}
	if c.Pagination != "" || c.OrderBy != "" {
		pagination, orderBy := c.Pagination, c.OrderBy
		opts = append(opts, clientOption(func(s *settings) error {
			s.pagination, s.orderBy = pagination, orderBy
			return nil
		}))
	}
	if c.UserAgent != "" {
		opts = append(opts, WithUserAgent(c.UserAgent))
	}
	if c.KeepBaseURL {
		opts = append(opts, WithKeepBaseURL())
	}
	if c.RetryTransientErrors {
		opts = append(opts, WithRetryTransientErrors(true))
	}
	return opts
}

// FromConfig returns a client configured by python-gitlab configuration
// files, which it reads unchanged: python-gitlab's Gitlab.from_config. See
// LoadConfig for the files read, gitlabID and the keys. opts are applied
// after the configuration's, so they win where both set the same thing;
// giving a second credential is an error, and so is WithHTTPClient with an
// ssl_verify other than true (the caller's client is used as it is).
//
// As in python-gitlab, a client from a configuration has a 60-second
// timeout unless timeout says otherwise (one built by New has
// DefaultTimeout), and with no file at all the client is an anonymous one
// for https://gitlab.com.
//
//	gl, err := gitlab.FromConfig("work", nil) // [work] of ~/.python-gitlab.cfg
//
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/api/gitlab.html#gitlab.Gitlab.from_config
func FromConfig(gitlabID string, configFiles []string, opts ...Option) (*Client, error) {
	cfg, err := LoadConfig(gitlabID, configFiles)
	if err != nil {
		return nil, err
	}
	return New(cfg.URL, append(cfg.Options(), opts...)...)
}

// defaultConfigFiles are read, those that exist, when no file is given and
// PYTHON_GITLAB_CFG is not set; the user's file overrides the system's.
func defaultConfigFiles() []string {
	files := []string{"/etc/python-gitlab.cfg"}
	if home, err := os.UserHomeDir(); err == nil {
		files = append(files, filepath.Join(home, ".python-gitlab.cfg"))
	}
	return files
}

// LoadConfig reads python-gitlab configuration files and returns the
// configuration of one server, without building a client (FromConfig does).
//
// Files: configFiles when given (each must exist: ErrConfigMissing);
// otherwise the file named by PYTHON_GITLAB_CFG (which must exist);
// otherwise those of /etc/python-gitlab.cfg and ~/.python-gitlab.cfg that
// exist, the user's overriding the system's. The files are INI, read as
// Python's configparser does: key names in any case, "=" or ":", comments
// only on their own lines, quotes kept as part of values, a [DEFAULT]
// section whose keys every section inherits, and %(key)s interpolation (%%
// for a literal %). Values continued on indented lines are not supported.
//
// The section read is gitlabID, or else [global]'s default (ErrConfigID when
// there is none). With no file at all, an empty gitlabID gives the defaults
// for https://gitlab.com and a non-empty one is an ErrConfigMissing.
//
// Keys of the server's section only: url (required), private_token,
// oauth_token or job_token (one of them), http_username with http_password
// (not with a token), pagination, order_by. Keys of [global] that a server's
// section overrides: ssl_verify (an INI boolean, true by default, or the path
// of a CA bundle), timeout (whole seconds, 60 by default), api_version (only
// 4), per_page (1 to 100), user_agent, keep_base_url and
// retry_transient_errors (booleans, false by default). Booleans are
// true/false, yes/no, on/off or 1/0, in any case. Unknown keys are ignored.
//
// private_token, oauth_token, job_token and http_password may be given as
// "helper: <command>": the command is split as a POSIX shell would (quotes,
// backslashes), each word gets $VAR and ~ expanded, it runs without a shell
// and its trimmed standard output is the secret. A helper that fails is an
// ErrConfigHelper carrying its standard error
// (https://python-gitlab.readthedocs.io/en/stable/cli-usage.html#credential-helpers).
//
// Every error is a *ConfigError naming the file, section and key.
// python-gitlab: https://python-gitlab.readthedocs.io/en/stable/cli-usage.html#configuration-files
func LoadConfig(gitlabID string, configFiles []string) (*Config, error) {
	files, err := configFilesToRead(configFiles)
	if err != nil {
		return nil, err
	}
	cfg := &Config{
		URL: DefaultURL, SSLVerify: true, Timeout: 60 * time.Second, APIVersion: "4",
		UserAgent: "golab-gitlab/" + LibraryVersion,
	}
	if len(files) == 0 {
		if gitlabID != "" {
			return nil, &ConfigError{Kind: ErrConfigMissing, Section: gitlabID,
				Msg: "a GitLab id was given but no configuration file was found " +
					"(looked for /etc/python-gitlab.cfg and ~/.python-gitlab.cfg; PYTHON_GITLAB_CFG is not set)"}
		}
		return cfg, nil
	}
	r, err := readConfigFiles(files)
	if err != nil {
		return nil, err
	}
	cfg.Files = files
	if err := r.fill(cfg, gitlabID); err != nil {
		return nil, err
	}
	return cfg, nil
}

// configFilesToRead applies python-gitlab's precedence of files.
func configFilesToRead(explicit []string) ([]string, error) {
	if len(explicit) > 0 {
		for _, f := range explicit {
			if _, err := os.Stat(f); err != nil {
				return nil, &ConfigError{Kind: ErrConfigMissing, File: f, Msg: "cannot read the file: " + pathErrText(err), Err: err}
			}
		}
		return explicit, nil
	}
	if env := os.Getenv("PYTHON_GITLAB_CFG"); env != "" {
		if _, err := os.Stat(env); err != nil {
			return nil, &ConfigError{Kind: ErrConfigMissing, File: env,
				Msg: "cannot read the file named by PYTHON_GITLAB_CFG: " + pathErrText(err), Err: err}
		}
		return []string{env}, nil
	}
	var files []string
	for _, f := range defaultConfigFiles() {
		if fi, err := os.Stat(f); err == nil && !fi.IsDir() {
			if fh, err := os.Open(f); err == nil { // unreadable: skipped, as python-gitlab does
				fh.Close()
				files = append(files, f)
			}
		}
	}
	return files, nil
}

// pathErrText is an os error without the path it repeats.
func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// cfgEntry is a raw value and the file it comes from.
type cfgEntry struct{ value, file string }

type cfgSection struct {
	files []string // files that define the section
	keys  map[string]cfgEntry
}

// cfgReader is the merge of the files, as configparser.read(files) makes it.
type cfgReader struct {
	files    []string
	sections map[string]*cfgSection
}

// iniOptions make gopkg.in/ini.v1 read files as Python's configparser.
var iniOptions = ini.LoadOptions{
	InsensitiveKeys:         true, // configparser lower-cases key names
	IgnoreInlineComment:     true, // "#" and ";" start comments only on their own line
	IgnoreContinuation:      true, // a trailing backslash is part of the value
	PreserveSurroundedQuote: true, // quotes are part of the value
	// Not AllowPythonMultilineValues: gopkg.in/ini.v1 takes every indented
	// line for a continuation, where Python compares indentation, so files
	// with indented keys (which python-gitlab users have) would break.
}

func readConfigFiles(files []string) (*cfgReader, error) {
	r := &cfgReader{files: files, sections: map[string]*cfgSection{}}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, &ConfigError{Kind: ErrConfigMissing, File: path, Msg: "cannot read the file: " + pathErrText(err), Err: err}
		}
		f, err := ini.LoadSources(iniOptions, data)
		if err != nil {
			return nil, &ConfigError{Kind: ErrConfigData, File: path, Msg: "cannot parse the file: " + iniSyntaxError(data, err)}
		}
		for _, sec := range f.Sections() {
			name := sec.Name()
			if name == ini.DefaultSection && len(sec.Keys()) == 0 {
				continue
			}
			cs := r.sections[name]
			if cs == nil {
				cs = &cfgSection{keys: map[string]cfgEntry{}}
				r.sections[name] = cs
			}
			cs.files = append(cs.files, path)
			for _, k := range sec.Keys() {
				cs.keys[k.Name()] = cfgEntry{value: k.Value(), file: path}
			}
		}
	}
	return r, nil
}

// iniSyntaxError describes a parse error by line number, without the
// line's content, which may hold a secret.
func iniSyntaxError(data []byte, err error) string {
	kind, rest, _ := strings.Cut(err.Error(), ": ")
	switch {
	case errors.As(err, new(ini.ErrDelimiterNotFound)):
		kind = "a line is neither a section, a comment nor key = value"
	case errors.As(err, new(ini.ErrEmptyKeyName)):
		kind = "a line has no key name before its = or :"
	case kind == "unclosed section":
		kind = "a section header has no closing ]"
	case strings.HasPrefix(kind, "missing closing key quote"):
		kind, rest = "a quoted key name is not closed", ""
	default:
		return "syntax error"
	}
	rest = strings.TrimSpace(rest)
	if rest != "" {
		for i, line := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(line) == rest {
				return fmt.Sprintf("line %d: %s", i+1, kind)
			}
		}
	}
	return kind
}

// hasSection is configparser's has_section: [DEFAULT] is not a section.
func (r *cfgReader) hasSection(name string) bool {
	_, ok := r.sections[name]
	return ok && name != ini.DefaultSection
}

// sectionFiles names the files that define a section.
func (r *cfgReader) sectionFiles(name string) string {
	if s, ok := r.sections[name]; ok {
		return strings.Join(s.files, ", ")
	}
	return strings.Join(r.files, ", ")
}

// get is configparser's get: the section's key, else [DEFAULT]'s, with
// %-interpolation. ok is false when the section or the key is missing.
func (r *cfgReader) get(section, key string) (cfgEntry, bool, error) {
	if !r.hasSection(section) {
		return cfgEntry{}, false, nil
	}
	e, ok := r.raw(section, key)
	if !ok {
		return cfgEntry{}, false, nil
	}
	v, err := r.interpolate(section, e.value, 1)
	if err != nil {
		return cfgEntry{}, false, &ConfigError{Kind: ErrConfigData, File: e.file, Section: section, Key: key, Msg: err.Error()}
	}
	e.value = v
	return e, true, nil
}

func (r *cfgReader) raw(section, key string) (cfgEntry, bool) {
	if s, ok := r.sections[section]; ok {
		if e, ok := s.keys[key]; ok {
			return e, true
		}
	}
	if d, ok := r.sections[ini.DefaultSection]; ok {
		if e, ok := d.keys[key]; ok {
			return e, true
		}
	}
	return cfgEntry{}, false
}

// interpolationRef and envVarRef are compiled when a configuration file is
// first read, not at every program's start-up.
var interpolationRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^%\(([^)]+)\)s`) })

// interpolate is configparser's BasicInterpolation. Its errors never show
// the value, which may be a secret.
func (r *cfgReader) interpolate(section, value string, depth int) (string, error) {
	if depth > 10 {
		return "", errors.New("%(...)s references nest more than 10 deep (a reference loop?)")
	}
	var b strings.Builder
	for value != "" {
		p := strings.IndexByte(value, '%')
		if p < 0 {
			b.WriteString(value)
			break
		}
		b.WriteString(value[:p])
		value = value[p:]
		switch {
		case strings.HasPrefix(value, "%%"):
			b.WriteByte('%')
			value = value[2:]
		case strings.HasPrefix(value, "%("):
			m := interpolationRef().FindStringSubmatch(value)
			if m == nil {
				return "", errors.New("a %( in the value is not a %(name)s reference (write %% for a literal %)")
			}
			name := strings.ToLower(m[1])
			value = value[len(m[0]):]
			e, ok := r.raw(section, name)
			if !ok {
				return "", fmt.Errorf("the value refers to %%(%s)s, which the section does not define", name)
			}
			v := e.value
			if strings.Contains(v, "%") {
				var err error
				if v, err = r.interpolate(section, v, depth+1); err != nil {
					return "", err
				}
			}
			b.WriteString(v)
		default:
			return "", errors.New("a % in the value must be followed by % or ( (write %% for a literal %)")
		}
	}
	return b.String(), nil
}

// parseINIBool is configparser's getboolean.
func parseINIBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "1", "yes", "true", "on":
		return true, true
	case "0", "no", "false", "off":
		return false, true
	}
	return false, false
}

// fill reads the section of gitlabID (or [global] default) into cfg.
func (r *cfgReader) fill(cfg *Config, gitlabID string) error {
	id := gitlabID
	if id != "" && !r.hasSection(id) {
		return &ConfigError{Kind: ErrConfigData, File: strings.Join(r.files, ", "), Section: id,
			Msg: "no such section (the GitLab id asked for)"}
	}
	if id == "" {
		e, ok, err := r.get("global", "default")
		if err != nil {
			return err
		}
		if !ok || e.value == "" {
			return &ConfigError{Kind: ErrConfigID, File: strings.Join(r.files, ", "), Section: "global", Key: "default",
				Msg: "no GitLab id was given and [global] names no default section"}
		}
		id = e.value
		if !r.hasSection(id) {
			return &ConfigError{Kind: ErrConfigData, File: e.file, Section: id,
				Msg: "no such section (named by [global] default)"}
		}
	}
	cfg.ID = id
	dataErr := func(e cfgEntry, section, key, format string, args ...any) error {
		return &ConfigError{Kind: ErrConfigData, File: e.file, Section: section, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	// each calls fn with the value of key in [global], then in the server's
	// section, so that the section's wins.
	each := func(key string, fn func(e cfgEntry, section string) error) error {
		for _, section := range []string{"global", id} {
			e, ok, err := r.get(section, key)
			if err != nil {
				return err
			}
			if ok {
				if err := fn(e, section); err != nil {
					return err
				}
			}
			if section == id { // id may be "global"
				break
			}
		}
		return nil
	}
	own := func(key string) (cfgEntry, bool, error) { return r.get(id, key) }

	// url
	e, ok, err := own("url")
	switch {
	case err != nil:
		return err
	case !ok:
		return &ConfigError{Kind: ErrConfigData, File: r.sectionFiles(id), Section: id, Key: "url", Msg: "missing: every server section needs a url"}
	case e.value == "":
		return dataErr(e, id, "url", "is empty")
	}
	if u, err := url.Parse(e.value); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return dataErr(e, id, "url", "%q is not an http(s) URL", sanitizeCfgURL(e.value))
	}
	cfg.URL = e.value

	// ssl_verify: a boolean, or else the path of a CA bundle.
	var caEntry cfgEntry
	var caSection string
	if err := each("ssl_verify", func(e cfgEntry, section string) error {
		if b, ok := parseINIBool(e.value); ok {
			cfg.SSLVerify, cfg.CABundle = b, ""
			return nil
		}
		cfg.SSLVerify, cfg.CABundle, caEntry, caSection = true, e.value, e, section
		return nil
	}); err != nil {
		return err
	}
	if cfg.CABundle != "" {
		if _, err := os.Stat(cfg.CABundle); err != nil {
			return dataErr(caEntry, caSection, "ssl_verify",
				"%q is neither a boolean (true/false, yes/no, on/off, 1/0) nor a readable CA bundle path (%s)", cfg.CABundle, pathErrText(err))
		}
	}

	// timeout
	if err := each("timeout", func(e cfgEntry, section string) error {
		n, err := strconv.Atoi(strings.TrimSpace(e.value))
		if err != nil {
			return dataErr(e, section, "timeout", "%q is not a whole number of seconds", e.value)
		}
		if n <= 0 {
			return dataErr(e, section, "timeout", "%d is not a positive number of seconds", n)
		}
		cfg.Timeout = time.Duration(n) * time.Second
		return nil
	}); err != nil {
		return err
	}

	// api_version: only the final value must be 4.
	var apiEntry cfgEntry
	var apiSection string
	if err := each("api_version", func(e cfgEntry, section string) error {
		apiEntry, apiSection = e, section
		return nil
	}); err != nil {
		return err
	}
	if apiSection != "" && apiEntry.value != "4" {
		return dataErr(apiEntry, apiSection, "api_version", "unsupported API version %q: only 4 is supported", apiEntry.value)
	}

	// per_page
	if err := each("per_page", func(e cfgEntry, section string) error {
		n, err := strconv.Atoi(strings.TrimSpace(e.value))
		if err != nil {
			return dataErr(e, section, "per_page", "%q is not a number", e.value)
		}
		if n < 1 || n > 100 {
			return dataErr(e, section, "per_page", "%d is not between 1 and 100 (GitLab's page sizes; 0 would silently give GitLab's default of 20)", n)
		}
		cfg.PerPage = n
		return nil
	}); err != nil {
		return err
	}

	// user_agent
	if err := each("user_agent", func(e cfgEntry, _ string) error { cfg.UserAgent = e.value; return nil }); err != nil {
		return err
	}

	// booleans
	for _, b := range []struct {
		key string
		dst *bool
	}{{"keep_base_url", &cfg.KeepBaseURL}, {"retry_transient_errors", &cfg.RetryTransientErrors}} {
		if err := each(b.key, func(e cfgEntry, section string) error {
			v, ok := parseINIBool(e.value)
			if !ok {
				return dataErr(e, section, b.key, "%q is not a boolean (true/false, yes/no, on/off, 1/0)", e.value)
			}
			*b.dst = v
			return nil
		}); err != nil {
			return err
		}
	}

	// pagination, order_by
	for _, k := range []struct {
		key string
		dst *string
	}{{"pagination", &cfg.Pagination}, {"order_by", &cfg.OrderBy}} {
		e, ok, err := own(k.key)
		if err != nil {
			return err
		}
		if ok {
			*k.dst = e.value
		}
	}

	// credentials
	secrets := map[string]cfgEntry{}
	var tokens []string
	for _, key := range []string{"private_token", "oauth_token", "job_token", "http_username", "http_password"} {
		e, ok, err := own(key)
		if err != nil {
			return err
		}
		if ok && strings.TrimSpace(e.value) != "" {
			secrets[key] = e
			if strings.HasSuffix(key, "_token") {
				tokens = append(tokens, key)
			}
		}
	}
	files := func(keys ...string) string {
		var names []string
		seen := map[string]bool{}
		for _, k := range keys {
			if f := secrets[k].file; f != "" && !seen[f] {
				seen[f] = true
				names = append(names, f)
			}
		}
		return strings.Join(names, ", ")
	}
	_, hasUser := secrets["http_username"]
	_, hasPass := secrets["http_password"]
	switch {
	case len(tokens) > 1:
		return &ConfigError{Kind: ErrConfigData, File: files(tokens...), Section: id, Key: strings.Join(tokens, ", "),
			Msg: "only one of private_token, oauth_token and job_token may be set"}
	case hasUser != hasPass:
		key, other := "http_username", "http_password"
		if hasPass {
			key, other = other, key
		}
		return &ConfigError{Kind: ErrConfigData, File: files(key), Section: id, Key: key,
			Msg: "is set without " + other + ": basic authentication needs both"}
	case hasUser && len(tokens) > 0:
		return &ConfigError{Kind: ErrConfigData, File: files(tokens[0], "http_username"), Section: id, Key: tokens[0] + ", http_username",
			Msg: "a token and http_username/http_password cannot be combined (basic authentication is for a proxy in front of GitLab)"}
	}
	for _, key := range []string{"private_token", "oauth_token", "job_token", "http_password"} {
		e, ok := secrets[key]
		if !ok {
			continue
		}
		v, err := secretValue(e, id, key)
		if err != nil {
			return err
		}
		secrets[key] = cfgEntry{value: v, file: e.file}
	}
	cfg.PrivateToken = secrets["private_token"].value
	cfg.OAuthToken = secrets["oauth_token"].value
	cfg.JobToken = secrets["job_token"].value
	cfg.HTTPUsername = secrets["http_username"].value
	cfg.HTTPPassword = secrets["http_password"].value
	return nil
}

// sanitizeCfgURL hides user info in a URL shown in an error.
func sanitizeCfgURL(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		u.User = url.User("REDACTED")
		return u.String()
	}
	if strings.Contains(raw, "@") {
		return "(a URL with credentials)"
	}
	return raw
}

const helperPrefix = "helper:"

// secretValue returns a secret's value, running its helper when it is
// "helper: <command>".
func secretValue(e cfgEntry, section, key string) (string, error) {
	v := strings.TrimSpace(e.value)
	if !strings.HasPrefix(strings.ToLower(v), helperPrefix) {
		return e.value, nil
	}
	helperErr := func(msg string, err error) error {
		return &ConfigError{Kind: ErrConfigHelper, File: e.file, Section: section, Key: key, Msg: msg, Err: err}
	}
	words, err := shellSplit(strings.TrimSpace(v[len(helperPrefix):]))
	if err != nil {
		return "", helperErr("cannot split the helper command: "+err.Error(), err)
	}
	if len(words) == 0 {
		return "", helperErr("the helper command is empty", nil)
	}
	for i, w := range words {
		words[i] = expandUser(expandVars(w))
	}
	cmd := exec.Command(words[0], words[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := fmt.Sprintf("the helper %s failed (%v)", words[0], err)
		if s := strings.TrimSpace(stderr.String()); s != "" {
			if len(s) > 2000 {
				s = s[:2000] + "…"
			}
			msg += ":\n" + s
		}
		return "", helperErr(msg, err)
	}
	out := strings.TrimSpace(stdout.String())
	if out == "" {
		return "", helperErr(fmt.Sprintf("the helper %s printed nothing", words[0]), nil)
	}
	return out, nil
}

// shellSplit splits a command as Python's shlex.split does (POSIX rules,
// no comments): words separated by blanks, '…' literal, "…" with \" and \\
// escapes, and a backslash escaping any character outside quotes.
func shellSplit(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case ' ', '\t', '\n', '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '\\':
			if i+1 >= len(s) {
				return nil, errors.New("no character after the final backslash")
			}
			i++
			cur.WriteByte(s[i])
			inWord = true
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("no closing quotation")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case '"':
			inWord = true
			for i++; ; i++ {
				if i >= len(s) {
					return nil, errors.New("no closing quotation")
				}
				c := s[i]
				if c == '"' {
					break
				}
				if c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
					c = s[i]
				}
				cur.WriteByte(c)
			}
		default:
			cur.WriteByte(ch)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

var envVarRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$(\w+|\{[^}]*\})`) })

// expandVars is Python's os.path.expandvars: $NAME and ${NAME} are replaced
// by the variable's value; unknown variables are left as they are.
func expandVars(s string) string {
	return envVarRef().ReplaceAllStringFunc(s, func(m string) string {
		name := strings.TrimSuffix(strings.TrimPrefix(m[1:], "{"), "}")
		if v, ok := os.LookupEnv(name); ok {
			return v
		}
		return m
	})
}

// expandUser is Python's os.path.expanduser: a leading ~ or ~user becomes
// the home directory.
func expandUser(s string) string {
	if !strings.HasPrefix(s, "~") {
		return s
	}
	i := strings.IndexByte(s, '/')
	if i < 0 {
		i = len(s)
	}
	var home string
	if i == 1 {
		h, err := os.UserHomeDir()
		if err != nil {
			return s
		}
		home = h
	} else {
		u, err := user.Lookup(s[1:i])
		if err != nil {
			return s
		}
		home = u.HomeDir
	}
	home = strings.TrimRight(home, "/")
	if out := home + s[i:]; out != "" {
		return out
	}
	return "/"
}

// FromEnv returns a client configured by the environment, for CI jobs and
// containers. opts are applied after what the environment gives, so they win.
//
// The URL is the first set of GITLAB_URL, CI_SERVER_URL and CI_API_V4_URL
// (without its /api/v4), else https://gitlab.com.
//
// The token is the first set of GITLAB_PRIVATE_TOKEN and GITLAB_TOKEN
// (private tokens), GITLAB_OAUTH_TOKEN (an OAuth token) and CI_JOB_TOKEN (a
// job token), as python-gitlab's command line ranks them. A job token is only
// sent to the server of the job: when GITLAB_URL names another server than
// CI_SERVER_URL (or CI_API_V4_URL), CI_JOB_TOKEN is ignored. With none of
// them the client is anonymous. Unlike FromConfig, no timeout is set: calls
// have DefaultTimeout.
//
// Errors (a URL that is not http(s)) are *ConfigError of kind ErrConfigData
// naming the variable.
// GitLab CI variables: https://docs.gitlab.com/ci/variables/predefined_variables/
func FromEnv(opts ...Option) (*Client, error) {
	envErr := func(name, format string, args ...any) error {
		return &ConfigError{Kind: ErrConfigData, Key: name, Msg: fmt.Sprintf(format, args...)}
	}
	ciURL, ciVar := os.Getenv("CI_SERVER_URL"), "CI_SERVER_URL"
	if ciURL == "" {
		if api := strings.TrimRight(os.Getenv("CI_API_V4_URL"), "/"); api != "" {
			ciVar = "CI_API_V4_URL"
			var ok bool
			if ciURL, ok = strings.CutSuffix(api, "/api/v4"); !ok {
				return nil, envErr(ciVar, "%q does not end with /api/v4", sanitizeCfgURL(api))
			}
		}
	}
	baseURL, urlVar := os.Getenv("GITLAB_URL"), "GITLAB_URL"
	if baseURL == "" {
		baseURL, urlVar = ciURL, ciVar
	}
	var ciOrigin string
	for _, v := range []struct{ name, value string }{{urlVar, baseURL}, {ciVar, ciURL}} {
		if v.value == "" {
			continue
		}
		u, err := url.Parse(v.value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, envErr(v.name, "%q is not an http(s) URL", sanitizeCfgURL(v.value))
		}
		if v.name == ciVar {
			ciOrigin = origin(u)
		}
	}
	var env []Option
	switch {
	case os.Getenv("GITLAB_PRIVATE_TOKEN") != "":
		env = append(env, WithPrivateToken(os.Getenv("GITLAB_PRIVATE_TOKEN")))
	case os.Getenv("GITLAB_TOKEN") != "":
		env = append(env, WithPrivateToken(os.Getenv("GITLAB_TOKEN")))
	case os.Getenv("GITLAB_OAUTH_TOKEN") != "":
		env = append(env, WithOAuthToken(os.Getenv("GITLAB_OAUTH_TOKEN")))
	case os.Getenv("CI_JOB_TOKEN") != "":
		target := baseURL
		if target == "" {
			target = DefaultURL
		}
		u, _ := url.Parse(target)
		if ciOrigin == "" || origin(u) == ciOrigin {
			env = append(env, WithJobToken(os.Getenv("CI_JOB_TOKEN")))
		}
	}
	return New(baseURL, append(env, opts...)...)
}
