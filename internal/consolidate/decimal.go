package consolidate

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number: coefficient × 10^-scale. Province
// totals are summed in Decimal and rounded to float64 once, as PostgreSQL
// sums numeric and casts to float8: the total is the correctly rounded sum
// of the figures as entered, whatever the order of the units, never a
// float sum's drift (0.1 + 0.2).
type Decimal struct {
	small int64    // the coefficient while it fits
	big   *big.Int // the coefficient once it does not; small is then unused
	scale int32    // digits after the decimal point, never negative
}

// maxExponent bounds the exponents ParseDecimal accepts: float64 ends
// near 1e308 (and below 5e-324), so nothing beyond counts as a figure.
const maxExponent = 400

// ParseDecimal reads a JSON number ("-12", "3.50", "1e5", "2.5E-3").
func ParseDecimal(s string) (Decimal, error) {
	// The error keeps a copy: s itself does not escape, so a caller's
	// string(bytes) stays on its stack.
	bad := func() (Decimal, error) { return Decimal{}, fmt.Errorf("not a number: %q", strings.Clone(s)) }
	i, neg := 0, false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var digits []byte
	var buf [24]byte
	digits = buf[:0]
	frac, seen, point := 0, false, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			seen = true
			if c != '0' || len(digits) > 0 {
				digits = append(digits, c)
			}
			if point {
				frac++
			}
			continue
		case c == '.' && !point:
			point = true
			continue
		}
		break
	}
	if !seen {
		return bad()
	}
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return bad()
		}
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > maxExponent || e < -maxExponent {
			return bad()
		}
		exp = e
	}
	scale := frac - exp
	for ; scale < 0; scale++ {
		if len(digits) > 0 {
			digits = append(digits, '0')
		}
	}
	if scale > 2*maxExponent {
		return bad()
	}
	d := Decimal{scale: int32(scale)}
	if len(digits) <= 18 {
		for _, c := range digits {
			d.small = d.small*10 + int64(c-'0')
		}
		if neg {
			d.small = -d.small
		}
		return d, nil
	}
	d.big, _ = new(big.Int).SetString(string(digits), 10)
	if neg {
		d.big.Neg(d.big)
	}
	return d, nil
}

// Add returns d + o, exactly.
func (d Decimal) Add(o Decimal) Decimal {
	for d.scale < o.scale {
		d = d.times10()
	}
	for o.scale < d.scale {
		o = o.times10()
	}
	if d.big == nil && o.big == nil {
		if sum := d.small + o.small; (sum > d.small) == (o.small > 0) {
			return Decimal{small: sum, scale: d.scale}
		}
	}
	return Decimal{big: new(big.Int).Add(d.bigInt(), o.bigInt()), scale: d.scale}
}

// times10 is d with one more digit of scale, same value.
func (d Decimal) times10() Decimal {
	if d.big == nil {
		if hi, lo := bits.Mul64(uint64(abs64(d.small)), 10); hi == 0 && lo <= math.MaxInt64 && d.small != math.MinInt64 {
			return Decimal{small: d.small * 10, scale: d.scale + 1}
		}
	}
	return Decimal{big: new(big.Int).Mul(d.bigInt(), big.NewInt(10)), scale: d.scale + 1}
}

func (d Decimal) bigInt() *big.Int {
	if d.big != nil {
		return d.big
	}
	return big.NewInt(d.small)
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// errRange is a figure float64 cannot hold, which PostgreSQL refused too.
var errRange = errors.New("value out of range for a double precision number")

// exactPow10 are the powers of ten float64 holds exactly.
var exactPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// Float is d rounded to the nearest float64, as strconv.ParseFloat (and
// PostgreSQL's float8 input) round its decimal text.
func (d Decimal) Float() (float64, error) {
	// An integer below 2^53 and a power of ten up to 1e22 are both exact
	// in float64, so one division rounds correctly: strconv's own fast
	// path, without formatting.
	if d.big == nil && abs64(d.small) <= 1<<53 && d.small != math.MinInt64 && int(d.scale) < len(exactPow10) {
		return float64(d.small) / exactPow10[d.scale], nil
	}
	f, err := strconv.ParseFloat(d.bigInt().String()+"e-"+strconv.Itoa(int(d.scale)), 64)
	if err != nil || (f == 0 && d.bigInt().Sign() != 0) {
		return 0, errRange
	}
	return f, nil
}
