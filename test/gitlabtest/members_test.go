package gitlabtest_test

import (
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

// collabServer: root owns the private group "team" (id 2) and its
// project "team/app" (id 1); alice, bob and carol have tokens named after
// them and no membership.
func collabServer(t *testing.T) *gitlabtest.Server {
	t.Helper()
	at := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	s := gitlabtest.NewServer(t, gitlabtest.WithClock(func() time.Time { return at }))
	g := s.AddGroup("Team", "team", "private")
	if g != 2 {
		t.Fatalf("group id %d", g)
	}
	if p := s.AddProject(gitlabtest.Project{Name: "app", Namespace: "team"}); p != 1 {
		t.Fatalf("project id %d", p)
	}
	for _, u := range []string{"alice", "bob", "carol"} {
		s.AddUser(gitlabtest.User{Username: u, Name: u + " Example"})
		s.AddToken(u, u, gitlabtest.PrivateToken)
	}
	return s
}

func byKey(l []map[string]any, key string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, m := range l {
		out[m[key].(string)] = m
	}
	return out
}

func TestMembersAccessLevels(t *testing.T) {
	s := collabServer(t)
	// The creator of the group is its Owner.
	l := do(t, s, "GET", "/groups/2/members", tok(admin)).expect(t, 200, "").list(t)
	if len(l) != 1 || l[0]["username"] != "root" || l[0]["access_level"] != 50.0 {
		t.Fatalf("group members %v", l)
	}
	// GitLab's validation.
	do(t, s, "POST", "/projects/1/members", tok(admin), form("user_id", "2", "access_level", "35")).
		expect(t, 400, `{"message":{"access_level":["is not included in the list"]}}`)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("user_id", "99", "access_level", "30")).
		expect(t, 404, `{"message":"404 User Not Found"}`)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "20", "expires_at", "2024-05-09")).
		expect(t, 400, `{"message":{"expires_at":["cannot be a date in the past"]}}`)
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "20", "expires_at", "soon")).
		expect(t, 400, `{"error":"expires_at is invalid"}`)
	m := do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "20", "expires_at", "2024-06-01")).
		expect(t, 201, "").obj(t)
	if m["id"] != 3.0 || m["username"] != "bob" || m["name"] != "bob Example" || m["state"] != "active" ||
		m["access_level"] != 20.0 || m["expires_at"] != "2024-06-01" || m["created_by"].(map[string]any)["username"] != "root" {
		t.Fatalf("member %v", m)
	}
	do(t, s, "POST", "/projects/1/members", tok(admin), form("user_id", "3", "access_level", "30")).
		expect(t, 409, `{"message":"Member already exists"}`)

	// A Reporter reads the private project but may not write to it; as a
	// Developer they may.
	do(t, s, "GET", "/projects/1", tok("bob")).expect(t, 200, "")
	do(t, s, "POST", "/projects/1/variables", tok("bob"), form("key", "K", "value", "v")).expect(t, 403, "")
	m = do(t, s, "PUT", "/projects/1/members/3", tok(admin), form("access_level", "30")).expect(t, 200, "").obj(t)
	if m["access_level"] != 30.0 || m["expires_at"] != "2024-06-01" {
		t.Fatalf("updated member %v", m)
	}
	do(t, s, "POST", "/projects/1/variables", tok("bob"), form("key", "K", "value", "v")).expect(t, 201, "")
	// Developers do not manage members.
	do(t, s, "POST", "/projects/1/members", tok("bob"), form("username", "carol", "access_level", "10")).expect(t, 403, "")

	// Group membership is inherited: alice, Maintainer of the group, sees
	// the project, cannot be added below that, and members/all lists her
	// with her highest level.
	do(t, s, "GET", "/projects/1", tok("alice")).expect(t, 404, "")
	do(t, s, "POST", "/groups/2/members", tok(admin), form("username", "alice", "access_level", "40")).expect(t, 201, "")
	do(t, s, "GET", "/projects/1", tok("alice")).expect(t, 200, "")
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "alice", "access_level", "30")).
		expect(t, 400, `{"message":{"access_level":["should be greater than or equal to Maintainer inherited membership from group Team"]}}`)
	do(t, s, "POST", "/groups/2/members", tok(admin), form("username", "bob", "access_level", "10")).expect(t, 201, "")
	all := byKey(do(t, s, "GET", "/projects/1/members/all", tok("bob")).expect(t, 200, "").list(t), "username")
	if len(all) != 3 || all["root"]["access_level"] != 50.0 || all["alice"]["access_level"] != 40.0 || all["bob"]["access_level"] != 30.0 {
		t.Fatalf("members/all %v", all)
	}
	direct := do(t, s, "GET", "/projects/1/members", tok(admin)).list(t)
	if len(direct) != 1 || direct[0]["username"] != "bob" {
		t.Fatalf("direct members %v", direct)
	}
	a := do(t, s, "GET", "/projects/1/members/all/2", tok(admin)).expect(t, 200, "").obj(t)
	if a["username"] != "alice" || a["access_level"] != 40.0 {
		t.Fatalf("inherited member %v", a)
	}
	do(t, s, "GET", "/projects/1/members/2", tok(admin)).expect(t, 404, `{"message":"404 Not found"}`)
	if l := do(t, s, "GET", "/projects/1/members/all?query=ALI", tok(admin)).list(t); len(l) != 1 || l[0]["username"] != "alice" {
		t.Fatalf("query %v", l)
	}

	// Only Owners make Owners; a group keeps one Owner; members leave.
	do(t, s, "PUT", "/groups/2/members/2", tok("alice"), form("access_level", "50")).expect(t, 403, "")
	do(t, s, "DELETE", "/groups/2/members/1", tok(admin)).expect(t, 403, "")
	do(t, s, "PUT", "/groups/2/members/1", tok(admin), form("access_level", "40")).expect(t, 403, "")
	do(t, s, "DELETE", "/groups/2/members/2", tok("alice")).expect(t, 204, "")
	do(t, s, "GET", "/projects/1", tok("alice")).expect(t, 404, "")
}

