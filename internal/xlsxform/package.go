package xlsxform

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"baocao/internal/submission"
)

// maxProlog bounds what may come before a part's root element. Office
// writes an XML declaration of some 60 bytes; a part that says nothing for
// this long is not one of theirs, and reading on would let a long comment
// hide a worksheet from the scan.
const maxProlog = 64 << 10

// ctxEvery is how many XML tokens the scan reads between looks at ctx.
const ctxEvery = 4096

// checkPackage refuses, before excelize sees them, uploads that are too
// large, not an Office package, or shaped to take a worker's memory and
// time: the file size, then what the zip central directory declares (the
// number of parts, their sizes; archive/zip refuses to inflate more than
// declared), then each XML part streamed: shared strings counted, and each
// worksheet's rows, columns and cells. It stops at the first limit passed,
// without reading the rest, and returns msgTimeout once ctx is done.
func checkPackage(ctx context.Context, data []byte, l Limits) *Problem {
	if int64(len(data)) > l.MaxFileSize {
		return &Problem{Message: fmt.Sprintf(msgTooLarge, submission.FormatSize(int64(len(data))), submission.FormatSize(l.MaxFileSize))}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &Problem{Message: msgNotWorkbook}
	}
	if len(zr.File) > l.MaxParts {
		return &Problem{Message: fmt.Sprintf(msgTooManyParts, formatCount(len(zr.File)), formatCount(l.MaxParts))}
	}
	var total uint64
	var types, workbook bool
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(l.MaxUnzippedSize) || zf.UncompressedSize64 > uint64(l.MaxUnzippedSize) {
			return &Problem{Message: fmt.Sprintf(msgUnzippedTooLarge, submission.FormatSize(sumSizes(zr.File)), submission.FormatSize(l.MaxUnzippedSize))}
		}
		n := strings.ToLower(zf.Name)
		types = types || n == "[content_types].xml"
		workbook = workbook || (strings.HasPrefix(n, "xl/") && strings.HasSuffix(n, "workbook.xml"))
	}
	if !types || !workbook {
		return &Problem{Message: msgNotWorkbook}
	}
	for _, zf := range zr.File {
		if err := ctx.Err(); err != nil {
			return &Problem{Message: msgTimeout}
		}
		if p := scanPart(ctx, zf, l); p != nil {
			return p
		}
	}
	return nil
}

// limitedReader counts what is read and stops at max; hit says it did.
type limitedReader struct {
	r      io.Reader
	n, max int64
	hit    bool
}

var errLimit = errors.New("read limit reached")

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n >= l.max {
		l.hit = true
		return 0, errLimit
	}
	if rem := l.max - l.n; int64(len(p)) > rem {
		p = p[:rem]
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	return k, err
}

