package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"slices"
	"sort"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/submission"
)

// Chart shades are greys so the report prints the same on a black and
// white printer; every shade is also named in text.
var shades = map[string]color.RGBA{
	statusOnTime:   {0x33, 0x33, 0x33, 0xff},
	statusLate:     {0x8c, 0x8c, 0x8c, 0xff},
	statusReturned: {0xbf, 0xbf, 0xbf, 0xff},
	statusMissing:  {0xff, 0xff, 0xff, 0xff},
}

var statusOrder = []string{statusOnTime, statusLate, statusReturned, statusMissing}

func shade(status string) *props.Color {
	c := shades[status]
	return &props.Color{Red: int(c.R), Green: int(c.G), Blue: int(c.B)}
}

// standingLabels name the standings as the report does: a unit with nothing
// in hand has not sent its report, whether it started one or not.
var standingLabels = map[submission.Standing]string{
	submission.StandingOnTime: statusOnTime, submission.StandingLate: statusLate,
	submission.StandingReturned: statusReturned, submission.StandingDraft: statusMissing,
	submission.StandingNotStarted: statusMissing,
}

// unitStatus names a unit's standing as the report does.
func (r *renderer) unitStatus(u consolidate.UnitStatus) string {
	return standingLabels[u.Standing(r.s.Round.DueAt)]
}

func (r *renderer) caption(format string, args ...any) []core.Row {
	r.charts++
	args = append([]any{r.charts}, args...)
	return append([]core.Row{space(2)},
		r.centred(fmt.Sprintf(format, args...), txt(12, fontstyle.BoldItalic, align.Center), r.width)...)
}

// stripAll is the most units the completeness chart names one by one.
const stripAll = 36

// completenessChart is a stacked bar of the units by standing, a legend,
// and a strip with one marked box per unit.
func (r *renderer) completenessChart() []core.Row {
	units := r.s.Completeness.Units
	if len(units) == 0 {
		return nil
	}
	count := map[string]int{}
	for _, u := range units {
		count[r.unitStatus(u)]++
	}
	var segs []segment
	for _, st := range statusOrder {
		segs = append(segs, segment{float64(count[st]), shades[st]})
	}
	bar, err := stackedBar(segs)
	rows := r.caption(msgChartCompleteness)
	if err == nil {
		rows = append(rows, mimage.NewFromBytesRow(r.width*40/1000, bar, extension.Png, props.Rect{Percent: 100}))
	}

	legend := row.New(lineHeight(11))
	for _, st := range statusOrder {
		legend.Add(col.New(3).WithStyle(&props.Cell{BackgroundColor: shade(st), BorderType: border.Full, BorderThickness: 0.2}),
			text.NewCol(22, fmt.Sprintf(msgLegendCount, st, count[st]), props.Text{Family: family, Size: 11, Left: 1.5, Top: 0.3}))
	}
	rows = append(rows, space(2), legend, space(2))

	short := map[string]string{}
	for _, u := range r.s.Units {
		short[u.Code] = u.Short
	}
	sorted := append([]consolidate.UnitStatus(nil), units...)
	rank := map[string]int{}
	for i, st := range statusOrder {
		rank[st] = i
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		return rank[r.unitStatus(sorted[i])] < rank[r.unitStatus(sorted[j])]
	})
	// A province of a hundred communes would fill pages of the body with
	// names: past a few dozen units the strip shows those that are not on
	// time only; the status appendix lists every unit.
	if len(sorted) > stripAll {
		sorted = slices.DeleteFunc(sorted, func(u consolidate.UnitStatus) bool { return r.unitStatus(u) == statusOnTime })
	}
	const perRow = 3
	for i := 0; i < len(sorted); i += perRow {
		line := row.New(lineHeight(10.5) + 0.6)
		for k := i; k < i+perRow; k++ {
			if k >= len(sorted) {
				line.Add(col.New(grid / perRow))
				continue
			}
			u := sorted[k]
			name := short[u.Unit]
			if name == "" {
				name = u.Name
			}
			line.Add(col.New(2).WithStyle(&props.Cell{BackgroundColor: shade(r.unitStatus(u)), BorderType: border.Full, BorderThickness: 0.2}),
				text.NewCol(grid/perRow-2, name, props.Text{Family: family, Size: 10.5, Left: 1.5, Top: 0.5}))
		}
		rows = append(rows, line)
	}
	return append(rows, space(4))
}

