package gitlabtest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
)

// Project and group exports and imports
// (https://docs.gitlab.com/api/project_import_export/,
// https://docs.gitlab.com/api/group_import_export/). An export is
// scheduled, then moves one step (queued, started, finished) at each read
// of its status or download, so clients that poll get there in two reads;
// the download is a real tar.gz: VERSION, tree/project.json (or group.json)
// and the default branch's files under repository/, which stand for
// GitLab's repository bundle. Importing such a file (multipart upload)
// makes the project, or the group, with that content at once.

func (s *Server) registerImportExportRoutes() {
	for _, kind := range []string{"projects", "groups"} {
		s.handle("POST /"+kind+"/{id}/export", func(c *call) *apiError { return s.scheduleExport(c, kind) }, needAuth)
		s.handle("GET /"+kind+"/{id}/export", func(c *call) *apiError { return s.exportStatus(c, kind) }, needAuth)
		s.handle("GET /"+kind+"/{id}/export/download", func(c *call) *apiError { return s.downloadExport(c, kind) }, needAuth)
		s.handle("GET /"+kind+"/{id}/import", func(c *call) *apiError { return s.importStatus(c, kind) }, needAuth)
	}
	s.handle("POST /projects/import", s.importProject, needAuth)
	s.handle("POST /groups/import", s.importGroup, needAuth)
}

// exportSteps are the states an export goes through.
var exportSteps = []string{"queued", "started", "finished"}

// export is one scheduled export of a project or group.
type export struct {
	mu      sync.Mutex // reads move it on under the shared state lock
	step    int
	again   bool // a finished export is being made anew
	archive []byte
	name    string // the download's file name
}

// advance moves the export one step on and reports its status.
func (x *export) advance() (status string, archive []byte, name string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.step < len(exportSteps)-1 {
		x.step++
	}
	status = exportSteps[x.step]
	if x.step == len(exportSteps)-1 {
		x.again = false
		return status, x.archive, x.name
	}
	if x.again {
		status = "regeneration_in_progress"
	}
	return status, nil, ""
}

// exportable resolves the project or group of the path for its
// maintainers, with its key in state.act.exports.
func (s *Server) exportable(c *call, kind string) (p *project, g *group, key string, e *apiError) {
	if kind == "projects" {
		if p, e = s.projectFor(c, true); e != nil {
			return nil, nil, "", e
		}
		return p, nil, "projects/" + strconv.Itoa(p.id), nil
	}
	if g, e = s.findGroup(c, c.args[0]); e != nil {
		return nil, nil, "", e
	}
	if !c.s.canWriteGroup(c.user, g) {
		return nil, nil, "", errForbidden
	}
	return nil, g, "groups/" + strconv.Itoa(g.id), nil
}

// scheduleExport: https://docs.gitlab.com/api/project_import_export/#schedule-an-export
// and https://docs.gitlab.com/api/group_import_export/#schedule-new-export
// (202 {"message":"202 Accepted"}; the archive holds what is there now).
func (s *Server) scheduleExport(c *call, kind string) *apiError {
	p, g, key, e := s.exportable(c, kind)
	if e != nil {
		return e
	}
	files := map[string][]byte{"VERSION": []byte("0.2.4\n"), "GITLAB_VERSION": []byte(Version + "\n")}
	var name string
	if p != nil {
		files["tree/project.json"] = p.doc.render(&c.rc)
		if head := s.repoOf(p).branches[p.defaultBranch]; head != nil {
			for fp, b := range head.files {
				files["repository/"+fp] = b.content
			}
		}
		name = strings.ReplaceAll(p.fullPath, "/", "_")
	} else {
		files["group.json"] = g.doc.render(&c.rc)
		name = strings.ReplaceAll(g.ns.fullPath, "/", "_")
	}
	now := s.now()
	st := &s.st.act
	if st.exports == nil {
		st.exports = map[string]*export{}
	}
	prev := st.exports[key]
	st.exports[key] = &export{again: prev != nil && prev.archive != nil, archive: writeArchive("tar.gz", files, now),
		name: now.UTC().Format("2006-01-02_15-04-05-000") + "_" + name + "_export.tar.gz"}
	return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
}

