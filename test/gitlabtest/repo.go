package gitlabtest

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
)

// repo is a minimal repository: branches pointing at commits, each commit a
// full snapshot of the files.
type repo struct {
	branches map[string]*commit
	commits  map[string]*commit
}

type commit struct {
	seq                int64 // creation order: a commit comes after its parents
	id, title, message string
	author, email      string
	at                 string
	parents            []string
	files              map[string]*blob
}

type blob struct {
	content    []byte
	id         string // git blob id
	sha256     string
	lastCommit string
}

func newBlob(content []byte) *blob {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(content))
	h.Write(content)
	sum := sha256.Sum256(content)
	return &blob{content: content, id: hex.EncodeToString(h.Sum(nil)), sha256: hex.EncodeToString(sum[:])}
}

func (r *repo) clone() *repo {
	out := &repo{branches: map[string]*commit{}, commits: map[string]*commit{}}
	for k, v := range r.branches {
		out.branches[k] = v
	}
	for k, v := range r.commits {
		out.commits[k] = v
	}
	return out
}

func (s *Server) newCommit(parent *commit, files map[string]*blob, msg, author, email, at string) *commit {
	seq := s.commitSeq.Add(1)
	sum := sha1.Sum([]byte(strconv.FormatInt(seq, 10) + "\x00" + msg + "\x00" + at))
	c := &commit{seq: seq, id: hex.EncodeToString(sum[:]), message: msg, title: strings.SplitN(msg, "\n", 2)[0],
		author: author, email: email, at: at, files: files}
	if parent != nil {
		c.parents = []string{parent.id}
	}
	return c
}

// repoOf returns the project's repository, creating it on first use: a
// default branch holding README.md unless the project was created empty.
func (s *Server) repoOf(p *project) *repo {
	s.repoMu.Lock()
	defer s.repoMu.Unlock()
	if p.repo != nil {
		return p.repo
	}
	r := &repo{branches: map[string]*commit{}, commits: map[string]*commit{}}
	if !p.emptyRepo {
		at := p.createdAt
		if at == "" {
			at = s.nowTS()
		}
		readme := newBlob([]byte("# " + p.name + "\n"))
		c := s.newCommit(nil, map[string]*blob{"README.md": readme}, "Initial commit", "Administrator", "admin@example.com", at)
		readme.lastCommit = c.id
		r.commits[c.id] = c
		branch := p.defaultBranch
		if branch == "" {
			branch = "main"
		}
		r.branches[branch] = c
	}
	p.repo = r
	return r
}

// resolveRef finds a branch name, HEAD or a commit id.
func (p *project) resolveRef(r *repo, ref string) *commit {
	if ref == "HEAD" {
		ref = p.defaultBranch
	}
	if c := r.branches[ref]; c != nil {
		return c
	}
	return r.commits[ref]
}

func (s *Server) registerRepoRoutes() {
	s.handle("GET /projects/{id}/repository/branches", s.listBranches)
	s.handle("GET /projects/{id}/repository/branches/{branch}", s.getBranch)
	s.handle("POST /projects/{id}/repository/branches", s.createBranch, needAuth)
	s.handle("DELETE /projects/{id}/repository/branches/{branch}", s.deleteBranch, needAuth)
	s.handle("GET /projects/{id}/repository/files/{path}", s.getFile)
	s.handle("GET /projects/{id}/repository/files/{path}/raw", s.getRawFile)
	s.handle("POST /projects/{id}/repository/files/{path}", s.createFile, needAuth)
	s.handle("PUT /projects/{id}/repository/files/{path}", s.updateFile, needAuth)
	s.handle("DELETE /projects/{id}/repository/files/{path}", s.deleteFile, needAuth)
}

func commitJSON(p *project, c *commit) map[string]any {
	return map[string]any{
		"id": c.id, "short_id": c.id[:8], "created_at": c.at, "parent_ids": c.parents, "title": c.title,
		"message": c.message, "author_name": c.author, "author_email": c.email, "authored_date": c.at,
		"committer_name": c.author, "committer_email": c.email, "committed_date": c.at,
		"trailers": map[string]any{}, "extended_trailers": map[string]any{},
		"web_url": urlMarker + "/" + p.fullPath + "/-/commit/" + c.id,
	}
}

// branchDoc renders a branch (https://docs.gitlab.com/api/branches/#get-single-repository-branch).
func branchDoc(p *project, name string, c *commit) doc {
	def := name == p.defaultBranch
	return marshalDoc(map[string]any{
		"name": name, "merged": false, "protected": def, "default": def, "developers_can_push": false,
		"developers_can_merge": false, "can_push": true, "web_url": urlMarker + "/" + p.fullPath + "/-/tree/" + name,
		"commit": commitJSON(p, c),
	})
}

