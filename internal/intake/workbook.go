package intake

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
	"baocao/internal/submission"
	"baocao/internal/xlsxform"
)

// MaxUploadSize bounds an uploaded workbook.
const MaxUploadSize = 10 << 20

// identity is what a workbook of v must carry to be imported into it.
func identity(v *View) xlsxform.Identity {
	return xlsxform.Identity{Round: v.Round.Code, Unit: v.Sub.UnitCode, CatalogVersion: v.Round.CatalogVersionID,
		FormChecksum: xlsxform.Checksum(v.Spec)}
}

// Workbook renders the unit's form for the round, prefilled with its
// current values, and a file name for it.
func (s *Service) Workbook(ctx context.Context, u access.User, roundCode, unit string) ([]byte, string, error) {
	v, err := s.Get(ctx, u, roundCode, unit)
	if err != nil {
		return nil, "", err
	}
	data, err := xlsxform.Write(v.Spec, identity(v), xlsxform.Cover{UnitName: v.Unit.Name, RoundTitle: v.Round.Title,
		FormTitle: v.Spec.Form.Title, DueAt: v.Round.DueAt, DataWindow: catalog.DataWindowText(v.Round.DataFrom, v.Round.Cutoff)}, v.Content)
	if err != nil {
		return nil, "", fmt.Errorf("render workbook: %w", err)
	}
	return data, fmt.Sprintf("%s_%s_r%d.xlsx", v.Round.Code, strings.ToLower(v.Sub.UnitCode), v.Sub.Revision), nil
}

// ErrNotWorkbook refuses an upload that is not an .xlsx file at all.
var ErrNotWorkbook = &domain.FieldError{Field: "file", Code: "not_workbook"}

// Upload stores a workbook for the unit's submission and, in the same
// transaction, inserts its import job; it returns the job's id. A retry
// with the same idempotency key returns the first upload's job.
func (s *Service) Upload(ctx context.Context, u access.User, roundCode, unit, filename string, data []byte, key string) (int64, error) {
	if !access.Allow(u, access.WriteSubmission, unit) {
		return 0, domain.ErrForbidden
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return 0, ErrNotWorkbook
	}
	var jobID int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		v, err := s.load(ctx, tx, u, roundCode, unit, true)
		if err != nil {
			return err
		}
		if key != "" {
			prev, err := postgres.UploadByKey(ctx, tx, v.Sub.ID, key)
			if err == nil && prev.JobID != nil {
				jobID = *prev.JobID
				return nil
			}
			if err != nil && !errors.Is(err, domain.ErrNotFound) {
				return err
			}
		}
		if err := editable(v, s.Now()); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		up := domain.Upload{SubmissionID: v.Sub.ID, UserID: u.ID, Filename: filename, Size: int64(len(data)),
			SHA256: hex.EncodeToString(sum[:]), Data: data}
		if key != "" {
			up.IdempotencyKey = &key
		}
		id, err := postgres.InsertUpload(ctx, tx, up)
		if err != nil {
			return err
		}
		res, err := s.jobs.InsertTx(ctx, tx, jobargs.ImportArgs{UploadID: id, UserID: u.ID, Round: roundCode, Unit: unit}, nil)
		if err != nil {
			return fmt.Errorf("import upload %d: %w", id, err)
		}
		jobID = res.Job.ID
		return postgres.SetUploadJob(ctx, tx, id, jobID)
	})
	return jobID, err
}

