package gitlabtest_test

import (
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

func TestUserModeration(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	alice := gitlabtest.SeedAliceToken
	do(t, s, "GET", "/user", tok(alice)).expect(t, 200, "")
	do(t, s, "POST", "/users/2/block", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")
	do(t, s, "POST", "/users/2/block", tok(admin)).expect(t, 201, "true")
	// A blocked user cannot log in: every request with their token is refused.
	do(t, s, "GET", "/user", tok(alice)).expect(t, 403, `{"message":"403 Forbidden - Your account has been blocked."}`)
	do(t, s, "GET", "/projects", tok(alice)).expect(t, 403, "")
	if u := do(t, s, "GET", "/users/2", tok(admin)).obj(t); u["state"] != "blocked" {
		t.Fatalf("state %v", u["state"])
	}
	if l := do(t, s, "GET", "/users?blocked=true", tok(admin)).list(t); len(l) != 1 || l[0]["username"] != "alice" {
		t.Fatalf("blocked users %v", l)
	}
	do(t, s, "POST", "/users/2/block", tok(admin)).expect(t, 201, "null")
	do(t, s, "POST", "/users/1/block", tok(admin)).
		expect(t, 403, `{"message":"403 Forbidden - The API initiating user cannot be blocked by the API"}`)
	do(t, s, "POST", "/users/2/activate", tok(admin)).
		expect(t, 403, `{"message":"403 Forbidden - A blocked user must be unblocked to be activated"}`)
	do(t, s, "POST", "/users/2/ban", tok(admin)).expect(t, 403, `{"message":"You cannot ban blocked users."}`)
	do(t, s, "POST", "/users/2/unblock", tok(admin)).expect(t, 201, "true")
	do(t, s, "POST", "/users/2/unblock", tok(admin)).expect(t, 201, "false")
	do(t, s, "GET", "/user", tok(alice)).expect(t, 200, "")
	do(t, s, "POST", "/users/99/block", tok(admin)).expect(t, 404, `{"message":"404 User Not Found"}`)

	// Ban and unban.
	do(t, s, "POST", "/users/3/ban", tok(admin)).expect(t, 201, "true")
	do(t, s, "GET", "/user", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")
	do(t, s, "POST", "/users/3/unban", tok(admin)).expect(t, 201, "true")
	do(t, s, "POST", "/users/3/unban", tok(admin)).expect(t, 403, `{"message":"You cannot unban active users."}`)

	// Alice has used the API today: she cannot be deactivated. A user who
	// never has can, and is asked to log back in.
	do(t, s, "POST", "/users/2/deactivate", tok(admin)).
		expect(t, 403, `{"message":"403 Forbidden - The user you are trying to deactivate has been active in the past 90 days and cannot be deactivated"}`)
	carol := s.AddUser(gitlabtest.User{Username: "carol"})
	s.AddToken("carol", "glpat-carol", gitlabtest.PrivateToken)
	do(t, s, "POST", "/users/"+itoa(carol)+"/deactivate", tok(admin)).expect(t, 201, "true")
	if r := do(t, s, "GET", "/user", tok("glpat-carol")).expect(t, 403, "").obj(t); r["message"] !=
		"403 Forbidden - Your account has been deactivated by your administrator. Please log back in from a web browser to reactivate your account at "+s.URL() {
		t.Fatalf("deactivated %v", r)
	}
	do(t, s, "POST", "/users/"+itoa(carol)+"/deactivate", tok(admin)).expect(t, 201, "null")
	do(t, s, "POST", "/users/"+itoa(carol)+"/unblock", tok(admin)).
		expect(t, 403, `{"message":"403 Forbidden - Deactivated users cannot be unblocked by the API"}`)
	do(t, s, "POST", "/users/"+itoa(carol)+"/activate", tok(admin)).expect(t, 201, "true")
	do(t, s, "GET", "/user", tok("glpat-carol")).expect(t, 200, "")

	// Users pending approval: approved, or rejected (and deleted).
	dave := s.AddUser(gitlabtest.User{Username: "dave", State: "blocked_pending_approval"})
	s.AddToken("dave", "glpat-dave", gitlabtest.PrivateToken)
	do(t, s, "GET", "/user", tok("glpat-dave")).
		expect(t, 403, `{"message":"403 Forbidden - Your account is pending approval from your administrator and hence blocked."}`)
	do(t, s, "POST", "/users/"+itoa(dave)+"/approve", tok(admin)).expect(t, 201, `{"message":"Success"}`)
	do(t, s, "GET", "/user", tok("glpat-dave")).expect(t, 200, "")
	do(t, s, "POST", "/users/"+itoa(dave)+"/approve", tok(admin)).
		expect(t, 409, `{"message":"The user you are trying to approve is not pending approval"}`)
	do(t, s, "POST", "/users/"+itoa(dave)+"/reject", tok(admin)).expect(t, 409, `{"message":"User does not have a pending request"}`)
	erin := s.AddUser(gitlabtest.User{Username: "erin", State: "blocked_pending_approval"})
	do(t, s, "POST", "/users/"+itoa(erin)+"/reject", tok(admin)).expect(t, 200, `{"message":"Success"}`)
	do(t, s, "GET", "/users/"+itoa(erin), tok(admin)).expect(t, 404, "")
}

func TestUserFollowsAndStatus(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	alice, bob := gitlabtest.SeedAliceToken, gitlabtest.SeedBobToken
	if u := do(t, s, "POST", "/users/3/follow", tok(alice)).expect(t, 201, "").obj(t); u["username"] != "bob" {
		t.Fatalf("follow %v", u)
	}
	do(t, s, "POST", "/users/3/follow", tok(alice)).expect(t, 304, "")
	do(t, s, "POST", "/users/2/follow", tok(alice)).expect(t, 304, "")
	do(t, s, "POST", "/users/3/follow", tok(admin)).expect(t, 201, "")
	if l := do(t, s, "GET", "/users/3/followers", tok(bob)).expect(t, 200, "").list(t); names(l, "username") != "root,alice" {
		t.Fatalf("followers %v", l)
	}
	if l := do(t, s, "GET", "/users/alice/following", tok(bob)).list(t); names(l, "username") != "bob" {
		t.Fatalf("following %v", l)
	}
	do(t, s, "POST", "/users/3/unfollow", tok(alice)).expect(t, 201, "")
	do(t, s, "POST", "/users/3/unfollow", tok(alice)).expect(t, 304, "")
	if l := do(t, s, "GET", "/users/3/followers", tok(bob)).list(t); names(l, "username") != "root" {
		t.Fatalf("followers after unfollow %v", l)
	}
	do(t, s, "GET", "/users/3/followers").expect(t, 401, "")

	do(t, s, "GET", "/users/2/status").expect(t, 200,
		`{"availability":"not_set","clear_status_at":null,"emoji":null,"message":null,"message_html":""}`)
	st := do(t, s, "PUT", "/user/status", tok(alice), form("message", "On <leave>", "availability", "busy", "clear_status_after", "1_day")).
		expect(t, 200, "").obj(t)
	if st["emoji"] != "speech_balloon" || st["message_html"] != "<p>On &lt;leave&gt;</p>" || st["clear_status_at"] == nil {
		t.Fatalf("status %v", st)
	}
	if got := do(t, s, "GET", "/users/alice/status").obj(t); got["message"] != "On <leave>" || got["availability"] != "busy" {
		t.Fatalf("alice's status %v", got)
	}
	if got := do(t, s, "GET", "/user/status", tok(alice)).obj(t); got["message"] != "On <leave>" {
		t.Fatalf("own status %v", got)
	}
	do(t, s, "PUT", "/user/status", tok(alice), form("emoji", "coffee")).expect(t, 200, "")
	if got := do(t, s, "GET", "/users/2/status").obj(t); got["message"] != nil || got["emoji"] != "coffee" || got["availability"] != "not_set" {
		t.Fatalf("replaced status %v", got)
	}
	do(t, s, "PUT", "/user/status", tok(alice), form("clear_status_after", "1_week")).expect(t, 400, "")
}

func TestUserEmailsAndGPGKeys(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	alice := gitlabtest.SeedAliceToken
	e := do(t, s, "POST", "/user/emails", tok(alice), form("email", "alice@work.example")).expect(t, 201, "").obj(t)
	if e["email"] != "alice@work.example" || e["confirmed_at"] != nil {
		t.Fatalf("email %v", e)
	}
	// The current user's e-mails are the user's.
	if l := do(t, s, "GET", "/users/2/emails", tok(admin)).expect(t, 200, "").list(t); len(l) != 1 || l[0]["id"] != e["id"] {
		t.Fatalf("alice's emails %v", l)
	}
	do(t, s, "GET", "/users/2/emails", tok(alice)).expect(t, 403, "")
	do(t, s, "POST", "/users/2/emails", tok(alice), form("email", "x@example.com")).expect(t, 403, "")
	adm := do(t, s, "POST", "/users/2/emails", tok(admin), form("email", "a2@example.com", "skip_confirmation", "true")).expect(t, 201, "").obj(t)
	if adm["confirmed_at"] == nil {
		t.Fatalf("skip_confirmation %v", adm)
	}
	do(t, s, "POST", "/user/emails", tok(alice), form("email", "bob@example.com")).
		expect(t, 400, `{"message":{"email":["has already been taken"]}}`)
	do(t, s, "POST", "/user/emails", tok(gitlabtest.SeedBobToken), form("email", "a2@example.com")).
		expect(t, 400, `{"message":{"email":["has already been taken"]}}`)
	do(t, s, "POST", "/user/emails", tok(alice), form("email", "not an address")).expect(t, 400, `{"message":{"email":["is invalid"]}}`)
	if l := do(t, s, "GET", "/user/emails", tok(alice)).list(t); len(l) != 2 {
		t.Fatalf("own emails %v", l)
	}
	do(t, s, "GET", "/user/emails/"+anyInt(e["id"]), tok(alice)).expect(t, 200, "")
	do(t, s, "GET", "/user/emails/"+anyInt(e["id"]), tok(gitlabtest.SeedBobToken)).expect(t, 404, `{"message":"404 Email Not Found"}`)
	do(t, s, "DELETE", "/user/emails/"+anyInt(e["id"]), tok(alice)).expect(t, 204, "")
	if l := do(t, s, "GET", "/user/emails", tok(alice)).list(t); len(l) != 1 {
		t.Fatalf("emails after delete %v", l)
	}

	key := "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQENBF\n-----END PGP PUBLIC KEY BLOCK-----"
	k := do(t, s, "POST", "/user/gpg_keys", tok(alice), form("key", key)).expect(t, 201, "").obj(t)
	if k["key"] != key || k["created_at"] == nil {
		t.Fatalf("gpg key %v", k)
	}
	do(t, s, "POST", "/user/gpg_keys", tok(alice), form("key", "ssh-rsa AAAA")).
		expect(t, 400, `{"message":{"key":["must be a valid public GPG key"]}}`)
	if l := do(t, s, "GET", "/users/alice/gpg_keys").expect(t, 200, "").list(t); len(l) != 1 || l[0]["id"] != k["id"] {
		t.Fatalf("public gpg keys %v", l)
	}
	do(t, s, "POST", "/users/2/gpg_keys", tok(gitlabtest.SeedBobToken), form("key", key)).expect(t, 403, "")
}

// The current user's SSH keys (/user/keys) are the user's (/users/:id/keys):
// the user adds and deletes them, anyone reads them, only an administrator
// writes another user's.
func TestUserSSHKeys(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	alice, bob := gitlabtest.SeedAliceToken, gitlabtest.SeedBobToken
	pub := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey alice@laptop"
	k := do(t, s, "POST", "/user/keys", tok(alice), form("title", "laptop", "key", pub)).expect(t, 201, "").obj(t)
	if k["title"] != "laptop" || k["key"] != pub || k["usage_type"] != "auth_and_signing" {
		t.Fatalf("key %v", k)
	}
	for _, path := range []string{"/users/2/keys", "/users/alice/keys"} {
		if l := do(t, s, "GET", path).expect(t, 200, "").list(t); len(l) != 1 || l[0]["id"] != k["id"] {
			t.Fatalf("%s: %v", path, l)
		}
	}
	if l := do(t, s, "GET", "/user/keys", tok(alice)).expect(t, 200, "").list(t); len(l) != 1 || l[0]["id"] != k["id"] {
		t.Fatalf("own keys %v", l)
	}
	if l := do(t, s, "GET", "/user/keys", tok(bob)).expect(t, 200, "").list(t); len(l) != 0 {
		t.Fatalf("bob sees alice's keys as his own: %v", l)
	}
	do(t, s, "GET", "/user/keys").expect(t, 401, "")
	do(t, s, "GET", "/user/keys/"+anyInt(k["id"]), tok(bob)).expect(t, 404, `{"message":"404 Key Not Found"}`)
	do(t, s, "POST", "/users/2/keys", tok(bob), form("title", "evil", "key", pub)).expect(t, 403, "")
	do(t, s, "DELETE", "/users/2/keys/"+anyInt(k["id"]), tok(bob)).expect(t, 403, "")
	do(t, s, "POST", "/users/2/keys", tok(admin), form("title", "desk", "key", "ssh-ed25519 AAAAdesk")).expect(t, 201, "")
	do(t, s, "DELETE", "/user/keys/"+anyInt(k["id"]), tok(alice)).expect(t, 204, "")
	if l := do(t, s, "GET", "/users/2/keys").list(t); len(l) != 1 || l[0]["title"] != "desk" {
		t.Fatalf("keys after delete %v", l)
	}
}

func TestPersonalAccessTokens(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	created := do(t, s, "POST", "/users/2/personal_access_tokens", tok(admin), form("name", "ci", "scopes[]", "read_api", "expires_at", "2999-01-01")).
		expect(t, 201, "").obj(t)
	value := created["token"].(string)
	if created["name"] != "ci" || created["user_id"] != 2.0 || created["active"] != true || created["expires_at"] != "2999-01-01" {
		t.Fatalf("created %v", created)
	}
	// The token authenticates as alice, with its scopes.
	if u := do(t, s, "GET", "/user", tok(value)).expect(t, 200, "").obj(t); u["username"] != "alice" {
		t.Fatalf("token user %v", u)
	}
	do(t, s, "POST", "/projects", tok(value), form("name", "x")).expect(t, 403, "")
	self := do(t, s, "GET", "/personal_access_tokens/self", tok(value)).expect(t, 200, "").obj(t)
	if self["id"] != created["id"] {
		t.Fatalf("self %v", self)
	}
	if _, ok := self["token"]; ok {
		t.Fatal("a read shows the token")
	}
	id := anyInt(created["id"])
	do(t, s, "GET", "/personal_access_tokens/"+id, tok(gitlabtest.SeedBobToken)).expect(t, 404, "")
	if l := do(t, s, "GET", "/personal_access_tokens?user_id=2", tok(admin)).list(t); len(l) != 1 {
		t.Fatalf("alice's tokens %v", l)
	}
	if l := do(t, s, "GET", "/personal_access_tokens", tok(gitlabtest.SeedBobToken)).list(t); len(l) != 0 {
		t.Fatalf("bob sees %v", l)
	}

	// Rotation: a new token, the old one revoked.
	rot := do(t, s, "POST", "/personal_access_tokens/"+id+"/rotate", tok(admin)).expect(t, 200, "").obj(t)
	if rot["id"] == created["id"] || rot["token"] == value || rot["name"] != "ci" || rot["expires_at"] == nil {
		t.Fatalf("rotated %v", rot)
	}
	do(t, s, "GET", "/user", tok(value)).expect(t, 401, "")
	do(t, s, "GET", "/user", tok(rot["token"].(string))).expect(t, 200, "")
	if old := do(t, s, "GET", "/personal_access_tokens/"+id, tok(admin)).obj(t); old["revoked"] != true || old["active"] != false {
		t.Fatalf("old token %v", old)
	}
	do(t, s, "POST", "/personal_access_tokens/"+id+"/rotate", tok(admin)).expect(t, 400, `{"message":"token already revoked"}`)
	if l := do(t, s, "GET", "/personal_access_tokens?user_id=2&state=active", tok(admin)).list(t); len(l) != 1 || l[0]["id"] != rot["id"] {
		t.Fatalf("active tokens %v", l)
	}
	// A token rotates itself (which writes: read_api is not enough), then
	// is revoked.
	do(t, s, "POST", "/personal_access_tokens/self/rotate", tok(rot["token"].(string))).expect(t, 403, "")
	own := do(t, s, "POST", "/users/2/personal_access_tokens", tok(admin), form("name", "cli", "scopes[]", "api")).expect(t, 201, "").obj(t)
	again := do(t, s, "POST", "/personal_access_tokens/self/rotate", tok(own["token"].(string))).expect(t, 200, "").obj(t)
	if again["name"] != "cli" {
		t.Fatalf("self-rotated %v", again)
	}
	do(t, s, "DELETE", "/personal_access_tokens/self", tok(again["token"].(string))).expect(t, 204, "")
	do(t, s, "GET", "/user", tok(again["token"].(string))).expect(t, 401, "")

	do(t, s, "POST", "/users/2/personal_access_tokens", tok(admin), form("name", "x", "scopes[]", "everything")).
		expect(t, 400, `{"error":"scopes does not have a valid value"}`)
	do(t, s, "POST", "/users/2/personal_access_tokens", tok(admin), form("name", "x")).expect(t, 400, `{"error":"scopes is missing"}`)
	do(t, s, "POST", "/users/2/personal_access_tokens", tok(gitlabtest.SeedBobToken), form("name", "x", "scopes[]", "api")).expect(t, 403, "")
}

func TestImpersonationTokens(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	it := do(t, s, "POST", "/users/3/impersonation_tokens", tok(admin), form("name", "support", "scopes[]", "api")).expect(t, 201, "").obj(t)
	if it["impersonation"] != true || it["token"] == nil {
		t.Fatalf("impersonation token %v", it)
	}
	if u := do(t, s, "GET", "/user", tok(it["token"].(string))).obj(t); u["username"] != "bob" {
		t.Fatalf("impersonated %v", u)
	}
	id := anyInt(it["id"])
	if l := do(t, s, "GET", "/users/3/impersonation_tokens?state=active", tok(admin)).expect(t, 200, "").list(t); len(l) != 1 {
		t.Fatalf("list %v", l)
	}
	do(t, s, "GET", "/users/3/impersonation_tokens/"+id, tok(admin)).expect(t, 200, "")
	do(t, s, "GET", "/users/2/impersonation_tokens/"+id, tok(admin)).expect(t, 404, `{"message":"404 Impersonation Token Not Found"}`)
	do(t, s, "GET", "/users/3/impersonation_tokens", tok(gitlabtest.SeedBobToken)).expect(t, 403, "")
	do(t, s, "DELETE", "/users/3/impersonation_tokens/"+id, tok(admin)).expect(t, 204, "")
	do(t, s, "GET", "/user", tok(it["token"].(string))).expect(t, 401, "")
}
