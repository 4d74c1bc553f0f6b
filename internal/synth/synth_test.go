package synth

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"baocao/internal/catalog"
	"baocao/internal/demo"
	"baocao/internal/pgtest"
	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func seedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalogs.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func scaled(t testing.TB, size Size, seed uint64) *catalog.Catalog {
	t.Helper()
	c, err := Catalog(seedCatalog(t), size, seed)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// yearRange is the start and the due day of the annual round of Year.
func yearRange() (time.Time, time.Time) {
	return time.Date(Year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(Year, 11, 10, 0, 0, 0, 0, time.UTC)
}

// Each size validates as a catalog read from files would, also once
// stored and read back, and expects about its number of units in the
// annual round of Year.
func TestCatalog_Sizes(t *testing.T) {
	base := seedCatalog(t)
	for _, size := range Sizes {
		t.Run(size.Name, func(t *testing.T) {
			c, err := Catalog(base, size, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Units) != size.Units {
				t.Errorf("%d units, want %d", len(c.Units), size.Units)
			}
			stored, err := clone(c)
			if err != nil {
				t.Fatal(err)
			}
			if err := catalog.Validate(stored, "stored"); err != nil {
				t.Errorf("stored and read back: %v", err)
			}
			start, end := yearRange()
			expected, _ := c.Reporters(catalog.RoundAnnual, start, end)
			if want := size.Units - 1; len(expected) != want { // all but the province itself
				t.Errorf("annual round %d expects %d units, want %d", Year, len(expected), want)
			}
			if !slices.EqualFunc(c.Units[:len(base.Units)], base.Units, func(a, b catalog.Unit) bool { return a.Code == b.Code && a.Name == b.Name }) {
				t.Error("the seed's own units changed")
			}
			added := c.Units[len(base.Units):]
			seen := map[string]bool{}
			for _, u := range added {
				if seen[u.Code] || seen[strings.ToLower(u.Code)] {
					t.Errorf("unit code %s twice", u.Code)
				}
				seen[u.Code] = true
				if u.Kind != catalog.KindDistrict || u.Parent != c.Plan.Province || u.ValidFrom != communesFrom {
					t.Errorf("%s: kind %s, parent %s, from %s", u.Code, u.Kind, u.Parent, u.ValidFrom)
				}
				if !strings.HasPrefix(u.Name, "Ủy ban nhân dân xã ") && !strings.HasPrefix(u.Name, "Ủy ban nhân dân phường ") {
					t.Errorf("%s: name %q", u.Code, u.Name)
				}
			}
			for i, u := range c.Units[:len(base.Units)] {
				if b := base.Units[i]; u.ValidTo != "" || u.ValidFrom != b.ValidFrom || u.Kind != b.Kind || u.Parent != b.Parent {
					t.Errorf("%s: the seed's unit changed beyond staying in force (%+v)", u.Code, u)
				}
			}
		})
	}
}

// The seed's districts keep the district form; the added communes report
// on the commune form, with the district form's content.
func TestCatalog_CommuneForm(t *testing.T) {
	c := scaled(t, Communes, 1)
	start, end := yearRange()
	byUnit := map[string]string{}
	expected, _ := c.Reporters(catalog.RoundAnnual, start, end)
	for _, e := range expected {
		byUnit[e.Unit.Code] = e.Form.Code
	}
	if byUnit["RACHGIA"] != "BM-HUYEN" || byUnit["ANGIANG.001"] != CommuneForm || byUnit["GDDT"] != "BM-GDDT" {
		t.Errorf("forms: RACHGIA %s, ANGIANG.001 %s, GDDT %s", byUnit["RACHGIA"], byUnit["ANGIANG.001"], byUnit["GDDT"])
	}
	var district, commune catalog.Form
	for _, f := range c.Forms {
		switch f.Code {
		case "BM-HUYEN":
			district = f
		case CommuneForm:
			commune = f
		}
	}
	if !slices.Equal(district.Indicators, commune.Indicators) || !slices.Equal(district.Narratives, commune.Narratives) {
		t.Error("the commune form does not ask what the district form asks")
	}
}

func TestCatalog_Deterministic(t *testing.T) {
	base := seedCatalog(t)
	a, err1 := Catalog(base, National, 1)
	b, err2 := Catalog(base, National, 1)
	d, err3 := Catalog(base, National, 2)
	if err := errorsJoin(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	if a.Hash() != b.Hash() {
		t.Error("the same seed gave two catalogs")
	}
	if a.Hash() == d.Hash() {
		t.Error("another seed gave the same catalog")
	}
	small := scaled(t, Communes, 1)
	for i, u := range small.Units {
		if a.Units[i].Code != u.Code || a.Units[i].Name != u.Name {
			t.Fatalf("unit %d: national %s %q, communes %s %q: the bigger size does not extend the smaller", i,
				a.Units[i].Code, a.Units[i].Name, u.Code, u.Name)
		}
	}
}

func errorsJoin(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkUnit fails t unless u's content is complete with no finding at all,
// its narratives fully written in a few sentences.
func checkUnit(t *testing.T, c *catalog.Catalog, specs map[string]*submission.FormSpec, u Unit) {
	t.Helper()
	spec, ok := specs[u.Form]
	if !ok {
		for _, f := range c.Forms {
			if f.Code == u.Form {
				spec = submission.BuildForm(c, f)
				specs[u.Form] = spec
			}
		}
	}
	if spec == nil {
		t.Fatalf("%s: form %s is not in the catalog", u.Code, u.Form)
	}
	issues := submission.Validate(spec, c.Rules, u.Content, nil)
	if submission.Blocking(issues) || len(issues) > 0 {
		t.Errorf("%s: %d findings, first %+v", u.Code, len(issues), issues[0])
	}
	if len(u.Content.Values) != len(spec.Cells()) {
		t.Errorf("%s: %d values for %d cells", u.Code, len(u.Content.Values), len(spec.Cells()))
	}
	for code, text := range u.Content.Narratives {
		if strings.ContainsAny(text, "{}[]") {
			t.Errorf("%s %s: unfilled placeholder in %q", u.Code, code, text)
		}
		if n := strings.Count(text, ". ") + 1; n < 2 || n > 5 {
			t.Errorf("%s %s: %d sentences in %q", u.Code, code, n, text)
		}
	}
}

// figure is an indicator's total in a unit's content.
func figure(t *testing.T, c *catalog.Catalog, u Unit, code, part string) float64 {
	t.Helper()
	for _, f := range c.Forms {
		if f.Code == u.Form {
			x, ok := demo.Figure(submission.BuildForm(c, f), u.Content, code, part)
			if !ok {
				t.Fatalf("%s has no %s %s", u.Code, code, part)
			}
			return x
		}
	}
	t.Fatalf("no form %s", u.Form)
	return 0
}

// Every unit at communes size is complete and valid; the added communes'
// children add up to their province's, and the order is the catalog's.
func TestEach_Communes(t *testing.T) {
	c := scaled(t, Communes, 1)
	specs := map[string]*submission.FormSpec{}
	var order []string
	var children float64
	var wards int
	err := Each(c, Year, 7, func(u Unit) error {
		order = append(order, u.Code)
		checkUnit(t, c, specs, u)
		if strings.HasPrefix(u.Code, home.Code+".") {
			children += figure(t, c, u, "TQ01", "")
			if unit, _ := c.Unit(u.Code); strings.Contains(unit.Name, " phường ") {
				wards++
			}
			if num, den := figure(t, c, u, "VH02", "num"), figure(t, c, u, "VH02", "den"); den != 1 || num > 1 {
				t.Errorf("%s: %v of %v communes with a centre, want 0 or 1 of 1", u.Code, num, den)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	start, end := yearRange()
	expected, _ := c.Reporters(catalog.RoundAnnual, start, end)
	if len(order) != len(expected) {
		t.Fatalf("%d units, want %d", len(order), len(expected))
	}
	for i, e := range expected {
		if order[i] != e.Unit.Code {
			t.Fatalf("unit %d is %s, want %s", i, order[i], e.Unit.Code)
		}
	}
	want := float64(home.Pop*1000) * home.ChildShare
	if math.Abs(children-want)/want > 0.031 {
		t.Errorf("children of the %s communes = %v, want %v ± 3%%", home.Name, children, want)
	}
	if wards == 0 {
		t.Error("no ward among the communes")
	}
}

// A sample of national communes, one in 25 across all 34 provinces, is
// generated exactly as Each would and is complete and valid.
func TestEach_NationalSample(t *testing.T) {
	c := scaled(t, National, 1)
	const seed = 7
	model := newPopulation(c, seed)
	gen := demo.NewGenerator(c, Year)
	specs := map[string]*submission.FormSpec{}
	provinces := map[string]bool{}
	var spec *submission.FormSpec
	for _, f := range c.Forms {
		if f.Code == CommuneForm {
			spec = submission.BuildForm(c, f)
			specs[f.Code] = spec
		}
	}
	for i, u := range c.Units {
		com, ok := model.territory(u.Code, seed)
		if !ok || i%25 != 0 && provinces[com.Province.Code] {
			continue
		}
		provinces[com.Province.Code] = true
		content, err := communeContent(gen, spec, u, com, Year, seed)
		if err != nil {
			t.Fatal(err)
		}
		checkUnit(t, c, specs, Unit{Code: u.Code, Form: CommuneForm, Content: content})
	}
	if len(provinces) != 1+len(others) {
		t.Errorf("sampled %d provinces, want %d", len(provinces), 1+len(others))
	}
}

// The same seed gives the same content, another seed other figures for
// the communes (the seed's own units keep the demo's published figures).
func TestEach_Deterministic(t *testing.T) {
	c := scaled(t, Communes, 1)
	collect := func(seed uint64) map[string]submission.Content {
		out := map[string]submission.Content{}
		if err := Each(c, Year, seed, func(u Unit) error { out[u.Code] = u.Content; return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	a, b, other := collect(3), collect(3), collect(4)
	differ := 0
	for code, content := range a {
		if d := submission.Diff(content, b[code]); len(d) > 0 {
			t.Errorf("%s: two runs differ: %+v", code, d[0])
		}
		if len(submission.Diff(content, other[code])) > 0 {
			differ++
			if !strings.Contains(code, ".") {
				t.Errorf("%s, a seed unit, changed with the seed", code)
			}
		}
	}
	if differ < len(a)-len(seedCatalog(t).Units) {
		t.Errorf("another seed changed %d units, want every added commune", differ)
	}
}

// changeOf is the request that writes content through the intake path.
func changeOf(content submission.Content) submission.Change {
	ch := submission.Change{Narratives: content.Narratives, Explanations: content.Explanations}
	keys := make([]string, 0, len(content.Values))
	for k := range content.Values {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts := strings.Split(k, "|")
		d := submission.Disaggregation{}
		for _, p := range parts[1:] {
			dim, opt, _ := strings.Cut(p, "=")
			d[dim] = opt
		}
		raw, err := json.Marshal(content.Values[submission.Key(k)].JSON())
		if err != nil {
			panic(err)
		}
		ch.Entries = append(ch.Entries, submission.Entry{Indicator: parts[0], Disaggregation: d, JSON: raw})
	}
	return ch
}
