package xlsxform

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// TestWrite_libreOfficePrintsLabelsWhole converts the seed catalog's
// BM-HUYEN form to PDF with LibreOffice, which does not fit row heights to
// wrapped text on opening, and finds every label of BV01 (the longest
// labels of the catalog) and its dimension names whole in the text of its
// data sheet's pages. A label in a row too short spills over its
// neighbours, and its lines come out of the PDF interleaved with theirs.
func TestWrite_libreOfficePrintsLabelsWhole(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("soffice not found: this test needs LibreOffice Calc; install it with "+
			"`apt-get install -y --no-install-recommends libreoffice-calc-nogui` (.ci/run does): %v", err)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext not found: install poppler-utils: %v", err)
	}
	c, err := catalogs.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	var spec *submission.FormSpec
	for _, form := range c.Forms {
		if form.Code == "BM-HUYEN" {
			spec = submission.BuildForm(c, form)
		}
	}
	if spec == nil {
		t.Fatal("the seed catalog has no form BM-HUYEN")
	}
	sheet, want := labelsOf(t, spec, "BV01")

	dir := t.TempDir()
	in := filepath.Join(dir, "form.xlsx")
	data, err := Write(spec, testIdentity(spec), testCover(spec), fullContent(spec))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	t.Logf("LibreOffice converted the form in %v", time.Since(start).Round(time.Millisecond))
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(dir, "form.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := sheetPages(t, string(out), sheet)
	for _, label := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(label), " ")) {
			t.Errorf("%s: label %q is not whole in the PDF", sheet, label)
		}
	}
	if t.Failed() {
		t.Logf("text of %s:\n%s", sheet, text)
	}
}

// labelsOf returns the data sheet holding indicator code and the texts it
// shows in its rows and header: dimension names and cell labels.
func labelsOf(t *testing.T, spec *submission.FormSpec, code string) (string, []string) {
	t.Helper()
	for i, sec := range spec.Sections {
		for _, is := range sec.Indicators {
			if is.Code != code {
				continue
			}
			seen := map[string]bool{}
			var out []string
			add := func(s string) {
				if !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
			for _, d := range is.Dims {
				add(d.Name)
			}
			for _, c := range is.Cells {
				for _, l := range c.Labels {
					add(l)
				}
			}
			if len(out) < 10 {
				t.Fatalf("%s has %d labels; the test wants long lists of labels", code, len(out))
			}
			return fmt.Sprintf("%s %d", sheetData, i+1), out
		}
	}
	t.Fatalf("no section of %s holds %s", spec.Form.Code, code)
	return "", nil
}

// sheetPages returns the text of the PDF pages of data sheet, from the page
// with its title to the next sheet's, whitespace normalized.
func sheetPages(t *testing.T, pdf, sheet string) string {
	t.Helper()
	var b strings.Builder
	in := false
	for page := range strings.SplitSeq(pdf, "\f") {
		title := strings.HasPrefix(strings.TrimSpace(page), sheetData+" ")
		switch {
		case strings.HasPrefix(strings.TrimSpace(page), sheet+" – "):
			in = true
		case title || strings.Contains(page, txtNarrTitle):
			in = false
		}
		if in {
			b.WriteString(page + " ")
		}
	}
	if b.Len() == 0 {
		t.Fatalf("no page of the PDF starts with the title of %s", sheet)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
