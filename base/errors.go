package base

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// Sentinel errors, matched with errors.Is against an *Error by HTTP status.
var (
	ErrNotModified  = errors.New("gitlab: not modified (304)")
	ErrUnauthorized = errors.New("gitlab: authentication failed (401)")
	ErrForbidden    = errors.New("gitlab: forbidden (403)")
	ErrNotFound     = errors.New("gitlab: not found (404)")
	ErrConflict     = errors.New("gitlab: conflict (409)")
	ErrRateLimited  = errors.New("gitlab: rate limited (429)")
)

// ErrBodyTooLarge matches (errors.Is) the *ParseError of a successful
// answer whose body is larger than the client's maximum body size
// (gitlab.WithMaxBodySize), whether its Content-Length announced it or
// not: the body is not read further.
var ErrBodyTooLarge = errors.New("gitlab: the body is larger than the maximum body size")

// ErrRepeatedPage matches the error that ends an iteration over a list
// whose next page is one the iteration already fetched: a server whose Link
// rel="next" or X-Next-Page points back would otherwise be followed forever.
var ErrRepeatedPage = errors.New("gitlab: the next page was already fetched")

var statusSentinels = map[int]error{
	http.StatusNotModified:     ErrNotModified,
	http.StatusUnauthorized:    ErrUnauthorized,
	http.StatusForbidden:       ErrForbidden,
	http.StatusNotFound:        ErrNotFound,
	http.StatusConflict:        ErrConflict,
	http.StatusTooManyRequests: ErrRateLimited,
}

// Error is a failed request: a non-2xx answer, or a request that got no
// answer (then StatusCode is 0 and Err says why). One type serves every
// operation; Op tells which ("list", "get", "create", "update", "delete",
// "set", "save", "refresh" or an action's name such as "star").
//
// A 401 is an authentication error: errors.Is(err, ErrUnauthorized).
type Error struct {
	Op         string
	Method     string
	URL        string // without credentials
	StatusCode int
	// Message is the server's message: the "error" or "message" value of a
	// JSON body (error wins, as in python-gitlab), a JSON object or list of
	// field errors in compact JSON, or the start of a non-JSON body.
	Message string
	// Details is the raw JSON of the message value (object, list or string),
	// empty when the body was not JSON.
	Details   []byte
	Body      []byte
	Header    http.Header
	RequestID string
	Attempts  int   // requests made, retries included
	Err       error // the transport error, when there was no answer
}

// Error prints like python-gitlab: "404: 404 Project Not Found".
func (e *Error) Error() string {
	if e.StatusCode == 0 {
		msg := "no response"
		if e.Err != nil {
			msg = e.Err.Error()
		}
		s := fmt.Sprintf("gitlab: %s %s %s: %s", e.Op, e.Method, e.URL, msg)
		if e.Attempts > 1 {
			s += fmt.Sprintf(" (after %d attempts)", e.Attempts)
		}
		return s
	}
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	s := fmt.Sprintf("%d: %s", e.StatusCode, msg)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return s
}

// Describe is the long form: operation, method and URL before the message.
func (e *Error) Describe() string {
	if e.StatusCode == 0 {
		return e.Error()
	}
	return fmt.Sprintf("gitlab: %s %s %s: %s", e.Op, e.Method, e.URL, e.Error())
}

// Unwrap returns the transport error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Is matches the status sentinels (ErrNotFound for a 404, and so on).
func (e *Error) Is(target error) bool {
	s, ok := statusSentinels[e.StatusCode]
	return ok && s == target
}

// FieldErrors returns GitLab's validation errors by field, for bodies such as
// {"message": {"name": ["can't be blank"]}}; nil otherwise.
func (e *Error) FieldErrors() map[string][]string {
	if !gjson.ParseBytes(e.Details).IsObject() {
		return nil
	}
	return fieldErrors(e.Details)
}

// fieldErrors reads a JSON object of field errors: each field's message or
// list of messages (the last of a repeated field wins, as in encoding/json).
func fieldErrors(obj []byte) map[string][]string {
	out := map[string][]string{}
	forEachMember(obj, func(m rawMember) bool {
		v := gjson.ParseBytes(obj[m.start:m.end])
		var msgs []string
		if v.IsArray() {
			for _, x := range v.Array() {
				msgs = append(msgs, x.String())
			}
		} else {
			msgs = append(msgs, v.String())
		}
		out[m.name(obj)] = msgs
		return true
	})
	return out
}

// MaxErrorBody is how much of an error answer's body is read and kept
// (Error.Body): GitLab's error bodies are small JSON documents, and a
// proxy's HTML page or a hostile server's endless body is cut here.
const MaxErrorBody = 64 << 10

