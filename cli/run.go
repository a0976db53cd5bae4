package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
)

// failure messages of the core operations, as python-gitlab words them.
var failures = map[op]string{
	opList:   "Impossible to list objects",
	opGet:    "Impossible to get object",
	opCreate: "Impossible to create object",
	opUpdate: "Impossible to update object",
	opDelete: "Impossible to destroy object",
	opSet:    "Impossible to set object",
}

// fail turns the error of a call into what Run reports: a usage error when
// the command line lacked something, else python-gitlab's one line.
func (x *action) fail(err error) error {
	var ae *base.AttrError
	var pe *base.PathError
	if errors.As(err, &ae) || errors.As(err, &pe) {
		return &usageError{msg: strings.TrimPrefix(err.Error(), "gitlab: ")}
	}
	msg, ok := failures[x.op]
	if !ok {
		msg = "Impossible to run action " + flagName(x.custom.Name)
	}
	return &runError{msg: msg, err: err}
}

// given returns the value of an option, and whether it was given.
func (x *action) given(attr string) (string, bool) {
	f := x.cmd.Flags().Lookup(flagName(attr))
	if f == nil || !f.Changed {
		return "", false
	}
	return f.Value.String(), true
}

// run runs the action: builds the client, then sends the request.
func (x *action) run(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s %s: unexpected argument %q (attributes are given as --name value)",
			resourceName(x.spec.Name), cmd.Name(), args[0])
	}
	values := make(map[string]string, len(x.parents))
	for _, ph := range x.parents {
		values[ph], _ = x.given(ph)
	}
	attrs, err := x.collect()
	if err != nil {
		return err
	}
	var opts []gitlab.RequestOption
	if sudo, ok := x.given("sudo"); ok {
		opts = append(opts, gitlab.WithSudo(sudo))
	}
	var id any
	if x.idAttr != "" {
		id, _ = x.given(x.idAttr)
	}
	gl, err := x.app.client()
	if err != nil {
		return err
	}
	defer gl.Close()
	m := base.NewDynamic(base.PathCore(gl, gl.Registry(), x.spec.Name, values))
	ctx := cmd.Context()
	pr, err := x.app.printer()
	if err != nil {
		return err
	}
	switch x.op {
	case opList:
		return x.list(cmd, m, attrs, opts, pr)
	case opGet:
		o, err := m.Get(ctx, id, append(opts, gitlab.WithParams(gitlab.Params(attrs)))...)
		if err != nil {
			return x.fail(err)
		}
		return pr.one(objectRecord(o.Object, x.spec, x.parents))
	case opCreate:
		o, err := m.Create(ctx, attrs, opts...)
		if err != nil {
			return x.fail(err)
		}
		return pr.one(objectRecord(o.Object, x.spec, x.parents))
	case opUpdate:
		o, err := m.Update(ctx, id, attrs, opts...)
		if err != nil {
			return x.fail(err)
		}
		r := objectRecord(o.Object, x.spec, x.parents)
		r.plain = true // python-gitlab prints the answer of an update as data
		return pr.one(r)
	case opDelete:
		if err := m.Delete(ctx, id, append(opts, gitlab.WithParams(gitlab.Params(attrs)))...); err != nil {
			return x.fail(err)
		}
		return nil
	case opSet:
		key, _ := id.(string)
		o, err := m.Set(ctx, key, attrs["value"], opts...)
		if err != nil {
			return x.fail(err)
		}
		return pr.one(objectRecord(o.Object, x.spec, x.parents))
	}
	if x.custom.Result == base.ResultDownload {
		var d *base.Download
		if x.custom.OnManager {
			d, err = m.Download(ctx, x.custom.Name, attrs, opts...)
		} else {
			d, err = m.Lazy(id).Download(ctx, x.custom.Name, attrs, opts...)
		}
		if err != nil {
			return x.fail(err)
		}
		defer d.Close()
		file, _ := x.given("output-file")
		return x.app.copyOut(d, d.Size, file)
	}
	var obj *base.DynamicObject
	var resp *base.Response
	if x.custom.OnManager {
		obj, resp, err = m.Do(ctx, x.custom.Name, attrs, opts...)
	} else {
		obj, resp, err = m.Lazy(id).Do(ctx, x.custom.Name, attrs, opts...)
	}
	if err != nil {
		return x.fail(err)
	}
	switch {
	case obj != nil:
		return pr.one(objectRecord(obj.Object, x.spec, x.parents))
	case x.custom.Result == base.ResultNone:
		return nil // the answer means nothing, as python-gitlab's None
	}
	return x.answer(resp, pr)
}

