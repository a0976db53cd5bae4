// Command readmegen writes the generated tables of README.md from the
// declarations (managers.Builtins()) and the reference facts kept in
// managers/testdata: the coverage of python-gitlab's and GitLab's official
// Go client's endpoints by area, and python-gitlab's method names with their
// Go names. go generate runs it (see managers/managers.go); each table sits
// between <!-- name:begin --> and <!-- name:end --> lines.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/internal/pymethods"
	"github.com/golab/gitlab/managers"
)

func main() {
	readme := flag.String("readme", "../README.md", "the README to rewrite")
	testdata := flag.String("testdata", "testdata", "the directory of the reference facts")
	flag.Parse()
	if err := run(*readme, *testdata); err != nil {
		fmt.Fprintln(os.Stderr, "readmegen:", err)
		os.Exit(1)
	}
}

// pyManager is what the tables need of python-gitlab's reference.
type pyManager struct {
	Class     string   `json:"class"`
	ObjCls    string   `json:"obj_cls"`
	Endpoints []string `json:"endpoints"`
}

var placeholder = regexp.MustCompile(`\{[^}]*\}`)

// norm writes an endpoint as the references do: "GET /projects/{}/issues".
func norm(method, path string) string {
	return method + " " + strings.TrimRight(placeholder.ReplaceAllString(path, "{}"), "/")
}

// snake turns python-gitlab's manager class into our spec name.
func snake(class string) string {
	s := strings.TrimSuffix(class, "Manager")
	s = regexp.MustCompile(`([A-Z]+)([A-Z][a-z])`).ReplaceAllString(s, "${1}_$2")
	s = regexp.MustCompile(`([a-z0-9])([A-Z])`).ReplaceAllString(s, "${1}_$2")
	return strings.ToLower(s)
}

