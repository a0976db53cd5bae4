package base

import "strings"

// initialisms are the words Go spells in capitals (Go's naming
// conventions): a spec named "project_ci_lint" makes ProjectCILint.
var initialisms = map[string]string{
	"api": "API", "ci": "CI", "gpg": "GPG", "html": "HTML", "http": "HTTP", "id": "ID", "ip": "IP",
	"json": "JSON", "ldap": "LDAP", "mr": "MR", "saml": "SAML", "scim": "SCIM", "sha": "SHA",
	"ssh": "SSH", "url": "URL", "yaml": "YAML",
}

// GoName turns a snake-case name into an exported Go name: the type of the
// objects of the spec named name ("project_merge_request" →
// "ProjectMergeRequest", "ldap_group" → "LDAPGroup"), or the method of an
// action ("merge_ref" → "MergeRef"). Printed objects and generated code use it.
func GoName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, w := range strings.Split(name, "_") {
		if w == "" {
			continue
		}
		if up, ok := initialisms[w]; ok {
			b.WriteString(up)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]))
		b.WriteString(w[1:])
	}
	return b.String()
}
