package pdf

import (
	"fmt"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
)

// body follows the catalog's sections in order: headings numbered I, II …
// then 1, 2 … then a), b) …, each with its units' narratives and a table
// of its key figures.
func (r *renderer) body() []core.Row {
	var rows []core.Row
	for i, sec := range r.s.Report.Sections {
		rows = append(rows, r.section(sec, 0, i)...)
	}
	return rows
}

func sectionNumber(depth, i int) string {
	switch depth {
	case 0:
		return roman(i+1) + "."
	case 1:
		return fmt.Sprintf("%d.", i+1)
	}
	return string(rune('a'+i%26)) + ")"
}

func (r *renderer) section(sec catalog.Section, depth, i int) []core.Row {
	title := sec.Title
	if depth == 0 {
		title = strings.ToUpper(title)
	}
	style := fontstyle.Bold
	if depth > 1 {
		style = fontstyle.BoldItalic
	}
	rows := []core.Row{space(2)}
	rows = append(rows, r.paragraph(sectionNumber(depth, i)+" "+title, txt(bodySize, style, align.Justify), indent)...)
	plain := txt(bodySize, fontstyle.Normal, align.Justify)
	if sec.Intro != "" {
		rows = append(rows, r.paragraph(sec.Intro, plain, indent)...)
	}
	for _, code := range sec.Narratives {
		rows = append(rows, r.narratives(code, len(sec.Narratives) > 1)...)
	}
	if len(sec.Indicators) > 0 {
		rows = append(rows, r.keyFigures(sec.Title, sec.Indicators)...)
	}
	for j, sub := range sec.Sections {
		rows = append(rows, r.section(sub, depth+1, j)...)
	}
	return rows
}

// narratives compiles one narrative section from the units, each unit's
// text its own attributed paragraph.
func (r *renderer) narratives(code string, titled bool) []core.Row {
	plain := txt(bodySize, fontstyle.Normal, align.Justify)
	var rows []core.Row
	if titled {
		for _, ns := range r.s.Plan.NarrativeSections {
			if ns.Code == code {
				rows = append(rows, r.paragraph(ns.Title, txt(bodySize, fontstyle.Italic, align.Justify), indent)...)
			}
		}
	}
	found := false
	for _, n := range r.s.Narratives {
		if n.Section != code || strings.TrimSpace(n.Text) == "" {
			continue
		}
		found = true
		for k, para := range strings.Split(strings.TrimSpace(n.Text), "\n") {
			para = strings.TrimSpace(para)
			if para == "" {
				continue
			}
			if k == 0 {
				para = fmt.Sprintf(msgAttributed, n.UnitName, para)
			}
			rows = append(rows, r.paragraph(para, plain, indent)...)
		}
	}
	if !found {
		rows = append(rows, r.paragraph(msgNoNarrative, txt(bodySize, fontstyle.Italic, align.Justify), indent)...)
	}
	return rows
}

// keyFigures is the small table of a section's indicators at province
// level, followed by a chart for each indicator with a numeric target. The
// target column is there when one of the indicators has a target.
func (r *renderer) keyFigures(title string, codes []string) []core.Row {
	var inds []consolidate.IndicatorInfo
	targets := false
	for _, code := range codes {
		if ind, ok := r.s.Indicator(code); ok {
			inds = append(inds, ind)
			targets = targets || strings.TrimSpace(ind.Target) != ""
		}
	}
	cmp := r.s.Comparison
	cols := []column{
		{width: 8, head: msgColNo, align: align.Center},
		{width: 44, head: msgColIndicator},
		{width: 13, head: msgColUnit, align: align.Center},
		{width: 15, head: msgColValue, align: align.Right},
	}
	switch {
	case cmp != nil && targets:
		cols = []column{
			{width: 7, head: msgColNo, align: align.Center},
			{width: 37, head: msgColIndicator},
			{width: 12, head: msgColUnit, align: align.Center},
			{width: 14, head: msgColValue, align: align.Right},
			{width: 14, head: fmt.Sprintf(msgColChange, cmp.Year), align: align.Right},
		}
	case cmp != nil:
		cols[1].width = 47
		cols = append(cols, column{width: 17, head: fmt.Sprintf(msgColChange, cmp.Year), align: align.Right})
	case !targets:
		cols[1].width = 57
		cols[3].width = 22
	}
	if targets {
		cols = append(cols, column{width: grid - sumWidths(cols), head: msgColTarget})
	}
	var body [][]cell
	var charts []core.Row
	for i, ind := range inds {
		val := cell{s: msgNoData, style: fontstyle.Bold}
		if c, ok := totalCell(r.s, ind.Code); ok {
			if v, ok := formatValue(ind, c.Total); ok {
				val.s, val.note = v, r.coverageNote(c)
			}
		}
		if ind.ValueType == catalog.TypeText {
			val = cell{s: msgTextByUnit, style: fontstyle.Bold}
		}
		row := []cell{{s: fmt.Sprint(i + 1)}, {s: ind.Name}, {s: ind.UnitOfMeasure}, val}
		if cmp != nil {
			row = append(row, cell{s: changeText(ind, cmp, ind.Code)})
		}
		if targets {
			row = append(row, cell{s: ind.Target})
		}
		body = append(body, row)
		charts = append(charts, r.targetChart(ind)...)
	}
	r.tables++
	rows := []core.Row{space(2)}
	rows = append(rows, r.table(fmt.Sprintf(msgTableKeyFigures, r.tables, title), 11.5, cols, body)...)
	rows = append(rows, space(3))
	return append(rows, charts...)
}

func sumWidths(cols []column) int {
	n := 0
	for _, c := range cols {
		n += c.width
	}
	return n
}
