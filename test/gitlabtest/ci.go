package gitlabtest

// registerCICDRoutes registers the hand-written routes of the CI/CD
// resources: actions and the operations the generic store cannot do alone
// (pipelines.go, jobs.go, schedules.go, triggers.go, ci_variables.go,
// environments.go, runners.go, deploy.go, webhooks.go). Their collections'
// other semantics are hooks, listed in specHooks.
func (s *Server) registerCICDRoutes() {
	s.registerPipelineRoutes()
	s.registerJobRoutes()
	s.registerVariableRoutes()
	s.registerEnvironmentRoutes()
	s.registerRunnerRoutes()
	s.registerDeployRoutes()
	s.registerWebhookRoutes()
}

// The CI/CD hooks reach the store's kinds and its insert through these
// variables, set at init: a direct reference from a function that
// specHooks's initializer names would be an initialization cycle
// (specHooks → hooks → builtinKinds → specKinds → specHooks).
var (
	kindsFn  func() *builtinSet
	insertFn func(c *call, name string, vals []string, parent *item, fields map[string]any) (*item, *apiError)
)

func init() { kindsFn, insertFn = builtinKinds, (*call).insert }

// put is c.insert, reached through insertFn.
func (c *call) put(name string, vals []string, parent *item, fields map[string]any) (*item, *apiError) {
	return insertFn(c, name, vals, parent, fields)
}

// adminRead and adminWrite restrict a collection to administrators: 401
// anonymously, 403 for other users.
func adminRead(c *call, _ *scope) *apiError {
	switch {
	case c.user == nil:
		return errUnauthorized
	case !c.user.admin:
		return errForbidden
	}
	return nil
}

func adminWrite(c *call, sc *scope, _ *item) *apiError { return adminRead(c, sc) }

// updateWith is an update hook that applies the request with apply and
// touches updated_at.
func updateWith(apply func(c *call, obj map[string]any) *apiError) func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
	return func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
		if e := apply(c, it.obj); e != nil {
			return e
		}
		it.obj["updated_at"] = c.s.nowTS()
		return nil
	}
}

// projectObj finds the object of the declaration spec named by args[1] in
// the project of args[0] (write: the caller must be able to write to the
// project); its 404 names label.
func (s *Server) projectObj(c *call, spec, label string, write bool) (*project, *item, *apiError) {
	p, e := s.projectFor(c, write)
	if e != nil {
		return nil, nil, e
	}
	col := s.collOf(spec, pid(p))
	if col == nil || col.byKey[c.args[1]] == nil {
		return nil, nil, notFound(label)
	}
	return p, col.byKey[c.args[1]], nil
}
