package gitlab

import (
	"context"
	"fmt"
	"iter"
	"maps"
)

// The instance-wide actions python-gitlab puts on its Gitlab class:
// search, markdown and lint. Project.Search and Group.Search search a
// project or a group.

// Search finds what matches search in one scope of the whole instance
// ("projects", "issues", "merge_requests", "milestones", "snippet_titles",
// "users"; "blobs", "commits", "notes" and "wiki_blobs" need Elasticsearch
// outside a project), among what the caller may see, page by page. params
// adds GitLab's other filters (state, confidential, order_by, sort...) and
// may be nil. python-gitlab's gl.search(scope, search).
// GitLab API: https://docs.gitlab.com/api/search/#search-the-instance
func (c *Client) Search(ctx context.Context, scope, search string, params Params, opts ...RequestOption) iter.Seq2[*Object, error] {
	q := Params{}
	maps.Copy(q, params)
	q["scope"], q["search"] = scope, search
	return c.HTTPList(ctx, "/search", q, opts...)
}

// Markdown renders text as HTML, as GitLab Flavored Markdown when gfm is
// true, with the references of project (an ID or a full path; "" for none).
// python-gitlab's gl.markdown(text, gfm, project).
// GitLab API: https://docs.gitlab.com/api/markdown/
func (c *Client) Markdown(ctx context.Context, text string, gfm bool, project string, opts ...RequestOption) (string, error) {
	body := Attrs{"text": text, "gfm": gfm}
	if project != "" {
		body["project"] = project
	}
	resp, err := c.HTTPPost(ctx, "/markdown", body, opts...)
	if err != nil {
		return "", err
	}
	html := resp.JSON().Get("html")
	if !html.Exists() {
		return "", fmt.Errorf("gitlab: POST /markdown answered no html: %.200s", resp.Body)
	}
	return html.String(), nil
}

// Lint checks a CI/CD configuration with the instance's linter and tells
// whether it is valid, with GitLab's errors when it is not: python-gitlab's
// gl.lint(content), which returns (valid, errors). An error is returned
// only when the request fails. gl.CILint.Validate and a project's
// CILint().Validate report an invalid configuration as a
// *managers.LintError instead.
// GitLab API: https://docs.gitlab.com/api/lint/
func (c *Client) Lint(ctx context.Context, content string, opts ...RequestOption) (valid bool, errs []string, err error) {
	o, err := c.CILint.Create(ctx, Attrs{"content": content}, opts...)
	if err != nil {
		return false, nil, err
	}
	valid = o.GetBool("valid")
	if !o.Has("valid") {
		valid = o.GetString("status") == "valid"
	}
	return valid, o.GetStrings("errors"), nil
}