// maxErrorMessage bounds Error.Message.
const maxErrorMessage = 4 << 10

// NewHTTPError builds the *Error of a non-2xx answer. It keeps at most
// MaxErrorBody bytes of body, and a message of at most 4 KiB.
func NewHTTPError(op, method, rawURL string, status int, header http.Header, body []byte) *Error {
	if len(body) > MaxErrorBody {
		body = bytes.Clone(body[:MaxErrorBody])
	}
	e := &Error{
		Op: op, Method: method, URL: SanitizeURL(rawURL), StatusCode: status,
		Body: body, Header: header,
	}
	if header != nil {
		e.RequestID = header.Get("X-Request-Id")
	}
	msg, details := errorMessage(body)
	e.Message, e.Details = snippet([]byte(msg), maxErrorMessage), details
	return e
}

// errorMessage extracts the message of an error body: its "error" member,
// else its "message" member (the last of a repeated key), else all of it.
func errorMessage(body []byte) (string, []byte) {
	trimmed := trimJSONSpace(body)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') && validJSON(trimmed) {
		v := memberResult(trimmed, "error")
		if !v.Exists() {
			v = memberResult(trimmed, "message")
		}
		if !v.Exists() {
			return string(trimmed), trimmed
		}
		if v.Type == gjson.String {
			msg := v.String()
			if d := memberResult(trimmed, "error_description"); d.Exists() {
				msg += ": " + d.String()
			}
			return msg, []byte(v.Raw)
		}
		return compactMessage(v), []byte(v.Raw)
	}
	if title := htmlTitle(trimmed); title != "" {
		return title, nil // a proxy's error page: "502 Bad Gateway"
	}
	return snippet(trimmed, 300), nil
}

// htmlTitle returns the <title> of an HTML page, "" when there is none.
func htmlTitle(b []byte) string {
	if len(b) == 0 || b[0] != '<' {
		return ""
	}
	lower := bytes.ToLower(b)
	i := bytes.Index(lower, []byte("<title>"))
	if i < 0 {
		return ""
	}
	j := bytes.Index(lower[i:], []byte("</title>"))
	if j < 0 {
		return ""
	}
	return strings.Join(strings.Fields(string(b[i+len("<title>"):i+j])), " ")
}