// exportStatus: https://docs.gitlab.com/api/project_import_export/#export-status
// (none before any export; the download links once finished). Groups have
// no such endpoint in GitLab; the fake answers the same shape.
func (s *Server) exportStatus(c *call, kind string) *apiError {
	p, g, key, e := s.exportable(c, kind)
	if e != nil {
		return e
	}
	status := "none"
	if x := s.st.act.exports[key]; x != nil {
		status, _, _ = x.advance()
	}
	out := map[string]any{"export_status": status}
	if p != nil {
		for _, k := range []string{"id", "description", "name", "name_with_namespace", "path", "path_with_namespace", "created_at"} {
			out[k] = json.RawMessage(gjson.GetBytes(p.doc.raw, k).Raw)
		}
		if status == "finished" {
			out["_links"] = map[string]any{
				"api_url": urlMarker + apiPrefix + "/projects/" + strconv.Itoa(p.id) + "/export/download",
				"web_url": urlMarker + "/" + p.fullPath + "/download_export",
			}
		}
	} else {
		for _, k := range []string{"id", "name", "path", "full_path", "description", "created_at"} {
			out[k] = g.obj[k]
		}
	}
	return c.value(http.StatusOK, out)
}

// downloadExport: https://docs.gitlab.com/api/project_import_export/#export-download
// and https://docs.gitlab.com/api/group_import_export/#export-download
// (the tar.gz once finished; 404 before).
func (s *Server) downloadExport(c *call, kind string) *apiError {
	_, _, key, e := s.exportable(c, kind)
	if e != nil {
		return e
	}
	x := s.st.act.exports[key]
	if x == nil {
		return msgErr(http.StatusNotFound, "404 Not found or has expired")
	}
	status, archive, name := x.advance()
	if status != "finished" {
		return msgErr(http.StatusNotFound, "404 Not found or has expired")
	}
	c.w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.text(http.StatusOK, "application/octet-stream", archive)
}

// readExport reads an export archive made by the fake: its files by path.
func readExport(data []byte) (map[string][]byte, bool) {
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, false
	}
	tr := tar.NewReader(gz)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, false
		}
		files[h.Name] = b
	}
	if files["VERSION"] == nil {
		return nil, false
	}
	return files, true
}

