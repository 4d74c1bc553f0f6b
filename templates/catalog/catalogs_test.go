package catalogs

import (
	"encoding/csv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"baocao/internal/catalog"
)

// refDir holds the reference data the an-giang-2025 catalog was built
// from (a copy of shared/data/an-giang-2025: see its README.md).
const refDir = "testdata/an-giang-2025"

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// readCSV reads a reference CSV as one map per row, keyed by the header.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(refDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no rows", name)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func loadAnGiang(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := Load(AnGiang)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The commune-level unit of a reference row: its code, kind and the
// prefix that keeps its code apart from the former districts' codes.
var communeKinds = map[string]struct{ prefix, kind string }{
	"xa":      {"XA.", catalog.KindCommune},
	"phuong":  {"PHUONG.", catalog.KindWard},
	"dac_khu": {"DACKHU.", catalog.KindSpecialZone},
}

func communeCode(t *testing.T, row map[string]string) string {
	t.Helper()
	k, ok := communeKinds[row["kind"]]
	if !ok {
		t.Fatalf("row %s: unknown kind %q", row["code"], row["kind"])
	}
	return k.prefix + row["code"]
}

// loginCode is a commune-level code: a kind prefix and an ASCII name.
var loginCode = regexp.MustCompile(`^(XA|PHUONG|DACKHU)\.[A-Z]+$`)

func isCommuneLevel(kind string) bool {
	return kind == catalog.KindCommune || kind == catalog.KindWard || kind == catalog.KindSpecialZone
}

