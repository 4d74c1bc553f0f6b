package submission

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"

	"baocao/internal/catalog"
)

// referenceParseJSON is parseJSON as it was before its fast ways:
// encoding/json for every value. parseJSON must give exactly what it gives.
func referenceParseJSON(is *IndicatorSpec, raw json.RawMessage) (Value, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return Value{}, ""
	}
	whole := func(raw json.RawMessage) (*float64, string) {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 || string(raw) == "null" {
			return nil, ""
		}
		var f float64
		if raw[0] == '"' || json.Unmarshal(raw, &f) != nil {
			return nil, ErrWrongType
		}
		if code := checkNumber(catalog.TypeCount, f); code != "" {
			return nil, code
		}
		return &f, ""
	}
	switch is.ValueType {
	case catalog.TypeText:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return Value{}, ErrWrongType
		}
		if utf8.RuneCountInString(s) > MaxTextLength {
			return Value{}, ErrTooLong
		}
		return Value{Text: &s}, ""
	case catalog.TypeBoolean:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return Value{}, ErrWrongType
		}
		return Value{Bool: &b}, ""
	case catalog.TypeRate:
		var parts struct {
			Numerator   json.RawMessage `json:"numerator"`
			Denominator json.RawMessage `json:"denominator"`
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if raw[0] != '{' || dec.Decode(&parts) != nil {
			return Value{}, ErrWrongType
		}
		num, code := whole(parts.Numerator)
		if code != "" {
			return Value{}, code
		}
		den, code := whole(parts.Denominator)
		if code != "" {
			return Value{}, code
		}
		return Value{Num: num, Den: den}, ""
	}
	var f float64
	if raw[0] == '"' || json.Unmarshal(raw, &f) != nil {
		return Value{}, ErrWrongType
	}
	if code := checkNumber(is.ValueType, f); code != "" {
		return Value{}, code
	}
	return Value{Number: &f}, ""
}

var parseJSONSamples = []string{"0", "-0", "12", "1250.5", "-3", "1e3", "1E+3", "1e-7", "1e400", "-1e400", "01", "1.", ".5", "+1",
	"0x10", "1_000", "NaN", "Infinity", `"12"`, `""`, `"Đã kiện toàn"`, `"a\"b"`, `"\u00e0\n"`, "\"\xff\"", `"\ud800"`, "\"a\x01\"",
	"true", "false", "True", "tru", "null", " null ", "nul", "{}", "[]", "[1]", `{"numerator": 980, "denominator": 1000}`,
	`{"denominator":4,"numerator":3}`, `{"numerator": null}`, `{"numerator": 1.5}`, `{"numerator": -1}`, `{"numerator": "1"}`,
	`{"Numerator": 1}`, `{"numerator": 1, "numerator": 2}`, `{"numerator": 1, "extra": 2}`, `{"numerator": 1} x`, `{"numerator": 1}{}`,
	`{"numerator": 1,}`, `{"numerator": 1e2, "denominator": 0}`, `{ "numerator" : 1 , "denominator" : 2 }`, `{"numerator": tru}`,
	"1 2", "\t7\n", "123456789012345678901234567890"}

func TestParseJSON_SameAsEncodingJSON(t *testing.T) {
	types := []string{catalog.TypeCount, catalog.TypeNumber, catalog.TypeAmount, catalog.TypeRate, catalog.TypeText, catalog.TypeBoolean}
	check := func(raw []byte) {
		for _, vt := range types {
			is := &IndicatorSpec{Indicator: catalog.Indicator{ValueType: vt}}
			got, gotCode := parseJSON(is, raw)
			want, wantCode := referenceParseJSON(is, raw)
			if gotCode != wantCode || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %q: %+v %q, encoding/json's %+v %q", vt, raw, got, gotCode, want, wantCode)
			}
		}
	}
	for _, s := range parseJSONSamples {
		check([]byte(s))
	}
	pieces := []string{`"`, `\`, `{`, `}`, `,`, `:`, ` `, `null`, `-`, `0`, `9`, `.`, `e`, `+`, "\xff", `"numerator"`, `"denominator"`}
	r := rand.New(rand.NewPCG(2025, 11))
	for range 30000 {
		raw := []byte(parseJSONSamples[r.IntN(len(parseJSONSamples))])
		for range 1 + r.IntN(2) {
			at := r.IntN(len(raw) + 1)
			if r.IntN(2) == 0 || at == len(raw) {
				raw = append(raw[:at:at], append([]byte(pieces[r.IntN(len(pieces))]), raw[at:]...)...)
			} else {
				raw = append(raw[:at:at], raw[at+1:]...)
			}
		}
		check(raw)
	}
}
