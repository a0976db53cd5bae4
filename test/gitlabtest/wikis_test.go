package gitlabtest_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/golab/gitlab"
)

func TestProjectWiki(t *testing.T) {
	ctx := context.Background()
	s := collabServer(t)
	root := clientAs(t, s, admin)
	for user, level := range map[string]int{"alice": 10, "bob": 30} {
		if _, err := root.Projects.Lazy(1).Members().Create(ctx, gitlab.Attrs{"username": user, "access_level": level}); err != nil {
			t.Fatal(err)
		}
	}
	alice, bob := clientAs(t, s, "alice").Projects.Lazy(1).Wikis(), clientAs(t, s, "bob").Projects.Lazy(1).Wikis()

	home, err := bob.Create(ctx, gitlab.Attrs{"title": "Home Page", "content": "welcome"})
	if err != nil {
		t.Fatal(err)
	}
	if home.ID() != "Home-Page" || home.GetString("format") != "markdown" || home.GetString("encoding") != "UTF-8" ||
		home.GetString("content") != "welcome" || home.Has("created_at") {
		t.Fatalf("created %v", home)
	}
	if _, err := bob.Create(ctx, gitlab.Attrs{"title": "docs/Setup Guide", "content": "= Setup", "format": "asciidoc"}); err != nil {
		t.Fatal(err)
	}
	_, err = bob.Create(ctx, gitlab.Attrs{"title": "Home Page", "content": "again"})
	wantStatus(t, err, 400, "title: Duplicate page: A page with that title already exists")
	_, err = bob.Create(ctx, gitlab.Attrs{"title": "x", "content": "x", "format": "textile"})
	wantStatus(t, err, 400, "format does not have a valid value")
	_, err = bob.Create(ctx, gitlab.Attrs{"title": "  ", "content": "x"})
	wantStatus(t, err, 400, "title: can't be blank")
	// Guests read, Developers write.
	_, err = alice.Create(ctx, gitlab.Attrs{"title": "mine", "content": "x"})
	wantStatus(t, err, 403, "")

	// A slug with a directory is one URL-encoded segment.
	setup, err := alice.Get(ctx, "docs/Setup-Guide")
	if err != nil || setup.GetString("format") != "asciidoc" || setup.GetString("content") != "= Setup" {
		t.Fatalf("subdirectory page %v %v", setup, err)
	}
	// Lists are ordered by slug, without content unless with_content.
	pages, err := gitlab.Collect(alice.All(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].ID() != "Home-Page" || pages[1].ID() != "docs/Setup-Guide" || pages[0].Has("content") {
		t.Fatalf("pages %v", pages)
	}
	pages, err = gitlab.Collect(alice.All(ctx, gitlab.Params{"with_content": true}))
	if err != nil || pages[0].GetString("content") != "welcome" {
		t.Fatalf("pages with content %v %v", pages, err)
	}

	// A new title moves the page; the old slug is gone.
	home.Set("title", "Start")
	if err := home.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if home.ID() != "Start" || home.GetString("content") != "welcome" {
		t.Fatalf("renamed %v", home)
	}
	_, err = alice.Get(ctx, "Home-Page")
	wantStatus(t, err, 404, "404 Wiki Page Not Found")
	if p, err := bob.Update(ctx, "Start", gitlab.Attrs{"format": "org"}); err != nil || p.GetString("format") != "org" || p.GetString("title") != "Start" {
		t.Fatalf("format changed %v %v", p, err)
	}
	do(t, s, "PUT", "/projects/1/wikis/Start", tok("bob")).
		expect(t, 400, `{"error":"content, title, format are missing, at least one parameter must be provided"}`)
	_, err = bob.Update(ctx, "Start", gitlab.Attrs{"title": "docs/Setup Guide"})
	wantStatus(t, err, 400, "title: Duplicate page: A page with that title already exists")

	// Attachments: an image is embedded, another file linked.
	resp, err := bob.Lazy("Start").Upload(ctx, gitlab.Attrs{"file": gitlab.FileContent{Name: "dk.png", Data: strings.NewReader("png")}})
	if err != nil {
		t.Fatal(err)
	}
	att := resp.JSON()
	file := att.Get("file_path").String()
	if resp.StatusCode != 201 || !strings.HasPrefix(file, "uploads/") || !strings.HasSuffix(file, "/dk.png") || len(file) != len("uploads//dk.png")+32 ||
		att.Get("file_name").String() != "dk.png" || att.Get("branch").String() != "main" ||
		att.Get("link.url").String() != file || att.Get("link.markdown").String() != "![dk]("+file+")" {
		t.Fatalf("attachment %s", resp.Body)
	}
	resp, err = bob.Lazy("Start").Upload(ctx, gitlab.Attrs{"file": gitlab.FileContent{Name: "notes.txt", Data: strings.NewReader("png")}, "branch": "wiki"})
	if err != nil {
		t.Fatal(err)
	}
	if att := resp.JSON(); att.Get("branch").String() != "wiki" || att.Get("file_path").String() == file ||
		!strings.HasPrefix(att.Get("link.markdown").String(), "[notes.txt](uploads/") {
		t.Fatalf("second attachment %s", resp.Body)
	}
	_, err = alice.Lazy("Start").Upload(ctx, gitlab.Attrs{"file": "x"})
	wantStatus(t, err, 403, "")

	if err := bob.Delete(ctx, "Start"); err != nil {
		t.Fatal(err)
	}
	pages, _ = gitlab.Collect(alice.All(ctx, nil))
	if len(pages) != 1 {
		t.Fatalf("after delete %v", pages)
	}

	// A disabled wiki answers 403.
	if _, err := root.Projects.Update(ctx, 1, gitlab.Attrs{"wiki_access_level": "disabled"}); err != nil {
		t.Fatal(err)
	}
	_, err = gitlab.Collect(alice.All(ctx, nil))
	wantStatus(t, err, 403, "403 Forbidden")
}

func TestGroupWiki(t *testing.T) {
	ctx := context.Background()
	s := collabServer(t)
	root := clientAs(t, s, admin)
	if _, err := root.Groups.Lazy(2).Members().Create(ctx, gitlab.Attrs{"username": "alice", "access_level": 30}); err != nil {
		t.Fatal(err)
	}
	alice, carol := clientAs(t, s, "alice").Groups.Lazy(2).Wikis(), clientAs(t, s, "carol").Groups.Lazy(2).Wikis()
	for _, title := range []string{"Zeta", "alpha beta"} {
		if _, err := alice.Create(ctx, gitlab.Attrs{"title": title, "content": title, "format": "rdoc"}); err != nil {
			t.Fatal(err)
		}
	}
	pages, err := gitlab.Collect(alice.All(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, p := range pages {
		slugs = append(slugs, p.ID())
	}
	if !slices.Equal(slugs, []string{"Zeta", "alpha-beta"}) || pages[1].GetString("format") != "rdoc" {
		t.Fatalf("group pages %v", pages)
	}
	// The group is private: others do not see it.
	_, err = carol.Get(ctx, "Zeta")
	wantStatus(t, err, 404, "404 Group Not Found")
	resp, err := alice.Lazy("Zeta").Upload(ctx, gitlab.Attrs{"file": gitlab.FileContent{Name: "clip.mp4", Data: strings.NewReader("v")}})
	if err != nil || !strings.HasPrefix(resp.JSON().Get("link.markdown").String(), "![clip](uploads/") {
		t.Fatalf("group attachment %v %v", resp, err)
	}
}
