package reports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/consolidate"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/signing"
)

// Signing is how the official version is signed and shown signed: the
// issuer's identity, and the images of its seal and its signer's
// signature (PNG; nil draws none).
type Signing struct {
	Identity                  *signing.Identity
	SealImage, SignatureImage []byte
}

// ErrNotIssued refuses to mark final or forward a set that was not issued.
var ErrNotIssued = fmt.Errorf("the report set is a draft, not issued: %w", domain.ErrConflict)

// ErrCannotSign refuses to issue without a signing certificate.
var ErrCannotSign = fmt.Errorf("%w: %w", signing.ErrNoIdentity, domain.ErrConflict)

// Issue makes report set number of the round official: the PDF and the
// workbook rendered again from the same snapshot without "DỰ THẢO", with
// the number and the date of issue, the PDF signed with the issuer's
// certificate, and a package whose manifest lists each file's checksum
// and the signature. The official files are stored beside the draft's,
// which stay as they were. Issuing an issued set answers it again.
func (s *Service) Issue(ctx context.Context, u access.User, roundCode string, number int, ip string) ([]domain.Report, error) {
	if !access.Allow(u, access.IssueReports, "") {
		return nil, domain.ErrForbidden
	}
	return s.IssueAt(ctx, u, roundCode, number, ip, s.Now())
}

// IssueAt issues as Issue does, dated at: the demo's past rounds were
// issued on their own day. It does not ask the policy.
func (s *Service) IssueAt(ctx context.Context, u access.User, roundCode string, number int, ip string, at time.Time) ([]domain.Report, error) {
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return nil, err // domain.ErrNotFound, naming the round, when there is none
	}
	if done, err := postgres.ReportSet(ctx, s.pool, r.ID, number, domain.ReportIssued); err == nil {
		return done, nil
	} else if !errors.Is(err, domain.ErrNotFound) {
		return nil, err
	}
	draft, err := postgres.ReportSet(ctx, s.pool, r.ID, number, domain.ReportDraft)
	if err != nil {
		return nil, err
	}
	if s.Signing.Identity == nil {
		return nil, ErrCannotSign
	}
	snapRow, err := postgres.SnapshotByID(ctx, s.pool, draft[0].SnapshotID)
	if err != nil {
		return nil, err
	}
	cat, err := s.intake.Catalog(ctx, s.pool, r.CatalogVersionID)
	if err != nil {
		return nil, err
	}
	loc := cat.Location()
	roles, err := cat.RolesOn(cat.LocalDay(at))
	if err != nil {
		return nil, fmt.Errorf("issue report of %s on %s: %w", r.Code, at.In(loc).Format(time.DateOnly), err)
	}
	at = at.Truncate(time.Second) // as the signature records it
	numberSymbol := fmt.Sprintf("%02d/%s", number, roles.Issuer.NumberSymbol)
	meta := consolidate.Meta{Number: number, Date: at, Issued: true, Roles: roles,
		Signature: &consolidate.SignatureMark{Agency: roles.Issuer.IssuingBody, NumberSymbol: numberSymbol, SignedAt: at,
			SignerImage: s.Signing.SignatureImage, SealImage: s.Signing.SealImage}}
	snap := snapRow.Snapshot
	var pdfData, xlsxData, zipData bytes.Buffer
	report, err := s.render.PDF(snap, meta)
	if err == nil {
		_, err = report.WriteTo(&pdfData)
	}
	if err != nil {
		return nil, fmt.Errorf("render official PDF: %w", err)
	}
	signed, err := s.Signing.Identity.SignPDF(pdfData.Bytes(), signing.Info{Name: roles.Issuer.IssuingBody, Location: roles.Issuer.Place,
		Reason: "Ban hành báo cáo số " + numberSymbol, Date: at})
	if err != nil {
		return nil, err
	}
	if err := s.render.XLSX(&xlsxData, snap, meta); err != nil {
		return nil, fmt.Errorf("render official workbook: %w", err)
	}
	base := strings.TrimSuffix(draft[0].Filename, ".pdf") // the set's files are ordered pdf, xlsx, zip
	files := []domain.Report{
		{Format: "pdf", Filename: base + "_ban-hanh.pdf", Data: signed, Signed: true},
		{Format: "xlsx", Filename: base + "_ban-hanh.xlsx", Data: xlsxData.Bytes()},
	}
	sigs := signing.VerifyPDF(signed)
	if len(sigs) != 1 || !sigs[0].OK {
		return nil, fmt.Errorf("issue report %s: the signed PDF does not verify: %+v", numberSymbol, sigs)
	}
	err = pack(&zipData, snap, meta, entriesOf(files), []manifestSignature{{File: files[0].Filename, Signer: s.Signing.Identity.Name(),
		Organization: strings.Join(s.Signing.Identity.Cert.Subject.Organization, ", "), SignedAt: at.In(loc).Format(time.RFC3339),
		CertificateSHA256: certSum(s.Signing.Identity), TestCertificate: s.Signing.Identity.Test}})
	if err != nil {
		return nil, err
	}
	files = append(files, domain.Report{Format: "zip", Filename: base + "_ban-hanh.zip", Data: zipData.Bytes()})
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.LockKey(ctx, tx, "reports:"+r.Code); err != nil {
			return err
		}
		if _, err := postgres.ReportSet(ctx, tx, r.ID, number, domain.ReportIssued); err == nil {
			return errIssuedMeanwhile
		}
		by := u.Username
		for i, f := range files {
			sum := sha256.Sum256(f.Data)
			f.RoundID, f.SnapshotID, f.Number, f.Year = r.ID, draft[0].SnapshotID, number, draft[0].Year
			f.Size, f.SHA256, f.State, f.IssuedAt, f.IssuedBy = int64(len(f.Data)), hex.EncodeToString(sum[:]), domain.ReportIssued, &at, &by
			id, err := postgres.InsertReport(ctx, tx, f)
			if err != nil {
				return err
			}
			files[i] = f
			files[i].ID = id
		}
		var actorID *int64
		if u.ID != 0 {
			actorID = &u.ID
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{At: at, ActorID: actorID, Actor: u.Username, Action: "report_issued",
			Target: fmt.Sprintf("%s/%d", r.Code, number), IP: ip,
			Details: map[string]any{"number": numberSymbol, "signer": s.Signing.Identity.Name(), "test_certificate": s.Signing.Identity.Test}})
	})
	if errors.Is(err, errIssuedMeanwhile) {
		return postgres.ReportSet(ctx, s.pool, r.ID, number, domain.ReportIssued)
	}
	return files, err
}

var errIssuedMeanwhile = errors.New("issued meanwhile")

func certSum(id *signing.Identity) string {
	sum := sha256.Sum256(id.Cert.Raw)
	return hex.EncodeToString(sum[:])
}

// PastReport makes a round's report as it was made on day at, and has
// leader issue it an hour later, each by the service's own path: how the
// demo plays its past rounds. Without a signing identity the report stays
// a draft.
func (s *Service) PastReport(ctx context.Context, round string, at time.Time, leader access.User) (int, error) {
	past := *s
	past.Now = func() time.Time { return at }
	past.Notices = nil // a report of the past is news to nobody
	res, err := past.Generate(ctx, round, false)
	if err != nil || s.Signing.Identity == nil {
		return res.Number, err
	}
	_, err = past.IssueAt(ctx, leader, round, res.Number, "", at.Add(time.Hour))
	return res.Number, err
}