func TestMembersExpire(t *testing.T) {
	now := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	s := gitlabtest.NewServer(t, gitlabtest.WithClock(func() time.Time { return now }))
	p := s.AddProject(gitlabtest.Project{Name: "app"})
	s.AddUser(gitlabtest.User{Username: "bob"})
	s.AddToken("bob", "bob", gitlabtest.PrivateToken)
	do(t, s, "POST", "/projects/"+itoa(p)+"/members", tok(admin), form("username", "bob", "access_level", "30", "expires_at", "2024-05-11")).expect(t, 201, "")
	do(t, s, "GET", "/projects/"+itoa(p), tok("bob")).expect(t, 200, "")
	now = now.Add(48 * time.Hour)
	do(t, s, "GET", "/projects/"+itoa(p), tok("bob")).expect(t, 404, "")
}

func TestAccessRequests(t *testing.T) {
	s := collabServer(t)
	do(t, s, "PUT", "/projects/1", tok(admin), form("visibility", "internal")).expect(t, 200, "")
	r := do(t, s, "POST", "/projects/1/access_requests", tok("carol")).expect(t, 201, "").obj(t)
	if r["id"] != 4.0 || r["username"] != "carol" || r["requested_at"] != "2024-05-10T12:00:00.000Z" {
		t.Fatalf("request %v", r)
	}
	do(t, s, "POST", "/projects/1/access_requests", tok("carol")).expect(t, 400, `{"message":{"user":["already exists in source"]}}`)
	do(t, s, "POST", "/projects/1/access_requests", tok(admin)).expect(t, 403, "") // a member
	do(t, s, "GET", "/projects/1/access_requests", tok("carol")).expect(t, 403, "")
	if l := do(t, s, "GET", "/projects/1/access_requests", tok(admin)).list(t); len(l) != 1 || l[0]["username"] != "carol" {
		t.Fatalf("requests %v", l)
	}
	do(t, s, "PUT", "/projects/1/access_requests/4/approve", tok("carol")).expect(t, 403, "")
	m := do(t, s, "PUT", "/projects/1/access_requests/4/approve", tok(admin), form("access_level", "20")).expect(t, 200, "").obj(t)
	if m["username"] != "carol" || m["access_level"] != 20.0 {
		t.Fatalf("approved %v", m)
	}
	if l := do(t, s, "GET", "/projects/1/access_requests", tok(admin)).list(t); len(l) != 0 {
		t.Fatalf("requests after approval %v", l)
	}
	do(t, s, "GET", "/projects/1/members/4", tok(admin)).expect(t, 200, "")
	// Denied: the request goes, no membership comes.
	do(t, s, "POST", "/groups/2/access_requests", tok("bob")).expect(t, 404, "") // a private group
	do(t, s, "PUT", "/groups/2", tok(admin), form("visibility", "internal")).expect(t, 200, "")
	do(t, s, "POST", "/groups/2/access_requests", tok("bob")).expect(t, 201, "")
	do(t, s, "DELETE", "/groups/2/access_requests/3", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", "/groups/2/members/3", tok(admin)).expect(t, 404, "")
	do(t, s, "PUT", "/groups/2/access_requests/3/approve", tok(admin)).expect(t, 404, "")
}

func TestInvitations(t *testing.T) {
	s := collabServer(t)
	r := do(t, s, "POST", "/projects/1/invitations", tok(admin), form("email", "new@example.com", "access_level", "30")).
		expect(t, 201, "").obj(t)
	if r["status"] != "success" || r["invite_email"] != "new@example.com" {
		t.Fatalf("invitation %v", r)
	}
	do(t, s, "POST", "/projects/1/invitations", tok(admin), form("email", "new@example.com", "access_level", "30")).
		expect(t, 201, `{"message":{"new@example.com":"Invite email has already been taken"},"status":"error"}`)
	// An e-mail of a user, or a user ID, makes a member at once.
	do(t, s, "POST", "/projects/1/invitations", tok(admin), form("email", "alice@example.com", "access_level", "20")).
		expect(t, 201, `{"status":"success"}`)
	do(t, s, "POST", "/projects/1/invitations", tok(admin), form("user_id", "3,42", "access_level", "20")).
		expect(t, 201, `{"message":{"42":"User not found"},"status":"error"}`)
	members := byKey(do(t, s, "GET", "/projects/1/members", tok(admin)).list(t), "username")
	if members["alice"] == nil || members["bob"] == nil {
		t.Fatalf("members %v", members)
	}
	l := do(t, s, "GET", "/projects/1/invitations", tok(admin)).expect(t, 200, "").list(t)
	if len(l) != 1 || l[0]["invite_email"] != "new@example.com" || l[0]["access_level"] != 30.0 || l[0]["created_by_name"] != "Administrator" {
		t.Fatalf("invitations %v", l)
	}
	u := do(t, s, "PUT", "/projects/1/invitations/new@example.com", tok(admin), form("access_level", "40", "expires_at", "2025-01-01")).
		expect(t, 200, "").obj(t)
	if u["access_level"] != 40.0 || u["expires_at"] != "2025-01-01" {
		t.Fatalf("updated invitation %v", u)
	}
	do(t, s, "PUT", "/projects/1/invitations/new@example.com", tok(admin), form("access_level", "7")).expect(t, 400, "")
	do(t, s, "DELETE", "/projects/1/invitations/new@example.com", tok(admin)).expect(t, 204, "")
	do(t, s, "GET", "/projects/1/invitations/new@example.com", tok(admin)).expect(t, 404, "")
}

func TestBillableMembers(t *testing.T) {
	s := collabServer(t)
	s.AddGroup("Sub", "team/sub", "private")
	sub := do(t, s, "GET", "/groups/team%2Fsub", tok(admin)).obj(t)["id"].(float64)
	do(t, s, "POST", "/groups/"+itoa(int(sub))+"/members", tok(admin), form("username", "alice", "access_level", "30")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "bob", "access_level", "30")).expect(t, 201, "")
	do(t, s, "POST", "/projects/1/members", tok(admin), form("username", "alice", "access_level", "20")).expect(t, 201, "")
	do(t, s, "POST", "/groups/2/members", tok(admin), form("username", "carol", "access_level", "40")).expect(t, 201, "")
	do(t, s, "GET", "/groups/2/billable_members", tok("carol")).expect(t, 403, "") // Owners only
	b := byKey(do(t, s, "GET", "/groups/2/billable_members", tok(admin)).expect(t, 200, "").list(t), "username")
	if len(b) != 4 || b["alice"]["membership_type"] != "group_member" || b["bob"]["membership_type"] != "project_member" {
		t.Fatalf("billable %v", b)
	}
	ms := do(t, s, "GET", "/groups/2/billable_members/2/memberships", tok(admin)).expect(t, 200, "").list(t)
	if len(ms) != 2 || ms[0]["source_full_name"] != "Team / Sub" || ms[1]["source_full_name"] != "Team / app" ||
		ms[1]["access_level"].(map[string]any)["integer_value"] != 20.0 {
		t.Fatalf("memberships %v", ms)
	}
	do(t, s, "DELETE", "/groups/2/billable_members/2", tok(admin)).expect(t, 204, "")
	if b := byKey(do(t, s, "GET", "/groups/2/billable_members", tok(admin)).list(t), "username"); len(b) != 3 || b["alice"] != nil {
		t.Fatalf("billable after removal %v", b)
	}
	do(t, s, "GET", "/projects/1/members/2", tok(admin)).expect(t, 404, "")
	do(t, s, "DELETE", "/groups/2/billable_members/2", tok(admin)).expect(t, 404, "")
}

