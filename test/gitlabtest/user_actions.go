package gitlabtest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
)

// User actions: moderation (https://docs.gitlab.com/api/user_moderation/:
// block, unblock, deactivate, activate, ban, unban, approve, reject; a
// user who is not active cannot use the API, see userAccessDenied), follows
// (https://docs.gitlab.com/api/user_follow_unfollow/), the user status, the
// e-mails and GPG keys of users and of the current user (one collection in
// the generic store, reached both ways), personal access tokens and
// impersonation tokens that authenticate, are revoked and rotate
// (https://docs.gitlab.com/api/personal_access_tokens/,
// https://docs.gitlab.com/api/user_tokens/).

func (s *Server) registerUserActionRoutes() {
	for _, m := range moderations {
		s.handle("POST /users/{id}/"+m.action, func(c *call) *apiError { return s.moderate(c, m) }, adminOnly)
	}
	s.handle("POST /users/{id}/follow", func(c *call) *apiError { return s.follow(c, true) }, needAuth)
	s.handle("POST /users/{id}/unfollow", func(c *call) *apiError { return s.follow(c, false) }, needAuth)
	s.handle("GET /users/{id}/followers", func(c *call) *apiError { return s.follows(c, true) }, needAuth)
	s.handle("GET /users/{id}/following", func(c *call) *apiError { return s.follows(c, false) }, needAuth)
	s.handle("GET /user/status", s.getStatus, needAuth)
	s.handle("PUT /user/status", s.setStatus, needAuth)
	s.handle("GET /users/{id}/status", s.getStatus)
	s.aliasCurrentUser("emails", "user_email")
	s.aliasCurrentUser("gpg_keys", "user_gpg_key")
	s.aliasCurrentUser("keys", "user_key")
	s.handle("GET /personal_access_tokens/{id}", s.getPAT, needAuth)
	s.handle("DELETE /personal_access_tokens/{id}", s.revokePAT, needAuth)
	// self/rotate by its literal path too: the store's generic route of the
	// rotate_self action (more literals) would otherwise win over {id}.
	s.handle("POST /personal_access_tokens/self/rotate", s.rotatePAT, needAuth)
	s.handle("POST /personal_access_tokens/{id}/rotate", s.rotatePAT, needAuth)
	s.handle("POST /users/{id}/personal_access_tokens", func(c *call) *apiError { return s.createToken(c, false) }, adminOnly)
	s.handle("POST /users/{id}/impersonation_tokens", func(c *call) *apiError { return s.createToken(c, true) }, adminOnly)
	s.handle("GET /users/{id}/impersonation_tokens", s.listImpersonationTokens, adminOnly)
	s.handle("GET /users/{id}/impersonation_tokens/{token}", s.getImpersonationToken, adminOnly)
	s.handle("DELETE /users/{id}/impersonation_tokens/{token}", s.revokeImpersonationToken, adminOnly)
}

// userAccessDenied is GitLab's refusal of a credential whose user is not
// active: 403 "Forbidden - <reason>"
// (https://docs.gitlab.com/api/user_moderation/#block-access-to-a-user: a
// blocked user cannot log in or use the API).
func userAccessDenied(c *call, u *user) *apiError {
	var why string
	switch u.str("state") {
	case "blocked", "ldap_blocked", "banned":
		why = "Your account has been blocked."
	case "blocked_pending_approval":
		why = "Your account is pending approval from your administrator and hence blocked."
	case "deactivated":
		why = "Your account has been deactivated by your administrator. Please log back in from a web browser to reactivate your account at " + c.base
	default:
		return nil
	}
	return msgErr(http.StatusForbidden, "403 Forbidden - "+why)
}

// moderation is one user moderation action: the states it applies to, the
// state it leads to and the answers of the others.
type moderation struct {
	action string
	apply  func(c *call, u *user, state string) (next string, e *apiError)
}

