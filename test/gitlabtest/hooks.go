package gitlabtest

// hooks give one kind of the generic store GitLab's semantics, by hand. Every
// field is optional: nil keeps the generic behaviour described in doc.go.
// Hooks run under the state lock (shared for reads, exclusive for writes),
// after the store has resolved the parent chain into the scope (sc.project,
// sc.group, sc.user, sc.issue, sc.mr for the hand-written ancestors,
// sc.parent for a parent in the store, sc.vals the placeholder values). A
// write hook may write other collections with c.insert (a pipeline's jobs)
// and c.s.st.colls.
type hooks struct {
	// notFound is the 404 of a missing object (default "404 <Label> Not
	// Found", the label made from the spec name).
	notFound *apiError
	// required and updRequired are required beyond the declaration.
	required, updRequired []string
	// find finds an object the collection does not store, by the value of
	// its ID in the URL: one computed from other state (a member inherited
	// from a group) or named another way (a label by its numeric id). It
	// runs under the read lock: it must not change the state.
	find func(c *call, sc *scope, key string) *item
	// canRead checks reads (and the read of the parent before any write);
	// default: whoever sees the parent.
	canRead func(c *call, sc *scope) *apiError
	// canWrite checks creates (it is nil), updates, deletes and sets;
	// default: a user who may write to the parent project or group, or the
	// user of a user's collection, or an administrator.
	canWrite func(c *call, sc *scope, it *item) *apiError
	// create completes or replaces the new object: obj already holds the ID,
	// the parent IDs, created_at, updated_at and the attributes given.
	create func(c *call, sc *scope, obj map[string]any) *apiError
	// update applies fields (the attributes given, without the ID and the
	// parent IDs) to it.obj; default: merge them and touch updated_at.
	update func(c *call, sc *scope, it *item, fields map[string]any) *apiError
	// delete runs before the object is removed; an error keeps it. it is
	// nil for a singleton that exists only implicitly.
	delete func(c *call, sc *scope, it *item) *apiError
	// list filters and orders the objects of a list request (default: all,
	// oldest first) into a new slice; the store paginates what it returns.
	list func(c *call, sc *scope, items []*item) ([]*item, *apiError)
	// show renders an object for the caller (a label's "subscribed" and
	// counts) in every answer of the store; default: the stored JSON. It
	// runs under the read lock for reads: it must not change the state.
	show func(c *call, sc *scope, it *item) *doc
	// dup answers a create whose ID is taken (default 400
	// {"message":{"<id attribute>":["has already been taken"]}}).
	dup func(key string) *apiError
	// after runs after every successful write of the collection.
	after func(c *call, sc *scope)
	// actions answer declared actions by name (actions.go), after the
	// store has checked the attributes, found the parents and the object
	// and checked access; c.actionAnswer(ac) gives the generic answer.
	actions map[string]func(c *call, ac *actionCall) *apiError
}

