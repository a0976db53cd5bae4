package gitlabtest

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Tags and releases (https://docs.gitlab.com/api/tags/,
// https://docs.gitlab.com/api/releases/,
// https://docs.gitlab.com/api/releases/links/). A tag names a commit of the
// project's repository found from its ref (a branch, a commit or another
// tag); with a message it is annotated (its target is the tag object's
// SHA, its created_at the tagger's date). A release is made on a tag,
// which a ref creates when it does not exist yet; it is addressed by its
// tag_name, lists its asset links, its sources and milestones, and goes
// with its tag.

// tagName checks a tag name as git does (git check-ref-format).
func tagName(name string) bool {
	if name == "" || strings.HasPrefix(name, "-") || strings.HasSuffix(name, ".") || strings.HasSuffix(name, "/") ||
		strings.Contains(name, "..") || strings.Contains(name, "@{") || strings.HasSuffix(name, ".lock") {
		return false
	}
	return !strings.ContainsAny(name, " ~^:?*[\\\x7f") && !strings.ContainsFunc(name, func(r rune) bool { return r < 32 })
}

// tagCommit resolves a tag's ref: a branch, HEAD, a commit or a tag.
func (s *Server) tagCommit(p *project, ref string) *commit {
	r := s.repoOf(p)
	if cm := p.resolveRef(r, ref); cm != nil {
		return cm
	}
	if col := s.storeColl("project_tag", strconv.Itoa(p.id)); col != nil {
		if t := col.byKey[ref]; t != nil {
			return r.commits[anyString(t.obj["commit"].(map[string]any)["id"])]
		}
	}
	return nil
}

// tagHooks: a tag is created at a ref (400 "Target <ref> is invalid"
// otherwise, "Tag <name> already exists" when taken), by a user who may
// create it when a protected tag matches; tags list by last update, newest
// first (order_by name, updated or version; sort; search), and deleting
// one deletes its release.
func tagHooks() *hooks {
	return &hooks{
		notFound: notFound("Tag"),
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			p := sc.project
			if p == nil { // inserted by a release
				p = c.s.st.projectByID[atoi(sc.vals[0])]
			}
			name, ref := anyString(obj["tag_name"]), anyString(obj["ref"])
			if !tagName(name) {
				return msgErr(http.StatusBadRequest, "Tag name invalid")
			}
			cm := c.s.tagCommit(p, ref)
			if cm == nil {
				return msgErr(http.StatusBadRequest, "Target "+ref+" is invalid")
			}
			if !c.s.refAccess(c.user, p, name, "create_access_levels", true) {
				return msgErr(http.StatusForbidden, "You are not allowed to create this tag as it is protected.")
			}
			msg := strings.TrimSpace(anyString(obj["message"]))
			tag := map[string]any{"name": name, "message": nilIfEmpty(msg), "target": cm.id, "commit": commitJSON(p, cm),
				"release": nil, "protected": len(c.s.refRules(p, name, true)) > 0, "created_at": nil,
				"project_id": p.id, "updated_at": obj["updated_at"]}
			if msg != "" { // an annotated tag: a tag object of its own
				sum := sha1.Sum([]byte("tag " + name + "\x00" + msg + "\x00" + cm.id))
				tag["target"], tag["created_at"] = hex.EncodeToString(sum[:]), obj["created_at"]
			}
			clear(obj)
			for k, v := range tag {
				obj[k] = v
			}
			return nil
		},
		dup: func(key string) *apiError { return msgErr(http.StatusBadRequest, "Tag "+key+" already exists") },
		delete: func(c *call, sc *scope, it *item) *apiError {
			if col := c.s.storeColl("project_release", sc.vals[0]); col != nil && col.byKey[it.key] != nil {
				c.s.dropUnder(col.byKey[it.key])
				col.remove(it.key)
			}
			return nil
		},
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) {
			order, dir, e := c.orderParams([]string{"updated", "name", "version"}, "updated", "desc")
			if e != nil {
				return nil, e
			}
			search := c.p.get("search")
			var out []*item
			for _, it := range items {
				if matchSearch(it.key, search) {
					out = append(out, it)
				}
			}
			sort.SliceStable(out, func(i, j int) bool {
				switch order {
				case "name":
					return out[i].key < out[j].key
				case "version":
					return versionLess(out[i].key, out[j].key)
				}
				return out[i].str("updated_at") < out[j].str("updated_at")
			})
			if dir == "desc" {
				slices.Reverse(out)
			}
			return out, nil
		},
		show: func(c *call, sc *scope, it *item) *doc {
			rel := c.s.storeColl("project_release", sc.vals[0])
			if rel == nil || rel.byKey[it.key] == nil {
				return &it.doc
			}
			obj := shallowCopy(it.obj)
			obj["release"] = map[string]any{"tag_name": it.key, "description": rel.byKey[it.key].obj["description"]}
			return marshalDocPtr(obj)
		},
	}
}

