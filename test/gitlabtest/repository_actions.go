package gitlabtest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"math"
	"net/http"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The repository actions of a project (https://docs.gitlab.com/api/repositories/):
// its tree, blobs and raw blobs, archives (real tar, tar.gz and zip files of
// the tree), compare, contributors, merge base, submodule updates, the
// deletion of merged branches, languages, and the snapshot.

func (s *Server) registerRepositoryRoutes() {
	const repo = "/projects/{id}/repository"
	s.handle("GET "+repo+"/tree", s.repositoryTree)
	s.handle("GET "+repo+"/blobs/{sha}", s.repositoryBlob)
	s.handle("GET "+repo+"/blobs/{sha}/raw", s.repositoryRawBlob)
	// archive by its literal path too: the store's generic download route
	// of the action (more literals) would otherwise win over {archive}.
	s.handle("GET "+repo+"/archive", s.repositoryArchive)
	s.handle("GET "+repo+"/{archive}", s.repositoryArchive) // archive.zip...
	s.handle("GET "+repo+"/compare", s.repositoryCompare)
	s.handle("GET "+repo+"/contributors", s.repositoryContributors)
	s.handle("GET "+repo+"/merge_base", s.repositoryMergeBase)
	s.handle("PUT "+repo+"/submodules/{submodule}", s.updateSubmodule, needAuth)
	s.handle("DELETE "+repo+"/merged_branches", s.deleteMergedBranches, needAuth)
	s.handle("GET /projects/{id}/languages", s.projectLanguages)
	s.handle("GET /projects/{id}/snapshot", s.projectSnapshot, adminOnly)
}

// refOrDefault resolves the ref parameter (default: the default branch).
func (s *Server) refOrDefault(c *call, p *project, r *repo, param string) (*commit, string) {
	ref := c.p.get(param)
	if ref == "" {
		ref = p.defaultBranch
	}
	return s.refCommit(p, r, ref), ref
}

// treeEntry is one row of a tree listing.
type treeEntry struct {
	name, path, typ, mode, id string
}

// treeID is a stable id for the directory dir of a snapshot: the hash of
// its paths and blob ids, as a git tree id is of its entries.
func treeID(files map[string]*blob, dir string) string {
	h := sha1.New()
	for _, fp := range sortedPaths(files) {
		if dir == "" || strings.HasPrefix(fp, dir+"/") {
			h.Write([]byte(fp + "\x00" + files[fp].id + "\n"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sortedPaths(files map[string]*blob) []string {
	out := make([]string, 0, len(files))
	for fp := range files {
		out = append(out, fp)
	}
	sort.Strings(out)
	return out
}

// treeEntries lists the entries under dir ("" for the root): its direct
// children, trees first, or with recursive every descendant in path order.
// ok is false when dir is not a directory of the snapshot.
func treeEntries(files map[string]*blob, dir string, recursive bool) (out []treeEntry, ok bool) {
	seen := map[string]bool{}
	add := func(fp, typ string) {
		if seen[fp] {
			return
		}
		seen[fp] = true
		e := treeEntry{name: path.Base(fp), path: fp, typ: typ, mode: "040000", id: treeID(files, fp)}
		if typ != "tree" {
			b := files[fp]
			e.mode, e.id = blobMode(b), b.id
			if isGitlink(b) {
				e.typ, e.id = "commit", gitlinkSHA(b)
			}
		}
		out = append(out, e)
	}
	for _, fp := range sortedPaths(files) {
		rel := fp
		if dir != "" {
			var in bool
			if rel, in = strings.CutPrefix(fp, dir+"/"); !in {
				continue
			}
		}
		ok = true
		parts := strings.Split(rel, "/")
		if !recursive {
			if len(parts) > 1 {
				add(path.Join(dir, parts[0]), "tree")
			} else {
				add(fp, "blob")
			}
			continue
		}
		for i := 1; i < len(parts); i++ {
			add(path.Join(dir, strings.Join(parts[:i], "/")), "tree")
		}
		add(fp, "blob")
	}
	if !recursive {
		sort.SliceStable(out, func(i, j int) bool { return out[i].typ == "tree" && out[j].typ != "tree" })
	}
	return out, ok || dir == ""
}

// repositoryTree: https://docs.gitlab.com/api/repositories/#list-repository-tree
// (path, ref, recursive; offset pagination, or keyset with page_token, the
// id of the last entry of the previous page; 404 "Tree Not Found").
func (s *Server) repositoryTree(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	cm, _ := s.refOrDefault(c, p, r, "ref")
	recursive, _, e := c.p.boolean("recursive")
	if e != nil {
		return e
	}
	if cm == nil {
		return notFound("Tree")
	}
	entries, ok := treeEntries(cm.files, strings.Trim(c.p.get("path"), "/"), recursive)
	if !ok {
		return notFound("Tree")
	}
	docs := make([]doc, len(entries))
	for i, te := range entries {
		docs[i] = marshalDoc(map[string]any{"id": te.id, "name": te.name, "type": te.typ, "path": te.path, "mode": te.mode})
	}
	if !c.keyset() {
		return c.listDocs(len(docs), func(i int) *doc { return &docs[i] })
	}
	_, perPage, e := c.pageParams()
	if e != nil {
		return e
	}
	start := 0
	if tok := c.p.get("page_token"); tok != "" {
		start = len(entries)
		for i, te := range entries {
			if te.id == tok {
				start = i + 1
				break
			}
		}
	}
	end := min(len(docs), start+perPage)
	rows := make([]*doc, 0, end-start)
	for i := start; i < end; i++ {
		rows = append(rows, &docs[i])
	}
	if end == len(docs) { // the last page: no link to an empty one
		return c.json(http.StatusOK, renderArray(&c.rc, len(rows), func(i int) *doc { return rows[i] }))
	}
	return c.keysetPage(rows, "page_token", entries[end-1].id, "per_page", strconv.Itoa(perPage))
}

// findBlob finds a blob by its id in the project's commits.
func findBlob(r *repo, sha string) *blob {
	for _, cm := range r.commits {
		for _, b := range cm.files {
			if b.id == sha {
				return b
			}
		}
	}
	return nil
}

func (s *Server) blobFor(c *call) (*blob, *apiError) {
	p, e := s.projectFor(c, false)
	if e != nil {
		return nil, e
	}
	b := findBlob(s.repoOf(p), c.args[1])
	if b == nil {
		return nil, notFound("Blob")
	}
	return b, nil
}

// repositoryBlob: https://docs.gitlab.com/api/repositories/#get-a-blob-from-repository
// (size, base64 content and sha).
func (s *Server) repositoryBlob(c *call) *apiError {
	b, e := s.blobFor(c)
	if e != nil {
		return e
	}
	return c.value(http.StatusOK, map[string]any{
		"size": len(b.content), "encoding": "base64", "content": base64.StdEncoding.EncodeToString(b.content), "sha": b.id,
	})
}

// repositoryRawBlob: https://docs.gitlab.com/api/repositories/#raw-blob-content.
func (s *Server) repositoryRawBlob(c *call) *apiError {
	b, e := s.blobFor(c)
	if e != nil {
		return e
	}
	return c.text(http.StatusOK, contentType(b.content), b.content)
}

// contentType is text/plain for text, application/octet-stream for binary
// content (a NUL byte), as GitLab sends raw blobs.
func contentType(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 {
		return "application/octet-stream"
	}
	return "text/plain; charset=utf-8"
}

// archiveFormats are the formats the fake writes; GitLab's bz2 variants are
// not (https://docs.gitlab.com/api/repositories/#get-file-archive).
var archiveFormats = map[string]string{"tar.gz": "tar.gz", "tgz": "tar.gz", "gz": "tar.gz", "tar": "tar", "zip": "zip"}

// repositoryArchive: https://docs.gitlab.com/api/repositories/#get-file-archive
// (GET .../archive[.format], or format=; sha defaults to the default branch;
// path limits it to a directory). The archive holds the files under one
// directory, <project>-<ref>-<sha>, and is the same bytes for the same tree.
func (s *Server) repositoryArchive(c *call) *apiError {
	name, ext, _ := strings.Cut(c.segs[len(c.segs)-1], ".")
	if name != "archive" {
		return errRoute
	}
	if ext == "" {
		ext = c.p.get("format")
	}
	if ext == "" {
		ext = "tar.gz"
	}
	format := archiveFormats[ext]
	if format == "" {
		return errRoute
	}
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	cm, ref := s.refOrDefault(c, p, r, "sha")
	if cm == nil {
		return notFound("File")
	}
	dir := strings.Trim(c.p.get("path"), "/")
	prefix := p.path + "-" + strings.ReplaceAll(ref, "/", "-")
	if ref != cm.id {
		prefix += "-" + cm.id
	}
	if dir != "" {
		prefix += "-" + strings.ReplaceAll(dir, "/", "-")
	}
	files := map[string][]byte{}
	for fp, b := range cm.files {
		if dir == "" || strings.HasPrefix(fp, dir+"/") {
			files[prefix+"/"+fp] = b.content
		}
	}
	at, _ := time.Parse(time.RFC3339, cm.at)
	body := writeArchive(format, files, at)
	c.w.Header().Set("Content-Disposition", `attachment; filename="`+prefix+"."+ext+`"`)
	c.w.Header().Set("Content-Transfer-Encoding", "binary")
	return c.text(http.StatusOK, "application/octet-stream", body)
}

// writeArchive writes files (by path) as a tar, tar.gz or zip archive with
// the given modification time.
func writeArchive(format string, files map[string][]byte, at time.Time) []byte {
	paths := make([]string, 0, len(files))
	for fp := range files {
		paths = append(paths, fp)
	}
	sort.Strings(paths)
	var buf bytes.Buffer
	if format == "zip" {
		zw := zip.NewWriter(&buf)
		for _, fp := range paths {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: fp, Method: zip.Deflate, Modified: at})
			_, _ = w.Write(files[fp])
		}
		_ = zw.Close()
		return buf.Bytes()
	}
	var tw *tar.Writer
	var gz *gzip.Writer
	if format == "tar.gz" {
		gz = gzip.NewWriter(&buf)
		tw = tar.NewWriter(gz)
	} else {
		tw = tar.NewWriter(&buf)
	}
	for _, fp := range paths {
		_ = tw.WriteHeader(&tar.Header{Name: fp, Mode: 0o644, Size: int64(len(files[fp])), ModTime: at, Typeflag: tar.TypeReg, Format: tar.FormatPAX})
		_, _ = tw.Write(files[fp])
	}
	_ = tw.Close()
	if gz != nil {
		_ = gz.Close()
	}
	return buf.Bytes()
}

// repositoryCompare: https://docs.gitlab.com/api/repositories/#compare-branches-tags-or-commits
// (the commits of to that from lacks, oldest first, and the diffs from
// their merge base, or from from itself with straight=true; from_project_id
// compares with another project's ref; 404 "Ref Not Found").
func (s *Server) repositoryCompare(c *call) *apiError {
	if e := c.p.require("from", "to"); e != nil {
		return e
	}
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	fromP, fromR := p, r
	if v, ok := c.p.str("from_project_id"); ok && v != "" {
		if fromP, e = s.findProject(c, v); e != nil {
			return e
		}
		fromR = s.repoOf(fromP)
	}
	straight, _, e := c.p.boolean("straight")
	if e != nil {
		return e
	}
	from, to := s.refCommit(fromP, fromR, c.p.get("from")), s.refCommit(p, r, c.p.get("to"))
	if from == nil || to == nil {
		return notFound("Ref")
	}
	// A ref of another project is compared by its files and history,
	// which the fake's forks share.
	merged := &repo{commits: map[string]*commit{}}
	for _, rr := range []*repo{fromR, r} {
		for id, cm := range rr.commits {
			merged.commits[id] = cm
		}
	}
	base := from
	if !straight {
		base = mergeBase(merged, from, to)
	}
	var baseFiles map[string]*blob
	if base != nil {
		baseFiles = base.files
	}
	commits := between(merged, from, to)
	slices.Reverse(commits)
	list := make([]any, len(commits))
	for i, cm := range commits {
		list[i] = commitJSON(p, cm)
	}
	return c.value(http.StatusOK, map[string]any{
		"commit": commitJSON(p, to), "commits": list, "diffs": changeValues(treeChanges(baseFiles, to.files)),
		"compare_timeout": false, "compare_same_ref": c.p.get("from") == c.p.get("to"),
		"web_url": urlMarker + "/" + p.fullPath + "/-/compare/" + from.id + "..." + to.id,
	})
}

// repositoryContributors: https://docs.gitlab.com/api/repositories/#contributors
// (by author e-mail on the default branch; order_by name, email or commits,
// default commits, sort asc; additions and deletions are always 0, as
// GitLab's).
func (s *Server) repositoryContributors(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	order, dir, e := c.orderParams([]string{"name", "email", "commits"}, "commits", "asc")
	if e != nil {
		return e
	}
	type contributor struct {
		name, email string
		commits     int
	}
	byEmail := map[string]*contributor{}
	var list []*contributor
	if head := r.branches[p.defaultBranch]; head != nil {
		for _, cm := range history(r, false, head) {
			k := lower(cm.email)
			if byEmail[k] == nil {
				byEmail[k] = &contributor{name: cm.author, email: cm.email}
				list = append(list, byEmail[k])
			}
			byEmail[k].commits++
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		switch order {
		case "name":
			return a.name < b.name
		case "email":
			return a.email < b.email
		}
		return a.commits < b.commits
	})
	if dir == "desc" {
		slices.Reverse(list)
	}
	out := make([]any, len(list))
	for i, x := range list {
		out[i] = map[string]any{"name": x.name, "email": x.email, "commits": x.commits, "additions": 0, "deletions": 0}
	}
	return c.listValues(out)
}

// repositoryMergeBase: https://docs.gitlab.com/api/repositories/#merge-base
// (refs[]: at least two; the newest common ancestor).
func (s *Server) repositoryMergeBase(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	refs, _ := c.p.list("refs")
	if len(refs) < 2 {
		return msgErr(http.StatusBadRequest, "Provide at least 2 refs")
	}
	r := s.repoOf(p)
	var base *commit
	for i, ref := range refs {
		cm := s.refCommit(p, r, ref)
		if cm == nil {
			return msgErr(http.StatusNotFound, "Could not find ref: "+ref)
		}
		if i == 0 {
			base = cm
		} else if base = mergeBase(r, base, cm); base == nil {
			return notFound("Merge Base")
		}
	}
	return c.value(http.StatusOK, commitJSON(p, base))
}

// A submodule is a path that .gitmodules declares ("path = lib/x"); its
// entry is a gitlink, stored as a blob "Subproject commit <sha>\n".
const gitlinkPrefix = "Subproject commit "

func isGitlink(b *blob) bool {
	return b != nil && len(b.content) == len(gitlinkPrefix)+41 && bytes.HasPrefix(b.content, []byte(gitlinkPrefix))
}

func gitlinkSHA(b *blob) string { return string(b.content[len(gitlinkPrefix) : len(gitlinkPrefix)+40]) }

// declaresSubmodule reports whether .gitmodules declares a submodule at path.
func declaresSubmodule(files map[string]*blob, sub string) bool {
	gm := files[".gitmodules"]
	if gm == nil {
		return false
	}
	for _, line := range strings.Split(string(gm.content), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.TrimSpace(k) == "path" && strings.TrimSpace(v) == sub {
			return true
		}
	}
	return false
}

// updateSubmodule: https://docs.gitlab.com/api/repository_submodules/#update-existing-submodule-reference-in-repository
// (branch and commit_sha required; a commit that moves the submodule's
// gitlink; 400 for a path that is no submodule or a reference already there).
func (s *Server) updateSubmodule(c *call) *apiError {
	if e := c.p.require("branch", "commit_sha"); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	branch, sha, sub := c.p.get("branch"), c.p.get("commit_sha"), strings.Trim(c.args[1], "/")
	head := r.branches[branch]
	if head == nil {
		return msgErr(http.StatusBadRequest, "You can only create or edit files when you are on a branch")
	}
	if !declaresSubmodule(head.files, sub) {
		return msgErr(http.StatusBadRequest, "Invalid submodule path")
	}
	if len(sha) != 40 || strings.Trim(sha, "0123456789abcdef") != "" {
		return msgErr(http.StatusBadRequest, "Invalid parameters")
	}
	if cur := head.files[sub]; isGitlink(cur) && gitlinkSHA(cur) == sha {
		return msgErr(http.StatusBadRequest, "The submodule "+sub+" is already at "+sha)
	}
	files := make(map[string]*blob, len(head.files))
	for k, v := range head.files {
		files[k] = v
	}
	files[sub] = newBlob([]byte(gitlinkPrefix + sha + "\n"))
	msg := c.p.get("commit_message")
	if msg == "" {
		msg = "Update submodule " + sub + " with oid " + sha
	}
	cm := s.newCommit(head, files, msg, c.user.str("name"), c.user.str("email"), s.nowTS())
	s.pushCommit(p, r, branch, cm)
	out := commitJSON(p, cm)
	out["status"] = nil
	return c.value(http.StatusOK, out)
}

// protectedBranch reports whether a protected branch rule of the generic
// store (a name or a wildcard such as release/*) covers name.
func (s *Server) protectedBranch(p *project, name string) bool {
	for _, it := range s.storeItems("project_protected_branch", strconv.Itoa(p.id)) {
		if ok, _ := path.Match(it.key, name); ok || it.key == name {
			return true
		}
	}
	return false
}

// deleteMergedBranches: https://docs.gitlab.com/api/branches/#delete-merged-branches
// (202; the branches the default branch holds, but the default and
// protected ones; maintainers only).
func (s *Server) deleteMergedBranches(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	def := r.branches[p.defaultBranch]
	if def != nil {
		in := map[string]bool{}
		for _, cm := range history(r, false, def) {
			in[cm.id] = true
		}
		for name, head := range r.branches {
			if name != p.defaultBranch && in[head.id] && !s.protectedBranch(p, name) {
				delete(r.branches, name)
			}
		}
	}
	return c.value(http.StatusAccepted, map[string]any{"message": "202 Accepted"})
}

// languageOf maps file extensions to the languages GitLab's detection
// reports.
var languageOf = map[string]string{
	".go": "Go", ".rb": "Ruby", ".py": "Python", ".js": "JavaScript", ".ts": "TypeScript", ".java": "Java",
	".c": "C", ".h": "C", ".cc": "C++", ".cpp": "C++", ".rs": "Rust", ".html": "HTML", ".css": "CSS",
	".scss": "SCSS", ".sh": "Shell", ".md": "Markdown", ".vue": "Vue", ".php": "PHP", ".kt": "Kotlin",
	".swift": "Swift", ".cs": "C#", ".sql": "PLSQL", ".yml": "YAML", ".yaml": "YAML", ".json": "JSON",
}

// projectLanguages: https://docs.gitlab.com/api/projects/#list-programming-languages-used
// (percentages of the default branch's bytes, two decimals, largest first).
func (s *Server) projectLanguages(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	r := s.repoOf(p)
	sizes := map[string]int{}
	total := 0
	if head := r.branches[p.defaultBranch]; head != nil {
		for fp, b := range head.files {
			if lang := languageOf[strings.ToLower(path.Ext(fp))]; lang != "" {
				sizes[lang] += len(b.content)
				total += len(b.content)
			}
		}
	}
	langs := make([]string, 0, len(sizes))
	for l := range sizes {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		return sizes[langs[i]] > sizes[langs[j]] || sizes[langs[i]] == sizes[langs[j]] && langs[i] < langs[j]
	})
	var b strings.Builder
	b.WriteByte('{')
	for i, l := range langs {
		if i > 0 {
			b.WriteByte(',')
		}
		pct := math.Round(float64(sizes[l])*10000/float64(total)) / 100
		b.WriteString(strconv.Quote(l) + ":" + strconv.FormatFloat(pct, 'f', -1, 64))
	}
	b.WriteByte('}')
	return c.json(http.StatusOK, []byte(b.String()))
}

// projectSnapshot: https://docs.gitlab.com/api/projects/#download-snapshot-of-a-git-repository
// (administrators; an uncompressed tar of the repository: here the files
// of every branch, under <branch>/).
func (s *Server) projectSnapshot(c *call) *apiError {
	p, e := s.projectFor(c, false)
	if e != nil {
		return e
	}
	if _, _, e := c.p.boolean("wiki"); e != nil {
		return e
	}
	r := s.repoOf(p)
	files := map[string][]byte{}
	var newest time.Time
	for name, head := range r.branches {
		for fp, b := range head.files {
			files[p.path+".git/"+name+"/"+fp] = b.content
		}
		if at, _ := time.Parse(time.RFC3339, head.at); at.After(newest) {
			newest = at
		}
	}
	c.w.Header().Set("Content-Disposition", `attachment; filename="`+p.path+`.tar"`)
	return c.text(http.StatusOK, "application/x-tar", writeArchive("tar", files, newest))
}
