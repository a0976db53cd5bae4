package gitlab

// graphQLOperationType tells which kind of operation a GraphQL document
// runs: "query", "mutation" or "subscription", for the operation named name
// or, when name is empty, the document's only operation. It returns ""
// when it cannot tell: no such operation, several operations and no name,
// unbalanced braces or an unterminated string. It reads only what decides
// this (definitions at the top level, comments and strings), not the whole
// grammar: GitLab validates the document.
// Spec: https://spec.graphql.org/October2021/#sec-Language.Operations
func graphQLOperationType(doc, name string) string {
	type operation struct{ kind, name string }
	var ops []operation
	const (
		between    = iota // between definitions
		headerName        // after query/mutation/subscription: the name may come
		header            // in a definition's header, past its name
	)
	state, depth, parens, cur := between, 0, 0, -1
	for i := 0; i < len(doc); {
		ch := doc[i]
		switch {
		case ch == '#':
			for i < len(doc) && doc[i] != '\n' && doc[i] != '\r' {
				i++
			}
			continue
		case ch == '"':
			end := skipGraphQLString(doc, i)
			if end < 0 {
				return ""
			}
			i = end
			continue
		case isGraphQLNameStart(ch):
			j := i + 1
			for j < len(doc) && (isGraphQLNameStart(doc[j]) || doc[j] >= '0' && doc[j] <= '9') {
				j++
			}
			word := doc[i:j]
			i = j
			if depth > 0 || parens > 0 {
				continue
			}
			switch state {
			case between:
				switch word {
				case "query", "mutation", "subscription":
					ops = append(ops, operation{kind: word})
					state, cur = headerName, len(ops)-1
				case "fragment":
					state, cur = header, -1
				default:
					return ""
				}
			case headerName:
				ops[cur].name = word
				state = header
			}
			continue
		case ch == '{':
			if depth == 0 && parens == 0 {
				if state == between { // the query shorthand: { ... }
					ops = append(ops, operation{kind: "query"})
				}
				state = between // once the body closes
			}
			depth++
		case ch == '}':
			if depth--; depth < 0 {
				return ""
			}
		case ch == '(' || ch == '@':
			if state == headerName {
				state = header // an anonymous operation with variables or directives
			}
			if ch == '(' {
				parens++
			}
		case ch == ')':
			if parens--; parens < 0 {
				return ""
			}
		}
		i++
	}
	if depth != 0 || parens != 0 {
		return ""
	}
	found := ""
	for _, op := range ops {
		if name != "" && op.name != name {
			continue
		}
		if found != "" {
			return "" // several candidates: GitLab wants an operationName
		}
		found = op.kind
	}
	return found
}

func isGraphQLNameStart(ch byte) bool {
	return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z'
}

// skipGraphQLString returns the index just past the string starting at
// doc[i] (a "quoted" or """block""" string), or -1 when it does not end.
func skipGraphQLString(doc string, i int) int {
	if len(doc) >= i+3 && doc[i:i+3] == `"""` {
		for j := i + 3; j+3 <= len(doc); j++ {
			switch {
			case doc[j] == '\\' && len(doc) >= j+4 && doc[j+1:j+4] == `"""`:
				j += 3 // \""" stands for """
			case doc[j:j+3] == `"""`:
				return j + 3
			}
		}
		return -1
	}
	for j := i + 1; j < len(doc); j++ {
		switch doc[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n', '\r':
			return -1
		}
	}
	return -1
}
