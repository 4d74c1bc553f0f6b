package pdf

import (
	"strings"
	"testing"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
)

// Table rows get their height from tableRow, before maroto sees them. It
// must be, to the last bit, the height maroto finds when it measures the
// same cells itself, or rows would grow, shrink or break onto other pages.
func TestTableRow_HeightAsMaroto(t *testing.T) {
	s := loadSnapshot(t)
	ms, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Từ-rất-dài-không-có-khoảng-trắng", 3)
	edge := [][]cell{
		{{s: ""}, {s: "x"}, {s: ""}},
		{{s: "1"}, {s: long}, {s: long, style: fontstyle.Bold}},
		{{s: "2"}, {s: "hai  khoảng   trắng liền nhau trong một tên đơn vị rất dài"}, {s: " đầu và cuối "}},
		{{s: "3"}, {s: "Ủy ban nhân dân huyện Châu Thành (12)", style: fontstyle.Italic}, {s: "1.234.567,89 ‰", style: fontstyle.BoldItalic}},
	}
	edgeCols := []column{{width: 5, head: msgColNo, align: align.Center}, {width: 23, head: msgColReporter}, {width: 12, head: "Số trẻ em có hoàn cảnh đặc biệt được trợ giúp (người)"}}
	for _, landscape := range []bool{false, true} {
		r := &renderer{s: s, meta: demoMeta, m: ms}
		r.start(landscape, "")
		var rows []core.Row
		for _, a := range s.Report.Appendices {
			if a.ByUnit {
				rows = append(rows, r.byUnit(a)...)
			} else {
				rows = append(rows, r.provinceCells(a)...)
			}
		}
		rows = append(rows, r.statusTable()...)
		rows = append(rows, r.table("Bảng", 10.5, edgeCols, edge)...)

		// The same columns in rows maroto sizes itself.
		var ours, auto []core.Row
		for _, row0 := range rows {
			if len(row0.GetColumns()) == 1 {
				continue // the space between two tables
			}
			ours = append(ours, row0)
			auto = append(auto, row.New().Add(row0.GetColumns()...))
		}
		maroto.New(r.config(landscape)).AddRows(auto...)
		for i := range ours {
			// Sized rows, and auto rows once added, answer from their field.
			got, want := ours[i].GetHeight(nil, nil), auto[i].GetHeight(nil, nil)
			if got != want {
				t.Errorf("landscape %v, row %d: height %v, maroto finds %v", landscape, i, got, want)
			}
		}
		if len(ours) < 100 {
			t.Fatalf("only %d table rows compared", len(ours))
		}
	}
}
