package gitlab_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab"
)

// writeCfg writes a configuration file in a temp dir and returns its path.
func writeCfg(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "python-gitlab.cfg")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeScript writes an executable shell script in dir.
func writeScript(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

// noConfigEnv isolates a test from the machine's configuration files.
func noConfigEnv(t *testing.T) {
	t.Setenv("PYTHON_GITLAB_CFG", "")
	t.Setenv("HOME", t.TempDir())
}

// loadCfg is LoadConfig that fails the test on error.
func loadCfg(t *testing.T, id string, files ...string) *gitlab.Config {
	t.Helper()
	cfg, err := gitlab.LoadConfig(id, files)
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	return cfg
}

// configErr checks that err is a *ConfigError of the kind, naming the file,
// section and key (when given) in its fields and its message, and that it
// is not a *gitlab.Error.
func configErr(t *testing.T, err error, kind error, file, section, key string) *gitlab.ConfigError {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("err = %v, want kind %v", err, kind)
	}
	var ce *gitlab.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %T, want *gitlab.ConfigError", err)
	}
	if errors.As(err, new(*gitlab.Error)) {
		t.Fatal("a configuration error is a *gitlab.Error")
	}
	for _, kind2 := range []error{gitlab.ErrConfigMissing, gitlab.ErrConfigID, gitlab.ErrConfigData, gitlab.ErrConfigHelper} {
		if kind2 != kind && errors.Is(err, kind2) {
			t.Errorf("err also matches %v", kind2)
		}
	}
	msg := err.Error()
	if file != "" && (!strings.Contains(ce.File, file) || !strings.Contains(msg, file)) {
		t.Errorf("file: field %q, message %q; want %q", ce.File, msg, file)
	}
	if section != "" && (ce.Section != section || !strings.Contains(msg, "["+section+"]")) {
		t.Errorf("section: field %q, message %q; want %q", ce.Section, msg, section)
	}
	if key != "" && (ce.Key != key || !strings.Contains(msg, key)) {
		t.Errorf("key: field %q, message %q; want %q", ce.Key, msg, key)
	}
	return ce
}