func forbidden(reason string) *apiError {
	return msgErr(http.StatusForbidden, "403 Forbidden - "+reason)
}

// moderations follow GitLab's user moderation API and the services behind
// it (https://docs.gitlab.com/api/user_moderation/). A "" next state
// answers 201 null, as GitLab's endpoints do for a user already there.
var moderations = []moderation{
	{"block", func(c *call, u *user, st string) (string, *apiError) {
		switch {
		case st == "ldap_blocked":
			return "", forbidden("LDAP blocked users cannot be modified by the API")
		case u == c.user:
			return "", forbidden("The API initiating user cannot be blocked by the API")
		case st == "blocked":
			return "", nil
		}
		return "blocked", nil
	}},
	{"unblock", func(c *call, u *user, st string) (string, *apiError) {
		switch st {
		case "ldap_blocked":
			return "", forbidden("LDAP blocked users cannot be unblocked by the API")
		case "deactivated":
			return "", forbidden("Deactivated users cannot be unblocked by the API")
		case "blocked", "blocked_pending_approval":
			return "active", nil
		}
		return "", c.value(http.StatusCreated, false)
	}},
	{"deactivate", func(c *call, u *user, st string) (string, *apiError) {
		switch {
		case st == "deactivated":
			return "", nil
		case st != "active":
			return "", forbidden("A blocked user cannot be deactivated by the API")
		case u.obj["bot"] == true:
			return "", forbidden("Internal users cannot be deactivated")
		case recentlyActive(c, u):
			return "", forbidden("The user you are trying to deactivate has been active in the past 90 days and cannot be deactivated")
		}
		return "deactivated", nil
	}},
	{"activate", func(c *call, u *user, st string) (string, *apiError) {
		if st == "blocked" || st == "ldap_blocked" || st == "banned" {
			return "", forbidden("A blocked user must be unblocked to be activated")
		}
		return "active", nil
	}},
	{"ban", func(c *call, u *user, st string) (string, *apiError) {
		if st != "active" {
			return "", msgErr(http.StatusForbidden, "You cannot ban "+strings.ReplaceAll(st, "_", " ")+" users.")
		}
		return "banned", nil
	}},
	{"unban", func(c *call, u *user, st string) (string, *apiError) {
		if st != "banned" {
			return "", msgErr(http.StatusForbidden, "You cannot unban "+strings.ReplaceAll(st, "_", " ")+" users.")
		}
		return "active", nil
	}},
	{"approve", func(c *call, u *user, st string) (string, *apiError) {
		switch st {
		case "blocked_pending_approval":
			return "active", c.value(http.StatusCreated, map[string]any{"message": "Success"})
		case "blocked", "ldap_blocked", "banned":
			return "", msgErr(http.StatusForbidden, "The user you are trying to approve is not pending approval")
		}
		return "", msgErr(http.StatusConflict, "The user you are trying to approve is not pending approval")
	}},
	{"reject", func(c *call, u *user, st string) (string, *apiError) {
		if st != "blocked_pending_approval" {
			return "", msgErr(http.StatusConflict, "User does not have a pending request")
		}
		c.s.removeUser(u)
		return "", c.value(http.StatusOK, map[string]any{"message": "Success"})
	}},
}

// recentlyActive: GitLab keeps users active in the last 90 days from
// deactivation (https://docs.gitlab.com/administration/moderate_users/#deactivate-a-user).
func recentlyActive(c *call, u *user) bool {
	last, err := time.Parse(dateLayout, u.lastActivity)
	return err == nil && !last.Before(c.s.now().AddDate(0, 0, -90))
}

// moderate runs a moderation action: 201 true when the state changed
// (answers of their own for approve and reject).
func (s *Server) moderate(c *call, m moderation) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	before := c.status
	next, e := m.apply(c, u, u.str("state"))
	switch {
	case e != nil:
		return e
	case next != "":
		u.obj["state"] = next
		s.renderUser(u)
	}
	if c.status != before { // the action answered
		return nil
	}
	if next == "" {
		return c.json(http.StatusCreated, []byte("null"))
	}
	return c.value(http.StatusCreated, true)
}

