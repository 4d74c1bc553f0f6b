package submission

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"baocao/internal/catalog"
)

// The API sends every value of a form as JSON. The usual ones (a number,
// a plain string, true or false, a rate's two numbers) are read here
// directly; anything else goes through encoding/json as before, so both
// ways give the same value or the same refusal.

func parseJSON(is *IndicatorSpec, raw json.RawMessage) (Value, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return Value{}, ""
	}
	switch is.ValueType {
	case catalog.TypeText:
		s, ok := plainJSONString(raw)
		if !ok && json.Unmarshal(raw, &s) != nil {
			return Value{}, ErrWrongType
		}
		if utf8.RuneCountInString(s) > MaxTextLength {
			return Value{}, ErrTooLong
		}
		return Value{Text: &s}, ""
	case catalog.TypeBoolean:
		var b bool
		switch string(raw) {
		case "true":
			b = true
		case "false":
		default:
			if json.Unmarshal(raw, &b) != nil {
				return Value{}, ErrWrongType
			}
		}
		return Value{Bool: &b}, ""
	case catalog.TypeRate:
		numerator, denominator, ok := plainRate(raw)
		if !ok {
			var parts struct {
				Numerator   json.RawMessage `json:"numerator"`
				Denominator json.RawMessage `json:"denominator"`
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if raw[0] != '{' || dec.Decode(&parts) != nil {
				return Value{}, ErrWrongType
			}
			numerator, denominator = parts.Numerator, parts.Denominator
		}
		num, code := jsonWhole(numerator)
		if code != "" {
			return Value{}, code
		}
		den, code := jsonWhole(denominator)
		if code != "" {
			return Value{}, code
		}
		return Value{Num: num, Den: den}, ""
	}
	f, ok := jsonFloat(raw)
	if !ok {
		return Value{}, ErrWrongType
	}
	if code := checkNumber(is.ValueType, f); code != "" {
		return Value{}, code
	}
	return Value{Number: &f}, ""
}

// jsonWhole reads a rate part: a whole number at least 0, or null.
func jsonWhole(raw json.RawMessage) (*float64, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, ""
	}
	f, ok := jsonFloat(raw)
	if !ok {
		return nil, ErrWrongType
	}
	if code := checkNumber(catalog.TypeCount, f); code != "" {
		return nil, code
	}
	return &f, ""
}

// jsonFloat reads raw as a float64 the way json.Unmarshal does (a string is
// refused, though Unmarshal would take a quoted number for no field here).
func jsonFloat(raw []byte) (float64, bool) {
	if len(raw) == 0 || raw[0] == '"' {
		return 0, false
	}
	if JSONNumberLength(raw) == len(raw) {
		// What encoding/json does with a number literal.
		f, err := strconv.ParseFloat(string(raw), 64)
		return f, err == nil
	}
	var f float64
	return f, json.Unmarshal(raw, &f) == nil
}

// JSONNumberLength is the length of the JSON number at the start of b: its
// longest prefix that is one, 0 when b does not start with a number.
func JSONNumberLength(b []byte) int {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digitsEnd(b, i+1)
	default:
		return 0
	}
	if i+1 < len(b) && b[i] == '.' && isDigit(b[i+1]) {
		i = digitsEnd(b, i+2)
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		j := i + 1
		if j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if j < len(b) && isDigit(b[j]) {
			i = digitsEnd(b, j+1)
		}
	}
	return i
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitsEnd(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

// plainJSONString reads raw when it is one string without escapes, in
// valid UTF-8: its contents are then the decoded string.
func plainJSONString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	if !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}

// plainRate splits raw when it is {"numerator": n, "denominator": d}
// exactly: both names as written, each at most once, numbers or null.
func plainRate(raw []byte) (numerator, denominator []byte, ok bool) {
	i := 0
	space := func() {
		for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
			i++
		}
	}
	if len(raw) == 0 || raw[0] != '{' {
		return nil, nil, false
	}
	i++
	space()
	if i < len(raw) && raw[i] == '}' {
		return nil, nil, i+1 == len(raw)
	}
	for {
		space()
		var part *[]byte
		switch {
		case bytes.HasPrefix(raw[i:], []byte(`"numerator"`)):
			part, i = &numerator, i+len(`"numerator"`)
		case bytes.HasPrefix(raw[i:], []byte(`"denominator"`)):
			part, i = &denominator, i+len(`"denominator"`)
		default:
			return nil, nil, false
		}
		if *part != nil {
			return nil, nil, false
		}
		space()
		if i >= len(raw) || raw[i] != ':' {
			return nil, nil, false
		}
		i++
		space()
		n := JSONNumberLength(raw[i:])
		if n == 0 && bytes.HasPrefix(raw[i:], []byte("null")) {
			n = len("null")
		}
		if n == 0 {
			return nil, nil, false
		}
		*part, i = raw[i:i+n], i+n
		space()
		if i < len(raw) && raw[i] == '}' {
			return numerator, denominator, i+1 == len(raw)
		}
		if i >= len(raw) || raw[i] != ',' {
			return nil, nil, false
		}
		i++
	}
}
