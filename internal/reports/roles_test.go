package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/xuri/excelize/v2"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/pgtest"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/render/pdf"
	"baocao/internal/rounds"
	"baocao/internal/submission"
	"baocao/internal/testkit"
	catalogs "baocao/templates/catalog"
)

var ict = time.FixedZone("ICT", 7*3600)

// saveCatalog stores one of the shipped catalogs, making it current.
func saveCatalog(t *testing.T, pool *pgxpool.Pool, name string) *domain.CatalogVersion {
	t.Helper()
	ctx := context.Background()
	c, err := catalogs.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := postgres.SaveCatalog(ctx, pool, name, c)
	if err != nil {
		t.Fatal(err)
	}
	v, err := postgres.GetCatalogVersion(ctx, pool, id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// openYear opens year's annual round on catalog version v, due dueAt
// (zero: the schedule's deadline).
func openYear(t *testing.T, pool *pgxpool.Pool, v *domain.CatalogVersion, year int, dueAt time.Time) domain.Round {
	t.Helper()
	r, units, ok := rounds.AnnualRound(v, year, dueAt)
	if !ok {
		t.Fatalf("catalog %d expects nobody in %d", v.ID, year)
	}
	round, err := postgres.CreateRound(context.Background(), pool, r, units)
	if err != nil {
		t.Fatal(err)
	}
	return round
}

// filled is a complete content for form spec: every count n, every rate
// n out of 2n, every text and yes/no answered.
func filled(spec *submission.FormSpec, n float64) submission.Content {
	c := submission.NewContent()
	text, yes := "Đã thực hiện", true
	for _, is := range spec.Indicators() {
		parts := 0
		for _, cell := range is.Cells {
			if !cell.Total {
				parts++
			}
		}
		for _, cell := range is.Cells {
			v := n
			if cell.Total {
				v = n * float64(parts)
			}
			switch is.ValueType {
			case catalog.TypeRate:
				num, den := v, 2*v
				c.Values[cell.Key] = submission.Value{Num: &num, Den: &den}
			case catalog.TypeText:
				c.Values[cell.Key] = submission.Value{Text: &text}
			case catalog.TypeBoolean:
				c.Values[cell.Key] = submission.Value{Bool: &yes}
			default:
				c.Values[cell.Key] = submission.Value{Number: &v}
			}
		}
	}
	for _, ns := range spec.Narratives {
		c.Narratives[ns.Code] = "Kết quả của đơn vị."
	}
	return c
}

// accept stores a complete revision of unit's submission, with every
// figure n, submitted on time and accepted by staff.
func accept(t *testing.T, pool *pgxpool.Pool, round domain.Round, c *catalog.Catalog, unit string, n float64) {
	t.Helper()
	ctx := context.Background()
	sub, err := postgres.GetSubmission(ctx, pool, access.Scope{}, round.ID, unit, false)
	if err != nil {
		t.Fatal(err)
	}
	var spec *submission.FormSpec
	for _, f := range c.Forms {
		if f.Code == sub.FormCode {
			spec = submission.BuildForm(c, f)
		}
	}
	if spec == nil {
		t.Fatalf("%s: form %s missing", unit, sub.FormCode)
	}
	content := filled(spec, n)
	if err := postgres.AppendRevision(ctx, pool, domain.Revision{SubmissionID: sub.ID, Number: 1, Author: "test",
		Source: intake.SourceAPI, Content: content, Changes: submission.Diff(submission.NewContent(), content)}); err != nil {
		t.Fatal(err)
	}
	at, reviewer := round.DueAt.Add(-24*time.Hour), "staff"
	sub.Revision, sub.Status, sub.SubmittedAt, sub.FirstSubmittedAt, sub.ReviewedAt, sub.ReviewedBy =
		1, submission.StatusAccepted, &at, &at, &at, &reviewer
	if err := postgres.UpdateSubmission(ctx, pool, sub); err != nil {
		t.Fatal(err)
	}
}

// storedFile is the stored report file of a generation in format.
func storedFile(t *testing.T, pool *pgxpool.Pool, res Result, format string) domain.Report {
	t.Helper()
	for _, id := range res.Reports {
		r, err := postgres.GetReport(context.Background(), pool, id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Format == format {
			return r
		}
	}
	t.Fatalf("no %s among reports %v", format, res.Reports)
	return domain.Report{}
}

// pdfText is the text pdftotext reads from a PDF (poppler-utils).
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found: install poppler-utils to run the report tests")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// squash folds runs of blanks and line breaks, so that phrases match
// across the layout's spacing and wrapping.
func squash(s string) string {
	return regexp.MustCompile(`\s+`).ReplaceAllString(s, " ")
}

func readZip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// The 2026 round's report, issued on 2 December 2026, is An Giang's: its
// header, date line, recipients and data window are those in force that
// day, in the PDF, the workbook and the Ministry's package.
func TestGenerate_IssuedByTheProvinceInForce(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	v := saveCatalog(t, pool, catalogs.AnGiang)
	round := openYear(t, pool, v, 2026, time.Date(2026, 12, 9, 17, 0, 0, 0, ict))
	for i, unit := range []string{"AG.YT", "PHUONG.RACHGIA", "XA.ANPHU"} {
		accept(t, pool, round, v.Catalog, unit, float64(10*(i+1)))
	}
	s := newService(t, pool, render.Files{})
	s.Now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, ict) }
	res, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	if !res.New || res.Number != 1 || len(res.Reports) != 3 {
		t.Fatalf("generate = %+v", res)
	}

	text := squash(pdfText(t, storedFile(t, pool, res, "pdf").Data))
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN",
		"TỈNH AN GIANG",
		"Số: /BC-UBND", // a draft: no number of issue yet
		"An Giang, ngày tháng năm 2026",
		"Ủy ban nhân dân tỉnh An Giang báo cáo kết quả thực hiện năm 2026 như sau:",
		"Ủy ban nhân dân tỉnh Kiên Giang (nay là tỉnh An Giang)",
		"Số liệu tính từ ngày 01/11/2025 đến ngày 31/10/2026.",
		"- Bộ Y tế (Cục Bà mẹ và Trẻ em);",
		"- Sở Y tế;",
		"TM. ỦY BAN NHÂN DÂN",
		"có 3/112 đơn vị gửi báo cáo",
		"của Ủy ban nhân dân tỉnh An Giang)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	for _, gone := range []string{"Lao động - Thương binh", "KIÊN GIANG", "Kiên Giang, ngày", "Nguyễn Lưu Trung", "So với năm"} {
		if strings.Contains(text, gone) {
			t.Errorf("PDF of 2026 has %q", gone)
		}
	}

	f, err := excelize.OpenReader(bytes.NewReader(storedFile(t, pool, res, "xlsx").Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{
		"A1": "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
		"A2": "Số:      /BC-UBND",
		"A8": "Số liệu tính từ ngày 01/11/2025 đến ngày 31/10/2026",
	} {
		if got, _ := f.GetCellValue("Tổng hợp", cell); got != want {
			t.Errorf("workbook Tổng hợp!%s = %q, want %q", cell, got, want)
		}
	}
	row2, _ := f.GetRows("Tổng hợp")
	if len(row2) < 2 || !strings.Contains(strings.Join(row2[1], "|"), "An Giang, ngày      tháng      năm 2026") {
		t.Errorf("workbook's date line: %v", row2[:min(2, len(row2))])
	}
	if i, _ := f.GetSheetIndex("So với năm trước"); i >= 0 {
		t.Error("a round with no previous one has a year-on-year sheet")
	}

	pkg := readZip(t, storedFile(t, pool, res, "zip").Data)
	var man map[string]any
	if err := json.Unmarshal(pkg["manifest.json"], &man); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	for k, want := range map[string]any{
		"round": "NAM-2026", "year": float64(2026), "period_start": "2026-01-01", "period_end": "2026-12-31",
		"data_from": "2025-11-01", "cutoff": "2026-10-31", "data_window": "Số liệu tính từ ngày 01/11/2025 đến ngày 31/10/2026",
		"issuer": "AG", "issuing_body": "ỦY BAN NHÂN DÂN TỈNH AN GIANG", "number": "01/BC-UBND",
	} {
		if man[k] != want {
			t.Errorf("manifest %s = %v, want %v", k, man[k], want)
		}
	}
	// The register the number was taken from is An Giang's.
	var issuer string
	pool.QueryRow(ctx, "SELECT issuer FROM report_numbers").Scan(&issuer)
	if issuer != "AG/BC-UBND" {
		t.Errorf("number taken from %q's register", issuer)
	}
}

// A round keeps the catalog version it was opened with: the 2024 round's
// report reads the same, byte for byte, after the An Giang catalog is
// loaded, and still in Kiên Giang's name.
func TestGenerate_OldRoundUnchangedByANewCatalog(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	kg := saveCatalog(t, pool, catalogs.KienGiang)
	round := openYear(t, pool, kg, 2024, time.Time{})
	for i, unit := range []string{"LDTBXH", "RACHGIA", "HONDAT"} {
		accept(t, pool, round, kg.Catalog, unit, float64(10*(i+1)))
	}
	jobs := testkit.Inserter(t, pool)
	in := intake.New(pool, jobs)
	s := New(pool, in, render.Files{}, jobs)
	issued := time.Date(2024, 11, 18, 9, 0, 0, 0, ict)
	s.Now = func() time.Time { return issued }
	first, err := s.Generate(ctx, "NAM-2024", false)
	if err != nil {
		t.Fatal(err)
	}
	if !first.New || first.Number != 1 {
		t.Fatalf("first = %+v", first)
	}
	before := pdfText(t, storedFile(t, pool, first, "pdf").Data)
	text := squash(before)
	for _, want := range []string{"TỈNH KIÊN GIANG", "Kiên Giang, ngày tháng năm 2024", "- Bộ Lao động - Thương binh và Xã hội;",
		"Nguyễn Lưu Trung", "Số liệu tính từ ngày 01/11/2023 đến ngày 31/10/2024."} {
		if !strings.Contains(text, want) {
			t.Errorf("2024 PDF lacks %q", want)
		}
	}

	ag := saveCatalog(t, pool, catalogs.AnGiang)
	if cur, err := postgres.CurrentCatalog(ctx, pool); err != nil || cur.ID != ag.ID || ag.ID == kg.ID {
		t.Fatalf("current catalog %v, %v; want An Giang's (%d)", cur, err, ag.ID)
	}
	// Consolidated again on the same data: the same snapshot, no new report.
	again, err := s.Generate(ctx, "NAM-2024", false)
	if err != nil {
		t.Fatal(err)
	}
	if again.New || again.Hash != first.Hash || len(again.Reports) != 0 {
		t.Fatalf("again = %+v, want the same snapshot %s and nothing new", again, first.Hash)
	}
	// Rendered again, with the same number and date, by the roles of the
	// round's own catalog version, from a fresh consolidation and from
	// the stored snapshot.
	snap, r, err := s.Consolidate(ctx, "NAM-2024", false)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Hash != first.Hash || snap.CatalogVersion != kg.ID {
		t.Fatalf("consolidated again: hash %s on catalog %d, want %s on %d", snap.Hash, snap.CatalogVersion, first.Hash, kg.ID)
	}
	if err := postgres.AttachUnits(ctx, pool, r.ID, snap); err != nil {
		t.Fatal(err)
	}
	c, err := in.Catalog(ctx, pool, r.CatalogVersionID)
	if err != nil {
		t.Fatal(err)
	}
	roles, err := c.RolesOn(c.LocalDay(issued))
	if err != nil {
		t.Fatal(err)
	}
	stored, err := postgres.LatestSnapshot(ctx, pool, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for name, sn := range map[string]*consolidate.Snapshot{"consolidated again": snap, "stored snapshot": stored.Snapshot} {
		data, err := pdf.Render(sn, consolidate.Meta{Number: first.Number, Date: issued, Roles: roles})
		if err != nil {
			t.Fatal(err)
		}
		after := pdfText(t, data)
		if after != before {
			t.Errorf("%s: the 2024 report's text changed after the An Giang catalog was loaded", name)
		}
		if !strings.Contains(after, "KIÊN GIANG") || strings.Contains(after, "AN GIANG") {
			t.Errorf("%s: the 2024 report is not in Kiên Giang's name", name)
		}
	}
}

// The 2026 report compares with 2024 on the same ground, through the
// succession links of the An Giang catalog: the communes formed from
// Kiên Giang's districts with those districts; a commune of the former An
// Giang province, not part of the plan in 2024, stays outside.
func TestConsolidate_YearOnYearAcrossTheMerger(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.New(t)
	kg := saveCatalog(t, pool, catalogs.KienGiang)
	r2024 := openYear(t, pool, kg, 2024, time.Time{})
	for _, unit := range []string{"LDTBXH", "RACHGIA", "HONDAT"} {
		accept(t, pool, r2024, kg.Catalog, unit, 10)
	}
	s := newService(t, pool, render.Files{})
	s.Now = func() time.Time { return time.Date(2024, 11, 18, 9, 0, 0, 0, ict) }
	if _, err := s.Generate(ctx, "NAM-2024", false); err != nil {
		t.Fatal(err)
	}
	ag := saveCatalog(t, pool, catalogs.AnGiang)
	r2026 := openYear(t, pool, ag, 2026, time.Date(2026, 12, 9, 17, 0, 0, 0, ict))
	for _, unit := range []string{"PHUONG.RACHGIA", "XA.ANPHU"} {
		accept(t, pool, r2026, ag.Catalog, unit, 20)
	}
	s.Now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, ict) }
	snap, _, err := s.Consolidate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	cmp := snap.Comparison
	if cmp == nil {
		t.Fatal("no year-on-year comparison")
	}
	// Sở LĐTBXH's children went to An Giang's Sở Y tế, which also covers
	// the former An Giang: neither is on the compared ground.
	if cmp.Round != "NAM-2024" || cmp.Year != 2024 || cmp.PreviousReported != 2 {
		t.Errorf("comparison with %s (%d), %d units reported then; want NAM-2024, 2024, 2", cmp.Round, cmp.Year, cmp.PreviousReported)
	}
	// Of the two communes that reported, Rạch Giá reaches back; An Phú
	// was in An Giang, outside the plan in 2024.
	if cmp.Reported != 1 {
		t.Errorf("%d units with figures on the compared ground, want 1 (Phường Rạch Giá)", cmp.Reported)
	}
	for _, code := range []string{"XA.ANPHU", "AG.YT"} {
		u, _ := ag.Catalog.Unit(code)
		if !slices.Contains(cmp.Outside, u.Name) {
			t.Errorf("outside = %d units, without %s", len(cmp.Outside), u.Name)
		}
	}
	// BV01 is a district's count in 2024 and a commune's in 2026. On the
	// compared ground: Rạch Giá and Hòn Đất then (10 in each cell), Phường
	// Rạch Giá now (20 in each); An Phú's 20 are not counted.
	var parts float64
	for _, f := range ag.Catalog.Forms {
		if f.Code == "BM-XA" {
			is, _ := submission.BuildForm(ag.Catalog, f).Indicator("BV01")
			for _, cell := range is.Cells {
				if !cell.Total {
					parts++
				}
			}
		}
	}
	ch, ok := cmp.ChangeOf("BV01")
	if !ok || ch.Previous == nil || ch.Current == nil || ch.Previous.Number == nil || ch.Current.Number == nil {
		t.Fatalf("BV01 compared: %+v, %v", ch, ok)
	}
	if *ch.Previous.Number != 2*10*parts || *ch.Current.Number != 20*parts {
		t.Errorf("BV01: %v then, %v now; want %v (Rạch Giá and Hòn Đất) and %v (Phường Rạch Giá)",
			*ch.Previous.Number, *ch.Current.Number, 2*10*parts, 20*parts)
	}
	if !snap.HashHolds() {
		t.Error("the snapshot's hash does not cover its comparison")
	}
	res, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	text := squash(pdfText(t, storedFile(t, pool, res, "pdf").Data))
	for _, want := range []string{"So với năm", "2024 (*)",
		"(*) Cột \"So với năm 2024\" so sánh số liệu trên cùng địa bàn, theo quan hệ kế thừa giữa các đơn vị: 48 đơn vị năm nay " +
			"(1 đơn vị đã có số liệu tổng hợp) với 15 đơn vị năm 2024 (2 đơn vị có số liệu); " +
			"64 đơn vị có địa bàn chưa được báo cáo đầy đủ năm 2024 không được tính."} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(storedFile(t, pool, res, "xlsx").Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if i, _ := f.GetSheetIndex("So với năm trước"); i < 0 {
		t.Error("the workbook has no sheet \"So với năm trước\"")
	}
	// The 2024 round's figures were not rewritten.
	prev, err := postgres.LatestSnapshot(ctx, pool, r2024.ID)
	if err != nil || prev.Snapshot.Comparison != nil || prev.Snapshot.CatalogVersion != kg.ID {
		t.Errorf("2024 snapshot after 2026's: %v", err)
	}
}