// removeUser deletes a user, their namespace and their tokens.
func (s *Server) removeUser(u *user) {
	s.st.users = slices.DeleteFunc(s.st.users, func(x *user) bool { return x == u })
	delete(s.st.userByID, u.id)
	delete(s.st.userByName, lower(u.username))
	delete(s.st.nsByPath, lower(u.ns.fullPath))
	delete(s.st.namespaces, u.ns.id)
	for k, t := range s.st.tokens {
		if t.userID == u.id {
			delete(s.st.tokens, k)
		}
	}
}

// follow: https://docs.gitlab.com/api/user_follow_unfollow/ (201 with the
// user followed or unfollowed; 304 when nothing changes, and for oneself).
func (s *Server) follow(c *call, on bool) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	st := &s.st.act
	if st.following == nil {
		st.following = map[int][]int{}
	}
	have := slices.Contains(st.following[c.user.id], u.id)
	if u == c.user || have == on {
		return c.notModified()
	}
	if on {
		st.following[c.user.id] = append(st.following[c.user.id], u.id)
	} else {
		st.following[c.user.id] = slices.DeleteFunc(st.following[c.user.id], func(id int) bool { return id == u.id })
	}
	return c.doc(http.StatusCreated, &u.basic)
}

// follows lists a user's followers or the users they follow, in the order
// the follows happened (https://docs.gitlab.com/api/user_follow_unfollow/#list-all-accounts-that-follow-a-user).
func (s *Server) follows(c *call, followers bool) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	var list []*user
	if followers {
		for _, x := range s.st.users {
			if slices.Contains(s.st.act.following[x.id], u.id) {
				list = append(list, x)
			}
		}
	} else {
		for _, id := range s.st.act.following[u.id] {
			if x := s.st.userByID[id]; x != nil {
				list = append(list, x)
			}
		}
	}
	return c.listDocs(len(list), func(i int) *doc { return &list[i].basic })
}

// statusOf is a user's status, GitLab's empty one when never set
// (https://docs.gitlab.com/api/users/#retrieve-the-status-of-a-user).
func (s *Server) statusOf(u *user) map[string]any {
	if m := s.st.act.statuses[u.id]; m != nil {
		return m
	}
	return map[string]any{"emoji": nil, "availability": "not_set", "message": nil, "message_html": "", "clear_status_at": nil}
}

// getStatus: GET /user/status and /users/:id_or_username/status.
func (s *Server) getStatus(c *call) *apiError {
	u := c.user
	if len(c.args) > 0 {
		if u = s.findUser(c.args[0]); u == nil {
			return notFound("User")
		}
	}
	return c.value(http.StatusOK, s.statusOf(u))
}

// clearAfter are the clear_status_after values
// (https://docs.gitlab.com/api/users/#set-your-user-status).
var clearAfter = map[string]time.Duration{
	"30_minutes": 30 * time.Minute, "3_hours": 3 * time.Hour, "8_hours": 8 * time.Hour, "1_day": 24 * time.Hour,
	"3_days": 72 * time.Hour, "7_days": 7 * 24 * time.Hour, "30_days": 30 * 24 * time.Hour,
}

