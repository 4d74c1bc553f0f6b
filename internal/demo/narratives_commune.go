package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"baocao/internal/submission"
)

// Commune is a commune-level area (xã, phường, đặc khu) as the generators
// need it: its territory's figures and what its report says of it.
type Commune struct {
	Territory
	// Place is "xã Tân Phú" (lower-case level, as in running text).
	Place string
	// Ward says it is a phường: denser, with neighbourhoods called Hamlet.
	Ward bool
	// Hamlet is what its neighbourhoods are called: ấp, thôn, khu phố…
	Hamlet string
	// Province is "tỉnh An Giang", as the commune's report names it.
	Province string
}

// CommuneContent is a commune's complete submission on spec for year: the
// district generator's figures for its territory (see Territory), then
// narratives quoting them. r drives the variation.
func (g *Generator) CommuneContent(spec *submission.FormSpec, t Commune, year int, r *rand.Rand) (submission.Content, error) {
	figs, err := apply(spec, submission.NewContent(), submission.Change{Entries: g.Territory(spec, t.Territory, r)})
	if err != nil {
		return submission.Content{}, err
	}
	narr, err := communeNarratives(spec, figs, t, year, r)
	if err != nil {
		return submission.Content{}, err
	}
	return apply(spec, figs, submission.Change{Narratives: narr})
}

// communeNarratives writes a commune's sections from its own figures: a
// few sentences each, wording picked by r, {CODE} placeholders filled from
// its form and [words] from the commune.
func communeNarratives(spec *submission.FormSpec, figs submission.Content, t Commune, year int, r *rand.Rand) (map[string]string, error) {
	word := t.Hamlet
	level, _, _ := strings.Cut(t.Place, " ")
	if strings.HasPrefix(t.Place, "đặc khu ") {
		level = "đặc khu"
	}
	words := strings.NewReplacer("[place]", t.Place, "[Place]", capital(t.Place), "[level]", level,
		"[Level]", capital(level), "[hamlet]", word, "[hamlets]", "các "+word, "[year]", fmt.Sprint(year),
		"[province]", t.Province, "[place0]", t.Places[0], "[place1]", t.Places[1])
	f := facts{spec: spec, content: figs}
	figure := func(code, part string) int { return f.int(code, part) }
	texts := communeTexts(figure, f.yes, t, r)
	out := map[string]string{}
	for _, ns := range spec.Narratives {
		parts, ok := texts[ns.Code]
		if !ok {
			parts = []string{"UBND [place] đã triển khai các nhiệm vụ thuộc nội dung “" + ns.Title + "” theo kế hoạch của UBND [province].",
				"Kết quả cụ thể được tổng hợp trong các biểu số liệu kèm theo báo cáo."}
		}
		text, err := Expand(spec, figs, inYear(words.Replace(strings.Join(parts, " ")), year))
		if err != nil {
			return nil, fmt.Errorf("narrative %s: %w", ns.Code, err)
		}
		out[ns.Code] = text
	}
	return out, nil
}

