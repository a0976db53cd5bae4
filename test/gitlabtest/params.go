package gitlabtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// params holds the merged request parameters: query string first, then the
// body (JSON, form-urlencoded or multipart), which wins on conflicts.
// Values are string, []any, map[string]any, json.Number, bool or nil
// (https://docs.gitlab.com/api/rest/#request-payload).
type params map[string]any

// reservedParams are consumed by the fake itself and never stored as fields.
var reservedParams = map[string]bool{
	"private_token": true, "access_token": true, "job_token": true, "sudo": true,
	"page": true, "per_page": true, "pagination": true, "order_by": true, "sort": true,
	"id_after": true, "id_before": true, "cursor": true,
}

func parseParams(query url.Values, ctype string, body []byte) (params, *apiError) {
	p := params{}
	for _, k := range sortedKeys(query) {
		for _, v := range query[k] {
			p.insert(k, v)
		}
	}
	if len(body) == 0 {
		return p, nil
	}
	mt, mp, _ := mime.ParseMediaType(ctype)
	switch mt {
	case "application/json":
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			// Grape answers unparsable JSON with a 400 (https://docs.gitlab.com/api/rest/troubleshooting/#status-code-400).
			return nil, msgErr(400, "400 Bad request - "+err.Error())
		}
		for k, v := range obj {
			p[k] = v
		}
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, msgErr(400, "400 Bad request - "+err.Error())
		}
		for _, k := range sortedKeys(form) {
			for _, v := range form[k] {
				p.insert(k, v)
			}
		}
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), mp["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, msgErr(400, "400 Bad request - "+err.Error())
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return nil, msgErr(400, "400 Bad request - "+err.Error())
			}
			p.insert(part.FormName(), string(data))
			if name := part.FileName(); name != "" {
				p[fileNameKey+part.FormName()] = name
			}
		}
	}
	return p, nil
}

func sortedKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// insert stores a form-style key: "a" (scalar), "a[]" (array), "a[b]" (hash),
// "a[0][b]" and "a[][b]" (arrays of hashes), as Rack does
// (https://docs.gitlab.com/api/rest/#array-and-hash-types).
func (p params) insert(key, val string) {
	name, rest := key, ""
	if i := strings.IndexByte(key, '['); i > 0 && strings.HasSuffix(key, "]") {
		name, rest = key[:i], key[i:]
	}
	var parts []string
	for rest != "" {
		j := strings.IndexByte(rest, ']')
		if rest[0] != '[' || j < 0 {
			break
		}
		parts = append(parts, rest[1:j])
		rest = rest[j+1:]
	}
	p[name] = setPath(p[name], parts, val)
}

func setPath(cur any, parts []string, val string) any {
	if len(parts) == 0 {
		return val
	}
	head, tail := parts[0], parts[1:]
	if head == "" {
		arr, _ := cur.([]any)
		if len(tail) == 0 {
			return append(arr, val)
		}
		// "a[][k]=v": start a new hash unless the last one lacks k.
		if n := len(arr); n > 0 {
			if m, ok := arr[n-1].(map[string]any); ok {
				if _, exists := m[tail[0]]; !exists {
					arr[n-1] = setPath(m, tail, val)
					return arr
				}
			}
		}
		return append(arr, setPath(nil, tail, val))
	}
	m, ok := cur.(map[string]any)
	if !ok {
		m = map[string]any{}
	}
	m[head] = setPath(m[head], tail, val)
	return m
}

func (p params) has(k string) bool {
	v, ok := p[k]
	return ok && v != nil
}

// require answers "<key> is missing" for the first of keys not given.
func (p params) require(keys ...string) *apiError {
	for _, k := range keys {
		if !p.has(k) {
			return missing(k)
		}
	}
	return nil
}

// str returns the parameter as a string (numbers and booleans formatted).
func (p params) str(k string) (string, bool) {
	switch v := p[k].(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	case []any:
		return strings.Join(toStrings(v), ","), true
	}
	return "", false
}

func (p params) get(k string) string {
	s, _ := p.str(k)
	return s
}

// boolean parses true/false/1/0 case-insensitively (gitlab-protocol.md section 4).
func (p params) boolean(k string) (val, ok bool, err *apiError) {
	switch v := p[k].(type) {
	case nil:
		return false, false, nil
	case bool:
		return v, true, nil
	}
	s, _ := p.str(k)
	switch strings.ToLower(s) {
	case "true", "1", "t", "yes":
		return true, true, nil
	case "false", "0", "f", "no":
		return false, true, nil
	}
	return false, false, invalid(k)
}

func (p params) integer(k string) (int, bool, *apiError) {
	if !p.has(k) {
		return 0, false, nil
	}
	s, _ := p.str(k)
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, false, invalid(k)
	}
	return n, true, nil
}

// list returns an array parameter; a plain string is split on commas
// (labels=foo,bar as well as labels[]=foo&labels[]=bar).
func (p params) list(k string) ([]string, bool) {
	switch v := p[k].(type) {
	case []any:
		return toStrings(v), true
	case map[string]any:
		keys := make([]string, 0, len(v))
		for key := range v {
			keys = append(keys, key)
		}
		sort.Slice(keys, func(i, j int) bool { return numLess(keys[i], keys[j]) })
		out := make([]string, 0, len(keys))
		for _, key := range keys {
			out = append(out, anyString(v[key]))
		}
		return out, true
	case nil:
		return nil, false
	}
	s, _ := p.str(k)
	if s == "" {
		return []string{}, true
	}
	parts := strings.Split(s, ",")
	out := make([]string, 0, len(parts))
	for _, part := range parts {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out, true
}

func numLess(a, b string) bool {
	x, e1 := strconv.Atoi(a)
	y, e2 := strconv.Atoi(b)
	if e1 == nil && e2 == nil {
		return x < y
	}
	return a < b
}

func toStrings(v []any) []string {
	out := make([]string, 0, len(v))
	for _, e := range v {
		out = append(out, anyString(e))
	}
	return out
}

func anyString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	return string(marshal(v))
}

// fileNameKey prefixes the file name of a multipart file part: no form
// field starts with a NUL.
const fileNameKey = "\x00filename:"

// fileName is the file name sent with the multipart file part k.
func (p params) fileName(k string) string {
	name, _ := p[fileNameKey+k].(string)
	return name
}

// fields returns the parameters that are not consumed by the fake itself, for
// resources that store what they are given.
func (p params) fields(skip ...string) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		if reservedParams[k] || strings.HasPrefix(k, fileNameKey) {
			continue
		}
		out[k] = v
	}
	for _, k := range skip {
		delete(out, k)
	}
	return out
}
