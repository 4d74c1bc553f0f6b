// Package submission is what an agency submits for a round: the cells of
// its form, their values and narratives, the validation engine shared by
// the web form, the Excel import and the JSON API, revisions and the
// status of a submission. It imports no database and no HTTP.
package submission

import (
	"strings"

	"baocao/internal/catalog"
)

// Disaggregation picks one option per dimension of an indicator; empty for
// an indicator without dimensions, or for the entered total of one.
type Disaggregation map[string]string

// Key is a cell's identity: "IND" or "IND|DIM=OPT|DIM=OPT", dimensions in
// the indicator's order.
type Key string

// CellKey builds the key of indicator's cell at d, dims in catalog order.
func CellKey(indicator string, dims []string, d Disaggregation) Key {
	if len(d) == 0 {
		return Key(indicator)
	}
	var b strings.Builder
	b.Grow(len(indicator) + 16*len(d))
	b.WriteString(indicator)
	for _, dim := range dims {
		if opt, ok := d[dim]; ok {
			b.WriteByte('|')
			b.WriteString(dim)
			b.WriteByte('=')
			b.WriteString(opt)
		}
	}
	return Key(b.String())
}

// Cell is one input of a form: an indicator at one disaggregation.
type Cell struct {
	Key            Key
	Indicator      string
	Disaggregation Disaggregation
	// Labels are the chosen options' names, in dimension order.
	Labels []string
	// Total marks the entered total of an indicator with dimensions.
	Total bool
}

// Label names the cell among its indicator's: "Tổng số" for the entered
// total, else its options ("Nam, Dưới 6 tuổi"); "" for an indicator
// without dimensions.
func (c Cell) Label() string {
	if c.Total {
		return message(labelTotal)
	}
	return strings.Join(c.Labels, ", ")
}

// IndicatorSpec is an indicator as it appears on a form, with its cells.
type IndicatorSpec struct {
	catalog.Indicator
	Dims  []catalog.Dimension
	Cells []Cell
}

// Section is a task group of the form with its indicators.
type Section struct {
	TaskGroup  catalog.TaskGroup
	Indicators []IndicatorSpec
}

// FormSpec is everything a unit fills in for a round: its indicators
// grouped by task group, and its narrative sections.
type FormSpec struct {
	Form       catalog.Form
	Sections   []Section
	Narratives []catalog.NarrativeSection
	cells      map[Key]*Cell
	indicators map[string]*IndicatorSpec
}

// BuildForm lays out form from catalog c: indicators in the form's order
// grouped by task group (catalog order), every cell of each indicator (the
// cross product of its dimensions' options, plus the total when it is
// entered), and the narrative sections.
func BuildForm(c *catalog.Catalog, form catalog.Form) *FormSpec {
	spec := &FormSpec{Form: form, cells: map[Key]*Cell{}, indicators: map[string]*IndicatorSpec{}}
	byGroup := map[string][]IndicatorSpec{}
	for _, code := range form.Indicators {
		ind, ok := c.Indicator(code)
		if !ok {
			continue
		}
		is := IndicatorSpec{Indicator: ind}
		for _, dc := range ind.Dimensions {
			d, _ := c.Dimension(dc)
			is.Dims = append(is.Dims, d)
		}
		is.Cells = indicatorCells(is)
		byGroup[ind.TaskGroup] = append(byGroup[ind.TaskGroup], is)
	}
	for _, tg := range c.Plan.TaskGroups {
		if inds := byGroup[tg.Code]; len(inds) > 0 {
			spec.Sections = append(spec.Sections, Section{TaskGroup: tg, Indicators: inds})
		}
	}
	for si := range spec.Sections {
		for ii := range spec.Sections[si].Indicators {
			is := &spec.Sections[si].Indicators[ii]
			spec.indicators[is.Code] = is
			for ci := range is.Cells {
				spec.cells[is.Cells[ci].Key] = &is.Cells[ci]
			}
		}
	}
	for _, code := range form.Narratives {
		for _, ns := range c.Plan.NarrativeSections {
			if ns.Code == code {
				spec.Narratives = append(spec.Narratives, ns)
			}
		}
	}
	return spec
}

func indicatorCells(is IndicatorSpec) []Cell {
	dims := is.Indicator.Dimensions
	var cells []Cell
	if len(is.Dims) == 0 || is.Total == catalog.TotalEntered {
		cells = append(cells, Cell{Key: CellKey(is.Code, dims, nil), Indicator: is.Code,
			Disaggregation: Disaggregation{}, Total: len(is.Dims) > 0})
	}
	if len(is.Dims) == 0 {
		return cells
	}
	var walk func(i int, d Disaggregation, labels []string)
	walk = func(i int, d Disaggregation, labels []string) {
		if i == len(is.Dims) {
			dd := Disaggregation{}
			for k, v := range d {
				dd[k] = v
			}
			cells = append(cells, Cell{Key: CellKey(is.Code, dims, dd), Indicator: is.Code,
				Disaggregation: dd, Labels: append([]string(nil), labels...)})
			return
		}
		for _, o := range is.Dims[i].Options {
			d[is.Dims[i].Code] = o.Code
			walk(i+1, d, append(labels, o.Name))
		}
		delete(d, is.Dims[i].Code)
	}
	walk(0, Disaggregation{}, nil)
	return cells
}

// Cell returns the form's cell with key.
func (f *FormSpec) Cell(k Key) (*Cell, bool) {
	c, ok := f.cells[k]
	return c, ok
}

// Indicator returns the form's indicator with code.
func (f *FormSpec) Indicator(code string) (*IndicatorSpec, bool) {
	is, ok := f.indicators[code]
	return is, ok
}

// Cells lists every cell of the form in form order.
func (f *FormSpec) Cells() []*Cell {
	var out []*Cell
	for si := range f.Sections {
		for ii := range f.Sections[si].Indicators {
			is := &f.Sections[si].Indicators[ii]
			for ci := range is.Cells {
				out = append(out, &is.Cells[ci])
			}
		}
	}
	return out
}

// Indicators lists the form's indicators in form order.
func (f *FormSpec) Indicators() []*IndicatorSpec {
	var out []*IndicatorSpec
	for si := range f.Sections {
		for ii := range f.Sections[si].Indicators {
			out = append(out, &f.Sections[si].Indicators[ii])
		}
	}
	return out
}

// HasNarrative reports whether the form has narrative section code.
func (f *FormSpec) HasNarrative(code string) bool {
	for _, n := range f.Narratives {
		if n.Code == code {
			return true
		}
	}
	return false
}