func run(readme, testdata string) error {
	var ref struct {
		Managers []pyManager `json:"managers"`
	}
	data, err := os.ReadFile(filepath.Join(testdata, "python-gitlab.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		return err
	}
	clientgo, err := readClientGo(filepath.Join(testdata, "clientgo-beyond-python-gitlab.md"))
	if err != nil {
		return err
	}
	specs := managers.Builtins().Specs()
	files := declarationFiles()

	// Ours, by area (the file of the declaration).
	ours := map[string]string{} // endpoint → area
	areaSpecs := map[string]int{}
	for _, s := range specs {
		area := files[s.Name]
		areaSpecs[area]++
		for _, e := range s.Endpoints() {
			if _, seen := ours[norm(e.Method, e.Path)]; !seen {
				ours[norm(e.Method, e.Path)] = area
			}
		}
	}
	type counts struct{ specs, ours, py, pyCovered, cg, cgCovered int }
	byArea := map[string]*counts{}
	area := func(a string) *counts {
		if byArea[a] == nil {
			byArea[a] = &counts{}
		}
		return byArea[a]
	}
	for a, n := range areaSpecs {
		area(a).specs = n
	}
	for _, a := range ours {
		area(a).ours++
	}
	py := map[string]bool{}
	for _, m := range ref.Managers {
		a := files[snake(m.Class)]
		for _, e := range m.Endpoints {
			if py[e] {
				continue
			}
			py[e] = true
			if oa, ok := ours[e]; ok {
				a = oa
				area(a).pyCovered++
			}
			area(a).py++
		}
	}
	union := map[string]bool{}
	for e := range py {
		union[e] = true
	}
	for _, e := range clientgo {
		union[e] = true
		a := "(not declared)"
		if oa, ok := ours[e]; ok {
			a = oa
			area(a).cgCovered++
		}
		area(a).cg++
	}
	var total counts
	names := make([]string, 0, len(byArea))
	for a, c := range byArea {
		names = append(names, a)
		total.specs += c.specs
		total.ours += c.ours
		total.py += c.py
		total.pyCovered += c.pyCovered
		total.cg += c.cg
		total.cgCovered += c.cgCovered
	}
	sort.Strings(names)
	unionCovered := 0
	for e := range union {
		if _, ok := ours[e]; ok {
			unionCovered++
		}
	}
	var cov bytes.Buffer
	fmt.Fprintf(&cov, "Endpoints are distinct (method, path template) pairs. Ours: %d, from %d declarations. "+
		"python-gitlab's: %d, of which we call %d. The official Go client's beyond python-gitlab's: %d, of which we call %d. "+
		"The union of both peers: %d, of which we call %d.\n\n", len(ours), len(specs), total.py, total.pyCovered,
		total.cg, total.cgCovered, len(union), unionCovered)
	// The official Go client's rows are those python-gitlab lacks: an
	// area's union is the sum of both columns.
	cov.WriteString("| area (declarations) | managers | our endpoints | python-gitlab's (ours) | official Go client's beyond python-gitlab (ours) | union of both peers (ours) |\n|---|---|---|---|---|---|\n")
	for _, a := range names {
		c := byArea[a]
		fmt.Fprintf(&cov, "| %s | %d | %d | %d (%d) | %d (%d) | %d (%d) |\n", a, c.specs, c.ours, c.py, c.pyCovered, c.cg, c.cgCovered,
			c.py+c.cg, c.pyCovered+c.cgCovered)
	}
	fmt.Fprintf(&cov, "| **all** | **%d** | **%d** | **%d (%d)** | **%d (%d)** | **%d (%d)** |\n", total.specs, total.ours, total.py, total.pyCovered,
		total.cg, total.cgCovered, total.py+total.cg, total.pyCovered+total.cgCovered)

	text, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	if text, err = replace(text, "coverage", cov.Bytes()); err != nil {
		return err
	}
	if text, err = replace(text, "actions", actionTable(specs, ref.Managers, clientgo)); err != nil {
		return err
	}
	return os.WriteFile(readme, text, 0o644)
}

// actionTable lists python-gitlab's method of every declared action with
// its Go method.
func actionTable(specs []*base.Spec, ref []pyManager, clientgo []string) []byte {
	class := map[string]pyManager{}
	py := map[string]bool{}
	for _, m := range ref {
		class[snake(m.Class)] = m
		for _, e := range m.Endpoints {
			py[e] = true
		}
	}
	cg := map[string]bool{}
	for _, e := range clientgo {
		cg[e] = true
	}
	// beyond: an action calling what the official Go client calls and
	// python-gitlab does not (no python-gitlab method to name).
	beyond := func(s *base.Spec, a base.Action) bool {
		only := *s
		only.Ops, only.Actions = 0, []base.Action{a}
		inCG := false
		for _, e := range only.Endpoints() {
			if py[norm(e.Method, e.Path)] {
				return false
			}
			inCG = inCG || cg[norm(e.Method, e.Path)]
		}
		return inCG
	}
	type row struct{ py, golab string }
	var rows []row
	for _, s := range specs {
		pm, ok := class[s.Name]
		if !ok {
			continue // declarations beyond python-gitlab
		}
		g := base.GoName(s.Name)
		for _, a := range s.Actions {
			if beyond(s, a) {
				continue
			}
			if a.OnManager {
				rows = append(rows, row{pm.Class + "." + a.Name + "()", g + "Manager." + a.MethodName()})
			} else {
				rows = append(rows, row{pm.ObjCls + "." + a.Name + "()", g + "." + a.MethodName()})
			}
		}
	}
	for _, h := range pymethods.HandWritten {
		rows = append(rows, row{h[0], h[1]})
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.py, b.py) })
	rows = slices.CompactFunc(rows, func(a, b row) bool { return a.py == b.py })
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d methods. The Go methods take a context first and options last; see their godoc.\n\n", len(rows))
	b.WriteString("| python-gitlab | golab/gitlab |\n|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| `%s` | `%s` |\n", r.py, r.golab)
	}
	return b.Bytes()
}

// replace puts body between the begin and end markers of name.
func replace(text []byte, name string, body []byte) ([]byte, error) {
	begin, end := []byte("<!-- "+name+":begin -->\n"), []byte("<!-- "+name+":end -->")
	i := bytes.Index(text, begin)
	j := bytes.Index(text, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("README: no %s markers (%s ... %s)", name, strings.TrimSpace(string(begin)), end)
	}
	out := append([]byte{}, text[:i+len(begin)]...)
	out = append(out, body...)
	return append(out, text[j:]...), nil
}

// readClientGo reads the endpoints of the reference table: rows
// "| METHOD | `/path/{}` | client-go method |".
func readClientGo(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| (GET|POST|PUT|PATCH|DELETE|HEAD) \\| `([^`]+)` \\|")
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := row.FindStringSubmatch(sc.Text()); m != nil {
			out = append(out, norm(m[1], m[2]))
		}
	}
	return out, sc.Err()
}

// declarationFiles maps each built-in spec name to the file declaring it
// (its area): declarations are written var x = &base.Spec{ Name: "..." }.
func declarationFiles() map[string]string {
	out := map[string]string{}
	files, _ := filepath.Glob("*.go")
	decl := regexp.MustCompile(`(?m)^var \w+ = &base\.Spec\{\n\tName:\s+"([a-z0-9_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_gen.go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, m := range decl.FindAllSubmatch(src, -1) {
			out[string(m[1])] = strings.TrimSuffix(f, ".go")
		}
	}
	return out
}
