package demo

import (
	"fmt"
	"math"
	"math/rand/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// special lists the groups of children in special circumstances (Điều 10
// Luật Trẻ em) with their usual share of the total (a child may belong to
// several, so the shares add up to a little over 1) and of boys in them.
var special = []struct {
	Code        string
	Share, Male float64
}{
	{"MO_COI_CA_CHA_ME", 0.085, 0.52},
	{"BI_BO_ROI", 0.008, 0.50},
	{"KHONG_NOI_NUONG_TUA", 0.030, 0.55},
	{"KHUYET_TAT", 0.470, 0.58},
	{"HIV_AIDS", 0.011, 0.50},
	{"VI_PHAM_PHAP_LUAT", 0.042, 0.90},
	{"NGHIEN_MA_TUY", 0.005, 0.90},
	{"BO_HOC_KIEM_SONG", 0.140, 0.60},
	{"BI_BAO_LUC", 0.010, 0.55},
	{"BI_BOC_LOT", 0.004, 0.60},
	{"BI_XAM_HAI_TINH_DUC", 0.020, 0.08},
	{"BI_MUA_BAN", 0.001, 0.30},
	{"BENH_HIEM_NGHEO", 0.190, 0.53},
	{"DI_CU_LANH_NAN", 0, 0.50},
}

const (
	dimSpecial    = "SPECIAL_CIRCUMSTANCE"
	optDisabled   = "KHUYET_TAT"
	optOrphanBoth = "MO_COI_CA_CHA_ME"
)

// generator cuts every unit's figures for one year's round from one model
// of the province: Kiên Giang's districts (a catalog in the first format),
// or An Giang's communes (the timeline format, from 2025).
type generator struct {
	cat   *catalog.Catalog
	year  int
	model *model
	// communes are An Giang's commune-level areas, by unit code.
	communes map[string]Commune
}

func newGenerator(c *catalog.Catalog, year int) *generator {
	g := &generator{cat: c, year: year, model: newModel()}
	if c.Version() >= catalog.FormatTimeline {
		g.model, g.communes = communeModel(c, g.model, year)
	}
	return g
}

// rand is the random source of a unit's figures in the generator's year.
func (g *generator) rand(unit, what string) *rand.Rand {
	return unitRand(fmt.Sprintf("%s/%d%s", unit, g.year, what))
}

// figures returns the entries of unit's complete form.
func (g *generator) figures(unit string, spec *submission.FormSpec) []submission.Entry {
	c := newCells(spec)
	r := g.rand(unit, "")
	if t, ok := g.communes[unit]; ok {
		d := district{Code: t.Code, Communes: 1, Hamlets: t.Hamlets, Places: t.Places}
		if t.Centre {
			d.Centres = 1
		}
		g.district(c, d, g.model.byCode[unit], r)
	} else if d, ok := districtOf(unit); ok {
		g.district(c, d, g.model.byCode[d.Code], r)
	} else {
		for _, role := range rolesOf(unit) {
			g.department(c, role, r)
		}
	}
	c.fillRest(r)
	return c.entries
}

// agRoles are the Kiên Giang bodies whose work each An Giang body carries
// on, in the order their figures and words are taken: the first one's
// win where two report the same cell.
var agRoles = map[string][]string{
	"AG.YT": {"YT", "LDTBXH"}, "AG.NV": {"NV"}, "AG.GDDT": {"GDDT"}, "AG.VHTTDL": {"VHTT", "DL", "TTTT"},
	"AG.TP": {"TP"}, "AG.TC": {"TC", "KHDT"}, "AG.CA": {"CA"}, "AG.DTTG": {"BDT"}, "AG.MTTQ": {"MTTQ", "TD"},
	"AG.BAO": {"BKG", "PTTH"},
}

// rolesOf is the bodies whose figures a body's form is cut from.
func rolesOf(unit string) []string {
	if roles, ok := agRoles[unit]; ok {
		return roles
	}
	return []string{unit}
}

func districtOf(code string) (district, bool) {
	for _, d := range districts {
		if d.Code == code {
			return d, true
		}
	}
	return district{}, false
}

// district fills a district's form (BM-HUYEN) from its share of the
// province: a stock of children and of children in need, and the year's
// activities in proportion to its communes and hamlets.
func (g *generator) district(c *cells, d district, p *people, r *rand.Rand) {
	c.sexAge("TQ01", p.Children)
	c.one("TQ03", rate(share(p.Total, between(r, 0.86, 0.97)), p.Total))

	// BV01 first; the disabled (BV16) and full orphans (BV13) are its groups.
	groups := make([]int, len(special))
	sum := 0
	for i, s := range special {
		groups[i] = share(p.Special, s.Share*between(r, 0.8, 1.2))
		sum += groups[i]
	}
	var bySex [][2]int
	var disabled, orphans [2]int
	for i, s := range special {
		if s.Code == optDisabled && sum < p.Special {
			groups[i] += p.Special - sum // every child is in some group
		}
		m := share(groups[i], s.Male+between(r, -0.04, 0.04))
		bySex = append(bySex, [2]int{m, groups[i] - m})
		switch s.Code {
		case optDisabled:
			disabled = bySex[i]
		case optOrphanBoth:
			orphans = bySex[i]
		}
	}
	helped := between(r, 0.86, 0.95)
	c.one("BV01", p.Special)
	c.one("BV02", floor(p.Special, helped))
	for i, s := range special {
		for x := range sexes {
			dd := submission.Disaggregation{dimSex: sexes[x], dimSpecial: s.Code}
			c.put("BV01", dd, bySex[i][x])
			c.put("BV02", dd, floor(bySex[i][x], helped))
		}
	}
	c.sex("BV03", splitSex(p.AtRisk, 0.512))

	abused := share(p.Total, 54.0/provinceChildren*between(r, 0.6, 1.4))
	c.sex("BV10", splitSex(abused, 0.3))
	labour := apportion(share(p.Total, 130.0/provinceChildren*between(r, 0.7, 1.3)), []float64{0.02, 0.18, 0.80})
	var work [2][3]int
	for a, n := range labour {
		work[0][a] = share(n, 0.62)
		work[1][a] = n - work[0][a]
	}
	c.sexAge("BV11", work)

	single := splitSex(share(p.Total, between(r, 0.0095, 0.0115)), 0.51)
	c.sex("BV13", orphans)
	c.sex("BV14", single)
	c.sex("BV12", add(orphans, single))
	c.sex("BV15", scale(add(orphans, single), between(r, 0.38, 0.55)))
	c.sex("BV16", disabled)
	c.sex("BV17", scale(disabled, between(r, 0.85, 0.97)))
	c.one("BV19", 1+r.IntN(3)+d.Communes/10)

	c.sex("TN06", splitSex(share(p.Total, between(r, 0.035, 0.07)), 0.52))
	c.one("VH01", rate(share(d.Communes, between(r, 0.5, 0.85)), d.Communes))
	c.one("VH02", rate(d.Centres, d.Communes))
	c.one("VH03", rate(share(d.Hamlets, between(r, 0.45, 0.75)), d.Hamlets))
	c.one("VH04", jitter(r, d.Communes, 1.5, 3)+2)
	c.one("VH06", 1+r.IntN(max(2, d.Communes/3)))

	atDistrict := 1
	if d.Communes == 1 {
		atDistrict = 0 // a commune (see Territory) holds no district forum
	}
	forums := []int{0, atDistrict, share(d.Communes, between(r, 0.4, 0.9)), share(d.Communes, between(r, 0.6, 1.4))}
	c.options("TG01", "FORUM_LEVEL", []string{"TINH", "HUYEN", "XA", "TRUONG_HOC"}, forums)
	c.sex("TG02", splitSex(jitter(r, forums[1]+forums[2]+forums[3], 40, 70), 0.46))
	c.sex("TG03", splitSex(share(p.Total, between(r, 0.008, 0.02)), 0.48))
	sessions := jitter(r, d.Communes, 5, 10)
	c.one("TT03", sessions)
	c.one("TT04", jitter(r, sessions, 35, 60))

	c.one("QT01", true)
	c.one("QT02", districtModels(d, p, r))
	c.one("QT03", rate(share(d.Communes, between(r, 0.62, 0.88)), d.Communes))
	c.one("QT04", d.Communes)
	c.one("QT05", max(0, d.Hamlets-r.IntN(4)))
	c.one("QT06", jitter(r, d.Communes, 8, 15))
	c.one("QT07", 2+r.IntN(5))
	c.one("QT09", d.Code != "KIENHAI")
	c.one("QT11", 4+r.IntN(8))
	state := round1(float64(p.Total) * between(r, 0.025, 0.045))
	c.by("NL01", "FUND_SOURCE", "NGAN_SACH", state)
	c.by("NL01", "FUND_SOURCE", "HUY_DONG", round1(state*between(r, 0.25, 0.6)))
	c.one("NL03", share(p.Total, between(r, 0.012, 0.03)))
}

// districtModels is a district's QT02: two models, one a line.
func districtModels(d district, p *people, r *rand.Rand) string {
	kinds := []string{
		"Mô hình “Mẹ đỡ đầu” tại %s: %d trẻ em mồ côi, có hoàn cảnh khó khăn được nhận đỡ đầu.",
		"Câu lạc bộ “Quyền trẻ em” tại %s: sinh hoạt hằng tháng, thu hút %d thành viên.",
		"Mô hình “Ấp, khu phố an toàn cho trẻ em” tại %s: %d hộ gia đình ký cam kết không để trẻ em bị bạo lực, xâm hại.",
		"Mô hình “Ngôi nhà an toàn” phòng, chống bạo lực gia đình tại %s: tiếp nhận, hỗ trợ %d lượt phụ nữ và trẻ em.",
		"Điểm dạy bơi an toàn tại %s: %d trẻ em hoàn thành lớp bơi trong dịp hè.",
	}
	i := r.IntN(len(kinds))
	j := (i + 1 + r.IntN(len(kinds)-1)) % len(kinds)
	size := func(k int) int {
		switch k {
		case 0:
			return 8 + r.IntN(25)
		case 2:
			return 120 + r.IntN(300)
		case 4:
			return max(40, p.Total/200+r.IntN(60))
		}
		return 25 + r.IntN(40)
	}
	return fmt.Sprintf(kinds[i], d.Places[0], size(i)) + "\n" + fmt.Sprintf(kinds[j], d.Places[1], size(j))
}

// splitSex splits n into boys and girls with share male of boys.
func splitSex(n int, male float64) [2]int {
	m := share(n, male)
	return [2]int{m, n - m}
}

// scale applies floor(·, f) to boys and girls.
func scale(v [2]int, f float64) [2]int { return [2]int{floor(v[0], f), floor(v[1], f)} }

// add adds two by-sex pairs.
func add(a, b [2]int) [2]int { return [2]int{a[0] + b[0], a[1] + b[1]} }

// floor is n times f rounded down: applying the same f to a whole and its
// parts keeps every part at most the whole.
func floor(n int, f float64) int { return int(math.Floor(float64(n) * f)) }