// setStatus: https://docs.gitlab.com/api/users/#set-your-user-status (the
// status is replaced: what is not given is cleared; a message without an
// emoji gets speech_balloon).
func (s *Server) setStatus(c *call) *apiError {
	avail := c.p.get("availability")
	if avail == "" {
		avail = "not_set"
	}
	if avail != "not_set" && avail != "busy" {
		return errErr(http.StatusBadRequest, "availability does not have a valid value")
	}
	st := map[string]any{"emoji": nil, "availability": avail, "message": nil, "message_html": "", "clear_status_at": nil}
	if msg := c.p.get("message"); msg != "" {
		st["message"], st["message_html"], st["emoji"] = msg, "<p>"+htmlEscape(msg)+"</p>", "speech_balloon"
	}
	if e := c.p.get("emoji"); e != "" {
		st["emoji"] = e
	}
	if v := c.p.get("clear_status_after"); v != "" {
		d, ok := clearAfter[v]
		if !ok {
			return errErr(http.StatusBadRequest, "clear_status_after does not have a valid value")
		}
		st["clear_status_at"] = ts(s.now().Add(d))
	}
	if s.st.act.statuses == nil {
		s.st.act.statuses = map[int]map[string]any{}
	}
	s.st.act.statuses[c.user.id] = st
	return c.value(http.StatusOK, st)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}

// aliasCurrentUser serves /user/<sub> (list, get, create, delete) from the
// store's /users/{user_id}/<sub> collection of the caller: the current
// user's e-mails (SSH keys, GPG keys) are the user's.
func (s *Server) aliasCurrentUser(sub, spec string) {
	self := func(c *call, ops func(k *kind) *apiError) *apiError {
		c.args = append([]string{strconv.Itoa(c.user.id)}, c.args...)
		return ops(storeKind(spec))
	}
	plain, item := &binding{vals: []int{0}, key: -1}, &binding{vals: []int{0}, key: 1}
	create := &binding{vals: []int{0}, key: -1, extra: map[int]string{}}
	s.handle("GET /user/"+sub, func(c *call) *apiError {
		return self(c, func(k *kind) *apiError { return c.storeList(k, plain) })
	}, needAuth)
	s.handle("POST /user/"+sub, func(c *call) *apiError {
		return self(c, func(k *kind) *apiError { return c.storeCreate(k, create) })
	}, needAuth)
	s.handle("GET /user/"+sub+"/{id}", func(c *call) *apiError {
		return self(c, func(k *kind) *apiError { return c.storeGet(k, item) })
	}, needAuth)
	s.handle("DELETE /user/"+sub+"/{id}", func(c *call) *apiError {
		return self(c, func(k *kind) *apiError { return c.storeDelete(k, item) })
	}, needAuth)
}

// ownOrAdmin: the current user's collections (/user/...) are theirs to
// write; /users/:id/... is for administrators.
func ownOrAdmin(c *call, _ *scope, _ *item) *apiError {
	switch {
	case c.user == nil:
		return errUnauthorized
	case c.user.admin || c.segs[0] == "user":
		return nil
	}
	return errForbidden
}

// emailHooks: a user's e-mails (https://docs.gitlab.com/api/user_email_addresses/):
// read and written by administrators at /users/:id/emails and by the user
// at /user/emails; an e-mail any user has is taken; confirmed at once when
// an administrator skips the confirmation.
func emailHooks() *hooks {
	return &hooks{
		notFound: notFound("Email"),
		canRead: func(c *call, sc *scope) *apiError {
			return ownOrAdmin(c, sc, nil)
		},
		canWrite: ownOrAdmin,
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			email := c.p.get("email")
			if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
				return fieldErr("email", "is invalid")
			}
			if c.s.emailTaken(email) {
				return fieldErr("email", "has already been taken")
			}
			skip, _, e := c.p.boolean("skip_confirmation")
			if e != nil {
				return e
			}
			var confirmed any
			if skip && c.user.admin {
				confirmed = c.s.nowTS()
			}
			id := obj["id"]
			clear(obj)
			obj["id"], obj["email"], obj["confirmed_at"] = id, email, confirmed
			return nil
		},
	}
}

// emailTaken reports whether a user has the e-mail, as primary or
// secondary address.
func (s *Server) emailTaken(email string) bool {
	for _, u := range s.st.users {
		if strings.EqualFold(u.str("email"), email) {
			return true
		}
		for _, it := range s.storeItems("user_email", strconv.Itoa(u.id)) {
			if strings.EqualFold(it.str("email"), email) {
				return true
			}
		}
	}
	return false
}

