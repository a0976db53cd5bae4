package gitlabtest

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

const (
	defaultPerPage = 20
	maxPerPage     = 100
)

// pageParams parses page and per_page: defaults 1 and 20, per_page capped at
// 100 (https://docs.gitlab.com/api/rest/#offset-based-pagination; gitlab#239165).
func (c *call) pageParams() (page, perPage int, e *apiError) {
	page, perPage = 1, defaultPerPage
	if n, ok, e := c.p.integer("page"); e != nil {
		return 0, 0, e
	} else if ok && n > 0 {
		page = n
	}
	if n, ok, e := c.p.integer("per_page"); e != nil {
		return 0, 0, e
	} else if ok && n > 0 {
		perPage = min(n, maxPerPage)
	}
	return page, perPage, nil
}

func (c *call) keyset() bool { return c.p.get("pagination") == "keyset" }

// orderParams validates order_by and sort against a route's documented values
// (gitlab-protocol.md section 4: "does not have a valid value").
func (c *call) orderParams(valid []string, defOrder, defSort string) (order, sort string, e *apiError) {
	order, sort = defOrder, defSort
	if v, ok := c.p.str("order_by"); ok {
		found := false
		for _, x := range valid {
			if v == x {
				found = true
				break
			}
		}
		if !found {
			return "", "", errOrderBy
		}
		order = v
	}
	if v, ok := c.p.str("sort"); ok {
		if v != "asc" && v != "desc" {
			return "", "", errSort
		}
		sort = v
	}
	return order, sort, nil
}

// sortByKey sorts list ascending by key, ties by id, for the order_by of a
// list route (callers reverse it for sort=desc).
func sortByKey[T any](list []T, key func(T) string, id func(T) int) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := key(list[i]), key(list[j])
		if a != b {
			return a < b
		}
		return id(list[i]) < id(list[j])
	})
}

// linkURL is the request URL on the external URL with all original query
// parameters and the given ones replaced
// (https://docs.gitlab.com/api/rest/#pagination-link-header).
func (c *call) linkURL(set ...string) string {
	q := c.r.URL.Query()
	for i := 0; i+1 < len(set); i += 2 {
		q.Set(set[i], set[i+1])
	}
	return c.base + c.path + "?" + q.Encode()
}

// offsetHeaders writes X-Page, X-Per-Page, X-Next-Page, X-Prev-Page, X-Total,
// X-Total-Pages and Link for an offset page. Totals and rel="last" are left
// out above the totals limit
// (https://docs.gitlab.com/api/rest/#pagination-response-headers). A page past
// the end keeps X-Page and has empty X-Next-Page and X-Prev-Page, as
// Kaminari's out-of-range pages do.
func (c *call) offsetHeaders(page, perPage, total int) {
	h := c.w.Header()
	pages := (total + perPage - 1) / perPage
	outOfRange := page > pages
	next, prev := "", ""
	if !outOfRange && page < pages {
		next = strconv.Itoa(page + 1)
	}
	if !outOfRange && page > 1 {
		prev = strconv.Itoa(page - 1)
	}
	h.Set("X-Page", strconv.Itoa(page))
	h.Set("X-Per-Page", strconv.Itoa(perPage))
	h.Set("X-Next-Page", next)
	h.Set("X-Prev-Page", prev)
	showTotals := total <= c.s.cfg.totalsLimit
	if showTotals {
		h.Set("X-Total", strconv.Itoa(total))
		h.Set("X-Total-Pages", strconv.Itoa(max(1, pages)))
	}
	pp := strconv.Itoa(perPage)
	var links []string
	if prev != "" {
		links = append(links, "<"+c.linkURL("page", prev, "per_page", pp)+`>; rel="prev"`)
	}
	if next != "" {
		links = append(links, "<"+c.linkURL("page", next, "per_page", pp)+`>; rel="next"`)
	}
	links = append(links, "<"+c.linkURL("page", "1", "per_page", pp)+`>; rel="first"`)
	if showTotals {
		links = append(links, "<"+c.linkURL("page", strconv.Itoa(max(1, pages)), "per_page", pp)+`>; rel="last"`)
	}
	h.Set("Link", strings.Join(links, ", "))
}

// offsetCap is the 405 of keyset-capable routes past the maximum offset; the
// check is page * per_page > limit, as in GitLab's pagination strategies
// (https://docs.gitlab.com/administration/instance_limits/#max-offset-allowed-by-the-rest-api-for-offset-based-pagination).
func (c *call) offsetCap(page, perPage int, typ string) *apiError {
	limit := c.s.cfg.maxOffset
	if limit > 0 && page*perPage > limit {
		return errErr(http.StatusMethodNotAllowed, "Offset pagination has a maximum allowed offset of "+strconv.Itoa(limit)+
			" for requests that return objects of type "+typ+". Remaining records can be retrieved using keyset pagination.")
	}
	return nil
}

// listDocs answers an offset-paginated list of n docs. Keyset pagination is
// not available on such routes (405,
// https://docs.gitlab.com/api/rest/#supported-resources).
func (c *call) listDocs(n int, get func(i int) *doc) *apiError {
	if c.keyset() {
		return errKeyset
	}
	page, perPage, e := c.pageParams()
	if e != nil {
		return e
	}
	return c.offsetPage(page, perPage, n, get)
}

func (c *call) offsetPage(page, perPage, n int, get func(i int) *doc) *apiError {
	c.offsetHeaders(page, perPage, n)
	start := (page - 1) * perPage
	if start >= n {
		return c.json(http.StatusOK, []byte("[]"))
	}
	end := min(n, start+perPage)
	return c.array(end-start, func(i int) *doc { return get(start + i) })
}

// keysetPage answers one keyset page: only a Link rel="next" header, present
// whenever the page is not empty, so the end is an empty page without Link
// (https://docs.gitlab.com/api/rest/#keyset-based-pagination).
func (c *call) keysetPage(docs []*doc, next ...string) *apiError {
	if len(docs) == 0 {
		return c.json(http.StatusOK, []byte("[]"))
	}
	c.w.Header().Set("Link", "<"+c.linkURL(next...)+`>; rel="next"`)
	return c.array(len(docs), func(i int) *doc { return docs[i] })
}

func itemDocs(items []*item) func(i int) *doc {
	return func(i int) *doc { return &items[i].doc }
}
