package demo

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// facts reads a unit's own figures back for its narrative, so the text
// quotes the numbers on its form.
type facts struct {
	spec    *submission.FormSpec
	content submission.Content
}

// placeholder is {CODE} (the indicator's total or rate), {CODE:OPT} (the
// cells with option OPT), {CODE:num}, {CODE:den} or {CODE:gap} (den-num).
var placeholder = regexp.MustCompile(`\{([A-Z0-9]+)(?::([A-Za-z0-9_]+))?\}`)

// expand fills the placeholders of s; one that cannot be filled stays as
// written, which the tests catch.
func (f facts) expand(s string) string {
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		p := placeholder.FindStringSubmatch(m)
		if v, ok := f.value(p[1], p[2]); ok {
			return v
		}
		return m
	})
}

// number is an indicator's total (a count or amount) or summed rate part.
func (f facts) number(code, part string) (float64, bool) {
	is, ok := f.spec.Indicator(code)
	if !ok {
		return 0, false
	}
	option := part != "" && part != "num" && part != "den" && part != "gap"
	total := false // an entered total stands for the indicator
	for _, cell := range is.Cells {
		total = total || (cell.Total && !option)
	}
	var n, num, den float64
	found := false
	for _, cell := range is.Cells {
		if cell.Total != total || (option && !hasOption(cell.Disaggregation, part)) {
			continue
		}
		v, ok := f.content.Values[cell.Key]
		if !ok {
			return 0, false
		}
		found = true
		switch {
		case v.Number != nil:
			n += *v.Number
		case v.Num != nil && v.Den != nil:
			num, den = num+*v.Num, den+*v.Den
		default:
			return 0, false
		}
	}
	if !found {
		return 0, false
	}
	if is.ValueType != catalog.TypeRate {
		return n, true
	}
	switch part {
	case "num":
		return num, true
	case "den":
		return den, true
	case "gap":
		return den - num, true
	}
	if den == 0 {
		return 0, false
	}
	scale := 100.0
	if is.Rate != nil {
		scale = is.Rate.Scale
	}
	return num / den * scale, true
}

func hasOption(d submission.Disaggregation, opt string) bool {
	for _, o := range d {
		if o == opt {
			return true
		}
	}
	return false
}

// value is number formatted the Vietnamese way: whole numbers with "."
// between thousands, rates with one decimal (two below 1).
func (f facts) value(code, part string) (string, bool) {
	x, ok := f.number(code, part)
	if !ok {
		return "", false
	}
	is, _ := f.spec.Indicator(code)
	digits := 0.0
	switch {
	case is.ValueType == catalog.TypeRate && (part == "" || strings.ToUpper(part) == part) && x < 1:
		digits = 2
	case is.ValueType == catalog.TypeRate && (part == "" || strings.ToUpper(part) == part):
		digits = 1
	case is.ValueType == catalog.TypeAmount, is.ValueType == catalog.TypeNumber:
		digits = 2
	}
	p := math.Pow(10, digits)
	return submission.Format(math.Round(x*p) / p), true
}

// int is a whole figure of the unit's form, 0 when absent.
func (f facts) int(code, part string) int {
	x, _ := f.number(code, part)
	return int(math.Round(x))
}

// yes reads a boolean indicator.
func (f facts) yes(code string) bool {
	is, ok := f.spec.Indicator(code)
	if !ok || len(is.Cells) == 0 {
		return false
	}
	v := f.content.Values[is.Cells[0].Key]
	return v.Bool != nil && *v.Bool
}

// place is "huyện Kiên Hải" from "Ủy ban nhân dân huyện Kiên Hải".
func place(u catalog.Unit) string {
	return strings.TrimPrefix(u.Name, "Ủy ban nhân dân ")
}

// capital upper-cases the first letter.
func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// pick is one of options, chosen by r.
func pick(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }

