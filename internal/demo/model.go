package demo

import (
	"math"
	"math/rand/v2"
	"sort"
)

// randomSeed makes the demo the same on every machine and every run.
const randomSeed = 20251110

// Province totals the demo spreads over the districts: the Kiên Giang
// figures published in May 2024 (domain.md §3), carried to 2025.
const (
	provinceChildren = 412_350 // "over 409,000 children under 16" (TQ01)
	provinceSpecial  = 3_080   // "over 3,000 in special circumstances" (BV01)
	provinceAtRisk   = 26_350  // "over 26,000 at risk" (BV03)
	kindergarten5    = 0.996   // "99.6% of 5-year-olds in kindergarten" (GD01)
	underweight      = 0.100   // "underweight malnutrition 10%" (YT01)
)

// district is what the demo knows of a district-level unit (2024).
type district struct {
	Code     string
	Pop      int     // population, thousands (2019 census, rounded)
	Communes int     // xã, phường, thị trấn (144 in all)
	Hamlets  int     // ấp, khu phố
	Centres  int     // communes with a cultural and sports centre (110 in all)
	Khmer    float64 // share of Khmer people
	// For narratives: what sets the district apart, where children learn
	// to swim, where child labour is found, a local difficulty, and two
	// communes (or wards) where models run.
	Trait, Water, Labour, Hardship string
	Places                         [2]string
}

