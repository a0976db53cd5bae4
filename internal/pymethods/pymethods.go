// Package pymethods holds what the README's table of python-gitlab's
// methods (internal/readmegen) and the test that every python-gitlab method
// has a Go one (managers/pymethods_test.go) share: the methods whose Go
// equivalents are written by hand rather than declared as actions.
package pymethods

// HandWritten are python-gitlab methods whose Go equivalents are written by
// hand rather than declared as actions: python-gitlab's "Class.method(...)"
// and the Go method.
var HandWritten = [][2]string{
	{"CiLintManager.validate()", "CILintManager.Validate"},
	{"ProjectCiLintManager.validate()", "ProjectCILintManager.Validate"},
	{"GroupLDAPGroupLink.delete()", "GroupLDAPGroupLink.Delete"},
	{"ProjectArtifactManager.delete()", "ProjectArtifactManager.Delete"},
	{"ProjectIntegrationManager.available()", "ProjectIntegrationManager.Available"},
	{"ProjectServiceManager.available()", "ProjectServiceManager.Available"},
	{"ProjectMergeRequestApprovalManager.set_approvers()", "ProjectMergeRequestApprovalManager.SetApprovers"},
	{"ProjectFile.decode()", "ProjectFile.Content"},
	{"ProjectFile.save(branch, commit_message)", "ProjectFile.Save(ctx, branch, commitMessage)"},
	{"ProjectFile.delete(branch, commit_message)", "ProjectFile.Delete(ctx, branch, commitMessage)"},
	{"FeatureManager.set(name, value, ...)", "FeatureManager.Set(ctx, name, value, gitlab.WithSetAttrs(...))"},
	{"Gitlab.search(scope, search)", "Client.Search(ctx, scope, search, params)"},
	{"Gitlab.markdown(text, gfm, project)", "Client.Markdown(ctx, text, gfm, project)"},
	{"Gitlab.lint(content)", "Client.Lint(ctx, content)"},
}