// districtNarratives writes a district's sections from its figures and
// what sets it apart; wording varies from district to district.
func districtNarratives(u catalog.Unit, d district, f facts, r *rand.Rand) map[string]string {
	pl := place(u)
	level := strings.Fields(pl)[0]
	if level == "thành" {
		level = "thành phố"
	}
	fill := func(parts ...string) string {
		s := strings.Join(parts, " ")
		s = strings.NewReplacer("[place]", pl, "[Place]", capital(pl), "[level]", level,
			"[water]", d.Water, "[labour]", d.Labour, "[hardship]", d.Hardship, "[trait]", d.Trait,
			"[place0]", d.Places[0], "[place1]", d.Places[1]).Replace(s)
		return f.expand(s)
	}
	out := map[string]string{}
	integrated := "Mục tiêu, chỉ tiêu về trẻ em được lồng ghép vào Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2025 của [level]."
	if !f.yes("QT09") {
		integrated = "Chỉ tiêu về trẻ em chưa được lồng ghép riêng vào kế hoạch phát triển kinh tế - xã hội năm 2025 của [level] mà thực hiện qua kế hoạch chuyên đề."
	}
	out["KQ-II.1"] = fill(
		pick(r, "UBND [place] đã quán triệt Chỉ thị số 28-CT/TW và Kế hoạch số 211-KH/TU đến cán bộ chủ chốt của {QT04} xã, phường, thị trấn; trong năm ban hành {QT11} văn bản chỉ đạo, hướng dẫn về công tác trẻ em.",
			"Trong 6 tháng đầu năm 2025, trước khi cấp huyện kết thúc hoạt động, UBND [place] đã ban hành {QT11} văn bản chỉ đạo, hướng dẫn về công tác trẻ em, trong đó có kế hoạch triển khai Chỉ thị số 28-CT/TW tới {QT04} xã, phường, thị trấn."),
		"Đã tổ chức {QT07} cuộc kiểm tra, giám sát việc thực hiện quyền trẻ em tại các xã, tập trung vào quản lý trẻ em có hoàn cảnh đặc biệt và cập nhật dữ liệu trên phần mềm.",
		integrated,
		"Từ ngày 01/7/2025, hồ sơ, dữ liệu về trẻ em của [place] được bàn giao cho UBND các xã, phường mới để tiếp tục theo dõi.")
	out["KQ-II.2"] = fill(
		"Toàn [level] có {TQ01} trẻ em dưới 16 tuổi, trong đó {BV01} trẻ em có hoàn cảnh đặc biệt và {BV03} trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt; {TQ03}% trẻ em đã có thông tin được cập nhật trên phần mềm quản lý thông tin trẻ em.",
		"Đội ngũ làm công tác trẻ em gồm {QT04} công chức cấp xã và {QT05} cộng tác viên ở ấp, khu phố; trong năm đã tập huấn, bồi dưỡng nghiệp vụ cho {QT06} lượt người.",
		"Có {QT03:num}/{QT03:den} xã, phường, thị trấn được công nhận đạt tiêu chuẩn phù hợp với trẻ em; {BV19} cơ sở chăm sóc, nuôi dưỡng trẻ em đã được kiểm tra.")
	out["KQ-II.3"] = fill(
		"Kinh phí thực hiện công tác trẻ em năm 2025 là {NL01} triệu đồng, trong đó ngân sách nhà nước {NL01:NGAN_SACH} triệu đồng và huy động xã hội {NL01:HUY_DONG} triệu đồng.",
		"Có {VH02:num}/{VH02:den} xã, phường, thị trấn có trung tâm văn hóa - thể thao và {VH01:num} xã, phường có điểm vui chơi dành cho trẻ em; trong năm đã xây mới, nâng cấp {VH06} công trình phúc lợi, sân chơi cho trẻ em.",
		pick(r, "Các nhà hảo tâm, doanh nghiệp và Quỹ Bảo trợ trẻ em đã hỗ trợ {NL03} lượt trẻ em học bổng, xe đạp, thẻ bảo hiểm y tế và quà Tết Trung thu.",
			"Từ nguồn xã hội hóa, {NL03} lượt trẻ em được tặng quà, học bổng, xe đạp; nhiều ấp, khu phố tự góp công, góp vật liệu làm sân chơi cho trẻ em."))
	protect := "Qua rà soát phát hiện {BV11} trẻ em lao động trái quy định, chủ yếu [labour]; chính quyền đã vận động gia đình cho các em trở lại trường học."
	if f.int("BV11", "") == 0 {
		protect = "Qua rà soát chưa phát hiện trẻ em lao động trái quy định; tình trạng trẻ em [labour] vẫn được theo dõi."
	}
	if f.int("BV10", "") > 0 {
		protect = "Có {BV10} trẻ em bị xâm hại đã được hỗ trợ, can thiệp kịp thời về y tế, tâm lý và pháp lý. " + protect
	}
	out["KQ-II.4"] = fill(
		"Đã trợ giúp {BV02} trẻ em có hoàn cảnh đặc biệt; {BV15} trẻ em mồ côi và {BV17} trẻ em khuyết tật được hưởng trợ cấp xã hội và các hỗ trợ khác.",
		"Phối hợp ngành giáo dục tổ chức dạy bơi, kỹ năng an toàn trong môi trường nước cho {TN06} trẻ em [water].",
		protect)
	out["KQ-II.5"] = fill(
		"Hưởng ứng Tháng hành động vì trẻ em năm 2025, [place] tổ chức {TT03} cuộc truyền thông trực tiếp với {TT04} lượt người tham dự; số Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 được phát thường xuyên trên hệ thống truyền thanh các xã, phường.",
		"Đã tổ chức {TG01} diễn đàn trẻ em với {TG02} lượt trẻ em tham gia và lấy ý kiến {TG03} lượt trẻ em về các vấn đề liên quan đến trẻ em.",
		pick(r, "Phong trào “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” được lồng ghép với cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” ở khu dân cư.",
			"Các mô hình ở [place0] và [place1] được giới thiệu trên đài truyền thanh để nhân rộng."))
	weak := []string{
		"Một số xã cập nhật dữ liệu trẻ em trên phần mềm chưa kịp thời; còn {TQ03:gap} trẻ em chưa được cập nhật thông tin.",
		"Công chức làm công tác trẻ em cấp xã kiêm nhiệm nhiều việc, thường xuyên thay đổi nên kỹ năng tư vấn, hỗ trợ trẻ em còn hạn chế.",
		"Kinh phí huy động xã hội mới đạt {NL01:HUY_DONG} triệu đồng, chưa đáp ứng nhu cầu hỗ trợ trẻ em có hoàn cảnh đặc biệt.",
	}
	if gap := f.int("VH01", "gap"); gap > 0 {
		weak = append(weak, "Còn {VH01:gap} xã, phường, thị trấn chưa có điểm vui chơi dành cho trẻ em.")
	}
	r.Shuffle(len(weak), func(i, j int) { weak[i], weak[j] = weak[j], weak[i] })
	out["TON-TAI"] = fill("[Place] [trait], nên công tác bảo vệ trẻ em có những khó khăn riêng.", weak[0], weak[1],
		"Nguyên nhân một phần do trên địa bàn [hardship]; bên cạnh đó, việc sắp xếp tổ chức bộ máy trong năm 2025 làm gián đoạn công tác theo dõi, báo cáo.")
	next := []string{
		"Tiếp tục tổ chức dạy bơi, phòng, chống đuối nước cho trẻ em trước mùa mưa lũ.",
		"Tăng cường truyền thông về Tổng đài 111 và kỹ năng tự bảo vệ cho trẻ em; phấn đấu 100% trẻ em có thông tin được cập nhật trên phần mềm.",
		"Tiếp tục xây dựng xã, phường phù hợp với trẻ em, phấn đấu đạt trên 75% theo mục tiêu đến năm 2030.",
		"Duy trì, nhân rộng các mô hình đang thực hiện tại [place0] và [place1].",
	}
	r.Shuffle(len(next), func(i, j int) { next[i], next[j] = next[j], next[i] })
	out["PHUONG-HUONG"] = fill("Bàn giao đầy đủ hồ sơ, dữ liệu trẻ em có hoàn cảnh đặc biệt cho UBND các xã, phường sau sắp xếp đơn vị hành chính để việc trợ giúp không bị gián đoạn.",
		next[0], next[1])
	asks := []string{
		"Đề nghị UBND tỉnh bố trí kinh phí hỗ trợ xây dựng điểm vui chơi, hồ bơi cho trẻ em ở các xã khó khăn.",
		"Đề nghị Sở Giáo dục và Đào tạo tăng cường hồ bơi di động, giáo viên dạy bơi cho các trường ở vùng sông nước.",
		"Đề nghị tỉnh có chính sách hỗ trợ phụ cấp cho cộng tác viên làm công tác trẻ em ở ấp, khu phố.",
	}
	out["KIEN-NGHI"] = fill("Đề nghị Sở Y tế, cơ quan quản lý nhà nước về trẻ em từ ngày 01/3/2025, sớm hướng dẫn việc tiếp nhận, quản lý dữ liệu trẻ em sau khi cấp huyện kết thúc hoạt động.",
		asks[r.IntN(len(asks))])
	return out
}
