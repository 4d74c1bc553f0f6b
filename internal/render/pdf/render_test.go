package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"baocao/internal/catalog"
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
	Signature: &consolidate.SignatureMark{
		Agency:       "Ủy ban nhân dân tỉnh Kiên Giang",
		NumberSymbol: "07/BC-UBND",
		SignedAt:     time.Date(2025, 11, 5, 13, 15, 3, 0, time.UTC), // 20:15:03 in Vietnam
		SignerImage:  testPNG(300, 120, color.NRGBA{0x10, 0x20, 0x80, 0xff}),
		SealImage:    testPNG(200, 200, color.NRGBA{0xd0, 0x10, 0x10, 0xc0}),
	},
	Roles: consolidatetest.KienGiangRoles(),
}

const demoSignedAt = "2025-11-05T20:15:03+07:00"

// testPNG is a w×h picture: a filled disc of c on a transparent ground.
func testPNG(w, h int, c color.NRGBA) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			dx, dy := float64(2*x-w)/float64(w), float64(2*y-h)/float64(h)
			if dx*dx+dy*dy <= 1 {
				img.SetNRGBA(x, y, c)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
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

// A draft says so, on page 1 and at the signature, and has neither a
// number nor a date of issue: both are left blank to be filled in.
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
	first := squash(tool(t, "pdftotext", "-layout", "-f", "1", "-l", "1", path, "-"))
	for _, want := range []string{msgDraft, "Số: /BC-UBND", "Kiên Giang, ngày tháng năm 2025"} {
		if !strings.Contains(first, want) {
			t.Errorf("draft page 1 lacks %q", want)
		}
	}
	all := squash(tool(t, "pdftotext", "-layout", path, "-"))
	for _, unwanted := range []string{"Số: 12/", "ngày 05 tháng 11", "05/11/2025 của", demoSignedAt} {
		if strings.Contains(all, unwanted) {
			t.Errorf("draft shows %q", unwanted)
		}
	}
	if !strings.Contains(all, "("+msgDraft+")") {
		t.Errorf("draft signature block lacks (%s)", msgDraft)
	}
	if !strings.Contains(all, "(Kèm theo Báo cáo số /BC-UBND ngày / /2025 của") {
		t.Errorf("draft appendix heading does not leave the number and the date blank")
	}
}

// pages is the text of each page of a rendered report.
func pages(t *testing.T, path string) []string {
	t.Helper()
	return strings.Split(tool(t, "pdftotext", "-layout", path, "-"), "\f")
}

// An issued, signed report shows the signature at the signing place (the
// composed picture, the agency and the signing time) and the agency's
// signature information atop each appendix.
func TestRender_IssuedSignature(t *testing.T) {
	_, path := rendered(t)
	pp := pages(t, path)
	signing := -1
	for i, p := range pp {
		if strings.Contains(p, msgRecipients) {
			signing = i
		}
	}
	if signing < 0 {
		t.Fatal("no page with the recipients and the signature")
	}
	sp := squash(pp[signing])
	for _, want := range []string{demoMeta.Signature.Agency, "Thời gian ký: " + demoSignedAt, demoMeta.Roles.Signer.Name} {
		if !strings.Contains(sp, want) {
			t.Errorf("signing page lacks %q", want)
		}
	}
	// The picture (with the seal's transparency as a soft mask) is on the
	// signing page, and images are nowhere else but on the charts' pages.
	images := tool(t, "pdfimages", "-list", "-f", fmt.Sprint(signing+1), "-l", fmt.Sprint(signing+1), path)
	if !regexp.MustCompile(`(?m)^\s*\d+\s+\d+\s+image\b.*\n\s*\d+\s+\d+\s+smask\b`).MatchString(images) {
		t.Errorf("signing page %d has no image with a soft mask:\n%s", signing+1, images)
	}
	for i, p := range pp {
		if !regexp.MustCompile(`(?m)^\s*Phụ lục [IVX]+\s*$`).MatchString(p) {
			continue
		}
		head := squash(p[:strings.Index(p, "Phụ lục")])
		if !strings.Contains(head, "Số: 07/BC-UBND") || !strings.Contains(head, demoSignedAt) {
			t.Errorf("page %d, an appendix's first, lacks the signature information above its heading: %q", i+1, head)
		}
	}
}

