package synth

import (
	"math/rand/v2"

	"baocao/internal/demo"
)

// province is one of Vietnam's 34 provinces and centrally run cities after
// the 2025 reorganisation, as the generator needs it. Population and
// commune counts are rounded public figures of 2025, used as weights: how
// a national data set's communes and children are shared out.
type province struct {
	Code  string // prefix of its communes' unit codes
	Name  string // "Đồng Tháp"
	City  bool   // a centrally run city (thành phố), not a tỉnh
	Short string // in a commune's short name: "Xã Tân Phú (Đồng Tháp)"
	Slug  string // e-mail domain: slug.gov.vn
	// Pop is the population in thousands; Communes the number of
	// commune-level units; ChildShare the share of children under 16.
	Pop, Communes int
	ChildShare    float64
	// Hamlet and Block are what a commune's and a ward's neighbourhoods
	// are called there (ấp, thôn, bản, buôn; khu phố, tổ dân phố, khóm).
	Hamlet, Block string
	// WardShare is the share of wards (phường) among its communes.
	WardShare float64
}

// home is the commune-level area the "communes" size adds: the former An
// Giang province, which with Kiên Giang forms the new An Giang from
// 01/7/2025. The seed catalog's districts cover Kiên Giang, so communes of
// the former An Giang add territory without counting anyone twice.
var home = province{Code: "ANGIANG", Name: "An Giang", Short: "An Giang", Slug: "angiang",
	Pop: 1_910, Communes: 156, ChildShare: 0.22, Hamlet: "ấp", Block: "khóm", WardShare: 0.16}

