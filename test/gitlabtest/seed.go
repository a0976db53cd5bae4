package gitlabtest

import (
	"net/http/httptest"
	"strconv"
	"strings"
)

// Demo data loaded by WithSeed (besides root, id 1, with the admin token):
//
//	users   alice (id 2, token SeedAliceToken), bob (id 3, token SeedBobToken)
//	groups  demo (public), secret (private; alice is a member)
//	demo/website  public, by root: branches main and feature/login, files
//	              README.md, index.html, docs/guide.md; issues #1 (bug),
//	              #2 (feature) open and #3 closed; merge request !1
//	              feature/login -> main by alice; alice is a member
//	alice/notes   private, by alice: README.md and todo.txt
//	secret/vault  private, in group secret
//	root/sandbox  internal, by root
const (
	SeedAliceToken = "glpat-seed-alice"
	SeedBobToken   = "glpat-seed-bob"
)

// seed creates the demo data through the API itself, so it is shaped exactly
// like data created by clients.
func (s *Server) seed() {
	call := func(method, path, sudo, form string) {
		req := httptest.NewRequest(method, apiPrefix+path, strings.NewReader(form))
		req.Header.Set("Private-Token", s.cfg.adminToken)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if sudo != "" {
			req.Header.Set("Sudo", sudo)
		}
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, req)
		if rec.Code >= 300 {
			panic("gitlabtest: seed " + method + " " + path + ": " + rec.Body.String())
		}
	}
	pw := "&password=Demo-password-1"
	call("POST", "/users", "", "username=alice&name=Alice+Liddell&email=alice@example.com"+pw)
	call("POST", "/users", "", "username=bob&name=Bob+Builder&email=bob@example.com"+pw)
	s.lock()
	s.addToken(s.st.userByName["alice"], SeedAliceToken, PrivateToken, nil)
	s.addToken(s.st.userByName["bob"], SeedBobToken, PrivateToken, nil)
	s.mu.Unlock()

	call("POST", "/groups", "", "name=Demo&path=demo&visibility=public&description=Demo+group")
	call("POST", "/groups", "", "name=Secret&path=secret&visibility=private")
	s.AddGroupMember(s.nsID("secret"), "alice")

	call("POST", "/projects", "", "name=Website&path=website&visibility=public&initialize_with_readme=true"+
		"&description=The+demo+website&topics[]=web&topics[]=demo&namespace_id="+strconv.Itoa(s.nsID("demo")))
	s.AddProjectMember(s.projectID("demo/website"), "alice")
	w := "/projects/demo%2Fwebsite"
	call("POST", w+"/repository/files/index.html", "", "branch=main&commit_message=Add+index&content=%3Ch1%3EHello%3C%2Fh1%3E")
	call("POST", w+"/repository/files/docs%2Fguide.md", "", "branch=main&commit_message=Add+guide&content=%23+Guide%0A")
	call("POST", w+"/repository/branches", "", "branch=feature/login&ref=main")
	call("POST", w+"/repository/files/login.html", "alice", "branch=feature/login&commit_message=Login+page&content=login")
	call("POST", w+"/issues", "alice", "title=Broken+link+on+home+page&labels=bug&description=The+about+link+404s")
	call("POST", w+"/issues", "bob", "title=Add+dark+mode&labels=feature,ui")
	call("POST", w+"/issues", "", "title=Set+up+CI&labels=chore")
	call("PUT", w+"/issues/3", "", "state_event=close")
	call("POST", w+"/issues/1/notes", "bob", "body=Confirmed+on+Firefox")
	call("POST", w+"/merge_requests", "alice", "source_branch=feature/login&target_branch=main&title=Add+login+page")

	call("POST", "/projects", "alice", "name=Notes&path=notes&visibility=private&initialize_with_readme=true")
	call("POST", "/projects/alice%2Fnotes/repository/files/todo.txt", "alice", "branch=main&commit_message=todo&content=buy+milk")
	call("POST", "/projects", "", "name=Vault&path=vault&visibility=private&initialize_with_readme=true&namespace_id="+strconv.Itoa(s.nsID("secret")))
	call("POST", "/projects", "", "name=Sandbox&path=sandbox&visibility=internal&initialize_with_readme=true")
	s.ResetRequests()
	s.rlMu.Lock()
	s.rl = nil
	s.rlMu.Unlock()
}

func (s *Server) nsID(path string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.nsByPath[path].id
}

func (s *Server) projectID(path string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.projectByPath[path].id
}
