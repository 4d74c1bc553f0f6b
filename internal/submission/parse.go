package submission

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"baocao/internal/catalog"
)

// Rate parts, for paths that enter them as separate inputs (web, Excel).
const (
	PartNumerator   = "num"
	PartDenominator = "den"
)

// MaxTextLength bounds a text value or a narrative, in characters: what one
// spreadsheet cell holds (32,767), so a workbook round trip never cuts text.
const MaxTextLength = 32000

// Entry is one cell's input from any path: the API sends JSON, the web form
// and workbooks send text.
type Entry struct {
	Indicator      string
	Disaggregation Disaggregation
	// Part is PartNumerator or PartDenominator for one part of a rate
	// entered as text; empty otherwise.
	Part string
	// JSON is the API's value: a number, string, boolean, null, or for a
	// rate {"numerator": n, "denominator": d}.
	JSON json.RawMessage
	// Text is the typed text of a web input or workbook cell; "" clears.
	Text *string
	// Where locates the input for messages ("'Biểu 1'!D12").
	Where string
}

// Codes of malformed entries.
const (
	ErrUnknownIndicator = "unknown_indicator"
	ErrUnknownDimension = "unknown_dimension"
	ErrUnknownOption    = "unknown_option"
	ErrMissingDimension = "missing_dimension"
	ErrWrongType        = "wrong_type"
	ErrNegative         = "negative"
	ErrFraction         = "fraction"
	ErrTooLong          = "too_long"
	ErrUnknownNarrative = "unknown_narrative"
	ErrDuplicate        = "duplicate"
)

// ValueError is an entry malformed in itself; a request with any of them
// changes nothing.
type ValueError struct {
	Indicator      string
	Disaggregation Disaggregation
	Field          string // for narratives and explanations
	Code           string
	Message        string
	Where          string
}

// Change is what one request asks: entries, and narratives and
// explanations to set ("" clears). Cells not named keep their values.
type Change struct {
	Entries      []Entry
	Narratives   map[string]string
	Explanations map[string]string
}

// Apply parses change onto base. It returns the new content, or every
// malformed entry and no content.
func Apply(f *FormSpec, base Content, ch Change) (Content, []ValueError) {
	out := base.Clone()
	var errs []ValueError
	type part struct {
		key  Key
		part string
	}
	seen := make(map[part]bool, len(ch.Entries))
	for _, e := range ch.Entries {
		fail := func(code string, args ...any) {
			errs = append(errs, ValueError{Indicator: e.Indicator, Disaggregation: e.Disaggregation, Code: code,
				Message: message(code, args...), Where: e.Where})
		}
		is, ok := f.Indicator(e.Indicator)
		if !ok {
			fail(ErrUnknownIndicator, e.Indicator)
			continue
		}
		key, code, arg := cellFor(is, e.Disaggregation)
		if code != "" {
			fail(code, arg)
			continue
		}
		if seen[part{key, e.Part}] {
			fail(ErrDuplicate)
			continue
		}
		seen[part{key, e.Part}] = true
		prev := out.Values[key]
		v, code := parseEntry(is, e, prev)
		if code != "" {
			errs = append(errs, ValueError{Indicator: e.Indicator, Disaggregation: e.Disaggregation, Code: code,
				Message: refusal(code, is, e), Where: e.Where})
			continue
		}
		if v.Empty() {
			delete(out.Values, key)
		} else {
			out.Values[key] = v
		}
	}
	for _, k := range sortedStrings(ch.Narratives) {
		text := ch.Narratives[k]
		if !f.HasNarrative(k) {
			errs = append(errs, ValueError{Field: "narratives." + k, Code: ErrUnknownNarrative, Message: message(ErrUnknownNarrative, k)})
			continue
		}
		if utf8.RuneCountInString(text) > MaxTextLength {
			errs = append(errs, ValueError{Field: "narratives." + k, Code: ErrTooLong, Message: message(ErrTooLong)})
			continue
		}
		if strings.TrimSpace(text) == "" {
			delete(out.Narratives, k)
		} else {
			out.Narratives[k] = text
		}
	}
	for _, k := range sortedStrings(ch.Explanations) {
		text := ch.Explanations[k]
		if _, ok := f.Indicator(k); !ok {
			errs = append(errs, ValueError{Field: "explanations." + k, Indicator: k, Code: ErrUnknownIndicator, Message: message(ErrUnknownIndicator, k)})
			continue
		}
		if utf8.RuneCountInString(text) > MaxTextLength {
			errs = append(errs, ValueError{Field: "explanations." + k, Code: ErrTooLong, Message: message(ErrTooLong)})
			continue
		}
		if strings.TrimSpace(text) == "" {
			delete(out.Explanations, k)
		} else {
			out.Explanations[k] = text
		}
	}
	if len(errs) > 0 {
		return Content{}, errs
	}
	return out, nil
}

