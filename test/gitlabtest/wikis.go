package gitlabtest

import (
	"crypto/md5"
	"encoding/hex"
	"maps"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Project and group wikis (https://docs.gitlab.com/api/wikis/,
// https://docs.gitlab.com/api/group_wikis/): pages named by a slug made
// from their title (spaces to hyphens, the case kept, "/" for directories),
// in a format (markdown by default, rdoc, asciidoc or org); a new title
// moves the page to a new slug. Lists leave the content out unless
// with_content is set and are ordered by slug. Guests read, Developers
// write; a project whose wiki is disabled answers 403. Attachments are
// uploaded into the wiki repository's uploads/ directory.

// wikiFormats are the markups the API accepts
// (https://docs.gitlab.com/api/wikis/#create-a-new-wiki-page).
var wikiFormats = []string{"markdown", "rdoc", "asciidoc", "org"}

// wikiSlug is a title's slug: its spaces made hyphens.
func wikiSlug(title string) string { return strings.ReplaceAll(strings.TrimSpace(title), " ", "-") }

// wikiPage is a page's JSON (https://docs.gitlab.com/api/wikis/#get-a-wiki-page).
func wikiPage(obj map[string]any, title, content, format string) {
	clear(obj)
	obj["slug"], obj["title"], obj["content"], obj["format"], obj["encoding"] = wikiSlug(title), title, content, format, "UTF-8"
}

// wikiFormat reads format: absent, the default markdown.
func wikiFormat(c *call, def string) (string, *apiError) {
	f, ok := c.p.str("format")
	if !ok {
		return def, nil
	}
	if !slices.Contains(wikiFormats, f) {
		return "", errErr(http.StatusBadRequest, "format does not have a valid value")
	}
	return f, nil
}

// errDuplicatePage answers a title another page has.
var errDuplicatePage = fieldErr("title", "Duplicate page: A page with that title already exists")

func wikiHooks() *hooks {
	return &hooks{
		notFound: notFound("Wiki Page"),
		dup:      func(string) *apiError { return errDuplicatePage },
		// A project's wiki may be disabled (wiki_access_level,
		// https://docs.gitlab.com/api/projects/#edit-a-project): 403.
		canRead: func(c *call, sc *scope) *apiError {
			if p := sc.project; p != nil && (gjson.GetBytes(p.doc.raw, "wiki_access_level").String() == "disabled" ||
				gjson.GetBytes(p.doc.raw, "wiki_enabled").Raw == "false") {
				return errForbidden
			}
			return nil
		},
		// The store makes the slug from the title before the hooks run:
		// a blank title is GitLab's validation error, not a missing slug.
		canWrite: func(c *call, sc *scope, it *item) *apiError {
			if it == nil && c.p.has("title") && strings.TrimSpace(c.p.get("title")) == "" {
				return fieldErr("title", "can't be blank")
			}
			return c.storeCanWrite(sc)
		},
		create: func(c *call, _ *scope, obj map[string]any) *apiError {
			format, e := wikiFormat(c, "markdown")
			if e != nil {
				return e
			}
			wikiPage(obj, anyString(obj["title"]), anyString(obj["content"]), format)
			return nil
		},
		// https://docs.gitlab.com/api/wikis/#edit-an-existing-wiki-page: at
		// least one of content, title and format; a new title moves the page.
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			if !c.p.has("content") && !c.p.has("title") && !c.p.has("format") {
				return atLeastOne("content", "title", "format")
			}
			format, e := wikiFormat(c, it.str("format"))
			if e != nil {
				return e
			}
			title, content := it.str("title"), it.str("content")
			if v, ok := fields["title"]; ok {
				title = anyString(v)
			}
			if v, ok := fields["content"]; ok {
				content = anyString(v)
			}
			slug := wikiSlug(title)
			if slug == "" {
				return fieldErr("title", "can't be blank")
			}
			col := c.collFor(sc, false)
			if slug != it.key {
				if col.byKey[slug] != nil {
					return errDuplicatePage
				}
				col.remove(it.key)
				it.key = slug
				col.add(it)
			}
			wikiPage(it.obj, title, content, format)
			return nil
		},
		list: func(c *call, _ *scope, items []*item) ([]*item, *apiError) {
			withContent, _, e := c.p.boolean("with_content")
			if e != nil {
				return nil, e
			}
			out := make([]*item, 0, len(items))
			for _, it := range items {
				if !withContent {
					obj := maps.Clone(it.obj)
					delete(obj, "content")
					it = transient(it.key, obj)
				}
				out = append(out, it)
			}
			slices.SortFunc(out, func(a, b *item) int { return strings.Compare(a.key, b.key) })
			return out, nil
		},
	}
}

// mediaExts are the extensions GitLab embeds in Markdown (images, videos
// and audio): their link is "![name](url)", the name without extension.
var mediaExts = []string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tiff", ".ico", ".webp", ".svg",
	".mp4", ".m4v", ".mov", ".webm", ".ogv", ".mp3", ".oga", ".ogg", ".spx", ".wav", ".flac", ".aac"}

// uploadWikiAttachment: POST /projects/:id/wikis/attachments and
// /groups/:id/wikis/attachments store a file (multipart "file") under
// uploads/<hash>/ in the wiki repository, on branch (default main); 201
// (https://docs.gitlab.com/api/wikis/#upload-an-attachment-to-the-wiki-repository).
func (s *Server) uploadWikiAttachment(spec string) handler {
	return func(c *call) *apiError {
		k, sc, e := c.storeScope(spec)
		if e != nil {
			return e
		}
		if e := c.canWrite(k, sc, nil); e != nil {
			return e
		}
		content, ok := c.p.str("file")
		if !ok {
			return missing("file")
		}
		name := c.p.fileName("file")
		if name == "" {
			return invalid("file")
		}
		branch := "main"
		if b, ok := c.p.str("branch"); ok && b != "" {
			branch = b
		}
		sum := md5.Sum([]byte(strconv.Itoa(s.nextID(k)) + "\x00" + content)) // wiki pages count no IDs
		file := "uploads/" + hex.EncodeToString(sum[:]) + "/" + name
		label, embed := name, false
		if ext := strings.ToLower(path.Ext(name)); slices.Contains(mediaExts, ext) {
			label, embed = strings.TrimSuffix(name, path.Ext(name)), true
		}
		md := "[" + label + "](" + file + ")"
		if embed {
			md = "!" + md
		}
		return c.created(map[string]any{"file_name": name, "file_path": file, "branch": branch,
			"link": map[string]any{"url": file, "markdown": md}})
	}
}

func (s *Server) registerWikiRoutes() {
	s.handle("POST /projects/{id}/wikis/attachments", s.uploadWikiAttachment("project_wiki"), needAuth)
	s.handle("POST /groups/{id}/wikis/attachments", s.uploadWikiAttachment("group_wiki"), needAuth)
}
