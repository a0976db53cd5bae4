package gitlabtest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
)

// Pipeline trigger tokens (https://docs.gitlab.com/api/pipeline_triggers/):
// items of project_trigger, owned by their creator, with a glptt- token
// that creates pipelines without any other credential.

// triggerHooks make the token and the owner.
func triggerHooks() *hooks {
	return &hooks{
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			sum := sha1.Sum([]byte("trigger\x00" + anyString(obj["id"]) + "\x00" + sc.vals[0] + "\x00" + c.s.nowTS()))
			obj["token"] = "glptt-" + hex.EncodeToString(sum[:])
			obj["owner"], obj["last_used"], obj["expires_at"] = c.user.basicJSON(), nil, nil
			return nil
		},
	}
}

// triggerPipeline: https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token
// (token and ref required; variables as a hash; the pipeline is the
// trigger owner's, source "trigger"; 404 for a token the project does not
// have; 201).
func (s *Server) triggerPipeline(c *call) *apiError {
	if e := c.checkAttrs([]string{"token", "ref"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	var p *project
	if isDigits(c.args[0]) {
		p = s.st.projectByID[atoi(c.args[0])]
	} else {
		p = s.st.projectByPath[lower(c.args[0])]
	}
	if p == nil {
		return notFound("Project")
	}
	var trig *item
	for _, t := range itemsOf(s.collOf("project_trigger", pid(p))) {
		if t.str("token") == c.p.get("token") {
			trig = t
		}
	}
	if trig == nil {
		return msgErr(http.StatusNotFound, "404 Not Found")
	}
	owner, _ := trig.ext.(*user)
	if owner == nil {
		owner = s.st.userByID[1]
	}
	vars, e := pipelineVars(c.p["variables"])
	if e != nil {
		return e
	}
	pl, e := c.createPipeline(p, c.p.get("ref"), pipeOpts{source: "trigger", vars: vars, user: owner})
	if e != nil {
		return e
	}
	trig.obj["last_used"] = s.nowTS()
	trig.render()
	return c.doc(http.StatusCreated, &pl.doc)
}
