package base

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/tidwall/gjson"
)

// Action runs the declared custom action name on o (nil for a manager
// action). It returns the object the action produced (o itself for
// ResultReplace, a new one for ResultNew) and the response. Code written by
// gitlab-gen calls it; ResultList actions go through ActionAll instead.
func (c *Core) Action(ctx context.Context, o *Object, name string, attrs Attrs, opts []RequestOption) (*Object, *Response, error) {
	a, req, params, err := c.actionRequest(o, name, attrs, opts)
	if err != nil {
		return nil, nil, err
	}
	resp, err := c.Send(ctx, req, params)
	if err != nil {
		return nil, nil, err
	}
	switch a.Result {
	case ResultReplace:
		raw, flags, err := decodeObject(req, resp)
		if err != nil {
			return nil, resp, err
		}
		o.replaceData(raw, flags)
		return o, resp, nil
	case ResultNew:
		raw, flags, err := decodeObject(req, resp)
		if err != nil {
			return nil, resp, err
		}
		return c.actionCore(a, o).newObject(raw, flags), resp, nil
	}
	return nil, resp, nil
}

// actionCore is the core of the objects an action answers with.
func (c *Core) actionCore(a *Action, o *Object) *Core {
	if a.Of == "" {
		return c
	}
	return c.Related(a.Of, o)
}

// ActionAll runs the ResultList action name on o (nil for a manager action)
// and iterates over the objects of every page of its answer, as Lister.All
// does: wrap turns each into the typed object of the manager Action.Of names
// (or of the action's own). Code written by gitlab-gen calls it.
func ActionAll[T any](ctx context.Context, c *Core, o *Object, name string, params Params, opts []RequestOption, wrap func(*Object) T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		a, req, q, err := c.actionRequest(o, name, Attrs(params), opts)
		if err == nil && a.Result != ResultList {
			err = fmt.Errorf("gitlab: %s %s: the action does not answer with a list", c.spec().Name, name)
		}
		if err != nil {
			yield(zero, err)
			return
		}
		req.List, req.Raw = true, false
		m := NewManager(c.actionCore(a, o), wrap)
		resp, err := c.Send(ctx, req, q)
		if err != nil {
			yield(zero, err)
			return
		}
		page, err := parsePage(m, req, resp, nil)
		objects(followPages(ctx, m, page, err, opts, nil), nil)(yield)
	}
}

// actionRequest checks the call of the action name and builds its request:
// the path with its placeholders filled, and the attributes as a body or as
// query parameters.
func (c *Core) actionRequest(o *Object, name string, attrs Attrs, opts []RequestOption) (*Action, *Request, Params, error) {
	if c.b().err != nil {
		return nil, nil, nil, c.b().err
	}
	a, ok := c.spec().Action(name, o == nil)
	if !ok {
		if _, onObjects := c.spec().Action(name, false); onObjects && o == nil {
			return nil, nil, nil, NewOpError(c.spec(), name+" (an object action, called without an object)")
		}
		return nil, nil, nil, NewOpError(c.spec(), name)
	}
	if err := CheckAttrs(name, c.spec().Name, a.Attrs, attrsHas(attrs), ""); err != nil {
		return nil, nil, nil, err
	}
	tmpl := a.Path
	if tmpl == "" {
		tmpl = a.Name
	}
	if !strings.HasPrefix(tmpl, "/") {
		prefix := c.b().path
		if !a.OnManager {
			p, err := c.objectPath(name, o)
			if err != nil {
				return nil, nil, nil, err
			}
			prefix = p
		}
		tmpl = prefix + "/" + tmpl
	}
	path, attrs, err := c.b().fillPath(name, tmpl, attrs, o)
	if err != nil {
		return nil, nil, nil, err
	}
	method := a.Method
	if method == "" {
		method = http.MethodPost
	}
	req := &Request{Op: name, Method: method, Path: path, Options: opts, Raw: a.Result == ResultNone || a.Result == ResultDownload}
	if a.Body != "" {
		if v, ok := attrs[a.Body]; ok {
			body, err := uploadBody(a.Body, v)
			if err != nil {
				return nil, nil, nil, err
			}
			req.Upload = body
			attrs = without(attrs, a.Body)
		}
	}
	if a.Query || req.Upload != nil || method == http.MethodGet || method == http.MethodDelete || method == http.MethodHead {
		return a, req, Params(attrs), nil // no body: the attributes go to the query
	}
	body, form, err := EncodeBody(attrs, a.Types.Over(c.spec().Types))
	if err != nil {
		return nil, nil, nil, err
	}
	req.Body, req.Form = body, form
	return a, req, nil, nil
}

// escapeSegments escapes each /-separated segment of a path as EscapeID
// does, keeping the slashes ("." and ".." segments escaped too, so they
// name files and never climb).
func escapeSegments(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = EscapeID(s)
	}
	return strings.Join(segs, "/")
}

// fillPath fills the {placeholders} of a path template that is already
// escaped around them, each value escaped once as one path segment (a
// {+placeholder}'s as segments: see Action.Path): those of
// the manager's own path from the parent attributes; the others from attrs
// (and then left out of them), else from o's attributes, else from the
// parent attributes. The ID of o is in the template already.
func (b *binding) fillPath(op, tmpl string, attrs Attrs, o *Object) (string, Attrs, error) {
	phs := placeholders(tmpl)
	if len(phs) == 0 {
		return tmpl, attrs, nil
	}
	var out strings.Builder
	rest := tmpl
	for _, ph := range phs {
		var text string
		if _, fromParent := b.spec.FromParent[ph]; fromParent {
			text = resultText(memberResult(b.parentAttrs, ph))
		} else if v, ok := attrs[ph]; ok {
			s, err := IDString(v)
			if err != nil {
				return "", nil, fmt.Errorf("gitlab: %s %s: attribute %q: %w", b.spec.Name, op, ph, err)
			}
			text = s
			attrs = without(attrs, ph)
		} else {
			var r gjson.Result
			if o != nil {
				r = o.Attr(ph)
			}
			if !r.Exists() {
				r = memberResult(b.parentAttrs, ph)
			}
			text = resultText(r)
		}
		if text == "" {
			return "", nil, &AttrError{Op: op, Manager: b.spec.Name, Missing: []string{ph}}
		}
		i, n := strings.Index(rest, "{"+ph+"}"), len(ph)+2
		if j := strings.Index(rest, "{+"+ph+"}"); j >= 0 && (i < 0 || j < i) {
			i, n = j, n+1
			text = escapeSegments(text)
		} else {
			text = EscapeID(text)
		}
		out.WriteString(rest[:i])
		out.WriteString(text)
		rest = rest[i+n:]
	}
	out.WriteString(rest)
	return out.String(), attrs, nil
}
