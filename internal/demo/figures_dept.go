package demo

import (
	"math"
	"math/rand/v2"
	"slices"

	"baocao/internal/submission"
)

// Options of the seed catalog's dimensions the departments report by.
var (
	levels    = []string{"MAM_NON", "TIEU_HOC", "THCS", "THPT"}
	forumsAt  = []string{"TINH", "HUYEN", "XA", "TRUONG_HOC"}
	media     = []string{"BAO_IN", "PHAT_THANH", "TRUYEN_HINH", "DIEN_TU", "MANG_XA_HOI", "THONG_TIN_CO_SO"}
	forms     = []string{"BAO_LUC", "BOC_LOT", "XAM_HAI_TINH_DUC", "MUA_BAN", "BO_ROI", "BO_MAC", "KHAC"}
	settings  = []string{"GIA_DINH", "TRUONG_HOC", "CO_SO_TRO_GIUP", "NOI_CONG_CONG", "KHONG_GIAN_MANG", "KHAC"}
	outcomes  = []string{"KHOI_TO", "XU_PHAT_HANH_CHINH", "BIEN_PHAP_KHAC"}
	ethnicity = []struct {
		Code             string
		Share, Certified float64
	}{{"KINH", 0.847, 0.997}, {"KHMER", 0.128, 0.981}, {"HOA", 0.021, 0.996}, {"KHAC", 0.004, 0.95}}
)

// outreach is a department's direct communication sessions (TT03) and
// documents issued (QT11).
var outreach = map[string][2]int{
	"LDTBXH": {24, 14}, "GDDT": {310, 11}, "VHTT": {38, 8}, "DL": {9, 4}, "YT": {56, 9}, "TTTT": {0, 5},
	"TP": {42, 6}, "NV": {0, 5}, "TC": {0, 4}, "KHDT": {0, 3}, "CA": {64, 12}, "BDT": {26, 4}, "TD": {85, 7},
	"MTTQ": {18, 5}, "PTTH": {0, 3}, "BKG": {0, 2},
}

