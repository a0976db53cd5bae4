package gitlabtest

import (
	"strconv"
	"strings"
)

// state is everything the fake stores; it is guarded by Server.mu.
type state struct {
	users      []*user // ordered by id
	userByID   map[int]*user
	userByName map[string]*user // lower-case username
	tokens     map[string]*token

	namespaces map[int]*namespace
	nsByPath   map[string]*namespace // lower-case full path

	groups    []*group // ordered by id
	groupByID map[int]*group

	projects      []*project // ordered by id
	projectByID   map[int]*project
	projectByPath map[string]*project // lower-case path_with_namespace
	redirects     map[string]int      // old lower-case full path -> project id

	features map[string]*feature

	colls map[string]*coll
	ids   map[string]int // the generic store's id sequences, by collection path

	act actState // what the hand-written actions remember (actions.go)

	nextUser, nextNS, nextProject, nextIssue, nextMR, nextPushRule, nextTodo int

	gen int // bumped by every write; cached project views follow it
}

// lock takes the state lock for writing. Every write invalidates the cached
// project views, which is coarse but cannot miss a change.
func (s *Server) lock() {
	s.mu.Lock()
	s.st.gen++
}

func (s *Server) initState() {
	s.st = state{
		userByID:      map[int]*user{},
		userByName:    map[string]*user{},
		tokens:        map[string]*token{},
		namespaces:    map[int]*namespace{},
		nsByPath:      map[string]*namespace{},
		groupByID:     map[int]*group{},
		projectByID:   map[int]*project{},
		projectByPath: map[string]*project{},
		redirects:     map[string]int{},
		features:      map[string]*feature{},
		colls:         map[string]*coll{},
		ids:           map[string]int{},
	}
	root := s.addUser(User{Username: "root", Name: "Administrator", Email: "admin@example.com", Admin: true})
	s.addToken(root, s.cfg.adminToken, PrivateToken, nil)
}

// namespace is a user's personal namespace or a group
// (https://docs.gitlab.com/api/namespaces/).
type namespace struct {
	id       int
	name     string
	path     string
	fullPath string
	kind     string // "user" or "group"
	user     *user
	group    *group
}

func (n *namespace) json() map[string]any {
	m := map[string]any{
		"id": n.id, "name": n.name, "path": n.path, "kind": n.kind, "full_path": n.fullPath,
		"parent_id": nil, "avatar_url": nil, "web_url": urlMarker + "/" + n.fullPath,
	}
	if n.group != nil {
		m["web_url"] = urlMarker + "/groups/" + n.fullPath
		if n.group.parent != nil {
			m["parent_id"] = n.group.parent.id
		}
	}
	return m
}

// coll is an ordered collection of JSON items, keyed by their id attribute.
type coll struct {
	items []*item
	byKey map[string]*item
	next  int   // per-collection counter (iids)
	owner *item // the object the collection belongs to, when the store holds it
	gone  bool  // a deleted singleton
}

func newColl() *coll { return &coll{byKey: map[string]*item{}} }

func (c *coll) add(it *item) {
	c.items = append(c.items, it)
	c.byKey[it.key] = it
}

func (c *coll) remove(key string) {
	it := c.byKey[key]
	if it == nil {
		return
	}
	delete(c.byKey, key)
	for i, x := range c.items {
		if x == it {
			c.items = append(c.items[:i], c.items[i+1:]...)
			break
		}
	}
}

// item is one stored object: its fields and their rendering.
type item struct {
	key string
	id  int
	obj map[string]any
	doc doc
	ext any // per-kind state that is not rendered (author, approvals...)
}

func (it *item) render() { it.doc = marshalDoc(it.obj) }

func (it *item) str(k string) string {
	s, _ := it.obj[k].(string)
	return s
}

func lower(s string) string { return strings.ToLower(s) }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// parameterize turns a name into a path, as GitLab does for projects created
// with only a name (https://docs.gitlab.com/api/projects/#create-a-project).
func parameterize(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-.")
}

func (s *Server) nowTS() string { return ts(s.now()) }
