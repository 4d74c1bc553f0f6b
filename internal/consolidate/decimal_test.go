package consolidate

import (
	"math"
	"strconv"
	"testing"
)

func TestDecimal_SumsExactly(t *testing.T) {
	for _, tc := range []struct {
		terms []string
		want  string // the exact sum, as ParseFloat reads it
	}{
		{[]string{"0.1", "0.2"}, "0.3"},
		{[]string{"1", "2.50", "-0.25"}, "3.25"},
		{[]string{"1e5", "2.5E-3", "0"}, "100000.0025"},
		{[]string{"-0", "0.000"}, "0"},
		// Past int64: the sum goes on in big.Int.
		{[]string{"9223372036854775807", "1"}, "9223372036854775808"},
		{[]string{"12345678901234567890.125", "0.875"}, "12345678901234567891"},
		{[]string{"0.3333333333333333333333", "0.6666666666666666666667"}, "1"},
		{[]string{"-9223372036854775808", "-1", "2"}, "-9223372036854775807"},
		{[]string{"1.7976931348623157e308"}, "1.7976931348623157e308"},
		{[]string{"5e-324", "0"}, "5e-324"},
		{[]string{"123456789012345678", "0.5"}, "123456789012345678.5"},
	} {
		var sum Decimal
		for _, term := range tc.terms {
			d, err := ParseDecimal(term)
			if err != nil {
				t.Fatalf("%s: %v", term, err)
			}
			sum = sum.Add(d)
		}
		got, err := sum.Float()
		want, _ := strconv.ParseFloat(tc.want, 64)
		if err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("sum of %v = %v (%v), want %v", tc.terms, got, err, want)
		}
	}
}

// One term is rounded as PostgreSQL's float8 input and strconv round its
// text: correctly, through the fast path or not.
func TestDecimal_FloatRoundsLikeParseFloat(t *testing.T) {
	for _, s := range []string{"0.1", "123.456", "9007199254740993", "9007199254740993.5", "0.30000000000000004",
		"1e22", "1e23", "4.35", "-17.05", "1234567.891", "0.000001", "2.2250738585072011e-308", "100"} {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := d.Float()
		want, _ := strconv.ParseFloat(s, 64)
		if err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s: %v (%v), want %v", s, got, err, want)
		}
	}
}

func TestDecimal_Refuses(t *testing.T) {
	for _, s := range []string{"", "-", ".", "abc", "1.2.3", "1e", "1e999", "12a", "true"} {
		if _, err := ParseDecimal(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
	for _, s := range []string{"1e400", "-1e400", "1e-400"} {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if f, err := d.Float(); err == nil {
			t.Errorf("%s gave %v: float8 refuses it", s, f)
		}
	}
}