// department fills a provincial body's form; figures that depend on the
// number of children come from the same model as the districts'.
func (g *generator) department(c *cells, unit string, r *rand.Rand) {
	m := g.model
	births := m.province(func(p *people) int { return p.Births })
	boys := share(births, 0.5234)
	born := [2]int{boys, births - boys}
	under5 := m.province(func(p *people) int { return p.Under5 })
	switch unit {
	case "LDTBXH":
		c.one("BV18", 47)
		c.one("BV19", 11)
		c.options("TG01", "FORUM_LEVEL", forumsAt, []int{2, 0, 0, 0})
		c.sex("TG02", [2]int{148, 172})
		c.sex("TG03", [2]int{1240, 1385})
		c.one("QT06", 620)
		c.one("QT07", 5)
		c.one("NL02", 2845.6)
		c.one("NL03", 6420)
	case "GDDT":
		g.byArea(c, "GD01", func(_ string, p *people) (int, int) {
			return min(p.Age5, int(math.Round(float64(p.Age5)*p.GD01))), p.Age5
		})
		nursery := births * 11 / 4
		c.one("GD02", rate(share(nursery, 0.262), nursery))
		c.one("GD03", rate(share(births*3, 0.936), births*3))
		c.by("GD04", dimSex, "M", rate(212, 66420))
		c.by("GD04", dimSex, "F", rate(146, 62180))
		c.by("GD05", dimSex, "M", rate(1012, 48950))
		c.by("GD05", dimSex, "F", rate(703, 46310))
		c.options("GD06", "SCHOOL_LEVEL", levels, []int{208, 287, 146, 58})
		c.options("GD07", "SCHOOL_LEVEL", levels, []int{94, 212, 139, 58})
		c.options("GD08", "SCHOOL_LEVEL", levels, []int{41, 96, 63, 22})
		c.options("GD09", "SCHOOL_LEVEL", levels, []int{62, 251, 141, 58})
		c.one("GD10", 9)
		c.options("TG01", "FORUM_LEVEL", forumsAt, []int{1, 6, 0, 215})
		c.sex("TG02", [2]int{9860, 10740})
		c.sex("TG04", [2]int{71350, 68920})
		c.sex("TG05", [2]int{118400, 112650})
	case "VHTT":
		c.sex("TN06", [2]int{4350, 3980})
		c.one("VH04", 86)
		c.one("VH05", 14)
		c.one("VH06", 9)
	case "DL":
		c.one("DL01", 0)
		c.one("DL02", 12)
		c.one("DL03", 286)
	case "YT":
		g.health(c, born, under5, r)
	case "TTTT":
		c.options("TT01", "MEDIUM", media, []int{0, 0, 0, 96, 124, 1850})
		c.options("TT02", "MEDIUM", media, []int{0, 0, 0, 31, 47, 620})
		c.one("TT05", 37)
	case "TP":
		for x := range sexes {
			children := share(under5, []float64{0.515, 0.485}[x])
			for _, e := range ethnicity {
				den := share(children, e.Share)
				c.put("HT01", submission.Disaggregation{dimSex: sexes[x], "ETHNICITY": e.Code}, rate(share(den, e.Certified), den))
			}
		}
		registered := [2]int{share(born[0], 1.012), share(born[1], 1.011)}
		c.sex("HT02", registered)
		c.one("HT03", share(registered[0]+registered[1], 0.68))
		c.sex("TP01", [2]int{96, 71})
		c.sex("TP02", [2]int{9, 14})
	case "NV":
		c.options("QT08", "AWARDEE", []string{"TAP_THE", "CA_NHAN"}, []int{28, 54})
	case "TC":
		c.by("NL01", "FUND_SOURCE", "NGAN_SACH", 21480.5)
		c.by("NL01", "FUND_SOURCE", "HUY_DONG", 4250.0)
	case "KHDT":
		c.one("QT09", true)
		c.one("QT10", 9)
	case "CA":
		g.police(c, r)
	case "BDT":
		g.byArea(c, "DT01", func(code string, _ *people) (int, int) {
			return int(math.Round(m.khmer[code] * 25 * between(r, 0.6, 1.4) * areaWeight(m))), -1
		})
		g.byArea(c, "DT02", func(code string, _ *people) (int, int) {
			if m.khmer[code] >= 0.2 && r.Float64() < 0.5*areaWeight(m) {
				return 1, -1
			}
			return 0, -1
		})
		c.one("DT03", 4850)
	case "TD":
		c.one("VH04", 42)
		c.one("VH06", 18)
		c.options("TG01", "FORUM_LEVEL", forumsAt, []int{1, 15, 96, 0})
		c.sex("TG02", [2]int{2480, 2960})
		c.sex("TG04", [2]int{12400, 13150})
		c.sex("TG05", [2]int{21600, 22850})
		c.one("NL03", 3150)
		c.one("NL04", 1280.0)
	case "MTTQ":
		c.one("QT07", 6)
		c.one("NL03", 8900)
		c.one("NL04", 4560.5)
	case "PTTH":
		c.options("TT01", "MEDIUM", media, []int{0, 186, 214, 168, 231, 0})
		c.options("TT02", "MEDIUM", media, []int{0, 48, 61, 52, 77, 0})
		c.one("TT06", 412.5)
	case "BKG":
		c.options("TT01", "MEDIUM", media, []int{128, 0, 0, 176, 142, 0})
		c.options("TT02", "MEDIUM", media, []int{37, 0, 0, 58, 49, 0})
		c.one("TT06", 18.25)
	}
	o, ok := outreach[unit]
	if !ok {
		o = [2]int{10 + r.IntN(30), 3 + r.IntN(8)}
	}
	c.one("TT03", o[0])
	c.one("TT04", jitter(r, o[0], 120, 180))
	c.one("QT01", true)
	models, ok := deptModels[unit]
	if !ok {
		models = "Lồng ghép nội dung bảo vệ trẻ em vào hoạt động chuyên môn của đơn vị."
	}
	if g.communes != nil {
		models = anGiangNames.Replace(models)
	}
	c.one("QT02", inYear(models, g.year))
	c.one("QT11", o[1])
}

