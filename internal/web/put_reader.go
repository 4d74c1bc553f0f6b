package web

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"baocao/internal/submission"
)

// The pieces putReader reads a body with: each checks JSON's grammar as
// it goes and reports false on anything it does not take, leaving the
// decision to encoding/json.

// object reads an object, calling field with each key's raw bytes (keys
// with escapes are not taken) when positioned on its value.
func (p *putReader) object(field func(key []byte) bool) bool {
	p.space()
	if !p.next('{') {
		return false
	}
	p.space()
	if p.next('}') {
		return true
	}
	for {
		p.space()
		key, ok := p.plainString()
		if !ok {
			return false
		}
		p.space()
		if !p.next(':') {
			return false
		}
		p.space()
		if !field(key) {
			return false
		}
		p.space()
		if p.next('}') {
			return true
		}
		if !p.next(',') {
			return false
		}
	}
}

// integer reads a whole number that fits an int, written without fraction
// or exponent.
func (p *putReader) integer() (int, bool) {
	start := p.i
	p.next('-')
	digits := p.i
	for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
		p.i++
	}
	if p.i == digits || (p.data[digits] == '0' && p.i > digits+1) {
		return 0, false
	}
	if p.i < len(p.data) && (p.data[p.i] == '.' || p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		return 0, false
	}
	n, err := strconv.ParseInt(string(p.data[start:p.i]), 10, strconv.IntSize)
	return int(n), err == nil
}

// string reads a string and decodes it as encoding/json does.
func (p *putReader) string() (string, bool) {
	if p.i >= len(p.data) || p.data[p.i] != '"' {
		return "", false
	}
	start := p.i
	if !p.skipString() {
		return "", false
	}
	return decodeString(p.data[start+1 : p.i-1])
}

// plainString reads a string and returns its raw contents: a key, which
// decodeString decodes where needed.
func (p *putReader) plainString() ([]byte, bool) {
	if p.i >= len(p.data) || p.data[p.i] != '"' {
		return nil, false
	}
	start := p.i
	if !p.skipString() {
		return nil, false
	}
	return p.data[start+1 : p.i-1], true
}

// decodeString decodes a string's contents (without the quotes): as they
// are when they hold no escape and are valid UTF-8, else by encoding/json
// itself, which also replaces invalid UTF-8.
func decodeString(raw []byte) (string, bool) {
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw), true
	}
	quoted := make([]byte, 0, len(raw)+2)
	quoted = append(append(append(quoted, '"'), raw...), '"')
	var s string
	return s, json.Unmarshal(quoted, &s) == nil
}

// skipString moves past a well-formed string starting at the quote.
func (p *putReader) skipString() bool {
	p.i++
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			p.i++
			if p.i >= len(p.data) {
				return false
			}
			switch p.data[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				if p.i+4 >= len(p.data) {
					return false
				}
				for _, h := range p.data[p.i+1 : p.i+5] {
					if !isHex(h) {
						return false
					}
				}
				p.i += 5
			default:
				return false
			}
		default:
			p.i++
		}
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// skipValue moves past one well-formed JSON value.
func (p *putReader) skipValue(depth int) bool {
	if p.i >= len(p.data) || depth > maxDepth {
		return false
	}
	switch c := p.data[p.i]; {
	case c == '"':
		return p.skipString()
	case c == '{':
		return p.object(func([]byte) bool { return p.skipValue(depth + 1) })
	case c == '[':
		p.i++
		p.space()
		if p.next(']') {
			return true
		}
		for {
			p.space()
			if !p.skipValue(depth + 1) {
				return false
			}
			p.space()
			if p.next(']') {
				return true
			}
			if !p.next(',') {
				return false
			}
		}
	case c == '-' || c >= '0' && c <= '9':
		n := submission.JSONNumberLength(p.data[p.i:])
		p.i += n
		return n > 0
	}
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(p.data[p.i:], []byte(lit)) {
			p.i += len(lit)
			return true
		}
	}
	return false
}

func (p *putReader) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *putReader) next(c byte) bool {
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}
