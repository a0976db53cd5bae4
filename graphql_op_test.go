package gitlab

import "testing"

func TestGraphQLOperationType(t *testing.T) {
	for _, tc := range []struct{ doc, name, want string }{
		{`{ currentUser { id } }`, "", "query"},
		{`query { currentUser { id } }`, "", "query"},
		{`query Me($a: Int = 1) @cached { currentUser { id } }`, "", "query"},
		{`query($a: String) { x }`, "", "query"},
		{`mutation { createIssue(input: {title: "x"}) { errors } }`, "", "mutation"},
		{`mutation M @dir(a: "{") { x }`, "", "mutation"},
		{`subscription { issueUpdated { id } }`, "", "subscription"},
		// A fragment is not an operation; strings and comments hide braces and keywords.
		{`fragment F on Project { name } query Q { project(fullPath: "a") { ...F } }`, "", "query"},
		{"# mutation { x }\nquery { a(s: \"mutation { }\") }", "", "query"},
		{`query { a(s: """block "" mutation { \""" """) }`, "", "query"},
		// Several operations: the name decides; without one it cannot be told.
		{`query A { a } mutation B { b }`, "B", "mutation"},
		{`query A { a } mutation B { b }`, "A", "query"},
		{`query A { a } mutation B { b }`, "", ""},
		{`query A { a }`, "C", ""},
		// Broken documents.
		{`query { a `, "", ""},
		{`query { a(s: "open) }`, "", ""},
		{`query { a(s: """open) }`, "", ""},
		{`query { a } }`, "", ""},
		{`nonsense { a }`, "", ""},
		{``, "", ""},
	} {
		if got := graphQLOperationType(tc.doc, tc.name); got != tc.want {
			t.Errorf("graphQLOperationType(%q, %q) = %q, want %q", tc.doc, tc.name, got, tc.want)
		}
	}
}
