package submission

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// jsonSamples are strings and numbers where encoding/json does something
// particular: escapes, invalid UTF-8, separators, exponent cut-offs.
var (
	jsonStrings = []string{"", "Đã kiện toàn Ban chỉ đạo.", "a\"b\\c", "<b>&amp;</b>", "line\nbreak\ttab\r\b\f\x00\x1f\x7f",
		"bad \xff\xfe utf8 \xe2\x82", "sep \u2028 and \u2029", "emoji 😀", "TQ01|SEX=M|AGE=TU_0_DUOI_6"}
	jsonFloats = []float64{0, math.Copysign(0, -1), 1, -1, 7, 1250.5, 98.1633, 0.1, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21,
		123456789012345678901234.0, -2.5e-300, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3}
)

// plainContent is Content as encoding/json sees it without the appenders.
type plainContent struct {
	Values       map[Key]Value     `json:"values"`
	Narratives   map[string]string `json:"narratives"`
	Explanations map[string]string `json:"explanations"`
}

func referenceJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// randomContent fills every kind of value, with the samples' strings and
// numbers in keys, texts and narratives.
func randomContent(r *rand.Rand) Content {
	c := NewContent()
	f := func() *float64 { x := jsonFloats[r.IntN(len(jsonFloats))]; return &x }
	s := func() string { return jsonStrings[r.IntN(len(jsonStrings))] + jsonStrings[r.IntN(len(jsonStrings))] }
	for i := range r.IntN(40) {
		var v Value
		switch r.IntN(6) {
		case 0:
			v.Number = f()
		case 1:
			v.Num, v.Den = f(), f()
		case 2:
			v.Num = f()
		case 3:
			text := s()
			v.Text = &text
		case 4:
			b := r.IntN(2) == 0
			v.Bool = &b
		}
		c.Values[Key(s()+string(rune('A'+i)))] = v
	}
	for range r.IntN(5) {
		c.Narratives[s()] = s()
	}
	for range r.IntN(3) {
		c.Explanations[s()] = s()
	}
	return c
}

func TestContent_AppendJSONMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 8))
	for i := range 500 {
		c := randomContent(r)
		got, err := c.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceJSON(t, plainContent(c))
		if !bytes.Equal(got, want) {
			t.Fatalf("content %d:\n got %s\nwant %s", i, got, want)
		}
		if m := referenceJSON(t, c); !bytes.Equal(m, want) {
			t.Fatalf("json.Marshal of content %d:\n got %s\nwant %s", i, m, want)
		}
		old := randomContent(r)
		changes := Diff(old, c)
		if got, err := AppendChangesJSON(nil, changes); err != nil || !bytes.Equal(got, referenceJSON(t, changes)) {
			t.Fatalf("changes %d (%v):\n got %s\nwant %s", i, err, got, referenceJSON(t, changes))
		}
		for k, v := range c.Values {
			for _, html := range []bool{true, false} {
				got, err := v.AppendAPIJSON(nil, html)
				var want bytes.Buffer
				enc := json.NewEncoder(&want)
				enc.SetEscapeHTML(html)
				if err2 := enc.Encode(v.JSON()); err != nil || err2 != nil {
					t.Fatal(err, err2)
				}
				if !bytes.Equal(append(got, '\n'), want.Bytes()) {
					t.Fatalf("value %s (escape HTML %v):\n got %s\nwant %s", k, html, got, want.Bytes())
				}
			}
		}
	}
	var empty Content
	if got, _ := empty.AppendJSON(nil); string(got) != `{"values":{},"narratives":{},"explanations":{}}` {
		t.Fatalf("zero content = %s", got)
	}
	if got, _ := AppendChangesJSON(nil, nil); string(got) != "null" {
		t.Fatalf("no changes = %s", got)
	}
}

func TestContent_AppendJSONRefusesNonFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		c := NewContent()
		c.Values["X"] = Value{Number: &f}
		if _, err := c.AppendJSON(nil); err == nil {
			t.Fatalf("%v encoded", f)
		}
		if _, err := json.Marshal(plainContent(c)); err == nil {
			t.Fatalf("encoding/json encodes %v: the appender should too", f)
		}
	}
}

// FuzzAppendJSONString compares the string and number appenders with
// encoding/json on any input.
func FuzzAppendJSONString(f *testing.F) {
	for i, s := range jsonStrings {
		f.Add(s, jsonFloats[i%len(jsonFloats)])
	}
	f.Fuzz(func(t *testing.T, s string, x float64) {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			if got := AppendJSONString(nil, s, html); !bytes.Equal(append(got, '\n'), want.Bytes()) {
				t.Fatalf("%q (escape HTML %v):\n got %s\nwant %s", s, html, got, want.Bytes())
			}
		}
		want, wantErr := json.Marshal(x)
		got, err := AppendJSONFloat(nil, x)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("%v: got %s (%v), want %s (%v)", x, got, err, want, wantErr)
		}
	})
}
