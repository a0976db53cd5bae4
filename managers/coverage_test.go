package managers

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// RefEndpoint is one row of a reference list of endpoints, such as
// testdata/clientgo-beyond-python-gitlab.md: its area (the list's section),
// the endpoint, and the calls of the other client that reach it.
type RefEndpoint struct {
	Area string
	Endpoint
	Calls string
}

// refRow is a table row: | METHOD | `path` | calls |.
var refRow = regexp.MustCompile("^\\| (GET|HEAD|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| (.*) \\|$")

// ReadEndpointTable reads a reference list of endpoints: markdown whose
// "## area (n)" sections hold "| method | `path` | calls |" rows and whose
// "N endpoints in M areas." line counts them. It checks those counts.
func ReadEndpointTable(path string) ([]RefEndpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []RefEndpoint
	area, want, areaWant, areaRows := "", -1, map[string]int{}, map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "## "):
			head := strings.TrimPrefix(line, "## ")
			i := strings.LastIndex(head, " (")
			if i < 0 || !strings.HasSuffix(head, ")") {
				return nil, fmt.Errorf("%s: section %q does not end with its count", path, line)
			}
			area = head[:i]
			n, err := strconv.Atoi(head[i+2 : len(head)-1])
			if err != nil {
				return nil, fmt.Errorf("%s: section %q: %v", path, line, err)
			}
			areaWant[area] = n
		case strings.Contains(line, " endpoints in ") && strings.HasSuffix(line, " areas."):
			if want, err = strconv.Atoi(strings.Fields(line)[0]); err != nil {
				return nil, fmt.Errorf("%s: %q: %v", path, line, err)
			}
		default:
			if m := refRow.FindStringSubmatch(line); m != nil {
				if area == "" {
					return nil, fmt.Errorf("%s: row %q outside a section", path, line)
				}
				out = append(out, RefEndpoint{Area: area, Endpoint: Endpoint{m[1], m[2]}, Calls: m[3]})
				areaRows[area]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) != want {
		return nil, fmt.Errorf("%s: %d rows, the list says %d", path, len(out), want)
	}
	for a, n := range areaWant {
		if areaRows[a] != n {
			return nil, fmt.Errorf("%s: section %s has %d rows, its title says %d", path, a, areaRows[a], n)
		}
	}
	return out, nil
}

// Every endpoint GitLab's official Go client calls and python-gitlab does
// not (testdata/clientgo-beyond-python-gitlab.md, the facts of
// ../shared/reference, from client-go v2.64.0 and python-gitlab 8.4.0) is
// reached by a declared operation or action; the unmapped ones are listed
// by area.
func TestClientGoBeyondPythonGitlabIsDeclared(t *testing.T) {
	rows, err := ReadEndpointTable("testdata/clientgo-beyond-python-gitlab.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 337 {
		t.Fatalf("%d endpoints, want 337", len(rows))
	}
	ours := DeclaredEndpoints(Specs())
	var missing []string
	for _, r := range rows {
		if len(ours[r.Endpoint]) == 0 {
			missing = append(missing, fmt.Sprintf("%s: %s (%s)", r.Area, r.Endpoint, r.Calls))
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("%d of %d endpoints are not declared:\n%s", len(missing), len(rows), strings.Join(missing, "\n"))
	}
	t.Logf("%d declared endpoints; %d of the %d beyond python-gitlab", len(ours), len(rows)-len(missing), len(rows))
}
