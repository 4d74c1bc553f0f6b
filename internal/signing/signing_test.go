package signing

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
)

// aPDF is a one-page PDF as the report renderer makes them.
func aPDF(t *testing.T) []byte {
	t.Helper()
	m := maroto.New()
	m.AddRows(text.NewRow(10, "Báo cáo thử nghiệm chữ ký số"))
	doc, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return doc.GetBytes()
}

// pdfsig is poppler's verdict on a PDF's signatures: an independent
// verifier.
func pdfsig(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Fatal("pdfsig not found: install poppler-utils to run the signature tests")
	}
	f := t.TempDir() + "/x.pdf"
	if err := os.WriteFile(f, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", f).CombinedOutput() // exits non-zero on an invalid signature
	return string(out)
}

func TestIdentity_SignPDF_VerifiedIndependently(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 2, 13, 15, 3, 0, time.UTC)
	id, err := DevIdentity(dir, "Sở Y tế tỉnh An Giang", now)
	if err != nil {
		t.Fatal(err)
	}
	if !id.Test || id.Name() != TestCertificateName {
		t.Fatalf("dev identity %q test %v", id.Name(), id.Test)
	}
	// The second start reuses the certificate.
	again, err := DevIdentity(dir, "Sở Y tế tỉnh An Giang", now)
	if err != nil || !again.Cert.Equal(id.Cert) || !again.Test {
		t.Fatalf("second start: %v, same certificate %v", err, err == nil && again.Cert.Equal(id.Cert))
	}
	signed, err := id.SignPDF(aPDF(t), Info{Name: "Sở Y tế tỉnh An Giang", Location: "An Giang", Reason: "Ban hành báo cáo", Date: now})
	if err != nil {
		t.Fatal(err)
	}
	out := pdfsig(t, signed)
	if !strings.Contains(out, "Signature is Valid") || !strings.Contains(out, "Total document signed") {
		t.Fatalf("pdfsig on the signed PDF:\n%s", out)
	}
	sigs := VerifyPDF(signed)
	if len(sigs) != 1 || !sigs[0].OK || !sigs[0].CoversWholeFile || sigs[0].Trusted || sigs[0].Signer != TestCertificateName {
		t.Fatalf("VerifyPDF = %+v", sigs)
	}
	if !sigs[0].SignedAt.Equal(now) {
		t.Errorf("signed at %v, want %v", sigs[0].SignedAt, now)
	}

	// One byte changed in the signed content: both verifiers say so.
	altered := bytes.Clone(signed)
	i := bytes.Index(altered, []byte("/Producer"))
	if i < 0 {
		i = 200
	}
	altered[i+1] ^= 0x01
	if out := pdfsig(t, altered); strings.Contains(out, "Signature is Valid") {
		t.Fatalf("pdfsig accepts an altered PDF:\n%s", out)
	}
	if sigs := VerifyPDF(altered); len(sigs) == 1 && sigs[0].OK {
		t.Fatalf("VerifyPDF accepts an altered PDF: %+v", sigs)
	}
	// Bytes added after the signature: the signature no longer covers the
	// whole file.
	appended := append(bytes.Clone(signed), []byte("\n% added after signing\n")...)
	if sigs := VerifyPDF(appended); len(sigs) != 1 || sigs[0].OK || sigs[0].CoversWholeFile {
		t.Fatalf("VerifyPDF on a PDF with bytes appended = %+v", sigs)
	}
	if sigs := VerifyPDF(aPDF(t)); len(sigs) != 0 {
		t.Fatalf("an unsigned PDF has %d signatures", len(sigs))
	}
}

func TestSamples_SayTheyAreSamples(t *testing.T) {
	seal, err := SampleSeal("Sở Y tế tỉnh An Giang")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(seal))
	if err != nil {
		t.Fatal(err)
	}
	// 38 mm at 150 dpi, transparent outside the ring.
	if w := img.Bounds().Dx(); w != 224 {
		t.Errorf("seal is %d px wide, want 224 (38 mm at 150 dpi)", w)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Error("the seal's corner is not transparent")
	}
	if _, err := SampleSignature(); err != nil {
		t.Fatal(err)
	}
}
