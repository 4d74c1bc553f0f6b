package catalog

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// zipOf packs files (name → content) into a ZIP.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// minimalFiles are the minimal catalog's files under prefix.
func minimalFiles(t *testing.T, prefix string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for name, f := range minimal(t) {
		files[prefix+name] = string(f.Data)
	}
	return files
}

func TestLoadArchive_FolderOrRoot(t *testing.T) {
	for _, prefix := range []string{"", "minimal/"} {
		c, name, err := LoadArchive(zipOf(t, minimalFiles(t, prefix)), "minimal.zip", DefaultArchiveLimits)
		if err != nil || name != "minimal" || len(c.Units) == 0 {
			t.Errorf("prefix %q: %q, %v", prefix, name, err)
		}
	}
}

// A broken catalog's problems are those of the same folder on disk, as
// `baocao catalog check` prints them.
func TestLoadArchive_ProblemsAsCheck(t *testing.T) {
	files := minimalFiles(t, "")
	files["units.yaml"] = strings.Replace(files["units.yaml"], "parent: TINH", "parent: NOWHERE", 1)
	dir := filepath.Join(t.TempDir(), "broken")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	zipped := map[string]string{}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		zipped["broken/"+name] = content
	}
	_, want := LoadDir(dir)
	_, _, got := LoadArchive(zipOf(t, zipped), "upload.zip", DefaultArchiveLimits)
	var wp, gp Problems
	if !errors.As(want, &wp) || !errors.As(got, &gp) {
		t.Fatalf("LoadDir = %v, LoadArchive = %v; want Problems from both", want, got)
	}
	for i := range wp {
		wp[i].File = "broken/" + filepath.Base(wp[i].File) // the folder's name, not its path
	}
	if !reflect.DeepEqual(gp, wp) || gp[0].String() != `broken/units.yaml:11: đơn vị "NOWHERE" không tồn tại` {
		t.Errorf("archive problems:\n%v\nwant\n%v", gp, wp)
	}
}

func TestLoadArchive_Refused(t *testing.T) {
	many := map[string]string{}
	for i := range 201 {
		many[fmt.Sprintf("f%03d.txt", i)] = "x"
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("plain text"), "không phải tệp ZIP"},
		{"parent path", zipOf(t, map[string]string{"../plan.yaml": "x"}), "đường dẫn không an toàn"},
		{"nested parent path", zipOf(t, map[string]string{"a/../../units.yaml": "x"}), "đường dẫn không an toàn"},
		{"absolute path", zipOf(t, map[string]string{"/etc/plan.yaml": "x"}), "đường dẫn không an toàn"},
		{"backslash", zipOf(t, map[string]string{`..\plan.yaml`: "x"}), "đường dẫn không an toàn"},
		{"too many entries", zipOf(t, many), "201 mục"},
		{"unzipped too large", zipOf(t, map[string]string{"plan.yaml": strings.Repeat(" ", 21<<20)}), "giải nén vượt giới hạn 20 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := LoadArchive(tt.data, "x.zip", DefaultArchiveLimits)
			var ae *ArchiveError
			if !errors.As(err, &ae) || !strings.Contains(ae.Message, tt.want) {
				t.Errorf("LoadArchive = %v, want an ArchiveError saying %q", err, tt.want)
			}
		})
	}
	big := bytes.Repeat([]byte{1}, 11<<20)
	if _, _, err := LoadArchive(big, "x.zip", DefaultArchiveLimits); err == nil || !strings.Contains(err.Error(), "vượt giới hạn 10 MB") {
		t.Errorf("an 11 MB upload = %v", err)
	}
}