// matchSearch is the tags' search: ^ anchors at the start, $ at the end.
func matchSearch(name, search string) bool {
	switch {
	case search == "":
		return true
	case strings.HasPrefix(search, "^"):
		return strings.HasPrefix(name, search[1:])
	case strings.HasSuffix(search, "$"):
		return strings.HasSuffix(name, search[:len(search)-1])
	}
	return strings.Contains(name, search)
}

// versionLess orders v1.2.10 after v1.2.9.
func versionLess(a, b string) bool {
	pa, pb := strings.FieldsFunc(a, notDigit), strings.FieldsFunc(b, notDigit)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if x, y := atoi(pa[i]), atoi(pb[i]); x != y {
			return x < y
		}
	}
	if len(pa) != len(pb) {
		return len(pa) < len(pb)
	}
	return a < b
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

func shallowCopy(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// releaseMilestones resolves milestone titles of the project (or its
// groups); 400 "Milestone(s) not found: ..." for the others.
func (s *Server) releaseMilestones(p *project, titles []string) ([]any, *apiError) {
	out := []any{}
	var missing []string
	for _, t := range titles {
		var found *item
		cols := []*coll{s.milestoneColl(false, p.id)}
		for g := ancestors(&scope{project: p}); g != nil; g = g.parent {
			cols = append(cols, s.milestoneColl(true, g.id))
		}
		for _, col := range cols {
			if col == nil {
				continue
			}
			for _, m := range col.items {
				if found == nil && m.str("title") == t {
					found = m
				}
			}
		}
		if found == nil {
			missing = append(missing, t)
			continue
		}
		out = append(out, s.milestoneRef(found))
	}
	if len(missing) > 0 {
		return nil, msgErr(http.StatusBadRequest, "Milestone(s) not found: "+strings.Join(missing, ", "))
	}
	return out, nil
}

// releaseHooks: a release on an existing tag, or on one its ref creates
// (422 "Ref is not specified" without); 409 "Release already exists";
// developers write releases
// (https://docs.gitlab.com/api/releases/#create-a-release).
func releaseHooks() *hooks {
	return &hooks{
		notFound: notFound("Release"),
		canWrite: func(c *call, sc *scope, _ *item) *apiError {
			if c.user == nil {
				return errUnauthorized
			}
			if c.callerLevel(sc) < levelDeveloper {
				return errForbidden
			}
			return nil
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			p, name := sc.project, anyString(obj["tag_name"])
			tags := c.s.storeColl("project_tag", strconv.Itoa(p.id))
			if tags == nil || tags.byKey[name] == nil {
				ref := anyString(obj["ref"])
				if ref == "" {
					return msgErr(http.StatusUnprocessableEntity, "Ref is not specified")
				}
				if _, e := c.insert("project_tag", sc.vals, nil, map[string]any{"tag_name": name, "ref": ref, "message": obj["tag_message"]}); e != nil {
					return msgErr(http.StatusUnprocessableEntity, gjson.GetBytes(e.body, "message").String())
				}
				tags = c.s.storeColl("project_tag", strconv.Itoa(p.id))
			}
			titles, _ := c.p.list("milestones")
			ms, e := c.s.releaseMilestones(p, titles)
			if e != nil {
				return e
			}
			released, e := releaseTime(c, obj, "released_at")
			if e != nil {
				return e
			}
			tag := tags.byKey[name]
			rel := map[string]any{
				"tag_name": name, "name": obj["name"], "description": obj["description"], "created_at": obj["created_at"],
				"released_at": released, "author": c.user.basicJSON(), "commit": tag.obj["commit"], "milestones": ms,
				"commit_path": "/" + p.fullPath + "/-/commit/" + anyString(tag.obj["target"]),
				"tag_path":    "/" + p.fullPath + "/-/tags/" + url.PathEscape(name), "evidences": []any{},
				"project_id": p.id, "updated_at": obj["updated_at"],
			}
			if rel["name"] == nil {
				rel["name"] = name
			}
			clear(obj)
			for k, v := range rel {
				obj[k] = v
			}
			return releaseLinks(c, nil)
		},
		// The asset links a new release names are created once it is
		// stored.
		after: func(c *call, sc *scope) {
			if c.r.Method != http.MethodPost || c.rt == nil || c.rt.kind == nil {
				return
			}
			if col := c.collFor(sc, false); col != nil {
				if rel := col.byKey[c.p.get("tag_name")]; rel != nil {
					_ = releaseLinks(c, rel)
				}
			}
		},
		dup: func(string) *apiError { return msgErr(http.StatusConflict, "Release already exists") },
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			for _, k := range []string{"name", "description"} {
				if v, ok := fields[k]; ok {
					it.obj[k] = v
				}
			}
			if titles, ok := c.p.list("milestones"); ok {
				ms, e := c.s.releaseMilestones(sc.project, titles)
				if e != nil {
					return e
				}
				it.obj["milestones"] = ms
			}
			if _, ok := fields["released_at"]; ok {
				v, e := releaseTime(c, it.obj, "released_at")
				if e != nil {
					return e
				}
				it.obj["released_at"] = v
			}
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) {
			order, dir, e := c.orderParams([]string{"released_at", "created_at"}, "released_at", "desc")
			if e != nil {
				return nil, e
			}
			out := slices.Clone(items)
			sort.SliceStable(out, func(i, j int) bool { return out[i].str(order) < out[j].str(order) })
			if dir == "desc" {
				slices.Reverse(out)
			}
			return out, nil
		},
		show: func(c *call, sc *scope, it *item) *doc {
			obj := shallowCopy(it.obj)
			obj["upcoming_release"] = it.str("released_at") > c.s.nowTS()
			var links []any
			if col := c.s.storeColl("project_release_link", sc.vals[0], it.key); col != nil {
				for _, l := range col.items {
					links = append(links, l.obj)
				}
			}
			if links == nil {
				links = []any{}
			}
			base := urlMarker + "/" + gjsonPath(c, sc) + "/-/archive/" + url.PathEscape(it.key) + "/"
			var sources []any
			for _, f := range []string{"zip", "tar.gz", "tar.bz2", "tar"} {
				sources = append(sources, map[string]any{"format": f, "url": base + c.s.archiveName(sc, it.key) + "." + f})
			}
			obj["assets"] = map[string]any{"count": len(sources) + len(links), "sources": sources, "links": links}
			self := urlMarker + "/" + gjsonPath(c, sc) + "/-/releases/" + url.PathEscape(it.key)
			obj["_links"] = map[string]any{"self": self, "edit_url": self + "/edit"}
			return marshalDocPtr(obj)
		},
	}
}

