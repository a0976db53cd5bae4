package base

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// The operations every manager is assembled from. They are methods of Core,
// which typed managers keep unexported: a typed manager exposes only the
// operations its spec declares (through the mixins package).

// Send sends req through the client after rendering the query: params and
// WithParams values encoded with the spec's types, and WithQuery applied. It
// is the low-level door for typed methods that are not core operations.
func (c *Core) Send(ctx context.Context, req *Request, params Params) (*Response, error) {
	if c.b().err != nil {
		return nil, c.b().err
	}
	o := CollectOptions(req.Options)
	q := req.Query
	if len(params) > 0 || len(o.Params) > 0 {
		var err error
		if q, err = EncodeQuery(params, c.spec().Types); err != nil {
			return nil, err
		}
		extra, err := EncodeQuery(o.Params, c.spec().Types)
		if err != nil {
			return nil, err
		}
		for k, v := range extra {
			q[k] = v
		}
	}
	if o.Query != nil { // query_parameters: replaces everything but page and per_page
		nq := url.Values{}
		for k, v := range o.Query {
			nq[k] = v
		}
		for _, k := range []string{"page", "per_page"} {
			if v, ok := q[k]; ok && !nq.Has(k) {
				nq[k] = v
			}
		}
		q = nq
	}
	req.Query = q
	return c.client.Do(ctx, req)
}

// objectPath is the URL path of the object o for the operation op: the
// collection path plus its escaped ID, or the collection path itself for
// objects without ID (singletons). An object that should have an ID but
// has none usable (Lazy(nil), a list item without its ID attribute) is an
// *AttrError, before any request: never a write to the collection.
func (c *Core) objectPath(op string, o *Object) (string, error) {
	attr := c.spec().IDAttribute()
	if attr == "" || c.spec().Ops.Has(OpGetWithoutID) {
		// Objects without ID, and those read at the manager path (a
		// merge request's approval state), live at the manager path.
		return c.b().path, nil
	}
	id := o.ID()
	if id == "" {
		return "", &AttrError{Op: op, Manager: c.spec().Name, Missing: []string{attr}}
	}
	return c.b().path + "/" + EscapeID(id), nil
}

// idPath renders an ID argument (nil targets the manager path itself).
func (c *Core) idPath(id any) (string, error) {
	if id == nil {
		return c.b().path, nil
	}
	s, err := IDString(id)
	if err != nil {
		return "", err
	}
	return c.b().path + "/" + EscapeID(s), nil
}

// decodeObject checks that a response holds one JSON object, and returns
// it with the flags of an object built from it (see flagDistinct).
func decodeObject(req *Request, resp *Response) ([]byte, objFlags, error) {
	body := trimJSONSpace(resp.Body)
	valid, distinct := scanObject(body)
	if !valid || body[0] != '{' {
		reason := "expected a JSON object"
		if len(body) > 0 && !valid {
			reason = "malformed JSON"
		}
		return nil, 0, NewParseError(req.Op, req.Method, resp.URL, resp.StatusCode, resp.Header.Get("Content-Type"), reason, resp.Body)
	}
	return body, distinctFlag(distinct), nil
}

// newObject builds an object from an answer's body (see decodeObject).
func (c *Core) newObject(raw []byte, flags objFlags) *Object {
	o := NewObject(c, raw)
	o.flags = flags
	return o
}

func (c *Core) fetchObject(ctx context.Context, req *Request, params Params) (*Object, error) {
	resp, err := c.Send(ctx, req, params)
	if err != nil {
		return nil, err
	}
	raw, flags, err := decodeObject(req, resp)
	if err != nil {
		return nil, err
	}
	return c.newObject(raw, flags), nil
}

