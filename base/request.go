package base

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Requester sends requests to GitLab. The root package's Client implements
// it on top of resty; base and mixins only see this interface.
type Requester interface {
	Do(ctx context.Context, req *Request) (*Response, error)
}

// Request is one call to the GitLab API.
type Request struct {
	Op     string // the operation, for errors: "list", "get", "star", ...
	Method string
	// Path is relative to the API root and already escaped
	// ("/projects/g%2Fp"), or an absolute URL (a pagination link), used as is.
	Path  string
	Query url.Values
	// Body is a JSON body (nil: none), or Form a multipart one, or Upload
	// a raw one, streamed.
	Body   []byte
	Form   *Multipart
	Upload *Upload
	// Raw: the answer need not be JSON (raw file content, downloads).
	Raw bool
	// List: the client's list defaults (per_page, pagination, order_by)
	// apply where the query does not set them.
	List bool
	// Stream: a 2xx answer's body is returned unread in Response.Stream
	// (downloads), not read into Response.Body.
	Stream  bool
	Options []RequestOption
	// Buffer, when not nil, is where a successful answer's body is read
	// (Response.Body then shares its memory); one too small is replaced by
	// a new buffer with room to spare, returned in Response.Body. The
	// reader of a list's pages lends the same few buffers to page after
	// page (All, Scan).
	Buffer []byte

	// Idempotent: the request is safe to repeat whatever its method (a
	// GraphQL query, sent as a POST), so transient failures retry it as they
	// would a GET.
	Idempotent bool
}

// Multipart is a multipart/form-data body: fields and files.
type Multipart struct {
	Fields map[string]string
	Files  []FilePart
}

// FilePart is one file of a multipart body.
type FilePart struct {
	Field, FileName string
	Reader          io.Reader
}

// Upload is a raw request body sent as it is read, never held whole in
// memory: an io.Reader, with its size when known (-1 otherwise). A body
// that is also an io.Seeker can be sent again (a retry, a redirect); any
// other is sent at most once.
type Upload struct {
	Reader io.Reader
	Size   int64
}

// uploadBody turns an attribute's value into a raw body: []byte, string,
// or an io.Reader (streamed; its size is known for *os.File, *bytes.Reader
// and *strings.Reader).
func uploadBody(attr string, v any) (*Upload, error) {
	switch x := v.(type) {
	case []byte:
		return &Upload{Reader: bytes.NewReader(x), Size: int64(len(x))}, nil
	case string:
		return &Upload{Reader: strings.NewReader(x), Size: int64(len(x))}, nil
	case io.Reader:
		return &Upload{Reader: x, Size: ReaderSize(x)}, nil
	}
	return nil, fmt.Errorf("gitlab: attribute %q: a body must be []byte, string or an io.Reader, not %T", attr, v)
}

// ReaderSize is the number of bytes left in r, or -1 when unknown.
func ReaderSize(r io.Reader) int64 {
	switch x := r.(type) {
	case interface{ Len() int }: // *bytes.Reader, *strings.Reader, *bytes.Buffer
		return int64(x.Len())
	case interface{ Stat() (os.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			if s, ok := r.(io.Seeker); ok {
				if pos, err := s.Seek(0, io.SeekCurrent); err == nil {
					return fi.Size() - pos
				}
			}
		}
	}
	return -1
}

// Response is a successful answer.
type Response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	URL        string
	// Stream is the unread body of a Request with Stream set; the caller
	// closes it. Size is its announced length, -1 when unknown.
	Stream io.ReadCloser
	Size   int64
}

// JSON returns the body parsed with gjson, to read paths of it. gjson reads
// the first of repeated keys; Decode, and objects, follow encoding/json
// (the last).
func (r *Response) JSON() gjson.Result { return gjson.ParseBytes(r.Body) }

// Decode unmarshals the JSON body into v.
func (r *Response) Decode(v any) error { return json.Unmarshal(r.Body, v) }

// CallOptions are the per-call settings gathered from RequestOptions.
type CallOptions struct {
	Sudo string
	// Timeout bounds the whole call: 0 is the client's default, negative
	// is none.
	Timeout time.Duration
	Header  http.Header
	// Params are extra query parameters; Query, when set, replaces the call's
	// query parameters (python-gitlab's query_parameters) except page and per_page.
	Params         Params
	Query          url.Values
	ObeyRateLimit  *bool
	MaxRetries     *int
	RetryTransient *bool
	// Progress, when set, is told the bytes transferred so far and the
	// total (-1 when unknown) as a download or upload goes.
	Progress func(done, total int64)
	// SetAttrs are attributes sent in the body of Set next to its value.
	SetAttrs Attrs
	// MaxBodySize bounds the body of a successful answer: 0 is the
	// client's default, negative is none.
	MaxBodySize int64
	// Prefetch is how many pages of an offset-paginated list are fetched at
	// once (AllPages): 0 is DefaultPrefetch, 1 one at a time.
	Prefetch int
	// MaxPages stops a list's iteration after this many pages (0: all).
	MaxPages int
}