// compactMessage renders field errors readably: `name: can't be blank; path:
// has already been taken`, and lists as their items joined by "; ".
func compactMessage(v gjson.Result) string {
	var parts []string
	if v.IsArray() {
		for _, m := range v.Array() {
			parts = append(parts, m.String())
		}
		return strings.Join(parts, "; ")
	}
	for field, msgs := range fieldErrors([]byte(v.Raw)) {
		parts = append(parts, field+": "+strings.Join(msgs, ", "))
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

// snippet returns at most n bytes of b as valid UTF-8 text.
func snippet(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
		for len(b) > 0 && !utf8.Valid(b) {
			b = b[:len(b)-1]
		}
		return string(b) + "…"
	}
	return string(b)
}

// ParseError is a 2xx answer whose body is not what the operation needs:
// not JSON, malformed or truncated JSON, or JSON of the wrong shape.
type ParseError struct {
	Op          string
	Method      string
	URL         string
	StatusCode  int
	ContentType string
	Reason      string // what was wrong, e.g. "malformed JSON"
	Snippet     string // the start of what came back
	// Err is the error reading the body, if any: ErrBodyTooLarge, or the
	// transport's (io.ErrUnexpectedEOF for a body cut short).
	Err error
}

// Unwrap returns the error reading the body, if any.
func (e *ParseError) Unwrap() error { return e.Err }

// Error says what was wrong and what came back.
func (e *ParseError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	return fmt.Sprintf("gitlab: %s %s %s: %s (status %d, %s): %q", e.Op, e.Method, e.URL, e.Reason, e.StatusCode, ct, e.Snippet)
}

// NewParseError builds a *ParseError for a response body.
func NewParseError(op, method, rawURL string, status int, contentType, reason string, body []byte) *ParseError {
	return &ParseError{Op: op, Method: method, URL: SanitizeURL(rawURL), StatusCode: status,
		ContentType: contentType, Reason: reason, Snippet: snippet(bytes.TrimSpace(body), 120)}
}

// AttrError reports attributes missing or in conflict, found before any request.
type AttrError struct {
	Op      string   // "create", "update", "save", "get", "delete" or an action
	Manager string   // the spec name
	Missing []string // required attributes that were not given
	// Exclusive lists the exclusive attributes when the rule "exactly one of
	// them" was broken; Given says which of them were given.
	Exclusive []string
	Given     []string
}

// Error lists the missing or conflicting attributes.
func (e *AttrError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gitlab: %s %s: ", e.Op, e.Manager)
	switch {
	case len(e.Missing) > 0:
		fmt.Fprintf(&b, "missing attributes: %s", strings.Join(e.Missing, ", "))
	case len(e.Given) > 1:
		fmt.Fprintf(&b, "provide only one of these attributes: %s", strings.Join(e.Exclusive, ", "))
	default:
		fmt.Fprintf(&b, "must provide one of these attributes: %s", strings.Join(e.Exclusive, ", "))
	}
	return b.String()
}

// MissingAttrError is the error of reading an attribute an object lacks. Its
// message says when the object came from a list (lists may hold only part of
// an object's attributes) or is lazy (it holds only its ID).
type MissingAttrError struct {
	Manager  string
	Attr     string
	FromList bool
	Lazy     bool
}

// Error names the attribute and why the object may lack it.
func (e *MissingAttrError) Error() string {
	s := fmt.Sprintf("gitlab: %s object has no attribute %q", e.Manager, e.Attr)
	switch {
	case e.Lazy:
		s += " (it is a lazy object, which holds only its ID: call Refresh or Get to fetch its attributes)"
	case e.FromList:
		s += " (it came from a list, and GitLab may return only part of an object's attributes in lists: Get(id) fetches the whole object)"
	}
	return s
}

// PathError reports a manager path placeholder with no value: the request is
// never sent to a wrong URL.
type PathError struct {
	Manager     string
	Placeholder string
	ParentAttr  string
}

// Error names the placeholder and the parent attribute.
func (e *PathError) Error() string {
	return fmt.Sprintf("gitlab: %s: path placeholder {%s} has no value (the parent object has no attribute %q)",
		e.Manager, e.Placeholder, e.ParentAttr)
}

// OpError reports an operation or action the manager does not declare
// (dynamic managers only: on typed managers such a call does not compile).
// Its message names what the manager does declare, so the fix is in sight:
//
//	gitlab: manager project_widgets does not support delete (it declares: list,get,create; actions: polish)
type OpError struct {
	Manager string
	Op      string // the operation or action asked for
	Ops     Ops    // the declared core operations
	// Actions names the declared custom actions, in declaration order
	// (empty when there are none; nil when the error was built without them).
	Actions []string
}

// NewOpError builds the *OpError of op on the manager declared by spec,
// naming the spec's operations and actions.
func NewOpError(spec *Spec, op string) *OpError {
	names := make([]string, 0, len(spec.Actions))
	for _, a := range spec.Actions {
		names = append(names, a.Name)
	}
	return &OpError{Manager: spec.Name, Op: op, Ops: spec.Ops, Actions: names}
}

// Error names the operation asked for, then the declared operations and
// actions.
func (e *OpError) Error() string {
	ops := e.Ops.String()
	if ops == "" {
		ops = "no operations"
	}
	var actions string
	switch {
	case e.Actions == nil:
	case len(e.Actions) == 0:
		actions = "; no actions"
	default:
		actions = "; actions: " + strings.Join(e.Actions, ", ")
	}
	return fmt.Sprintf("gitlab: manager %s does not support %s (it declares: %s%s)", e.Manager, e.Op, ops, actions)
}

// credentialParams are query parameters that carry secrets.
var credentialParams = []string{"private_token", "access_token", "job_token", "password"}

// SanitizeURL removes credentials from a URL: user info and the query
// parameters that carry tokens. A URL that does not parse is shown as it
// is, with what looks like user info or a token masked the same way.
func SanitizeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return sanitizeText(raw)
	}
	if u.User != nil {
		u.User = url.User("REDACTED")
	}
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for _, k := range credentialParams {
			if q.Has(k) {
				q.Set(k, "REDACTED")
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	return u.String()
}

// sanitizeText masks credentials in a URL that does not parse: what
// precedes the last '@' of its authority, and the values of the query
// parameters that carry tokens.
func sanitizeText(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		start := i + 3
		end := len(raw)
		if j := strings.IndexAny(raw[start:], "/?#"); j >= 0 {
			end = start + j
		}
		if at := strings.LastIndexByte(raw[start:end], '@'); at >= 0 {
			raw = raw[:start] + "REDACTED" + raw[start+at:]
		}
	}
	q := strings.IndexByte(raw, '?')
	if q < 0 {
		return raw
	}
	params := strings.Split(raw[q+1:], "&")
	for i, p := range params {
		name, _, _ := strings.Cut(p, "=")
		for _, k := range credentialParams {
			if strings.EqualFold(name, k) {
				params[i] = name + "=REDACTED"
			}
		}
	}
	return raw[:q+1] + strings.Join(params, "&")
}