// Every page of a multi-page appendix table repeats the table's heading;
// every body table is titled "Bảng N." just before it, numbered on; the
// opening sentence does not say "báo cáo báo cáo".
func TestRender_ReadableLayout(t *testing.T) {
	s, path := rendered(t)
	heads := map[string][]string{
		"I": {"Mã", "Chỉ tiêu", "Đơn vị tính", "Kết quả"}, "II": {"STT", "Đơn vị báo cáo"},
		"III": {"STT", "Đơn vị báo cáo", "Tình trạng", "Thời điểm gửi"},
	}
	label := regexp.MustCompile(`^\s*Phụ lục ([IVX]+) - trang (\d+)/(\d+)`)
	continued := map[string]int{}
	pp := pages(t, path)
	for i, p := range pp {
		m := label.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		continued[m[1]]++
		lines := strings.Split(p, "\n")
		if len(lines) < 3 {
			t.Errorf("page %d: nothing below its label", i+1)
			continue
		}
		// The heading is the first thing below the label: a row or two.
		top := strings.Join(lines[1:min(len(lines), 5)], " ")
		for _, h := range heads[m[1]] {
			if !strings.Contains(top, h) {
				t.Errorf("page %d (Phụ lục %s, trang %s): heading lacks %q", i+1, m[1], m[2], h)
			}
		}
	}
	if continued["I"] < 5 || continued["II"] == 0 {
		t.Fatalf("continuation pages per appendix %v: the fixture no longer runs over pages", continued)
	}

	tables := 0
	var count func([]catalog.Section)
	count = func(secs []catalog.Section) {
		for _, sec := range secs {
			if len(sec.Indicators) > 0 {
				tables++
			}
			count(sec.Sections)
		}
	}
	count(s.Report.Sections)
	body := strings.Join(pp, "\n")
	body = body[:strings.Index(body, msgRecipients)]
	titles := regexp.MustCompile(`(?m)^\s*Bảng (\d+)\. `).FindAllStringSubmatchIndex(body, -1)
	if len(titles) != tables {
		t.Fatalf("%d table titles in the body, want %d", len(titles), tables)
	}
	for k, m := range titles {
		if n := body[m[2]:m[3]]; n != fmt.Sprint(k+1) {
			t.Errorf("table %d titled Bảng %s", k+1, n)
		}
		after := strings.Split(body[m[1]:], "\n")
		found := false
		for _, l := range after[:min(len(after), 6)] {
			if strings.HasPrefix(strings.TrimSpace(l), msgColNo) && strings.Contains(l, msgColIndicator) {
				found = true
			}
		}
		if !found {
			t.Errorf("Bảng %d is not followed by its table's heading", k+1)
		}
	}
	if flat := strings.Join(strings.Fields(body), " "); strings.Contains(strings.ToLower(flat), "báo cáo báo cáo") {
		t.Errorf("the body says \"báo cáo báo cáo\"")
	}
}

// The opening sentence names what is reported without the title's own
// "Báo cáo", however the title spells it.
func TestRenderer_Reported(t *testing.T) {
	for title, want := range map[string]string{
		"Báo cáo kết quả thực hiện năm 2025":         "kết quả thực hiện năm 2025",
		"BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2025":         "kết quả thực hiện năm 2025",
		"Báo cáo\u00a0 kết quả năm 2025":             "kết quả năm 2025",
		"  báo cáo: tình hình trẻ em tại Kiên Giang": "tình hình trẻ em tại Kiên Giang",
		"Báo cáo":                 "kết quả",
		"Kết quả công tác trẻ em": "kết quả công tác trẻ em",
		"UBND tỉnh: kết quả":      "UBND tỉnh: kết quả",
	} {
		r := &renderer{s: &consolidate.Snapshot{Round: consolidate.RoundInfo{Title: title}, Report: catalog.Report{Summary: "Kết quả"}}}
		if got := r.reported(); got != want {
			t.Errorf("%q: %q, want %q", title, got, want)
		}
	}
}