func TestConfigEveryKey(t *testing.T) {
	noEnvCA(t)
	p := newPKI(t)
	srv, rec := newConnGitLab(t)
	path := writeCfg(t, fmt.Sprintf(`[global]
default = work
ssl_verify = %s
timeout = 7
per_page = 42
api_version = 4
user_agent = my-agent/1.0
keep_base_url = yes
retry_transient_errors = on

[work]
url = %s
private_token = cfg-private-secret
pagination = keyset
order_by = id
`, p.caFile, srv.URL))

	cfg := loadCfg(t, "", path)
	want := gitlab.Config{
		ID: "work", Files: []string{path}, URL: srv.URL, PrivateToken: "cfg-private-secret",
		SSLVerify: true, CABundle: p.caFile, Timeout: 7 * time.Second, APIVersion: "4", PerPage: 42,
		Pagination: "keyset", OrderBy: "id", UserAgent: "my-agent/1.0", KeepBaseURL: true, RetryTransientErrors: true,
	}
	if !configEqual(*cfg, want) {
		t.Fatalf("LoadConfig:\n got %+v\nwant %+v", *cfg, want)
	}

	gl, err := gitlab.FromConfig("", []string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer gl.Close()
	if gl.URL() != srv.URL {
		t.Fatalf("URL = %q", gl.URL())
	}
	if _, err := gl.Projects.List(connCtx(t), nil); err != nil {
		t.Fatal(err)
	}
	got := rec.last(t)
	if got.Header.Get("PRIVATE-TOKEN") != "cfg-private-secret" || got.Header.Get("User-Agent") != "my-agent/1.0" {
		t.Fatalf("headers: %v", got.Header)
	}
	for _, q := range []string{"per_page=42", "pagination=keyset", "order_by=id"} {
		if !strings.Contains(got.RawQuery, q) {
			t.Errorf("query %q lacks %s", got.RawQuery, q)
		}
	}
}

// configEqual compares configurations (Config holds a slice).
func configEqual(a, b gitlab.Config) bool {
	return fmt.Sprintf("%#v", redact(a)) == fmt.Sprintf("%#v", redact(b)) &&
		a.PrivateToken == b.PrivateToken && a.OAuthToken == b.OAuthToken && a.JobToken == b.JobToken &&
		a.HTTPPassword == b.HTTPPassword
}

// redact is the configuration without secrets, printable by %#v.
func redact(c gitlab.Config) gitlab.Config {
	c.PrivateToken, c.OAuthToken, c.JobToken, c.HTTPPassword = "", "", "", ""
	return c
}

func TestConfigDefaults(t *testing.T) {
	path := writeCfg(t, "[global]\ndefault = a\n[a]\nurl = https://gitlab.example.com/\n")
	cfg := loadCfg(t, "", path)
	want := gitlab.Config{ID: "a", Files: []string{path}, URL: "https://gitlab.example.com/", SSLVerify: true,
		Timeout: 60 * time.Second, APIVersion: "4", UserAgent: "golab-gitlab/" + gitlab.LibraryVersion}
	if !configEqual(*cfg, want) {
		t.Fatalf("\n got %+v\nwant %+v", *cfg, want)
	}
	gl, err := gitlab.FromConfig("a", []string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer gl.Close()
	if gl.URL() != "https://gitlab.example.com" {
		t.Fatalf("URL = %q (trailing slash not stripped)", gl.URL())
	}
}

func TestConfigGlobalVsSectionPrecedence(t *testing.T) {
	caFile := newPKI(t).caFile
	cases := []struct {
		key, global, section string
		check                func(c *gitlab.Config) string
		want                 string
	}{
		{"timeout", "5", "9", func(c *gitlab.Config) string { return c.Timeout.String() }, "9s"},
		{"timeout", "5", "", func(c *gitlab.Config) string { return c.Timeout.String() }, "5s"},
		{"timeout", "", "9", func(c *gitlab.Config) string { return c.Timeout.String() }, "9s"},
		{"per_page", "10", "20", func(c *gitlab.Config) string { return fmt.Sprint(c.PerPage) }, "20"},
		{"per_page", "10", "", func(c *gitlab.Config) string { return fmt.Sprint(c.PerPage) }, "10"},
		{"user_agent", "g/1", "s/1", func(c *gitlab.Config) string { return c.UserAgent }, "s/1"},
		{"user_agent", "g/1", "", func(c *gitlab.Config) string { return c.UserAgent }, "g/1"},
		{"ssl_verify", "false", "true", func(c *gitlab.Config) string { return fmt.Sprintf("%v %s", c.SSLVerify, c.CABundle) }, "true "},
		{"ssl_verify", "true", "false", func(c *gitlab.Config) string { return fmt.Sprintf("%v %s", c.SSLVerify, c.CABundle) }, "false "},
		{"ssl_verify", "false", "", func(c *gitlab.Config) string { return fmt.Sprintf("%v %s", c.SSLVerify, c.CABundle) }, "false "},
		{"ssl_verify", caFile, "true", func(c *gitlab.Config) string { return fmt.Sprintf("%v %s", c.SSLVerify, c.CABundle) }, "true "},
		{"ssl_verify", "false", caFile, func(c *gitlab.Config) string { return fmt.Sprintf("%v %s", c.SSLVerify, c.CABundle) }, "true " + caFile},
		{"keep_base_url", "true", "false", func(c *gitlab.Config) string { return fmt.Sprint(c.KeepBaseURL) }, "false"},
		{"keep_base_url", "true", "", func(c *gitlab.Config) string { return fmt.Sprint(c.KeepBaseURL) }, "true"},
		{"retry_transient_errors", "false", "true", func(c *gitlab.Config) string { return fmt.Sprint(c.RetryTransientErrors) }, "true"},
		{"retry_transient_errors", "true", "", func(c *gitlab.Config) string { return fmt.Sprint(c.RetryTransientErrors) }, "true"},
		{"retry_transient_errors", "true", "no", func(c *gitlab.Config) string { return fmt.Sprint(c.RetryTransientErrors) }, "false"},
		// Only the final value must be 4.
		{"api_version", "3", "4", func(c *gitlab.Config) string { return c.APIVersion }, "4"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s global=%q section=%q", tc.key, tc.global, tc.section), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("[global]\ndefault = s\n")
			if tc.global != "" {
				fmt.Fprintf(&b, "%s = %s\n", tc.key, tc.global)
			}
			b.WriteString("[s]\nurl = https://gitlab.example.com\n")
			if tc.section != "" {
				fmt.Fprintf(&b, "%s = %s\n", tc.key, tc.section)
			}
			cfg := loadCfg(t, "", writeCfg(t, b.String()))
			if got := tc.check(cfg); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("api_version 3 in the section wins over 4 in global", func(t *testing.T) {
		path := writeCfg(t, "[global]\ndefault = s\napi_version = 4\n[s]\nurl = https://x.example\napi_version = 3\n")
		_, err := gitlab.LoadConfig("", []string{path})
		configErr(t, err, gitlab.ErrConfigData, path, "s", "api_version")
	})
}

func TestConfigSectionOnlyKeys(t *testing.T) {
	// url, tokens, basic auth, pagination and order_by are read from the
	// server's section only, as python-gitlab does.
	path := writeCfg(t, `[global]
default = s
url = https://global.example
private_token = global-secret
http_username = u
http_password = global-pw
pagination = keyset
order_by = id

[s]
url = https://section.example
`)
	cfg := loadCfg(t, "", path)
	if cfg.URL != "https://section.example" || cfg.PrivateToken != "" || cfg.HTTPUsername != "" ||
		cfg.HTTPPassword != "" || cfg.Pagination != "" || cfg.OrderBy != "" {
		t.Fatalf("keys of [global] leaked into the server's configuration: %+v", *cfg)
	}
}

func TestConfigBooleans(t *testing.T) {
	for value, want := range map[string]bool{
		"true": true, "True": true, "YES": true, "on": true, "1": true,
		"false": false, "FALSE": false, "no": false, "Off": false, "0": false,
	} {
		path := writeCfg(t, fmt.Sprintf("[s]\nurl = https://x.example\nkeep_base_url = %[1]s\nretry_transient_errors = %[1]s\nssl_verify = %[1]s\n", value))
		cfg := loadCfg(t, "s", path)
		if cfg.KeepBaseURL != want || cfg.RetryTransientErrors != want || cfg.SSLVerify != want || cfg.CABundle != "" {
			t.Errorf("%q: %+v", value, *cfg)
		}
	}
	for _, key := range []string{"keep_base_url", "retry_transient_errors"} {
		path := writeCfg(t, fmt.Sprintf("[s]\nurl = https://x.example\n%s = maybe\n", key))
		_, err := gitlab.LoadConfig("s", []string{path})
		configErr(t, err, gitlab.ErrConfigData, path, "s", key)
		if !strings.Contains(err.Error(), "not a boolean") || !strings.Contains(err.Error(), "maybe") {
			t.Errorf("message: %v", err)
		}
	}
	// A non-boolean ssl_verify is a CA bundle path, which must exist.
	path := writeCfg(t, "[global]\nssl_verify = maybe\n[s]\nurl = https://x.example\n")
	_, err := gitlab.LoadConfig("s", []string{path})
	configErr(t, err, gitlab.ErrConfigData, path, "global", "ssl_verify")
	if !strings.Contains(err.Error(), "neither a boolean") {
		t.Errorf("message: %v", err)
	}
}

func TestConfigSSLVerifyAgainstTLSServer(t *testing.T) {
	noEnvCA(t)
	p := newPKI(t)
	srv, _ := newTLSGitLab(t, p, false)
	ctx := connCtx(t)
	for _, tc := range []struct {
		value  string
		wantOK bool
	}{{p.caFile, true}, {p.caDir, true}, {"false", true}, {"true", false}} {
		path := writeCfg(t, fmt.Sprintf("[s]\nurl = %s\nssl_verify = %s\n", srv.URL, tc.value))
		gl, err := gitlab.FromConfig("s", []string{path})
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = gl.Version(ctx)
		if (err == nil) != tc.wantOK {
			t.Errorf("ssl_verify = %s: err = %v, want ok=%v", tc.value, err, tc.wantOK)
		}
		gl.Close()
	}
}

func TestConfigErrors(t *testing.T) {
	noConfigEnv(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.cfg")
	cases := []struct {
		name, content, id   string
		kind                error
		section, key, words string
	}{
		{"no default", "[global]\ntimeout = 5\n[a]\nurl = https://x.example\n", "", gitlab.ErrConfigID, "global", "default", "no GitLab id"},
		{"no global at all", "[a]\nurl = https://x.example\n", "", gitlab.ErrConfigID, "global", "default", "no GitLab id"},
		{"id not a section", "[a]\nurl = https://x.example\n", "b", gitlab.ErrConfigData, "b", "", "no such section"},
		{"default names a missing section", "[global]\ndefault = b\n[a]\nurl = https://x.example\n", "", gitlab.ErrConfigData, "b", "", "[global] default"},
		{"missing url", "[a]\nprivate_token = t\n", "a", gitlab.ErrConfigData, "a", "url", "missing"},
		{"empty url", "[a]\nurl =\n", "a", gitlab.ErrConfigData, "a", "url", "empty"},
		{"url not http", "[a]\nurl = ftp://x.example\n", "a", gitlab.ErrConfigData, "a", "url", "not an http(s) URL"},
		{"bad timeout", "[a]\nurl = https://x.example\ntimeout = soon\n", "a", gitlab.ErrConfigData, "a", "timeout", `"soon"`},
		{"negative timeout", "[global]\ntimeout = -1\n[a]\nurl = https://x.example\n", "a", gitlab.ErrConfigData, "global", "timeout", "positive"},
		{"bad per_page", "[a]\nurl = https://x.example\nper_page = lots\n", "a", gitlab.ErrConfigData, "a", "per_page", "not a number"},
		{"per_page 0", "[a]\nurl = https://x.example\nper_page = 0\n", "a", gitlab.ErrConfigData, "a", "per_page", "between 1 and 100"},
		{"per_page 101", "[global]\nper_page = 101\n[a]\nurl = https://x.example\n", "a", gitlab.ErrConfigData, "global", "per_page", "between 1 and 100"},
		{"api_version 3", "[a]\nurl = https://x.example\napi_version = 3\n", "a", gitlab.ErrConfigData, "a", "api_version", "only 4"},
		{"two tokens", "[a]\nurl = https://x.example\nprivate_token = sec-one\njob_token = sec-two\n", "a", gitlab.ErrConfigData, "a", "private_token, job_token", "only one"},
		{"username without password", "[a]\nurl = https://x.example\nhttp_username = u\n", "a", gitlab.ErrConfigData, "a", "http_username", "http_password"},
		{"password without username", "[a]\nurl = https://x.example\nhttp_password = sec-pw\n", "a", gitlab.ErrConfigData, "a", "http_password", "http_username"},
		{"token and basic auth", "[a]\nurl = https://x.example\noauth_token = sec-one\nhttp_username = u\nhttp_password = sec-pw\n", "a", gitlab.ErrConfigData, "a", "oauth_token, http_username", "cannot be combined"},
		{"bad interpolation", "[a]\nurl = https://x.example\nprivate_token = sec%zret\n", "a", gitlab.ErrConfigData, "a", "private_token", "%%"},
		{"unknown reference", "[a]\nurl = https://x.example\nprivate_token = %(nope)s\n", "a", gitlab.ErrConfigData, "a", "private_token", "nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeCfg(t, tc.content)
			_, err := gitlab.LoadConfig(tc.id, []string{path})
			configErr(t, err, tc.kind, path, tc.section, tc.key)
			if !strings.Contains(err.Error(), tc.words) {
				t.Errorf("message %q lacks %q", err, tc.words)
			}
			assertNoSecret(t, "error", err.Error(), "sec-one", "sec-two", "sec-pw", "sec%zret")
			// FromConfig returns the same error and no client.
			if gl, err2 := gitlab.FromConfig(tc.id, []string{path}); gl != nil || err2 == nil || err2.Error() != err.Error() {
				t.Errorf("FromConfig: %v, %v", gl, err2)
			}
		})
	}
	t.Run("missing explicit file", func(t *testing.T) {
		_, err := gitlab.LoadConfig("", []string{missing})
		configErr(t, err, gitlab.ErrConfigMissing, missing, "", "")
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err does not match os.ErrNotExist: %v", err)
		}
	})
	t.Run("one of several explicit files missing", func(t *testing.T) {
		ok := writeCfg(t, "[a]\nurl = https://x.example\n")
		_, err := gitlab.LoadConfig("a", []string{ok, missing})
		configErr(t, err, gitlab.ErrConfigMissing, missing, "", "")
	})
	t.Run("syntax error shows the line number, not the line", func(t *testing.T) {
		path := writeCfg(t, "[a]\nurl = https://x.example\n\nglpat-leaked-secret\n")
		_, err := gitlab.LoadConfig("a", []string{path})
		configErr(t, err, gitlab.ErrConfigData, path, "", "")
		if !strings.Contains(err.Error(), "line 4") {
			t.Errorf("message %q lacks the line number", err)
		}
		assertNoSecret(t, "error", err.Error(), "glpat-leaked-secret")
	})
	t.Run("unclosed section", func(t *testing.T) {
		path := writeCfg(t, "[a\nurl = https://x.example\n")
		_, err := gitlab.LoadConfig("a", []string{path})
		configErr(t, err, gitlab.ErrConfigData, path, "", "")
		if !strings.Contains(err.Error(), "line 1") {
			t.Errorf("message %q lacks the line number", err)
		}
	})
}

func TestConfigFileDiscovery(t *testing.T) {
	if _, err := os.Stat("/etc/python-gitlab.cfg"); err == nil {
		t.Skip("/etc/python-gitlab.cfg exists on this machine")
	}
	t.Run("nothing found: gitlab.com defaults", func(t *testing.T) {
		noConfigEnv(t)
		cfg := loadCfg(t, "")
		if cfg.URL != gitlab.DefaultURL || cfg.Timeout != 60*time.Second || cfg.ID != "" || len(cfg.Files) != 0 || !cfg.SSLVerify {
			t.Fatalf("%+v", *cfg)
		}
		gl, err := gitlab.FromConfig("", nil)
		if err != nil || gl.URL() != gitlab.DefaultURL {
			t.Fatalf("FromConfig: %v, %v", gl, err)
		}
		gl.Close()
	})
	t.Run("an id but no file", func(t *testing.T) {
		noConfigEnv(t)
		_, err := gitlab.LoadConfig("work", nil)
		configErr(t, err, gitlab.ErrConfigMissing, "", "work", "")
	})
	t.Run("the user's file", func(t *testing.T) {
		noConfigEnv(t)
		home := os.Getenv("HOME")
		if err := os.WriteFile(filepath.Join(home, ".python-gitlab.cfg"),
			[]byte("[global]\ndefault = home\n[home]\nurl = https://home.example\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg := loadCfg(t, "")
		if cfg.URL != "https://home.example" || cfg.Files[0] != filepath.Join(home, ".python-gitlab.cfg") {
			t.Fatalf("%+v", *cfg)
		}
	})
	t.Run("PYTHON_GITLAB_CFG", func(t *testing.T) {
		noConfigEnv(t)
		home := os.Getenv("HOME")
		if err := os.WriteFile(filepath.Join(home, ".python-gitlab.cfg"),
			[]byte("[global]\ndefault = home\n[home]\nurl = https://home.example\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		env := writeCfg(t, "[global]\ndefault = env\n[env]\nurl = https://env.example\n")
		t.Setenv("PYTHON_GITLAB_CFG", env)
		if cfg := loadCfg(t, ""); cfg.URL != "https://env.example" || len(cfg.Files) != 1 {
			t.Fatalf("%+v", *cfg)
		}
		// Explicit files win over PYTHON_GITLAB_CFG.
		explicit := writeCfg(t, "[global]\ndefault = x\n[x]\nurl = https://explicit.example\n")
		if cfg := loadCfg(t, "", explicit); cfg.URL != "https://explicit.example" {
			t.Fatalf("%+v", *cfg)
		}
		missing := filepath.Join(t.TempDir(), "gone.cfg")
		t.Setenv("PYTHON_GITLAB_CFG", missing)
		_, err := gitlab.LoadConfig("", nil)
		ce := configErr(t, err, gitlab.ErrConfigMissing, missing, "", "")
		if !strings.Contains(ce.Error(), "PYTHON_GITLAB_CFG") {
			t.Errorf("message %q does not name PYTHON_GITLAB_CFG", ce)
		}
	})
}

func TestConfigLaterFilesOverride(t *testing.T) {
	first := writeCfg(t, "[global]\ndefault = a\n[a]\nurl = https://first.example\ntimeout = 5\nprivate_token = first-token\n")
	second := writeCfg(t, "[a]\ntimeout = 9\n")
	cfg := loadCfg(t, "", first, second)
	if cfg.URL != "https://first.example" || cfg.Timeout != 9*time.Second || cfg.PrivateToken != "first-token" {
		t.Fatalf("%+v", *cfg)
	}
	// An error names the file the bad value comes from.
	bad := writeCfg(t, "[a]\nper_page = 500\n")
	_, err := gitlab.LoadConfig("", []string{first, bad})
	configErr(t, err, gitlab.ErrConfigData, bad, "a", "per_page")
	if strings.Contains(err.Error(), first) {
		t.Errorf("the error names the wrong file: %v", err)
	}
}

func TestConfigPythonSyntax(t *testing.T) {
	// What Python's configparser accepts: [DEFAULT], ":" delimiters, key
	// names in any case, %-interpolation, comments on their own lines only,
	// quotes kept, uniformly indented keys.
	path := writeCfg(t, `[DEFAULT]
timeout = 11
host = gitlab.example.com

[global]
default = work

; a comment
[work]
  URL: https://%(host)s/
  Private_Token = abc%%def#not-a-comment ;neither
  # a comment line
  user_agent = "quoted agent"
  http_username =
`)
	cfg := loadCfg(t, "", path)
	if cfg.URL != "https://gitlab.example.com/" || cfg.PrivateToken != "abc%def#not-a-comment ;neither" ||
		cfg.Timeout != 11*time.Second || cfg.UserAgent != `"quoted agent"` || cfg.HTTPUsername != "" {
		t.Fatalf("%+v / token %q", *cfg, cfg.PrivateToken)
	}
	// A [DEFAULT] section alone does not make a section exist.
	_, err := gitlab.LoadConfig("DEFAULT", []string{path})
	configErr(t, err, gitlab.ErrConfigData, path, "DEFAULT", "")
}

func TestConfigHelper(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("HELPER_ARG", "alpha")
	writeScript(t, home, "token.sh", `printf '%s\n\n' "tok-$1-$2"`+"\n")
	writeScript(t, home, "password.sh", "echo '  pw-from-helper  '\n")
	srv, rec := newConnGitLab(t)

	path := writeCfg(t, fmt.Sprintf(`[global]
default = a
[a]
url = %s
private_token = helper: ~/token.sh "$HELPER_ARG" 'two words'
[b]
url = %[1]s
http_username = me
http_password = HELPER:   $HOME/password.sh
[c]
url = %[1]s
oauth_token = helper: ${HOME}/token.sh $UNDEFINED_GOLAB_VAR \$HELPER_ARG
`, srv.URL))

	cfg := loadCfg(t, "a", path)
	if cfg.PrivateToken != "tok-alpha-two words" {
		t.Fatalf("private_token from helper = %q", cfg.PrivateToken)
	}
	gl, err := gitlab.FromConfig("a", []string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer gl.Close()
	if _, _, err := gl.Version(connCtx(t)); err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).Header.Get("PRIVATE-TOKEN"); got != "tok-alpha-two words" {
		t.Fatalf("PRIVATE-TOKEN = %q", got)
	}
	if cfg := loadCfg(t, "b", path); cfg.HTTPPassword != "pw-from-helper" || cfg.HTTPUsername != "me" {
		t.Fatalf("http_password from helper = %q", cfg.HTTPPassword)
	}
	// Unknown variables stay as they are (Python's expandvars); known ones
	// are expanded after the split, so even an escaped $ is.
	if cfg := loadCfg(t, "c", path); cfg.OAuthToken != "tok-$UNDEFINED_GOLAB_VAR-alpha" {
		t.Fatalf("oauth_token from helper = %q", cfg.OAuthToken)
	}
}

func TestConfigHelperFailure(t *testing.T) {
	dir := t.TempDir()
	fail := writeScript(t, dir, "fail.sh", "echo helper-stdout-secret\necho 'vault is sealed' >&2\nexit 3\n")
	empty := writeScript(t, dir, "empty.sh", "exit 0\n")
	cases := []struct{ name, value, key, words string }{
		{"non-zero exit", "helper: " + fail, "private_token", "vault is sealed"},
		{"exit status", "helper: " + fail, "job_token", "exit status 3"},
		{"not found", "helper: " + filepath.Join(dir, "nope.sh"), "oauth_token", "nope.sh"},
		{"empty output", "helper: " + empty, "private_token", "printed nothing"},
		{"empty command", "helper:   ", "private_token", "empty"},
		{"unclosed quote", `helper: "` + fail, "private_token", "quotation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeCfg(t, fmt.Sprintf("[a]\nurl = https://x.example\n%s = %s\n", tc.key, tc.value))
			_, err := gitlab.LoadConfig("a", []string{path})
			configErr(t, err, gitlab.ErrConfigHelper, path, "a", tc.key)
			if !strings.Contains(err.Error(), tc.words) {
				t.Errorf("message %q lacks %q", err, tc.words)
			}
			assertNoSecret(t, "error", err.Error(), "helper-stdout-secret")
		})
	}
	t.Run("http_password", func(t *testing.T) {
		path := writeCfg(t, "[a]\nurl = https://x.example\nhttp_username = u\nhttp_password = helper: "+fail+"\n")
		_, err := gitlab.LoadConfig("a", []string{path})
		configErr(t, err, gitlab.ErrConfigHelper, path, "a", "http_password")
	})
}

func TestConfigTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	path := writeCfg(t, fmt.Sprintf("[a]\nurl = %s\ntimeout = 1\n", srv.URL))
	gl, err := gitlab.FromConfig("a", []string{path})
	if err != nil {
		t.Fatal(err)
	}
	defer gl.Close()
	start := time.Now()
	_, _, err = gl.Version(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 5*time.Second {
		t.Fatalf("the request ended after %v, want about 1s", d)
	}
}

func TestConfigFormatMasksSecrets(t *testing.T) {
	path := writeCfg(t, `[a]
url = https://x.example
private_token = fmt-private-secret
[b]
url = https://x.example
http_username = fmt-user
http_password = fmt-password-secret
`)
	for _, id := range []string{"a", "b"} {
		cfg := loadCfg(t, id, path)
		printed := fmt.Sprintf("%v %+v %#v %s %v %+v", cfg, cfg, *cfg, *cfg, []*gitlab.Config{cfg}, struct{ C gitlab.Config }{*cfg})
		js, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		buf := &connLogBuf{}
		slog.New(slog.NewTextHandler(buf, nil)).Info("cfg", "config", cfg, "value", *cfg)
		slog.New(slog.NewJSONHandler(buf, nil)).Info("cfg", "config", cfg)
		all := printed + string(js) + buf.String()
		assertNoSecret(t, "printed configuration", all, "fmt-private-secret", "fmt-password-secret")
		if !strings.Contains(printed, "[MASKED]") || !strings.Contains(printed, "https://x.example") {
			t.Fatalf("printed: %s", printed)
		}
	}
	if cfg := loadCfg(t, "b", path); !strings.Contains(fmt.Sprintf("%+v", cfg), "fmt-user") {
		t.Fatal("the user name, not a secret, is masked too")
	}
}

func TestFromEnv(t *testing.T) {
	srv, rec := newConnGitLab(t)
	other, _ := newConnGitLab(t)
	otherCI := localhostURL(t, other.URL)
	vars := []string{"GITLAB_URL", "GITLAB_TOKEN", "GITLAB_PRIVATE_TOKEN", "GITLAB_OAUTH_TOKEN",
		"CI_SERVER_URL", "CI_API_V4_URL", "CI_JOB_TOKEN"}
	cases := []struct {
		name    string
		env     map[string]string
		wantURL string
		header  string // header that must carry want
		want    string
	}{
		{"CI job", map[string]string{"CI_SERVER_URL": srv.URL, "CI_JOB_TOKEN": "env-job"}, srv.URL, "JOB-TOKEN", "env-job"},
		{"CI_API_V4_URL", map[string]string{"CI_API_V4_URL": srv.URL + "/api/v4/", "CI_JOB_TOKEN": "env-job"}, srv.URL, "JOB-TOKEN", "env-job"},
		{"GITLAB_URL and GITLAB_TOKEN", map[string]string{"GITLAB_URL": srv.URL, "GITLAB_TOKEN": "env-pat"}, srv.URL, "PRIVATE-TOKEN", "env-pat"},
		{"private token beats the job token", map[string]string{"CI_SERVER_URL": srv.URL, "CI_JOB_TOKEN": "env-job", "GITLAB_TOKEN": "env-pat"},
			srv.URL, "PRIVATE-TOKEN", "env-pat"},
		{"GITLAB_PRIVATE_TOKEN beats GITLAB_TOKEN", map[string]string{"GITLAB_URL": srv.URL, "GITLAB_TOKEN": "env-pat", "GITLAB_PRIVATE_TOKEN": "env-pat2"},
			srv.URL, "PRIVATE-TOKEN", "env-pat2"},
		{"OAuth", map[string]string{"GITLAB_URL": srv.URL, "GITLAB_OAUTH_TOKEN": "env-oauth"}, srv.URL, "Authorization", "Bearer env-oauth"},
		{"GITLAB_URL beats CI_SERVER_URL", map[string]string{"GITLAB_URL": srv.URL, "CI_SERVER_URL": otherCI, "GITLAB_TOKEN": "env-pat"},
			srv.URL, "PRIVATE-TOKEN", "env-pat"},
		{"the job token stays on the CI server", map[string]string{"GITLAB_URL": srv.URL, "CI_SERVER_URL": otherCI, "CI_JOB_TOKEN": "env-job"},
			srv.URL, "JOB-TOKEN", ""},
		{"nothing: gitlab.com", map[string]string{}, gitlab.DefaultURL, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, v := range vars {
				t.Setenv(v, tc.env[v])
			}
			gl, err := gitlab.FromEnv(gitlab.WithUserAgent("env-agent"))
			if err != nil {
				t.Fatal(err)
			}
			defer gl.Close()
			if gl.URL() != tc.wantURL {
				t.Fatalf("URL = %q, want %q", gl.URL(), tc.wantURL)
			}
			if tc.wantURL != srv.URL {
				return
			}
			if _, _, err := gl.Version(connCtx(t)); err != nil {
				t.Fatal(err)
			}
			got := rec.last(t).Header
			if got.Get("User-Agent") != "env-agent" {
				t.Errorf("options given to FromEnv were not applied: %v", got)
			}
			if got.Get(tc.header) != tc.want {
				t.Errorf("%s = %q, want %q", tc.header, got.Get(tc.header), tc.want)
			}
			for _, h := range []string{"PRIVATE-TOKEN", "JOB-TOKEN", "Authorization"} {
				if h != tc.header && got.Get(h) != "" {
					t.Errorf("unexpected %s: %q", h, got.Get(h))
				}
			}
		})
	}
	for _, tc := range []struct{ name, value string }{
		{"CI_API_V4_URL", "https://ci.example/api/v3"},
		{"GITLAB_URL", "ftp://user:env-url-secret@x.example"},
		{"CI_SERVER_URL", "not a url"},
	} {
		t.Run("bad "+tc.name, func(t *testing.T) {
			for _, v := range vars {
				t.Setenv(v, "")
			}
			t.Setenv(tc.name, tc.value)
			t.Setenv("CI_JOB_TOKEN", "env-job-secret")
			_, err := gitlab.FromEnv()
			configErr(t, err, gitlab.ErrConfigData, "", "", tc.name)
			assertNoSecret(t, "error", err.Error(), "env-url-secret", "env-job-secret")
		})
	}
}
