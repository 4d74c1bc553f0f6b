package catalog

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// Each broken catalog is the minimal one with one edit; the test names the
// exact problems expected, so a changed message is a deliberate change.
func TestLoad_BrokenCatalogs(t *testing.T) {
	runBroken(t, minimal, "minimal", []brokenCase{
		{
			name: "broken YAML", file: "units.yaml",
			old: "    short: Sở 2\n", new: "    short: [Sở 2\n",
			want: []string{"minimal/units.yaml:17: YAML không hợp lệ: did not find expected ',' or ']'"},
		},
		{
			name: "duplicate unit code", file: "units.yaml",
			old: "  - code: SO2\n", new: "  - code: SO1\n",
			// Every place that named the vanished SO2 is reported too.
			want: []string{
				"minimal/units.yaml:15: đơn vị \"SO2\" không tồn tại",
				"minimal/units.yaml:16: mã đơn vị \"SO1\" bị trùng (đã dùng ở dòng 7)",
				"minimal/indicators.yaml:64: đơn vị \"SO2\" không tồn tại",
				"minimal/indicators.yaml:81: đơn vị \"SO2\" không tồn tại",
				"minimal/forms.yaml:5: đơn vị \"SO2\" không tồn tại",
			},
		},
		{
			name: "unknown parent", file: "units.yaml",
			old: "    parent: TINH\n    valid_from: 2024-01-01\n    valid_to: 2025-06-30", new: "    parent: TINHX\n    valid_from: 2024-01-01\n    valid_to: 2025-06-30",
			want: []string{"minimal/units.yaml:26: đơn vị \"TINHX\" không tồn tại"},
		},
		{
			name: "bad date and reversed period", file: "units.yaml",
			old: "    valid_from: 2024-01-01\n    valid_to: 2025-06-30", new: "    valid_from: 2025-07-01\n    valid_to: 2025-06-30",
			want: []string{"minimal/units.yaml:28: valid_from 2025-07-01 sau valid_to 2025-06-30"},
		},
		{
			name: "impossible date", file: "plan.yaml",
			old: "issued: 2023-12-25", new: "issued: 2023-02-30",
			want: []string{"minimal/plan.yaml:12: issued \"2023-02-30\" không phải ngày hợp lệ dạng YYYY-MM-DD"},
		},
		{
			name: "unknown key", file: "indicators.yaml",
			old: "    change_warning: 0.5\n", new: "    change_warnings: 0.5\n",
			want: []string{"minimal/indicators.yaml:37: khóa \"change_warnings\" không có trong định dạng danh mục"},
		},
		{
			name: "unknown dimension", file: "indicators.yaml",
			old: "    dimensions: [FORM]\n", new: "    dimensions: [FORMS]\n",
			want: []string{"minimal/indicators.yaml:59: phân tổ \"FORMS\" không tồn tại"},
		},
		{
			name: "derived total over a non-partition", file: "indicators.yaml",
			old: "    total: entered\n", new: "    total: derived\n",
			want: []string{"minimal/indicators.yaml:60: total: derived chỉ dùng được khi mọi phân tổ đều là phân tổ đầy đủ (partition: true); phân tổ \"FORM\" không phải"},
		},
		{
			name: "bounds reversed", file: "indicators.yaml",
			old: "      min: 0\n      max: 10000\n", new: "      min: 500\n      max: 10\n",
			want: []string{"minimal/indicators.yaml:35: bounds.min 500 lớn hơn bounds.max 10"},
		},
		{
			name: "rate without its parts", file: "indicators.yaml",
			old: "    rate:\n      numerator: Số trẻ 5 tuổi đi học mẫu giáo\n      denominator: Tổng số trẻ 5 tuổi\n      scale: 100\n", new: "",
			want: []string{"minimal/indicators.yaml:65: chỉ tiêu tỷ lệ (value_type: rate) phải có rate với numerator, denominator và scale"},
		},
		{
			name: "aggregation that does not fit", file: "indicators.yaml",
			old: "    aggregation: ratio\n", new: "    aggregation: sum\n",
			want: []string{"minimal/indicators.yaml:78: aggregation \"sum\" không phù hợp với value_type \"rate\"; dùng \"ratio\""},
		},
		{
			name: "rule over indicators with other dimensions", file: "indicators.yaml",
			old: "    parts: [BV02]\n", new: "    parts: [BV03]\n",
			want: []string{"minimal/indicators.yaml:86: chỉ tiêu \"BV03\" phải có cùng phân tổ với \"BV01\" (SEX) để so sánh từng ô"},
		},
		{
			name: "form names an unknown indicator and narrative", file: "forms.yaml",
			old: "    indicators: [BV01, BV02]\n    narratives: [KQ-II.1]\n", new: "    indicators: [BV01, BV09]\n    narratives: [KQ-II.9]\n",
			want: []string{
				"minimal/forms.yaml:14: chỉ tiêu \"BV09\" không tồn tại",
				"minimal/forms.yaml:15: phần báo cáo \"KQ-II.9\" không tồn tại",
			},
		},
		{
			name: "form for a unit that had ended", file: "forms.yaml",
			old: "    unit_kinds: [district]\n    valid_from: 2024-01-01\n", new: "    units: [HUYEN1]\n    valid_from: 2025-07-01\n",
			want: []string{"minimal/forms.yaml:12: đơn vị \"HUYEN1\" không còn hiệu lực trong thời gian áp dụng biểu mẫu"},
		},
		{
			name: "two forms for one unit", file: "forms.yaml",
			old: "    unit_kinds: [district]\n", new: "    unit_kinds: [district]\n    units: [SO2]\n",
			want: []string{"minimal/forms.yaml:9: đơn vị \"SO2\" có hai biểu mẫu cho kỳ annual: \"BM-SO\" (dòng 2) và \"BM-HUYEN\" (dòng 9)"},
		},
		{
			name: "cut-off without a working day before the deadline", file: "schedules.yaml",
			old: "  cutoff: \"10-31\"\n", new: "  cutoff: \"11-09\"\n",
			want: []string{"minimal/schedules.yaml:6: giữa ngày chốt số liệu (11-09) và hạn nộp (11-10) phải có ít nhất một ngày làm việc (Nghị định 09/2019/NĐ-CP), năm 2024 thì không"},
		},
		{
			name: "bad month-day and time", file: "schedules.yaml",
			old: "  due: \"11-10\"\n  due_time: \"00:00\"\n", new: "  due: \"11-31\"\n  due_time: \"24:00\"\n",
			want: []string{
				"minimal/schedules.yaml:7: due \"11-31\" không hợp lệ; dùng dạng MM-DD",
				"minimal/schedules.yaml:8: due_time \"24:00\" không hợp lệ; dùng dạng HH:MM",
			},
		},
		{
			name: "parent cycle", file: "units.yaml",
			old: "    parent: TINH\n    valid_from: 2024-01-01\n  - code: HUYEN1", new: "    parent: SO2\n    valid_from: 2024-01-01\n  - code: HUYEN1",
			want: []string{"minimal/units.yaml:20: quan hệ cha - con của đơn vị \"SO2\" tạo thành vòng lặp"},
		},
		{
			name: "self-referencing alias", file: "report.yaml",
			old: "sections:\n  - code: I\n", new: "sections: &top\n  - code: I\n    sections: *top\n",
			want: []string{"minimal/report.yaml:12: không dùng bí danh YAML (*alias) trong danh mục: hãy viết đầy đủ giá trị"},
		},
		{
			name: "NaN", file: "indicators.yaml",
			old: "      max: 10000\n", new: "      max: .nan\n",
			want: []string{"minimal/indicators.yaml:36: cần một số, nhận được \".nan\""},
		},
		{
			name: "null unit", file: "units.yaml",
			old: "units:\n", new: "units:\n  - ~\n",
			want: []string{"minimal/units.yaml:2: mục rỗng"},
		},
		{
			name: "host time zone", file: "schedules.yaml",
			old: "timezone: Asia/Ho_Chi_Minh", new: "timezone: Local",
			want: []string{"minimal/schedules.yaml:1: múi giờ \"Local\" không hợp lệ; dùng tên múi giờ IANA như Asia/Ho_Chi_Minh"},
		},
		{
			name: "missing file", file: "report.yaml", removeOld: true,
			want: []string{"minimal/report.yaml:1: thiếu tệp report.yaml trong thư mục danh mục"},
		},
		{
			name: "narrative never reported", file: "report.yaml",
			old: "    narratives: [KIEN-NGHI]\n", new: "",
			want: []string{"minimal/plan.yaml:22: phần báo cáo \"KIEN-NGHI\" không được đưa vào mục nào của báo cáo tổng hợp (report.yaml)"},
		},
	})
}

// brokenCase is a catalog folder with one edit and the problems expected.
type brokenCase struct {
	name      string
	file      string
	old, new  string
	want      []string
	removeOld bool
}

// runBroken loads each case's edit of the folder base reads (named dir in
// messages) and compares the problems with the expected ones, exactly.
func runBroken(t *testing.T, base func(*testing.T) fstest.MapFS, dir string, tests []brokenCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := base(t)
			if tt.removeOld {
				delete(fsys, tt.file)
			} else {
				text := string(fsys[tt.file].Data)
				if !strings.Contains(text, tt.old) {
					t.Fatalf("the %s %s does not contain %q", dir, tt.file, tt.old)
				}
				fsys[tt.file].Data = []byte(strings.Replace(text, tt.old, tt.new, 1))
			}
			c, err := Load(fsys, dir)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			var problems Problems
			if !errors.As(err, &problems) {
				t.Fatalf("Load returned %v (catalog %v), want Problems", err, c != nil)
			}
			if c != nil {
				t.Fatal("a broken catalog was returned")
			}
			got := strings.Split(problems.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
