package gitlabtest

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// TokenKind says how a token authenticates
// (https://docs.gitlab.com/api/rest/authentication/).
type TokenKind int

const (
	// PrivateToken is a personal, project or group access token: PRIVATE-TOKEN
	// header, private_token parameter, or Authorization: Bearer.
	PrivateToken TokenKind = iota
	// OAuthToken is an OAuth 2.0 access token: Authorization: Bearer or the
	// access_token parameter.
	OAuthToken
	// JobToken is a CI/CD job token: JOB-TOKEN header or job_token parameter.
	// It is accepted only on the job-token allow-list (here: GET
	// /projects/:id) and ignored elsewhere, so GET /user answers 401
	// (https://docs.gitlab.com/ci/jobs/ci_job_token/).
	JobToken
)

// String names the kind: "PrivateToken", "OAuthToken" or "JobToken".
func (k TokenKind) String() string {
	switch k {
	case PrivateToken:
		return "PrivateToken"
	case OAuthToken:
		return "OAuthToken"
	case JobToken:
		return "JobToken"
	}
	return "TokenKind(" + strconv.Itoa(int(k)) + ")"
}

type token struct {
	value  string
	kind   TokenKind
	userID int
	scopes map[string]bool
}

// AddToken registers a token for an existing user (it panics if the user is
// unknown). Without scopes the token gets "api", plus "sudo" for
// administrators; a token without "sudo" cannot impersonate, and one with only
// "read_api" cannot write (https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes).
func (s *Server) AddToken(username, tok string, kind TokenKind, scopes ...string) {
	s.lock()
	defer s.mu.Unlock()
	u := s.st.userByName[lower(username)]
	if u == nil {
		panic("gitlabtest: AddToken: unknown user " + username)
	}
	s.addToken(u, tok, kind, scopes)
}

func (s *Server) addToken(u *user, tok string, kind TokenKind, scopes []string) {
	t := &token{value: tok, kind: kind, userID: u.id, scopes: map[string]bool{}}
	if len(scopes) == 0 {
		scopes = []string{"api"}
		if u.admin {
			scopes = append(scopes, "sudo")
		}
	}
	for _, sc := range scopes {
		t.scopes[sc] = true
	}
	s.st.tokens[tok] = t
}

// credential finds the token in the request, in the documented precedence
// PRIVATE-TOKEN > Bearer > JOB-TOKEN (gitlab-protocol.md section 2).
func credential(c *call) (value string, kinds []TokenKind) {
	r := c.r
	if v := r.Header.Get("Private-Token"); v != "" {
		return v, []TokenKind{PrivateToken}
	}
	if v := c.p.get("private_token"); v != "" {
		return v, []TokenKind{PrivateToken}
	}
	if a := r.Header.Get("Authorization"); a != "" {
		if scheme, v, ok := strings.Cut(a, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(v), []TokenKind{OAuthToken, PrivateToken}
		}
	}
	if v := c.p.get("access_token"); v != "" {
		return v, []TokenKind{OAuthToken}
	}
	// Job tokens are looked at only on allow-listed routes; elsewhere the
	// request is anonymous (https://docs.gitlab.com/ci/jobs/ci_job_token/).
	if c.rt.flags&jobOK != 0 {
		if v := r.Header.Get("Job-Token"); v != "" {
			return v, []TokenKind{JobToken}
		}
		if v := c.p.get("job_token"); v != "" {
			return v, []TokenKind{JobToken}
		}
	}
	return "", nil
}

// authenticate resolves the credential, applies sudo and the route's
// requirements (https://docs.gitlab.com/api/rest/authentication/).
func (s *Server) authenticate(c *call) *apiError {
	if v, kinds := credential(c); v != "" {
		t := s.st.tokens[v]
		if t == nil || !hasKind(kinds, t.kind) {
			return errUnauthorized
		}
		u := s.st.userByID[t.userID]
		if u == nil {
			return errUnauthorized
		}
		if e := userAccessDenied(c, u); e != nil { // user_actions.go
			return e
		}
		c.tok, c.tokenUser, c.user = t, u, u
	}
	if e := s.sudo(c); e != nil {
		return e
	}
	if c.rt.flags&(needAuth|adminOnly) != 0 && c.user == nil {
		return errUnauthorized
	}
	if c.rt.flags&adminOnly != 0 && !c.user.admin {
		return errForbidden
	}
	if e := checkScopes(c); e != nil {
		return e
	}
	if c.user != nil && c.user.lastActivity != date(s.now()) {
		c.touch = c.user
	}
	return nil
}

