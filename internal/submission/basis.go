package submission

import (
	"math"
	"strings"

	"baocao/internal/catalog"
)

// Amount is an indicator's overall figure in one submission, in parts that
// add up across units: a sum (counts, numbers, amounts), or for a rate
// its summed numerator and denominator, never the rate itself.
type Amount struct {
	Rate          bool
	Sum, Num, Den float64
}

// Scaled is a times share: the part of a unit's figure that a successor
// took over.
func (a Amount) Scaled(share float64) Amount {
	return Amount{Rate: a.Rate, Sum: a.Sum * share, Num: a.Num * share, Den: a.Den * share}
}

// Plus adds two amounts of one indicator.
func (a Amount) Plus(b Amount) Amount {
	return Amount{Rate: a.Rate || b.Rate, Sum: a.Sum + b.Sum, Num: a.Num + b.Num, Den: a.Den + b.Den}
}

// Value is the amount in the indicator's unit of measure (a rate times
// scale); false for a rate over nothing.
func (a Amount) Value(scale float64) (float64, bool) {
	if !a.Rate {
		return a.Sum, true
	}
	if a.Den == 0 {
		return 0, false
	}
	return a.Num / a.Den * scale, true
}

// Amounts are the overall figures of every numeric indicator of f that
// content fills completely, by indicator code.
func Amounts(f *FormSpec, c Content) map[string]Amount {
	out := map[string]Amount{}
	for _, is := range f.Indicators() {
		if a, ok := amountOf(is, c); ok {
			out[is.Code] = a
		}
	}
	return out
}

// amountOf is one indicator's overall figure: its entered or derived
// total, or its rate's summed parts.
func amountOf(is *IndicatorSpec, c Content) (Amount, bool) {
	switch is.ValueType {
	case catalog.TypeRate:
		a := Amount{Rate: true}
		for _, cell := range is.Cells {
			val, ok := c.Values[cell.Key]
			if !ok || val.Num == nil || val.Den == nil {
				return Amount{}, false
			}
			if cell.Total {
				continue
			}
			a.Num += *val.Num
			a.Den += *val.Den
		}
		return a, true
	case catalog.TypeCount, catalog.TypeNumber, catalog.TypeAmount:
		var a Amount
		for _, cell := range is.Cells {
			val, ok := c.Values[cell.Key]
			if !ok || val.Number == nil {
				return Amount{}, false
			}
			if cell.Total {
				return Amount{Sum: *val.Number}, true
			}
			a.Sum += *val.Number
		}
		return a, true
	}
	return Amount{}, false
}

// Basis is what a unit's figures are compared with from its previous
// round: each indicator's figure there, from the unit itself or from the
// units it took over times their shares.
type Basis struct {
	Amounts map[string]Amount
	// From names the units the figures come from when they are not the
	// unit's own ("Huyện Hòn Đất × 0,2857"), for the finding.
	From string
	// Split names a predecessor divided among several units without
	// shares: the unit's figures cannot be compared on their own, and the
	// consolidated report compares the province as a whole.
	Split string
	// AlsoCovers names ground the unit took over that never reported:
	// nothing compares with its figures.
	AlsoCovers string
}

// Own is the basis of a unit that reported in the previous round itself.
func Own(f *FormSpec, previous Content) *Basis {
	return &Basis{Amounts: Amounts(f, previous)}
}

// change warns when an indicator's figure moved from the basis by more
// than its catalog share.
func (v *validation) change(is *IndicatorSpec, b *Basis) {
	if is.ChangeWarning == nil {
		return
	}
	before, ok := b.Amounts[is.Code]
	if !ok {
		return
	}
	was, ok1 := before.Value(rateScale(is))
	now, ok2 := indicatorTotal(is, v.c)
	if !ok1 || !ok2 || was == 0 {
		return
	}
	share := math.Abs(now-was) / math.Abs(was)
	if share <= *is.ChangeWarning {
		return
	}
	pct := Format(math.Round(share*100)) + "%"
	msg := message(IssueChange, pct, Format(round2(was)), Format(now))
	if b.From != "" {
		msg = message(IssueChangeFrom, pct, b.From, Format(round2(was)), Format(now))
	}
	v.add(Issue{Indicator: is.Code, Disaggregation: Disaggregation{}, Key: CellKey(is.Code, nil, nil), Code: IssueChange,
		Severity: catalog.SeverityWarning, Message: msg})
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// BasisFrom is what unit's figures compare with from its lineage in an
// earlier round (catalog.LineageOf): each source's figures times its
// share, summed. amounts gives a source's figures then, false when it did
// not report (part of the ground would be missing: no basis); name names
// a unit for the finding. ok is false when there is nothing to compare
// with.
func BasisFrom(unit string, l catalog.Lineage, amounts func(unit string) (map[string]Amount, bool, error),
	name func(unit string) string) (b *Basis, ok bool, err error) {
	switch {
	case l.AlsoCovers != "":
		return &Basis{AlsoCovers: l.AlsoCovers}, true, nil
	case l.Split != "":
		return &Basis{Split: name(l.Split)}, true, nil
	}
	if len(l.Sources) == 0 {
		return nil, false, nil
	}
	b = &Basis{Amounts: map[string]Amount{}}
	counts := map[string]int{}
	var from []string
	for _, src := range l.Sources {
		as, reported, err := amounts(src.Unit)
		if err != nil || !reported {
			return nil, false, err
		}
		for code, a := range as {
			b.Amounts[code] = b.Amounts[code].Plus(a.Scaled(src.Share))
			counts[code]++
		}
		n := name(src.Unit)
		if src.Share != 1 {
			n += " × " + Format(src.Share)
		}
		from = append(from, n)
	}
	// An indicator some source did not report in full would compare with
	// part of the ground only: leave it out.
	for code, n := range counts {
		if n < len(l.Sources) {
			delete(b.Amounts, code)
		}
	}
	if len(l.Sources) > 1 || l.Sources[0].Unit != unit || l.Sources[0].Share != 1 {
		b.From = strings.Join(from, "; ")
	}
	return b, true, nil
}
