package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/render"
	"baocao/internal/signing"
)

// testSigning is development's signing: a test certificate and the
// sample images.
func testSigning(t *testing.T) Signing {
	t.Helper()
	id, err := signing.DevIdentity(t.TempDir(), "Sở Y tế tỉnh An Giang", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	seal, err := signing.SampleSeal("Sở Y tế tỉnh An Giang")
	if err != nil {
		t.Fatal(err)
	}
	sig, err := signing.SampleSignature()
	if err != nil {
		t.Fatal(err)
	}
	return Signing{Identity: id, SealImage: seal, SignatureImage: sig}
}

// leader is the demo's leader account, who may issue.
func leader(t *testing.T, pool *pgxpool.Pool) access.User {
	t.Helper()
	u, _, err := postgres.UserByUsername(context.Background(), pool, "lanhdao")
	if err != nil {
		t.Fatal(err)
	}
	if !access.Allow(u, access.IssueReports, "") {
		t.Fatalf("lanhdao (%s) may not issue", u.Role)
	}
	return u
}

// pdfsig is poppler's verdict on a PDF's signatures: an independent
// verifier.
func pdfsig(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Fatal("pdfsig not found: install poppler-utils to run the report tests")
	}
	f := t.TempDir() + "/report.pdf"
	if err := os.WriteFile(f, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", f).CombinedOutput() // non-zero on an invalid signature
	return string(out)
}

// A demo report issued by its leader: the draft says "DỰ THẢO", the
// official version does not, carries its number and date of issue, and
// its signature is valid and covers the whole file by poppler's pdfsig and
// by Verify; one byte changed fails both. Only the leader issues.
func TestIssue_SignedOfficialReport(t *testing.T) {
	ctx := context.Background()
	pool := seeded(t)
	s := newService(t, pool, render.Files{})
	made := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return made }
	res, err := s.Generate(ctx, "NAM-2026", false)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := postgres.GetRound(ctx, pool, "NAM-2026")
	draft, err := postgres.ReportSet(ctx, pool, r.ID, res.Number, domain.ReportDraft)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, draft[0].Data); !strings.Contains(text, "DỰ THẢO") {
		t.Error("the draft PDF does not say DỰ THẢO")
	}

	// Nobody but the leader issues; without a certificate nobody can.
	for _, name := range []string{"staff", "admin", "xa.hondat"} {
		u, _, err := postgres.UserByUsername(ctx, pool, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Issue(ctx, u, "NAM-2026", res.Number, ""); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("%s issues: %v, want forbidden", name, err)
		}
	}
	boss := leader(t, pool)
	if _, err := s.Issue(ctx, boss, "NAM-2026", res.Number, ""); !errors.Is(err, ErrCannotSign) {
		t.Fatalf("issuing without a certificate: %v", err)
	}
	s.Signing = testSigning(t)
	issuedAt := made.Add(26 * time.Hour) // 4 December, 15:00 in Vietnam
	s.Now = func() time.Time { return issuedAt }
	files, err := s.Issue(ctx, boss, "NAM-2026", res.Number, "192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 || files[0].Format != "pdf" || !files[0].Signed || files[0].State != domain.ReportIssued {
		t.Fatalf("issued files: %+v", files)
	}
	again, err := s.Issue(ctx, boss, "NAM-2026", res.Number, "")
	if err != nil || len(again) != 3 || again[0].SHA256 != files[0].SHA256 {
		t.Fatalf("issuing again: %v, %d files", err, len(again))
	}
	signed := files[0].Data
	text := pdfText(t, signed)
	if strings.Contains(text, "DỰ THẢO") {
		t.Error("the issued PDF still says DỰ THẢO")
	}
	for _, want := range []string{"Số: 01/BC-", "ngày 04 tháng 12 năm 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the issued PDF lacks %q", want)
		}
	}
	if out := pdfsig(t, signed); !strings.Contains(out, "Signature is Valid") || !strings.Contains(out, "Total document signed") {
		t.Fatalf("pdfsig on the issued PDF:\n%s", out)
	}
	pkg := files[2].Data
	if v := Verify(files[2].Filename, pkg); !v.OK || len(v.Files) != 2 || len(v.Signatures) != 1 || !v.Signatures[0].CoversWholeFile {
		t.Fatalf("Verify(package) = %+v", v)
	}
	// One byte changed after signing.
	altered := bytes.Clone(signed)
	i := bytes.Index(altered, []byte("/Producer"))
	altered[i+1] ^= 0x01
	if out := pdfsig(t, altered); strings.Contains(out, "Signature is Valid") {
		t.Fatalf("pdfsig accepts an altered PDF:\n%s", out)
	}
	if v := Verify("altered.pdf", altered); v.OK {
		t.Fatalf("Verify accepts an altered PDF: %+v", v)
	}
	// The draft package never passes as the official one.
	if v := Verify(draft[2].Filename, draft[2].Data); v.OK {
		t.Fatalf("Verify accepts the draft package: %+v", v)
	}
	var audited int
	pool.QueryRow(ctx, "SELECT count(*) FROM audit_log WHERE action = 'report_issued' AND actor = 'lanhdao'").Scan(&audited)
	if audited != 1 {
		t.Fatalf("issuing audited %d times", audited)
	}
}