func hasKind(kinds []TokenKind, k TokenKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// sudo implements impersonation by the Sudo header or sudo parameter
// (https://docs.gitlab.com/api/rest/authentication/#sudo).
func (s *Server) sudo(c *call) *apiError {
	id := c.r.Header.Get("Sudo")
	if id == "" {
		id = c.p.get("sudo")
	}
	if id == "" {
		return nil
	}
	if c.tokenUser == nil {
		return errUnauthorized
	}
	if !c.tokenUser.admin {
		return msgErr(403, "403 Forbidden - Must be admin to use sudo")
	}
	if c.tok.kind == JobToken {
		return msgErr(403, "403 Forbidden - Must be authenticated using an OAuth or Personal Access Token to use sudo")
	}
	if !c.tok.scopes["sudo"] {
		return scopeErr("sudo")
	}
	target := s.findUser(id)
	if target == nil {
		return msgErr(404, "404 User with ID or username '"+id+"' Not Found")
	}
	c.user = target
	return nil
}

// scopeErr is the OAuth-style insufficient-scope body
// (https://docs.gitlab.com/api/rest/authentication/#sudo).
func scopeErr(scope string) *apiError {
	return &apiError{status: 403, ctype: "application/json", body: marshal(map[string]any{
		"error":             "insufficient_scope",
		"error_description": "The request requires higher privileges than provided by the access token.",
		"scope":             scope,
	})}
}

// checkScopes: "api" allows everything, "read_api" only reads, "read_user"
// only reads the /user and /users routes
// (https://docs.gitlab.com/user/profile/personal_access_tokens/#personal-access-token-scopes).
func checkScopes(c *call) *apiError {
	t := c.tok
	if t == nil || t.kind == JobToken || t.scopes["api"] {
		return nil
	}
	if c.isWrite() {
		return scopeErr("api")
	}
	if t.scopes["read_api"] {
		return nil
	}
	if t.scopes["read_user"] && len(c.segs) > 0 && (c.segs[0] == "user" || c.segs[0] == "users") {
		return nil
	}
	return scopeErr("api read_api")
}

// rlWindow counts the requests of one client in one fixed window.
type rlWindow struct {
	start    int64
	observed int
}

const rlPeriod = 60 // seconds, GitLab's default throttle period

// rateLimit emits the RateLimit-* headers and throttles with a plain-text 429
// (https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/).
func (s *Server) rateLimit(w http.ResponseWriter, r *http.Request) *apiError {
	key, name := "", "throttle_unauthenticated_api"
	for _, v := range []string{r.Header.Get("Private-Token"), r.Header.Get("Authorization"), r.Header.Get("Job-Token"),
		r.URL.Query().Get("private_token"), r.URL.Query().Get("access_token"), r.URL.Query().Get("job_token")} {
		if v != "" {
			key, name = "tok:"+v, "throttle_authenticated_api"
			break
		}
	}
	if key == "" {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		key = "ip:" + host
	}
	now := s.now().Unix()
	start := now - now%rlPeriod
	s.rlMu.Lock()
	if s.rl == nil {
		s.rl = map[string]*rlWindow{}
	}
	win := s.rl[key]
	if win == nil || win.start != start {
		win = &rlWindow{start: start}
		s.rl[key] = win
	}
	win.observed++
	observed := win.observed
	s.rlMu.Unlock()

	limit := s.cfg.rateLimit
	reset := start + rlPeriod
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(limit))
	h.Set("RateLimit-Name", name)
	h.Set("RateLimit-Observed", strconv.Itoa(observed))
	h.Set("RateLimit-Remaining", strconv.Itoa(max(0, limit-observed)))
	h.Set("RateLimit-Reset", strconv.FormatInt(reset, 10))
	if observed <= limit {
		return nil
	}
	hdr := http.Header{}
	hdr.Set("Retry-After", strconv.FormatInt(reset-now, 10))
	hdr.Set("RateLimit-ResetTime", time.Unix(reset, 0).UTC().Format(http.TimeFormat))
	return &apiError{status: 429, body: []byte("Retry later\n"), ctype: "text/plain", header: hdr}
}
