package catalog

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func loadTimeline(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load(timeline(t), "timeline")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestCatalog_RolesOn(t *testing.T) {
	c := loadTimeline(t)
	tests := []struct {
		day                                   string
		issuer, place, consolidator, firstRcp string
		signer                                string
		citation                              string
	}{
		{"2024-11-05", "CU", "Cũ", "SO1", "Bộ Lao động - Thương binh và Xã hội;", "Nguyễn Văn A",
			"Kế hoạch số 12/KH-UBND ngày 6/5/2024 của Ủy ban nhân dân tỉnh Cũ triển khai thực hiện Chỉ thị số 28-CT/TW"},
		{"2025-03-01", "CU", "Cũ", "SO2", "Bộ Y tế;", "Nguyễn Văn A",
			"Kế hoạch số 12/KH-UBND ngày 6/5/2024 của Ủy ban nhân dân tỉnh Cũ triển khai thực hiện Chỉ thị số 28-CT/TW"},
		{"2025-06-30", "CU", "Cũ", "SO2", "Bộ Y tế;", "Nguyễn Văn A",
			"Kế hoạch số 12/KH-UBND ngày 6/5/2024 của Ủy ban nhân dân tỉnh Cũ triển khai thực hiện Chỉ thị số 28-CT/TW"},
		{"2026-12-02", "MOI", "Mới", "MOI.SO2", "Bộ Y tế;", "",
			"Kế hoạch số 12/KH-UBND ngày 6/5/2024 của Ủy ban nhân dân tỉnh Cũ (nay là tỉnh Mới) triển khai thực hiện Chỉ thị số 28-CT/TW"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			r, err := c.RolesOn(date(tt.day))
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%s %s %s %s %s", r.Issuer.Unit, r.Issuer.Place, r.Consolidator, r.Recipients[0], r.Signer.Name)
			want := fmt.Sprintf("%s %s %s %s %s", tt.issuer, tt.place, tt.consolidator, tt.firstRcp, tt.signer)
			if got != want {
				t.Errorf("roles = %q, want %q", got, want)
			}
			if r.Citation != tt.citation {
				t.Errorf("citation = %q, want %q", r.Citation, tt.citation)
			}
		})
	}
	if _, err := c.RolesOn(date("2023-12-31")); !errors.Is(err, ErrNoRole) {
		t.Errorf("before the first period: err = %v, want ErrNoRole", err)
	}
}

func TestCitationRole_Text(t *testing.T) {
	title := "Kế hoạch triển khai thực hiện Kế hoạch số 211-KH/TU ngày 25/4/2024"
	got := CitationRole{Issuer: "Ủy ban nhân dân tỉnh Kiên Giang (nay là tỉnh An Giang)"}.Text(title)
	want := "Kế hoạch của Ủy ban nhân dân tỉnh Kiên Giang (nay là tỉnh An Giang) triển khai thực hiện Kế hoạch số 211-KH/TU ngày 25/4/2024"
	if got != want {
		t.Errorf("Text without number or date = %q, want %q", got, want)
	}
}

func TestCatalog_RolesOnFormat1(t *testing.T) {
	c, err := Load(minimal(t), "minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2020-01-01", "2024-11-05", "2030-01-01"} {
		r, err := c.RolesOn(date(day))
		if err != nil {
			t.Fatal(err)
		}
		if r.Issuer.Unit != "TINH" || r.Consolidator != "SO1" || r.Signer.Name != "Nguyễn Văn A" || r.Citation != c.Plan.Title ||
			strings.Join(r.Recipients, "|") != "Bộ Y tế;|Lưu: VT." {
			t.Errorf("%s: roles = %+v; a format 1 catalog's roles hold on every day", day, r)
		}
	}
}

