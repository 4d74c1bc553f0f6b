package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/catalog"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
)

// Result is what one generation produced.
type Result struct {
	SnapshotID int64   `json:"snapshot_id"`
	Hash       string  `json:"hash"`
	New        bool    `json:"new"`
	Number     int     `json:"number,omitempty"`
	Reports    []int64 `json:"reports"`
}

// StaffNotifier tells staff about new reports, in the transaction that
// stores them (rounds.Service, which keeps the outbox).
type StaffNotifier interface {
	NotifyStaff(ctx context.Context, tx pgx.Tx, r domain.Round, subject, body, key string) error
}

// Generate consolidates the round and, when the snapshot is new (or has
// no files yet), renders the PDF, the workbook and the package for the
// Ministry under the issuer's next number, and stores them, all in one
// transaction: a failure or a killed worker leaves no snapshot, no file
// and no spent number behind. Unchanged data produces nothing new. Staff
// are told of a new report through Notices, in that transaction.
func (s *Service) Generate(ctx context.Context, roundCode string, includeUnreviewed bool) (Result, error) {
	snap, round, err := s.Consolidate(ctx, roundCode, includeUnreviewed)
	if err != nil {
		return Result{}, err
	}
	cat, err := s.intake.Catalog(ctx, s.pool, round.CatalogVersionID)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.LockKey(ctx, tx, "reports:"+round.Code); err != nil {
			return err
		}
		row, isNew, err := storeSnapshot(ctx, tx, round.ID, snap)
		if err != nil {
			return err
		}
		res = Result{SnapshotID: row.ID, Hash: row.Hash, Reports: []int64{}}
		if have, err := postgres.HasReports(ctx, tx, row.ID); err != nil || have {
			return err
		}
		res.New = isNew
		// The units' figures the report prints, read from the revisions the
		// snapshot counted, in this transaction.
		if err := postgres.AttachUnits(ctx, tx, round.ID, snap); err != nil {
			return err
		}
		loc := cat.Location()
		now := s.Now()
		// The report is issued by, sent to and signed for those in force on
		// the day it is issued.
		roles, err := cat.RolesOn(cat.LocalDay(now))
		if err != nil {
			return fmt.Errorf("report of %s on %s: %w", round.Code, now.In(loc).Format(time.DateOnly), err)
		}
		issuer := roles.Issuer
		number, err := postgres.NextReportNumber(ctx, tx, issuer.Unit+"/"+issuer.NumberSymbol, now.In(loc).Year())
		if err != nil {
			return err
		}
		res.Number = number
		meta := consolidate.Meta{Number: number, Date: now, Roles: roles}
		base := fmt.Sprintf("BaoCao_%02d-%s_%s", number, strings.ReplaceAll(issuer.NumberSymbol, "/", "-"), round.Code)
		files, err := newSpool()
		if err != nil {
			return err
		}
		defer files.remove()
		if err := files.add("xlsx", base+".xlsx", func(w io.Writer) error { return s.render.XLSX(w, snap, meta) }); err != nil {
			return fmt.Errorf("render workbook: %w", err)
		}
		report, err := s.render.PDF(snap, meta)
		if err != nil {
			return fmt.Errorf("render PDF: %w", err)
		}
		// The workbook written and the report laid out, the units' figures
		// (tens of megabytes at national size) are needed no more: not
		// while the report is drawn, nor for the package and the notice.
		dropUnits(snap)
		if err := files.add("pdf", base+".pdf", func(w io.Writer) error { _, err := report.WriteTo(w); return err }); err != nil {
			return fmt.Errorf("render PDF: %w", err)
		}
		inside := files.entries()
		if err := files.add("zip", base+".zip", func(w io.Writer) error { return pack(w, snap, meta, inside, nil) }); err != nil {
			return err
		}
		year := now.In(loc).Year()
		res.Reports, err = files.store(ctx, tx, func(f *domain.Report) {
			f.RoundID, f.SnapshotID, f.Number, f.Year = round.ID, row.ID, number, year
		})
		if err != nil {
			return err
		}
		if s.Notices == nil {
			return nil
		}
		c := snap.Completeness
		body := fmt.Sprintf("Hệ thống đã tổng hợp và tạo báo cáo số %02d/%s cho kỳ \"%s\" (dự thảo): %d/%d đơn vị đã gửi, "+
			"số liệu từ %d báo cáo. Tải báo cáo PDF, Excel và gói gửi Bộ tại trang /rounds/%s/reports.",
			number, issuer.NumberSymbol, round.Title, c.Submitted, c.Expected, c.Included, round.Code)
		return s.Notices.NotifyStaff(ctx, tx, round, fmt.Sprintf("Báo cáo tổng hợp số %02d/%s — %s", number, issuer.NumberSymbol, round.Title),
			body, fmt.Sprintf("report:%s:%s", round.Code, row.Hash))
	})
	return res, err
}

