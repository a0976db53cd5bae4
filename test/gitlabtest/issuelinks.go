package gitlabtest

import (
	"maps"
	"net/http"
	"strconv"
)

// Issue links (https://docs.gitlab.com/api/issue_links/): a link joins two
// issues, of any projects the caller sees, and shows in both issues' lists
// under one issue_link_id: "relates_to" both ways, "blocks" seen from the
// other issue as "is_blocked_by". A list holds the linked issues with the
// link's fields; a create, a read and a delete of one link answer
// {source_issue, target_issue, link_type}. Linking twice answers 409.
// Guests link issues (https://docs.gitlab.com/user/permissions/#project-members-permissions).

// issueLink is a link as stored in one issue's collection: the other
// issue, and whether this issue is the link's source.
type issueLink struct {
	other     *item
	source    bool
	mirrorKey string // the collection of the other issue's side
}

func linkOf(it *item) *issueLink {
	l, _ := it.ext.(*issueLink)
	return l
}

var inverseLinkType = map[string]string{"relates_to": "relates_to", "blocks": "is_blocked_by", "is_blocked_by": "blocks"}

// linkedIssue is the other issue as a list shows it.
func linkedIssue(it *item) map[string]any {
	out := maps.Clone(linkOf(it).other.obj)
	for _, k := range []string{"issue_link_id", "link_type", "link_created_at", "link_updated_at"} {
		out[k] = it.obj[k]
	}
	return out
}

// linkAnswer is a link as its create, read and delete answer it.
func linkAnswer(sc *scope, it *item) map[string]any {
	l := linkOf(it)
	src, dst, typ := sc.issue, l.other, it.str("link_type")
	if !l.source {
		src, dst, typ = l.other, sc.issue, inverseLinkType[typ]
	}
	return map[string]any{"source_issue": src.obj, "target_issue": dst.obj, "link_type": typ}
}

// singleLink tells an answer about one link (a create, or a route with the
// link's ID) from a list.
func (c *call) singleLink() bool {
	return c.r.Method != http.MethodGet || len(c.args) > 2
}

func issueLinkHooks() *hooks {
	return &hooks{
		notFound: msgErr(http.StatusNotFound, "404 Not found"),
		canWrite: func(c *call, sc *scope, _ *item) *apiError {
			switch {
			case c.user == nil:
				return errUnauthorized
			case c.callerLevel(sc) < levelGuest:
				return errForbidden
			}
			return nil
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			typ := "relates_to"
			if v, ok := c.p.str("link_type"); ok {
				typ = v
			}
			if inverseLinkType[typ] == "" {
				return errErr(http.StatusBadRequest, "link_type does not have a valid value")
			}
			p, e := c.s.findProject(c, anyString(obj["target_project_id"]))
			if e != nil {
				return msgErr(http.StatusNotFound, "404 Not found")
			}
			target, e := findIssuable(p.issues, anyString(obj["target_issue_iid"]))
			if e != nil || target == sc.issue {
				return msgErr(http.StatusNotFound, "404 Not found")
			}
			if col := c.collFor(sc, false); col != nil {
				for _, it := range col.items {
					if linkOf(it) != nil && linkOf(it).other == target {
						return msgErr(http.StatusConflict, "Issue(s) already assigned")
					}
				}
			}
			id := obj["issue_link_id"]
			for _, k := range []string{"target_project_id", "target_issue_iid", "project_id", "issue_iid"} {
				delete(obj, k)
			}
			obj["link_type"], obj["link_created_at"], obj["link_updated_at"] = typ, obj["created_at"], obj["updated_at"]
			// The other issue's side of the link, under the same ID.
			mirror := map[string]any{"issue_link_id": id, "link_type": inverseLinkType[typ],
				"link_created_at": obj["created_at"], "link_updated_at": obj["updated_at"]}
			vals := []string{strconv.Itoa(p.id), target.key}
			k := storeKind("project_issue_link")
			col := c.s.st.colls[collKey(k, vals)]
			if col == nil {
				col = newColl()
				c.s.st.colls[collKey(k, vals)] = col
			}
			m := &item{obj: mirror, key: anyString(id), ext: &issueLink{other: sc.issue, mirrorKey: sc.key}}
			m.render()
			col.add(m)
			return nil
		},
		// The new link learns its other issue, the request's target (ext
		// held the creator).
		after: func(c *call, sc *scope) {
			col := c.collFor(sc, false)
			if col == nil || c.r.Method != http.MethodPost {
				return
			}
			p, _ := c.s.findProject(c, c.p.get("target_project_id"))
			target, _ := findIssuable(p.issues, c.p.get("target_issue_iid"))
			for _, it := range col.items {
				if linkOf(it) == nil {
					it.ext = &issueLink{other: target, source: true,
						mirrorKey: collKey(storeKind("project_issue_link"), []string{strconv.Itoa(p.id), target.key})}
				}
			}
		},
		show: func(c *call, sc *scope, it *item) *doc {
			if c.singleLink() {
				return &transient(it.key, linkAnswer(sc, it)).doc
			}
			return &transient(it.key, linkedIssue(it)).doc
		},
	}
}

// deleteIssueLink: DELETE .../links/:issue_link_id removes the link from
// both issues and answers it (https://docs.gitlab.com/api/issue_links/#delete-an-issue-link).
func (s *Server) deleteIssueLink(c *call) *apiError {
	_, sc, it, e := c.storeWrite("project_issue_link")
	if e != nil {
		return e
	}
	answer := linkAnswer(sc, it)
	if col := s.st.colls[linkOf(it).mirrorKey]; col != nil {
		col.remove(it.key)
	}
	c.collFor(sc, false).remove(it.key)
	return c.value(http.StatusOK, answer)
}

// getIssueLink: GET .../links/:issue_link_id (undeclared by python-gitlab)
// answers one link (https://docs.gitlab.com/api/issue_links/#get-an-issue-link).
func (s *Server) getIssueLink(c *call) *apiError {
	_, sc, it, e := c.storeTarget("project_issue_link")
	if e != nil {
		return e
	}
	return c.value(http.StatusOK, linkAnswer(sc, it))
}

func (s *Server) registerIssueLinkRoutes() {
	s.handle("GET /projects/{id}/issues/{issue_iid}/links/{issue_link_id}", s.getIssueLink)
	s.handle("DELETE /projects/{id}/issues/{issue_iid}/links/{issue_link_id}", s.deleteIssueLink, needAuth)
}