// RequestOption changes one call. Options that make sense for the whole client
// too (timeout, retries, sudo, headers) can be given to gitlab.New as well.
type RequestOption interface {
	ApplyToCall(*CallOptions)
}

// CallOption adapts a function to RequestOption.
type CallOption func(*CallOptions)

// ApplyToCall implements RequestOption.
func (f CallOption) ApplyToCall(o *CallOptions) { f(o) }

// CollectOptions applies opts in order.
func CollectOptions(opts []RequestOption) CallOptions {
	var o CallOptions
	for _, opt := range opts {
		if opt != nil {
			opt.ApplyToCall(&o)
		}
	}
	return o
}

// Params are query parameters: any name, with values of type string, bool,
// any integer or float, time.Time, a slice of those, or map[string]any
// (hash parameters, sent as key[sub]=value). nil values are not sent.
type Params map[string]any

// Attrs are the attributes of a create or update: encoded as a JSON body (or
// a multipart one when a File or Image attribute is given).
type Attrs map[string]any

// EncodeQuery renders params as a query string, following GitLab's rules and
// the declared attribute types: Array → key[]=a&key[]=b,
// CommaSeparatedList/String → key=a,b, Lowercase → lowercased; untyped
// slices are sent as key[] arrays, maps as key[sub]=value. An empty slice
// sends nothing, as in python-gitlab.
func EncodeQuery(params Params, types AttrTypes) (url.Values, error) {
	q := make(url.Values, len(params))
	for k, v := range params {
		if err := encodeQueryValue(q, k, v, types.Of(k)); err != nil {
			return nil, err
		}
	}
	return q, nil
}

func encodeQueryValue(q url.Values, key string, v any, t AttrType) error {
	if v == nil {
		return nil
	}
	switch t {
	case TypeFile, TypeImage:
		return nil // never in queries
	case TypeCommaSeparatedList, TypeCommaSeparatedString:
		if items, ok, err := listItems(v); ok || err != nil {
			if err != nil {
				return fmt.Errorf("gitlab: parameter %q: %w", key, err)
			}
			if len(items) > 0 { // an empty list is no filter: nothing is sent
				q.Set(key, strings.Join(items, ","))
			}
			return nil
		}
	case TypeLowercase:
		s, err := scalarString(v)
		if err != nil {
			return fmt.Errorf("gitlab: parameter %q: %w", key, err)
		}
		q.Set(key, strings.ToLower(s))
		return nil
	}
	if m, ok := v.(map[string]any); ok {
		keys := make([]string, 0, len(m))
		for sub := range m {
			keys = append(keys, sub)
		}
		sort.Strings(keys)
		for _, sub := range keys {
			if err := encodeQueryValue(q, key+"["+sub+"]", m[sub], 0); err != nil {
				return err
			}
		}
		return nil
	}
	if items, ok, err := listItems(v); ok || err != nil {
		if err != nil {
			return fmt.Errorf("gitlab: parameter %q: %w", key, err)
		}
		if len(items) == 0 {
			return nil // as python-gitlab: key[]= would be one empty value, a filter
		}
		k := key
		if !strings.HasSuffix(k, "[]") {
			k += "[]"
		}
		q[k] = append(q[k], items...)
		return nil
	}
	s, err := scalarString(v)
	if err != nil {
		return fmt.Errorf("gitlab: parameter %q: %w", key, err)
	}
	q.Add(key, s)
	return nil
}

// listItems renders the items of a slice value; ok is false for non-slices.
func listItems(v any) ([]string, bool, error) {
	var out []string
	add := func(x any) error {
		s, err := scalarString(x)
		out = append(out, s)
		return err
	}
	var err error
	switch l := v.(type) {
	case []string:
		return l, true, nil
	case []int:
		for _, x := range l {
			out = append(out, strconv.Itoa(x))
		}
	case []int64:
		for _, x := range l {
			out = append(out, strconv.FormatInt(x, 10))
		}
	case []any:
		for _, x := range l {
			if err = add(x); err != nil {
				break
			}
		}
	default:
		return nil, false, nil
	}
	return out, true, err
}

// scalarString renders one value for a query string or a form field.
func scalarString(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int16:
		return strconv.FormatInt(int64(x), 10), nil
	case int8:
		return strconv.FormatInt(int64(x), 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case uint:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint32:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint16:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint8:
		return strconv.FormatUint(uint64(x), 10), nil
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case time.Time:
		return x.UTC().Format(time.RFC3339), nil
	case fmt.Stringer:
		return x.String(), nil
	}
	return "", fmt.Errorf("cannot send a value of type %T", v)
}

