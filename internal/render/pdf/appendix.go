package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
)

// indicatorsPerTable keeps by-unit tables legible on a landscape page.
const indicatorsPerTable = 6

// appendices adds the catalog's appendices, numbered from their order, then
// the submission status appendix every report carries.
func (r *renderer) appendices() {
	n := 0
	for _, a := range r.s.Report.Appendices {
		n++
		r.appendix(n, a)
	}
	r.start(false, roman(n+1))
	r.add(r.appendixHead(n+1, msgAppendixStatus)...)
	r.add(r.statusTable()...)
}

// appendix adds the catalog's appendix a as appendix number n, on pages of
// its own.
func (r *renderer) appendix(n int, a catalog.Appendix) {
	landscape := a.ByUnit || a.Orientation == "landscape"
	r.start(landscape, roman(n))
	r.add(r.appendixHead(n, a.Title)...)
	if a.ByUnit {
		r.add(r.byUnit(a)...)
	} else {
		r.add(r.provinceCells(a)...)
	}
}

// RenderByUnitAppendix renders only the report's by-unit appendices, each
// numbered and laid out exactly as in the full report: the largest part of
// a large round's report, measured on its own by the benchmarks.
func RenderByUnitAppendix(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	if s == nil {
		return nil, fmt.Errorf("render appendix: no snapshot")
	}
	ms, err := measurers.take(newMeasurer)
	if err != nil {
		return nil, fmt.Errorf("render appendix: %w", err)
	}
	defer measurers.put(ms)
	r := &renderer{s: s, meta: m, m: ms}
	for i, a := range s.Report.Appendices {
		if a.ByUnit {
			r.appendix(i+1, a)
		}
	}
	if len(r.sheets) == 0 {
		return nil, fmt.Errorf("render appendix %s: the report has no by-unit appendix", s.Round.Code)
	}
	r.laidOut()
	var out bytes.Buffer
	if err := r.generate(&out); err != nil {
		return nil, fmt.Errorf("render appendix %s: %w", r.code, err)
	}
	return out.Bytes(), nil
}

func (r *renderer) appendixHead(n int, title string) []core.Row {
	iss := r.meta.Roles.Issuer
	attached := fmt.Sprintf(msgAppendixAttached, r.meta.NumberSymbol(), r.meta.IssueDay(zone), sentenceCase(iss.IssuingBody))
	rows := r.signatureInfo()
	rows = append(rows, textRow(fmt.Sprintf(msgAppendix, roman(n)), txt(bodySize, fontstyle.Bold, align.Center)))
	rows = append(rows, r.centred(strings.ToUpper(title), txt(bodySize, fontstyle.Bold, align.Center), r.width*0.9)...)
	rows = append(rows, r.centred(attached, txt(bodySize, fontstyle.Italic, align.Center), r.width*0.9)...)
	rows = append(rows, space(4))
	r.keep(rows...) // with the first table's title, heading and first row
	return rows
}

// provinceCells lists the province total of every cell of the appendix's
// indicators: the indicator's line, then one line per breakdown.
func (r *renderer) provinceCells(a catalog.Appendix) []core.Row {
	cols := []column{
		{width: 9, head: msgColCode, align: align.Center},
		{width: 59, head: msgColIndicator},
		{width: 14, head: msgColUnit, align: align.Center},
		{width: 18, head: msgColValue, align: align.Right},
	}
	var body [][]cell
	for _, code := range a.Indicators {
		ind, ok := r.s.Indicator(code)
		if !ok {
			continue
		}
		cells := r.s.CellsOf(code)
		head := []cell{{s: ind.Code, style: fontstyle.Bold}, {s: ind.Name, style: fontstyle.Bold}, {s: ind.UnitOfMeasure}, {}}
		note := ""
		if tc, ok := totalCell(r.s, code); ok {
			note = r.coverageNote(tc)
			head[3] = cell{s: valueOrDash(ind, tc), style: fontstyle.Bold, note: note}
		}
		body = append(body, head)
		for _, c := range cells {
			if len(c.Disaggregation) == 0 {
				continue
			}
			v := cell{s: valueOrDash(ind, c)}
			if n := r.coverageNote(c); n != note {
				v.note = n // a breakdown not summed over the indicator's units
			}
			body = append(body, []cell{{}, {s: "– " + cellLabel(ind, c), style: fontstyle.Italic}, {s: ind.UnitOfMeasure}, v})
		}
	}
	return r.table(r.appendixTable(msgTableCells), 11, cols, body)
}

func valueOrDash(ind consolidate.IndicatorInfo, c consolidate.Cell) string {
	if ind.ValueType == catalog.TypeText {
		return msgTextByUnit
	}
	if v, ok := formatValue(ind, c.Total); ok {
		return v
	}
	return msgNoData
}

