package gitlabtest

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// yamlJSON renders a parsed document as JSON, mappings in key order.
func yamlJSON(v any) string {
	switch x := v.(type) {
	case *ymap:
		parts := make([]string, 0, len(x.keys))
		for _, k := range x.keys {
			parts = append(parts, string(marshal(k))+":"+yamlJSON(x.vals[k]))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, yamlJSON(e))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// The YAML subset CI definitions are written in.
func TestParseYAML(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a: 1\nb: true\nc: ~\nd: text # comment\n", `{"a":1,"b":true,"c":null,"d":"text"}`},
		{"list:\n  - x\n  - 'it''s'\n  - \"q: #\"\n", `{"list":["x","it's","q: #"]}`},
		{"list:\n- x\n- y\nnext: 1\n", `{"list":["x","y"],"next":1}`},
		{"flow: [a, \"b, c\", [d]]\nmap: {k: v, n: 2}\n", `{"flow":["a","b, c",["d"]],"map":{"k":"v","n":2}}`},
		{"items:\n  - name: a\n    when: manual\n  - name: b\n", `{"items":[{"name":"a","when":"manual"},{"name":"b"}]}`},
		{"job:\n  script: |\n    echo one\n    echo two\n  after: 1\n", `{"job":{"script":"echo one\necho two\n","after":1}}`},
		{"folded: >\n  a\n  b\n", `{"folded":"a b\n"}`},
		{"---\n# only a comment\nurl: http://x:8080/y\n", `{"url":"http://x:8080/y"}`},
		{"\"quoted key\": v\n", `{"quoted key":"v"}`},
	} {
		v, err := parseYAML(tc.src)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if got := yamlJSON(v); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.src, got, tc.want)
		}
	}
	for _, bad := range []string{"a: [1, 2\n", "a:\n\t- x\n", "a: &anchor 1\n", "just text\n", "a: 'open\n"} {
		if _, err := parseYAML(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// A definition's jobs, in stage order, and GitLab's definition errors.
func TestParseCI(t *testing.T) {
	def, e := parseCI(builtinCI)
	if e != nil {
		t.Fatal(e)
	}
	if got := strings.Join(def.stages, ","); got != ".pre,build,test,deploy,.post" {
		t.Fatalf("stages %s", got)
	}
	if len(def.jobs) != 3 || def.jobs[2].when != "manual" || !def.jobs[2].allowFailure || def.jobs[2].environment != "production" ||
		def.jobs[0].artifacts[0] != "build/output.txt" || !def.jobs[1].junit {
		t.Fatalf("jobs %+v %+v %+v", def.jobs[0], def.jobs[1], def.jobs[2])
	}
	for src, msg := range map[string]string{
		"variables:\n  A: 1\n.hidden:\n  script: x\n": "jobs config should contain at least one visible job",
		"j:\n  stage: nope\n  script: x\n":            "j job: chosen stage nope does not exist; available stages are .pre, build, test, deploy, .post",
		"j:\n  stage: build\n":                        "jobs:j config should implement the script:, run:, or trigger: keyword",
		"j: text\n":                                   "jobs:j config should be a hash",
		"- a\n":                                       "Invalid configuration format",
	} {
		_, e := parseCI(src)
		if e == nil || !strings.Contains(string(e.body), msg) {
			t.Errorf("%q: %v, want %q", src, e, msg)
		}
	}
}

// The next run of a cron expression.
func TestCronNext(t *testing.T) {
	from := time.Date(2024, 5, 10, 12, 30, 0, 0, time.UTC) // a Friday
	for expr, want := range map[string]string{
		"0 2 * * *":      "2024-05-11T02:00",
		"*/15 * * * *":   "2024-05-10T12:45",
		"0 9 * * 1":      "2024-05-13T09:00",
		"30 12 10 5 *":   "2025-05-10T12:30",
		"0 0 1,15 * *":   "2024-05-15T00:00",
		"0 8-10/2 * * *": "2024-05-11T08:00",
	} {
		got, ok := cronNext(expr, "UTC", from)
		if !ok || got.Format("2006-01-02T15:04") != want {
			t.Errorf("%s: %v %v, want %s", expr, got, ok, want)
		}
	}
	for _, bad := range []string{"* * * *", "61 * * * *", "a b c d e", "*/0 * * * *", "5-1 * * * *"} {
		if _, ok := cronNext(bad, "UTC", from); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Statuses fold as GitLab's composite status does.
func TestCompositeStatus(t *testing.T) {
	job := func(st string, allow bool) *item {
		return &item{obj: map[string]any{"status": st, "allow_failure": allow}}
	}
	for _, tc := range []struct {
		jobs []*item
		want string
	}{
		{[]*item{job("success", false), job("manual", true)}, "success"},
		{[]*item{job("success", false), job("failed", true)}, "success"},
		{[]*item{job("success", false), job("failed", false)}, "failed"},
		{[]*item{job("pending", false), job("created", false)}, "pending"},
		{[]*item{job("success", false), job("pending", false)}, "running"},
		{[]*item{job("success", false), job("manual", false)}, "manual"},
		{[]*item{job("canceled", false), job("success", false)}, "canceled"},
		{[]*item{job("skipped", false)}, "skipped"},
		{[]*item{job("success", false), job("created", false)}, "running"},
	} {
		if got := compositeStatus(tc.jobs); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.jobs, got, tc.want)
		}
	}
}

// Environment scopes match environment names, * anywhere.
func TestWildcard(t *testing.T) {
	for _, tc := range []struct {
		pattern, env string
		want         bool
	}{{"*", "production", true}, {"review/*", "review/feature-1", true}, {"review/*", "production", false},
		{"prod", "production", false}, {"*-eu", "prod-eu", true}, {"a.b", "axb", false}} {
		if got := wildcard(tc.pattern, tc.env); got != tc.want {
			t.Errorf("%s ~ %s: %v", tc.pattern, tc.env, got)
		}
	}
}