// gpgKeyHooks: a user's GPG keys (https://docs.gitlab.com/api/user_keys/):
// public reads at /users/:id/gpg_keys; the key must be an armored public
// key block.
func gpgKeyHooks() *hooks {
	return &hooks{
		notFound: notFound("GPG Key"),
		canWrite: ownOrAdmin,
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			key := strings.TrimSpace(c.p.get("key"))
			if !strings.HasPrefix(key, "-----BEGIN PGP PUBLIC KEY BLOCK-----") || !strings.HasSuffix(key, "-----END PGP PUBLIC KEY BLOCK-----") {
				return fieldErr("key", "must be a valid public GPG key")
			}
			id := obj["id"]
			clear(obj)
			obj["id"], obj["key"], obj["created_at"] = id, key, c.s.nowTS()
			return nil
		},
	}
}

// tokenScopes are the scopes a personal access token may have
// (https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes).
var tokenScopes = []string{"api", "read_api", "read_user", "create_runner", "manage_runner", "k8s_proxy",
	"read_repository", "write_repository", "read_registry", "write_registry", "read_virtual_registry",
	"write_virtual_registry", "sudo", "admin_mode", "read_service_ping", "ai_features", "self_rotate"}

func newTokenValue() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return "glpat-" + hex.EncodeToString(b[:])
}

// patRecord stores a token of u in the generic store's
// /personal_access_tokens, with a credential that authenticates as u
// (impersonation tokens too). It answers the record and the token's value.
func (c *call) patRecord(u *user, name string, scopes []string, expires any, description string, impersonation bool) *item {
	value := newTokenValue()
	k := storeKind("personal_access_token")
	id := c.s.nextID(k)
	it := &item{key: strconv.Itoa(id), id: id, obj: map[string]any{
		"id": id, "name": name, "revoked": false, "created_at": c.s.nowTS(), "description": description,
		"scopes": scopes, "user_id": u.id, "last_used_at": nil, "active": true, "expires_at": expires,
		"impersonation": impersonation,
	}}
	c.s.credential(it.key, u, value, scopes)
	it.render()
	c.s.storeCollMade("personal_access_token").add(it)
	return it
}

// credential registers the token value of the record with that id.
func (s *Server) credential(id string, u *user, value string, scopes []string) {
	s.addToken(u, value, PrivateToken, scopes)
	if s.st.act.patTokens == nil {
		s.st.act.patTokens = map[string]*token{}
	}
	s.st.act.patTokens[id] = s.st.tokens[value]
}

// tokenOf is the credential of a token record.
func (s *Server) tokenOf(it *item) *token { return s.st.act.patTokens[it.key] }

// withToken renders a token record with its value, which only its
// creation and rotation show.
func (c *call) withToken(status int, it *item) *apiError {
	out := map[string]any{}
	for k, v := range it.obj {
		out[k] = v
	}
	out["token"] = c.s.tokenOf(it).value
	return c.value(status, out)
}

// tokenParams reads name, scopes and expires_at of a new token.
func tokenParams(c *call) (name string, scopes []string, expires any, e *apiError) {
	if e := c.checkAttrs([]string{"name", "scopes"}, nil, func(string) bool { return false }); e != nil {
		return "", nil, nil, e
	}
	scopes, _ = c.p.list("scopes")
	if len(scopes) == 0 {
		return "", nil, nil, missing("scopes")
	}
	for _, sc := range scopes {
		if !slices.Contains(tokenScopes, sc) {
			return "", nil, nil, errErr(http.StatusBadRequest, "scopes does not have a valid value")
		}
	}
	if v := c.p.get("expires_at"); v != "" {
		d, err := time.Parse(dateLayout, v)
		if err != nil {
			return "", nil, nil, invalid("expires_at")
		}
		if d.Before(c.s.now().Truncate(24 * time.Hour)) {
			return "", nil, nil, fieldErr("expires_at", "must not be in the past")
		}
		expires = v
	}
	return c.p.get("name"), scopes, expires, nil
}