// scanPart reads a part's root element and, for a worksheet or a shared
// string table, the rest of it against the limits. Parts are known by
// their root rather than their name: excelize finds worksheets through the
// workbook's relationships, wherever they point. Parts that are not XML
// (pictures) end the scan at their first bytes, and excelize would not
// parse them either.
func scanPart(ctx context.Context, zf *zip.File, l Limits) *Problem {
	if zf.UncompressedSize64 == 0 {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return &Problem{Message: msgNotWorkbook}
	}
	defer rc.Close()
	lr := &limitedReader{r: rc, max: maxProlog}
	d := xml.NewDecoder(lr)
	// Office parts are UTF-8; excelize would decode others, this scan
	// would not, so they are refused rather than let past unread.
	otherCharset := false
	d.CharsetReader = func(string, io.Reader) (io.Reader, error) {
		otherCharset = true
		return nil, errors.New("not UTF-8")
	}
	var root xml.StartElement
	for {
		tok, err := d.RawToken()
		if err != nil {
			if lr.hit || otherCharset {
				return &Problem{Message: msgNotWorkbook}
			}
			return nil // not XML: nothing excelize reads cells from
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	// The central directory's size bounds the rest: archive/zip refuses to
	// inflate past it.
	lr.max = 1<<63 - 1
	size := int64(zf.UncompressedSize64)
	switch root.Name.Local {
	case "sst":
		if size > l.MaxSharedStringsSize {
			return &Problem{Message: fmt.Sprintf(msgStringsTooLarge, submission.FormatSize(size), submission.FormatSize(l.MaxSharedStringsSize))}
		}
		return scanStrings(ctx, d, l)
	case "worksheet":
		if size > l.MaxSheetSize {
			return &Problem{Message: fmt.Sprintf(msgSheetTooLarge, submission.FormatSize(size), submission.FormatSize(l.MaxSheetSize))}
		}
		return scanSheet(ctx, d, l)
	}
	// Styles, themes, the calculation chain and the rest are parsed
	// whole by excelize when it opens the file; a form's are a few
	// kilobytes, so the sheet's bound is generous for them.
	if size > l.MaxSheetSize {
		return &Problem{Message: fmt.Sprintf(msgPartTooLarge, zf.Name, submission.FormatSize(size), submission.FormatSize(l.MaxSheetSize))}
	}
	return nil
}

// scanStrings counts the shared strings (<si>) of a string table.
func scanStrings(ctx context.Context, d *xml.Decoder, l Limits) *Problem {
	strs := 0
	for i := 0; ; i++ {
		if i%ctxEvery == 0 && ctx.Err() != nil {
			return &Problem{Message: msgTimeout}
		}
		tok, err := d.RawToken()
		if err != nil {
			return nil // the end, or XML that excelize cannot read either
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			if strs++; strs > l.MaxSharedStrings {
				return &Problem{Message: fmt.Sprintf(msgTooManyStrings, formatCount(l.MaxSharedStrings))}
			}
		}
	}
}

// scanSheet finds a worksheet's last row and column and counts its cells
// as excelize will hold them: it makes a row for every number up to the
// last, and fills each row out to its last cell, so one cell in XFD1048576
// would cost a million rows and sixteen thousand cells.
func scanSheet(ctx context.Context, d *xml.Decoder, l Limits) *Problem {
	// held counts the cells of the rows before this one as excelize fills
	// them; width is this row's so far, elements the <c> elements read.
	row, width, held, elements := 0, 0, 0, 0
	for i := 0; ; i++ {
		if i%ctxEvery == 0 && ctx.Err() != nil {
			return &Problem{Message: msgTimeout}
		}
		tok, err := d.RawToken()
		if err != nil {
			return nil // the end, or XML that excelize cannot read either
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "row":
			held += width
			width = 0
			row++ // a row without r follows the last
			if r, ok := attr(se, "r"); ok {
				if row, err = strconv.Atoi(r); err != nil || row < 1 {
					row = l.MaxRows + 1 // no worksheet of ours says that
				}
			}
			if row > l.MaxRows {
				return &Problem{Message: fmt.Sprintf(msgTooManyRows, formatCount(l.MaxRows))}
			}
		case "c":
			elements++
			col := width + 1 // a cell without r follows the last
			if r, ok := attr(se, "r"); ok {
				c, rr, ok := parseRef(r)
				if !ok || rr > l.MaxRows {
					return &Problem{Message: fmt.Sprintf(msgTooManyRows, formatCount(l.MaxRows))}
				}
				col = c
			}
			if col > l.MaxColumns {
				return &Problem{Message: fmt.Sprintf(msgTooManyColumns, formatCount(l.MaxColumns))}
			}
			width = max(width, col)
			if elements > l.MaxCells || held+width > l.MaxCells {
				return &Problem{Message: fmt.Sprintf(msgTooManyCells, formatCount(l.MaxCells))}
			}
		}
	}
}

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// parseRef splits a cell reference ("D7") into column and row numbers;
// numbers too large for any worksheet are capped rather than overflow.
func parseRef(ref string) (col, row int, ok bool) {
	const big = 1 << 30
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = min(col*26+int(c-'a'+1), big)
	}
	digits := ref[i:]
	if col == 0 || digits == "" {
		return 0, 0, false
	}
	for j := 0; j < len(digits); j++ {
		if digits[j] < '0' || digits[j] > '9' {
			return 0, 0, false
		}
		row = min(row*10+int(digits[j]-'0'), big)
	}
	return col, row, row > 0
}

func sumSizes(files []*zip.File) int64 {
	var total uint64
	for _, zf := range files {
		total += zf.UncompressedSize64
		if total > 1<<62 {
			return 1 << 62
		}
	}
	return int64(total)
}

// formatCount shows a count with Vietnamese thousands separators.
func formatCount(n int) string { return submission.Format(float64(n)) }