// listBranches: https://docs.gitlab.com/api/branches/#list-repository-branches
// (sorted by name, search filter).
func (s *Server) listBranches(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	search := lower(c.p.get("search"))
	names := make([]string, 0, len(r.branches))
	for n := range r.branches {
		if search == "" || strings.Contains(lower(n), search) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return c.listDocs(len(names), func(i int) *doc {
		d := branchDoc(p, names[i], r.branches[names[i]])
		return &d
	})
}

// getBranch: https://docs.gitlab.com/api/branches/#get-single-repository-branch.
func (s *Server) getBranch(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	head := r.branches[c.args[1]]
	if head == nil {
		return notFound("Branch")
	}
	d := branchDoc(p, c.args[1], head)
	return c.doc(http.StatusOK, &d)
}

// createBranch: https://docs.gitlab.com/api/branches/#create-repository-branch
// (branch and ref required, 201).
func (s *Server) createBranch(c *call) *apiError {
	if e := c.p.require("branch", "ref"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	name, ref := c.p.get("branch"), c.p.get("ref")
	if r.branches[name] != nil {
		return msgErr(http.StatusBadRequest, "Branch already exists")
	}
	if name == "" || strings.ContainsAny(name, " ~^:?*[\\") || strings.Contains(name, "..") {
		return msgErr(http.StatusBadRequest, "Branch name is invalid")
	}
	head := p.resolveRef(r, ref)
	if head == nil {
		return msgErr(http.StatusBadRequest, "Invalid reference name: "+ref)
	}
	r.branches[name] = head
	s.refreshMRHeads(p, name, head.id)
	d := branchDoc(p, name, head)
	return c.doc(http.StatusCreated, &d)
}

// deleteBranch: https://docs.gitlab.com/api/branches/#delete-repository-branch
// (204; the default branch cannot be removed).
func (s *Server) deleteBranch(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	name := c.args[1]
	if r.branches[name] == nil {
		return notFound("Branch")
	}
	if name == p.defaultBranch {
		return msgErr(http.StatusMethodNotAllowed, "Cannot remove HEAD branch")
	}
	delete(r.branches, name)
	return c.noContent()
}

func (s *Server) fileAt(c *call, ref string) (*project, *commit, *blob, *apiError) {
	p, e := s.projectFor(c, false)
	if e != nil {
		return nil, nil, nil, e
	}
	r := s.repoOf(p)
	head := p.resolveRef(r, ref)
	if head == nil {
		return nil, nil, nil, notFound("Commit")
	}
	b := head.files[c.args[1]]
	if b == nil {
		return nil, nil, nil, notFound("File")
	}
	return p, head, b, nil
}

// getFile: https://docs.gitlab.com/api/repository_files/#get-file-from-repository
// (ref required; HEAD answers with the X-Gitlab-* headers only).
func (s *Server) getFile(c *call) *apiError {
	ref, ok := c.p.str("ref")
	if !ok {
		return missing("ref")
	}
	_, head, b, e := s.fileAt(c, ref)
	if e != nil {
		return e
	}
	fp := c.args[1]
	h := c.w.Header()
	h.Set("X-Gitlab-Blob-Id", b.id)
	h.Set("X-Gitlab-Commit-Id", head.id)
	h.Set("X-Gitlab-Content-Sha256", b.sha256)
	h.Set("X-Gitlab-Encoding", "base64")
	h.Set("X-Gitlab-Execute-Filemode", "false")
	h.Set("X-Gitlab-File-Name", path.Base(fp))
	h.Set("X-Gitlab-File-Path", fp)
	h.Set("X-Gitlab-Last-Commit-Id", b.lastCommit)
	h.Set("X-Gitlab-Ref", ref)
	h.Set("X-Gitlab-Size", strconv.Itoa(len(b.content)))
	if c.head {
		return c.json(http.StatusOK, nil)
	}
	return c.value(http.StatusOK, map[string]any{
		"file_name": path.Base(fp), "file_path": fp, "size": len(b.content), "encoding": "base64",
		"content_sha256": b.sha256, "ref": ref, "blob_id": b.id, "commit_id": head.id,
		"last_commit_id": b.lastCommit, "execute_filemode": false,
		"content": base64.StdEncoding.EncodeToString(b.content),
	})
}

// getRawFile: https://docs.gitlab.com/api/repository_files/#get-raw-file-from-repository
// (ref defaults to the default branch; the body is the file itself).
func (s *Server) getRawFile(c *call) *apiError {
	ref := c.p.get("ref")
	if ref == "" {
		ref = "HEAD"
	}
	_, _, b, e := s.fileAt(c, ref)
	if e != nil {
		return e
	}
	return c.text(http.StatusOK, "text/plain; charset=utf-8", b.content)
}

// fileContent decodes content with encoding text (default) or base64.
func fileContent(c *call) ([]byte, *apiError) {
	content := c.p.get("content")
	switch c.p.get("encoding") {
	case "", "text":
		return []byte(content), nil
	case "base64":
		b, err := base64.StdEncoding.DecodeString(content)
		if err != nil {
			return nil, invalid("content")
		}
		return b, nil
	}
	return nil, errErr(http.StatusBadRequest, "encoding does not have a valid value")
}

// commitFile applies one change on top of branch (or start_branch) as a new
// commit (https://docs.gitlab.com/api/repository_files/#create-new-file-in-repository).
func (s *Server) commitFile(c *call, p *project, change func(files map[string]*blob) *apiError) *apiError {
	r := s.repoOf(p)
	branch := c.p.get("branch")
	if e := s.checkPush(c, p, branch); e != nil {
		return e
	}
	start := c.p.get("start_branch")
	if start == "" {
		start = branch
	}
	base := r.branches[start]
	if base == nil && len(r.branches) > 0 {
		return msgErr(http.StatusBadRequest, "You can only create or edit files when you are on a branch")
	}
	files := map[string]*blob{}
	if base != nil {
		for k, v := range base.files {
			files[k] = v
		}
	}
	if e := change(files); e != nil {
		return e
	}
	author, email := c.p.get("author_name"), c.p.get("author_email")
	if author == "" {
		author = c.user.str("name")
	}
	if email == "" {
		email = c.user.str("email")
	}
	cm := s.newCommit(base, files, c.p.get("commit_message"), author, email, s.nowTS())
	s.pushCommit(p, r, branch, cm)
	return nil
}

// pushCommit stores cm and moves branch to it, as a push does: new blobs
// remember it as their last commit, open merge requests from the branch
// follow, and the project is no longer empty.
func (s *Server) pushCommit(p *project, r *repo, branch string, cm *commit) {
	for _, b := range cm.files {
		if b.lastCommit == "" {
			b.lastCommit = cm.id
		}
	}
	r.commits[cm.id] = cm
	r.branches[branch] = cm
	s.refreshMRHeads(p, branch, cm.id)
	if p.emptyRepo {
		p.emptyRepo = false
		p.set("empty_repo", false)
	}
	now := s.nowTS()
	p.lastActivity = now
	p.set("last_activity_at", now)
	p.commit()
}

// writeFile is createFile and updateFile: check vets the file's current blob
// (nil when there is none) before the new content is committed, and the answer
// is status with {file_path, branch}.
func (s *Server) writeFile(c *call, status int, check func(old *blob) *apiError) *apiError {
	if e := c.p.require("branch", "content", "commit_message"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	content, e := fileContent(c)
	if e != nil {
		return e
	}
	fp := c.args[1]
	e = s.commitFile(c, p, func(files map[string]*blob) *apiError {
		if e := check(files[fp]); e != nil {
			return e
		}
		files[fp] = newBlob(content)
		return nil
	})
	if e != nil {
		return e
	}
	return c.value(status, map[string]any{"file_path": fp, "branch": c.p.get("branch")})
}

// createFile: https://docs.gitlab.com/api/repository_files/#create-new-file-in-repository
// (201 {file_path, branch}).
func (s *Server) createFile(c *call) *apiError {
	return s.writeFile(c, http.StatusCreated, func(old *blob) *apiError {
		if old != nil {
			return msgErr(http.StatusBadRequest, "A file with this name already exists")
		}
		return nil
	})
}

// updateFile: https://docs.gitlab.com/api/repository_files/#update-existing-file-in-repository
// (200 {file_path, branch}; last_commit_id guards against concurrent edits).
func (s *Server) updateFile(c *call) *apiError {
	return s.writeFile(c, http.StatusOK, func(old *blob) *apiError {
		if old == nil {
			return msgErr(http.StatusBadRequest, "A file with this name doesn't exist")
		}
		if lc := c.p.get("last_commit_id"); lc != "" && lc != old.lastCommit {
			return msgErr(http.StatusBadRequest, "You are attempting to update a file that has changed since you started editing it.")
		}
		return nil
	})
}

// deleteFile: https://docs.gitlab.com/api/repository_files/#delete-existing-file-in-repository
// (branch and commit_message required, 204).
func (s *Server) deleteFile(c *call) *apiError {
	if e := c.p.require("branch", "commit_message"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	fp := c.args[1]
	e = s.commitFile(c, p, func(files map[string]*blob) *apiError {
		if files[fp] == nil {
			return msgErr(http.StatusBadRequest, "A file with this name doesn't exist")
		}
		delete(files, fp)
		return nil
	})
	if e != nil {
		return e
	}
	return c.noContent()
}
