package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/text"

	"baocao/internal/signing"
)

// `baocao verify` passes a signed PDF and fails it once one byte changed,
// and fails an unsigned one.
func TestVerifyCommand(t *testing.T) {
	m := maroto.New()
	m.AddRows(text.NewRow(10, "Báo cáo số 01/BC-SYT"))
	doc, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	id, err := signing.DevIdentity(t.TempDir(), "Sở Y tế tỉnh An Giang", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	signed, err := id.SignPDF(doc.GetBytes(), signing.Info{Name: "Sở Y tế tỉnh An Giang", Date: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	altered := bytes.Clone(signed)
	altered[bytes.Index(altered, []byte("/Producer"))+1] ^= 1
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
		code int
		says string
	}{
		{"signed.pdf", signed, 0, "ĐẠT"},
		{"altered.pdf", altered, 1, "KHÔNG ĐẠT"},
		{"unsigned.pdf", doc.GetBytes(), 1, "KHÔNG ĐẠT"},
	} {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, tt.data, 0o600); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := runCommand(t.Context(), []string{"verify", path}, func(string) string { return "" }, nil, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.says) || !strings.Contains(stdout.String(), `"ok"`) {
			t.Errorf("%s: exit %d, stderr %q, stdout %s", tt.name, code, stderr.String(), stdout.String())
		}
	}
}
