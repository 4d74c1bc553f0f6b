package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"baocao/internal/catalog"
)

// formerAnGiangChildren are the children under 16 of the former An Giang
// province (1.91 million people at the 2019 census, about 22% children),
// which was not part of the plan before 01/7/2025: the demo spreads them
// over the communes formed from it.
const formerAnGiangChildren = 420_200

// isCommune reports whether a unit is a commune-level one.
func isCommune(u catalog.Unit) bool {
	return u.Kind == catalog.KindCommune || u.Kind == catalog.KindWard || u.Kind == catalog.KindSpecialZone
}

// communeModel is An Giang in year (2025 on): each commune-level unit's
// children. A commune formed from former Kiên Giang districts gets their
// children in the 2024 model times the shares the catalog gives (whole
// numbers that add up to each district's, by largest remainder); one of
// the former An Giang gets a part of that province's children, wards
// more than rural communes. Each year after 2025 adds a little growth.
// It returns the model (the province the departments' figures are cut
// from) and each commune's area for its own form.
func communeModel(c *catalog.Catalog, kg *model, year int) (*model, map[string]Commune) {
	preds := c.Predecessors()
	var communes []catalog.Unit
	for _, u := range c.Units {
		if isCommune(u) {
			communes = append(communes, u)
		}
	}
	// Each Kiên Giang district's figures, split over its successors.
	split := map[string]map[string]*people{} // district → commune → part
	for _, code := range kg.order {
		d, _ := c.Unit(code)
		var to []string
		var w []float64
		for _, l := range d.SuccessorLinks() {
			s := 1.0
			if l.Share != nil {
				s = *l.Share
			}
			to, w = append(to, l.Code), append(w, s)
		}
		split[code] = divide(kg.byCode[code], to, w)
	}
	var others []catalog.Unit
	var weights []float64
	for _, u := range communes {
		if len(preds[u.Code]) > 0 {
			continue
		}
		w := math.Exp(unitRand(u.Code+"/people").NormFloat64() * 0.45)
		if u.Kind == catalog.KindWard {
			w *= 1.5
		}
		others, weights = append(others, u), append(weights, w)
	}
	otherChildren := apportion(formerAnGiangChildren, weights)

	m := &model{byCode: map[string]*people{}, khmer: map[string]float64{}}
	areas := map[string]Commune{}
	for _, u := range communes {
		r := unitRand(u.Code + "/area/" + strconv.Itoa(year))
		p := &people{}
		hamlets, centres, khmer, from := 0.0, 0.0, 0.0, 0.0
		for _, l := range preds[u.Code] {
			part, ok := split[l.Code][u.Code]
			if !ok {
				continue
			}
			for s := range p.Children {
				for a := range p.Children[s] {
					p.Children[s][a] += part.Children[s][a]
				}
			}
			p.Special += part.Special
			p.AtRisk += part.AtRisk
			d, _ := districtOf(l.Code)
			s := 1.0
			if l.Share != nil {
				s = *l.Share
			}
			hamlets += s * float64(d.Hamlets)
			centres += s * float64(d.Centres) / float64(d.Communes)
			khmer += s * d.Khmer
			from += s
		}
		if from == 0 { // a commune of the former An Giang
			i := indexOf(others, u.Code)
			total := otherChildren[i]
			ages := apportion(total, []float64{0.372 + between(r, -0.01, 0.01), 0.318 + between(r, -0.008, 0.008), 0.310})
			for a, n := range ages {
				p.Children[0][a] = share(n, 0.515+between(r, -0.004, 0.004))
				p.Children[1][a] = n - p.Children[0][a]
			}
			p.Special = share(total, 0.0075*between(r, 0.8, 1.25))
			p.AtRisk = share(total, 0.064*between(r, 0.8, 1.25))
			hamlets = float64(6 + r.IntN(10))
			if u.Kind == catalog.KindWard {
				hamlets = float64(4 + r.IntN(9))
			}
			centres, khmer, from = 0.76, 0.02, 1
			if strings.Contains(u.Note, "Tri Tôn") || strings.Contains(u.Note, "Tịnh Biên") {
				khmer = 0.35 // the Bảy Núi area, where most of An Giang's Khmer live
			}
		}
		grow(p, year, r)
		settle(p, r)
		m.byCode[u.Code] = p
		m.order = append(m.order, u.Code)
		m.khmer[u.Code] = khmer / from
		word := "ấp"
		if u.Kind == catalog.KindWard {
			word = "khu phố"
		}
		n := max(3, int(math.Round(hamlets)))
		t := Territory{Code: u.Code, Children: p.Children, Special: p.Special, AtRisk: p.AtRisk, Hamlets: n,
			Centre: r.Float64() < centres/from, Places: Hamlets(r, word, n)}
		areas[u.Code] = Commune{Territory: t, Place: lowerFirst(u.Short), Ward: u.Kind == catalog.KindWard, Hamlet: word,
			Province: "tỉnh An Giang"}
	}
	return m, areas
}

