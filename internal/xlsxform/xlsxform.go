// Package xlsxform renders a unit's form for a round as an Excel workbook
// and reads the filled workbook back as a submission.Change.
//
// A workbook carries its identity (round, unit, catalog version and a
// checksum of the form's structure) and the address of every input cell in
// a very hidden sheet, so Read never depends on labels. Each input row also
// carries an anchor in a hidden column, and each input column a marker in a
// hidden row, so a row or column added or deleted is noticed instead of
// read into the wrong cell.
package xlsxform

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// Identity ties a workbook to one round, unit and form structure.
type Identity struct {
	Round          string
	Unit           string
	CatalogVersion int64
	// FormChecksum is Checksum of the form the workbook was written for.
	FormChecksum string
}

// Checksum fingerprints a form's structure (its cell keys, parts of rates,
// narrative codes, in order): two forms with the same checksum put every
// input in the same cell.
func Checksum(spec *submission.FormSpec) string {
	h := sha256.New()
	for _, sec := range spec.Sections {
		fmt.Fprintf(h, "section %s\n", sec.TaskGroup.Code)
		for _, is := range sec.Indicators {
			fmt.Fprintf(h, "indicator %s %s %d\n", is.Code, is.ValueType, len(is.Dims))
			for _, c := range is.Cells {
				if is.ValueType == catalog.TypeRate {
					fmt.Fprintf(h, "cell %s#%s\ncell %s#%s\n", c.Key, submission.PartNumerator, c.Key, submission.PartDenominator)
					continue
				}
				fmt.Fprintf(h, "cell %s\n", c.Key)
			}
		}
	}
	for _, n := range spec.Narratives {
		fmt.Fprintf(h, "narrative %s\n", n.Code)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Cover is what the cover sheet shows (all Vietnamese text is produced by
// this package).
type Cover struct {
	UnitName   string
	RoundTitle string
	FormTitle  string
	// DataWindow states the days the figures are counted over ("Số liệu
	// tính từ ngày … đến ngày …"); empty leaves it out.
	DataWindow string
	// DueAt is shown as catalog.DeadlineText writes deadlines; the zero
	// time leaves the deadline out.
	DueAt time.Time
}

// subtitle is the line under each sheet's title: the unit, the round and
// the days its figures are counted over.
func subtitle(c Cover) string {
	s := fmt.Sprintf(txtSubtitleFormat, c.UnitName, c.RoundTitle)
	if c.DataWindow != "" {
		s += " · " + c.DataWindow
	}
	return s
}

// Limits bound what Read accepts. checkPackage applies them all before
// excelize unpacks anything; a zero field takes its default.
type Limits struct {
	// MaxFileSize bounds the uploaded file.
	MaxFileSize int64
	// MaxUnzippedSize bounds the sum of the unpacked parts.
	MaxUnzippedSize int64
	// MaxParts bounds the number of parts (zip entries).
	MaxParts int
	// MaxSharedStrings and MaxSharedStringsSize bound the shared string
	// table: how many strings, and its unpacked size.
	MaxSharedStrings     int
	MaxSharedStringsSize int64
	// MaxSheetSize bounds each worksheet's unpacked XML; MaxRows,
	// MaxColumns and MaxCells each worksheet's last row, last column and
	// number of cells.
	MaxSheetSize int64
	MaxRows      int
	MaxColumns   int
	MaxCells     int
}

// Default limits. The largest form of the catalogs (BM-HUYEN, every cell,
// narrative and explanation filled) writes 17 parts, 616 shared strings in
// 31 KB, and worksheets of at most 174 rows, 7 columns, 691 cells and 26 KB
// of XML. The counts leave it some thirty times that or more, for notes an
// agency adds and forms that grow; the sizes leave room for texts at
// submission.MaxTextLength and stay at the 16 MiB under which excelize
// keeps parts in memory instead of temporary files. A workbook built to
// exhaust a worker is refused after a few megabytes of reading, and what
// passes costs excelize tens of megabytes at most: it only parses the
// sheets the form names.
const (
	DefaultMaxFileSize          = 10 << 20
	DefaultMaxUnzippedSize      = 100 << 20
	DefaultMaxParts             = 200
	DefaultMaxSharedStrings     = 50_000
	DefaultMaxSharedStringsSize = 16 << 20
	DefaultMaxSheetSize         = 16 << 20
	DefaultMaxRows              = 5_000
	DefaultMaxColumns           = 200
	DefaultMaxCells             = 20_000
)

func (l Limits) withDefaults() Limits {
	or := func(v, d int64) int64 {
		if v <= 0 {
			return d
		}
		return v
	}
	l.MaxFileSize = or(l.MaxFileSize, DefaultMaxFileSize)
	l.MaxUnzippedSize = or(l.MaxUnzippedSize, DefaultMaxUnzippedSize)
	l.MaxParts = int(or(int64(l.MaxParts), DefaultMaxParts))
	l.MaxSharedStrings = int(or(int64(l.MaxSharedStrings), DefaultMaxSharedStrings))
	l.MaxSharedStringsSize = or(l.MaxSharedStringsSize, DefaultMaxSharedStringsSize)
	l.MaxSheetSize = or(l.MaxSheetSize, DefaultMaxSheetSize)
	l.MaxRows = int(or(int64(l.MaxRows), DefaultMaxRows))
	l.MaxColumns = int(or(int64(l.MaxColumns), DefaultMaxColumns))
	l.MaxCells = int(or(int64(l.MaxCells), DefaultMaxCells))
	return l
}

// Problem is one thing wrong with an uploaded workbook, located by sheet
// and cell when it can be.
type Problem struct {
	Sheet   string
	Cell    string
	Message string
}

// String shows the problem as "'Biểu 1'!D12: message", "'Biểu 1': message",
// or the message alone when it has no location.
func (p Problem) String() string {
	switch {
	case p.Sheet != "" && p.Cell != "":
		return cellRef(p.Sheet, p.Cell) + ": " + p.Message
	case p.Sheet != "":
		return quoteSheet(p.Sheet) + ": " + p.Message
	}
	return p.Message
}
