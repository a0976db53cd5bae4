package cli

import (
	"bufio"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// legacyPrinter writes python-gitlab's default output. An object is its ID
// line ("iid: 3", the attribute's name with dashes) and the line of the
// attribute that names it ("title: Fix the build", cut at 79 characters);
// with --verbose, every attribute, one "name-with-dashes: value" line each,
// sorted, nested objects indented by two spaces. Data that is not an
// object (the answer of an update, of an action) prints as --verbose does.
// Values print as Python prints them: None, True, ['a', 'b'].
type legacyPrinter struct {
	w       *bufio.Writer
	verbose bool
}

func (p *legacyPrinter) one(r record) error {
	v := gjson.ParseBytes(r.raw)
	switch {
	case r.plain && v.IsObject():
		p.dict(v, 0, "")
	case r.plain:
		p.line(pyStr(v))
	case p.verbose:
		id := r.spec.IDAttribute()
		if id != "" {
			p.line(id + ": " + pyStr(v.Get(gjsonKey(id))))
		}
		p.dict(v, 0, id)
	default:
		p.brief(r, v)
	}
	return nil
}

// brief is the non-verbose form of an object.
func (p *legacyPrinter) brief(r record, v gjson.Result) {
	printed := false
	if id := r.spec.IDAttribute(); id != "" {
		p.line(flagName(id) + ": " + pyStr(v.Get(gjsonKey(id))))
		printed = true
	}
	if ra := r.spec.ReprAttr; ra != "" {
		text := "None"
		if a := v.Get(gjsonKey(ra)); a.Exists() && a.Type != gjson.Null && pyStr(a) != "" {
			text = pyStr(a)
		}
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r", ""), "\n", " ")
		line := ra + ": " + text
		if utf8.RuneCountInString(line) > 79 {
			line = string([]rune(line)[:76]) + "..."
		}
		p.line(line)
		printed = true
	}
	if !printed {
		p.line(r.obj.String() + ": no default fields to show; use --verbose, or -o json or -o yaml")
	}
}

func (p *legacyPrinter) start() error { return nil }

func (p *legacyPrinter) item(r record) error {
	if r.plain && !gjson.ParseBytes(r.raw).IsObject() {
		p.line(pyStr(gjson.ParseBytes(r.raw)))
	} else if r.plain {
		p.line(pyRepr(gjson.ParseBytes(r.raw)))
	} else if err := p.one(r); err != nil {
		return err
	}
	p.line("")
	return nil
}

func (p *legacyPrinter) end() error { return nil }

func (p *legacyPrinter) line(s string) {
	p.w.WriteString(s)
	p.w.WriteByte('\n')
}

// dict writes an object's members sorted by name, "name-with-dashes:
// value", nested objects on the lines below, indented; skip is left out.
func (p *legacyPrinter) dict(v gjson.Result, pad int, skip string) {
	type member struct {
		k string
		v gjson.Result
	}
	var members []member
	v.ForEach(func(k, e gjson.Result) bool {
		if k.Str != skip {
			members = append(members, member{k.Str, e})
		}
		return true
	})
	sort.SliceStable(members, func(i, j int) bool { return members[i].k < members[j].k })
	indent := strings.Repeat(" ", pad)
	for _, m := range members {
		if m.v.IsObject() {
			p.line(indent + flagName(m.k) + ":")
			p.dict(m.v, pad+2, "")
			continue
		}
		p.line(indent + flagName(m.k) + ": " + pyStr(m.v))
	}
}

// pyStr renders a JSON value as Python's str() renders the value json.loads
// gives: text as is, None, True, False, and lists and dicts as their repr.
func pyStr(v gjson.Result) string {
	if v.Type == gjson.String {
		return v.Str
	}
	return pyRepr(v)
}

// pyRepr renders a JSON value as Python's repr() of what json.loads gives.
func pyRepr(v gjson.Result) string {
	switch v.Type {
	case gjson.Null:
		return "None"
	case gjson.True:
		return "True"
	case gjson.False:
		return "False"
	case gjson.Number:
		return pyNumber(v.Raw)
	case gjson.String:
		return pyQuote(v.Str)
	}
	isObj := v.IsObject()
	if !isObj && !v.IsArray() {
		return v.Raw
	}
	var b strings.Builder
	b.WriteByte("[{"[btoi(isObj)])
	n := 0
	v.ForEach(func(k, e gjson.Result) bool {
		if n > 0 {
			b.WriteString(", ")
		}
		n++
		if isObj {
			b.WriteString(pyQuote(k.Str))
			b.WriteString(": ")
		}
		b.WriteString(pyRepr(e))
		return true
	})
	b.WriteByte("]}"[btoi(isObj)])
	return b.String()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pyNumber renders a JSON number as Python prints the int or float
// json.loads makes of it: 3, 1.5, 100.0, 1e+20, 1.5e-05.
func pyNumber(raw string) string {
	if !strings.ContainsAny(raw, ".eE") {
		return raw
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	if abs := math.Abs(f); f != 0 && (abs < 1e-4 || abs >= 1e16) {
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// pyQuote renders text as Python's repr() of a str: single quotes, or
// double quotes when the text holds a single quote and no double quote.
func pyQuote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatInt(int64(r)|0x100, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}