// isAttr reports whether name is one of the action's attributes.
func (x *action) isAttr(name string) bool {
	for _, a := range x.attrs {
		if a == name {
			return true
		}
	}
	return false
}

// collect parses the attribute options given, by their declared types.
func (x *action) collect() (gitlab.Attrs, error) {
	attrs := gitlab.Attrs{}
	for _, attr := range x.attrs {
		raw, ok := x.given(attr)
		if !ok {
			continue
		}
		v, err := parseValue(attr, raw, x.typeOf(attr))
		if err != nil {
			return nil, err
		}
		attrs[attr] = v
	}
	return attrs, nil
}

// list writes one page, or every page as it arrives with --get-all.
func (x *action) list(cmd *cobra.Command, m *base.Dynamic, attrs gitlab.Attrs, opts []gitlab.RequestOption, pr printer) error {
	params := gitlab.Params(attrs)
	for _, n := range []struct{ flag, param string }{{"page", "page"}, {"per-page", "per_page"}} {
		if v, ok := x.given(n.flag); ok {
			i, err := strconv.Atoi(v)
			if err != nil || i < 1 {
				return usagef("--%s: %q is not a positive number", n.flag, v)
			}
			params[n.param] = i
		}
	}
	flags := cmd.Flags()
	all := flags.Changed("get-all") || flags.Changed("all") && !x.isAttr("all")
	_, pageGiven := params["page"]
	if err := pr.start(); err != nil {
		return err
	}
	ctx := cmd.Context()
	if all {
		// One page at a time: the command holds one page and writes it
		// before it asks for the next (python-gitlab's order), so that a
		// list of any length costs one page of memory.
		for page, err := range m.Pages(ctx, params, append(opts, gitlab.WithPrefetch(1))...) {
			if err != nil {
				return x.fail(err)
			}
			for _, o := range page.Items {
				if err := pr.item(objectRecord(o.Object, x.spec, x.parents)); err != nil {
					return err
				}
			}
			if err := x.app.flush(); err != nil {
				return err
			}
		}
		return pr.end()
	}
	page, err := m.List(ctx, params, opts...)
	if err != nil {
		return x.fail(err)
	}
	for _, o := range page.Items {
		if err := pr.item(objectRecord(o.Object, x.spec, x.parents)); err != nil {
			return err
		}
	}
	if err := pr.end(); err != nil {
		return err
	}
	if page.NextURL != "" && !pageGiven && !flags.Changed("no-get-all") {
		if err := x.app.flush(); err != nil {
			return err
		}
		shown := fmt.Sprintf("%d of %d objects", len(page.Items), page.Total)
		if page.Total < 0 {
			shown = fmt.Sprintf("%d objects, and there are more", len(page.Items))
		}
		fmt.Fprintf(x.app.prog.Stderr, "gitlab: warning: this is the first page only (%s): "+
			"--get-all lists them all, --no-get-all silences this warning\n", shown)
	}
	return nil
}

// answer writes what a custom action answered: JSON data through the
// printer, anything else (a download) as it came.
func (x *action) answer(resp *base.Response, pr printer) error {
	if resp == nil || len(resp.Body) == 0 {
		return nil
	}
	if isJSON(resp) {
		body := trimJSON(resp.Body)
		if body[0] == '[' {
			if err := pr.start(); err != nil {
				return err
			}
			var err error
			forEachElement(body, func(raw []byte) bool {
				err = pr.item(plainRecord(raw))
				return err == nil
			})
			if err != nil {
				return err
			}
			return pr.end()
		}
		return pr.one(plainRecord(body))
	}
	file, _ := x.given("output-file")
	return x.app.copyOut(bytes.NewReader(resp.Body), int64(len(resp.Body)), file)
}

// isJSON reports whether an answer is JSON data to print rather than a
// download to pass on: by its Content-Type, or by its look when it has none.
func isJSON(resp *base.Response) bool {
	body := trimJSON(resp.Body)
	if len(body) == 0 || (body[0] != '{' && body[0] != '[') {
		return false
	}
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		return validJSON(body)
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) && validJSON(body)
}

// output is the buffered standard output, made on first use.
func (a *app) output() *bufio.Writer {
	if a.out == nil {
		a.out = bufio.NewWriterSize(a.prog.Stdout, 64<<10)
	}
	return a.out
}

// flush writes out what the output holds: after each page of a list, so
// that a reader sees objects as they arrive.
func (a *app) flush() error {
	if a.out == nil {
		return nil
	}
	if err := a.out.Flush(); err != nil {
		return &runError{msg: "gitlab: writing the output", err: err}
	}
	return nil
}