func TestCatalog_TimelineReporters(t *testing.T) {
	c := loadTimeline(t)
	tests := []struct {
		start, due  string
		want, ended string
	}{
		{"2024-01-01", "2024-11-10", "SO1 SO2 SO3 H1 H2 SO4", ""},
		{"2025-01-01", "2025-11-10", "MOI.SO2 MOI.SO3 X1 X2 X3 X4 MOI.SO4", "SO1>SO2,SO3 SO2>MOI.SO2 SO3>MOI.SO3 H1>X1,X2 H2>X2,X3 SO4>MOI.SO4"},
		{"2026-01-01", "2026-11-10", "MOI.SO2 MOI.SO3 X1 X2 X3 X4 MOI.SO4", ""},
	}
	for _, tt := range tests {
		exp, ended := c.Reporters(RoundAnnual, date(tt.start), date(tt.due))
		var got, gone []string
		for _, e := range exp {
			got = append(got, e.Unit.Code)
		}
		for _, e := range ended {
			var next []string
			for _, l := range e.Successors {
				next = append(next, l.Code)
			}
			gone = append(gone, e.Unit.Code+">"+strings.Join(next, ","))
		}
		if strings.Join(got, " ") != tt.want || strings.Join(gone, " ") != tt.ended {
			t.Errorf("due %s: expected %q, ended %q; want %q and %q", tt.due, got, gone, tt.want, tt.ended)
		}
	}
	if p, ok := c.ProvinceOn(date("2025-07-01")); !ok || p.Code != "MOI" {
		t.Errorf("province on 2025-07-01 = %v, %v", p.Code, ok)
	}
	if p, ok := c.ProvinceOn(date("2025-06-30")); !ok || p.Code != "CU" {
		t.Errorf("province on 2025-06-30 = %v, %v", p.Code, ok)
	}
}

func TestCatalog_LineageOf(t *testing.T) {
	c := loadTimeline(t)
	in2024 := func(code string) bool { return strings.Contains(" SO1 SO2 SO3 SO4 H1 H2 ", " "+code+" ") }
	tests := []struct {
		unit, want, split, reached string
	}{
		{"X1", "H1×0.6", "", "H1"},
		{"X2", "", "H2", "H1 H2"}, // 0.4 of H1 and an unshared part of H2: only the province compares
		{"X3", "", "H2", "H2"},
		{"X4", "", "", ""}, // no predecessor: nothing to compare with
		// A department that took over two: its predecessor, and the one
		// merged into that after the 2024 round (SO1's share to SO3 is 0).
		{"MOI.SO2", "SO2×1 SO1×1", "", "SO2 SO1"},
		{"MOI.SO3", "SO3×1", "", "SO3"},
		{"MOI.SO4", "", "", "SO4"},            // it also covers ground that never reported
		{"SO2", "SO2×1 SO1×1", "", "SO2 SO1"}, // itself, and SO1 it absorbed after that round
	}
	for _, tt := range tests {
		l := c.LineageOf(tt.unit, date("2024-11-10"), in2024)
		var got []string
		for _, s := range l.Sources {
			got = append(got, fmt.Sprintf("%s×%g", s.Unit, s.Share))
		}
		if strings.Join(got, " ") != tt.want || l.Split != tt.split || strings.Join(l.Reached, " ") != tt.reached {
			t.Errorf("%s: sources %q split %q reached %q; want %q, %q and %q", tt.unit, got, l.Split, l.Reached, tt.want, tt.split, tt.reached)
		}
	}
	if l := c.LineageOf("MOI.SO4", date("2024-11-10"), in2024); l.AlsoCovers != "địa bàn tỉnh Khác (cũ)" {
		t.Errorf("MOI.SO4 since 2024: also covers %q", l.AlsoCovers)
	}
	// Once the unit reported itself, its figures cover that ground too.
	l := c.LineageOf("MOI.SO4", date("2025-11-10"), func(code string) bool { return code == "MOI.SO4" })
	if l.AlsoCovers != "" || len(l.Sources) != 1 || l.Sources[0].Unit != "MOI.SO4" {
		t.Errorf("MOI.SO4 since 2025: %+v, want itself", l)
	}
	// A predecessor gone before the earlier round was counted there.
	l = c.LineageOf("MOI.SO2", date("2025-03-15"), func(code string) bool { return code == "SO2" })
	if len(l.Sources) != 1 || l.Sources[0].Unit != "SO2" {
		t.Errorf("since after SO1 ended: %+v, want SO2 alone", l)
	}
	if got := strings.Join(c.Ancestors("X2"), " "); got != "X2 H1 H2" {
		t.Errorf("Ancestors(X2) = %q", got)
	}
}