// targetChart compares a rate with the first percentage of its national
// target: a bar for the province and a vertical mark at the target.
func (r *renderer) targetChart(ind consolidate.IndicatorInfo) []core.Row {
	target, ok := targetPercent(ind.Target)
	if !ok || ind.ValueType != catalog.TypeRate {
		return nil
	}
	c, ok := totalCell(r.s, ind.Code)
	if !ok {
		return nil
	}
	value, ok := consolidate.Rate(ind, c.Total)
	if !ok {
		return nil
	}
	scale := 100.0
	for scale < value || scale < target {
		scale *= 2
	}
	img, err := targetBar(value/scale, target/scale)
	if err != nil {
		return nil
	}
	rows := r.caption(msgChartTarget, ind.Name)
	rows = append(rows, mimage.NewFromBytesRow(r.width*90/1000, img, extension.Png, props.Rect{Percent: 100}))
	ticks := row.New(lineHeight(10))
	for i, a := range []align.Type{align.Left, align.Center, align.Right} {
		ticks.Add(text.NewCol([]int{33, 34, 33}[i], fixed0(scale*float64(i)/2)+"%", props.Text{Family: family, Size: 10, Align: a}))
	}
	of := msgChartTargetOf
	if n, expected, ok := r.partial(c); ok {
		of = fmt.Sprintf(msgChartTargetPartial, n, expected)
	}
	legend := fmt.Sprintf(msgChartTargetLegend, of, fixed2(value)+rateSuffix(ind.UnitOfMeasure), ind.Target)
	rows = append(rows, ticks)
	rows = append(rows, r.centred(legend, txt(11, fontstyle.Italic, align.Center), r.width)...)
	return append(rows, space(3))
}

func fixed0(f float64) string { return fmt.Sprintf("%.0f", f) }

type segment struct {
	value float64
	color color.RGBA
}

var ink = color.RGBA{0, 0, 0, 0xff}

// stackedBar draws segments side by side across a 1000×40 picture, framed.
func stackedBar(segs []segment) ([]byte, error) {
	const w, h = 1000, 40
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.White}, image.Point{}, draw.Src)
	total := 0.0
	for _, s := range segs {
		total += s.value
	}
	x := 0.0
	for _, s := range segs {
		if total == 0 || s.value == 0 {
			continue
		}
		nx := x + s.value/total*w
		fill(img, int(x), 0, int(nx), h, s.color)
		fill(img, int(nx)-2, 0, int(nx), h, ink)
		x = nx
	}
	frameRect(img, ink)
	return encode(img)
}

// targetBar draws a bar of share value (0..1) with a vertical mark at target.
func targetBar(value, target float64) ([]byte, error) {
	const w, h = 1000, 90
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.White}, image.Point{}, draw.Src)
	grey := color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	for i := 0; i <= 2; i++ {
		x := i * (w - 2) / 2
		fill(img, x, 0, x+2, h, grey)
	}
	fill(img, 0, 20, int(value*w), 70, shades[statusOnTime])
	tx := int(target * w)
	fill(img, tx-3, 0, tx+3, h, ink)
	fill(img, 0, h-2, w, h, ink)
	return encode(img)
}

func fill(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
}

func frameRect(img *image.RGBA, c color.RGBA) {
	b := img.Bounds()
	fill(img, 0, 0, b.Dx(), 2, c)
	fill(img, 0, b.Dy()-2, b.Dx(), b.Dy(), c)
	fill(img, 0, 0, 2, b.Dy(), c)
	fill(img, b.Dx()-2, 0, b.Dx(), b.Dy(), c)
}

func encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}
