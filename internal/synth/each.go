package synth

import (
	"fmt"
	"math"
	"strings"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/demo"
	"baocao/internal/submission"
)

// Each calls fn for every reporting unit expected in the annual round of
// year, in a stable order (the catalog's), generating lazily: only one
// unit's content exists at a time, whatever the size. The seed catalog's
// own units get the demo season's content (the province's published
// figures); the added communes get figures cut from their province's
// children, varied by seed. Deterministic from (c, year, seed). An error
// from fn stops it and is returned.
func Each(c *catalog.Catalog, year int, seed uint64, fn func(Unit) error) error {
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	expected, _ := c.Reporters(catalog.RoundAnnual, start, c.AnnualWindow(year).DueDay)
	gen := demo.NewGenerator(c, year)
	model := newPopulation(c, seed)
	specs := map[string]*submission.FormSpec{}
	for _, e := range expected {
		spec, ok := specs[e.Form.Code]
		if !ok {
			spec = submission.BuildForm(c, e.Form)
			specs[e.Form.Code] = spec
		}
		var content submission.Content
		var err error
		if t, ok := model.territory(e.Unit.Code, seed); ok {
			content, err = communeContent(gen, spec, e.Unit, t, year, seed)
		} else {
			content, err = gen.Content(e.Unit, spec)
		}
		if err != nil {
			return fmt.Errorf("synthetic content of %s: %w", e.Unit.Code, err)
		}
		if err := fn(Unit{Code: e.Unit.Code, Form: e.Form.Code, Content: content}); err != nil {
			return err
		}
	}
	return nil
}

// communeContent is a commune's complete submission: the district
// generator's figures for its territory, then narratives quoting them
// (demo.Generator.CommuneContent).
func communeContent(gen *demo.Generator, spec *submission.FormSpec, u catalog.Unit, t commune, year int, seed uint64) (submission.Content, error) {
	word := t.Province.Hamlet
	if t.Ward {
		word = t.Province.Block
	}
	return gen.CommuneContent(spec, demo.Commune{Territory: t.Territory, Place: t.Place, Ward: t.Ward, Hamlet: word,
		Province: t.Province.full()}, year, rng(seed, u.Code+"/figures"))
}

// commune is what the generator knows of one added commune.
type commune struct {
	demo.Territory
	Province province
	Ward     bool   // a phường rather than a xã
	Place    string // "xã Tân Phú"
}

// population shares each province's children out over its communes in the
// catalog: larger wards, smaller and more varied rural communes.
type population struct {
	communes map[string]communeRef // by unit code
	children map[string][]int      // by province code: each commune's, in catalog order
}

// communeRef places an added commune in its province.
type communeRef struct {
	province province
	index    int
	ward     bool
	place    string
}

// newPopulation finds the catalog's added communes by their codes and
// works out how many children each has.
func newPopulation(c *catalog.Catalog, seed uint64) *population {
	known := map[string]province{home.Code: home}
	for _, p := range others {
		known[p.Code] = p
	}
	m := &population{communes: map[string]communeRef{}, children: map[string][]int{}}
	weights := map[string][]float64{}
	for _, u := range c.Units {
		prefix, _, ok := strings.Cut(u.Code, ".")
		p, added := known[prefix]
		if !ok || !added || u.Kind != catalog.KindDistrict {
			continue
		}
		place, _, _ := strings.Cut(strings.TrimPrefix(u.Name, "Ủy ban nhân dân "), ", ")
		ref := communeRef{province: p, index: len(weights[prefix]), ward: strings.HasPrefix(place, "phường "), place: place}
		w := math.Exp(rng(seed, "people/"+u.Code).NormFloat64() * 0.45)
		if ref.ward {
			w *= 1.5
		}
		m.communes[u.Code] = ref
		weights[prefix] = append(weights[prefix], w)
	}
	for prefix, w := range weights {
		p := known[prefix]
		r := rng(seed, "province/"+prefix)
		total := int(float64(p.Pop*1000) * p.ChildShare * between(r, 0.97, 1.03))
		m.children[prefix] = demo.Apportion(total, w)
	}
	return m
}

// territory is the commune with code, if it is an added commune.
func (m *population) territory(code string, seed uint64) (commune, bool) {
	ref, ok := m.communes[code]
	if !ok {
		return commune{}, false
	}
	p := ref.province
	t := commune{Province: p, Ward: ref.ward, Place: ref.place}
	t.Code = code
	r := rng(seed, code+"/people")
	total := m.children[p.Code][ref.index]
	ages := demo.Apportion(total, []float64{0.372 + between(r, -0.01, 0.01), 0.318 + between(r, -0.008, 0.008), 0.310})
	for a, n := range ages {
		t.Children[0][a] = share(n, 0.515+between(r, -0.004, 0.004))
		t.Children[1][a] = n - t.Children[0][a]
	}
	t.Special = share(total, 0.0075*between(r, 0.8, 1.25))
	t.AtRisk = share(total, 0.064*between(r, 0.8, 1.25))
	word := p.Hamlet
	t.Hamlets = 6 + r.IntN(10)
	if t.Ward {
		word = p.Block
		t.Hamlets = 4 + r.IntN(9)
	}
	t.Centre = r.Float64() < 0.76 // 110 of Kiên Giang's 144 communes had one
	t.Places = demo.Hamlets(r, word, t.Hamlets)
	return t, true
}
