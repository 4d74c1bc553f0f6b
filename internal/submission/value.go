package submission

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Value is what one cell holds. Exactly one field is set for an entered
// value: Number (count, number, amount), Num and Den (rate parts; either may
// be missing while a draft is incomplete), Text or Bool.
type Value struct {
	Number *float64 `json:"number,omitempty"`
	Num    *float64 `json:"num,omitempty"`
	Den    *float64 `json:"den,omitempty"`
	Text   *string  `json:"text,omitempty"`
	Bool   *bool    `json:"bool,omitempty"`
}

// Empty reports whether nothing is entered.
func (v Value) Empty() bool {
	return v.Number == nil && v.Num == nil && v.Den == nil && v.Text == nil && v.Bool == nil
}

// Equal reports whether two values are the same entry.
func (v Value) Equal(o Value) bool {
	return eqF(v.Number, o.Number) && eqF(v.Num, o.Num) && eqF(v.Den, o.Den) &&
		((v.Text == nil) == (o.Text == nil) && (v.Text == nil || *v.Text == *o.Text)) &&
		((v.Bool == nil) == (o.Bool == nil) && (v.Bool == nil || *v.Bool == *o.Bool))
}

func eqF(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// Ratio is a rate's value in its unit of measure, if both parts allow it.
func (v Value) Ratio(scale float64) (float64, bool) {
	if v.Num == nil || v.Den == nil || *v.Den == 0 {
		return 0, false
	}
	return *v.Num / *v.Den * scale, true
}

// JSON is the value as the API shows it: a number, a string, a boolean,
// {"numerator","denominator"} for a rate, or null.
func (v Value) JSON() any {
	switch {
	case v.Number != nil:
		return *v.Number
	case v.Num != nil || v.Den != nil:
		return map[string]*float64{"numerator": v.Num, "denominator": v.Den}
	case v.Text != nil:
		return *v.Text
	case v.Bool != nil:
		return *v.Bool
	}
	return nil
}

// FormatSize shows a size of a file as people read it, the Vietnamese way:
// "812 byte", "9,5 KB", "326 KB", "1,2 MB". It counts in the largest unit
// of which there are at least 1000/1024 (so never "1.017 KB"); below a
// hundred units it keeps one decimal, above it none; either way it rounds
// up, so that a file just over a limit never reads as equal to it.
func FormatSize(n int64) string {
	units := []struct {
		size int64
		name string
	}{{1 << 30, "GB"}, {1 << 20, "MB"}, {1 << 10, "KB"}}
	for _, u := range units {
		if n*1024 < u.size*1000 {
			continue
		}
		v := float64(n) / float64(u.size)
		if v >= 100 {
			v = math.Ceil(v)
		} else {
			v = math.Ceil(v*10) / 10
		}
		return Format(v) + " " + u.name
	}
	return Format(float64(n)) + " byte"
}

// Format shows a number the Vietnamese way: "." between thousands, ","
// before decimals.
func Format(f float64) string {
	neg := f < 0
	f = math.Abs(f)
	s := strconv.FormatFloat(f, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		if len(frac) > 4 {
			frac = strconv.FormatFloat(f, 'f', 2, 64)
			_, frac, _ = strings.Cut(frac, ".")
		}
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Content is everything a revision holds.
type Content struct {
	Values     map[Key]Value     `json:"values"`
	Narratives map[string]string `json:"narratives"`
	// Explanations justify warnings, by indicator code.
	Explanations map[string]string `json:"explanations"`
}

// NewContent returns empty content.
func NewContent() Content {
	return Content{Values: map[Key]Value{}, Narratives: map[string]string{}, Explanations: map[string]string{}}
}

// Clone copies c deeply enough to change the copy's maps.
func (c Content) Clone() Content {
	// Sized up front: a full form's values would otherwise grow the map
	// several times over.
	out := Content{Values: make(map[Key]Value, len(c.Values)), Narratives: make(map[string]string, len(c.Narratives)),
		Explanations: make(map[string]string, len(c.Explanations))}
	for k, v := range c.Values {
		out.Values[k] = v
	}
	for k, v := range c.Narratives {
		out.Narratives[k] = v
	}
	for k, v := range c.Explanations {
		out.Explanations[k] = v
	}
	return out
}

// MarshalJSON keeps maps non-null.
func (c Content) MarshalJSON() ([]byte, error) {
	type plain Content
	p := plain(c)
	if p.Values == nil {
		p.Values = map[Key]Value{}
	}
	if p.Narratives == nil {
		p.Narratives = map[string]string{}
	}
	if p.Explanations == nil {
		p.Explanations = map[string]string{}
	}
	return json.Marshal(p)
}
