package postgres

import (
	"fmt"
	"math/bits"
	"strconv"

	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// valueReader turns roundFigures' value rows into snapshot values and
// feeds the tally. A national round streams hundreds of thousands of
// values, unit after unit. Each is kept, without pointers (nothing for
// the garbage collector to scan), in its cell's list of fixed blocks
// (nothing copied as the list grows), and the cells' maps are made at the
// end, each at its final size and filled in one go: filled as the rows
// come, every value would land in another of hundreds of maps, tens of
// megabytes apart, a cache miss each.
type valueReader struct {
	units []string
	tally *consolidate.Tally
	cells map[string]*cellValues // by key: one copy of each key string
	texts []string
}

// cellValues are one cell's values, in the order read.
type cellValues struct {
	key    submission.Key
	tally  *consolidate.CellTally
	n      int
	blocks [][]unitValue
}

// unitValue is a value as read; unit numbers the unit in units, text is
// one more than the text's place in texts (0: none).
type unitValue struct {
	number, num, den float64
	unit, text       int32
	set              uint8
}

// The fields of a unitValue that are set.
const (
	hasNumber uint8 = 1 << iota
	hasNum
	hasDen
	hasBool
	isYes
)

// valueBlock is how many values a cell's block holds.
const valueBlock = 256

func newValueReader(units []string) *valueReader {
	return &valueReader{units: units, tally: consolidate.NewTally(units), cells: map[string]*cellValues{}}
}

// add reads one value row of the unit numbered unit: its numbers as
// decimals for the totals (exactly as stored), and as float64 the way
// PostgreSQL's float8 cast rounds them.
func (r *valueReader) add(unit int, raw [][]byte) error {
	cell := r.cells[string(raw[colKey])]
	if cell == nil {
		key := submission.Key(raw[colKey])
		cell = &cellValues{key: key, tally: r.tally.Cell(key)}
		r.cells[string(key)] = cell
	}
	if err := r.read(unit, cell, raw); err != nil {
		return fmt.Errorf("%s of %s: %w", cell.key, r.units[unit], err)
	}
	return nil
}

func (r *valueReader) read(unit int, cell *cellValues, raw [][]byte) error {
	uv := unitValue{unit: int32(unit)}
	var e consolidate.Entry
	var decimals [3]consolidate.Decimal
	for i, col := range [3]int{colNumber, colNum, colDen} {
		if raw[col] == nil {
			continue
		}
		d, err := consolidate.ParseDecimal(string(raw[col]))
		if err != nil {
			return err
		}
		x, err := d.Float()
		if err != nil {
			return fmt.Errorf("%s: %w", raw[col], err)
		}
		decimals[i] = d
		switch col {
		case colNumber:
			uv.number, uv.set, e.Number = x, uv.set|hasNumber, &decimals[i]
		case colNum:
			uv.num, uv.set, e.Num = x, uv.set|hasNum, &decimals[i]
		case colDen:
			uv.den, uv.set, e.Den = x, uv.set|hasDen, &decimals[i]
		}
	}
	if raw[colText] != nil {
		r.texts = append(r.texts, string(raw[colText]))
		uv.text = int32(len(r.texts))
	}
	if raw[colBool] != nil {
		yes, err := strconv.ParseBool(string(raw[colBool]))
		if err != nil {
			return err
		}
		uv.set |= hasBool
		if yes {
			uv.set |= isYes
		}
		e.Bool = &yes
	}
	cell.tally.Add(unit, e)
	if n := len(cell.blocks); n == 0 || len(cell.blocks[n-1]) == valueBlock {
		cell.blocks = append(cell.blocks, make([]unitValue, 0, valueBlock))
	}
	last := &cell.blocks[len(cell.blocks)-1]
	*last = append(*last, uv)
	cell.n++
	return nil
}

// values lays the values out as key → unit → value, a cell at a time,
// its numbers and answers carved from one block each rather than
// allocated one by one (the snapshot keeps them all).
func (r *valueReader) values(into map[submission.Key]map[string]submission.Value) {
	for _, c := range r.cells {
		floats, bools := 0, 0
		for _, block := range c.blocks {
			for _, uv := range block {
				floats += bits.OnesCount8(uv.set & (hasNumber | hasNum | hasDen))
				bools += bits.OnesCount8(uv.set & hasBool)
			}
		}
		fs, bs := make([]float64, 0, floats), make([]bool, 0, bools)
		float := func(x float64) *float64 {
			fs = append(fs, x)
			return &fs[len(fs)-1]
		}
		m := make(map[string]submission.Value, c.n)
		for _, block := range c.blocks {
			for _, uv := range block {
				var v submission.Value
				if uv.set&hasNumber != 0 {
					v.Number = float(uv.number)
				}
				if uv.set&hasNum != 0 {
					v.Num = float(uv.num)
				}
				if uv.set&hasDen != 0 {
					v.Den = float(uv.den)
				}
				if uv.text > 0 {
					v.Text = &r.texts[uv.text-1]
				}
				if uv.set&hasBool != 0 {
					bs = append(bs, uv.set&isYes != 0)
					v.Bool = &bs[len(bs)-1]
				}
				m[r.units[uv.unit]] = v
			}
		}
		into[c.key] = m
		c.blocks = nil
	}
}