// gjsonPath is the full path of the scope's project.
func gjsonPath(c *call, sc *scope) string {
	if sc.project != nil {
		return sc.project.fullPath
	}
	return c.s.st.projectByID[atoi(sc.vals[0])].fullPath
}

func (s *Server) archiveName(sc *scope, tag string) string {
	p := sc.project
	if p == nil {
		p = s.st.projectByID[atoi(sc.vals[0])]
	}
	return p.path + "-" + strings.ReplaceAll(tag, "/", "-")
}

// releaseLinks checks (rel nil) or creates (under rel) the asset links a
// new release names: assets[links][] with name, url, direct_asset_path
// and link_type (https://docs.gitlab.com/api/releases/#create-a-release).
func releaseLinks(c *call, rel *item) *apiError {
	assets, _ := c.p["assets"].(map[string]any)
	links, _ := assets["links"].([]any)
	for _, x := range links {
		m, ok := x.(map[string]any)
		if !ok || anyString(m["name"]) == "" || anyString(m["url"]) == "" {
			return invalid("assets[links]")
		}
		if rel == nil {
			if e := linkFields(m); e != nil {
				return e
			}
			continue
		}
		if _, e := c.insert("project_release_link", []string{anyString(rel.obj["project_id"]), rel.key}, rel, shallowCopy(m)); e != nil {
			return e
		}
	}
	return nil
}

