package gitlabtest

// registerActionRoutes registers the hand-written actions of the areas
// below, before the generic store: commits (commits.go), repository
// actions (repository_actions.go), merge request, issue, user, project and
// group actions (mr_actions.go, issue_actions.go, user_actions.go,
// project_actions.go).
func (s *Server) registerActionRoutes() {
	s.registerCommitRoutes()
	s.registerRepositoryRoutes()
	s.registerMRActionRoutes()
	s.registerIssueActionRoutes()
	s.registerUserActionRoutes()
}

// actState is what the hand-written actions remember beside the objects
// (state.act, guarded by the state lock); maps are made on first use.
type actState struct {
	agents    map[*item]agent        // the request that opened an issue
	positions map[*item]int          // issue relative positions set by reorder
	following map[int][]int          // user id → the ids of the users they follow, in order
	statuses  map[int]map[string]any // user id → status
	patTokens map[string]*token      // personal access token record id → its credential
}