func TestShippedCatalogsLoad(t *testing.T) {
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	for _, want := range []string{KienGiang, AnGiang} {
		if !slices.Contains(names, want) {
			t.Errorf("catalog %s is not embedded (have %v)", want, names)
		}
	}
	for _, name := range names {
		if _, err := Load(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	seed, err := LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	kg, err := Load(Seed)
	if err != nil {
		t.Fatal(err)
	}
	if seed.Hash() != kg.Hash() {
		t.Error("LoadSeed and Load(Seed) differ")
	}
	if _, err := Load("no-such-catalog"); err == nil {
		t.Error("Load of a folder that is not embedded succeeded")
	}
}

func TestAnGiangCommunesMatchReference(t *testing.T) {
	c := loadAnGiang(t)
	rows := readCSV(t, "an-giang-communes.csv")
	detail := readCSV(t, "an-giang-communes-detail.csv")
	if len(rows) != 102 || len(detail) != 102 {
		t.Fatalf("reference rows: %d and %d, want 102", len(rows), len(detail))
	}
	var units []catalog.Unit
	for _, u := range c.Units {
		if isCommuneLevel(u.Kind) {
			units = append(units, u)
		}
	}
	if len(units) != len(rows) {
		t.Fatalf("catalog has %d commune-level units, reference %d", len(units), len(rows))
	}
	count := map[string]int{}
	for i, row := range rows {
		u, d := units[i], detail[i]
		if d["code"] != row["code"] {
			t.Fatalf("row %d: the two reference files disagree (%s, %s)", i+2, row["code"], d["code"])
		}
		code := communeCode(t, row)
		kind := communeKinds[row["kind"]].kind
		if u.Code != code || u.Short != row["name"] || u.Kind != kind {
			t.Errorf("unit %d is %s %q %s, want %s %q %s", i+1, u.Code, u.Short, u.Kind, code, row["name"], kind)
		}
		count[u.Kind]++
		level, rest, _ := strings.Cut(row["name"], " ")
		if row["kind"] == "dac_khu" {
			level, rest = "đặc khu", strings.TrimPrefix(row["name"], "Đặc khu ")
		}
		if want := "Ủy ban nhân dân " + strings.ToLower(level) + " " + rest; u.Name != want {
			t.Errorf("%s: name %q, want %q", code, u.Name, want)
		}
		if u.Parent != "AG" || u.ValidFrom != "2025-07-01" || u.ValidTo != "" || u.Email != "" {
			t.Errorf("%s: parent %s, valid %s – %s, email %q; want AG, from 2025-07-01, open, no email",
				code, u.Parent, u.ValidFrom, u.ValidTo, u.Email)
		}
		wantNote := "Mã ĐVHC " + d["gso_code"] + "; Nghị quyết 1654/NQ-UBTVQH15, Điều 1 khoản " +
			d["nq1654_clause"] + "; hình thành từ: " + d["formed_from"]
		if u.Note != wantNote {
			t.Errorf("%s: note %q, want %q", code, u.Note, wantNote)
		}
		if !loginCode.MatchString(u.Code) {
			t.Errorf("%s: code does not make a readable login", u.Code)
		}
	}
	if count[catalog.KindCommune] != 85 || count[catalog.KindWard] != 14 || count[catalog.KindSpecialZone] != 3 {
		t.Errorf("kinds %v, want 85 communes, 14 wards, 3 special zones", count)
	}
}

// formerCommune is "Xã X (Huyện Y)", optionally followed by " [một phần]".
var formerCommune = regexp.MustCompile(`^(.*) \(([^()]*)\)( \[một phần\])?$`)

type expectedShare struct {
	code  string
	units int // ten-thousandths
	exact float64
}

// districtShares recomputes each Kiên Giang district's successors from the
// detail CSV: the new units that took over its former communes, each with
// the share of its former communes, rounded to 4 decimals by the largest
// remainder (ties to the unit first listed) so that they add up to 1.
func districtShares(t *testing.T, c *catalog.Catalog) map[string][]expectedShare {
	t.Helper()
	label := map[string]string{} // "Huyện Hòn Đất" -> HONDAT
	for _, u := range c.Units {
		if u.Kind != catalog.KindDistrict {
			continue
		}
		rest, ok := strings.CutPrefix(u.Name, "Ủy ban nhân dân ")
		if !ok {
			t.Fatalf("district %s: unexpected name %q", u.Code, u.Name)
		}
		label[strings.ToUpper(rest[:1])+rest[1:]] = u.Code
	}
	if len(label) != 15 {
		t.Fatalf("%d districts, want 15", len(label))
	}
	counts := map[string]map[string]int{}
	var order = map[string][]string{}
	former := map[string]map[string]bool{}
	for _, row := range readCSV(t, "an-giang-communes-detail.csv") {
		if row["former_province"] != "Kiên Giang" {
			continue
		}
		code := communeCode(t, row)
		for _, part := range strings.Split(row["formed_from"], "; ") {
			m := formerCommune.FindStringSubmatch(part)
			if m == nil {
				t.Fatalf("%s: cannot read former commune %q", row["code"], part)
			}
			d, ok := label[m[2]]
			if !ok {
				t.Fatalf("%s: former district %q is not a Kiên Giang district of the catalog", row["code"], m[2])
			}
			if m[3] != "" {
				t.Fatalf("%s: %q is split; shares by count assume whole former communes", row["code"], part)
			}
			if counts[d] == nil {
				counts[d], former[d] = map[string]int{}, map[string]bool{}
			}
			if counts[d][code] == 0 {
				order[d] = append(order[d], code)
			}
			counts[d][code]++
			former[d][m[1]] = true
		}
	}
	total := 0
	out := map[string][]expectedShare{}
	for d, byUnit := range counts {
		n := 0
		for _, k := range byUnit {
			n += k
		}
		if n != len(former[d]) {
			t.Fatalf("%s: a former commune is counted twice", d)
		}
		total += n
		shares := make([]expectedShare, len(order[d]))
		left := 10000
		for i, code := range order[d] {
			shares[i] = expectedShare{code: code, units: byUnit[code] * 10000 / n, exact: float64(byUnit[code]) / float64(n)}
			left -= shares[i].units
		}
		idx := make([]int, len(shares))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool {
			return byUnit[order[d][idx[a]]]*10000%n > byUnit[order[d][idx[b]]]*10000%n
		})
		for _, i := range idx[:left] {
			shares[i].units++
		}
		out[d] = shares
	}
	if total != 143 {
		t.Errorf("%d former Kiên Giang communes in the reference, want 143", total)
	}
	if len(out) != 15 {
		t.Errorf("%d districts have successors, want 15", len(out))
	}
	return out
}

func TestKienGiangDistrictSuccessorShares(t *testing.T) {
	c := loadAnGiang(t)
	want := districtShares(t, c)
	for _, u := range c.Units {
		if u.Kind != catalog.KindDistrict {
			continue
		}
		if u.ValidTo != "2025-06-30" || u.Parent != "KG" {
			t.Errorf("%s: valid to %q under %q, want 2025-06-30 under KG", u.Code, u.ValidTo, u.Parent)
		}
		exp := want[u.Code]
		got := u.Successors
		if len(got) != len(exp) {
			t.Errorf("%s: %d successors, want %d", u.Code, len(got), len(exp))
			continue
		}
		sum := 0.0
		for _, e := range exp {
			i := slices.IndexFunc(got, func(l catalog.Link) bool { return l.Code == e.code })
			if i < 0 {
				t.Errorf("%s: successor %s missing", u.Code, e.code)
				continue
			}
			share := 1.0
			switch {
			case got[i].Share != nil:
				share = *got[i].Share
			case len(got) > 1:
				t.Errorf("%s: successor %s has no share", u.Code, e.code)
				continue
			}
			if math.Abs(share-float64(e.units)/10000) > 1e-9 {
				t.Errorf("%s → %s: share %v, want %.4f", u.Code, e.code, share, float64(e.units)/10000)
			}
			if math.Abs(share-e.exact) > 1e-4 {
				t.Errorf("%s → %s: share %v is not the exact %v rounded to 4 decimals", u.Code, e.code, share, e.exact)
			}
			sum += share
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s: shares add up to %v, want 1", u.Code, sum)
		}
	}
}

func TestAnGiangReportersOn20261110(t *testing.T) {
	c := loadAnGiang(t)
	expected, ended := c.Reporters(catalog.RoundAnnual, day("2026-01-01"), day("2026-11-10"))
	if len(ended) != 0 {
		t.Errorf("ended units in 2026: %v", ended)
	}
	want := map[string]bool{}
	for _, row := range readCSV(t, "an-giang-communes.csv") {
		want[communeCode(t, row)] = true
	}
	bodies := []string{"AG.YT", "AG.NV", "AG.GDDT", "AG.VHTTDL", "AG.TP", "AG.TC", "AG.CA", "AG.DTTG", "AG.MTTQ", "AG.BAO"}
	for _, b := range bodies {
		want[b] = true
	}
	if len(want) != 112 {
		t.Fatalf("want 112 reporters, built %d", len(want))
	}
	got := map[string]bool{}
	indicators := map[string]bool{}
	for _, e := range expected {
		if got[e.Unit.Code] {
			t.Errorf("%s expected twice", e.Unit.Code)
		}
		got[e.Unit.Code] = true
		if !want[e.Unit.Code] {
			t.Errorf("unexpected reporter %s (parent %s)", e.Unit.Code, e.Unit.Parent)
		}
		if e.Unit.Parent == "KG" || e.Unit.Code == "KG" {
			t.Errorf("Kiên Giang unit %s expected in 2026", e.Unit.Code)
		}
		wantForm := "BM-XA"
		if slices.Contains(bodies, e.Unit.Code) {
			wantForm = "BM-AG-" + strings.TrimPrefix(e.Unit.Code, "AG.")
		}
		if e.Form.Code != wantForm {
			t.Errorf("%s reports on %s, want %s", e.Unit.Code, e.Form.Code, wantForm)
		}
		for _, ind := range e.Form.Indicators {
			indicators[ind] = true
		}
	}
	for code := range want {
		if !got[code] {
			t.Errorf("%s not expected on 2026-11-10", code)
		}
	}
	// Every indicator is on the form of some unit expected that day.
	if len(c.Indicators) != 90 {
		t.Errorf("%d indicators, want 90", len(c.Indicators))
	}
	for _, ind := range c.Indicators {
		if !indicators[ind.Code] {
			t.Errorf("indicator %s is on no form of a unit expected on 2026-11-10", ind.Code)
		}
	}
}

// A round of 2024 expects the same units on the same forms as in the
// kien-giang-2024 catalog: the old rounds do not move.
func TestAnGiangKeepsKienGiangRounds(t *testing.T) {
	ag := loadAnGiang(t)
	kg, err := Load(KienGiang)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{catalog.RoundAnnual, catalog.RoundAdhoc} {
		e1, _ := kg.Reporters(kind, day("2024-01-01"), day("2024-11-10"))
		e2, _ := ag.Reporters(kind, day("2024-01-01"), day("2024-11-10"))
		if len(e1) != len(e2) || len(e1) != 31 {
			t.Fatalf("%s round of 2024: %d units in kien-giang-2024, %d in an-giang-2025, want 31", kind, len(e1), len(e2))
		}
		for i := range e1 {
			a, b := e1[i], e2[i]
			if a.Unit.Code != b.Unit.Code || a.Form.Code != b.Form.Code ||
				!slices.Equal(a.Form.Indicators, b.Form.Indicators) || !slices.Equal(a.Form.Narratives, b.Form.Narratives) {
				t.Errorf("%s round of 2024: %s on %s here, %s on %s in kien-giang-2024",
					kind, b.Unit.Code, b.Form.Code, a.Unit.Code, a.Form.Code)
			}
		}
	}
}

func TestAnGiangRoles(t *testing.T) {
	c := loadAnGiang(t)
	r, err := c.RolesOn(day("2026-12-02"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Issuer.Unit != "AG" || r.Issuer.IssuingBody != "ỦY BAN NHÂN DÂN TỈNH AN GIANG" || r.Issuer.Place != "An Giang" {
		t.Errorf("issuer on 2026-12-02: %+v", r.Issuer)
	}
	if r.Consolidator != "AG.YT" {
		t.Errorf("consolidator on 2026-12-02: %s, want AG.YT", r.Consolidator)
	}
	if !slices.ContainsFunc(r.Recipients, func(l string) bool { return strings.Contains(l, "Bộ Y tế") }) {
		t.Errorf("recipients on 2026-12-02 lack Bộ Y tế: %v", r.Recipients)
	}
	if slices.ContainsFunc(r.Recipients, func(l string) bool { return strings.Contains(l, "Lao động - Thương binh") }) {
		t.Errorf("recipients on 2026-12-02 still name the labour ministry or department: %v", r.Recipients)
	}
	if !strings.Contains(r.Citation, "(nay là tỉnh An Giang)") {
		t.Errorf("citation on 2026-12-02: %q", r.Citation)
	}
	if r.Signer.Name != "" || len(r.Signer.Block) == 0 {
		t.Errorf("signer on 2026-12-02: %+v, want a block and no name", r.Signer)
	}

	r, err = c.RolesOn(day("2024-11-05"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Issuer.Unit != "KG" || r.Issuer.IssuingBody != "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG" || r.Consolidator != "LDTBXH" {
		t.Errorf("roles on 2024-11-05: issuer %+v, consolidator %s; want KG and LDTBXH", r.Issuer, r.Consolidator)
	}
	if strings.Contains(r.Citation, "nay là") {
		t.Errorf("citation on 2024-11-05: %q", r.Citation)
	}

	r, err = c.RolesOn(day("2025-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Issuer.Unit != "KG" || r.Consolidator != "YT" || !slices.Contains(r.Recipients, "Bộ Y tế;") {
		t.Errorf("roles on 2025-04-01: issuer %s, consolidator %s, recipients %v; want KG, YT, Bộ Y tế", r.Issuer.Unit, r.Consolidator, r.Recipients)
	}
}
