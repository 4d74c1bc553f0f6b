package demo

import (
	"fmt"
	"math/rand/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// What other packages use of the demo's generators: internal/synth scales
// the seed catalog to thousands of units and fills their forms with the
// same logic, so a synthetic commune is written like a demo district.

// Generator writes complete submissions the way the demo season does,
// every figure cut from one model of the province.
type Generator struct{ g *generator }

// NewGenerator returns the generator of year's round on catalog c.
func NewGenerator(c *catalog.Catalog, year int) *Generator {
	return &Generator{g: newGenerator(c, year)}
}

// Content is u's complete submission on spec: every cell filled from the
// demo's model of the province (a unit the demo does not know gets
// plausible values), every narrative written. It is checked before it is
// returned: an error means it would not pass submission.Validate.
func (g *Generator) Content(u catalog.Unit, spec *submission.FormSpec) (submission.Content, error) {
	h, err := g.g.history(u, spec, plan{Outcome: outcomeOnTime, Revisions: 1}, nil)
	if err != nil {
		return submission.Content{}, err
	}
	return h.Revisions[len(h.Revisions)-1], nil
}

// Territory is a local government's area below the district, a commune or
// a ward, for Generator.Territory.
type Territory struct {
	Code string
	// Children are the area's children under 16 by sex (M, F) and age
	// group (0-<6, 6-<11, 11-<16).
	Children [2][3]int
	// Special and AtRisk are the children in special circumstances and
	// at risk of them.
	Special, AtRisk int
	// Hamlets are the area's ấp, thôn or khu phố.
	Hamlets int
	// Centre says whether the area has a cultural and sports centre.
	Centre bool
	// Places are two hamlets where the area's models run.
	Places [2]string
}

// Territory fills spec, the district form or one derived from it, for one
// area with the district generator: figures in proportion to the area's
// children and hamlets, the rules of the catalog kept. r drives the
// variation. Narratives are left to the caller (see Expand).
func (g *Generator) Territory(spec *submission.FormSpec, t Territory, r *rand.Rand) []submission.Entry {
	p := &people{Children: t.Children, Special: t.Special, AtRisk: t.AtRisk}
	for _, bySex := range t.Children {
		for _, n := range bySex {
			p.Total += n
		}
	}
	d := district{Code: t.Code, Communes: 1, Hamlets: t.Hamlets, Places: t.Places}
	if t.Centre {
		d.Centres = 1
	}
	c := newCells(spec)
	g.g.district(c, d, p, r)
	c.fillRest(r)
	return c.entries
}

// Expand fills the placeholders of text from content's figures: {CODE} is
// an indicator's total or rate, {CODE:OPT} its cells with option OPT,
// {CODE:num}, {CODE:den} and {CODE:gap} a rate's parts and their
// difference, written the Vietnamese way (1.234,5). A placeholder that
// cannot be filled is an error.
func Expand(spec *submission.FormSpec, content submission.Content, text string) (string, error) {
	out := facts{spec: spec, content: content}.expand(text)
	if m := placeholder.FindString(out); m != "" {
		return "", fmt.Errorf("no figure for %s in %q", m, text)
	}
	return out, nil
}

// Figure is the number a placeholder of Expand stands for: code's total (or
// rate), or part of it; false when the form or content lacks it.
func Figure(spec *submission.FormSpec, content submission.Content, code, part string) (float64, bool) {
	return facts{spec: spec, content: content}.number(code, part)
}

// Apportion splits total in proportion to weights into whole numbers that
// add up to total exactly (largest remainder).
func Apportion(total int, weights []float64) []int { return apportion(total, weights) }

// Apply parses a change onto base as the API would; a malformed entry is
// an error naming the first one (for a generator, a bug).
func Apply(spec *submission.FormSpec, base submission.Content, ch submission.Change) (submission.Content, error) {
	return apply(spec, base, ch)
}