// districts in the order of the DISTRICT dimension.
var districts = []district{
	{"RACHGIA", 228, 12, 101, 10, 0.05, "là đô thị trung tâm của tỉnh, có đông trẻ em theo cha mẹ từ nơi khác đến sinh sống",
		"tại hồ bơi của Trung tâm Văn hóa - Thể thao thành phố và các trường tiểu học có hồ bơi di động",
		"phụ giúp buôn bán ở chợ và các cơ sở dịch vụ ăn uống", "có nhiều hộ thuê trọ, dân cư biến động lớn nên khó theo dõi trẻ em",
		[2]string{"phường Vĩnh Thanh Vân", "phường An Hòa"}},
	{"HATIEN", 82, 7, 43, 6, 0.06, "là thành phố biên giới giáp Vương quốc Campuchia",
		"tại bãi Mũi Nai và hồ bơi di động đặt ở các trường học",
		"phụ việc ở các cơ sở lưu trú, quán ăn phục vụ khách du lịch", "còn nguy cơ mua bán người và xâm hại trẻ em qua biên giới",
		[2]string{"phường Đông Hồ", "xã Thuận Yên"}},
	{"PHUQUOC", 179, 9, 61, 7, 0.01, "là thành phố đảo, trung tâm du lịch với nhiều lao động nhập cư",
		"tại các bãi biển Dương Đông, An Thới và hồ bơi của các khu nghỉ dưỡng hỗ trợ",
		"bán hàng rong cho khách du lịch và phụ việc ở cơ sở lưu trú", "có đông lao động nhập cư, nhiều trẻ em chưa đăng ký tạm trú",
		[2]string{"phường Dương Đông", "xã Hàm Ninh"}},
	{"KIENLUONG", 78, 8, 48, 6, 0.11, "có nhiều nhà máy xi măng, khai thác đá và đánh bắt thủy sản",
		"tại hồ bơi di động đặt ở thị trấn Kiên Lương và xã Bình An",
		"phụ việc trên ghe đánh bắt thủy sản và ở các lò sấy cá", "có nhiều trẻ em theo cha mẹ đi biển dài ngày, gián đoạn việc học",
		[2]string{"thị trấn Kiên Lương", "xã Hòn Nghệ"}},
	{"HONDAT", 165, 14, 97, 11, 0.16, "vừa có vùng biển vừa có vùng lúa rộng, đồng bào Khmer sống tập trung ở một số xã",
		"tại hồ bơi thị trấn Sóc Sơn và các điểm học bơi trên kênh được rào chắn an toàn",
		"phụ giúp gia đình thu hoạch lúa, đánh bắt ven biển", "có nhiều kênh rạch, dân cư sống phân tán ven kênh nên nguy cơ đuối nước cao",
		[2]string{"thị trấn Sóc Sơn", "xã Bình Sơn"}},
	{"TANHIEP", 142, 11, 76, 9, 0.03, "là vùng trọng điểm lúa, kênh rạch chằng chịt",
		"tại hồ bơi thị trấn Tân Hiệp và ba hồ bơi di động luân chuyển giữa các xã",
		"phụ việc ở các cơ sở xay xát, lò gạch", "có nhiều cha mẹ đi làm ăn xa, để trẻ em ở với ông bà",
		[2]string{"thị trấn Tân Hiệp", "xã Thạnh Đông"}},
	{"CHAUTHANH", 152, 10, 65, 8, 0.25, "có đông đồng bào Khmer, giáp thành phố Rạch Giá",
		"tại hồ bơi thị trấn Minh Lương và các điểm trường có hồ bơi di động",
		"phụ việc ở các cơ sở sản xuất nhỏ và dịch vụ ven quốc lộ", "còn một bộ phận trẻ em Khmer đi học không đều",
		[2]string{"thị trấn Minh Lương", "xã Mong Thọ"}},
	{"GIONGRIENG", 204, 19, 127, 14, 0.12, "là huyện đông dân nhất tỉnh, nhiều xã có đồng bào Khmer",
		"tại các hồ bơi di động luân chuyển giữa 19 xã, thị trấn",
		"phụ giúp gia đình làm ruộng, chăn nuôi vịt chạy đồng", "có đông trẻ em, dân cư phân tán trong khi cán bộ cấp xã kiêm nhiệm nhiều việc",
		[2]string{"xã Thạnh Hưng", "xã Ngọc Chúc"}},
	{"GOQUAO", 131, 11, 76, 8, 0.30, "có tỷ lệ đồng bào Khmer cao nhất tỉnh",
		"tại hồ bơi thị trấn Gò Quao và các điểm học bơi trong khuôn viên chùa Khmer",
		"phụ giúp gia đình làm ruộng và làm thuê theo mùa vụ", "vẫn còn tình trạng tảo hôn ở vùng đồng bào Khmer",
		[2]string{"thị trấn Gò Quao", "xã Định Hòa"}},
	{"ANBIEN", 120, 9, 64, 7, 0.06, "là huyện ven biển thuộc vùng U Minh, nhiều hộ nghèo và cận nghèo",
		"tại hồ bơi thị trấn Thứ Ba và các điểm học bơi ven biển",
		"phụ giúp gia đình nuôi tôm, đánh bắt ven bờ", "có nhiều cha mẹ đi làm công nhân ở các tỉnh miền Đông Nam Bộ, để trẻ em ở với ông bà",
		[2]string{"thị trấn Thứ Ba", "xã Đông Thái"}},
	{"ANMINH", 113, 11, 87, 8, 0.05, "là huyện ven biển, kinh tế chủ yếu dựa vào tôm - lúa",
		"tại hồ bơi di động đặt ở thị trấn Thứ Mười Một và xã Vân Khánh",
		"phụ giúp gia đình nuôi tôm và làm thuê theo mùa vụ", "còn nhiều trẻ em ở với ông bà khi cha mẹ đi làm ăn xa",
		[2]string{"thị trấn Thứ Mười Một", "xã Thuận Hòa"}},
	{"VINHTHUAN", 90, 8, 63, 6, 0.08, "là huyện vùng sâu giáp tỉnh Cà Mau và Bạc Liêu",
		"tại hồ bơi thị trấn Vĩnh Thuận và các điểm học bơi trên kênh được rào chắn",
		"phụ giúp gia đình làm ruộng, nuôi tôm", "giao thông nông thôn còn khó khăn, nhiều trẻ em phải đi học xa",
		[2]string{"thị trấn Vĩnh Thuận", "xã Vĩnh Bình Bắc"}},
	{"KIENHAI", 17, 4, 18, 2, 0.01, "là huyện đảo, các xã cách nhau bằng đường biển",
		"tại các bãi tắm được khoanh vùng ở Hòn Tre, Lại Sơn và Nam Du",
		"phụ giúp gia đình đánh bắt hải sản", "việc đi lại giữa các xã đảo phụ thuộc thời tiết, ít điểm vui chơi cho trẻ em",
		[2]string{"xã Hòn Tre", "xã An Sơn"}},
	{"UMINHTHUONG", 66, 6, 57, 4, 0.07, "là huyện vùng sâu, có Vườn quốc gia U Minh Thượng",
		"tại hồ bơi di động đặt ở xã Thạnh Yên và xã An Minh Bắc",
		"phụ giúp gia đình khai thác thủy sản trên kênh rạch", "còn nhiều hộ nghèo, cơ sở vật chất cho trẻ em vui chơi còn thiếu",
		[2]string{"xã Thạnh Yên", "xã Vĩnh Hòa"}},
	{"GIANGTHANH", 29, 5, 32, 4, 0.20, "là huyện biên giới, có đông đồng bào Khmer",
		"tại hồ bơi di động đặt ở xã Tân Khánh Hòa và các điểm học bơi ven kênh Vĩnh Tế",
		"phụ giúp gia đình làm ruộng, qua lại biên giới làm thuê", "dân cư thưa, giáp biên giới, đi lại khó khăn",
		[2]string{"xã Tân Khánh Hòa", "xã Phú Mỹ"}},
}

