package jobs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestRemoveStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	age := TempFileAge(0)
	files := map[string]time.Duration{
		"excelize-1111": 3 * age,           // left by a killed process
		"excelize-2222": age + time.Minute, // just past the age
		"excelize-3333": age - time.Minute, // a running job's
		"other-4444":    3 * age,           // not excelize's
		"excelize-5555": 0,                 // just created
	}
	for name, old := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-old), now.Add(-old)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "excelize-dir"), 0o700); err != nil {
		t.Fatal(err)
	}
	// A report generation's folders, with the files in them: a killed
	// one's and a running one's.
	for name, old := range map[string]time.Duration{"baocao-report-6666": 3 * age, "baocao-report-7777": time.Minute} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "0.pdf"), []byte("%PDF"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-old), now.Add(-old)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := RemoveStaleTempFiles(dir, age, now)
	if err != nil || n != 3 {
		t.Fatalf("removed %d, %v; want 3", n, err)
	}
	entries, _ := os.ReadDir(dir)
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if want := []string{"baocao-report-7777", "excelize-3333", "excelize-5555", "excelize-dir", "other-4444"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
	if age != 2*DefaultReportTimeout {
		t.Errorf("TempFileAge(0) = %v, want twice the report timeout", age)
	}
}
