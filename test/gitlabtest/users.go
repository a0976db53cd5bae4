package gitlabtest

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// User describes a user for AddUser. State defaults to "active", Name to
// Username and Email to <username>@example.com.
type User struct {
	Username string
	Name     string
	Email    string
	Admin    bool
	State    string
}

type user struct {
	id           int
	username     string
	admin        bool
	lastActivity string // YYYY-MM-DD
	ns           *namespace
	obj          map[string]any // full representation
	full, basic  doc
}

// AddUser creates a user and returns its id. It panics if the username is
// taken.
func (s *Server) AddUser(u User) int {
	s.lock()
	defer s.mu.Unlock()
	if s.st.userByName[lower(u.Username)] != nil {
		panic("gitlabtest: AddUser: username taken: " + u.Username)
	}
	return s.addUser(u).id
}

func (s *Server) addUser(in User) *user {
	s.st.nextUser++
	if in.Name == "" {
		in.Name = in.Username
	}
	if in.Email == "" {
		in.Email = lower(in.Username) + "@example.com"
	}
	if in.State == "" {
		in.State = "active"
	}
	u := &user{id: s.st.nextUser, username: in.Username, admin: in.Admin}
	s.st.nextNS++
	// A personal namespace is named after the user's display name.
	u.ns = &namespace{id: s.st.nextNS, name: in.Name, path: in.Username, fullPath: in.Username, kind: "user", user: u}
	now := s.nowTS()
	sum := md5.Sum([]byte(lower(in.Email)))
	// Field set of https://docs.gitlab.com/api/users/#retrieve-the-current-user.
	u.obj = map[string]any{
		"id": u.id, "username": in.Username, "name": in.Name, "state": in.State, "locked": in.State == "locked",
		"avatar_url": "https://www.gravatar.com/avatar/" + hex.EncodeToString(sum[:]) + "?s=80&d=identicon",
		"web_url":    urlMarker + "/" + in.Username, "created_at": now, "bio": "", "location": "",
		"public_email": "", "linkedin": "", "twitter": "", "discord": "", "website_url": "", "organization": "",
		"job_title": "", "pronouns": nil, "bot": false, "work_information": nil, "local_time": nil,
		"last_sign_in_at": nil, "confirmed_at": now, "last_activity_on": nil, "email": in.Email,
		"theme_id": 1, "color_scheme_id": 1, "projects_limit": 100000, "current_sign_in_at": nil,
		"identities": []any{}, "can_create_group": true, "can_create_project": true,
		"two_factor_enabled": false, "external": false, "private_profile": false,
		"commit_email": in.Email, "is_admin": in.Admin, "note": nil, "namespace_id": u.ns.id,
		"created_by": nil, "is_auditor": false, "using_license_seat": false,
	}
	s.renderUser(u)
	s.st.users = append(s.st.users, u)
	s.st.userByID[u.id] = u
	s.st.userByName[lower(u.username)] = u
	s.st.namespaces[u.ns.id] = u.ns
	s.st.nsByPath[lower(u.ns.fullPath)] = u.ns
	return u
}

// basicUserFields is the UserBasic entity embedded as author, owner...
var basicUserFields = []string{"id", "username", "public_email", "name", "state", "locked", "avatar_url", "web_url"}

func (s *Server) renderUser(u *user) {
	u.full = marshalDoc(u.obj)
	b := make(map[string]any, len(basicUserFields))
	for _, k := range basicUserFields {
		b[k] = u.obj[k]
	}
	u.basic = marshalDoc(b)
}

func (u *user) basicJSON() json.RawMessage { return u.basic.raw }

func (u *user) str(k string) string {
	v, _ := u.obj[k].(string)
	return v
}

// touchActivity records API use as activity
// (https://docs.gitlab.com/api/users/#list-a-users-activity).
func (s *Server) touchActivity(u *user) {
	d := date(s.now())
	if u.lastActivity == d || s.st.userByID[u.id] != u {
		return
	}
	u.lastActivity = d
	u.obj["last_activity_on"] = d
	s.renderUser(u)
}

// findUser resolves an id or a username (the SSH key routes take either,
// https://docs.gitlab.com/api/user_keys/).
func (s *Server) findUser(id string) *user {
	if isDigits(id) {
		return s.st.userByID[atoi(id)]
	}
	return s.st.userByName[lower(id)]
}

// userDoc: administrators and the user themselves see every field, others the
// basic entity (https://docs.gitlab.com/api/users/#retrieve-a-single-user).
func (c *call) userDoc(u *user) *doc {
	if c.user != nil && (c.user.admin || c.user == u) {
		return &u.full
	}
	return &u.basic
}

