package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/tidwall/gjson"
	"go.yaml.in/yaml/v3"

	"github.com/golab/gitlab/base"
)

// record is one thing to print: an object of a manager, or plain data (an
// update's answer, what an action returned), which python-gitlab prints as
// a dict.
type record struct {
	raw   []byte // a JSON object: the attributes, parent attributes included
	spec  *base.Spec
	obj   *base.Object // nil for plain data
	plain bool
}

// objectRecord is an object with the attributes it inherits from the path
// (project_id of an issue), as python-gitlab's attributes include them.
func objectRecord(o *base.Object, spec *base.Spec, parents []string) record {
	raw, _ := o.MarshalJSON() // never fails
	for _, ph := range parents {
		if gjson.GetBytes(raw, gjsonKey(ph)).Exists() {
			continue
		}
		v := o.Attr(ph)
		if !v.Exists() {
			continue
		}
		raw = appendMember(raw, ph, []byte(v.Raw))
	}
	return record{raw: raw, spec: spec, obj: o}
}

// plainRecord is data to print as it is.
func plainRecord(raw []byte) record { return record{raw: raw, plain: true} }

// appendMember adds "key": value at the end of a JSON object.
func appendMember(obj []byte, key string, value []byte) []byte {
	obj = bytes.TrimRight(obj, " \t\r\n")
	body := bytes.TrimSpace(obj[1 : len(obj)-1])
	k, _ := json.Marshal(key)
	out := make([]byte, 0, len(obj)+len(k)+len(value)+2)
	out = append(out, obj[:len(obj)-1]...)
	if len(body) > 0 {
		out = append(out, ',')
	}
	out = append(out, k...)
	out = append(out, ':')
	out = append(out, value...)
	return append(out, '}')
}

// gjsonKey escapes a key for a gjson path.
func gjsonKey(k string) string {
	if strings.ContainsAny(k, ".*?#@|\\!=<>%\"[]{},: ") {
		return gjson.Escape(k)
	}
	return k
}

// printer writes records in one output format. A list is start, item per
// object, end: each item is written when it comes (tables excepted, which
// need every row to size their columns).
type printer interface {
	one(r record) error
	start() error
	item(r record) error
	end() error
}

// printer builds the printer of -o/--output.
func (a *app) printer() (printer, error) {
	var fields []string
	for _, f := range strings.Split(a.g.fields, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fields = append(fields, f)
		}
	}
	w := a.output()
	switch a.g.output {
	case "json":
		return &jsonPrinter{w: w, fields: fields}, nil
	case "jsonl":
		return &jsonPrinter{w: w, fields: fields, lines: true}, nil
	case "yaml":
		return &yamlPrinter{w: w, fields: fields}, nil
	case "table":
		return &tablePrinter{w: w, fields: fields}, nil
	}
	return &legacyPrinter{w: w, verbose: a.verbose()}, nil
}

// selectFields keeps the members of a JSON object named in fields, in the
// object's order (all of them when fields is empty).
func selectFields(raw []byte, fields []string) []byte {
	if len(fields) == 0 || !gjson.ValidBytes(raw) || trimJSON(raw)[0] != '{' {
		return raw
	}
	out := []byte{'{'}
	gjson.ParseBytes(raw).ForEach(func(k, v gjson.Result) bool {
		for _, f := range fields {
			if f == k.Str {
				if len(out) > 1 {
					out = append(out, ',')
				}
				out = append(out, k.Raw...)
				out = append(out, ':')
				out = append(out, v.Raw...)
				break
			}
		}
		return true
	})
	return append(out, '}')
}

// jsonPrinter writes JSON: an object, or a list as a JSON array written an
// element at a time; with lines, one compact JSON value per line.
type jsonPrinter struct {
	w      *bufio.Writer
	fields []string
	lines  bool
	n      int
}

func (p *jsonPrinter) write(r record) error {
	raw := selectFields(r.raw, p.fields)
	if p.lines && bytes.ContainsAny(raw, "\r\n") {
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			raw = b.Bytes()
		}
	}
	_, err := p.w.Write(raw)
	return err
}

func (p *jsonPrinter) one(r record) error {
	if err := p.write(r); err != nil {
		return err
	}
	return p.w.WriteByte('\n')
}

func (p *jsonPrinter) start() error {
	if p.lines {
		return nil
	}
	return p.w.WriteByte('[')
}

func (p *jsonPrinter) item(r record) error {
	if p.lines {
		return p.one(r)
	}
	if p.n > 0 {
		if _, err := p.w.WriteString(",\n"); err != nil {
			return err
		}
	}
	p.n++
	return p.write(r)
}

func (p *jsonPrinter) end() error {
	if p.lines {
		return nil
	}
	_, err := p.w.WriteString("]\n")
	return err
}

// yamlPrinter writes YAML with sorted keys, as python-gitlab does; a list is
// a sequence written an element at a time.
type yamlPrinter struct {
	w      *bufio.Writer
	fields []string
	n      int
}

func (p *yamlPrinter) one(r record) error {
	return p.encode(yamlNode(gjson.ParseBytes(selectFields(r.raw, p.fields))))
}

