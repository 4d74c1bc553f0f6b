package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/line"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
)

// The header's two columns, in grid units out of 100: the issuing body at
// left, the national motto at right, as on every Decree 30 document.
const (
	leftCol  = 42
	rightCol = 58
)

// headLine is one line of a header column, optionally underlined by a
// short rule of ruleWidth millimetres.
type headLine struct {
	s         string
	style     fontstyle.Type
	size      float64
	ruleWidth float64
}

// header is the Decree 30 heading block of page 1.
func (r *renderer) header() []core.Row {
	iss := r.meta.Roles.Issuer
	leftW, rightW := r.width*leftCol/grid, r.width*rightCol/grid

	var left []headLine
	if p := strings.TrimSpace(iss.ParentBody); p != "" {
		left = append(left, headLine{s: strings.ToUpper(p), size: bodySize})
	}
	body := r.splitBody(strings.ToUpper(iss.IssuingBody), leftW-2)
	for _, l := range body {
		left = append(left, headLine{s: l, style: fontstyle.Bold, size: bodySize})
	}
	// The rule under the issuing body is about a third of its width.
	left[len(left)-1].ruleWidth = r.m.width(body[0], fontstyle.Bold, bodySize) / 3

	right := []headLine{
		{s: msgNation, style: fontstyle.Bold, size: 12.5},
		{s: msgMotto, style: fontstyle.Bold, size: bodySize},
	}
	right[1].ruleWidth = r.m.width(msgMotto, fontstyle.Bold, bodySize)

	var rows []core.Row
	if !r.meta.Issued {
		rows = append(rows, textRow(msgDraft, txt(14, fontstyle.Bold, align.Right)), space(1))
	}
	for i := 0; i < max(len(left), len(right)); i++ {
		rows = append(rows, row.New(lineHeight(bodySize)).Add(
			headCol(left, i, leftCol), headCol(right, i, rightCol)))
		// Rules get a row of their own so they clear the descenders.
		if ruled(left, i) || ruled(right, i) {
			rows = append(rows, row.New(3).Add(ruleCol(left, i, leftCol, leftW), ruleCol(right, i, rightCol, rightW)))
		}
	}
	// A draft has neither number nor date of issue yet: the Meta says
	// how each reads.
	number, date := msgNumber+r.meta.NumberSymbol(), r.meta.DateLine(zone)
	rows = append(rows, space(3), row.New(lineHeight(bodySize)).Add(
		text.NewCol(leftCol, number, txt(bodySize, fontstyle.Normal, align.Center)),
		text.NewCol(rightCol, date, txt(bodySize, fontstyle.Italic, align.Center)),
	))
	return rows
}

// headCol is line i of a header column, empty when the column is shorter.
func headCol(lines []headLine, i, size int) core.Col {
	c := col.New(size)
	if i >= len(lines) {
		return c
	}
	l := lines[i]
	p := txt(l.size, l.style, align.Center)
	p.Top = 0.3
	return c.Add(text.New(l.s, p))
}

// ruleCol is the short rule under line i of a header column, if it has one.
func ruleCol(lines []headLine, i, size int, width float64) core.Col {
	c := col.New(size)
	if ruled(lines, i) {
		c.Add(line.New(props.Line{Thickness: 0.3, SizePercent: 100 * lines[i].ruleWidth / width, OffsetPercent: 60}))
	}
	return c
}

func ruled(lines []headLine, i int) bool { return i < len(lines) && lines[i].ruleWidth > 0 }