func correlationID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// importProject: https://docs.gitlab.com/api/project_import_export/#import-a-file
// (multipart file and path; name, namespace, overwrite; 201 with the import
// status "scheduled"; the project appears at once with the archive's
// repository and description, and its import finishes, or fails for a file
// that is no export).
func (s *Server) importProject(c *call) *apiError {
	if e := c.checkAttrs([]string{"path", "file"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	ns := c.user.ns
	if v := c.p.get("namespace"); v != "" {
		var e *apiError
		if ns, e = s.findNamespace(c, v); e != nil {
			if e.status != http.StatusNotFound {
				return errForbidden
			}
			return e
		}
	}
	path := c.p.get("path")
	name := c.p.get("name")
	if name == "" {
		name = path
	}
	overwrite, _, e := c.p.boolean("overwrite")
	if e != nil {
		return e
	}
	if old := s.st.projectByPath[lower(ns.fullPath+"/"+path)]; old != nil {
		if !overwrite {
			return objErr(http.StatusBadRequest, []string{"Path has already been taken"})
		}
		s.removeProject(old)
	}
	if n, _ := s.nameTaken(ns, name, path, nil); n {
		return objErr(http.StatusBadRequest, []string{"Name has already been taken"})
	}
	files, ok := readExport([]byte(c.p.get("file")))
	tree := gjson.ParseBytes(files["tree/project.json"])
	desc := tree.Get("description").String()
	if m, isMap := c.p["override_params"].(map[string]any); isMap && m["description"] != nil {
		desc = anyString(m["description"]) // override_params[description]
	}
	vis := visPrivate
	if v, valid := parseVis(tree.Get("visibility").String()); valid {
		vis = v
	}
	p := s.newProject(projectOpts{name: name, path: path, description: desc, ns: ns, creator: c.user, vis: vis,
		defaultBranch: tree.Get("default_branch").String()})
	status, importErr := "finished", any(nil)
	if !ok {
		status, importErr = "failed", "The uploaded file is not a valid GitLab export"
	}
	repoFiles := map[string]*blob{}
	for fp, b := range files {
		if rel, in := strings.CutPrefix(fp, "repository/"); in {
			repoFiles[rel] = newBlob(b)
		}
	}
	if len(repoFiles) > 0 {
		s.repoMu.Lock()
		p.repo = &repo{branches: map[string]*commit{}, commits: map[string]*commit{}}
		s.repoMu.Unlock()
		cm := s.newCommit(nil, repoFiles, "Import from GitLab export", c.user.str("name"), c.user.str("email"), s.nowTS())
		s.pushCommit(p, p.repo, p.defaultBranch, cm)
	}
	p.set("import_status", status)
	p.set("import_type", "gitlab_project")
	p.set("import_error", importErr)
	p.commit()
	if s.st.act.correlations == nil {
		s.st.act.correlations = map[int]string{}
	}
	s.st.act.correlations[p.id] = correlationID()
	out := s.importJSON(p)
	out["import_status"] = "scheduled"
	return c.value(http.StatusCreated, out)
}

// importJSON is a project's import status entity.
func (s *Server) importJSON(p *project) map[string]any {
	out := map[string]any{"failed_relations": []any{}, "correlation_id": s.st.act.correlations[p.id]}
	for _, k := range []string{"id", "description", "name", "name_with_namespace", "path", "path_with_namespace",
		"created_at", "import_status", "import_error", "import_type"} {
		out[k] = json.RawMessage(gjson.GetBytes(p.doc.raw, k).Raw)
	}
	return out
}

// importStatus: https://docs.gitlab.com/api/project_import_export/#import-status
// ("none" for a project that was not imported). A group's import status is
// "finished" for an imported group, else "none".
func (s *Server) importStatus(c *call, kind string) *apiError {
	if kind == "projects" {
		p, e := s.projectFor(c, false)
		if e != nil {
			return e
		}
		return c.value(http.StatusOK, s.importJSON(p))
	}
	g, e := s.findGroup(c, c.args[0])
	if e != nil {
		return e
	}
	status := "none"
	if s.st.act.importedGroups[g.id] {
		status = "finished"
	}
	return c.value(http.StatusOK, map[string]any{"id": g.id, "name": g.ns.name, "full_path": g.ns.fullPath, "import_status": status})
}

// importGroup: https://docs.gitlab.com/api/group_import_export/#import-a-file
// (multipart file, name and path; parent_id; 202; the group appears at once
// with the archive's description).
func (s *Server) importGroup(c *call) *apiError {
	if e := c.checkAttrs([]string{"name", "path", "file"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	var parent *group
	if v := c.p.get("parent_id"); v != "" {
		var e *apiError
		if parent, e = s.findGroup(c, v); e != nil {
			return e
		}
		if !c.s.canWriteGroup(c.user, parent) {
			return errForbidden
		}
	}
	files, ok := readExport([]byte(c.p.get("file")))
	if !ok {
		return msgErr(http.StatusBadRequest, "Group could not be imported: The uploaded file is not a valid GitLab export")
	}
	tree := gjson.ParseBytes(files["group.json"])
	vis := visPrivate
	if v, valid := parseVis(tree.Get("visibility").String()); valid {
		vis = v
	}
	g, e := s.addGroup(c.p.get("name"), c.p.get("path"), tree.Get("description").String(), vis, parent, c.user.id)
	if e != nil {
		return msgErr(http.StatusBadRequest, "Group could not be imported: Path has already been taken")
	}
	if s.st.act.importedGroups == nil {
		s.st.act.importedGroups = map[int]bool{}
	}
	s.st.act.importedGroups[g.id] = true
	return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
}