// EncodeBody renders attrs as a JSON body, or as a multipart body when a File
// or Image attribute holds content ([]byte, string content or io.Reader).
// CommaSeparatedString attributes are joined; JSON attributes are checked.
func EncodeBody(attrs Attrs, types AttrTypes) ([]byte, *Multipart, error) {
	var files []FilePart
	body := make(map[string]any, len(attrs))
	for k, v := range attrs {
		switch t := types.Of(k); t {
		case TypeFile, TypeImage:
			fp, ok, err := filePart(k, v, t)
			if err != nil {
				return nil, nil, err
			}
			if ok {
				files = append(files, fp)
				continue
			}
		case TypeCommaSeparatedString:
			if items, ok, err := listItems(v); ok || err != nil {
				if err != nil {
					return nil, nil, fmt.Errorf("gitlab: attribute %q: %w", k, err)
				}
				v = strings.Join(items, ",")
			}
		case TypeJSON:
			if s, ok := v.(string); ok {
				if !json.Valid([]byte(s)) {
					return nil, nil, fmt.Errorf("gitlab: attribute %q is not valid JSON", k)
				}
				v = json.RawMessage(s)
			}
		}
		body[k] = v
	}
	if len(files) == 0 {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, nil, fmt.Errorf("gitlab: encoding attributes: %w", err)
		}
		return b, nil, nil
	}
	mp := &Multipart{Fields: make(map[string]string, len(body)), Files: files}
	for k, v := range body {
		if v == nil {
			continue
		}
		s, err := formString(v)
		if err != nil {
			return nil, nil, fmt.Errorf("gitlab: attribute %q: %w", k, err)
		}
		mp.Fields[k] = s
	}
	return nil, mp, nil
}

// formString renders a multipart field; lists are comma-joined.
func formString(v any) (string, error) {
	if items, ok, err := listItems(v); ok || err != nil {
		return strings.Join(items, ","), err
	}
	return scalarString(v)
}

// FileContent names a file to upload and its content.
type FileContent struct {
	Name string
	Data io.Reader
}

func filePart(key string, v any, t AttrType) (FilePart, bool, error) {
	name := key
	if t == TypeImage {
		name = key + ".png"
	}
	switch x := v.(type) {
	case string:
		if x == "" {
			return FilePart{}, false, nil // an empty string removes the file
		}
		return FilePart{Field: key, FileName: name, Reader: strings.NewReader(x)}, true, nil
	case []byte:
		return FilePart{Field: key, FileName: name, Reader: strings.NewReader(string(x))}, true, nil
	case io.Reader:
		return FilePart{Field: key, FileName: name, Reader: x}, true, nil
	case FileContent:
		if x.Name != "" {
			name = x.Name
		}
		return FilePart{Field: key, FileName: name, Reader: x.Data}, true, nil
	case nil:
		return FilePart{}, false, nil
	}
	return FilePart{}, false, fmt.Errorf("gitlab: attribute %q: a file must be []byte, string, io.Reader or FileContent, not %T", key, v)
}

// EscapeID encodes an ID as one URL path segment: everything but letters,
// digits and -._~ is percent-encoded, so "group/sub" becomes "group%2Fsub".
// The dot segments "." and ".." are encoded too ("%2E", "%2E%2E"): as they
// are, URL normalisation would remove them and reach another resource.
func EscapeID(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	const hex = "0123456789ABCDEF"
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// IDString renders an ID given as an integer or a string ("42",
// "group/sub/project"), exactly: integers of any size keep every digit. A
// fmt.Stringer, or a type whose underlying type is an integer or a string,
// gives its text. Other types, an empty text, and "." or ".." (dot segments,
// which a URL normalisation would turn into another path) are an error.
func IDString(id any) (string, error) {
	s, _, err := idText(id)
	return s, err
}

// idText is IDString, also telling whether the ID is an integer.
func idText(id any) (text string, integer bool, err error) {
	switch x := id.(type) {
	case nil:
		return "", false, fmt.Errorf("gitlab: nil ID")
	case string:
		text = x
	case int:
		text, integer = strconv.Itoa(x), true
	case int64:
		text, integer = strconv.FormatInt(x, 10), true
	case int32:
		text, integer = strconv.FormatInt(int64(x), 10), true
	case uint64:
		text, integer = strconv.FormatUint(x, 10), true
	case uint:
		text, integer = strconv.FormatUint(uint64(x), 10), true
	case uint32:
		text, integer = strconv.FormatUint(uint64(x), 10), true
	case fmt.Stringer:
		text = x.String()
	default:
		switch v := reflect.ValueOf(id); v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			text, integer = strconv.FormatInt(v.Int(), 10), true
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			text, integer = strconv.FormatUint(v.Uint(), 10), true
		case reflect.String:
			text = v.String()
		default:
			return "", false, fmt.Errorf("gitlab: an ID must be an integer or a string, not %T", id)
		}
	}
	switch text {
	case "":
		return "", false, fmt.Errorf("gitlab: empty ID")
	case ".", "..":
		return "", false, fmt.Errorf("gitlab: the ID %q is a dot segment, which URL normalisation would remove from the path "+
			"(the request would reach another resource): GitLab has no object with this ID", text)
	}
	return text, integer, nil
}
