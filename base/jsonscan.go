package base

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// A JSON validator that also finds the top-level elements of an array, in
// one pass. Validating a list page used to cost more than everything else the
// client does with it (gjson.ValidBytes, then a second pass to split it);
// here strings, most of GitLab's JSON, are scanned eight bytes at a time.

const maxJSONDepth = 10000

var errJSON = errors.New("malformed JSON")

// validJSON reports whether b is exactly one valid JSON value (surrounding
// white space allowed).
func validJSON(b []byte) bool {
	i, ok := scanValue(b, skipWS(b, 0))
	return ok && skipWS(b, i) == len(b)
}

// splitJSONArray validates b as one JSON array and calls fn with the bounds
// of each element, in order; fn returning false stops the scan (the rest is
// then not validated). It returns errJSON for anything but a valid array.
func splitJSONArray(b []byte, fn func(start, end int) bool) error {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '[' {
		return errJSON
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		i++
	} else {
		for {
			i = skipWS(b, i)
			start := i
			end, ok := scanValue(b, i)
			if !ok {
				return errJSON
			}
			if !fn(start, end) {
				return nil
			}
			i = skipWS(b, end)
			if i >= len(b) {
				return errJSON
			}
			if b[i] == ',' {
				i++
				continue
			}
			if b[i] != ']' {
				return errJSON
			}
			i++
			break
		}
	}
	if skipWS(b, i) != len(b) {
		return errJSON
	}
	return nil
}

func skipWS(b []byte, i int) int {
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	return i
}

// isJSONSpace reports whether c is white space in JSON (RFC 8259): space,
// tab, line feed or carriage return, and nothing else (not \f, \v, NBSP or
// U+2028, which bytes.TrimSpace would also remove).
func isJSONSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// trimJSONSpace removes the JSON white space around a body, and only that:
// what is left is a JSON value exactly when the body is one.
func trimJSONSpace(b []byte) []byte {
	i, j := skipWS(b, 0), len(b)
	for j > i && isJSONSpace(b[j-1]) {
		j--
	}
	return b[i:j]
}

// scanValue validates the JSON value starting at b[i] (no white space
// before it) and returns the index just past it. It is one loop over an
// explicit stack of open containers, to keep the cost per token low.
func scanValue(b []byte, i int) (int, bool) {
	var buf [32]byte
	stack := buf[:0] // '{' or '[' for each open container
	ok := true
	for {
		// A value is expected at i.
		i = skipWS(b, i)
		if i >= len(b) {
			return i, false
		}
		switch c := b[i]; {
		case c == '"':
			if i, ok = scanString(b, i+1); !ok {
				return i, false
			}
		case c == '{':
			if len(stack) == maxJSONDepth {
				return i, false // as deep as encoding/json accepts
			}
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == '}' {
				i++
				break
			}
			stack = append(stack, '{')
			goto key
		case c == '[':
			if len(stack) == maxJSONDepth {
				return i, false // as deep as encoding/json accepts
			}
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == ']' {
				i++
				break
			}
			stack = append(stack, '[')
			continue
		case c == 't':
			if i, ok = scanLiteral(b, i, "true"); !ok {
				return i, false
			}
		case c == 'f':
			if i, ok = scanLiteral(b, i, "false"); !ok {
				return i, false
			}
		case c == 'n':
			if i, ok = scanLiteral(b, i, "null"); !ok {
				return i, false
			}
		case c == '-' || '0' <= c && c <= '9':
			if i, ok = scanNumber(b, i); !ok {
				return i, false
			}
		default:
			return i, false
		}
		// A value ended at i: close containers, or go on to the next element.
		for {
			if len(stack) == 0 {
				return i, true
			}
			i = skipWS(b, i)
			if i >= len(b) {
				return i, false
			}
			top := stack[len(stack)-1]
			switch b[i] {
			case ',':
				i++
				if top == '{' {
					goto key
				}
			case '}':
				if top != '{' {
					return i, false
				}
				stack = stack[:len(stack)-1]
				i++
				continue
			case ']':
				if top != '[' {
					return i, false
				}
				stack = stack[:len(stack)-1]
				i++
				continue
			default:
				return i, false
			}
			break
		}
		continue
	key:
		// An object member is expected at i: "key": value.
		i = skipWS(b, i)
		if i >= len(b) || b[i] != '"' {
			return i, false
		}
		if i, ok = scanString(b, i+1); !ok {
			return i, false
		}
		i = skipWS(b, i)
		if i >= len(b) || b[i] != ':' {
			return i, false
		}
		i++
	}
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special marks, in each byte of x, a quote, a backslash or a control
// character; the lowest marked byte is exact (borrows only run upwards).
func special(x uint64) uint64 {
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	return ((q-ones)&^q | (bs-ones)&^bs | (x-ones*0x20)&^x) & highs
}

// scanString validates a string whose opening quote is just before b[i]
// and returns the index past its closing quote.
func scanString(b []byte, i int) (int, bool) {
	for {
	words:
		for i+16 <= len(b) {
			w := b[i : i+16 : i+16]
			if m := special(binary.LittleEndian.Uint64(w)); m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break words
			}
			if m := special(binary.LittleEndian.Uint64(w[8:])); m != 0 {
				i += 8 + bits.TrailingZeros64(m)/8
				break words
			}
			i += 16
		}
		if i+16 > len(b) {
			for i+8 <= len(b) {
				if m := special(binary.LittleEndian.Uint64(b[i:])); m != 0 {
					i += bits.TrailingZeros64(m) / 8
					break
				}
				i += 8
			}
		}
		if i >= len(b) {
			return i, false
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c == '\\':
			if i+1 >= len(b) {
				return i, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					return i, false
				}
				for _, h := range b[i+2 : i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return i, false
					}
				}
				i += 6
			default:
				return i, false
			}
		case c < 0x20:
			return i, false
		default:
			i++
		}
	}
}

func scanLiteral(b []byte, i int, word string) (int, bool) {
	if len(b)-i < len(word) || string(b[i:i+len(word)]) != word {
		return i, false
	}
	return i + len(word), true
}

func scanNumber(b []byte, i int) (int, bool) {
	if b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return i, false
		}
	}
	return i, true
}