// encode writes one YAML document laid out as python-gitlab's (PyYAML's
// block style): two-space indents, sequences flush with their key.
func (p *yamlPrinter) encode(n *yaml.Node) error {
	enc := yaml.NewEncoder(p.w)
	enc.SetIndent(2)
	enc.CompactSeqIndent()
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

func (p *yamlPrinter) start() error { return nil }

func (p *yamlPrinter) item(r record) error {
	p.n++
	return p.encode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{yamlNode(gjson.ParseBytes(selectFields(r.raw, p.fields)))}})
}

func (p *yamlPrinter) end() error {
	if p.n == 0 {
		_, err := p.w.WriteString("[]\n")
		return err
	}
	return nil
}

// yamlNode converts a JSON value, keeping numbers as written.
func yamlNode(v gjson.Result) *yaml.Node {
	switch v.Type {
	case gjson.Null:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case gjson.False, gjson.True:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: v.Raw}
	case gjson.Number:
		tag := "!!int"
		if strings.ContainsAny(v.Raw, ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v.Raw}
	case gjson.String:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.Str}
	}
	if v.IsArray() {
		n := &yaml.Node{Kind: yaml.SequenceNode}
		v.ForEach(func(_, e gjson.Result) bool {
			n.Content = append(n.Content, yamlNode(e))
			return true
		})
		return n
	}
	type member struct {
		k string
		v gjson.Result
	}
	var members []member
	v.ForEach(func(k, e gjson.Result) bool {
		members = append(members, member{k.Str, e})
		return true
	})
	sort.SliceStable(members, func(i, j int) bool { return members[i].k < members[j].k })
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, m := range members {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: m.k}, yamlNode(m.v))
	}
	return n
}

// tablePrinter writes a table: a list with a row per object, one object as
// a column of fields and values. Columns are -f's fields (gjson paths such
// as namespace.full_path work), else the objects' ID and the attribute that
// names them, else every scalar attribute of the first object.
type tablePrinter struct {
	w      *bufio.Writer
	fields []string
	cols   []string
	rows   []table.Row
}

func (p *tablePrinter) one(r record) error {
	t := p.newTable()
	t.AppendHeader(table.Row{"field", "value"})
	obj := gjson.ParseBytes(r.raw)
	if len(p.fields) > 0 {
		for _, f := range p.fields {
			t.AppendRow(table.Row{f, cell(lookup(obj, f))})
		}
	} else {
		obj.ForEach(func(k, v gjson.Result) bool {
			t.AppendRow(table.Row{k.Str, cell(v)})
			return true
		})
	}
	t.Render()
	return nil
}

func (p *tablePrinter) start() error { return nil }

func (p *tablePrinter) item(r record) error {
	obj := gjson.ParseBytes(r.raw)
	if p.cols == nil {
		p.cols = p.columns(r, obj)
	}
	row := make(table.Row, len(p.cols))
	for i, c := range p.cols {
		row[i] = cell(lookup(obj, c))
	}
	p.rows = append(p.rows, row)
	return nil
}

func (p *tablePrinter) columns(r record, obj gjson.Result) []string {
	if len(p.fields) > 0 {
		return p.fields
	}
	var cols []string
	if r.spec != nil {
		if id := r.spec.IDAttribute(); id != "" && obj.Get(gjsonKey(id)).Exists() {
			cols = append(cols, id)
		}
		if ra := r.spec.ReprAttr; ra != "" && ra != r.spec.IDAttribute() && obj.Get(gjsonKey(ra)).Exists() {
			cols = append(cols, ra)
		}
	}
	if len(cols) == 0 {
		obj.ForEach(func(k, v gjson.Result) bool {
			if !v.IsObject() && !v.IsArray() {
				cols = append(cols, k.Str)
			}
			return true
		})
	}
	return cols
}

func (p *tablePrinter) end() error {
	if len(p.rows) == 0 {
		return nil
	}
	t := p.newTable()
	head := make(table.Row, len(p.cols))
	for i, c := range p.cols {
		head[i] = c
	}
	t.AppendHeader(head)
	t.AppendRows(p.rows)
	t.Render()
	p.rows = nil
	return nil
}

func (p *tablePrinter) newTable() table.Writer {
	t := table.NewWriter()
	t.SetOutputMirror(p.w)
	t.SetStyle(table.StyleLight)
	return t
}

// lookup reads an attribute by name, else as a gjson path.
func lookup(obj gjson.Result, name string) gjson.Result {
	if v := obj.Get(gjsonKey(name)); v.Exists() {
		return v
	}
	return obj.Get(name)
}

// cell renders a value for a table: text as is, null and missing empty,
// lists and objects as compact JSON.
func cell(v gjson.Result) string {
	switch {
	case !v.Exists() || v.Type == gjson.Null:
		return ""
	case v.Type == gjson.String:
		return v.Str
	case v.IsArray() || v.IsObject():
		var b bytes.Buffer
		if json.Compact(&b, []byte(v.Raw)) == nil {
			return b.String()
		}
	}
	return v.Raw
}

// trimJSON trims JSON white space.
func trimJSON(b []byte) []byte { return bytes.Trim(b, " \t\r\n") }

func validJSON(b []byte) bool { return gjson.ValidBytes(b) }

// forEachElement calls fn with each element of a JSON array.
func forEachElement(arr []byte, fn func([]byte) bool) {
	gjson.ParseBytes(arr).ForEach(func(_, v gjson.Result) bool { return fn([]byte(v.Raw)) })
}
