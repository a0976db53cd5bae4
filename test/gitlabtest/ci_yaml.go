package gitlabtest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The fake reads a project's .gitlab-ci.yml with a small YAML reader that
// knows the subset CI definitions are usually written in: block mappings and
// sequences, "- key: value" items, flow sequences and mappings on one line
// ([a, b], {a: b}), plain and quoted scalars, literal and folded block
// scalars (| and >) and comments. Anchors, aliases, tags and multi-document
// files are not read (a definition using them fails with a YAML error).

// ymap is a YAML mapping that keeps its keys in order: a pipeline's jobs run
// in the order they are defined within a stage.
type ymap struct {
	keys []string
	vals map[string]any
}

func (m *ymap) get(k string) any {
	if m == nil {
		return nil
	}
	return m.vals[k]
}

func (m *ymap) set(k string, v any) {
	if _, ok := m.vals[k]; !ok {
		m.keys = append(m.keys, k)
	}
	m.vals[k] = v
}

func newYmap() *ymap { return &ymap{vals: map[string]any{}} }

type yline struct {
	indent int
	text   string // without indentation
	raw    string
	num    int
}

// parseYAML reads the subset described above into *ymap, []any, string,
// int, bool and nil values.
func parseYAML(src string) (any, error) {
	var ls []yline
	for i, raw := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		t := strings.TrimLeft(raw, " ")
		if strings.HasPrefix(t, "\t") {
			return nil, fmt.Errorf("line %d: found a tab character where an indentation space is expected", i+1)
		}
		ls = append(ls, yline{indent: len(raw) - len(t), text: strings.TrimRight(t, " \t"), raw: raw, num: i + 1})
	}
	p := &yparser{ls: ls}
	p.skip()
	if p.i >= len(p.ls) {
		return newYmap(), nil
	}
	if strings.HasPrefix(p.ls[p.i].text, "---") {
		p.i++
		p.skip()
	}
	v, err := p.node(0)
	if err != nil {
		return nil, err
	}
	if p.skip(); p.i < len(p.ls) {
		return nil, fmt.Errorf("line %d: did not find expected key", p.ls[p.i].num)
	}
	return v, nil
}

type yparser struct {
	ls []yline
	i  int
}

// skip passes blank and comment lines.
func (p *yparser) skip() {
	for p.i < len(p.ls) && (p.ls[p.i].text == "" || strings.HasPrefix(p.ls[p.i].text, "#")) {
		p.i++
	}
}

func isItem(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

// node reads the block starting at the current line, indented at least min.
func (p *yparser) node(min int) (any, error) {
	p.skip()
	if p.i >= len(p.ls) || p.ls[p.i].indent < min {
		return nil, nil
	}
	if isItem(p.ls[p.i].text) {
		return p.seq(p.ls[p.i].indent)
	}
	return p.mapping(p.ls[p.i].indent)
}

func (p *yparser) seq(indent int) (any, error) {
	out := []any{}
	for p.skip(); p.i < len(p.ls) && p.ls[p.i].indent == indent && isItem(p.ls[p.i].text); p.skip() {
		l := &p.ls[p.i]
		rest := strings.TrimLeft(l.text[1:], " ")
		switch {
		case rest == "":
			p.i++
			v, err := p.node(indent + 1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		case mapKey(rest) != "" && !strings.HasPrefix(rest, "{") && !strings.HasPrefix(rest, "["):
			// "- key: value": a mapping whose first line is the item's.
			l.indent += len(l.text) - len(rest)
			l.text = rest
			v, err := p.mapping(l.indent)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		default:
			v, err := scalar(rest, l.num)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			p.i++
		}
	}
	return out, nil
}

// mapKey returns the key of a "key: value" or "key:" line, "" when the line
// is not a mapping entry.
func mapKey(text string) string {
	if q := text[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(text[1:], q)
		if end < 0 || !strings.HasPrefix(text[end+2:], ":") {
			return ""
		}
		if rest := text[end+3:]; rest != "" && rest[0] != ' ' {
			return ""
		}
		return text[1 : end+1]
	}
	for i := 0; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
			return strings.TrimSpace(text[:i])
		}
		if text[i] == '#' && i > 0 && text[i-1] == ' ' {
			return ""
		}
	}
	return ""
}

func (p *yparser) mapping(indent int) (any, error) {
	m := newYmap()
	for p.skip(); p.i < len(p.ls) && p.ls[p.i].indent == indent && !isItem(p.ls[p.i].text); p.skip() {
		l := p.ls[p.i]
		key := mapKey(l.text)
		if key == "" {
			return nil, fmt.Errorf("line %d: could not find expected ':'", l.num)
		}
		if strings.HasPrefix(key, "&") || strings.HasPrefix(key, "*") || key == "<<" {
			return nil, fmt.Errorf("line %d: anchors and aliases are not supported by the fake", l.num)
		}
		rest := strings.TrimSpace(l.text[strings.Index(l.text, ":")+1:])
		if q := l.text[0]; q == '"' || q == '\'' {
			rest = strings.TrimSpace(l.text[strings.IndexByte(l.text[1:], q)+3:])
		}
		rest = stripComment(rest)
		p.i++
		var v any
		var err error
		switch {
		case rest == "":
			// A nested block, or a sequence at the key's own indentation.
			p.skip()
			if p.i < len(p.ls) && (p.ls[p.i].indent > indent || p.ls[p.i].indent == indent && isItem(p.ls[p.i].text)) {
				v, err = p.node(indent)
			}
		case strings.HasPrefix(rest, "|") || strings.HasPrefix(rest, ">"):
			v = p.block(indent, rest[0] == '>')
		default:
			v, err = scalar(rest, l.num)
		}
		if err != nil {
			return nil, err
		}
		m.set(key, v)
	}
	return m, nil
}

