package gitlabtest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Hooks write other collections with insert: a pipeline's jobs, owned by
// the pipeline, listed under it and deleted with it.
func TestStoreInsert(t *testing.T) {
	s := NewUnstarted()
	s.AddProject(Project{Name: "p", Visibility: "public"})
	send := func(method, path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, apiPrefix+path, nil)
		r.Header.Set("PRIVATE-TOKEN", DefaultAdminToken)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		return w
	}
	if w := send("POST", "/projects/1/pipeline?ref=main"); w.Code != http.StatusCreated {
		t.Fatalf("pipeline: %d %s", w.Code, w.Body)
	}
	s.lock()
	c := &call{s: s, user: s.st.userByID[1]}
	pipeline := s.st.colls["/projects/{project_id}/pipelines|1"].byKey["1"]
	job, e := c.insert("project_pipeline_job", []string{"1", "1"}, pipeline, map[string]any{"name": "build"})
	s.mu.Unlock()
	if e != nil || job.obj["id"] != 1 || job.obj["pipeline_id"] != 1 || job.obj["project_id"] != 1 {
		t.Fatalf("job %v %v", job, e)
	}
	if w := send("GET", "/projects/1/pipelines/1/jobs"); !strings.Contains(w.Body.String(), `"name":"build"`) {
		t.Fatalf("jobs: %s", w.Body)
	}
	if w := send("DELETE", "/projects/1/pipelines/1"); w.Code != http.StatusNoContent {
		t.Fatalf("delete: %d", w.Code)
	}
	if _, ok := s.st.colls["/projects/{project_id}/pipelines/{pipeline_id}/jobs|1|1"]; ok {
		t.Fatal("the jobs outlive their pipeline")
	}
	defer func() {
		if recover() == nil {
			t.Error("insert with the wrong placeholder values does not panic")
		}
	}()
	_, _ = c.insert("project_pipeline_job", []string{"1"}, nil, nil)
}
