package submission

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Every save encodes a whole revision (hundreds of values) and its list of
// changes, and the API answers with the whole form. encoding/json spends
// most of that time on reflection and on sorting map keys through reflect;
// the appenders below write the very bytes it writes for the same values
// (json_test.go compares them), so what is stored and answered is unchanged.

// AppendJSON appends c encoded exactly as json.Marshal encodes it. Like
// json.Marshal it fails on a number that JSON cannot hold (NaN, ±Inf).
func (c Content) AppendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, `{"values":{`...)
	keys := make([]Key, 0, len(c.Values))
	for k := range c.Values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendJSONString(dst, string(k), true)
		dst = append(dst, ':')
		var err error
		if dst, err = c.Values[k].appendStored(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `},"narratives":`...)
	dst = AppendJSONStringMap(dst, c.Narratives, true)
	dst = append(dst, `,"explanations":`...)
	dst = AppendJSONStringMap(dst, c.Explanations, true)
	return append(dst, '}'), nil
}

// appendStored appends v as a revision stores it: the struct's fields in
// order, nil ones omitted.
func (v Value) appendStored(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	sep := false
	field := func(name string) {
		if sep {
			dst = append(dst, ',')
		}
		sep = true
		dst = append(dst, name...)
	}
	var err error
	for _, f := range [...]struct {
		name string
		p    *float64
	}{{`"number":`, v.Number}, {`"num":`, v.Num}, {`"den":`, v.Den}} {
		if f.p != nil {
			field(f.name)
			if dst, err = AppendJSONFloat(dst, *f.p); err != nil {
				return nil, err
			}
		}
	}
	if v.Text != nil {
		field(`"text":`)
		dst = AppendJSONString(dst, *v.Text, true)
	}
	if v.Bool != nil {
		field(`"bool":`)
		dst = strconv.AppendBool(dst, *v.Bool)
	}
	return append(dst, '}'), nil
}

// AppendAPIJSON appends v as the API shows it: what encoding/json writes
// for v.JSON() (with HTML escaping when escapeHTML, as json.Marshal does;
// without, as the API's encoder does).
func (v Value) AppendAPIJSON(dst []byte, escapeHTML bool) ([]byte, error) {
	switch {
	case v.Number != nil:
		return AppendJSONFloat(dst, *v.Number)
	case v.Num != nil || v.Den != nil:
		// A map's keys are sorted: denominator before numerator.
		return appendRate(dst, v.Num, v.Den)
	case v.Text != nil:
		return AppendJSONString(dst, *v.Text, escapeHTML), nil
	case v.Bool != nil:
		return strconv.AppendBool(dst, *v.Bool), nil
	}
	return append(dst, "null"...), nil
}

func appendRate(dst []byte, num, den *float64) ([]byte, error) {
	var err error
	dst = append(dst, `{"denominator":`...)
	if dst, err = appendFloatPtr(dst, den); err != nil {
		return nil, err
	}
	dst = append(dst, `,"numerator":`...)
	if dst, err = appendFloatPtr(dst, num); err != nil {
		return nil, err
	}
	return append(dst, '}'), nil
}

func appendFloatPtr(dst []byte, f *float64) ([]byte, error) {
	if f == nil {
		return append(dst, "null"...), nil
	}
	return AppendJSONFloat(dst, *f)
}

// AppendChangesJSON appends changes encoded exactly as json.Marshal
// encodes them.
func AppendChangesJSON(dst []byte, changes []CellChange) ([]byte, error) {
	if changes == nil {
		return append(dst, "null"...), nil
	}
	dst = append(dst, '[')
	var err error
	for i, ch := range changes {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"kind":`...)
		dst = AppendJSONString(dst, ch.Kind, true)
		dst = append(dst, `,"key":`...)
		dst = AppendJSONString(dst, ch.Key, true)
		dst = append(dst, `,"old":`...)
		if dst, err = appendChangeValue(dst, ch.Old); err != nil {
			return nil, err
		}
		dst = append(dst, `,"new":`...)
		if dst, err = appendChangeValue(dst, ch.New); err != nil {
			return nil, err
		}
		dst = append(dst, '}')
	}
	return append(dst, ']'), nil
}

// appendChangeValue appends one side of a change: what Value.JSON gives,
// or a narrative's text. Anything else goes through encoding/json.
func appendChangeValue(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case float64:
		return AppendJSONFloat(dst, x)
	case string:
		return AppendJSONString(dst, x, true), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case map[string]*float64:
		if len(x) == 2 {
			num, okN := x["numerator"]
			den, okD := x["denominator"]
			if okN && okD {
				return appendRate(dst, num, den)
			}
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

// AppendJSONStringMap appends m as encoding/json writes a map of strings:
// keys sorted, nil as an empty object (as Content.MarshalJSON has it), and
// <, > and & escaped when escapeHTML is set (json.Marshal) or not
// (an Encoder with SetEscapeHTML(false)).
func AppendJSONStringMap[M ~map[string]string](dst []byte, m M, escapeHTML bool) []byte {
	var small [16]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendJSONString(dst, k, escapeHTML)
		dst = append(dst, ':')
		dst = AppendJSONString(dst, m[k], escapeHTML)
	}
	return append(dst, '}')
}

// AppendJSONFloat appends f as encoding/json writes a float64: like
// strconv's shortest form, with exponents only for very small or very
// large magnitudes, and an error for NaN and infinities.
func AppendJSONFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9.
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s quoted as encoding/json quotes it: control
// characters, quotes and backslashes escaped, invalid UTF-8 replaced by
// U+FFFD, U+2028 and U+2029 escaped, and <, > and & escaped when
// escapeHTML (json.Marshal does; an Encoder with SetEscapeHTML(false) not).
func AppendJSONString(dst []byte, s string, escapeHTML bool) []byte {
	safe := &safeASCII
	if escapeHTML {
		safe = &safeASCIIHTML
	}
	// Texts are Vietnamese: mostly multi-byte letters. In valid UTF-8 the
	// only ones to escape are U+2028 and U+2029 (E2 80 A8/A9), so there
	// the letters need not be decoded one by one.
	valid := utf8.ValidString(s)
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		if valid {
			if b == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				dst = append(dst, s[start:i]...)
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
				i += 3
				start = i
				continue
			}
			i++
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// safeASCII and safeASCIIHTML mark the ASCII bytes written as they are,
// without and with HTML escaping.
var safeASCII, safeASCIIHTML = func() (plain, html [utf8.RuneSelf]bool) {
	for b := range utf8.RuneSelf {
		plain[b] = b >= 0x20 && b != '"' && b != '\\'
		html[b] = plain[b] && b != '<' && b != '>' && b != '&'
	}
	return plain, html
}()
