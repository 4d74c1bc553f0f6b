package jobargs

import "github.com/riverqueue/river"

// ImportArgs asks to import an uploaded workbook into its submission.
type ImportArgs struct {
	UploadID int64 `json:"upload_id"`
	// UserID is who uploaded it: the one who may read the job's result.
	UserID int64 `json:"user_id"`
	// Round and Unit name the submission, for the way back to it from
	// the job's page (empty in jobs queued before they were added).
	Round string `json:"round,omitempty"`
	Unit  string `json:"unit,omitempty"`
}

// Kind implements river.JobArgs.
func (ImportArgs) Kind() string { return "import_workbook" }

// InsertOpts puts imports on their own queue; an upload is imported once.
func (ImportArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueImports, MaxAttempts: 5,
		UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
