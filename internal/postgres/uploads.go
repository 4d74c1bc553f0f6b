package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"baocao/internal/domain"
)

// InsertUpload stores an upload and returns its id.
func InsertUpload(ctx context.Context, db DBTX, u domain.Upload) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO uploads (submission_id, user_id, filename, size, sha256, data, idempotency_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.SubmissionID, u.UserID, u.Filename, u.Size, u.SHA256, u.Data, u.IdempotencyKey).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store upload: %w", err)
	}
	return id, nil
}

// SetUploadJob records the job that imports an upload.
func SetUploadJob(ctx context.Context, db DBTX, uploadID, jobID int64) error {
	if _, err := db.Exec(ctx, "UPDATE uploads SET job_id = $2 WHERE id = $1", uploadID, jobID); err != nil {
		return fmt.Errorf("record import job: %w", err)
	}
	return nil
}

const uploadColumns = "id, submission_id, user_id, filename, size, sha256, data, created_at, job_id, idempotency_key"

// GetUpload returns an upload.
func GetUpload(ctx context.Context, db DBTX, id int64) (domain.Upload, error) {
	return queryOne(ctx, db, "read upload", pgx.RowToStructByPos[domain.Upload], "SELECT "+uploadColumns+" FROM uploads WHERE id = $1", id)
}

// UploadByKey returns the upload made with an idempotency key.
func UploadByKey(ctx context.Context, db DBTX, submissionID int64, key string) (domain.Upload, error) {
	return queryOne(ctx, db, "read upload", pgx.RowToStructByPos[domain.Upload],
		"SELECT "+uploadColumns+" FROM uploads WHERE submission_id = $1 AND idempotency_key = $2", submissionID, key)
}
