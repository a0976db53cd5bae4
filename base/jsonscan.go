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

type jsonScanner struct {
	b     []byte
	i     int
	depth int
}

// validJSON reports whether b is exactly one valid JSON value (surrounding
// white space allowed).
func validJSON(b []byte) bool {
	s := jsonScanner{b: b}
	if s.value() != nil {
		return false
	}
	s.ws()
	return s.i == len(b)
}

// splitJSONArray validates b as one JSON array and calls fn with the bounds
// of each element, in order; fn returning false stops the scan (the rest is
// then not validated). It returns errJSON for anything but a valid array.
func splitJSONArray(b []byte, fn func(start, end int) bool) error {
	s := jsonScanner{b: b}
	s.ws()
	if s.i >= len(b) || b[s.i] != '[' {
		return errJSON
	}
	s.i++
	s.ws()
	if s.i < len(b) && b[s.i] == ']' {
		s.i++
	} else {
		for {
			s.ws()
			start := s.i
			if err := s.value(); err != nil {
				return err
			}
			if !fn(start, s.i) {
				return nil
			}
			s.ws()
			if s.i >= len(b) {
				return errJSON
			}
			if b[s.i] == ',' {
				s.i++
				continue
			}
			if b[s.i] != ']' {
				return errJSON
			}
			s.i++
			break
		}
	}
	s.ws()
	if s.i != len(b) {
		return errJSON
	}
	return nil
}

func (s *jsonScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\n', '\r', '\t':
			s.i++
		default:
			return
		}
	}
}

func (s *jsonScanner) value() error {
	s.ws()
	if s.i >= len(s.b) {
		return errJSON
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.str()
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	}
	return errJSON
}

func (s *jsonScanner) object() error {
	if s.depth++; s.depth > maxJSONDepth {
		return errJSON
	}
	s.i++ // {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '}' {
		s.i++
		s.depth--
		return nil
	}
	for {
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != '"' {
			return errJSON
		}
		if err := s.str(); err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.b) || s.b[s.i] != ':' {
			return errJSON
		}
		s.i++
		if err := s.value(); err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.b) {
			return errJSON
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			s.depth--
			return nil
		default:
			return errJSON
		}
	}
}

func (s *jsonScanner) array() error {
	if s.depth++; s.depth > maxJSONDepth {
		return errJSON
	}
	s.i++ // [
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == ']' {
		s.i++
		s.depth--
		return nil
	}
	for {
		if err := s.value(); err != nil {
			return err
		}
		s.ws()
		if s.i >= len(s.b) {
			return errJSON
		}
		switch s.b[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			s.depth--
			return nil
		default:
			return errJSON
		}
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
	return ((q - ones) &^ q & highs) | ((bs - ones) &^ bs & highs) | ((x - ones*0x20) &^ x & highs)
}

func (s *jsonScanner) str() error {
	s.i++ // opening quote
	b := s.b
	for {
		for s.i+8 <= len(b) {
			if m := special(binary.LittleEndian.Uint64(b[s.i:])); m != 0 {
				s.i += bits.TrailingZeros64(m) / 8
				break
			}
			s.i += 8
		}
		if s.i >= len(b) {
			return errJSON
		}
		switch c := b[s.i]; {
		case c == '"':
			s.i++
			return nil
		case c == '\\':
			if s.i+1 >= len(b) {
				return errJSON
			}
			switch b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(b) {
					return errJSON
				}
				for _, h := range b[s.i+2 : s.i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return errJSON
					}
				}
				s.i += 6
			default:
				return errJSON
			}
		case c < 0x20:
			return errJSON
		default:
			s.i++
		}
	}
}

func (s *jsonScanner) literal(word string) error {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return errJSON
	}
	s.i += len(word)
	return nil
}

func (s *jsonScanner) number() error {
	b := s.b
	if b[s.i] == '-' {
		s.i++
	}
	digits := func() int {
		n := 0
		for s.i < len(b) && '0' <= b[s.i] && b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.i < len(b) && b[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return errJSON
	}
	if s.i < len(b) && b[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return errJSON
		}
	}
	if s.i < len(b) && (b[s.i] == 'e' || b[s.i] == 'E') {
		s.i++
		if s.i < len(b) && (b[s.i] == '+' || b[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return errJSON
		}
	}
	return nil
}