// linkFields validates a link's url and link_type.
func linkFields(m map[string]any) *apiError {
	if v, ok := m["url"]; ok {
		u, err := url.Parse(anyString(v))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ftp") || u.Host == "" {
			return fieldErr("url", "is blocked: Only allowed schemes are http, https, ftp")
		}
	}
	if v, ok := m["link_type"]; ok && !slices.Contains([]string{"other", "runbook", "image", "package"}, anyString(v)) {
		return errErr(http.StatusBadRequest, "link_type does not have a valid value")
	}
	return nil
}

// linkHooks: https://docs.gitlab.com/api/releases/links/ (name and url
// unique in their release; direct_asset_path, or the older filepath, makes
// a permanent URL under the release).
func linkHooks() *hooks {
	unique := func(c *call, sc *scope, self *item, m map[string]any) *apiError {
		col := c.collFor(sc, false)
		if col == nil {
			return nil
		}
		for _, it := range col.items {
			for _, k := range []string{"name", "url"} {
				if v, ok := m[k]; ok && it != self && anyString(it.obj[k]) == anyString(v) {
					return fieldErr(k, "has already been taken")
				}
			}
		}
		return nil
	}
	fill := func(sc *scope, obj map[string]any) {
		path := anyString(obj["direct_asset_path"])
		if path == "" {
			path = anyString(obj["filepath"])
		}
		delete(obj, "filepath")
		if obj["link_type"] == nil {
			obj["link_type"] = "other"
		}
		obj["direct_asset_url"] = obj["url"]
		if path != "" {
			obj["direct_asset_path"] = path
			obj["direct_asset_url"] = urlMarker + "/-/releases/" + url.PathEscape(sc.vals[1]) + "/downloads/" + strings.TrimPrefix(path, "/")
		}
	}
	return &hooks{
		notFound: errNotFoundPlain,
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			if e := linkFields(obj); e != nil {
				return e
			}
			if e := unique(c, sc, nil, obj); e != nil {
				return e
			}
			fill(sc, obj)
			return nil
		},
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			if e := linkFields(fields); e != nil {
				return e
			}
			if e := unique(c, sc, it, fields); e != nil {
				return e
			}
			for k, v := range fields {
				it.obj[k] = v
			}
			fill(sc, it.obj)
			it.obj["updated_at"] = c.s.nowTS()
			return nil
		},
	}
}

// deleteAnswering: DELETE of a release or of a release link answers 200
// with what it deleted (https://docs.gitlab.com/api/releases/#delete-a-release,
// https://docs.gitlab.com/api/releases/links/#delete-a-release-link).
func (s *Server) deleteAnswering(spec string) handler {
	return func(c *call) *apiError {
		k, sc, it, e := c.storeWrite(spec)
		if e != nil {
			return e
		}
		d := c.shown(k, sc, it)
		c.collFor(sc, true).remove(it.key)
		s.dropUnder(it)
		return c.doc(http.StatusOK, d)
	}
}

func (s *Server) registerReleaseRoutes() {
	s.handle("DELETE /projects/{id}/releases/{tag_name}", s.deleteAnswering("project_release"), needAuth)
	s.handle("DELETE /projects/{id}/releases/{tag_name}/assets/links/{link_id}", s.deleteAnswering("project_release_link"), needAuth)
}

// releaseTime reads a timestamp (ISO 8601) into GitLab's form; absent, the
// object's created_at.
func releaseTime(c *call, obj map[string]any, name string) (any, *apiError) {
	t, ok, e := timeParam(c, name)
	if e != nil || !ok {
		return obj["created_at"], e
	}
	return ts(t), nil
}