// divide splits a district's people over its successors in proportion to
// the weights: whole numbers that add up to the district's in every cell.
func divide(p *people, to []string, w []float64) map[string]*people {
	out := map[string]*people{}
	for _, code := range to {
		out[code] = &people{}
	}
	for s := range p.Children {
		for a := range p.Children[s] {
			for i, n := range apportion(p.Children[s][a], w) {
				out[to[i]].Children[s][a] = n
			}
		}
	}
	for i, n := range apportion(p.Special, w) {
		out[to[i]].Special = n
	}
	for i, n := range apportion(p.AtRisk, w) {
		out[to[i]].AtRisk = n
	}
	return out
}

// grow adds each year after 2025's growth (about half a percent) to an
// area's children.
func grow(p *people, year int, r *rand.Rand) {
	if year <= 2025 {
		return
	}
	f := math.Pow(1.004+between(r, -0.006, 0.008), float64(year-2025))
	for s := range p.Children {
		for a := range p.Children[s] {
			p.Children[s][a] = int(math.Round(float64(p.Children[s][a]) * f))
		}
	}
	p.Special = int(math.Round(float64(p.Special) * f * between(r, 0.97, 1.03)))
	p.AtRisk = int(math.Round(float64(p.AtRisk) * f * between(r, 0.97, 1.03)))
}

// settle works out the cohorts other indicators need from an area's
// children.
func settle(p *people, r *rand.Rand) {
	p.Total = 0
	for s := range p.Children {
		for _, n := range p.Children[s] {
			p.Total += n
		}
	}
	p.Under6 = p.Children[0][0] + p.Children[1][0]
	p.Age5 = share(p.Under6, between(r, 0.162, 0.168))
	p.Under5 = p.Under6 - p.Age5
	p.Births = share(p.Under6, between(r, 0.163, 0.172))
	p.GD01 = math.Min(1, kindergarten5+between(r, -0.0025, 0.0025))
}

func indexOf(units []catalog.Unit, code string) int {
	for i, u := range units {
		if u.Code == code {
			return i
		}
	}
	return -1
}

// lowerFirst lower-cases the first letter: "Xã Tân Phú" → "xã Tân Phú".
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// syllables make hamlet names the way most Vietnamese place names are
// made: two Sino-Vietnamese words of good omen or direction.
var syllables = []string{
	"An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Vĩnh", "Mỹ", "Thuận",
	"Hưng", "Phước", "Lợi", "Thành", "Trung", "Hiệp", "Lộc", "Khánh", "Xuân", "Quang",
	"Minh", "Hải", "Sơn", "Thủy", "Lâm", "Đức", "Nghĩa", "Thịnh", "Yên", "Định",
	"Hội", "Thới", "Đông", "Tây", "Nam", "Bắc", "Hậu", "Điền", "Giang", "Châu",
	"Kim", "Ngọc", "Tiến", "Hợp", "Quý", "Thắng", "Lạc", "Cường", "Phong", "Thái",
}

// PlaceName is two different syllables, "Tân Phú".
func PlaceName(r *rand.Rand) string {
	a := r.IntN(len(syllables))
	b := (a + 1 + r.IntN(len(syllables)-1)) % len(syllables)
	return syllables[a] + " " + syllables[b]
}

// Hamlets names two different neighbourhoods out of n, called word
// ("ấp"): numbered, as many are, or named.
func Hamlets(r *rand.Rand, word string, n int) [2]string {
	name := func() string {
		if r.IntN(2) == 0 {
			return word + " " + strconv.Itoa(1+r.IntN(max(n, 2)))
		}
		return word + " " + PlaceName(r)
	}
	a := name()
	b := name()
	for b == a {
		b = name()
	}
	return [2]string{a, b}
}
