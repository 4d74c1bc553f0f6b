package consolidate

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The scalars of the snapshot's JSON, written as encoding/json writes
// them, for contentHash.

// float formats like encoding/json: ES6 number formatting, the shortest
// representation, exponents beyond 1e21 and below 1e-6 without padding.
func (w *hashWriter) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		panic("consolidate: snapshot holds " + strconv.FormatFloat(f, 'g', -1, 64)) // json.Marshal refused these too
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 && (f != 0 || !math.Signbit(f)) {
		// Whole numbers, most figures: their shortest form is the integer.
		w.buf = strconv.AppendInt(w.buf, int64(f), 10)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.buf = strconv.AppendFloat(w.buf, f, format, -1, 64)
	if n := len(w.buf); format == 'e' && n >= 4 && w.buf[n-4] == 'e' && w.buf[n-3] == '-' && w.buf[n-2] == '0' {
		w.buf[n-2] = w.buf[n-1]
		w.buf = w.buf[:n-1]
	}
}

// str writes a JSON string escaped as encoding/json escapes it: HTML
// characters and U+2028/U+2029 as \u escapes, invalid UTF-8 as U+FFFD.
func (w *hashWriter) str(s string) {
	w.buf = appendString(w.buf, s)
	if len(w.buf) >= cap(w.buf)-(4<<10) {
		w.flush()
	}
}

// appendString appends s as a JSON string, escaped as encoding/json does.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	if utf8.ValidString(s) {
		// Valid text (nearly all, Vietnamese included) needs no decoding:
		// only ASCII specials and the separators' lead byte are looked at.
		start := 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			if plainByte[c] || c == 0xE2 && !(i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)) {
				continue
			}
			b = append(b, s[start:i]...)
			if c == 0xE2 {
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 2
			} else {
				b = appendEscape(b, c)
			}
			start = i + 1
		}
		b = append(b, s[start:]...)
	} else {
		b = appendInvalid(b, s)
	}
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// plainByte marks the bytes of valid UTF-8 that str copies as they are:
// all but ASCII controls, the quote, the backslash, the HTML specials and
// 0xE2 (the lead byte of U+2028 and U+2029).
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0xE2
	}
	return t
}()

// appendEscape escapes one ASCII byte.
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// appendInvalid is str's path for a string that is not valid UTF-8,
// decoding rune by rune as encoding/json does.
func appendInvalid(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = appendEscape(append(b, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}
