package xlsxform

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// withPart repacks workbook base with its part name (as the zip names it)
// replaced by what write streams, deflated at best speed so that a test
// never holds an inflated bomb.
func withPart(tb testing.TB, base []byte, name string, write func(io.Writer) error) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	found := false
	for _, zf := range zr.File {
		if !strings.EqualFold(zf.Name, name) {
			if err := zw.Copy(zf); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		found = true
		w, err := zw.Create(zf.Name)
		if err == nil {
			err = write(w)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if !found {
		tb.Fatalf("no part %s", name)
	}
	return buf.Bytes()
}

// sharedStringsBomb is base with a shared string table of n empty strings
// (13 bytes each unpacked).
func sharedStringsBomb(tb testing.TB, base []byte, n int) []byte {
	return withPart(tb, base, "xl/sharedStrings.xml", func(w io.Writer) error {
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
			`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		chunk := strings.Repeat("<si><t/></si>", 1000)
		for range n / 1000 {
			if _, err := io.WriteString(w, chunk); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "</sst>")
		return err
	})
}

// withSheetRows is base with rows appended to the sheet data of sheet.
func withSheetRows(tb testing.TB, base []byte, sheet, rows string) []byte {
	tb.Helper()
	part := sheetPart(tb, base, sheet)
	x := parts(tb, base)[part]
	if !bytes.Contains(x, []byte("</sheetData>")) {
		tb.Fatalf("no sheet data in %s", part)
	}
	x = bytes.Replace(x, []byte("</sheetData>"), []byte(rows+"</sheetData>"), 1)
	return withPart(tb, base, part, func(w io.Writer) error { _, err := w.Write(x); return err })
}

// excelizeTemp lists excelize's temporary files in dir.
func excelizeTemp(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "excelize-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// A workbook shaped to exhaust the worker is refused by the scan with a
// problem saying what is too large, and leaves no temporary file behind.
func TestRead_boundedRefusals(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // excelize's temporary files go to os.TempDir()
	spec := minimalSpec(t)
	good := fillTyped(t, spec)
	suffix := ": hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	wideRows := func(rows, cols int) string {
		var b strings.Builder
		for r := 300; r < 300+rows; r++ {
			fmt.Fprintf(&b, `<row r="%d">`, r)
			for c := 1; c <= cols; c++ {
				fmt.Fprintf(&b, `<c r="%s%d"><v>1</v></c>`, colName(c), r)
			}
			b.WriteString("</row>")
		}
		return b.String()
	}
	bigSheet := withSheetRows(t, good, "Biểu 1", wideRows(60, 10))
	bigSheetSize := submission.FormatSize(int64(len(parts(t, bigSheet)[sheetPart(t, good, "Biểu 1")])))
	tests := []struct {
		name   string
		data   func() []byte
		limits Limits
		want   string
	}{
		// The workbook of the issue: 99 MB of tiny strings under the 100 MB
		// unpacked limit, refused on its declared size.
		{name: "99 MB of shared strings", data: func() []byte { return sharedStringsBomb(t, good, 7_600_000) },
			want: "Phần văn bản của tệp quá lớn (94,3 MB); tối đa là 16 MB" + suffix},
		// Under the size limit, refused on the count after reading a
		// fraction of it.
		{name: "1.2 million shared strings", data: func() []byte { return sharedStringsBomb(t, good, 1_200_000) },
			want: "Tệp chứa quá nhiều đoạn văn bản (hơn 50.000)" + suffix},
		{name: "a row a million down", data: func() []byte {
			return withSheetRows(t, good, "Biểu 1", `<row r="1048576"><c r="A1048576"><v>1</v></c></row>`)
		}, want: "Một trang tính của tệp có quá nhiều dòng (hơn 5.000)" + suffix},
		{name: "a cell a million down in an earlier row", data: func() []byte {
			return withSheetRows(t, good, "Biểu 1", `<row r="300"><c r="B1048576"><v>1</v></c></row>`)
		}, want: "Một trang tính của tệp có quá nhiều dòng (hơn 5.000)" + suffix},
		{name: "a cell in column XFD", data: func() []byte {
			return withSheetRows(t, good, "Biểu 1", `<row r="300"><c r="XFD300"><v>1</v></c></row>`)
		}, want: "Một trang tính của tệp có quá nhiều cột (hơn 200)" + suffix},
		{name: "many full rows", data: func() []byte { return withSheetRows(t, good, "Biểu 1", wideRows(120, 190)) },
			want: "Một trang tính của tệp có quá nhiều ô dữ liệu (hơn 20.000)" + suffix},
		{name: "a sheet over its size", data: func() []byte { return bigSheet }, limits: Limits{MaxSheetSize: 16 << 10},
			want: "Một trang tính của tệp quá lớn (" + bigSheetSize + "); tối đa là 16 KB" + suffix},
		// Styles are parsed whole when excelize opens the file.
		{name: "a styles part over the size", data: func() []byte {
			x := parts(t, good)["xl/styles.xml"]
			x = regexp.MustCompile(`<styleSheet[^>]*>`).ReplaceAll(x, []byte("$0<!--"+strings.Repeat(" ", 20<<10)+"-->"))
			return withPart(t, good, "xl/styles.xml", func(w io.Writer) error { _, err := w.Write(x); return err })
		}, limits: Limits{MaxSheetSize: 16 << 10},
			want: "Một thành phần của tệp (xl/styles.xml) quá lớn ("},
		{name: "too many parts", data: func() []byte { return good }, limits: Limits{MaxParts: 5},
			want: fmt.Sprintf("Tệp có quá nhiều thành phần (%d); tối đa là 5", len(parts(t, good))) + suffix},
		// A worksheet hidden behind a long comment is not let past unread.
		{name: "a long prolog", data: func() []byte {
			part := sheetPart(t, good, "Biểu 1")
			x := parts(t, good)[part]
			x = regexp.MustCompile(`^<\?xml[^>]*\?>`).ReplaceAll(x, []byte("$0<!--"+strings.Repeat(" ", 100<<10)+"-->"))
			return withPart(t, good, part, func(w io.Writer) error { _, err := w.Write(x); return err })
		}, want: "Tệp không phải bảng tính Excel (.xlsx)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			change, problems, err := Read(t.Context(), tt.data(), spec, testIdentity(spec), tt.limits)
			if err != nil {
				t.Fatalf("Read error: %v", err)
			}
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, p.String())
			}
			if len(msgs) != 1 || !strings.HasPrefix(msgs[0], tt.want) {
				t.Errorf("problems = %q\nwant       %q", msgs, tt.want)
			}
			if len(change.Entries) > 0 {
				t.Errorf("a refused workbook gave %d entries", len(change.Entries))
			}
			if left := excelizeTemp(t, tmp); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// Every form of the shipped catalogs, every input filled, passes limits a
// tenth of the defaults: real workbooks are nowhere near them.
func TestCheckPackage_realFormsWellWithin(t *testing.T) {
	tenth := Limits{MaxParts: DefaultMaxParts / 10, MaxSharedStrings: DefaultMaxSharedStrings / 10,
		MaxSharedStringsSize: DefaultMaxSharedStringsSize / 10, MaxSheetSize: DefaultMaxSheetSize / 10,
		MaxRows: DefaultMaxRows / 10, MaxColumns: DefaultMaxColumns / 10, MaxCells: DefaultMaxCells / 10}.withDefaults()
	for _, name := range []string{"kien-giang-2024", "an-giang-2025"} {
		c, err := catalogs.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range c.Forms {
			spec := submission.BuildForm(c, form)
			data, err := Write(spec, testIdentity(spec), testCover(spec), fullContent(spec))
			if err != nil {
				t.Fatal(err)
			}
			if p := checkPackage(t.Context(), data, tenth); p != nil {
				t.Errorf("%s %s: %s", name, form.Code, p)
			}
		}
	}
}

// A cell holding "_x0000_" reads as a NUL, which PostgreSQL refuses in
// text: the workbook is refused naming the cell.
func TestRead_nulInACell(t *testing.T) {
	spec := minimalSpec(t)
	good := fillTyped(t, spec)
	f := openWorkbook(t, good)
	in := inputsOf(t, f)["value:BV03|FORM=B"]
	narr := inputsOf(t, f)["narrative:KIEN-NGHI"]
	if err := f.SetCellStr(in.Sheet, in.cell(), "ZZNUL1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(narr.Sheet, narr.cell(), "Đề nghị ZZNUL2 thêm"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	sst := parts(t, buf.Bytes())["xl/sharedstrings.xml"]
	sst = bytes.ReplaceAll(sst, []byte("ZZNUL1"), []byte("1_x0000_2"))
	sst = bytes.ReplaceAll(sst, []byte("ZZNUL2"), []byte("_x0000_"))
	data := withPart(t, buf.Bytes(), "xl/sharedStrings.xml", func(w io.Writer) error { _, err := w.Write(sst); return err })

	change, problems, err := Read(t.Context(), data, spec, testIdentity(spec), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.String())
	}
	const bad = ": Ô chứa ký tự không hợp lệ (ký tự rỗng hoặc sai mã hóa): hãy xóa nội dung ô và nhập lại"
	want := []string{cellRef(in.Sheet, in.cell()) + bad, cellRef(narr.Sheet, narr.cell()) + bad}
	slices.Sort(msgs)
	slices.Sort(want)
	if !slices.Equal(msgs, want) {
		t.Errorf("problems = %q\nwant       %q", msgs, want)
	}
	if len(change.Entries)+len(change.Narratives) > 0 {
		t.Errorf("a refused workbook gave a change")
	}
}

// A context that ends before or while the workbook is read gives a
// problem, not an error: the import is refused, not retried.
func TestRead_contextDone(t *testing.T) {
	spec := minimalSpec(t)
	good := fillTyped(t, spec)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel2()
	for name, ctx := range map[string]context.Context{"cancelled": cancelled, "past its deadline": expired} {
		for what, data := range map[string][]byte{"a good workbook": good, "a bomb": sharedStringsBomb(t, good, 1_200_000)} {
			change, problems, err := Read(ctx, data, spec, testIdentity(spec), Limits{})
			if err != nil {
				t.Fatalf("%s, %s: error %v", name, what, err)
			}
			want := "Tệp quá lớn hoặc quá phức tạp để đọc trong thời gian cho phép: hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
			if len(problems) != 1 || problems[0].String() != want || len(change.Entries) > 0 {
				t.Errorf("%s, %s: problems %q, %d entries", name, what, problems, len(change.Entries))
			}
		}
	}
}

// BenchmarkRead_bomb reads a workbook of 1.2 million shared strings (15 MB
// unpacked from 60 KB): refused after the first 50,000, in bounded memory.
func BenchmarkRead_bomb(b *testing.B) {
	spec := minimalSpec(b)
	data := sharedStringsBomb(b, fillTyped(b, spec), 1_200_000)
	b.ReportAllocs()
	for b.Loop() {
		_, problems, err := Read(context.Background(), data, spec, testIdentity(spec), Limits{})
		if err != nil || len(problems) != 1 {
			b.Fatalf("Read = %v, %v", problems, err)
		}
	}
}