// cellFor resolves a disaggregation to the indicator's cell.
func cellFor(is *IndicatorSpec, d Disaggregation) (Key, string, string) {
	for dim := range d {
		found := false
		for _, dd := range is.Dims {
			found = found || dd.Code == dim
		}
		if !found {
			return "", ErrUnknownDimension, dim
		}
	}
	for _, dd := range is.Dims {
		opt, ok := d[dd.Code]
		if !ok {
			if len(d) == 0 && is.Total == catalog.TotalEntered {
				continue // the entered total
			}
			return "", ErrMissingDimension, dd.Code
		}
		valid := false
		for _, o := range dd.Options {
			valid = valid || o.Code == opt
		}
		if !valid {
			return "", ErrUnknownOption, dd.Code + "=" + opt
		}
	}
	return CellKey(is.Code, is.Indicator.Dimensions, d), "", ""
}

func parseEntry(is *IndicatorSpec, e Entry, prev Value) (Value, string) {
	if e.Text != nil {
		return parseText(is, e.Part, *e.Text, prev)
	}
	return parseJSON(is, e.JSON)
}

// parseJSON reads a value sent as JSON: a number, a string, true or
// false, or a rate's {"numerator", "denominator"} (each a whole number or
// null), as the indicator's value type asks; null is no value.
func parseJSON(is *IndicatorSpec, raw json.RawMessage) (Value, string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return Value{}, ""
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
		num, code := jsonWhole(parts.Numerator)
		if code != "" {
			return Value{}, code
		}
		den, code := jsonWhole(parts.Denominator)
		if code != "" {
			return Value{}, code
		}
		return Value{Num: num, Den: den}, ""
	}
	f, ok := jsonNumber(raw)
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
	f, ok := jsonNumber(raw)
	if !ok {
		return nil, ErrWrongType
	}
	if code := checkNumber(catalog.TypeCount, f); code != "" {
		return nil, code
	}
	return &f, ""
}

// jsonNumber reads a JSON number; a quoted one is not a number here.
func jsonNumber(raw []byte) (float64, bool) {
	var f float64
	return f, raw[0] != '"' && json.Unmarshal(raw, &f) == nil
}

// checkNumber applies what a value type demands of any number.
func checkNumber(valueType string, f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ErrWrongType
	}
	switch valueType {
	case catalog.TypeCount:
		if f < 0 {
			return ErrNegative
		}
		if f != math.Trunc(f) {
			return ErrFraction
		}
	case catalog.TypeAmount:
		if f < 0 {
			return ErrNegative
		}
	}
	return ""
}

func parseText(is *IndicatorSpec, part, s string, prev Value) (Value, string) {
	s = strings.TrimSpace(s)
	switch is.ValueType {
	case catalog.TypeText:
		if s == "" {
			return Value{}, ""
		}
		if utf8.RuneCountInString(s) > MaxTextLength {
			return Value{}, ErrTooLong
		}
		return Value{Text: &s}, ""
	case catalog.TypeBoolean:
		switch strings.ToLower(s) {
		case "":
			return Value{}, ""
		case "có", "co", "x", "true", "1", "yes":
			b := true
			return Value{Bool: &b}, ""
		case "không", "khong", "false", "0", "no":
			b := false
			return Value{Bool: &b}, ""
		}
		return Value{}, ErrWrongType
	case catalog.TypeRate:
		var p *float64
		if s != "" {
			f, ok := ParseNumber(s)
			if !ok {
				return Value{}, ErrWrongType
			}
			if code := checkNumber(catalog.TypeCount, f); code != "" {
				return Value{}, code
			}
			p = &f
		}
		v := Value{Num: prev.Num, Den: prev.Den}
		if part == PartDenominator {
			v.Den = p
		} else {
			v.Num = p
		}
		return v, ""
	}
	if s == "" {
		return Value{}, ""
	}
	f, ok := ParseNumber(s)
	if !ok {
		return Value{}, ErrWrongType
	}
	if code := checkNumber(is.ValueType, f); code != "" {
		return Value{}, code
	}
	return Value{Number: &f}, ""
}

var thousands = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+(,\d+)?$`)

// ParseNumber reads a number as Vietnamese users type it: "1.234.567" or
// "1 234" for thousands, "12,5" for decimals; "12.5" is read as a decimal
// point when it cannot be thousands.
func ParseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	s = strings.ReplaceAll(s, "\u00a0", "")
	if s == "" {
		return 0, false
	}
	switch {
	case thousands.MatchString(s):
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case strings.Count(s, ",") == 1 && !strings.Contains(s, "."):
		s = strings.Replace(s, ",", ".", 1)
	case strings.Contains(s, ","):
		// "1,234.5": English thousands separators.
		s = strings.ReplaceAll(s, ",", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func sortedStrings(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