// communeTexts are the sentences of each section, before placeholders are
// filled; figure reads a whole figure of the commune's form, yes a
// boolean one.
func communeTexts(figure func(code, part string) int, yes func(code string) bool, t Commune, r *rand.Rand) map[string][]string {
	pick := func(options ...string) string { return options[r.IntN(len(options))] }
	out := map[string][]string{}

	integrated := "Mục tiêu, chỉ tiêu về trẻ em được đưa vào Nghị quyết của Hội đồng nhân dân [level] về nhiệm vụ phát triển kinh tế - xã hội năm [year]."
	if !yes("QT09") {
		integrated = "Chỉ tiêu về trẻ em chưa được đưa riêng vào kế hoạch phát triển kinh tế - xã hội năm [year] của [level] mà thực hiện qua kế hoạch chuyên đề."
	}
	out["KQ-II.1"] = []string{
		pick("UBND [place] đã ban hành kế hoạch thực hiện công tác trẻ em năm [year], quán triệt Chỉ thị số 28-CT/TW đến cán bộ, công chức và trưởng [hamlets].",
			"Sau khi chính quyền địa phương hai cấp đi vào hoạt động, UBND [place] đã kiện toàn Ban chỉ đạo công tác trẻ em và phân công công chức phụ trách."),
		"Trong năm, UBND [level] ban hành {QT11} văn bản chỉ đạo, hướng dẫn về công tác trẻ em và tổ chức {QT07} cuộc kiểm tra, giám sát việc thực hiện quyền trẻ em tại [hamlets].",
		integrated,
	}

	childFriendly := "[Place] đã được công nhận đạt tiêu chuẩn xã, phường phù hợp với trẻ em."
	if figure("QT03", "num") < figure("QT03", "den") {
		childFriendly = "[Place] chưa đạt tiêu chuẩn xã, phường phù hợp với trẻ em và đang khắc phục các tiêu chí còn thiếu."
	}
	out["KQ-II.2"] = []string{
		"Toàn [level] có {TQ01} trẻ em dưới 16 tuổi, trong đó {TQ01:F} em nữ; {BV01} trẻ em có hoàn cảnh đặc biệt và {BV03} trẻ em có nguy cơ rơi vào hoàn cảnh đặc biệt.",
		"Đã cập nhật thông tin của {TQ03:num} trẻ em trên phần mềm quản lý thông tin trẻ em, đạt {TQ03}%; [level] có {QT04} người làm công tác trẻ em và {QT05} cộng tác viên ở [hamlets], {QT06} lượt người được tập huấn trong năm.",
		childFriendly,
	}

	centre := "[Place] có trung tâm văn hóa - thể thao"
	if figure("VH02", "num") == 0 {
		centre = "[Place] chưa có trung tâm văn hóa - thể thao"
	}
	out["KQ-II.3"] = []string{
		"Kinh phí thực hiện công tác trẻ em năm [year] là {NL01} triệu đồng, gồm {NL01:NGAN_SACH} triệu đồng ngân sách nhà nước và {NL01:HUY_DONG} triệu đồng huy động xã hội.",
		centre + "; {VH03:num}/{VH03:den} [hamlet] có thiết chế văn hóa, thể thao dành cho trẻ em, {VH06} công trình phúc lợi cho trẻ em được xây mới, nâng cấp.",
		pick("Các nhà hảo tâm, doanh nghiệp trên địa bàn đã hỗ trợ {NL03} lượt trẻ em học bổng, xe đạp, thẻ bảo hiểm y tế và quà Tết Trung thu.",
			"Từ nguồn xã hội hóa, {NL03} lượt trẻ em được tặng quà, học bổng; nhiều gia đình góp công, góp vật liệu làm sân chơi cho trẻ em."),
	}

	protect := "Qua rà soát phát hiện {BV11} trẻ em lao động trái quy định; UBND [level] đã vận động gia đình cho các em trở lại trường học."
	if figure("BV11", "") == 0 {
		protect = "Qua rà soát chưa phát hiện trẻ em lao động trái quy định trên địa bàn."
	}
	if figure("BV10", "") > 0 {
		protect = "Có {BV10} trẻ em bị xâm hại đã được hỗ trợ, can thiệp kịp thời về y tế, tâm lý và pháp lý. " + protect
	}
	out["KQ-II.4"] = []string{
		"Đã trợ giúp {BV02} trẻ em có hoàn cảnh đặc biệt; {BV15} trẻ em mồ côi và {BV17} trẻ em khuyết tật được hưởng trợ cấp xã hội và các hỗ trợ khác.",
		"Phối hợp với các trường học dạy bơi, kỹ năng an toàn trong môi trường nước cho {TN06} trẻ em.",
		protect,
	}

	out["KQ-II.5"] = []string{
		"Hưởng ứng Tháng hành động vì trẻ em năm [year], [place] tổ chức {TT03} cuộc truyền thông trực tiếp với {TT04} lượt người tham dự; số Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 được phát thường xuyên trên loa truyền thanh.",
		"Đã tổ chức {TG01} diễn đàn trẻ em với {TG02} lượt trẻ em tham gia và lấy ý kiến {TG03} lượt trẻ em về các vấn đề liên quan đến trẻ em.",
		pick("Phong trào “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” được lồng ghép vào sinh hoạt của [hamlets].",
			"Các mô hình ở [place0] và [place1] được giới thiệu trên loa truyền thanh để nhân rộng."),
	}

	weak := []string{
		"Công chức phụ trách công tác trẻ em kiêm nhiệm nhiều việc nên việc theo dõi, hỗ trợ trẻ em có hoàn cảnh đặc biệt có lúc chưa kịp thời.",
		"Kinh phí huy động xã hội mới đạt {NL01:HUY_DONG} triệu đồng, chưa đáp ứng nhu cầu hỗ trợ trẻ em.",
	}
	if figure("TQ03", "gap") > 0 {
		weak = append(weak, "Còn {TQ03:gap} trẻ em chưa được cập nhật thông tin trên phần mềm quản lý thông tin trẻ em.")
	}
	r.Shuffle(len(weak), func(i, j int) { weak[i], weak[j] = weak[j], weak[i] })
	cause := "dân cư sống phân tán, nhiều cha mẹ đi làm ăn xa để trẻ em ở với ông bà"
	if t.Ward {
		cause = "dân cư biến động, nhiều hộ thuê trọ nên khó nắm bắt tình hình trẻ em"
	}
	out["TON-TAI"] = []string{weak[0], weak[1],
		"Nguyên nhân một phần do " + cause + "; việc sắp xếp đơn vị hành chính trong năm [year] cũng làm gián đoạn công tác theo dõi, báo cáo."}

	next := []string{
		"Tiếp tục tổ chức dạy bơi, phòng, chống đuối nước cho trẻ em trong dịp hè.",
		"Tăng cường truyền thông về Tổng đài 111 và kỹ năng tự bảo vệ cho trẻ em; phấn đấu 100% trẻ em có thông tin được cập nhật trên phần mềm.",
		"Duy trì, nhân rộng các mô hình đang thực hiện tại [place0] và [place1].",
		"Rà soát, trợ giúp kịp thời trẻ em có hoàn cảnh đặc biệt, không để trẻ em bỏ học vì hoàn cảnh khó khăn.",
	}
	r.Shuffle(len(next), func(i, j int) { next[i], next[j] = next[j], next[i] })
	out["PHUONG-HUONG"] = next[:3]

	asks := []string{
		"Đề nghị UBND [province] bố trí kinh phí hỗ trợ xây dựng điểm vui chơi, hồ bơi cho trẻ em ở các xã khó khăn.",
		"Đề nghị UBND [province] có chính sách hỗ trợ phụ cấp cho cộng tác viên làm công tác trẻ em ở [hamlets].",
		"Đề nghị các sở, ngành tổ chức tập huấn nghiệp vụ bảo vệ trẻ em cho công chức cấp xã sau sắp xếp.",
	}
	r.Shuffle(len(asks), func(i, j int) { asks[i], asks[j] = asks[j], asks[i] })
	out["KIEN-NGHI"] = asks[:2]
	return out
}
