package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// keep stores a downloaded file among the artifacts as download-NAME and
// returns its path.
func (j *journey) keep(t *testing.T, name string, data []byte) string {
	t.Helper()
	if name == "" || strings.ContainsAny(name, `/\`) {
		t.Fatalf("download has no usable file name: %q", name)
	}
	path := filepath.Join(j.artifacts, "download-"+name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkWorkbook opens the downloaded form with excelize and checks that it
// is the unit's workbook for the round and that the rows anchored at the
// given inputs ("value:QT07" in the hidden column A) hold the values saved
// on the web form.
func checkWorkbook(t *testing.T, path string, want map[string]string) {
	t.Helper()
	if !strings.HasSuffix(path, ".xlsx") {
		t.Errorf("downloaded form %s is not named .xlsx", filepath.Base(path))
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the downloaded form does not open as a workbook: %v", err)
	}
	defer f.Close()
	found := map[string]bool{}
	identity := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("read sheet %s: %v", sheet, err)
		}
		for _, row := range rows {
			for _, c := range row {
				identity[strings.TrimSpace(c)] = true
			}
			if len(row) == 0 {
				continue
			}
			v, ok := want[strings.TrimSpace(row[0])]
			if !ok {
				continue
			}
			for _, c := range row[1:] {
				if strings.TrimSpace(c) == v {
					found[row[0]] = true
				}
			}
			if !found[row[0]] {
				t.Errorf("sheet %s, row of %s: %q, want a cell holding %s", sheet, row[0], row[1:], v)
			}
		}
	}
	for anchor := range want {
		if !found[anchor] {
			t.Errorf("no row of %s holding %s in the workbook", anchor, want[anchor])
		}
	}
	if !identity[round] || !identity[unit] {
		t.Errorf("the workbook does not name round %s and unit %s", round, unit)
	}
}

// checkPDF checks the downloaded report is a PDF and, when pdftotext is
// installed, that its text is the province's report for the year under the
// number the job page announced.
func checkPDF(t *testing.T, path string, data []byte, number string) {
	// number is the issued set's, "" for a draft.
	t.Helper()
	if !strings.HasSuffix(path, ".pdf") {
		t.Errorf("downloaded report %s is not named .pdf", filepath.Base(path))
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("downloaded report does not start with %%PDF-: %q", data[:min(len(data), 16)])
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is not installed: the report's text is not checked")
		return
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	// The issuing body is set on two lines, as Decree 30 lays it out.
	year := strings.TrimPrefix(round, "NAM-")
	// A draft (number "") says so and has no number of issue; the issued
	// version has its number and no draft mark.
	mark, want := "DỰ THẢO", "Số: /BC-UBND"
	if number != "" {
		mark, want = "", "Số: "+number+"/BC-UBND"
	}
	if strings.Contains(text, "DỰ THẢO") != (mark != "") {
		t.Errorf("the report's text has DỰ THẢO: %v, want %v", !(mark != ""), mark != "")
	}
	for _, want := range []string{"ỦY BAN NHÂN DÂN", "TỈNH AN GIANG", want, "BÁO CÁO",
		"Kết quả thực hiện Kế hoạch triển khai thực hiện Chỉ thị số 28-CT/TW", "năm " + year, "Bộ Y tế",
		"(nay là tỉnh An Giang)", "Số liệu tính từ ngày"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report's text lacks %q", want)
		}
	}
}

// setWorkbookCell writes value into the input cell of key (as the hidden
// identity sheet maps it) of the workbook src, saved as dst.
func setWorkbookCell(t *testing.T, src, dst, key, value string) {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("_baocao")
	if err != nil {
		t.Fatalf("the workbook's identity sheet: %v", err)
	}
	for _, r := range rows {
		if len(r) > 2 && slices.Contains(r[2:], key) {
			if err := f.SetCellStr(r[0], r[1], value); err != nil {
				t.Fatal(err)
			}
			if err := f.SaveAs(dst); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no input cell for %s in the workbook", key)
}