// manifest describes the package forwarded to the Ministry.
type manifest struct {
	Round       string `json:"round"`
	Title       string `json:"title"`
	Year        int    `json:"year"`
	PeriodStart string `json:"period_start"`
	PeriodEnd   string `json:"period_end"`
	DataFrom    string `json:"data_from"`
	Cutoff      string `json:"cutoff"`
	// DataWindow says it as the report does.
	DataWindow   string `json:"data_window"`
	Issuer       string `json:"issuer"`
	IssuingBody  string `json:"issuing_body"`
	SnapshotHash string `json:"snapshot_hash"`
	// SnapshotHashVersion is how SnapshotHash was computed
	// (consolidate.HashOf).
	SnapshotHashVersion int       `json:"snapshot_hash_version"`
	CatalogVersion      int64     `json:"catalog_version"`
	Number              string    `json:"number"`
	GeneratedAt         time.Time `json:"generated_at"`
	// State is draft or issued; an issued package lists the signatures
	// of its files.
	State      string              `json:"state"`
	Files      []manifestFile      `json:"files"`
	Signatures []manifestSignature `json:"signatures"`
}

// manifestSignature is a file's digital signature as the manifest states
// it, for a reader to compare with what their own verifier finds.
type manifestSignature struct {
	File              string `json:"file"`
	Signer            string `json:"signer"`
	Organization      string `json:"organization"`
	SignedAt          string `json:"signed_at"`
	CertificateSHA256 string `json:"certificate_sha256"`
	// TestCertificate marks development's self-signed certificate.
	TestCertificate bool `json:"test_certificate,omitempty"`
}

type manifestFile struct {
	Name   string `json:"name"`
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
}

// packEntry is a file going into the package.
type packEntry struct {
	name   string
	size   int64
	sha256 string
	open   func() (io.ReadCloser, error)
}

// entriesOf are files held in memory, as pack takes them.
func entriesOf(files []domain.Report) []packEntry {
	out := make([]packEntry, 0, len(files))
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		out = append(out, packEntry{name: f.Filename, size: int64(len(f.Data)), sha256: hex.EncodeToString(sum[:]),
			open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.Data)), nil }})
	}
	return out
}

// dropUnits lets a drawn snapshot's units' figures and narratives go.
func dropUnits(snap *consolidate.Snapshot) {
	for i := range snap.Cells {
		snap.Cells[i].Units = nil
	}
	snap.Narratives = nil
}

// pack writes to w the package of the report files with manifest.json.
func pack(w io.Writer, snap *consolidate.Snapshot, m consolidate.Meta, files []packEntry, sigs []manifestSignature) error {
	r := snap.Round
	man := manifest{Round: r.Code, Title: r.Title, Year: r.Year, PeriodStart: catalog.Day(r.PeriodStart), PeriodEnd: catalog.Day(r.PeriodEnd),
		DataFrom: catalog.Day(r.DataFrom), Cutoff: catalog.Day(r.Cutoff), DataWindow: catalog.DataWindowText(r.DataFrom, r.Cutoff),
		Issuer: m.Roles.Issuer.Unit, IssuingBody: m.Roles.Issuer.IssuingBody,
		SnapshotHash: snap.Hash, SnapshotHashVersion: snap.HashVersion, CatalogVersion: snap.CatalogVersion,
		Number: fmt.Sprintf("%02d/%s", m.Number, m.Roles.Issuer.NumberSymbol), GeneratedAt: m.Date.UTC(),
		State: domain.ReportDraft, Signatures: sigs}
	if m.Issued {
		man.State = domain.ReportIssued
	}
	if man.Signatures == nil {
		man.Signatures = []manifestSignature{}
	}
	zw := zip.NewWriter(w)
	// The PDF and the workbook are compressed already: deflating them
	// again at the default level took 1.7 s of CPU at national size for a
	// tenth of their size; the fastest level keeps most of that tenth.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, f := range files {
		man.Files = append(man.Files, manifestFile{Name: f.name, Size: int(f.size), SHA256: f.sha256})
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: m.Date})
		if err != nil {
			return fmt.Errorf("pack report: %w", err)
		}
		if err := copyFrom(w, f); err != nil {
			return fmt.Errorf("pack report: %s: %w", f.name, err)
		}
	}
	data, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return err
	}
	mw, err := zw.CreateHeader(&zip.FileHeader{Name: "manifest.json", Method: zip.Deflate, Modified: m.Date})
	if err != nil {
		return fmt.Errorf("pack report: %w", err)
	}
	if _, err := mw.Write(data); err != nil {
		return fmt.Errorf("pack report: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("pack report: %w", err)
	}
	return nil
}

// copyFrom copies a package entry's content to w.
func copyFrom(w io.Writer, f packEntry) error {
	r, err := f.open()
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = io.Copy(w, r)
	return err
}