func (s *Server) registerUserRoutes() {
	s.handle("GET /version", s.getVersion, needAuth)
	s.handle("GET /user", s.getCurrentUser, needAuth)
	s.handle("GET /user/activities", s.listActivities, adminOnly)
	s.handle("GET /users", s.listUsers)
	s.handle("GET /users/{id}", s.getUser)
	s.handle("POST /users", s.createUser, adminOnly)
	s.handle("PUT /users/{id}", s.updateUser, adminOnly)
	s.handle("DELETE /users/{id}", s.deleteUser, adminOnly)
}

// getVersion: https://docs.gitlab.com/api/version/ (authenticated users only).
func (s *Server) getVersion(c *call) *apiError {
	return c.value(http.StatusOK, map[string]any{"version": Version, "revision": Revision})
}

// getCurrentUser: https://docs.gitlab.com/api/users/#retrieve-the-current-user.
func (s *Server) getCurrentUser(c *call) *apiError { return c.doc(http.StatusOK, &c.user.full) }

// listActivities: https://docs.gitlab.com/api/users/#list-a-users-activity
// (from defaults to six months ago; oldest first).
func (s *Server) listActivities(c *call) *apiError {
	from := date(s.now().AddDate(0, -6, 0))
	if v, ok := c.p.str("from"); ok {
		t, err := time.Parse(dateLayout, v)
		if err != nil {
			return invalid("from")
		}
		from = date(t)
	}
	var list []*user
	for _, u := range s.st.users {
		if u.lastActivity != "" && u.lastActivity >= from {
			list = append(list, u)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].lastActivity < list[j].lastActivity })
	docs := make([]doc, len(list))
	for i, u := range list {
		docs[i] = marshalDoc(map[string]any{"username": u.username, "last_activity_on": u.lastActivity, "last_activity_at": u.lastActivity})
	}
	return c.listDocs(len(docs), func(i int) *doc { return &docs[i] })
}

var userOrders = []string{"id", "name", "username", "created_at", "updated_at"}

// listUsers: https://docs.gitlab.com/api/users/#list-users, with offset cap
// and cursor keyset pagination (https://docs.gitlab.com/api/rest/#supported-resources).
func (s *Server) listUsers(c *call) *apiError {
	order, dir, e := c.orderParams(userOrders, "id", "desc")
	if e != nil {
		return e
	}
	username, hasUsername := c.p.str("username")
	search := lower(c.p.get("search"))
	var flags = map[string]bool{}
	for _, k := range []string{"active", "blocked", "external", "admins"} {
		v, _, e := c.p.boolean(k)
		if e != nil {
			return e
		}
		flags[k] = v
	}
	list := make([]*user, 0, len(s.st.users))
	for _, u := range s.st.users {
		if hasUsername && !strings.EqualFold(u.username, username) {
			continue
		}
		if search != "" && !strings.Contains(lower(u.username), search) && !strings.Contains(lower(u.str("name")), search) &&
			!(c.user != nil && c.user.admin && strings.Contains(lower(u.str("email")), search)) {
			continue
		}
		state := u.str("state")
		if (flags["active"] && state != "active") || (flags["blocked"] && state != "blocked") ||
			(flags["external"] && u.obj["external"] != true) || (flags["admins"] && !u.admin) {
			continue
		}
		list = append(list, u)
	}
	key := func(u *user) string {
		switch order {
		case "name", "username":
			return lower(u.str(order))
		case "created_at", "updated_at": // users are not edited often enough to tell apart here
			return u.str("created_at")
		}
		return ""
	}
	if order != "id" {
		sortByKey(list, key, func(u *user) int { return u.id })
	}
	if dir == "desc" {
		slices.Reverse(list)
	}
	page, perPage, e := c.pageParams()
	if e != nil {
		return e
	}
	if c.keyset() {
		start := 0
		if cur := c.p.get("cursor"); cur != "" {
			raw, err := base64.RawURLEncoding.DecodeString(cur)
			if err != nil {
				return invalid("cursor")
			}
			var pos struct {
				K  string `json:"k"`
				ID int    `json:"id"`
			}
			if json.Unmarshal(raw, &pos) != nil {
				return invalid("cursor")
			}
			start = len(list)
			for i, u := range list {
				k := key(u)
				after := k > pos.K || (k == pos.K && u.id > pos.ID)
				if dir == "desc" {
					after = k < pos.K || (k == pos.K && u.id < pos.ID)
				}
				if after {
					start = i
					break
				}
			}
		}
		rows := list[start:min(len(list), start+perPage)]
		docs := make([]*doc, len(rows))
		for i, u := range rows {
			docs[i] = c.userDoc(u)
		}
		next := ""
		if len(rows) > 0 {
			last := rows[len(rows)-1]
			next = base64.RawURLEncoding.EncodeToString(marshal(map[string]any{"k": key(last), "id": last.id}))
		}
		return c.keysetPage(docs, "cursor", next, "per_page", strconv.Itoa(perPage))
	}
	if e := c.offsetCap(page, perPage, "User"); e != nil {
		return e
	}
	return c.offsetPage(page, perPage, len(list), func(i int) *doc { return c.userDoc(list[i]) })
}