// ImportResult is what an import job reports.
type ImportResult struct {
	// Revision is the revision the workbook became; 0 when refused or
	// when it changed nothing.
	Revision int    `json:"revision"`
	Status   string `json:"status,omitempty"`
	// Problems say why the workbook was refused, by sheet and cell.
	Problems []string `json:"problems"`
	// Errors and Warnings count the findings on the saved content.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// Import reads an uploaded workbook and saves it as a revision with source
// excel, as the user who uploaded it. A workbook that cannot be accepted
// changes nothing; the result lists its problems. A workbook that ctx ends
// before it is read is one of those: it is refused, not read again.
func (s *Service) Import(ctx context.Context, uploadID int64) (ImportResult, error) {
	up, err := postgres.GetUpload(ctx, s.pool, uploadID)
	if err != nil {
		return ImportResult{}, err
	}
	u, err := postgres.UserByID(ctx, s.pool, up.UserID)
	if err != nil {
		return ImportResult{}, err
	}
	roundCode, unit, err := postgres.SubmissionRef(ctx, s.pool, up.SubmissionID)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import upload %d: %w", uploadID, err)
	}
	v, err := s.Get(ctx, u, roundCode, unit)
	if errors.Is(err, domain.ErrForbidden) {
		return ImportResult{Problems: []string{msgImportForbidden}}, nil
	}
	if err != nil {
		return ImportResult{}, err
	}
	change, problems, err := xlsxform.Read(ctx, up.Data, v.Spec, identity(v), xlsxform.Limits{MaxFileSize: MaxUploadSize})
	if err != nil {
		return ImportResult{}, err
	}
	if len(problems) > 0 {
		return ImportResult{Problems: problemStrings(problems)}, nil
	}
	saved, err := s.Save(ctx, u, roundCode, unit, Save{Change: change, Source: SourceExcel,
		IdempotencyKey: fmt.Sprintf("upload:%d", uploadID)})
	var values *ValuesError
	switch {
	case errors.As(err, &values):
		out := make([]string, 0, len(values.Errors))
		for _, e := range values.Errors {
			out = append(out, importProblem(v.Spec, e))
		}
		return ImportResult{Problems: out}, nil
	case errors.Is(err, domain.ErrLocked):
		return ImportResult{Problems: []string{msgImportLocked}}, nil
	case errors.As(err, new(*SubmittedError)):
		return ImportResult{Problems: []string{msgImportSubmitted}}, nil
	case err != nil:
		return ImportResult{}, err
	}
	res := ImportResult{Status: string(saved.Sub.Status), Problems: []string{}}
	if saved.Sub.Revision != v.Sub.Revision {
		res.Revision = saved.Sub.Revision // a workbook that changed nothing made no revision
	}
	for _, i := range saved.Issues {
		if i.Severity == "error" {
			res.Errors++
		} else if !i.Explained {
			res.Warnings++
		}
	}
	return res, nil
}

// importProblem names a refused value of a workbook by its cell, its
// indicator (code, name and the cell's breakdown) and what was wrong:
// "'Biểu 5'!D27 — QT07 Số cuộc thanh tra…: cần một số nguyên không âm,
// đã nhận 'năm'".
func importProblem(spec *submission.FormSpec, e submission.ValueError) string {
	where := cmp.Or(e.Where, e.Field)
	is, ok := spec.Indicator(e.Indicator)
	if !ok {
		return where + ": " + e.Message
	}
	what := is.Code + " " + is.Name
	if cell, ok := spec.Cell(submission.CellKey(is.Code, is.Indicator.Dimensions, e.Disaggregation)); ok && cell.Label() != "" {
		what += " (" + cell.Label() + ")"
	}
	return fmt.Sprintf(msgImportValue, where, what, e.Message)
}

func problemStrings(ps []xlsxform.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// Messages of the import, for agencies.
const (
	msgImportForbidden = "Tài khoản tải tệp lên không còn quyền nhập số liệu cho đơn vị này."
	msgImportLocked    = "Báo cáo đã được tiếp nhận hoặc kỳ báo cáo đã khóa; tệp không được nhập."
	// msgImportValue is a refused value: cell, indicator, what was wrong.
	msgImportValue     = "%s — %s: %s"
	msgImportSubmitted = "Báo cáo đã nộp nên tệp không được nhập. Muốn sửa, hãy rút lại báo cáo (nút «Rút lại để sửa»), tải tệp lên lại rồi nộp lại."
)
