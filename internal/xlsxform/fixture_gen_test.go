//go:build libreoffice

package xlsxform

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGenerateLibreOfficeFixture regenerates testdata/libreoffice.xlsx: the
// minimal form written by Write, filled by fillTyped, then opened and saved
// as .xlsx by LibreOffice. It needs soffice on PATH:
//
//	go test -tags libreoffice -run TestGenerateLibreOfficeFixture ./internal/xlsxform/
func TestGenerateLibreOfficeFixture(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("soffice not found: %v", err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "filled.xlsx")
	if err := os.WriteFile(in, fillTyped(t, minimalSpec(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	outDir := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "xlsx", "--outdir", outDir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(outDir, "filled.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "libreoffice.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote testdata/libreoffice.xlsx (%d bytes)", len(data))
}
