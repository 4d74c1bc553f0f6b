package bench

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SheetShape is what one worksheet of a workbook holds: rows, and cells
// by kind, with the total length of the texts.
type SheetShape struct {
	Name                    string
	Rows                    int
	Strings, Numbers, Empty int
	// StringBytes is the length of all the texts, as stored (XML).
	StringBytes int
}

// Cells is the number of cells of the sheet.
func (s SheetShape) Cells() int { return s.Strings + s.Numbers + s.Empty }

// WorkbookShape reads the shape of every worksheet of an .xlsx file by
// scanning its XML as a stream (a national workbook's sheets hold hundreds
// of megabytes of XML): a text cell, inline or shared, counts its text's
// length; a cell with a value or a formula counts as a number; a cell with
// neither (a styled blank) as empty.
func WorkbookShape(file io.ReaderAt, size int64) ([]SheetShape, error) {
	zr, err := zip.NewReader(file, size)
	if err != nil {
		return nil, fmt.Errorf("workbook shape: %w", err)
	}
	var shared []int
	var sheets []*zip.File
	for _, f := range zr.File {
		switch {
		case f.Name == "xl/sharedStrings.xml":
			if err := scanPart(f, func(t *xmlTokens) error { shared, err = sharedLengths(t); return err }); err != nil {
				return nil, err
			}
		case strings.HasPrefix(f.Name, "xl/worksheets/sheet") && strings.HasSuffix(f.Name, ".xml"):
			sheets = append(sheets, f)
		}
	}
	sort.Slice(sheets, func(i, j int) bool { return sheetNumber(sheets[i].Name) < sheetNumber(sheets[j].Name) })
	var out []SheetShape
	for _, f := range sheets {
		var sh SheetShape
		if err := scanPart(f, func(t *xmlTokens) error { sh, err = scanSheet(t, shared); return err }); err != nil {
			return nil, err
		}
		sh.Name = strings.TrimSuffix(strings.TrimPrefix(f.Name, "xl/worksheets/"), ".xml")
		out = append(out, sh)
	}
	return out, nil
}

func scanPart(f *zip.File, scan func(*xmlTokens) error) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("workbook shape: %s: %w", f.Name, err)
	}
	defer rc.Close()
	if err := scan(&xmlTokens{r: bufio.NewReaderSize(rc, 1<<16)}); err != nil {
		return fmt.Errorf("workbook shape: %s: %w", f.Name, err)
	}
	return nil
}

func sheetNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "xl/worksheets/sheet"), ".xml"))
	return n
}

// xmlTokens splits XML into tokens, each a run of text and the tag that
// ends it: "12</v>" is the text "12" and the tag "</v>".
type xmlTokens struct {
	r    *bufio.Reader
	long []byte // a token longer than the reader's buffer
}

// next returns the text and the tag of the next token; io.EOF at the end.
// Both are valid until the next call.
func (x *xmlTokens) next() (text, tag []byte, err error) {
	tok, err := x.r.ReadSlice('>')
	if errors.Is(err, bufio.ErrBufferFull) {
		x.long = append(x.long[:0], tok...)
		for errors.Is(err, bufio.ErrBufferFull) {
			tok, err = x.r.ReadSlice('>')
			x.long = append(x.long, tok...)
		}
		tok = x.long
	}
	if err != nil {
		return nil, nil, err
	}
	lt := bytes.LastIndexByte(tok, '<')
	if lt < 0 {
		return tok, nil, nil
	}
	return tok[:lt], tok[lt:], nil
}

// sharedLengths is the text length of each shared string, in order.
func sharedLengths(x *xmlTokens) ([]int, error) {
	var out []int
	for {
		text, tag, err := x.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch {
		case bytes.HasPrefix(tag, []byte("<si>")):
			out = append(out, 0)
		case bytes.HasPrefix(tag, []byte("</t>")) && len(out) > 0:
			out[len(out)-1] += len(text)
		}
	}
}