func TestLoad_BrokenTimelines(t *testing.T) {
	runBroken(t, timeline, "timeline", []brokenCase{
		{
			name: "successor not in force the day after", file: "units.yaml",
			old: "    valid_to: 2025-06-30\n    successors:\n      - code: X1", new: "    valid_to: 2025-05-31\n    successors:\n      - code: X1",
			want: []string{
				"timeline/units.yaml:48: đơn vị kế thừa \"X1\" không còn hiệu lực vào ngày 2025-06-01, ngày sau khi \"H1\" chấm dứt",
				"timeline/units.yaml:50: đơn vị kế thừa \"X2\" không còn hiệu lực vào ngày 2025-06-01, ngày sau khi \"H1\" chấm dứt",
			},
		},
		{
			name: "shares above the whole", file: "units.yaml",
			old: "        share: 0.4\n", new: "        share: 0.5\n",
			want: []string{"timeline/units.yaml:47: tổng share của các đơn vị kế thừa \"H1\" là 1.1, lớn hơn 1"},
		},
		{
			name: "share out of range", file: "units.yaml",
			old: "        share: 0.6\n", new: "        share: 60\n",
			want: []string{"timeline/units.yaml:49: share 60 phải từ 0 đến 1 (phần trẻ em của đơn vị cũ do đơn vị kế thừa tiếp nhận)"},
		},
		{
			name: "a cycle of successors", file: "units.yaml",
			old: "    successors: [{code: MOI.SO3}]\n", new: "    successors: [{code: MOI.SO3}, {code: SO1}]\n",
			want: []string{
				"timeline/units.yaml:21: quan hệ kế thừa của đơn vị \"SO1\" tạo thành vòng lặp",
				"timeline/units.yaml:39: đơn vị kế thừa \"SO1\" không còn hiệu lực vào ngày 2025-07-01, ngày sau khi \"SO3\" chấm dứt",
				"timeline/units.yaml:39: quan hệ kế thừa của đơn vị \"SO3\" tạo thành vòng lặp",
			},
		},
		{
			name: "overlapping provinces", file: "units.yaml",
			old: "    short: UBND tỉnh Mới\n    kind: province\n    valid_from: 2025-07-01\n", new: "    short: UBND tỉnh Mới\n    kind: province\n    valid_from: 2025-06-01\n",
			want: []string{
				"timeline/units.yaml:13: tỉnh \"MOI\" có hiệu lực chồng lên tỉnh \"CU\" (dòng 2): mỗi ngày chỉ có một tỉnh",
			},
		},
		{
			name: "a gap between provinces", file: "units.yaml",
			old: "    short: UBND tỉnh Mới\n    kind: province\n    valid_from: 2025-07-01\n", new: "    short: UBND tỉnh Mới\n    kind: province\n    valid_from: 2025-08-01\n",
			want: []string{
				"timeline/plan.yaml:43: đơn vị \"MOI\" không có hiệu lực trong suốt giai đoạn từ 2025-07-01",
				"timeline/units.yaml:8: đơn vị kế thừa \"MOI\" không còn hiệu lực vào ngày 2025-07-01, ngày sau khi \"CU\" chấm dứt",
				"timeline/units.yaml:13: không có tỉnh nào có hiệu lực từ 2025-07-01 đến 2025-07-31: tỉnh sau phải bắt đầu ngay sau ngày tỉnh trước chấm dứt",
				"timeline/units.yaml:64: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"MOI.SO2\" (từ 2025-07-01)",
				"timeline/units.yaml:70: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"MOI.SO3\" (từ 2025-07-01)",
				"timeline/units.yaml:76: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"X1\" (từ 2025-07-01)",
				"timeline/units.yaml:82: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"X2\" (từ 2025-07-01)",
				"timeline/units.yaml:88: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"X3\" (từ 2025-07-01)",
				"timeline/units.yaml:94: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"X4\" (từ 2025-07-01)",
				"timeline/units.yaml:110: đơn vị cha \"MOI\" không có hiệu lực trong suốt thời gian của \"MOI.SO4\" (từ 2025-07-01)",
			},
		},
		{
			name: "a parent that ends before its unit", file: "units.yaml",
			old: "    short: Xã Bốn\n    kind: commune\n    parent: MOI\n", new: "    short: Xã Bốn\n    kind: commune\n    parent: CU\n",
			want: []string{"timeline/units.yaml:94: đơn vị cha \"CU\" không có hiệu lực trong suốt thời gian của \"X4\" (từ 2025-07-01)"},
		},
		{
			name: "format 1 keys in format 2", file: "plan.yaml",
			old: "issuer: Ủy ban nhân dân tỉnh Cũ\n", new: "issuer: Ủy ban nhân dân tỉnh Cũ\nprovince: CU\nconsolidator: SO1\n",
			want: []string{
				"timeline/plan.yaml:8: khóa \"province\" thuộc định dạng 1; định dạng 2 dùng các đơn vị kind: province nối tiếp nhau trong units.yaml",
				"timeline/plan.yaml:9: khóa \"consolidator\" thuộc định dạng 1; định dạng 2 dùng roles.consolidator",
			},
		},
		{
			name: "overlapping roles", file: "plan.yaml",
			old: "    - {from: 2025-03-01, to: 2025-06-30, unit: SO2}", new: "    - {from: 2025-02-01, to: 2025-06-30, unit: SO2}",
			want: []string{"timeline/plan.yaml:49: roles.consolidator: giai đoạn bắt đầu 2025-02-01 chồng lên giai đoạn trước"},
		},
		{
			name: "a gap in the recipients", file: "plan.yaml",
			old: "    - from: 2025-03-01\n      lines:", new: "    - from: 2025-04-01\n      lines:",
			want: []string{"timeline/plan.yaml:55: roles.recipients: không có ai đảm nhận từ 2025-03-01 đến 2025-03-31; giai đoạn sau phải bắt đầu ngay sau ngày giai đoạn trước kết thúc"},
		},
		{
			name: "a department as issuer", file: "plan.yaml",
			old: "      unit: MOI\n", new: "      unit: MOI.SO2\n",
			want: []string{"timeline/plan.yaml:43: đơn vị tỉnh \"MOI.SO2\" phải có kind: province"},
		},
		{
			name: "no roles", file: "plan.yaml",
			old: "roles:\n", new: "unused:\n",
			want: []string{
				"timeline/plan.yaml:4: thiếu roles",
				"timeline/plan.yaml:34: khóa \"unused\" không có trong định dạng danh mục",
			},
		},
		{
			name: "format 1 issuer in report.yaml", file: "report.yaml",
			old: "title: BÁO CÁO\n", new: "title: BÁO CÁO\nrecipients: [Bộ Y tế]\n",
			want: []string{"timeline/report.yaml:3: khóa \"recipients\" thuộc định dạng 1; định dạng 2 dùng roles.recipients (plan.yaml)"},
		},
		{
			name: "unknown format", file: "plan.yaml",
			old: "format: 2\n", new: "format: 3\n",
			want: []string{"timeline/plan.yaml:4: format 3 không hợp lệ; dùng 1 (mặc định) hoặc 2"},
		},
	})
	fsys := minimal(t)
	fsys["units.yaml"].Data = []byte(strings.Replace(string(fsys["units.yaml"].Data), "    successor: SO2\n", "    successors: [{code: SO2}]\n", 1))
	if _, err := Load(fsys, "minimal"); err == nil || !strings.Contains(err.Error(), "minimal/units.yaml:15: khóa \"successors\" chỉ dùng trong định dạng 2") {
		t.Errorf("successors in format 1: %v", err)
	}
	fsys = minimal(t)
	fsys["units.yaml"].Data = []byte(strings.Replace(string(fsys["units.yaml"].Data), "    successor: SO2\n", "    successor: SO2\n    also_covers: địa bàn cũ\n", 1))
	if _, err := Load(fsys, "minimal"); err == nil || !strings.Contains(err.Error(), "minimal/units.yaml:16: khóa \"also_covers\" chỉ dùng trong định dạng 2") {
		t.Errorf("also_covers in format 1: %v", err)
	}
}
