package base

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

func BenchmarkValidJSON(b *testing.B) {
	raw, err := os.ReadFile("../testdata/project.json")
	if err != nil {
		b.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		b.Fatal(err)
	}
	for name, data := range map[string][]byte{"indented": raw, "compact": compact.Bytes()} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !validJSON(data) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