func scanSheet(x *xmlTokens, shared []int) (SheetShape, error) {
	var s SheetShape
	var kind string
	var hasValue bool
	var value []byte
	for {
		text, tag, err := x.next()
		if errors.Is(err, io.EOF) {
			return s, nil
		}
		if err != nil {
			return s, err
		}
		switch {
		case bytes.HasPrefix(tag, []byte("<row ")) || bytes.Equal(tag, []byte("<row>")):
			s.Rows++
		case bytes.HasPrefix(tag, []byte("<c ")) || bytes.Equal(tag, []byte("<c>")):
			if bytes.HasSuffix(tag, []byte("/>")) {
				s.Empty++
				continue
			}
			kind, hasValue, value = attr(tag, "t"), false, value[:0]
		case bytes.HasPrefix(tag, []byte("</v>")):
			hasValue, value = true, append(value[:0], text...)
		case bytes.HasPrefix(tag, []byte("<f")):
			hasValue = true
		case bytes.HasPrefix(tag, []byte("</t>")) && kind == "inlineStr":
			value = append(value, text...)
		case bytes.HasPrefix(tag, []byte("</c>")):
			switch kind {
			case "s":
				s.Strings++
				if idx, err := strconv.Atoi(string(value)); err == nil && idx >= 0 && idx < len(shared) {
					s.StringBytes += shared[idx]
				}
			case "str", "inlineStr":
				s.Strings++
				s.StringBytes += len(value)
			default:
				if hasValue {
					s.Numbers++
				} else {
					s.Empty++
				}
			}
		}
	}
}

// attr is the value of attribute name in a start tag.
func attr(tag []byte, name string) string {
	key := []byte(" " + name + `="`)
	i := bytes.Index(tag, key)
	if i < 0 {
		return ""
	}
	rest := tag[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

// StreamBaseline writes, with excelize's StreamWriter, a workbook of the
// given shapes: per sheet the same rows and the same numbers of text,
// number and blank cells, the texts of the same average length, then
// writes it to w as our renderer does (a report's workbook goes to a file). It is the least work excelize can do
// for a workbook that size.
func StreamBaseline(w io.Writer, shapes []SheetShape) error {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return err
	}
	for i, sh := range shapes {
		name := "Sheet" + strconv.Itoa(i+1)
		if i > 0 {
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
		}
		if err := streamSheet(f, name, sh, style); err != nil {
			return fmt.Errorf("baseline sheet %s: %w", sh.Name, err)
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func streamSheet(f *excelize.File, name string, sh SheetShape, style int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	rows := max(sh.Rows, 1)
	texts := sampleTexts(sh)
	perRow, extra := sh.Cells()/rows, sh.Cells()%rows
	values := make([]any, 0, perRow+1)
	k := 0 // cells written so far
	for r := 1; r <= rows && k < sh.Cells(); r++ {
		n := perRow
		if r <= extra {
			n++
		}
		values = values[:0]
		for range n {
			switch {
			case k < sh.Strings:
				values = append(values, texts[k%len(texts)])
			case k < sh.Strings+sh.Numbers:
				values = append(values, excelize.Cell{StyleID: style, Value: float64(k%9973) * 1.25})
			default:
				values = append(values, excelize.Cell{StyleID: style})
			}
			k++
		}
		cell, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sampleTexts are a few distinct Vietnamese texts of the sheet's average
// text length.
func sampleTexts(sh SheetShape) []string {
	avg := 8
	if sh.Strings > 0 {
		avg = max(sh.StringBytes/sh.Strings, 1)
	}
	const phrase = "Số trẻ em được hỗ trợ, chăm sóc và bảo vệ tại địa phương trong năm báo cáo; "
	out := make([]string, 16)
	for i := range out {
		s := strconv.Itoa(i) + " " + strings.Repeat(phrase, avg/len(phrase)+1)
		cut := avg
		for cut < len(s) && !isRuneStart(s[cut]) {
			cut++
		}
		out[i] = s[:min(cut, len(s))]
	}
	return out
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
