package gitlabtest

import (
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// The Markdown API (https://docs.gitlab.com/api/markdown/): POST /markdown
// with text, gfm and project answers {"html": ...}; authentication is
// required. The fake renders a small part of CommonMark (ATX headings,
// paragraphs, fenced code, bullet lists, code spans, strong and emphasis,
// links) and, with gfm, GitLab Flavored Markdown's dir="auto", emoji
// (https://docs.gitlab.com/user/markdown/#emoji) and references to issues,
// merge requests and users that exist in the project
// (https://docs.gitlab.com/user/markdown/#gitlab-specific-references).

func (s *Server) registerMarkdownRoutes() {
	s.handle("POST /markdown", s.renderMarkdown, needAuth)
}

func (s *Server) renderMarkdown(c *call) *apiError {
	if e := c.p.require("text"); e != nil {
		return e
	}
	gfm, _, e := c.p.boolean("gfm")
	if e != nil {
		return e
	}
	md := &mdRenderer{gfm: gfm, s: s}
	if v := c.p.get("project"); v != "" {
		if md.p, e = s.findProject(c, v); e != nil {
			return e
		}
	}
	return c.value(http.StatusCreated, map[string]any{"html": md.render(c.p.get("text"))})
}

// mdRenderer renders one text.
type mdRenderer struct {
	gfm bool
	s   *Server
	p   *project // the context of references
}

var (
	mdHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*$`)
	mdBullet  = regexp.MustCompile(`^[-*+]\s+`)
	mdInline  = regexp.MustCompile("`[^`]+`|\\*\\*[^*]+\\*\\*|\\*[^*]+\\*|\\[[^\\]]+\\]\\([^)\\s]+\\)")
	mdEmoji   = regexp.MustCompile(`:([a-z0-9_+-]+):`)
	mdRef     = regexp.MustCompile(`(^|[\s(])([#!@])([A-Za-z0-9_.-]+)`)
)

// mdEmojis are the emoji the fake knows (GitLab knows all of Unicode's).
var mdEmojis = map[string][2]string{
	"tada": {"party popper", "🎉"}, "thumbsup": {"thumbs up sign", "👍"}, "thumbsdown": {"thumbs down sign", "👎"},
	"smile": {"smiling face with open mouth and smiling eyes", "😄"}, "heart": {"heavy black heart", "❤"},
	"rocket": {"rocket", "🚀"},
}

// render renders the blocks of text, separated by blank lines.
func (m *mdRenderer) render(text string) string {
	var out []string
	var para, list []string
	var code []string
	inCode := false
	flush := func() {
		if len(para) > 0 {
			out = append(out, m.tag("p", m.inline(strings.Join(para, "\n"))))
			para = nil
		}
		if len(list) > 0 {
			out = append(out, m.tag("ul", "\n"+strings.Join(list, "\n")+"\n"))
			list = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			if inCode {
				out = append(out, "<pre><code>"+html.EscapeString(strings.Join(code, "\n"))+"\n</code></pre>")
				code, inCode = nil, false
			} else {
				flush()
				inCode = true
			}
		case inCode:
			code = append(code, line)
		case strings.TrimSpace(line) == "":
			flush()
		case mdHeading.MatchString(line):
			flush()
			h := mdHeading.FindStringSubmatch(line)
			out = append(out, m.tag("h"+strconv.Itoa(len(h[1])), m.inline(h[2])))
		case mdBullet.MatchString(line):
			if len(para) > 0 {
				flush()
			}
			list = append(list, m.tag("li", m.inline(mdBullet.ReplaceAllString(line, ""))))
		default:
			if len(list) > 0 {
				flush()
			}
			para = append(para, strings.TrimSpace(line))
		}
	}
	if inCode { // an unclosed fence runs to the end
		out = append(out, "<pre><code>"+html.EscapeString(strings.Join(code, "\n"))+"\n</code></pre>")
	}
	flush()
	return strings.Join(out, "\n")
}

// tag wraps inner in an element, with dir="auto" in GitLab Flavored
// Markdown.
func (m *mdRenderer) tag(name, inner string) string {
	attrs := ""
	if m.gfm && name != "li" {
		attrs = ` dir="auto"`
	}
	return "<" + name + attrs + ">" + inner + "</" + name + ">"
}

// inline renders the spans of a line: code spans verbatim, the rest
// escaped, then the GFM extensions in the text between spans.
func (m *mdRenderer) inline(text string) string {
	var b strings.Builder
	last := 0
	for _, loc := range mdInline.FindAllStringIndex(text, -1) {
		b.WriteString(m.plain(text[last:loc[0]]))
		span := text[loc[0]:loc[1]]
		switch {
		case strings.HasPrefix(span, "`"):
			b.WriteString("<code>" + html.EscapeString(strings.Trim(span, "`")) + "</code>")
		case strings.HasPrefix(span, "**"):
			b.WriteString("<strong>" + m.plain(strings.Trim(span, "*")) + "</strong>")
		case strings.HasPrefix(span, "*"):
			b.WriteString("<em>" + m.plain(strings.Trim(span, "*")) + "</em>")
		default: // [text](url)
			label, url, _ := strings.Cut(span[1:len(span)-1], "](")
			b.WriteString(`<a href="` + html.EscapeString(url) + `">` + m.plain(label) + "</a>")
		}
		last = loc[1]
	}
	b.WriteString(m.plain(text[last:]))
	return b.String()
}

// plain escapes text and, in GitLab Flavored Markdown, renders its emoji
// and references.
func (m *mdRenderer) plain(text string) string {
	out := html.EscapeString(text)
	if !m.gfm {
		return out
	}
	out = mdEmoji.ReplaceAllStringFunc(out, func(x string) string {
		e, ok := mdEmojis[strings.Trim(x, ":")]
		if !ok {
			return x
		}
		return `<gl-emoji title="` + e[0] + `" data-name="` + strings.Trim(x, ":") + `">` + e[1] + `</gl-emoji>`
	})
	return mdRef.ReplaceAllStringFunc(out, func(x string) string {
		sub := mdRef.FindStringSubmatch(x)
		if link := m.reference(sub[2], sub[3]); link != "" {
			return sub[1] + link
		}
		return x
	})
}

// reference links #iid, !iid and @username when they exist; "" otherwise.
func (m *mdRenderer) reference(sigil, name string) string {
	ref := sigil + name
	if sigil == "@" {
		u := m.s.st.userByName[lower(name)]
		if u == nil {
			return ""
		}
		return `<a href="` + urlMarker + "/" + u.username + `" data-user="` + strconv.Itoa(u.id) +
			`" data-reference-type="user" class="gfm gfm-project_member">` + ref + "</a>"
	}
	if m.p == nil {
		return ""
	}
	col, kind, class, sub := issuesOf(m.p), "issue", "gfm-issue", "issues"
	if sigil == "!" {
		col, kind, class, sub = mrsOf(m.p), "merge_request", "gfm-merge_request", "merge_requests"
	}
	if col == nil || col.byKey[name] == nil {
		return ""
	}
	it := col.byKey[name]
	return `<a href="` + urlMarker + "/" + m.p.fullPath + "/-/" + sub + "/" + name + `" data-reference-type="` + kind +
		`" data-project="` + strconv.Itoa(m.p.id) + `" title="` + html.EscapeString(it.str("title")) + `" class="gfm ` + class + `">` + ref + "</a>"
}