// health is Sở Y tế's form: births, injuries, malnutrition, mortality and
// vaccination, cut from the province's cohorts.
func (g *generator) health(c *cells, born [2]int, under5 int, r *rand.Rand) {
	c.one("TQ02", rate(born[0], born[1]))
	c.sexAge("TN01", [2][3]int{{820, 1130, 1480}, {610, 760, 905}})
	drowned := [2][3]int{{6, 9, 5}, {4, 6, 3}}
	traffic := [2][3]int{{2, 4, 9}, {1, 3, 6}}
	other := [2][3]int{{4, 2, 3}, {3, 1, 2}}
	var died [2][3]int
	for s := range died {
		for a := range died[s] {
			died[s][a] = drowned[s][a] + traffic[s][a] + other[s][a]
		}
	}
	c.sexAge("TN02", died)
	c.sexAge("TN03", drowned)
	c.sexAge("TN04", traffic)
	c.sexAge("TN05", other)

	weighed := share(under5, 0.96)
	w := splitSex(weighed, 0.515)
	c.one("YT01", rate(share(weighed, 0.205), weighed))
	for _, f := range []struct {
		Code string
		M, F float64
	}{{"NHE_CAN", underweight + 0.004, underweight - 0.004}, {"THAP_COI", 0.162, 0.151}, {"GAY_COM", 0.043, 0.038}} {
		c.put("YT01", submission.Disaggregation{"MALNUTRITION_FORM": f.Code, dimSex: "M"}, rate(share(w[0], f.M), w[0]))
		c.put("YT01", submission.Disaggregation{"MALNUTRITION_FORM": f.Code, dimSex: "F"}, rate(share(w[1], f.F), w[1]))
	}
	c.by("YT02", dimSex, "M", rate(share(born[0], 0.0098), born[0]))
	c.by("YT02", dimSex, "F", rate(share(born[1], 0.0085), born[1]))
	c.by("YT03", dimSex, "M", rate(share(born[0], 0.0146), born[0]))
	c.by("YT03", dimSex, "F", rate(share(born[1], 0.0124), born[1]))
	g.byArea(c, "YT04", func(_ string, p *people) (int, int) {
		return share(p.Births, between(r, 0.93, 0.985)), p.Births
	})
	c.one("YT07", 7)
	c.sex("YT08", [2]int{236, 171})
}

// police is Công an tỉnh's form: children abused and cases (the totals of
// the by-form and by-setting tables are the number of children), health
// insurance of children under 6, children in conflict with the law.
func (g *generator) police(c *cells, r *rand.Rand) {
	abused := [2][3]int{{2, 6, 12}, {3, 11, 24}}
	c.sexAge("BV04", abused)
	total := 0
	for _, s := range abused {
		for _, n := range s {
			total += n
		}
	}
	c.one("BV05", total)
	c.options("BV05", "ABUSE_FORM", forms, []int{16, 2, 35, 1, 2, 4, 3})
	c.one("BV06", total)
	c.options("BV06", "SETTING", settings, []int{21, 5, 0, 17, 12, 6})
	c.one("BV07", 52)
	c.options("BV07", "ABUSE_FORM", forms, []int{14, 2, 31, 1, 2, 3, 2})
	c.one("BV08", 47)
	c.options("BV08", "ABUSE_FORM", forms, []int{13, 2, 28, 1, 2, 3, 1})
	c.options("BV09", "CASE_OUTCOME", outcomes, []int{29, 12, 6})
	g.byArea(c, "YT05", func(_ string, p *people) (int, int) { return share(p.Births, between(r, 0.9, 0.97)), -1 })
	g.byArea(c, "YT06", func(_ string, p *people) (int, int) {
		return share(p.Under6, between(r, 0.955, 0.99)), p.Under6
	})
	c.sex("TP03", [2]int{118, 14})
}

// byArea enters a figure each area has: by district when the form breaks
// the indicator down so (the Kiên Giang catalog), else the province's
// total over the areas. f gives an area's count (den < 0) or rate parts.
func (g *generator) byArea(c *cells, ind string, f func(code string, p *people) (num, den int)) {
	is, ok := c.spec.Indicator(ind)
	if !ok {
		return
	}
	perDistrict := slices.Contains(is.Indicator.Dimensions, "DISTRICT")
	var num, den int
	isRate := false
	for _, code := range g.model.order {
		n, d := f(code, g.model.byCode[code])
		isRate = d >= 0
		if perDistrict {
			if isRate {
				c.by(ind, "DISTRICT", code, rate(n, d))
			} else {
				c.by(ind, "DISTRICT", code, n)
			}
			continue
		}
		num, den = num+n, den+max(d, 0)
	}
	switch {
	case perDistrict:
	case isRate:
		c.one(ind, rate(num, den))
	default:
		c.one(ind, num)
	}
}