// others are the other 33 provinces and cities, whose communes the
// "national" size adds as if the whole country reported to one body.
var others = []province{
	{"HANOI", "Hà Nội", true, "Hà Nội", "hanoi", 8_720, 126, 0.22, "thôn", "tổ dân phố", 0.41},
	{"HUE", "Huế", true, "Huế", "hue", 1_440, 40, 0.22, "thôn", "tổ dân phố", 0.53},
	{"LAICHAU", "Lai Châu", false, "Lai Châu", "laichau", 480, 38, 0.32, "bản", "tổ dân phố", 0.05},
	{"DIENBIEN", "Điện Biên", false, "Điện Biên", "dienbien", 640, 45, 0.32, "bản", "tổ dân phố", 0.07},
	{"SONLA", "Sơn La", false, "Sơn La", "sonla", 1_300, 75, 0.30, "bản", "tổ dân phố", 0.11},
	{"LANGSON", "Lạng Sơn", false, "Lạng Sơn", "langson", 800, 65, 0.26, "thôn", "khối", 0.06},
	{"QUANGNINH", "Quảng Ninh", false, "Quảng Ninh", "quangninh", 1_360, 54, 0.24, "thôn", "khu phố", 0.56},
	{"THANHHOA", "Thanh Hóa", false, "Thanh Hóa", "thanhhoa", 3_760, 166, 0.25, "thôn", "tổ dân phố", 0.11},
	{"NGHEAN", "Nghệ An", false, "Nghệ An", "nghean", 3_470, 130, 0.26, "xóm", "khối", 0.09},
	{"HATINH", "Hà Tĩnh", false, "Hà Tĩnh", "hatinh", 1_320, 69, 0.25, "thôn", "tổ dân phố", 0.13},
	{"CAOBANG", "Cao Bằng", false, "Cao Bằng", "caobang", 550, 56, 0.28, "xóm", "tổ dân phố", 0.05},
	{"TUYENQUANG", "Tuyên Quang", false, "Tuyên Quang", "tuyenquang", 1_860, 124, 0.28, "thôn", "tổ dân phố", 0.06},
	{"LAOCAI", "Lào Cai", false, "Lào Cai", "laocai", 1_780, 99, 0.29, "thôn", "tổ dân phố", 0.10},
	{"THAINGUYEN", "Thái Nguyên", false, "Thái Nguyên", "thainguyen", 1_800, 92, 0.24, "xóm", "tổ dân phố", 0.16},
	{"PHUTHO", "Phú Thọ", false, "Phú Thọ", "phutho", 4_020, 148, 0.25, "khu", "tổ dân phố", 0.14},
	{"BACNINH", "Bắc Ninh", false, "Bắc Ninh", "bacninh", 3_620, 99, 0.24, "thôn", "khu phố", 0.34},
	{"HUNGYEN", "Hưng Yên", false, "Hưng Yên", "hungyen", 3_570, 104, 0.23, "thôn", "tổ dân phố", 0.11},
	{"HAIPHONG", "Hải Phòng", true, "Hải Phòng", "haiphong", 4_660, 114, 0.23, "thôn", "tổ dân phố", 0.40},
	{"NINHBINH", "Ninh Bình", false, "Ninh Bình", "ninhbinh", 4_410, 129, 0.23, "thôn", "tổ dân phố", 0.25},
	{"QUANGTRI", "Quảng Trị", false, "Quảng Trị", "quangtri", 1_870, 78, 0.25, "thôn", "khu phố", 0.10},
	{"DANANG", "Đà Nẵng", true, "Đà Nẵng", "danang", 3_070, 94, 0.23, "thôn", "tổ dân phố", 0.25},
	{"QUANGNGAI", "Quảng Ngãi", false, "Quảng Ngãi", "quangngai", 2_160, 96, 0.25, "thôn", "tổ dân phố", 0.09},
	{"GIALAI", "Gia Lai", false, "Gia Lai", "gialai", 3_580, 135, 0.27, "làng", "tổ dân phố", 0.19},
	{"KHANHHOA", "Khánh Hòa", false, "Khánh Hòa", "khanhhoa", 2_240, 65, 0.24, "thôn", "tổ dân phố", 0.25},
	{"LAMDONG", "Lâm Đồng", false, "Lâm Đồng", "lamdong", 3_870, 124, 0.26, "thôn", "tổ dân phố", 0.16},
	{"DAKLAK", "Đắk Lắk", false, "Đắk Lắk", "daklak", 3_350, 102, 0.27, "buôn", "tổ dân phố", 0.14},
	{"HOCHIMINH", "Hồ Chí Minh", true, "TP. Hồ Chí Minh", "hochiminh", 14_000, 168, 0.20, "ấp", "khu phố", 0.67},
	{"DONGNAI", "Đồng Nai", false, "Đồng Nai", "dongnai", 4_490, 95, 0.22, "ấp", "khu phố", 0.24},
	{"TAYNINH", "Tây Ninh", false, "Tây Ninh", "tayninh", 3_250, 96, 0.22, "ấp", "khu phố", 0.15},
	{"CANTHO", "Cần Thơ", true, "Cần Thơ", "cantho", 4_200, 103, 0.21, "ấp", "khu vực", 0.31},
	{"VINHLONG", "Vĩnh Long", false, "Vĩnh Long", "vinhlong", 4_260, 124, 0.21, "ấp", "khóm", 0.15},
	{"DONGTHAP", "Đồng Tháp", false, "Đồng Tháp", "dongthap", 4_370, 102, 0.21, "ấp", "khóm", 0.20},
	{"CAMAU", "Cà Mau", false, "Cà Mau", "camau", 2_610, 64, 0.22, "ấp", "khóm", 0.14},
}

// full is "tỉnh Đồng Tháp" or "thành phố Hà Nội".
func (p province) full() string {
	if p.City {
		return "thành phố " + p.Name
	}
	return "tỉnh " + p.Name
}

// uniqueName is a demo.PlaceName not in taken, which it then holds.
func uniqueName(r *rand.Rand, taken map[string]bool) string {
	for {
		if n := demo.PlaceName(r); !taken[n] {
			taken[n] = true
			return n
		}
	}
}
