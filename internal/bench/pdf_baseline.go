package bench

import (
	"strconv"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// PlainTable is a table of texts: a heading line and body lines, with
// column widths on a grid of 100.
type PlainTable struct {
	Widths []int
	Head   []string
	Rows   [][]string
}

// indicatorsPerTable matches the appendix: six indicators side by side.
const indicatorsPerTable = 6

// AppendixTables are the cells of the snapshot's by-unit appendices as
// plain tables: per group of six indicators, one line per included unit
// (number, name, one figure per indicator) and the province's line.
func AppendixTables(s *consolidate.Snapshot) []PlainTable {
	var units []consolidate.UnitStatus
	for _, u := range s.Completeness.Units {
		if u.Included {
			units = append(units, u)
		}
	}
	var out []PlainTable
	for _, a := range s.Report.Appendices {
		if !a.ByUnit {
			continue
		}
		var inds []consolidate.IndicatorInfo
		for _, code := range a.Indicators {
			if ind, ok := s.Indicator(code); ok && ind.ValueType != catalog.TypeText {
				inds = append(inds, ind)
			}
		}
		for start := 0; start < len(inds); start += indicatorsPerTable {
			group := inds[start:min(start+indicatorsPerTable, len(inds))]
			valueW := (100 - 5 - 23) / indicatorsPerTable
			t := PlainTable{Widths: []int{5, 100 - 5 - valueW*len(group)}, Head: []string{"STT", "Đơn vị báo cáo"}}
			cells := make([]consolidate.Cell, len(group))
			for i, ind := range group {
				t.Widths = append(t.Widths, valueW)
				t.Head = append(t.Head, ind.Name+" ("+ind.UnitOfMeasure+")")
				cells[i] = wholeCell(s, ind.Code)
			}
			for k, u := range units {
				line := []string{strconv.Itoa(k + 1), u.Name}
				for i, ind := range group {
					v, ok := cells[i].Units[u.Unit]
					line = append(line, plainValue(ind, v, ok))
				}
				t.Rows = append(t.Rows, line)
			}
			total := []string{"", "Toàn tỉnh"}
			for i, ind := range group {
				var v submission.Value
				if cells[i].Total != nil {
					v = *cells[i].Total
				}
				total = append(total, plainValue(ind, v, cells[i].Total != nil))
			}
			t.Rows = append(t.Rows, total)
			out = append(out, t)
		}
	}
	return out
}

// wholeCell is the cell of an indicator's total (no breakdown), or its only cell.
func wholeCell(s *consolidate.Snapshot, code string) consolidate.Cell {
	cells := s.CellsOf(code)
	for _, c := range cells {
		if len(c.Disaggregation) == 0 {
			return c
		}
	}
	if len(cells) == 1 {
		return cells[0]
	}
	return consolidate.Cell{}
}

func plainValue(ind consolidate.IndicatorInfo, v submission.Value, ok bool) string {
	if !ok || v.Empty() {
		return "–"
	}
	if ind.ValueType == catalog.TypeRate {
		if r, ok := consolidate.Rate(ind, &v); ok {
			return strconv.FormatFloat(r, 'f', 2, 64)
		}
		return "–"
	}
	if v.Number != nil {
		return submission.Format(*v.Number)
	}
	if v.Bool != nil {
		if *v.Bool {
			return "Có"
		}
		return "Không"
	}
	return "–"
}

// PlainTablePDF lays the tables out with maroto in the report's font
// (Liberation Serif, the same four faces embedded) on A4 landscape with
// the report's margins: text cells in rows sized to their content, no
// borders, no heading block, no page numbers.
func PlainTablePDF(tables []PlainTable) ([]byte, error) {
	faces := []struct {
		style fontstyle.Type
		ttf   []byte
	}{
		{fontstyle.Normal, liberationserifregular.TTF},
		{fontstyle.Bold, liberationserifbold.TTF},
		{fontstyle.Italic, liberationserifitalic.TTF},
		{fontstyle.BoldItalic, liberationserifbolditalic.TTF},
	}
	const family = "LiberationSerif"
	fonts := make([]*entity.CustomFont, 0, len(faces))
	for _, f := range faces {
		fonts = append(fonts, &entity.CustomFont{Family: family, Style: f.style, Bytes: f.ttf})
	}
	cfg := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithOrientation(orientation.Horizontal).
		WithTopMargin(20).WithBottomMargin(20).WithLeftMargin(30).WithRightMargin(15).
		WithMaxGridSize(100).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: family, Size: 10.5}).
		Build()
	m := maroto.New(cfg)
	cell := props.Text{Family: family, Size: 10.5}
	var rows []core.Row
	line := func(widths []int, texts []string) core.Row {
		r := row.New()
		for i, w := range widths {
			r.Add(text.NewCol(w, texts[i], cell))
		}
		return r
	}
	for _, t := range tables {
		rows = append(rows, line(t.Widths, t.Head))
		for _, l := range t.Rows {
			rows = append(rows, line(t.Widths, l))
		}
	}
	m.AddRows(rows...)
	doc, err := m.Generate()
	if err != nil {
		return nil, err
	}
	return doc.GetBytes(), nil
}
