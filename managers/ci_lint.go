package managers

import (
	"context"
	"fmt"
	"strings"

	"github.com/golab/gitlab/base"
)

// ciLintSpec declares /ci/lint.
// python-gitlab: CiLintManager (gl.ci_lint).
var ciLintSpec = &base.Spec{
	Name:     "ci_lint",
	Accessor: "CILint",
	Path:     "/ci/lint",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"content"},
		Optional: []string{"include_merged_yaml", "include_jobs"},
	},
	DocsURL: "https://docs.gitlab.com/api/lint/",
}

// projectCILintSpec declares /projects/{project_id}/ci/lint.
// python-gitlab: ProjectCiLintManager (Project.ci_lint).
var projectCILintSpec = &base.Spec{
	Name:     "project_ci_lint",
	Accessor: "CILint",
	Path:     "/projects/{project_id}/ci/lint",
	Parent:   "project",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpCreate,
	CreateAttrs: base.RequiredOptional{
		Required: []string{"content"},
		Optional: []string{"dry_run", "include_jobs", "ref"},
	},
	GetAttrs: base.RequiredOptional{Optional: []string{
		"content_ref", "dry_run", "dry_run_ref",
		"include_jobs", "ref",
	}},
	DocsURL: "https://docs.gitlab.com/api/lint/",
}

// LintError reports a CI/CD configuration that GitLab's linter finds
// invalid: python-gitlab's GitlabCiLintError.
type LintError struct {
	Errors   []string
	Warnings []string
}

// Error lists GitLab's messages.
func (e *LintError) Error() string {
	return "gitlab: invalid CI/CD configuration: " + strings.Join(e.Errors, ", ")
}

// checkLint turns a lint answer into a *LintError when GitLab says the
// configuration is not valid (the "valid" field, or the older "status").
func checkLint(o *base.Object) error {
	valid := o.GetBool("valid")
	if !o.Has("valid") {
		valid = o.GetString("status") == "valid"
	}
	if valid {
		return nil
	}
	e := &LintError{Errors: o.GetStrings("errors"), Warnings: o.GetStrings("warnings")}
	if len(e.Errors) == 0 {
		e.Errors = []string{fmt.Sprintf("the linter answered %s", o.Attr("status").Raw)}
	}
	return e
}

// Validate lints a CI/CD configuration (attrs: content, and optionally
// include_merged_yaml, include_jobs) and returns a *LintError when GitLab
// finds it invalid: python-gitlab's ci_lint.validate().
// GitLab API: https://docs.gitlab.com/api/lint/
func (m *CILintManager) Validate(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) error {
	o, err := m.Create(ctx, attrs, opts...)
	if err != nil {
		return err
	}
	return checkLint(o.Object)
}

// Validate lints a CI/CD configuration in the project's context (attrs:
// content, and optionally dry_run, include_jobs, ref) and returns a
// *LintError when GitLab finds it invalid: python-gitlab's
// project.ci_lint.validate().
// GitLab API: https://docs.gitlab.com/api/lint/#validate-sample-cicd-configuration
func (m *ProjectCILintManager) Validate(ctx context.Context, attrs base.Attrs, opts ...base.RequestOption) error {
	o, err := m.Create(ctx, attrs, opts...)
	if err != nil {
		return err
	}
	return checkLint(o.Object)
}
