package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/signing"
)

// Verdict is what a check of a report file finds: each file against the
// package's manifest, and each signature against the bytes it covers;
// for a stored file, also the snapshot it was made from.
type Verdict struct {
	OK         bool                `json:"ok"`
	Files      []FileCheck         `json:"files"`
	Signatures []signing.Signature `json:"signatures"`
	// Snapshot is the check of a stored file's snapshot; nil for a file
	// at hand, which does not carry its snapshot.
	Snapshot *SnapshotCheck `json:"snapshot,omitempty"`
	// Problems say in Vietnamese what failed.
	Problems []string `json:"problems"`
}

// SnapshotCheck is a stored snapshot's content hash computed again, by the
// version it was stored with.
type SnapshotCheck struct {
	Hash        string `json:"hash"`
	HashVersion int    `json:"hash_version"`
	OK          bool   `json:"ok"`
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
	v, _ := verify(name, data)
	return v
}

// verify is Verify, also returning a package's manifest (nil for a PDF,
// or a package without a readable one).
func verify(name string, data []byte) (Verdict, *manifest) {
	v := Verdict{Files: []FileCheck{}, Signatures: []signing.Signature{}, Problems: []string{}}
	var man *manifest
	if bytes.HasPrefix(data, []byte("PK")) {
		man = v.checkPackage(data)
	} else {
		sum := sha256.Sum256(data)
		v.Files = append(v.Files, FileCheck{Name: path.Base(name), SHA256: hex.EncodeToString(sum[:]), OK: true})
		v.checkPDF(path.Base(name), data)
	}
	v.OK = len(v.Problems) == 0
	return v, man
}

// VerifyStored checks a stored report file as Verify does, and the
// snapshot it was made from: its content hash, computed again by the
// version it was stored with, must be the stored one, and a package's
// manifest must name that hash.
func (s *Service) VerifyStored(ctx context.Context, reportID int64) (Verdict, error) {
	rep, err := postgres.GetReport(ctx, s.pool, reportID)
	if err != nil {
		return Verdict{}, err
	}
	row, err := postgres.SnapshotHeadByID(ctx, s.pool, rep.SnapshotID)
	if err != nil {
		return Verdict{}, err
	}
	v, man := verify(rep.Filename, rep.Data)
	snap := row.Snapshot
	v.Snapshot = &SnapshotCheck{Hash: snap.Hash, HashVersion: snap.HashVersion, OK: snap.HashHolds()}
	if !v.Snapshot.OK {
		v.problem("số liệu tổng hợp (snapshot %d) không còn khớp mã băm %s đã lưu: dữ liệu đã bị thay đổi", row.ID, snap.Hash)
	}
	if man != nil && man.SnapshotHash != snap.Hash {
		v.problem("manifest.json ghi mã băm số liệu %s, khác với số liệu đã lưu (%s)", man.SnapshotHash, snap.Hash)
	}
	v.OK = len(v.Problems) == 0
	return v, nil
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

// checkPackage checks a package and returns its manifest, nil when it
// has no readable one.
func (v *Verdict) checkPackage(data []byte) *manifest {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		v.problem("tệp không phải gói báo cáo (ZIP) đọc được: %v", err)
		return nil
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
		return nil
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
	if man.State != domain.ReportIssued {
		v.problem("gói là bản dự thảo, chưa được ban hành và ký số")
	}
	signedFiles := map[string]bool{}
	for _, s := range man.Signatures {
		signedFiles[s.File] = true
	}
	for _, f := range man.Files {
		if strings.HasSuffix(strings.ToLower(f.Name), ".pdf") && (signedFiles[f.Name] || man.State == domain.ReportIssued) {
			v.checkPDF(f.Name, parts[f.Name])
		}
	}
	return &man
}
