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
