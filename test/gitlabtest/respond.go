package gitlabtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Stored objects keep their URLs in a "marker form": every absolute URL
// starts with urlMarker and every SSH host is hostMarker. Rendering replaces
// the markers with the external URL of the request being answered, so that
// web_url and friends follow WithExternalURL or the request's Host header
// without re-encoding anything (https://docs.gitlab.com/api/rest/#pagination-link-header:
// links come from the configured external URL).
const (
	urlMarker  = "http://gitlab-fake.invalid"
	hostMarker = "gitlab-fake-host.invalid"
)

// tsLayout is GitLab's timestamp layout: UTC with milliseconds and Z
// (gitlab-protocol.md section 10, gitlab#19667).
const tsLayout = "2006-01-02T15:04:05.000Z"

// dateLayout is used by date-only fields such as due_date (gitlab#27081).
const dateLayout = "2006-01-02"

func ts(t time.Time) string   { return t.UTC().Format(tsLayout) }
func date(t time.Time) string { return t.UTC().Format(dateLayout) }

// hole is one marker occurrence inside a doc.
type hole struct {
	off  int
	host bool
}

// doc is a stored JSON object in marker form plus the marker positions, so a
// list page is rendered by copying byte ranges only.
type doc struct {
	raw   []byte
	holes []hole
	nURL  int
	nHost int
}

func newDoc(raw []byte) doc {
	d := doc{raw: raw}
	u := findAll(raw, urlMarker)
	h := findAll(raw, hostMarker)
	d.nURL, d.nHost = len(u), len(h)
	if len(u)+len(h) == 0 {
		return d
	}
	d.holes = make([]hole, 0, len(u)+len(h))
	i, j := 0, 0
	for i < len(u) || j < len(h) {
		if j >= len(h) || (i < len(u) && u[i] < h[j]) {
			d.holes = append(d.holes, hole{off: u[i]})
			i++
		} else {
			d.holes = append(d.holes, hole{off: h[j], host: true})
			j++
		}
	}
	return d
}

func findAll(b []byte, marker string) []int {
	var out []int
	m := []byte(marker)
	for off := 0; ; {
		k := bytes.Index(b[off:], m)
		if k < 0 {
			return out
		}
		out = append(out, off+k)
		off += k + len(m)
	}
}

// renderCtx carries the JSON-escaped replacements for the markers.
type renderCtx struct {
	base string // external URL without trailing slash, JSON-escaped
	host string // its host name, JSON-escaped
}

func newRenderCtx(base string) renderCtx {
	host := base
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	if i := strings.IndexAny(host, "/"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	return renderCtx{base: jsonEscape(base), host: jsonEscape(host)}
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func (d *doc) size(rc *renderCtx) int {
	return len(d.raw) + d.nURL*(len(rc.base)-len(urlMarker)) + d.nHost*(len(rc.host)-len(hostMarker))
}

func (d *doc) appendTo(b []byte, rc *renderCtx) []byte {
	prev := 0
	for _, h := range d.holes {
		b = append(b, d.raw[prev:h.off]...)
		if h.host {
			b = append(b, rc.host...)
			prev = h.off + len(hostMarker)
		} else {
			b = append(b, rc.base...)
			prev = h.off + len(urlMarker)
		}
	}
	return append(b, d.raw[prev:]...)
}

func (d *doc) render(rc *renderCtx) []byte {
	return d.appendTo(make([]byte, 0, d.size(rc)), rc)
}

// bufPool recycles list-page buffers: a page of 100 projects is about half a
// megabyte, and recycling it keeps the allocation rate of a paging client low.
var bufPool sync.Pool // of *[]byte

// renderArray concatenates n docs into one JSON array in a single pre-sized
// buffer taken from bufPool; release it with putBuf once written.
func renderArray(rc *renderCtx, n int, get func(i int) *doc) []byte {
	size := 2 + n
	for i := 0; i < n; i++ {
		size += get(i).size(rc)
	}
	var b []byte
	if p, ok := bufPool.Get().(*[]byte); ok && cap(*p) >= size {
		b = (*p)[:0]
	} else {
		b = make([]byte, 0, size)
	}
	b = append(b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = get(i).appendTo(b, rc)
	}
	return append(b, ']')
}

func putBuf(b []byte) {
	b = b[:0]
	bufPool.Put(&b)
}

// marshal encodes v without HTML escaping and without a trailing newline.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("gitlabtest: cannot encode JSON: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func marshalDoc(v any) doc { return newDoc(marshal(v)) }

// apiError is a complete error response.
type apiError struct {
	status int
	body   []byte
	ctype  string
	header http.Header
}

func (e *apiError) Error() string { return strconv.Itoa(e.status) + " " + string(e.body) }

// msgErr is the `message`-string shape produced by GitLab's error helpers
// (https://docs.gitlab.com/api/rest/troubleshooting/#status-codes).
func msgErr(status int, msg string) *apiError {
	return &apiError{status: status, body: marshal(map[string]any{"message": msg}), ctype: "application/json"}
}

// errErr is the `error`-string shape of framework validation, unknown routes
// and pagination guards (gitlab-protocol.md section 6).
func errErr(status int, msg string) *apiError {
	return &apiError{status: status, body: marshal(map[string]any{"error": msg}), ctype: "application/json"}
}

// objErr is the `message`-object (field errors) or `message`-list shape
// (https://docs.gitlab.com/api/rest/troubleshooting/#status-code-400).
func objErr(status int, v any) *apiError {
	return &apiError{status: status, body: marshal(map[string]any{"message": v}), ctype: "application/json"}
}

func fieldErr(field, msg string) *apiError {
	return objErr(400, map[string]any{field: []string{msg}})
}

func notFound(thing string) *apiError { return msgErr(404, "404 "+thing+" Not Found") }

func missing(param string) *apiError { return errErr(400, param+" is missing") }

func invalid(param string) *apiError { return errErr(400, param+" is invalid") }

func atLeastOne(params ...string) *apiError {
	return errErr(400, strings.Join(params, ", ")+" are missing, at least one parameter must be provided")
}

var (
	errNotFoundPlain = msgErr(404, "404 Not found")
	errRoute         = errErr(404, "404 Not Found")
	errUnauthorized  = msgErr(401, "401 Unauthorized")
	errForbidden     = msgErr(403, "403 Forbidden")
	errSort          = errErr(400, "sort does not have a valid value")
	errOrderBy       = errErr(400, "order_by does not have a valid value")
	errKeyset        = errErr(405, "Keyset pagination is not yet available for this type of request")
	errVisibility    = errErr(400, "visibility does not have a valid value")
)

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return t
	}
	switch code {
	case 520:
		return "Unknown Error"
	case 521:
		return "Web Server Is Down"
	case 522:
		return "Connection Timed Out"
	case 523:
		return "Origin Is Unreachable"
	case 524:
		return "A Timeout Occurred"
	case 525:
		return "SSL Handshake Failed"
	case 526:
		return "Invalid SSL Certificate"
	case 527:
		return "Railgun Error"
	case 530:
		return "Origin DNS Error"
	}
	return "Error"
}