// getUser: https://docs.gitlab.com/api/users/#retrieve-a-single-user.
func (s *Server) getUser(c *call) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	return c.doc(http.StatusOK, c.userDoc(u))
}

// userSettable lists the attributes create/modify accept besides the
// identity fields (https://docs.gitlab.com/api/users/#create-a-user).
var userSettable = []string{"bio", "location", "linkedin", "twitter", "discord", "website_url", "organization",
	"job_title", "pronouns", "projects_limit", "external", "private_profile", "note", "can_create_group",
	"public_email", "commit_email", "theme_id", "color_scheme_id"}

// createUser: https://docs.gitlab.com/api/users/#create-a-user (admin only;
// email, username and name required; one of password, reset_password,
// force_random_password; duplicates answer 409).
func (s *Server) createUser(c *call) *apiError {
	if e := c.p.require("email", "username", "name"); e != nil {
		return e
	}
	if !c.p.has("password") && !c.p.has("reset_password") && !c.p.has("force_random_password") {
		return atLeastOne("password", "reset_password", "force_random_password")
	}
	email, username := c.p.get("email"), c.p.get("username")
	if e := s.userConflict(nil, email, username); e != nil {
		return e
	}
	if username == "" {
		return fieldErr("username", "can't be blank")
	}
	admin, _, e := c.p.boolean("admin")
	if e != nil {
		return e
	}
	u := s.addUser(User{Username: username, Name: c.p.get("name"), Email: email, Admin: admin})
	if e := s.applyUserParams(c, u); e != nil {
		return e
	}
	return c.doc(http.StatusCreated, &u.full)
}

func (s *Server) userConflict(self *user, email, username string) *apiError {
	for _, u := range s.st.users {
		if u == self {
			continue
		}
		if email != "" && strings.EqualFold(u.str("email"), email) {
			return msgErr(http.StatusConflict, "Email has already been taken")
		}
		if username != "" && strings.EqualFold(u.username, username) {
			return msgErr(http.StatusConflict, "Username has already been taken")
		}
	}
	return nil
}

func (s *Server) applyUserParams(c *call, u *user) *apiError {
	if e := applySettable(u.obj, c.p, userSettable); e != nil {
		return e
	}
	if v, ok, e := c.p.boolean("admin"); e != nil {
		return e
	} else if ok {
		u.admin = v
		u.obj["is_admin"] = v
	}
	if v, ok := c.p.str("state"); ok && v != "" {
		u.obj["state"] = v
	}
	s.renderUser(u)
	return nil
}

// applySettable copies known attributes from params, converting them to the
// type the attribute already has (booleans, numbers, strings).
func applySettable(obj map[string]any, p params, keys []string) *apiError {
	for _, k := range keys {
		if !p.has(k) {
			continue
		}
		switch obj[k].(type) {
		case bool:
			v, _, e := p.boolean(k)
			if e != nil {
				return e
			}
			obj[k] = v
		case int:
			v, _, e := p.integer(k)
			if e != nil {
				return e
			}
			obj[k] = v
		default:
			if arr, ok := p[k].([]any); ok {
				obj[k] = arr
			} else {
				obj[k] = p.get(k)
			}
		}
	}
	return nil
}

// updateUser: https://docs.gitlab.com/api/users/#modify-a-user (admin only).
func (s *Server) updateUser(c *call) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	email, username := c.p.get("email"), c.p.get("username")
	if e := s.userConflict(u, email, username); e != nil {
		return e
	}
	if email != "" {
		u.obj["email"] = email
	}
	if username != "" && username != u.username {
		delete(s.st.userByName, lower(u.username))
		delete(s.st.nsByPath, lower(u.ns.fullPath))
		u.username = username
		u.obj["username"] = username
		u.obj["web_url"] = urlMarker + "/" + username
		u.ns.path, u.ns.fullPath = username, username
		s.st.userByName[lower(username)] = u
		s.st.nsByPath[lower(username)] = u.ns
	}
	if name, ok := c.p.str("name"); ok && name != "" {
		u.obj["name"] = name
		u.ns.name = name
	}
	if e := s.applyUserParams(c, u); e != nil {
		return e
	}
	return c.doc(http.StatusOK, &u.full)
}

// deleteUser: https://docs.gitlab.com/api/users/#delete-a-user (204).
func (s *Server) deleteUser(c *call) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	s.removeUser(u) // user_actions.go
	return c.noContent()
}