// createToken: POST /users/:id/personal_access_tokens
// (https://docs.gitlab.com/api/user_tokens/#create-a-personal-access-token-for-a-user)
// and /users/:id/impersonation_tokens
// (https://docs.gitlab.com/api/user_tokens/#create-an-impersonation-token):
// administrators only, 201 with the token's value.
func (s *Server) createToken(c *call, impersonation bool) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	name, scopes, expires, e := tokenParams(c)
	if e != nil {
		return e
	}
	return c.withToken(http.StatusCreated, c.patRecord(u, name, scopes, expires, c.p.get("description"), impersonation))
}

// patFor finds the token record named by the path ("self" is the caller's
// own) that the caller may see: their own, or any for administrators.
func (s *Server) patFor(c *call, id string) (*item, *apiError) {
	for _, it := range s.storeItems("personal_access_token") {
		if id == "self" && s.tokenOf(it) == c.tok || it.key == id {
			if !c.user.admin && toInt(it.obj["user_id"]) != c.user.id {
				break
			}
			return it, nil
		}
	}
	return nil, notFound("Personal Access Token")
}

func toInt(v any) int { return atoi(anyString(v)) }

// getPAT: https://docs.gitlab.com/api/personal_access_tokens/#get-details-on-a-personal-access-token
// (an id, or self for the token used).
func (s *Server) getPAT(c *call) *apiError {
	it, e := s.patFor(c, c.args[0])
	if e != nil {
		return e
	}
	return c.doc(http.StatusOK, &it.doc)
}

// revoke makes a token record's credential stop authenticating.
func (s *Server) revoke(it *item) {
	if t := s.tokenOf(it); t != nil {
		delete(s.st.tokens, t.value)
	}
	it.obj["revoked"], it.obj["active"] = true, false
	it.render()
}

// forget revokes a token and removes its record (the walk's contract for
// deletes: GitLab keeps revoked tokens listed, inactive).
func (s *Server) forget(it *item) {
	s.revoke(it)
	s.storeCollMade("personal_access_token").remove(it.key)
}

// revokePAT: https://docs.gitlab.com/api/personal_access_tokens/#revoke-a-personal-access-token
// (204; the token no longer authenticates).
func (s *Server) revokePAT(c *call) *apiError {
	it, e := s.patFor(c, c.args[0])
	if e != nil {
		return e
	}
	s.forget(it)
	return c.noContent()
}

// rotatePAT: https://docs.gitlab.com/api/personal_access_tokens/#rotate-a-personal-access-token
// (200 with a new token of the same name and scopes, expiring after a week
// unless expires_at says; the old one is revoked; 400 for a revoked one).
func (s *Server) rotatePAT(c *call) *apiError {
	it, e := s.patFor(c, c.segs[1]) // an ID or "self"
	if e != nil {
		return e
	}
	if it.obj["revoked"] == true {
		return msgErr(http.StatusBadRequest, "token already revoked")
	}
	expires := any(date(s.now().AddDate(0, 0, 7)))
	if v := c.p.get("expires_at"); v != "" {
		if _, err := time.Parse(dateLayout, v); err != nil {
			return invalid("expires_at")
		}
		expires = v
	}
	u := s.st.userByID[toInt(it.obj["user_id"])]
	if u == nil {
		return notFound("User")
	}
	s.revoke(it)
	next := c.patRecord(u, anyString(it.obj["name"]), strList(it.obj["scopes"]), expires, anyString(it.obj["description"]), it.obj["impersonation"] == true)
	return c.withToken(http.StatusOK, next)
}