// byUnit shows each included unit's figure for the appendix's indicators,
// a few indicators per table, with the province on the last line.
func (r *renderer) byUnit(a catalog.Appendix) []core.Row {
	var units []consolidate.UnitStatus
	for _, u := range r.s.Completeness.Units {
		if u.Included {
			units = append(units, u)
		}
	}
	var inds []consolidate.IndicatorInfo
	for _, code := range a.Indicators {
		if ind, ok := r.s.Indicator(code); ok && ind.ValueType != catalog.TypeText {
			inds = append(inds, ind)
		}
	}
	var rows []core.Row
	parts := (len(inds) + indicatorsPerTable - 1) / indicatorsPerTable
	for start := 0; start < len(inds); start += indicatorsPerTable {
		group := inds[start:min(start+indicatorsPerTable, len(inds))]
		valueW := (grid - 5 - 23) / indicatorsPerTable
		cols := []column{{width: 5, head: msgColNo, align: align.Center}, {width: grid - 5 - valueW*len(group), head: msgColReporter}}
		cells := make([]consolidate.Cell, len(group))
		for i, ind := range group {
			cols = append(cols, column{width: valueW, head: ind.Name + " (" + ind.UnitOfMeasure + ")", align: align.Right})
			cells[i], _ = totalCell(r.s, ind.Code)
		}
		var body [][]cell
		for k, u := range units {
			line := []cell{{s: strconv.Itoa(k + 1)}, {s: u.Name}}
			for i, ind := range group {
				v := msgNoData
				if uv, ok := cells[i].Units[u.Unit]; ok {
					if s, ok := formatValue(ind, &uv); ok {
						v = s
					}
				}
				line = append(line, cell{s: v})
			}
			body = append(body, line)
		}
		body = append(body, r.byUnitTotal(group, cells))
		title := msgTableByUnit
		if parts > 1 {
			title = fmt.Sprintf(msgTablePart, title, start/indicatorsPerTable+1, parts)
		}
		rows = append(rows, r.table(r.appendixTable(title), 10.5, cols, body)...)
		rows = append(rows, space(6))
	}
	return rows
}

// byUnitTotal is the last line of a by-unit table: the province's figures
// when they cover every expected unit, else labelled with their coverage
// (one label when the columns share it, under each figure otherwise).
func (r *renderer) byUnitTotal(group []consolidate.IndicatorInfo, cells []consolidate.Cell) []cell {
	label := msgProvince
	cover := map[[2]int]bool{}
	for _, c := range cells {
		if n, expected, ok := r.partial(c); ok {
			cover[[2]int{n, expected}] = true
		}
	}
	if len(cover) == 1 && len(cells) > 0 {
		for k := range cover {
			label = fmt.Sprintf(msgCoverage, k[0], k[1])
		}
	} else if len(cover) > 1 {
		label = msgPartialTotals
	}
	total := []cell{{}, {s: label, style: fontstyle.Bold}}
	for i, ind := range group {
		v := cell{s: valueOrDash(ind, cells[i]), style: fontstyle.Bold}
		if n, expected, ok := r.partial(cells[i]); ok && len(cover) > 1 {
			v.note = fmt.Sprintf(msgCoverageShort, n, expected)
		}
		total = append(total, v)
	}
	return total
}

// statusTable lists every expected unit with its standing.
func (r *renderer) statusTable() []core.Row {
	cols := []column{
		{width: 7, head: msgColNo, align: align.Center},
		{width: 43, head: msgColReporter},
		{width: 14, head: msgColStatus, align: align.Center},
		{width: 18, head: msgColSubmittedAt, align: align.Center},
		{width: 18, head: msgColIncluded, align: align.Center},
	}
	var body [][]cell
	for i, u := range r.s.Completeness.Units {
		at := ""
		if u.SubmittedAt != nil {
			at = dateTime(*u.SubmittedAt)
		}
		inc := msgExcluded
		switch {
		case u.Included && u.Reviewed:
			inc = msgIncluded
		case u.Included:
			inc = msgIncludedUnchecked
		}
		body = append(body, []cell{{s: fmt.Sprint(i + 1)}, {s: u.Name}, {s: r.statusCell(u)}, {s: at}, {s: inc}})
	}
	return r.table(r.appendixTable(msgTableStatus), 11.5, cols, body)
}

// appendixTable is the title of the next table of the current appendix,
// numbered within it ("Bảng II.1. …").
func (r *renderer) appendixTable(title string) string {
	r.appendixTables++
	return fmt.Sprintf(msgTableAppendix, r.sheets[len(r.sheets)-1].appendix, r.appendixTables, title)
}

// statusCell is a unit's standing in the completeness table, with its
// extended deadline and the reason when staff extended it.
func (r *renderer) statusCell(u consolidate.UnitStatus) string {
	status := r.unitStatus(u)
	if u.DueAt != nil {
		status += fmt.Sprintf(msgExtended, catalog.DeadlineText(*u.DueAt), u.DueReason)
	}
	return status
}
