package gitlabtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Pipeline schedules (https://docs.gitlab.com/api/pipeline_schedules/):
// items of project_pipeline_schedule; their variables are items of
// project_pipeline_schedule_variable, which the schedule also shows.

// scheduleHooks check the cron expression, default the timezone and
// active, make the caller the owner and compute next_run_at.
func scheduleHooks() *hooks {
	apply := func(c *call, obj map[string]any) *apiError {
		for _, k := range []string{"description", "ref", "cron", "cron_timezone"} {
			if v, ok := c.p.str(k); ok {
				obj[k] = v
			}
		}
		if v, ok, e := c.p.boolean("active"); e != nil {
			return e
		} else if ok {
			obj["active"] = v
		}
		next, ok := cronNext(anyString(obj["cron"]), anyString(obj["cron_timezone"]), c.s.now())
		if !ok {
			return fieldErr("cron", "is invalid syntax")
		}
		obj["next_run_at"] = ts(next)
		if obj["active"] == false {
			obj["next_run_at"] = nil
		}
		return nil
	}
	return &hooks{
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			obj["cron_timezone"], obj["active"] = "UTC", true
			obj["owner"], obj["last_pipeline"], obj["variables"] = c.user.basicJSON(), nil, []any{}
			return apply(c, obj)
		},
		update: updateWith(apply),
	}
}

// scheduleVariableHooks: {key, value, variable_type} objects, env_var by
// default; the schedule shows them
// (https://docs.gitlab.com/api/pipeline_schedules/#create-a-new-pipeline-schedule-variable).
func scheduleVariableHooks() *hooks {
	return &hooks{
		notFound: notFound("Variable"),
		dup: func(key string) *apiError {
			return objErr(http.StatusBadRequest, map[string]any{"key": []string{"(" + key + ") has already been taken"}})
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			typ := c.p.get("variable_type")
			if typ == "" {
				typ = "env_var"
			}
			clear(obj)
			obj["key"], obj["value"], obj["variable_type"] = c.p.get("key"), c.p.get("value"), typ
			return nil
		},
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			for _, k := range []string{"value", "variable_type"} {
				if v, ok := c.p.str(k); ok {
					it.obj[k] = v
				}
			}
			return nil
		},
		after: func(c *call, sc *scope) {
			vars := []any{}
			for _, v := range itemsOf(c.s.st.colls[sc.key]) {
				vars = append(vars, v.obj)
			}
			sc.parent.obj["variables"] = vars
			sc.parent.render()
		},
	}
}

// schedulePipelineHooks list the pipelines a schedule created, oldest first
// (https://docs.gitlab.com/api/pipeline_schedules/#get-all-pipelines-triggered-by-a-pipeline-schedule).
func schedulePipelineHooks() *hooks {
	return &hooks{list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
		out := slices.Clone(items)
		for _, pl := range itemsOf(c.s.collOf("project_pipeline", sc.vals[0])) {
			if ps, ok := pl.ext.(*pipelineState); ok && ps.schedule == sc.parent.key {
				out = append(out, pl)
			}
		}
		return out, nil
	}}
}

// scheduleFor finds the schedule of args[1] in the project of args[0].
func (s *Server) scheduleFor(c *call) (*project, *item, *apiError) {
	return s.projectObj(c, "project_pipeline_schedule", "Pipeline Schedule", true)
}

// playSchedule: https://docs.gitlab.com/api/pipeline_schedules/#run-a-scheduled-pipeline-immediately
// (a pipeline of the schedule's ref with its variables, source "schedule",
// by its owner; 201 {"message":"201 Created"}). GitLab creates it in the
// background, so a ref that does not exist creates nothing.
func (s *Server) playSchedule(c *call) *apiError {
	p, sch, e := s.scheduleFor(c)
	if e != nil {
		return e
	}
	var vars []pipeVar
	for _, v := range itemsOf(s.collOf("project_pipeline_schedule_variable", pid(p), sch.key)) {
		vars = append(vars, pipeVar{key: v.str("key"), value: v.str("value"), typ: v.str("variable_type")})
	}
	owner := c.user
	if u := s.st.userByID[int(toFloat(gjsonField(sch.obj["owner"], "id")))]; u != nil {
		owner = u
	}
	ref := strings.TrimPrefix(strings.TrimPrefix(sch.str("ref"), "refs/heads/"), "refs/tags/")
	if pl, e := c.createPipeline(p, ref, pipeOpts{source: "schedule", vars: vars, user: owner, schedule: sch.key}); e == nil {
		last := map[string]any{}
		for _, k := range []string{"id", "iid", "project_id", "sha", "ref", "status", "source", "created_at", "updated_at", "web_url"} {
			last[k] = pl.obj[k]
		}
		sch.obj["last_pipeline"] = last
		sch.render()
	}
	return c.value(http.StatusCreated, map[string]any{"message": "201 Created"})
}

// takeSchedule: https://docs.gitlab.com/api/pipeline_schedules/#take-ownership-of-a-pipeline-schedule.
func (s *Server) takeSchedule(c *call) *apiError {
	_, sch, e := s.scheduleFor(c)
	if e != nil {
		return e
	}
	sch.obj["owner"] = c.user.basicJSON()
	sch.obj["updated_at"] = s.nowTS()
	sch.render()
	return c.doc(http.StatusOK, &sch.doc)
}

func toFloat(v any) float64 {
	f, _ := v.(float64)
	return f
}

// cronNext is the first time after from that the five-field cron
// expression matches, in the timezone tz (UTC when unknown)
// (https://docs.gitlab.com/ci/pipelines/schedules/).
func cronNext(expr, tz string, from time.Time) (time.Time, bool) {
	fields := strings.Fields(expr)
	if len(fields) != 5 {
		return time.Time{}, false
	}
	limits := [5][2]int{{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}}
	var sets [5][]bool
	for i, f := range fields {
		set, ok := cronField(f, limits[i][0], limits[i][1])
		if !ok {
			return time.Time{}, false
		}
		sets[i] = set
	}
	if sets[4][7] {
		sets[4][0] = true
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	t := from.In(loc).Truncate(time.Minute).Add(time.Minute)
	for day := 0; day < 366*5; day++ {
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if sets[3][int(d.Month())] && sets[2][d.Day()] && sets[4][int(d.Weekday())] {
			for h := 0; h < 24; h++ {
				for m := 0; m < 60; m++ {
					at := d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
					if sets[1][h] && sets[0][m] && !at.Before(t) {
						return at, true
					}
				}
			}
		}
		t = d.AddDate(0, 0, 1)
	}
	return time.Time{}, false
}

// cronField reads "*", "*/n", "a", "a-b", "a-b/n" and lists of them.
func cronField(f string, lo, hi int) ([]bool, bool) {
	set := make([]bool, hi+1)
	for _, part := range strings.Split(f, ",") {
		rng, step := part, 1
		if r, s, ok := strings.Cut(part, "/"); ok {
			n, err := strconv.Atoi(s)
			if err != nil || n <= 0 {
				return nil, false
			}
			rng, step = r, n
		}
		a, b := lo, hi
		if rng != "*" {
			x, y, isRange := strings.Cut(rng, "-")
			var err1, err2 error
			a, err1 = strconv.Atoi(x)
			b, err2 = a, nil
			if isRange {
				b, err2 = strconv.Atoi(y)
			} else if step > 1 {
				b = hi
			}
			if err1 != nil || err2 != nil || a < lo || b > hi || a > b {
				return nil, false
			}
		}
		for v := a; v <= b; v += step {
			set[v] = true
		}
	}
	return set, true
}