// people is a district's children: by sex (M, F) and age group
// (0-<6, 6-<11, 11-<16), and the cohorts other indicators need.
type people struct {
	Children [2][3]int
	Total    int
	Births   int // live births in the year (≈ children under 1)
	Age5     int // children aged 5
	Under5   int
	Under6   int
	Special  int // in special circumstances (BV01 total)
	AtRisk   int // at risk of it (BV03)
	GD01     float64
}

// model is the province as the demo imagines it: one set of figures every
// unit's report is cut from, so local and department reports agree. Its
// areas are Kiên Giang's districts (2024) or An Giang's communes (from
// 2025), in the catalog's order.
type model struct {
	byCode map[string]*people
	order  []string
	// khmer is each area's share of Khmer people (child marriage figures).
	khmer map[string]float64
}

// newModel is Kiên Giang in 2024: its districts' children cut from the
// province's published figures.
func newModel() *model {
	r := rand.New(rand.NewPCG(randomSeed, 1))
	n := len(districts)
	childW, specialW, riskW := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, d := range districts {
		childW[i] = float64(d.Pop) * between(r, 0.95, 1.05)
		specialW[i] = childW[i] * between(r, 0.8, 1.25)
		riskW[i] = childW[i] * between(r, 0.8, 1.25)
	}
	children := apportion(provinceChildren, childW)
	special := apportion(provinceSpecial, specialW)
	risk := apportion(provinceAtRisk, riskW)
	m := &model{byCode: map[string]*people{}, khmer: map[string]float64{}}
	for i, d := range districts {
		p := &people{Total: children[i], Special: special[i], AtRisk: risk[i]}
		ages := apportion(children[i], []float64{0.372 + between(r, -0.01, 0.01), 0.318 + between(r, -0.008, 0.008), 0.310})
		for a, n := range ages {
			p.Children[0][a] = share(n, 0.515+between(r, -0.004, 0.004))
			p.Children[1][a] = n - p.Children[0][a]
		}
		p.Under6 = ages[0]
		p.Age5 = share(p.Under6, between(r, 0.162, 0.168))
		p.Under5 = p.Under6 - p.Age5
		p.Births = share(p.Under6, between(r, 0.163, 0.172))
		p.GD01 = math.Min(1, kindergarten5+between(r, -0.0025, 0.0025))
		m.byCode[d.Code] = p
		m.order = append(m.order, d.Code)
		m.khmer[d.Code] = d.Khmer
	}
	return m
}

// province sums a cohort over the areas.
func (m *model) province(f func(*people) int) int {
	t := 0
	for _, code := range m.order {
		t += f(m.byCode[code])
	}
	return t
}

// between is a uniform number in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// jitter is n scaled by a factor in [lo, hi), rounded.
func jitter(r *rand.Rand, n int, lo, hi float64) int {
	return int(math.Round(float64(n) * between(r, lo, hi)))
}

// share is the part of n for fraction f, rounded, never above n.
func share(n int, f float64) int {
	return max(0, min(n, int(math.Round(float64(n)*f))))
}

// apportion splits total in proportion to weights by largest remainder:
// whole numbers that add up to total exactly.
func apportion(total int, weights []float64) []int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	out := make([]int, len(weights))
	rest := make([]int, len(weights))
	frac := make([]float64, len(weights))
	given := 0
	for i, w := range weights {
		exact := float64(total) * w / sum
		out[i] = int(math.Floor(exact))
		frac[i] = exact - float64(out[i])
		rest[i] = i
		given += out[i]
	}
	sort.SliceStable(rest, func(a, b int) bool { return frac[rest[a]] > frac[rest[b]] })
	for i := 0; given < total; i++ {
		out[rest[i%len(rest)]]++
		given++
	}
	return out
}

// round1 keeps one decimal, as amounts in triệu đồng are written.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