func TestLDAPGroupLinkDelete(t *testing.T) {
	s := collabServer(t)
	for _, cn := range []string{"devs", "ops"} {
		do(t, s, "POST", "/groups/2/ldap_group_links", tok(admin), form("provider", "ldapmain", "group_access", "30", "cn", cn)).expect(t, 201, "")
	}
	do(t, s, "POST", "/groups/2/ldap_group_links", tok(admin), form("provider", "ldapmain", "group_access", "30", "filter", "(ou=x)")).expect(t, 201, "")
	do(t, s, "DELETE", "/groups/2/ldap_group_links?provider=other&cn=devs", tok(admin)).expect(t, 404, `{"message":"Linked LDAP group not found"}`)
	do(t, s, "DELETE", "/groups/2/ldap_group_links?provider=ldapmain", tok(admin)).expect(t, 400, "")
	do(t, s, "DELETE", "/groups/2/ldap_group_links?provider=ldapmain&cn=devs", tok(admin)).expect(t, 204, "")
	do(t, s, "DELETE", "/groups/2/ldap_group_links/ldapmain/ops", tok(admin)).expect(t, 204, "")
	do(t, s, "DELETE", "/groups/2/ldap_group_links?provider=ldapmain&filter=(ou=x)", tok(admin)).expect(t, 204, "")
	if l := do(t, s, "GET", "/groups/2/ldap_group_links", tok(admin)).list(t); len(l) != 0 {
		t.Fatalf("links %v", l)
	}
}
