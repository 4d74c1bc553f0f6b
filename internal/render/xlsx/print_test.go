package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"baocao/internal/consolidate"
)

// TestRender_PageSetup reads back how every sheet prints: the wide ones on
// A3 landscape, the matrix on two pages across repeating its indicator
// columns, each fitted to its width and as tall as it takes, with its
// header row repeated.
func TestRender_PageSetup(t *testing.T) {
	s, _, f := render(t, testMeta)
	if len(s.Units) < 30 {
		t.Fatalf("fixture has %d units; the matrix no longer needs pages across", len(s.Units))
	}
	type setup struct {
		size        int
		orientation string
		wide        int
		titles      string
	}
	want := map[string]setup{
		sheetSummary:    {paperA3, "landscape", 1, "'Tổng hợp'!$9:$9"},
		sheetByUnit:     {paperA3, "landscape", 2, "'Theo đơn vị'!$A:$D,'Theo đơn vị'!$3:$3"},
		sheetProgress:   {paperA3, "landscape", 1, "'Tiến độ'!$2:$2"},
		sheetNarratives: {paperA3, "landscape", 1, "'Thuyết minh'!$2:$2"},
		sheetData:       {paperA3, "landscape", 1, "'Dữ liệu'!$1:$1"},
		sheetChart:      {paperA4, "portrait", 1, "'Biểu đồ'!$2:$2"},
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, sheet := range f.GetSheetList() {
		w, ok := want[sheet]
		if !ok {
			t.Errorf("sheet %s has no expected page setup", sheet)
			continue
		}
		l, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if *l.Size != w.size || *l.Orientation != w.orientation || *l.FitToWidth != w.wide || *l.FitToHeight != 0 {
			t.Errorf("%s page layout = size %d %s fit %dx%d, want size %d %s fit %dx0",
				sheet, *l.Size, *l.Orientation, *l.FitToWidth, *l.FitToHeight, w.size, w.orientation, w.wide)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s does not fit to page", sheet)
		}
		if titles[sheet] != w.titles {
			t.Errorf("%s print titles = %q, want %q", sheet, titles[sheet], w.titles)
		}
	}
}

func TestLayoutFor(t *testing.T) {
	cases := []struct {
		name      string
		widths    []float64
		titleCols int
		want      pageLayout
	}{
		{"fits A4 portrait", []float64{10, 60, 12}, 0, pageLayout{paperA4, "portrait", 1}},
		{"wider than A4 portrait", []float64{6, 11, 52, 12, 16, 16, 14}, 0, pageLayout{paperA3, "landscape", 1}},
		{"at the edge of A3", []float64{290}, 0, pageLayout{paperA3, "landscape", 1}},
		{"past the edge of A3", []float64{300}, 0, pageLayout{paperA3, "landscape", 2}},
		// 31 units and the province: 2 pages, each with the 84 units of titles.
		{"matrix", append([]float64{10, 40, 24, 10}, repeat(12, 32)...), 4, pageLayout{paperA3, "landscape", 2}},
		{"national matrix", append([]float64{10, 40, 24, 10}, repeat(12, 64)...), 4, pageLayout{paperA3, "landscape", 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := layoutFor(tc.widths, tc.titleCols); got != tc.want {
				t.Errorf("layoutFor = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func repeat(w float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = w
	}
	return out
}

// TestRender_Signature: an issued, signed report shows the agency's
// signature information at the top right of the first sheet in 10 pt, the
// signing time in Vietnam's zone; a draft and an unsigned report show none.
func TestRender_Signature(t *testing.T) {
	sig := &consolidate.SignatureMark{Agency: "Sở Y tế", NumberSymbol: "01/BC-SYT",
		SignedAt: time.Date(2026, 12, 2, 13, 15, 3, 0, time.UTC)}
	issued := testMeta
	issued.Issued, issued.Signature = true, sig
	_, _, f := render(t, issued)
	const want = "Số: 01/BC-SYT\n2026-12-02T20:15:03+07:00"
	right := cellAt(len(summaryCols)/2+1, 1)
	if got, _ := f.GetCellValue(sheetSummary, right); got != want {
		t.Errorf("%s = %q, want %q", right, got, want)
	}
	id, err := f.GetCellStyle(sheetSummary, right)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || st.Font.Size != 10 || st.Alignment == nil || st.Alignment.Horizontal != "right" {
		t.Errorf("signature style = font %+v alignment %+v, want 10 pt right", st.Font, st.Alignment)
	}
	merged, err := f.GetMergeCells(sheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	spans := map[string]string{}
	for _, m := range merged {
		spans[m.GetStartAxis()] = m.GetEndAxis()
	}
	if spans["A1"] != cellAt(len(summaryCols)/2, 1) || spans[right] != cellAt(len(summaryCols), 1) {
		t.Errorf("row 1 spans = A1:%s and %s:%s", spans["A1"], right, spans[right])
	}
	if strings.Contains(sheetText(t, f, sheetSummary, 8), "DỰ THẢO") {
		t.Error("an issued report is marked DỰ THẢO")
	}

	draft := issued
	draft.Issued = false
	unsigned := issued
	unsigned.Signature = nil
	unsigned.Number = 8 // tells the cached workbooks apart
	for name, m := range map[string]consolidate.Meta{"draft": draft, "unsigned": unsigned} {
		_, _, f := render(t, m)
		if text := sheetText(t, f, sheetSummary, 8); strings.Contains(text, "01/BC-SYT") || strings.Contains(text, "2026-12-02T") {
			t.Errorf("%s shows signature information:\n%s", name, text)
		}
	}
}

// TestRender_ChartAxes: both charts label their axes in dark 10 pt text.
func TestRender_ChartAxes(t *testing.T) {
	_, out, _ := render(t, testMeta)
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		charts++
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		// excelize writes the chart namespace as the default one.
		for _, ax := range []string{"catAx", "valAx"} {
			i := strings.Index(string(x), "<"+ax+">")
			j := strings.Index(string(x), "</"+ax+">")
			if i < 0 || j < i {
				t.Errorf("%s has no %s", zf.Name, ax)
				continue
			}
			axis := string(x[i:j])
			if !strings.Contains(axis, `sz="1000"`) || !strings.Contains(axis, `val="262626"`) {
				t.Errorf("%s %s labels are not dark 10 pt:\n%s", zf.Name, ax, axis)
			}
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want 2", charts)
	}
}
