package base

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"sync"
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
	i, ok := scanValue(b, skipWS(b, 0), nil)
	return ok && skipWS(b, i) == len(b)
}

// scanObject is validJSON for a body that should be one object; distinct
// reports whether it is an object whose top-level keys are all distinct
// and unescaped (see keySet).
func scanObject(b []byte) (valid, distinct bool) {
	var keys keySet
	keys.reset()
	i, ok := scanValue(b, skipWS(b, 0), &keys)
	valid = ok && skipWS(b, i) == len(b)
	return valid, valid && !keys.odd
}

// splitJSONArray validates b as one JSON array and calls fn with the bounds
// of each element, in order, and whether the element's top-level keys are
// distinct (see keySet); fn returning false stops the scan (the rest is
// then not validated). It returns errJSON for anything but a valid array.
func splitJSONArray(b []byte, fn func(start, end int, distinct bool) bool) error {
	keys := keySets.Get().(*keySet)
	defer func() {
		// Forget the keys: they point into this page.
		clear(keys.prev[:cap(keys.prev)])
		clear(keys.cur[:cap(keys.cur)])
		keySets.Put(keys)
	}()
	keys.track, keys.n, keys.odd, keys.prev = true, 0, false, keys.prev[:0]
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
			keys.reset()
			end, ok := scanValue(b, i, keys)
			if !ok {
				return errJSON
			}
			if !fn(start, end, !keys.odd) {
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

// keySet watches the top-level keys of one object while it is validated.
// An object whose keys are all distinct and unescaped (every object GitLab
// sends) can be read by its first match; one whose keys repeat or hold
// escapes is odd: its reads must look at every member, the last of a name
// winning as in encoding/json.
//
// The objects of a page nearly always have the same keys in the same order:
// while an object's keys equal, one by one, those of the distinct object
// before it, it is distinct too, at the cost of a comparison per key. From
// the first key that differs, keys are told apart by a 32-bit hash in a
// small table, so a collision (about one object in 10^6 with 100 keys) only
// makes reads of that object slower, never wrong.
type keySet struct {
	epoch uint32
	n     int
	odd   bool
	// same: every key so far equals prev's at its position (prev is the
	// keys of the object before, if it was distinct); cur is this
	// object's keys, sub-slices of the page, once they differ from prev's.
	same      bool
	track     bool // keep cur for the next object (the elements of an array)
	prev, cur [][]byte
	slots     [256]uint64 // epoch<<32 | hash; a slot of another epoch is free
}

// keySets keeps the key sets of pages split before (2 KB of table, and
// the slices of keys), for the next pages.
var keySets = sync.Pool{New: func() any { return new(keySet) }}

// reset empties the set for the next object.
func (k *keySet) reset() {
	switch {
	case k.track && !k.odd && k.same:
		k.prev = k.prev[:k.n] // this object's keys: prev's first n
	case k.track && !k.odd && k.n > 0:
		k.prev, k.cur = k.cur, k.prev
	default:
		k.prev = k.prev[:0]
	}
	k.cur = k.cur[:0]
	k.n, k.odd, k.same = 0, false, len(k.prev) > 0
	if !k.same {
		k.newEpoch()
	}
}

// newEpoch empties the table of hashes.
func (k *keySet) newEpoch() {
	k.epoch++
	if k.epoch == 0 { // wrapped: old slots could look current
		k.slots = [256]uint64{}
		k.epoch = 1
	}
}

// next checks whether the key whose string starts at b[start] (after its
// opening quote) is the one the object before had at this place; if so, it
// records it and returns the index past its closing quote, else 0. The
// earlier key was validated and holds no quote, backslash or control
// character, so bytes equal to it, then a quote, are a valid string: the
// key need not be scanned again.
func (k *keySet) next(b []byte, start int) int {
	if !k.same || k.n >= len(k.prev) {
		return 0
	}
	p := k.prev[k.n]
	end := start + len(p)
	if end >= len(b) || b[end] != '"' || string(b[start:end]) != string(p) {
		return 0
	}
	k.n++
	return end + 1
}

// add records one key (the bytes between its quotes).
func (k *keySet) add(key []byte, escaped bool) {
	if k.odd {
		return
	}
	if escaped || k.n >= 192 { // a fuller table would probe too long: read such objects member by member
		k.odd = true
		return
	}
	k.n++
	if k.same {
		// The first key that differs from prev's at its place (next did
		// not match it): the keys so far are prev's.
		k.same = false
		k.cur = append(k.cur[:0], k.prev[:k.n-1]...)
		k.newEpoch()
		for _, key := range k.cur {
			k.hash(key)
		}
	}
	if k.track {
		k.cur = append(k.cur, key)
	}
	k.hash(key)
}

// hash adds key to the table of hashes; a hash seen before makes the
// object odd.
func (k *keySet) hash(key []byte) {
	h := keyHash(key)
	cur := uint64(k.epoch) << 32
	for i := h >> 24; ; i = (i + 1) & 255 {
		switch e := k.slots[i]; {
		case e&^0xffffffff != cur:
			k.slots[i] = cur | uint64(h)
			return
		case uint32(e) == h:
			k.odd = true
			return
		}
	}
}

// keyHash hashes a key from its length and its first, middle and last
// bytes (up to eight of each).
func keyHash(key []byte) uint32 {
	var a, b, c uint64
	switch n := len(key); {
	case n >= 8:
		a = binary.LittleEndian.Uint64(key)
		b = binary.LittleEndian.Uint64(key[n-8:])
		c = binary.LittleEndian.Uint64(key[(n-8)/2:])
	case n >= 4:
		a = uint64(binary.LittleEndian.Uint32(key))
		b = uint64(binary.LittleEndian.Uint32(key[n-4:]))
	case n > 0:
		a = uint64(key[0]) | uint64(key[n/2])<<8 | uint64(key[n-1])<<16
	}
	h := (a ^ bits.RotateLeft64(b, 21) ^ bits.RotateLeft64(c, 42) ^ uint64(len(key))<<56) * 0x9E3779B97F4A7C15
	return uint32(h >> 32)
}

func skipWS(b []byte, i int) int {
	for i < len(b) && b[i] <= ' ' && isJSONSpace(b[i]) {
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
// explicit stack of open containers, to keep the cost per token low. keys,
// when not nil, is given the top-level keys of the value, if an object.
func scanValue(b []byte, i int, keys *keySet) (int, bool) {
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
			if i, ok, _ = scanString(b, i+1); !ok {
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
		start := i + 1
		if keys != nil && len(stack) == 1 {
			if end := keys.next(b, start); end > 0 {
				i = end // the same key as the object before's, at the same place
			} else {
				var escaped bool
				if i, ok, escaped = scanString(b, start); !ok {
					return i, false
				}
				keys.add(b[start:i-1], escaped)
			}
		} else if i, ok, _ = scanString(b, start); !ok {
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
// and returns the index past its closing quote, and whether the string
// holds escapes.
func scanString(b []byte, i int) (end int, ok, escaped bool) {
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
			return i, false, escaped
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, true, escaped
		case c == '\\':
			escaped = true
			if i+1 >= len(b) {
				return i, false, escaped
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					return i, false, escaped
				}
				for _, h := range b[i+2 : i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return i, false, escaped
					}
				}
				i += 6
			default:
				return i, false, escaped
			}
		case c < 0x20:
			return i, false, escaped
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