// block reads a literal (|) or folded (>) scalar: the following lines
// indented deeper than the key.
func (p *yparser) block(indent int, folded bool) string {
	var lines []string
	cut := -1
	for ; p.i < len(p.ls); p.i++ {
		l := p.ls[p.i]
		if l.text != "" && l.indent <= indent {
			break
		}
		if cut < 0 && l.text != "" {
			cut = l.indent
		}
		if len(l.raw) > cut && cut >= 0 {
			lines = append(lines, l.raw[cut:])
		} else {
			lines = append(lines, "")
		}
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	sep := "\n"
	if folded {
		sep = " "
	}
	return strings.Join(lines, sep) + "\n"
}

// unquoted calls visit with the index of each byte of s outside quotes,
// until it returns false.
func unquoted(s string, visit func(i int) bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		default:
			if !visit(i) {
				return
			}
		}
	}
}

// stripComment drops a " # comment" outside quotes.
func stripComment(s string) string {
	end := len(s)
	unquoted(s, func(i int) bool {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ') {
			end = i
			return false
		}
		return true
	})
	return strings.TrimSpace(s[:end])
}

// scalar reads a one-line value: quoted, flow collection or plain.
func scalar(s string, num int) (any, error) {
	s = stripComment(s)
	switch {
	case s == "":
		return nil, nil
	case s[0] == '"':
		u, err := strconv.Unquote(s)
		if err != nil {
			return nil, fmt.Errorf("line %d: found unknown escape character or unclosed quote", num)
		}
		return u, nil
	case s[0] == '\'':
		if len(s) < 2 || s[len(s)-1] != '\'' {
			return nil, fmt.Errorf("line %d: found unexpected end of stream", num)
		}
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	case s[0] == '[' || s[0] == '{':
		return flow(s, num)
	case s[0] == '&' || s[0] == '*' || s[0] == '!':
		return nil, fmt.Errorf("line %d: anchors, aliases and tags are not supported by the fake", num)
	}
	switch s {
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	case "null", "Null", "NULL", "~":
		return nil, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	return s, nil
}

// flow reads [a, b] and {a: b} (nested ones too) on one line.
func flow(s string, num int) (any, error) {
	open, end := s[0], map[byte]byte{'[': ']', '{': '}'}[s[0]]
	if s[len(s)-1] != end {
		return nil, fmt.Errorf("line %d: did not find expected ',' or '%c'", num, end)
	}
	var parts []string
	depth, start := 0, 1
	inner := s[:len(s)-1]
	unquoted(inner, func(i int) bool {
		switch c := inner[i]; {
		case i == 0:
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
		return true
	})
	if last := strings.TrimSpace(s[start : len(s)-1]); last != "" || len(parts) > 0 {
		parts = append(parts, s[start:len(s)-1])
	}
	if open == '[' {
		out := []any{}
		for _, part := range parts {
			v, err := scalar(strings.TrimSpace(part), num)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	m := newYmap()
	for _, part := range parts {
		part = strings.TrimSpace(part)
		k := mapKey(part)
		if k == "" {
			return nil, fmt.Errorf("line %d: did not find expected ':' in a flow mapping", num)
		}
		v, err := scalar(strings.TrimSpace(part[strings.Index(part, ":")+1:]), num)
		if err != nil {
			return nil, err
		}
		m.set(k, v)
	}
	return m, nil
}

// ciDef is a pipeline definition: the stages in order and the visible jobs
// in the order they are defined (https://docs.gitlab.com/ci/yaml/).
type ciDef struct {
	stages []string
	jobs   []*ciJob
}

// ciJob is one job of a definition; bridges are jobs with a trigger.
type ciJob struct {
	name, stage   string
	when          string // on_success, on_failure, always, manual
	script        []string
	allowFailure  bool
	tags          []string
	environment   string
	envAction     string // start (default), stop, prepare...
	envURL        string
	resourceGroup string
	artifacts     []string // artifacts:paths
	junit         bool     // artifacts:reports:junit
	coverage      string
	trigger       *ciTrigger
}

// ciTrigger is a bridge's downstream pipeline
// (https://docs.gitlab.com/ci/yaml/#trigger).
type ciTrigger struct {
	project, branch, include string
	depend                   bool
}

// builtinCI is the definition of a project whose repository holds no
// .gitlab-ci.yml at the pipeline's ref: three stages, a build job that keeps
// an artifact, a test job with a JUnit report, and a manual deployment to
// production.
const builtinCI = `stages: [build, test, deploy]
build:
  stage: build
  script: ["echo building", "mkdir -p build && echo ok > build/output.txt"]
  artifacts:
    paths: [build/output.txt]
test:
  stage: test
  script: ["echo testing"]
  artifacts:
    reports:
      junit: report.xml
deploy:
  stage: deploy
  script: ["echo deploying"]
  environment:
    name: production
  when: manual
`

// ciReserved are the top-level keywords that are not jobs
// (https://docs.gitlab.com/ci/yaml/#global-keywords).
var ciReserved = []string{"default", "include", "stages", "variables", "workflow", "image", "services", "cache",
	"before_script", "after_script", "spec"}

// ciError is a definition error, answered as GitLab does when creating a
// pipeline: 400 {"message":{"base":[...]}}.
func ciError(msg string) *apiError { return objErr(400, map[string]any{"base": []string{msg}}) }

// parseCI reads a definition and checks what GitLab's linter checks first:
// valid YAML, stages that exist, a script or trigger in each job, at least
// one visible job.
func parseCI(src string) (*ciDef, *apiError) {
	v, err := parseYAML(src)
	if err != nil {
		return nil, ciError("(<unknown>): " + err.Error())
	}
	top, ok := v.(*ymap)
	if !ok {
		return nil, ciError("Invalid configuration format")
	}
	def := &ciDef{stages: []string{"build", "test", "deploy"}}
	if s, ok := top.get("stages").([]any); ok {
		def.stages = ciStrings(s)
	}
	def.stages = append(append([]string{".pre"}, def.stages...), ".post")
	for _, name := range top.keys {
		if slices.Contains(ciReserved, name) || strings.HasPrefix(name, ".") {
			continue
		}
		m, ok := top.get(name).(*ymap)
		if !ok {
			return nil, ciError("jobs:" + name + " config should be a hash")
		}
		j, e := ciJobOf(name, m, def.stages)
		if e != nil {
			return nil, e
		}
		def.jobs = append(def.jobs, j)
	}
	if len(def.jobs) == 0 {
		return nil, ciError("jobs config should contain at least one visible job")
	}
	return def, nil
}

func ciJobOf(name string, m *ymap, stages []string) (*ciJob, *apiError) {
	j := &ciJob{name: name, stage: "test", when: "on_success"}
	if s, ok := m.get("stage").(string); ok {
		j.stage = s
	}
	if !slices.Contains(stages, j.stage) {
		return nil, ciError(name + " job: chosen stage " + j.stage + " does not exist; available stages are " +
			strings.Join(stages, ", "))
	}
	switch s := m.get("script").(type) {
	case string:
		j.script = []string{s}
	case []any:
		j.script = ciStrings(s)
	}
	if w, ok := m.get("when").(string); ok {
		j.when = w
	}
	j.allowFailure = j.when == "manual" // manual jobs may fail by default
	if b, ok := m.get("allow_failure").(bool); ok {
		j.allowFailure = b
	}
	if t, ok := m.get("tags").([]any); ok {
		j.tags = ciStrings(t)
	}
	switch e := m.get("environment").(type) {
	case string:
		j.environment, j.envAction = e, "start"
	case *ymap:
		j.environment, j.envAction = anyString(e.get("name")), "start"
		if a, ok := e.get("action").(string); ok {
			j.envAction = a
		}
		j.envURL = anyString(e.get("url"))
	}
	if rg, ok := m.get("resource_group").(string); ok {
		j.resourceGroup = rg
	}
	if a, ok := m.get("artifacts").(*ymap); ok {
		if ps, ok := a.get("paths").([]any); ok {
			j.artifacts = ciStrings(ps)
		}
		if r, ok := a.get("reports").(*ymap); ok && r.get("junit") != nil {
			j.junit = true
		}
	}
	if c, ok := m.get("coverage").(string); ok {
		j.coverage = c
	}
	switch t := m.get("trigger").(type) {
	case string:
		j.trigger = &ciTrigger{project: t}
	case *ymap:
		j.trigger = &ciTrigger{project: anyString(t.get("project")), branch: anyString(t.get("branch")),
			depend: t.get("strategy") == "depend"}
		switch inc := t.get("include").(type) {
		case string:
			j.trigger.include = inc
		case []any:
			if len(inc) > 0 {
				if im, ok := inc[0].(*ymap); ok {
					j.trigger.include = anyString(im.get("local"))
				} else {
					j.trigger.include = anyString(inc[0])
				}
			}
		}
	}
	if j.trigger == nil && len(j.script) == 0 && m.get("run") == nil {
		return nil, ciError("jobs:" + name + " config should implement the script:, run:, or trigger: keyword")
	}
	return j, nil
}

func ciStrings(v []any) []string {
	out := make([]string, 0, len(v))
	for _, x := range v {
		out = append(out, anyString(x))
	}
	return out
}
