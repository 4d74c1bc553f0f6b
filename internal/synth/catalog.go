package synth

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"baocao/internal/catalog"
	"baocao/internal/demo"
)

// communesFrom is the first day of two-level local government; the added
// communes and their form begin then.
const communesFrom = "2025-07-01"

// CommuneForm is the code of the form the added communes report on: the
// district form's indicators and narrative sections, for a commune.
const CommuneForm = "BM-XA"

// homeCommunes is how many communes the home area gets before any other
// province gets one: the "communes" size's.
var homeCommunes = Communes.Units - Province.Units

// Catalog returns base (the seed catalog, templates/catalog/kien-giang-2024
// loaded by internal/catalog) with its units kept in force (keepInForce)
// and scaled to size: size.Units minus base's units communes are added,
// the home area's first, then the other provinces' in proportion to their
// real number of communes. Deterministic for (base, size, seed): seed
// picks the communes' names; the result passes the catalog package's
// validation.
func Catalog(base *catalog.Catalog, size Size, seed uint64) (*catalog.Catalog, error) {
	c, err := clone(base)
	if err != nil {
		return nil, err
	}
	keepInForce(c)
	if n := size.Units - len(base.Units); n > 0 {
		if err := addCommunes(c, n, seed); err != nil {
			return nil, fmt.Errorf("synthetic catalog %s: %w", size.Name, err)
		}
	}
	if err := catalog.Validate(c, "synth-"+size.Name); err != nil {
		return nil, fmt.Errorf("synthetic catalog %s:\n%w", size.Name, err)
	}
	return c, nil
}

// clone copies a catalog's content (positions in files are not content).
func clone(base *catalog.Catalog) (*catalog.Catalog, error) {
	data, err := json.Marshal(base)
	if err != nil {
		return nil, fmt.Errorf("copy catalog: %w", err)
	}
	c := new(catalog.Catalog)
	if err := json.Unmarshal(data, c); err != nil {
		return nil, fmt.Errorf("copy catalog: %w", err)
	}
	return c, nil
}

// keepInForce keeps the seed's own units in force through Year: the seed
// records its 2025 changes as validity ends, and a round expects only the
// units in force on its due day, while the benchmarks want one round that
// expects the seed's units and the added communes together (they cover
// different ground, so nothing is counted twice).
func keepInForce(c *catalog.Catalog) {
	for i := range c.Units {
		c.Units[i].ValidTo, c.Units[i].Successor = "", ""
	}
}

// addCommunes appends n communes under the province and gives them a form.
func addCommunes(c *catalog.Catalog, n int, seed uint64) error {
	counts := []int{min(n, homeCommunes)}
	areas := []province{home}
	if rest := n - counts[0]; rest > 0 {
		weights := make([]float64, len(others))
		for i, p := range others {
			weights[i] = float64(p.Communes)
		}
		counts = append(counts, demo.Apportion(rest, weights)...)
		areas = append(areas, others...)
	}
	var codes []string
	for i, p := range areas {
		added := communes(p, c.Plan.Province, counts[i], p != home, seed)
		for _, u := range added {
			codes = append(codes, u.Code)
		}
		c.Units = append(c.Units, added...)
	}
	return communeForm(c, codes)
}

// communeForm adds the commune form, a copy of the district form naming
// the communes, once they are added: both forms are for units of kind
// "district", so the district form names the seed's districts instead of
// going by kind, and the commune form names the added communes.
func communeForm(c *catalog.Catalog, communes []string) error {
	var districts []string
	for _, u := range c.Units {
		if u.Kind == catalog.KindDistrict && !slices.Contains(communes, u.Code) {
			districts = append(districts, u.Code)
		}
	}
	var derived *catalog.Form
	for i := range c.Forms {
		f := &c.Forms[i]
		if !slices.Contains(f.UnitKinds, catalog.KindDistrict) {
			continue
		}
		if derived == nil && slices.Contains(f.RoundKinds, catalog.RoundAnnual) {
			d := *f
			derived = &d
		}
		f.UnitKinds = slices.DeleteFunc(slices.Clone(f.UnitKinds), func(k string) bool { return k == catalog.KindDistrict })
		f.Units = append(slices.Clone(f.Units), districts...)
	}
	if derived == nil {
		return errors.New("the catalog has no annual form for districts to derive the commune form from")
	}
	derived.Code, derived.Title = CommuneForm, "Biểu mẫu báo cáo của UBND các xã, phường"
	derived.Units, derived.UnitKinds = communes, nil
	derived.ValidFrom, derived.ValidTo = communesFrom, ""
	c.Forms = append(c.Forms, *derived)
	return nil
}

// communes are n communes of province p, coded "ANGIANG.001" on; named
// with their province when the data set spans several (qualified).
func communes(p province, parent string, n int, qualified bool, seed uint64) []catalog.Unit {
	r := rng(seed, "names/"+p.Code)
	taken := map[string]bool{}
	out := make([]catalog.Unit, 0, n)
	for i := 1; i <= n; i++ {
		level := "xã"
		if r.Float64() < p.WardShare {
			level = "phường"
		}
		place := level + " " + uniqueName(r, taken)
		u := catalog.Unit{
			Code:      fmt.Sprintf("%s.%03d", p.Code, i),
			Name:      "Ủy ban nhân dân " + place,
			Short:     capitalFirst(place),
			Kind:      catalog.KindDistrict,
			Parent:    parent,
			ValidFrom: communesFrom,
			Note:      "Đơn vị hành chính cấp xã của " + p.full() + " từ 01/7/2025 (chính quyền địa phương hai cấp); dữ liệu mô phỏng.",
		}
		u.Email = strings.ToLower(u.Code) + "@" + p.Slug + ".gov.vn"
		if qualified {
			u.Name += ", " + p.full()
			u.Short += " (" + p.Short + ")"
		}
		out = append(out, u)
	}
	return out
}

// capitalFirst upper-cases the first letter: "xã An Phú" → "Xã An Phú".
func capitalFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
