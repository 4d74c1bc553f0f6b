package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"baocao/internal/consolidate"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/submission"
)

// fixture is the demo province's snapshot, rendered once for all tests.
var fixture struct {
	once sync.Once
	snap *consolidate.Snapshot
	path string
	err  error
}

var demoMeta = consolidate.Meta{
	Number: 7,
	// 23:30 UTC on 4 November is 5 November in Kiên Giang.
	Date:   time.Date(2025, 11, 4, 23, 30, 0, 0, time.UTC),
	Issued: true,
	Roles:  consolidatetest.KienGiangRoles(),
}

func loadSnapshot(t *testing.T) *consolidate.Snapshot {
	return consolidatetest.DemoSnapshot(t)
}

// rendered renders the fixture into a file shared by the tests; set
// BAOCAO_PDF_OUT to keep a copy for looking at.
func rendered(t *testing.T) (*consolidate.Snapshot, string) {
	t.Helper()
	fixture.once.Do(func() {
		fixture.snap = loadSnapshot(t)
		out, err := Render(fixture.snap, demoMeta)
		if err != nil {
			fixture.err = err
			return
		}
		dir, err := os.MkdirTemp("", "baocao-pdf")
		if err != nil {
			fixture.err = err
			return
		}
		fixture.path = filepath.Join(dir, "report.pdf")
		fixture.err = os.WriteFile(fixture.path, out, 0o644)
		if keep := os.Getenv("BAOCAO_PDF_OUT"); keep != "" && fixture.err == nil {
			fixture.err = os.WriteFile(keep, out, 0o644)
		}
	})
	if fixture.err != nil {
		t.Fatalf("render fixture: %v", fixture.err)
	}
	return fixture.snap, fixture.path
}

// tool runs a poppler utility; the tests need poppler-utils installed.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found: install poppler-utils to run the PDF tests", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// squash folds runs of blanks so phrases match across layout spacing.
func squash(s string) string {
	return regexp.MustCompile(`[ \t]+`).ReplaceAllString(s, " ")
}

func TestRender_HeaderAndClosing(t *testing.T) {
	_, path := rendered(t)
	text := squash(tool(t, "pdftotext", "-layout", path, "-"))
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"ỦY BAN NHÂN DÂN",
		"TỈNH KIÊN GIANG",
		"Số: 07/BC-UBND",
		"Kiên Giang, ngày 05 tháng 11 năm 2025",
		"BÁO CÁO",
		"I. KẾT QUẢ THỰC HIỆN",
		"IV. KIẾN NGHỊ, ĐỀ XUẤT",
		"có 22/31 đơn vị gửi báo cáo (18 đúng hạn, 4 muộn hạn)",
		"Nơi nhận:",
		"- Lưu: VT.",
		"TM. ỦY BAN NHÂN DÂN",
		demoMeta.Roles.Signer.Name,
		"Phụ lục I",
		"Phụ lục II",
		"Phụ lục III",
		"TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ",
		"(Kèm theo Báo cáo số 07/BC-UBND ngày 05/11/2025 của Ủy ban nhân dân tỉnh Kiên Giang)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(text, msgDraft) {
		t.Errorf("final report marked %q", msgDraft)
	}
}

func TestRender_GoldenFigures(t *testing.T) {
	s, path := rendered(t)
	text := tool(t, "pdftotext", "-layout", path, "-")

	// TQ01: the derived total is the sum of its breakdown cells.
	sum := 0.0
	for _, c := range s.CellsOf("TQ01") {
		if len(c.Disaggregation) > 0 && c.Total != nil && c.Total.Number != nil {
			sum += *c.Total.Number
		}
	}
	// GD01: the rate of the summed parts, never an average of rates.
	var num, den float64
	for _, c := range s.CellsOf("GD01") {
		if len(c.Disaggregation) > 0 && c.Total != nil {
			num += *c.Total.Num
			den += *c.Total.Den
		}
	}
	for _, want := range []string{
		submission.Format(sum),     // 360.119
		fixed2(num/den*100) + "%",  // 99,61%
		fixed2(96.0/122*100) + "%", // QT03 against its target
		"Đúng hạn", "Chưa gửi", "Trả lại",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if sum == 0 || den == 0 {
		t.Fatalf("fixture has no TQ01 or GD01 parts")
	}
}

func TestRender_PageAndFonts(t *testing.T) {
	_, path := rendered(t)
	info := tool(t, "pdfinfo", path)
	if !regexp.MustCompile(`Page size:\s+595\.\d+ x 841\.\d+ pts`).MatchString(info) {
		t.Errorf("first page is not A4 portrait:\n%s", info)
	}
	for _, want := range []string{"Creator:         baocao", "Title:", "BÁO CÁO"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	fonts := tool(t, "pdffonts", path)
	embedded := 0
	for _, l := range strings.Split(fonts, "\n") {
		if !strings.Contains(strings.ToLower(l), "liberationserif") {
			continue
		}
		f := strings.Fields(l)
		if len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
		embedded++
	}
	if embedded == 0 {
		t.Errorf("no Liberation Serif font in:\n%s", fonts)
	}
}

func TestRender_PageNumbers(t *testing.T) {
	_, path := rendered(t)
	first := strings.TrimSpace(tool(t, "pdftotext", "-layout", "-f", "1", "-l", "1", path, "-"))
	if regexp.MustCompile(`^\d+\s*\n`).MatchString(first) {
		t.Errorf("page 1 starts with a page number: %.60q", first)
	}
	for _, p := range []string{"2", "3"} {
		page := strings.TrimSpace(tool(t, "pdftotext", "-layout", "-f", p, "-l", p, path, "-"))
		if got, _, _ := strings.Cut(page, "\n"); strings.TrimSpace(got) != p {
			t.Errorf("page %s starts with %q, want its number", p, got)
		}
	}
	// Each appendix numbers its own pages ("Phụ lục III - trang 2/2"),
	// through the merged landscape and portrait parts.
	n := pageCount(t, path)
	last := strings.TrimSpace(tool(t, "pdftotext", "-layout", "-f", n, "-l", n, path, "-"))
	got, _, _ := strings.Cut(last, "\n")
	if m := regexp.MustCompile(`^Phụ lục [IVX]+ - trang (\d+)/(\d+)$`).FindStringSubmatch(strings.TrimSpace(got)); m == nil || m[1] != m[2] {
		t.Errorf("last page starts with %q, want the last page of an appendix", got)
	}
}

func pageCount(t *testing.T, path string) string {
	t.Helper()
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(tool(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo shows no page count")
	}
	return m[1]
}

func TestRender_Draft(t *testing.T) {
	s := loadSnapshot(t)
	out, err := Render(s, consolidate.Meta{Number: 12, Date: demoMeta.Date, Roles: demoMeta.Roles})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	path := filepath.Join(t.TempDir(), "draft.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	text := tool(t, "pdftotext", "-layout", "-f", "1", "-l", "1", path, "-")
	for _, want := range []string{msgDraft, "Số: 12/BC-UBND"} {
		if !strings.Contains(text, want) {
			t.Errorf("draft page 1 lacks %q", want)
		}
	}
}
