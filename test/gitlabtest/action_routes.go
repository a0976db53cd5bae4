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
	s.registerProjectActionRoutes()
}

// actState is what the hand-written actions remember beside the objects
// (state.act, guarded by the state lock); maps are made on first use.
type actState struct {
	agents    map[*item]agent        // the request that opened an issue
	positions map[*item]int          // issue relative positions set by reorder
	following map[int][]int          // user id → the ids of the users they follow, in order
	statuses  map[int]map[string]any // user id → status
	patTokens map[string]*token      // personal access token record id → its credential

	projectShares, groupShares map[int][]groupLink // project or group id → the groups it is shared with
	nextLink                   int                 // ids of project shares
	mirrorUpdates              map[int]string      // project id → last pull mirror update

	exports        map[string]*export // "projects/<id>" or "groups/<id>" → its latest export
	correlations   map[int]string     // imported project id → the import's correlation id
	importedGroups map[int]bool       // ids of imported groups

	signatures   map[string]map[string]any // commit id → its signature (signatures.go)
	certificates int                       // ids of the X.509 certificates of signatures
}
