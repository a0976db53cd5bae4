package base

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unsafe"

	"github.com/tidwall/gjson"
)

// benchProject reads testdata/project.json, as it is and compacted.
func benchProject(b *testing.B) (raw, compact []byte) {
	raw, err := os.ReadFile("../testdata/project.json")
	if err != nil {
		b.Fatal(err)
	}
	var c bytes.Buffer
	if err := json.Compact(&c, raw); err != nil {
		b.Fatal(err)
	}
	return raw, c.Bytes()
}

func BenchmarkValidJSON(b *testing.B) {
	raw, compact := benchProject(b)
	for name, data := range map[string][]byte{"indented": raw, "compact": compact} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !validJSON(data) {
					b.Fatal("invalid")
				}
			}
		})
		// What decoding an answer costs: validation and the check of its keys.
		b.Run(name+"/keys", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if valid, distinct := scanObject(data); !valid || !distinct {
					b.Fatal("invalid or repeated keys")
				}
			}
		})
	}
}

// BenchmarkObjectAttr reads one attribute of a 5 KB project: near its
// start, in the middle, and one it lacks.
func BenchmarkObjectAttr(b *testing.B) {
	raw, err := os.ReadFile("../testdata/project.json")
	if err != nil {
		b.Fatal(err)
	}
	_, distinct := scanObject(raw)
	o := NewObject(testCore(projectSpec, nil), raw)
	o.flags = distinctFlag(distinct)
	for _, name := range []string{"id", "path_with_namespace", "missing"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				o.Attr(name)
			}
		})
	}
}

// BenchmarkSplitPage splits a page of 100 projects (testdata/project.json,
// compact, about 500 KB) into its elements: the validating scan every list
// page goes through, against what a hand-written client does instead,
// gjson's ForEach, which checks nothing.
func BenchmarkSplitPage(b *testing.B) {
	_, one := benchProject(b)
	page := []byte("[" + strings.TrimSuffix(strings.Repeat(string(one)+",", 100), ",") + "]")
	b.Run("validating", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			n := 0
			if err := splitJSONArray(page, func(_, _ int, distinct bool) bool { n++; return distinct }); err != nil || n != 100 {
				b.Fatal(err, n)
			}
		}
	})
	b.Run("gjson", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			n := 0
			gjson.Parse(unsafe.String(&page[0], len(page))).ForEach(func(_, _ gjson.Result) bool { n++; return true })
			if n != 100 {
				b.Fatal(n)
			}
		}
	})
}