// impersonationTokens are u's impersonation token records.
func (s *Server) impersonationTokens(u *user) []*item {
	var out []*item
	for _, it := range s.storeItems("personal_access_token") {
		if it.obj["impersonation"] == true && toInt(it.obj["user_id"]) == u.id {
			out = append(out, it)
		}
	}
	return out
}

// listImpersonationTokens: https://docs.gitlab.com/api/user_tokens/#list-all-impersonation-tokens-for-a-user
// (state all, active or inactive).
func (s *Server) listImpersonationTokens(c *call) *apiError {
	u := s.findUser(c.args[0])
	if u == nil {
		return notFound("User")
	}
	state := c.p.get("state")
	if state != "" && state != "all" && state != "active" && state != "inactive" {
		return errErr(http.StatusBadRequest, "state does not have a valid value")
	}
	list := slices.DeleteFunc(s.impersonationTokens(u), func(it *item) bool {
		return state == "active" && it.obj["active"] != true || state == "inactive" && it.obj["active"] == true
	})
	return c.listDocs(len(list), itemDocs(list))
}

func (s *Server) impersonationToken(c *call) (*item, *apiError) {
	u := s.findUser(c.args[0])
	if u == nil {
		return nil, notFound("User")
	}
	for _, it := range s.impersonationTokens(u) {
		if it.key == c.args[1] {
			return it, nil
		}
	}
	return nil, notFound("Impersonation Token")
}

// getImpersonationToken: https://docs.gitlab.com/api/user_tokens/#get-an-impersonation-token-for-a-user.
func (s *Server) getImpersonationToken(c *call) *apiError {
	it, e := s.impersonationToken(c)
	if e != nil {
		return e
	}
	return c.doc(http.StatusOK, &it.doc)
}

// revokeImpersonationToken: https://docs.gitlab.com/api/user_tokens/#revoke-an-impersonation-token
// (204; it no longer authenticates).
func (s *Server) revokeImpersonationToken(c *call) *apiError {
	it, e := s.impersonationToken(c)
	if e != nil {
		return e
	}
	s.forget(it)
	return c.noContent()
}

// patHooks give /personal_access_tokens, listed by the generic store, what
// GitLab shows: a user's own tokens, or with user_id any user's for
// administrators; records seeded with AddObject get a credential.
func patHooks() *hooks {
	return &hooks{
		notFound: notFound("Personal Access Token"),
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			if c.user == nil {
				return nil, errUnauthorized
			}
			uid, hasUID, e := c.p.integer("user_id")
			if e != nil {
				return nil, e
			}
			revoked, hasRevoked, e := c.p.boolean("revoked")
			if e != nil {
				return nil, e
			}
			state, search := c.p.get("state"), lower(c.p.get("search"))
			return slices.DeleteFunc(slices.Clone(items), func(it *item) bool {
				owner := toInt(it.obj["user_id"])
				return (!c.user.admin && owner != c.user.id) || (hasUID && owner != uid) ||
					(hasRevoked && (it.obj["revoked"] == true) != revoked) ||
					(state == "active" && it.obj["active"] != true) || (state == "inactive" && it.obj["active"] == true) ||
					(search != "" && !strings.Contains(lower(it.str("name")), search))
			}), nil
		},
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			u := c.s.st.userByID[toInt(obj["user_id"])]
			if u == nil {
				u = c.user
			}
			scopes, ok := params(obj).list("scopes")
			if !ok || len(scopes) == 0 {
				scopes = []string{"api"}
			}
			defaults := map[string]any{"name": "token", "revoked": false, "description": "", "scopes": scopes,
				"user_id": u.id, "last_used_at": nil, "active": true, "expires_at": nil, "impersonation": false}
			for k, v := range defaults {
				if _, set := obj[k]; !set || k == "scopes" || k == "user_id" {
					obj[k] = v
				}
			}
			c.s.credential(anyString(obj["id"]), u, newTokenValue(), scopes)
			return nil
		},
	}
}