// specHooks is the one place where hand-made semantics join the generic
// store: a spec name (managers.Builtins()) maps to its hooks. Add a line here
// and the hooks in the file of the resource's area.
var specHooks = map[string]*hooks{
	"project_issue_note": noteHooks("Issue", false),
	"user_key":           keyHooks(),
	// user_actions.go
	"user_email":            emailHooks(),
	"user_gpg_key":          gpgKeyHooks(),
	"personal_access_token": patHooks(),

	"project_member":                   memberHooks(),
	"group_member":                     memberHooks(),
	"project_member_all":               memberAllHooks(),
	"group_member_all":                 memberAllHooks(),
	"group_billable_member":            billableHooks(),
	"group_billable_member_membership": billableMembershipHooks(),
	"project_access_request":           accessRequestHooks(),
	"group_access_request":             accessRequestHooks(),
	"project_invitation":               invitationHooks(),
	"group_invitation":                 invitationHooks(),
	"project_label":                    labelHooks(false),
	"group_label":                      labelHooks(true),
	"project_milestone":                milestoneHooks(false),
	"group_milestone":                  milestoneHooks(true),
	"project_protected_branch":         protectedBranchHooks(),
	"group_protected_branch":           protectedBranchHooks(),
	"project_protected_tag":            protectedTagHooks(),
	"project_tag":                      tagHooks(),
	"project_release":                  releaseHooks(),
	"project_release_link":             linkHooks(),

	"project_issue_discussion":               discussionHooks("Issue"),
	"project_issue_discussion_note":          noteHooks("Issue", true),
	"project_merge_request_note":             noteHooks("MergeRequest", false),
	"project_merge_request_discussion":       discussionHooks("MergeRequest"),
	"project_merge_request_discussion_note":  noteHooks("MergeRequest", true),
	"project_snippet_note":                   noteHooks("Snippet", false),
	"project_snippet_discussion":             discussionHooks("Snippet"),
	"project_snippet_discussion_note":        noteHooks("Snippet", true),
	"group_epic_note":                        noteHooks("Epic", false),
	"group_epic_discussion":                  discussionHooks("Epic"),
	"group_epic_discussion_note":             noteHooks("Epic", true),
	"project_commit_discussion":              discussionHooks("Commit"),
	"project_commit_discussion_note":         noteHooks("Commit", true),
	"project_issue_award_emoji":              awardHooks("Issue"),
	"project_issue_note_award_emoji":         awardHooks("Note"),
	"project_merge_request_award_emoji":      awardHooks("MergeRequest"),
	"project_merge_request_note_award_emoji": awardHooks("Note"),
	"project_snippet_award_emoji":            awardHooks("Snippet"),
	"project_snippet_note_award_emoji":       awardHooks("Note"),
	"group_epic_award_emoji":                 awardHooks("Epic"),
	"group_epic_note_award_emoji":            awardHooks("Note"),
	"snippet":                                snippetHooks(false),
	"project_snippet":                        snippetHooks(true),
	"project_wiki":                           wikiHooks(),
	"group_wiki":                             wikiHooks(),
	"project_badge":                          badgeHooks("project"),
	"group_badge":                            badgeHooks("group"),
	"project_issue_link":                     issueLinkHooks(),
	// CI/CD (ci.go)
	"project_pipeline":                    pipelineHooks(),
	"project_merge_request_pipeline":      mrPipelineHooks(),
	"project_job":                         projectJobHooks(),
	"project_pipeline_job":                pipelineJobHooks(),
	"project_pipeline_bridge":             bridgeHooks(),
	"project_pipeline_schedule":           scheduleHooks(),
	"project_pipeline_schedule_variable":  scheduleVariableHooks(),
	"project_pipeline_schedule_pipeline":  schedulePipelineHooks(),
	"project_trigger":                     triggerHooks(),
	"project_variable":                    variableHooks(projectVars),
	"group_variable":                      variableHooks(groupVars),
	"variable":                            variableHooks(instanceVars),
	"project_environment":                 environmentHooks(),
	"project_deployment":                  deploymentHooks(),
	"project_resource_group":              resourceGroupHooks(),
	"project_resource_group_upcoming_job": upcomingJobHooks(),
	"runner":                              runnerHooks(),
	"runner_all":                          runnerAllHooks(),
	"runner_job":                          runnerJobHooks(),
	"project_runner":                      projectRunnerHooks(),
	"group_runner":                        groupRunnerHooks(),
	"deploy_key":                          deployKeyHooks(),
	"project_key":                         projectKeyHooks(),
	"deploy_token":                        allDeployTokenHooks(),
	"project_hook":                        webhookHooks(projectHookEvents, false),
	"group_hook":                          webhookHooks(groupHookEvents, false),
	"hook":                                webhookHooks(systemHookEvents, true),

	// attestations.go
	"project_attestation": attestationHooks(),
}
