package gitlabtest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Project and group badges (https://docs.gitlab.com/api/project_badges/,
// https://docs.gitlab.com/api/group_badges/): a name, a link URL and an
// image URL whose placeholders (%{project_path}, %{default_branch},
// %{commit_sha}...) render in rendered_link_url and rendered_image_url, for
// the project, or for a group's first project by creation date (a group
// without projects keeps them). A project's list holds its group badges
// too (kind "group"); Maintainers manage project badges, Owners group
// badges.

// badgeVars are the placeholder values of p's badges.
func (s *Server) badgeVars(p *project) []string {
	top := p.ns.group
	for top != nil && top.parent != nil {
		top = top.parent
	}
	groupName := ""
	if top != nil {
		groupName = top.ns.name
	}
	sha := ""
	if c := p.resolveRef(s.repoOf(p), "HEAD"); c != nil {
		sha = c.id
	}
	tag := ""
	if col := s.storeColl("project_tag", strconv.Itoa(p.id)); col != nil && len(col.items) > 0 {
		tag = col.items[len(col.items)-1].key
	}
	return []string{
		"%{project_path}", p.fullPath, "%{project_title}", p.name, "%{project_name}", p.path,
		"%{project_id}", strconv.Itoa(p.id), "%{project_namespace}", p.nsPath, "%{group_name}", groupName,
		"%{gitlab_server}", hostMarker, "%{default_branch}", p.defaultBranch, "%{commit_sha}", sha, "%{latest_tag}", tag,
	}
}

// badgeProject is the project that renders the scope's badges.
func (s *Server) badgeProject(sc *scope) *project {
	if sc.project != nil || sc.group == nil {
		return sc.project
	}
	for _, p := range s.st.projects {
		if p.ns != nil && p.ns.group == sc.group {
			return p
		}
	}
	return nil
}

// renderBadge is a badge's JSON with its rendered URLs.
func (s *Server) renderBadge(p *project, obj map[string]any) map[string]any {
	out := make(map[string]any, len(obj)+2)
	for k, v := range obj {
		out[k] = v
	}
	link, image := anyString(obj["link_url"]), anyString(obj["image_url"])
	if p != nil {
		r := strings.NewReplacer(s.badgeVars(p)...)
		link, image = r.Replace(link), r.Replace(image)
	}
	out["rendered_link_url"], out["rendered_image_url"] = link, image
	return out
}

// badgeURL checks a badge URL: http or https with a host.
func badgeURL(name, v string) *apiError {
	u, err := url.Parse(strings.NewReplacer("%{", "", "}", "").Replace(v))
	if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		return fieldErr(name, "must be a valid URL")
	}
	return nil
}

func badgeHooks(kind string) *hooks {
	return &hooks{
		notFound: notFound("Badge"),
		canWrite: func(c *call, sc *scope, _ *item) *apiError {
			need := levelMaintainer
			if kind == "group" {
				need = levelOwner
			}
			switch {
			case c.user == nil:
				return errUnauthorized
			case c.callerLevel(sc) < need:
				return errForbidden
			}
			return nil
		},
		create: func(_ *call, _ *scope, obj map[string]any) *apiError {
			for _, k := range []string{"link_url", "image_url"} {
				if e := badgeURL(k, anyString(obj[k])); e != nil {
					return e
				}
			}
			keep := map[string]any{"id": obj["id"], "name": obj["name"], "link_url": obj["link_url"], "image_url": obj["image_url"], "kind": kind}
			clear(obj)
			for k, v := range keep {
				obj[k] = v
			}
			return nil
		},
		update: func(_ *call, _ *scope, it *item, fields map[string]any) *apiError {
			for _, k := range []string{"link_url", "image_url", "name"} {
				if v, ok := fields[k]; ok {
					if k != "name" {
						if e := badgeURL(k, anyString(v)); e != nil {
							return e
						}
					}
					it.obj[k] = v
				}
			}
			return nil
		},
		show: func(c *call, sc *scope, it *item) *doc {
			return &transient(it.key, c.s.renderBadge(c.s.badgeProject(sc), it.obj)).doc
		},
		// A project lists its badges, then its groups' (kind "group");
		// name filters, case-sensitive.
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			all := append([]*item(nil), items...)
			if p := sc.project; p != nil && p.ns != nil {
				for g := p.ns.group; g != nil; g = g.parent {
					if col := c.s.storeColl("group_badge", strconv.Itoa(g.id)); col != nil {
						all = append(all, col.items...)
					}
				}
			}
			name, filter := c.p.str("name")
			out := all[:0:0]
			for _, it := range all {
				if !filter || it.str("name") == name {
					out = append(out, it)
				}
			}
			return out, nil
		},
	}
}

// renderBadgeAction: GET .../badges/render previews a link and an image
// URL (https://docs.gitlab.com/api/project_badges/#preview-a-badge-from-a-project).
func (s *Server) renderBadgeAction(spec string) handler {
	return func(c *call) *apiError {
		_, sc, e := c.storeScope(spec)
		if e != nil {
			return e
		}
		if e := c.p.require("link_url", "image_url"); e != nil {
			return e
		}
		obj := map[string]any{"link_url": c.p.get("link_url"), "image_url": c.p.get("image_url")}
		return c.value(http.StatusOK, s.renderBadge(s.badgeProject(sc), obj))
	}
}

func (s *Server) registerBadgeRoutes() {
	s.handle("GET /projects/{id}/badges/render", s.renderBadgeAction("project_badge"))
	s.handle("GET /groups/{id}/badges/render", s.renderBadgeAction("group_badge"))
}