// areaWeight scales a per-district count down for an area as small as a
// commune: a district holds about ten.
func areaWeight(m *model) float64 {
	if len(m.order) > len(districts) {
		return 0.1
	}
	return 1
}

// deptModels are the departments' QT02: models and good practice.
var deptModels = map[string]string{
	"LDTBXH": "Mô hình cung cấp dịch vụ bảo vệ trẻ em cấp tỉnh tại Trung tâm Công tác xã hội tỉnh: tiếp nhận, hỗ trợ 126 lượt trẻ em.\nĐiểm tư vấn, tham vấn tâm lý cho trẻ em tại 15 huyện, thành phố.",
	"GDDT":   "Mô hình “Trường học an toàn, thân thiện, bình đẳng” tại 168 trường.\nPhòng tham vấn học đường trực tuyến của Trường THPT chuyên Huỳnh Mẫn Đạt.",
	"VHTT":   "Mô hình “Gia đình văn hóa - nói không với bạo lực trẻ em” tại 24 ấp, khu phố.\nChương trình dạy bơi miễn phí hè 2025 tại Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh.",
	"DL":     "Bộ quy tắc ứng xử văn minh du lịch gắn với bảo vệ trẻ em, niêm yết Tổng đài 111 tại 286 cơ sở kinh doanh du lịch.",
	"YT":     "Phòng khám tâm lý - sức khỏe tâm thần trẻ em tại Bệnh viện Sản - Nhi tỉnh.\nChăm sóc dinh dưỡng 1.000 ngày đầu đời tại 40 xã khó khăn.",
	"TTTT":   "Chuyên mục “Vì trẻ em” trên Cổng thông tin điện tử tỉnh.\nBản tin hằng tuần về Tổng đài 111 trên hệ thống truyền thanh cơ sở.",
	"TP":     "Mô hình tư pháp thân thiện với trẻ em tại Trung tâm Trợ giúp pháp lý nhà nước tỉnh.\nLiên thông điện tử đăng ký khai sinh - đăng ký thường trú - cấp thẻ bảo hiểm y tế tại 144 xã, phường, thị trấn.",
	"NV":     "Lồng ghép tiêu chí công tác trẻ em vào bình xét thi đua của các xã, phường, thị trấn.",
	"TC":     "Bố trí riêng kinh phí thực hiện Chương trình hành động vì trẻ em trong dự toán ngân sách năm của các sở, ngành.",
	"KHDT":   "Lồng ghép 9 chỉ tiêu về trẻ em vào Kế hoạch phát triển kinh tế - xã hội năm 2025 của tỉnh.",
	"CA":     "Mô hình “Phòng điều tra thân thiện” tại Công an tỉnh và Công an các huyện, thành phố.\nTổ hỗ trợ phòng, chống xâm hại trẻ em trên không gian mạng.",
	"BDT":    "Mô hình giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống tại 12 xã có đông đồng bào Khmer.\nTuyên truyền song ngữ Việt - Khmer qua nhà chùa và người có uy tín trong đồng bào.",
	"TD":     "Công trình “Sân chơi cho em” tại 18 điểm.\nĐội hình “Tình nguyện viên bảo vệ trẻ em” trong Chiến dịch Thanh niên tình nguyện hè 2025.",
	"MTTQ":   "Cuộc vận động “Vì trẻ em nghèo”: học bổng, xe đạp cho học sinh có hoàn cảnh khó khăn.\nGiám sát việc thực hiện chính sách đối với trẻ em có hoàn cảnh đặc biệt tại 6 xã.",
	"PTTH":   "Chuyên mục “Vì trẻ em hôm nay” phát sóng hằng tuần trên kênh KGTV.\nChương trình thiếu nhi cuối tuần trên sóng phát thanh.",
	"BKG":    "Chuyên trang “Tuổi thơ” trên Báo Kiên Giang điện tử.\nLoạt bài về phòng, chống xâm hại trẻ em trên không gian mạng.",
}