// checkParams verifies the query parameters an operation requires.
func (c *Core) checkParams(op string, ro RequiredOptional, opts []RequestOption) error {
	if len(ro.Required) == 0 {
		return nil
	}
	o := CollectOptions(opts)
	var missing []string
	for _, k := range ro.Required {
		if o.Params[k] == nil && !o.Query.Has(k) {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return &AttrError{Op: op, Manager: c.spec().Name, Missing: missing}
	}
	return nil
}

// CheckAttrs validates attributes against a RequiredOptional before any
// request: every required one present, and exactly one exclusive one when
// exclusive attributes are declared. skip names an attribute not to require
// (the ID, which an update takes from its URL).
func CheckAttrs(op, manager string, ro RequiredOptional, has func(string) bool, skip string) error {
	var missing []string
	for _, k := range ro.Required {
		if k != skip && !has(k) {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return &AttrError{Op: op, Manager: manager, Missing: missing}
	}
	if len(ro.Exclusive) > 0 {
		var given []string
		for _, k := range ro.Exclusive {
			if has(k) {
				given = append(given, k)
			}
		}
		if len(given) != 1 {
			return &AttrError{Op: op, Manager: manager, Exclusive: ro.Exclusive, Given: given}
		}
	}
	return nil
}

func attrsHas(a Attrs) func(string) bool {
	return func(k string) bool { _, ok := a[k]; return ok }
}

// Get fetches one object: GET path/{id}, where id is an integer or a string
// such as "group/project" (encoded once).
func (c *Core) Get(ctx context.Context, id any, opts []RequestOption) (*Object, error) {
	if err := c.checkParams("get", c.spec().GetAttrs, opts); err != nil {
		return nil, err
	}
	if id == nil { // only singletons are read at the manager path: GetWithoutID
		return nil, fmt.Errorf("gitlab: get %s: nil ID", c.spec().Name)
	}
	p, err := c.idPath(id)
	if err != nil {
		return nil, err
	}
	return c.fetchObject(ctx, &Request{Op: "get", Method: http.MethodGet, Path: p, Options: opts}, nil)
}

// GetWithoutID fetches a singleton: GET on the manager path.
func (c *Core) GetWithoutID(ctx context.Context, opts []RequestOption) (*Object, error) {
	if err := c.checkParams("get", c.spec().GetAttrs, opts); err != nil {
		return nil, err
	}
	return c.fetchObject(ctx, &Request{Op: "get", Method: http.MethodGet, Path: c.b().path, Options: opts}, nil)
}

// Lazy returns an object holding only its ID, without a request. Its
// sub-managers and actions work; reading another attribute says it is lazy.
// The ID keeps its exact value: an integer (of any size) stays a JSON
// number with every digit, anything else a string. An ID IDString refuses
// leaves the object without ID: its writes fail before any request.
func (c *Core) Lazy(id any) *Object {
	raw := []byte("{}")
	if attr := c.spec().IDAttribute(); attr != "" {
		if s, integer, err := idText(id); err == nil {
			v := []byte(s)
			if !integer {
				v, _ = marshalJSON(s) // a string always encodes
			}
			raw = withMembers(raw, []memberValue{newMember(attr, v)})
		}
	}
	o := NewObject(c, raw)
	o.flags = flagLazy
	return o
}

// Create validates attrs, then POSTs them to the manager path, or to the
// spec's CreatePath.
func (c *Core) Create(ctx context.Context, attrs Attrs, opts []RequestOption) (*Object, error) {
	if err := CheckAttrs("create", c.spec().Name, c.spec().CreateAttrs, attrsHas(attrs), ""); err != nil {
		return nil, err
	}
	path := c.b().path
	if c.spec().CreatePath != "" && c.b().err == nil {
		var err error
		if path, attrs, err = c.b().fillPath("create", c.spec().CreatePath, attrs, nil); err != nil {
			return nil, err
		}
	}
	return c.sendAttrs(ctx, "create", c.spec().CreateVerb(), path, attrs, opts)
}

// sendAttrs sends attrs as the body of a create or update and returns the
// object GitLab answered with; an answer with no body keeps what was sent.
func (c *Core) sendAttrs(ctx context.Context, op, method, path string, attrs Attrs, opts []RequestOption) (*Object, error) {
	body, form, err := EncodeBody(attrs, c.spec().Types)
	if err != nil {
		return nil, err
	}
	req := &Request{Op: op, Method: method, Path: path, Body: body, Form: form, Options: opts}
	resp, err := c.Send(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	if len(trimJSONSpace(resp.Body)) == 0 {
		sent, err := json.Marshal(attrs)
		if err != nil {
			sent = []byte("{}")
		}
		return NewObject(c, sent), nil
	}
	raw, flags, err := decodeObject(req, resp)
	if err != nil {
		return nil, err
	}
	return c.newObject(raw, flags), nil
}

func without(a Attrs, k string) Attrs {
	out := make(Attrs, len(a))
	for key, v := range a {
		if key != k {
			out[key] = v
		}
	}
	return out
}

// Update validates attrs, then sends them with the spec's update verb to
// path/{id} (id nil: the manager path) and returns the server's object.
func (c *Core) Update(ctx context.Context, id any, attrs Attrs, opts []RequestOption) (*Object, error) {
	if err := CheckAttrs("update", c.spec().Name, c.spec().UpdateAttrs, attrsHas(attrs), c.spec().IDAttribute()); err != nil {
		return nil, err
	}
	p, err := c.idPath(id)
	if err != nil {
		return nil, err
	}
	return c.sendAttrs(ctx, "update", c.spec().UpdateVerb(), p, attrs, opts)
}

// Delete sends DELETE path/{id} (id nil: the manager path).
func (c *Core) Delete(ctx context.Context, id any, opts []RequestOption) error {
	if err := c.checkParams("delete", c.spec().DeleteAttrs, opts); err != nil {
		return err
	}
	p, err := c.idPath(id)
	if err != nil {
		return err
	}
	_, err = c.Send(ctx, &Request{Op: "delete", Method: http.MethodDelete, Path: p, Raw: true, Options: opts}, nil)
	return err
}

// Set sends {"value": value} to path/{key} with the spec's set verb, with
// the attributes of the call's CallOptions.SetAttrs in the same body (a
// feature flag's user, group or project); value wins over a "value" there.
func (c *Core) Set(ctx context.Context, key string, value any, opts []RequestOption) (*Object, error) {
	p, err := c.idPath(key)
	if err != nil {
		return nil, err
	}
	extra := CollectOptions(opts).SetAttrs
	attrs := make(Attrs, len(extra)+1)
	for k, v := range extra {
		attrs[k] = v
	}
	attrs["value"] = value
	body, form, err := EncodeBody(attrs, c.spec().Types)
	if err != nil {
		return nil, err
	}
	method := c.spec().SetMethod
	if method == "" {
		method = http.MethodPut
	}
	return c.fetchObject(ctx, &Request{Op: "set", Method: method, Path: p, Body: body, Form: form, Options: opts}, nil)
}

// Save sends the object's pending changes, plus the attributes the spec
// requires for updates, with the update verb. Nothing changed: no request.
// On success the object holds the server's answer and no pending changes;
// on failure the changes are kept.
func (c *Core) Save(ctx context.Context, o *Object, opts []RequestOption) error {
	if o.changes == nil {
		return nil
	}
	path, err := c.objectPath("save", o)
	if err != nil {
		return err
	}
	payload := bytes.Clone(o.changes)
	var required []memberValue
	for _, k := range c.spec().UpdateAttrs.Required {
		if _, ok := member(payload, k, false); ok {
			continue
		}
		v, err := o.Value(k)
		if err != nil {
			return &AttrError{Op: "save", Manager: c.spec().Name, Missing: []string{k}}
		}
		required = append(required, newMember(k, []byte(v.Raw)))
	}
	if len(required) > 0 {
		payload = withMembers(payload, required)
	}
	req := &Request{Op: "save", Method: c.spec().UpdateVerb(), Path: path, Body: payload, Options: opts}
	if needsEncoding(payload, c.spec().Types) {
		var attrs Attrs
		if err := json.Unmarshal(payload, &attrs); err != nil {
			return err
		}
		body, form, err := EncodeBody(attrs, c.spec().Types)
		if err != nil {
			return err
		}
		req.Body, req.Form = body, form
	}
	resp, err := c.Send(ctx, req, nil)
	if err != nil {
		return err
	}
	if len(trimJSONSpace(resp.Body)) == 0 { // 204: keep the local data, merged
		o.ReplaceData(o.merged())
		return nil
	}
	raw, flags, err := decodeObject(req, resp)
	if err != nil {
		return err
	}
	o.replaceData(raw, flags)
	return nil
}

// needsEncoding reports whether a payload holds attributes whose type
// changes their encoding (files, comma-joined strings).
func needsEncoding(payload []byte, types AttrTypes) bool {
	for k, t := range types.All() {
		if t == TypeFile || t == TypeImage || t == TypeCommaSeparatedString || t == TypeJSON {
			if _, ok := member(payload, k, false); ok {
				return true
			}
		}
	}
	return false
}

// DeleteObject deletes the object on the server.
func (c *Core) DeleteObject(ctx context.Context, o *Object, opts []RequestOption) error {
	if err := c.checkParams("delete", c.spec().DeleteAttrs, opts); err != nil {
		return err
	}
	path, err := c.objectPath("delete", o)
	if err != nil {
		return err
	}
	_, err = c.Send(ctx, &Request{Op: "delete", Method: http.MethodDelete, Path: path, Raw: true, Options: opts}, nil)
	return err
}

// Refresh fetches the object again and replaces its data; unsaved changes
// are discarded.
func (c *Core) Refresh(ctx context.Context, o *Object, opts []RequestOption) error {
	path, err := c.objectPath("refresh", o)
	if err != nil {
		return err
	}
	req := &Request{Op: "refresh", Method: http.MethodGet, Path: path, Options: opts}
	resp, err := c.Send(ctx, req, nil)
	if err != nil {
		return err
	}
	raw, flags, err := decodeObject(req, resp)
	if err != nil {
		return err
	}
	o.replaceData(raw, flags)
	return nil
}