// splitBody puts a long issuing body on two lines, preferably before the
// place ("ỦY BAN NHÂN DÂN" / "TỈNH KIÊN GIANG"), otherwise near the middle.
func (r *renderer) splitBody(body string, width float64) []string {
	if r.m.width(body, fontstyle.Bold, bodySize) <= width {
		return []string{body}
	}
	for _, place := range []string{" TỈNH ", " THÀNH PHỐ ", " HUYỆN "} {
		if i := strings.Index(body, place); i > 0 {
			return []string{body[:i], body[i+1:]}
		}
	}
	words := strings.Fields(body)
	best, bestDiff := 1, len(body)
	for i := 1; i < len(words); i++ {
		n := len(strings.Join(words[:i], " "))
		if d := abs(2*n - len(body)); d < bestDiff {
			best, bestDiff = i, d
		}
	}
	return []string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// summary is the report's summary line with its year filled in.
func (r *renderer) summary() string {
	year := strconv.Itoa(r.s.Round.PeriodEnd.In(zone).Year())
	return strings.ReplaceAll(r.s.Report.Summary, "{year}", year)
}

// title is "BÁO CÁO", the summary line and the short rule under them.
func (r *renderer) title() []core.Row {
	rows := []core.Row{space(8), textRow(strings.ToUpper(r.s.Report.Title), txt(14, fontstyle.Bold, align.Center))}
	rows = append(rows, r.centred(r.summary(), txt(14, fontstyle.Bold, align.Center), r.width*0.85)...)
	rows = append(rows, row.New(4).Add(col.New(grid).Add(rule(20))), space(4))
	return rows
}

// opening is the paragraph saying what the report carries out and how
// complete its figures are.
func (r *renderer) opening() []core.Row {
	s := r.s
	c := s.Completeness
	body := sentenceCase(r.meta.Roles.Issuer.IssuingBody)
	p := txt(bodySize, fontstyle.Normal, align.Justify)
	rows := r.paragraph(fmt.Sprintf(msgOpening, r.meta.Roles.Citation, body, r.reported()), p, indent)
	if !s.Round.Cutoff.IsZero() {
		rows = append(rows, r.paragraph(catalog.DataWindowText(s.Round.DataFrom, s.Round.Cutoff)+".", p, indent)...)
	}
	text := fmt.Sprintf(msgCompleteness, shortDate(s.CreatedAt), c.Submitted, c.Expected, c.OnTime, c.Late,
		c.Missing, c.Included)
	if s.IncludesUnreviewed {
		text += fmt.Sprintf(msgUnreviewed, unreviewed(s))
	}
	if c.Included == 0 {
		text += msgNothingIncluded
	}
	rows = append(rows, r.paragraph(text, p, indent)...)
	if cmp := s.Comparison; cmp != nil {
		note := fmt.Sprintf(msgComparison, cmp.Year, cmp.Units, cmp.Reported, cmp.PreviousUnits, cmp.Year, cmp.PreviousReported)
		if len(cmp.Outside) > 0 {
			note += fmt.Sprintf(msgComparisonOutside, len(cmp.Outside), cmp.Year)
		}
		rows = append(rows, r.paragraph(note+".", txt(bodySize-1, fontstyle.Italic, align.Justify), indent)...)
	}
	return append(rows, space(2))
}

// reported is what the opening sentence says the body reports ("… báo
// cáo kết quả thực hiện năm 2025"): the round's title without its own
// "Báo cáo", which the sentence already says, however it is spaced or
// cased, and in lower case only where the title was not an acronym or a
// name. A title that is nothing but "Báo cáo" gives the report's summary.
func (r *renderer) reported() string {
	words := strings.Fields(strings.ReplaceAll(r.s.Round.Title, "\u00a0", " "))
	for len(words) >= 2 && strings.EqualFold(words[0], "báo") && strings.EqualFold(strings.TrimRight(words[1], ":,-–"), "cáo") {
		words = words[2:]
		for len(words) > 0 && strings.Trim(words[0], ":,-–") == "" {
			words = words[1:]
		}
	}
	if len(words) == 0 {
		words = strings.Fields(r.summary())
	}
	if len(words) == 0 {
		return ""
	}
	upper := strings.ToUpper(strings.Join(words, " ")) == strings.Join(words, " ")
	for i, w := range words {
		if upper || i == 0 && strings.ToUpper(w) != w {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// unreviewed counts included submissions staff have not accepted yet.
func unreviewed(s *consolidate.Snapshot) int {
	n := 0
	for _, u := range s.Completeness.Units {
		if u.Included && !u.Reviewed {
			n++
		}
	}
	return n
}

// sentenceCase turns "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" into "Ủy ban nhân
// dân tỉnh Kiên Giang": the place name (after TỈNH) keeps its capitals.
func sentenceCase(s string) string {
	words := strings.Fields(s)
	place := false
	for i, w := range words {
		rs := []rune(strings.ToLower(w))
		if (i == 0 || place) && len(rs) > 0 {
			rs[0] = []rune(strings.ToUpper(string(rs[0])))[0]
		}
		words[i] = string(rs)
		if w == "TỈNH" || w == "PHỐ" || w == "HUYỆN" {
			place = true
		}
	}
	return strings.Join(words, " ")
}
