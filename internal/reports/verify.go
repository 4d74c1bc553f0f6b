package reports

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"baocao/internal/postgres"
	"baocao/internal/signing"
)

// Verdict is what a check of a report file finds: each file against the
// package's manifest, and each signature against the bytes it covers.
type Verdict struct {
	OK         bool                `json:"ok"`
	Files      []FileCheck         `json:"files"`
	Signatures []signing.Signature `json:"signatures"`
	// Problems say in Vietnamese what failed.
	Problems []string `json:"problems"`
}

// FileCheck is one file of a package against its manifest.
type FileCheck struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	OK     bool   `json:"ok"`
}

// maxVerifiedPart bounds each file read from a package under check.
const maxVerifiedPart = 256 << 20

// Verify checks a report file: a package (ZIP) file by file against its
// manifest.json and the signatures of its PDFs, or a PDF's signatures. A
// PDF without a signature is not the official report; neither is a
// package that does not say it was issued.
func Verify(name string, data []byte) Verdict {
	v := Verdict{Files: []FileCheck{}, Signatures: []signing.Signature{}, Problems: []string{}}
	if bytes.HasPrefix(data, []byte("PK")) {
		v.checkPackage(data)
	} else {
		sum := sha256.Sum256(data)
		v.Files = append(v.Files, FileCheck{Name: path.Base(name), SHA256: hex.EncodeToString(sum[:]), OK: true})
		v.checkPDF(path.Base(name), data)
	}
	v.OK = len(v.Problems) == 0
	return v
}

func (v *Verdict) problem(format string, args ...any) {
	v.Problems = append(v.Problems, fmt.Sprintf(format, args...))
}

func (v *Verdict) checkPDF(name string, data []byte) {
	sigs := signing.VerifyPDF(data)
	if len(sigs) == 0 {
		v.problem("%s: không có chữ ký số (hoặc chữ ký không đọc được): đây không phải bản chính thức đã ký", name)
	}
	for _, s := range sigs {
		if !s.OK {
			v.problem("%s: %s", name, s.Problem)
		}
		v.Signatures = append(v.Signatures, s)
	}
}

func (v *Verdict) checkPackage(data []byte) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		v.problem("tệp không phải gói báo cáo (ZIP) đọc được: %v", err)
		return
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxVerifiedPart {
			v.problem("%s: quá lớn để kiểm tra", f.Name)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			v.problem("%s: không đọc được (%v)", f.Name, err)
			continue
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxVerifiedPart))
		rc.Close()
		if err != nil {
			v.problem("%s: không đọc được (%v)", f.Name, err)
			continue
		}
		parts[f.Name] = b
	}
	raw, ok := parts["manifest.json"]
	var man manifest
	if !ok || json.Unmarshal(raw, &man) != nil {
		v.problem("gói không có manifest.json đọc được")
		return
	}
	listed := map[string]bool{"manifest.json": true}
	for _, f := range man.Files {
		listed[f.Name] = true
		b, ok := parts[f.Name]
		sum := sha256.Sum256(b)
		got := hex.EncodeToString(sum[:])
		check := FileCheck{Name: f.Name, SHA256: got, OK: ok && got == f.SHA256}
		v.Files = append(v.Files, check)
		switch {
		case !ok:
			v.problem("%s: có trong manifest.json nhưng không có trong gói", f.Name)
		case !check.OK:
			v.problem("%s: mã băm SHA-256 khác với manifest.json: tệp đã bị thay đổi", f.Name)
		}
	}
	for name := range parts {
		if !listed[name] {
			v.problem("%s: có trong gói nhưng không có trong manifest.json", name)
		}
	}
	if man.State != postgres.ReportIssued {
		v.problem("gói là bản dự thảo, chưa được ban hành và ký số")
	}
	signedFiles := map[string]bool{}
	for _, s := range man.Signatures {
		signedFiles[s.File] = true
	}
	for _, f := range man.Files {
		if strings.HasSuffix(strings.ToLower(f.Name), ".pdf") && (signedFiles[f.Name] || man.State == postgres.ReportIssued) {
			v.checkPDF(f.Name, parts[f.Name])
		}
	}
}
