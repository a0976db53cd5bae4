package gitlabtest

import (
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Actions shared by issues and merge requests: time tracking
// (https://docs.gitlab.com/api/issues/#time-tracking,
// https://docs.gitlab.com/api/merge_requests/#time-tracking), participants,
// and the references between them ("Closes #3").

// registerIssuableTimeRoutes adds the time tracking and participants routes
// under issues or merge_requests.
func (s *Server) registerIssuableTimeRoutes(kind string, col func(*project) *coll) {
	base := "/projects/{id}/" + kind + "/{iid}/"
	for _, rt := range []struct {
		action string
		status int
		apply  func(c *call, ts *timeStats) *apiError
	}{
		{"time_estimate", http.StatusOK, setEstimate},
		{"reset_time_estimate", http.StatusOK, func(_ *call, ts *timeStats) *apiError { ts.estimate = 0; return nil }},
		{"add_spent_time", http.StatusCreated, addSpent},
		{"reset_spent_time", http.StatusOK, func(_ *call, ts *timeStats) *apiError { ts.spent = 0; return nil }},
	} {
		s.handle("POST "+base+rt.action, func(c *call) *apiError {
			p, it, e := s.issuableFor(c, col)
			if e != nil {
				return e
			}
			if !s.canWriteProject(c.user, p) {
				return errForbidden
			}
			ts := readTimeStats(it)
			if e := rt.apply(c, &ts); e != nil {
				return e
			}
			ts.store(it, s.nowTS())
			return c.value(rt.status, ts.json())
		}, needAuth)
	}
	s.handle("GET "+base+"time_stats", func(c *call) *apiError {
		_, it, e := s.issuableFor(c, col)
		if e != nil {
			return e
		}
		ts := readTimeStats(it)
		return c.value(http.StatusOK, ts.json())
	})
	s.handle("GET "+base+"participants", func(c *call) *apiError {
		p, it, e := s.issuableFor(c, col)
		if e != nil {
			return e
		}
		notes := "project_issue_note"
		if kind == "merge_requests" {
			notes = "project_merge_request_note"
		}
		users := s.participants(it, s.storeItems(notes, strconv.Itoa(p.id), it.key))
		docs := make([]*doc, len(users))
		for i, u := range users {
			docs[i] = &u.basic
		}
		return c.listDocs(len(docs), func(i int) *doc { return docs[i] })
	})
}

// timeStats are an issuable's estimate and time spent, in seconds.
type timeStats struct{ estimate, spent int }

func readTimeStats(it *item) timeStats {
	m, _ := it.obj["time_stats"].(map[string]any)
	num := func(k string) int {
		switch v := m[k].(type) {
		case int:
			return v
		case float64:
			return int(v)
		}
		return 0
	}
	return timeStats{estimate: num("time_estimate"), spent: num("total_time_spent")}
}

// json is GitLab's time stats entity: seconds and human durations (null
// for zero).
func (ts timeStats) json() map[string]any {
	human := func(n int) any {
		if n == 0 {
			return nil
		}
		return humanDuration(n)
	}
	return map[string]any{"time_estimate": ts.estimate, "total_time_spent": ts.spent,
		"human_time_estimate": human(ts.estimate), "human_total_time_spent": human(ts.spent)}
}

func (ts timeStats) store(it *item, now string) {
	it.obj["time_stats"] = ts.json()
	it.obj["updated_at"] = now
	it.render()
}

// setEstimate: time_estimate takes a duration of zero or more.
func setEstimate(c *call, ts *timeStats) *apiError {
	if e := c.p.require("duration"); e != nil {
		return e
	}
	n, ok := parseDuration(c.p.get("duration"))
	if !ok || n < 0 {
		return objErr(http.StatusBadRequest, map[string]any{"time_estimate": []string{"must have a valid format and be greater than or equal to zero"}})
	}
	ts.estimate = n
	return nil
}

// addSpent: add_spent_time adds a duration, negative to subtract, but never
// below zero in total.
func addSpent(c *call, ts *timeStats) *apiError {
	if e := c.p.require("duration"); e != nil {
		return e
	}
	n, ok := parseDuration(c.p.get("duration"))
	if !ok {
		return invalid("duration")
	}
	if ts.spent+n < 0 {
		return objErr(http.StatusBadRequest, map[string]any{"base": []string{"Time to subtract exceeds the total time spent"}})
	}
	ts.spent += n
	return nil
}

// durationUnits are GitLab's time tracking units in seconds: a month is four
// weeks, a week five days, a day eight hours
// (https://docs.gitlab.com/user/project/time_tracking/#available-time-units).
var durationUnits = []struct {
	short string
	names []string
	secs  int
}{
	{"mo", []string{"mo", "month", "months"}, 4 * 5 * 8 * 3600},
	{"w", []string{"w", "week", "weeks"}, 5 * 8 * 3600},
	{"d", []string{"d", "day", "days"}, 8 * 3600},
	{"h", []string{"h", "hr", "hrs", "hour", "hours"}, 3600},
	{"m", []string{"m", "min", "mins", "minute", "minutes"}, 60},
	{"s", []string{"s", "sec", "secs", "second", "seconds"}, 1},
}

var durationToken = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*([a-z]*)`)

// parseDuration reads a human duration such as "1h30m", "3d 4h", "-2h" or
// "1.5h"; a bare number counts hours, as GitLab's.
func parseDuration(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	sign := 1
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, s = -1, strings.TrimSpace(rest)
	}
	if s == "" {
		return 0, false
	}
	total := 0.0
	matched := durationToken.FindAllStringSubmatchIndex(s, -1)
	covered := 0
	for _, m := range matched {
		if strings.TrimSpace(s[covered:m[0]]) != "" {
			return 0, false
		}
		covered = m[1]
		n, _ := strconv.ParseFloat(s[m[2]:m[3]], 64)
		unit := s[m[4]:m[5]]
		secs := 3600
		if unit != "" {
			secs = 0
			for _, u := range durationUnits {
				if slices.Contains(u.names, unit) {
					secs = u.secs
				}
			}
			if secs == 0 {
				return 0, false
			}
		}
		total += n * float64(secs)
	}
	if len(matched) == 0 || strings.TrimSpace(s[covered:]) != "" {
		return 0, false
	}
	return sign * int(math.Round(total)), true
}

// humanDuration writes seconds as GitLab does: "1w 2d 3h 30m".
func humanDuration(n int) string {
	var parts []string
	if n < 0 {
		return "-" + humanDuration(-n)
	}
	for _, u := range durationUnits {
		if q := n / u.secs; q > 0 {
			parts = append(parts, strconv.Itoa(q)+u.short)
			n -= q * u.secs
		}
	}
	return strings.Join(parts, " ")
}

// participants are the author, the assignees, the reviewers and the note
// authors of an issue or merge request, each once, in that order
// (https://docs.gitlab.com/api/issues/#list-participants-in-an-issue).
func (s *Server) participants(it *item, notes []*item) []*user {
	var out []*user
	add := func(u *user) {
		if u != nil && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	x := it.ext.(*issuable)
	add(s.st.userByID[x.authorID])
	for _, id := range x.assigneeIDs {
		add(s.st.userByID[id])
	}
	for _, r := range toAnySlice(it.obj["reviewers"]) {
		if m, ok := r.(map[string]any); ok {
			add(s.st.userByID[atoi(anyString(m["id"]))])
		}
	}
	for _, n := range notes {
		if ns := noteOf(n); ns != nil && ns.author != nil { // a note's author (discussions.go)
			add(s.st.userByID[ns.author.id])
		} else if u, ok := n.ext.(*user); ok {
			add(s.st.userByID[u.id])
		}
	}
	return out
}

func toAnySlice(v any) []any {
	a, _ := v.([]any)
	return a
}

// closingPattern is GitLab's default issue closing pattern: a keyword and
// one or more issue references (https://docs.gitlab.com/user/project/issues/managing_issues/#default-closing-pattern).
var closingPattern = regexp.MustCompile(`(?i)\b(?:clos(?:e[sd]?|ing)|fix(?:e[sd]|ing)?|resolv(?:e[sd]?|ing)|implement(?:s|ed|ing)?):? +((?:(?:issues? +)?#\d+(?: *,? +and +| *,? *)?)+)`)

var issueRef = regexp.MustCompile(`(?:^|[^\w&/])#(\d+)\b`)

// issueRefs are the iids of the issues a text mentions (#3), or with
// closing only those it closes ("Fixes #3").
func issueRefs(text string, closing bool) []string {
	if closing {
		var out []string
		for _, m := range closingPattern.FindAllStringSubmatch(text, -1) {
			out = append(out, issueRefs(" "+m[1], false)...)
		}
		return out
	}
	var out []string
	for _, m := range issueRef.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// mrIssueRefs are the issues of p a merge request mentions in its title,
// description and commit messages; with closing, those merging it into the
// default branch closes.
func (s *Server) mrIssueRefs(p *project, mr *item, closing bool) []*item {
	if closing && mr.str("target_branch") != p.defaultBranch {
		return nil
	}
	texts := []string{mr.str("title"), mr.str("description")}
	for _, cm := range s.mrCommits(p, s.repoOf(p), mr) {
		texts = append(texts, cm.message)
	}
	var out []*item
	for _, iid := range issueRefs(strings.Join(texts, "\n"), closing) {
		if it, _ := findIssuable(p.issues, iid); it != nil && !slices.Contains(out, it) {
			out = append(out, it)
		}
	}
	return out
}
