package managers

import "github.com/golab/gitlab/base"

// applicationAppearanceSpec declares /application/appearance.
// python-gitlab: ApplicationAppearanceManager (gl.appearance).
var applicationAppearanceSpec = &base.Spec{
	Name:     "application_appearance",
	Accessor: "Appearance",
	Path:     "/application/appearance",
	IDAttr:   base.IDAttrNone,
	Ops:      base.OpGetWithoutID | base.OpUpdate,
	UpdateAttrs: base.RequiredOptional{
		Optional: []string{
			"title", "description", "logo", "header_logo", "favicon",
			"new_project_guidelines", "header_message", "footer_message",
			"message_background_color", "message_font_color",
			"email_header_and_footer_enabled",
		},
	},
	DocsURL: "https://docs.gitlab.com/api/appearance/",
}
