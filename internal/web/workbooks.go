package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/reports"
)

func (s *Server) downloadWorkbook(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	data, name, err := s.deps.Intake.Workbook(r.Context(), u, r.PathValue("round"), pathUnit(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// receiveWorkbook reads the multipart field "file" and starts its import.
func (s *Server) receiveWorkbook(w http.ResponseWriter, r *http.Request) (int64, error) {
	r.Body = http.MaxBytesReader(w, r.Body, intake.MaxUploadSize+64<<10)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return 0, err
		}
		return 0, &domain.FieldError{Field: "file", Code: "required"}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, intake.MaxUploadSize+1))
	if err != nil {
		return 0, errBadRequest
	}
	if len(data) > intake.MaxUploadSize {
		return 0, &http.MaxBytesError{Limit: intake.MaxUploadSize}
	}
	u, _ := userFrom(r.Context())
	return s.deps.Intake.Upload(r.Context(), u, r.PathValue("round"), pathUnit(r), hdr.Filename, data,
		r.Header.Get("Idempotency-Key"))
}

func (s *Server) apiUploadWorkbook(w http.ResponseWriter, r *http.Request) {
	id, err := s.receiveWorkbook(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]int64{"job": id})
}

// pageUploadWorkbook starts the import of the page's upload and shows its
// job; a refused upload (no file, not a workbook, too large) shows the
// report's page again with the message by the file's field.
func (s *Server) pageUploadWorkbook(w http.ResponseWriter, r *http.Request) {
	id, err := s.receiveWorkbook(w, r)
	if err != nil {
		s.refusedOnPage(w, r, err, nil, uploadFieldMessages, func(f refusal) formData {
			if msg := f.Error(""); msg != "" {
				return formData{Problem: msg} // the upload's form is not shown on a submitted report
			}
			return formData{Upload: f}
		})
		return
	}
	http.Redirect(w, r, "/jobs/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// jobView is a job as its starter or staff may see it.
type jobView struct {
	ID       int64           `json:"id"`
	Kind     string          `json:"kind"`
	State    string          `json:"state"`
	Progress int             `json:"progress"`
	Result   json.RawMessage `json:"result"`
	Errors   []string        `json:"errors"`
	Created  time.Time       `json:"created_at"`
	Finished *time.Time      `json:"finished_at"`
	Back     string          `json:"-"`
	// ReportPage is, for an import, the page of the unit's report it went
	// into: where to fix what it refused, and to submit.
	ReportPage string `json:"-"`
	// Joined says the request that led here found this job already
	// waiting or running, and joined it.
	Joined bool                 `json:"-"`
	Import *intake.ImportResult `json:"-"`
	Report *reports.Result      `json:"-"`
}

// loadJob returns a job the user may see: one they started, or any for staff.
func (s *Server) loadJob(r *http.Request) (*jobView, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, domain.ErrNotFound
	}
	row, err := s.deps.Jobs.JobGet(r.Context(), id)
	if errors.Is(err, river.ErrNotFound) {
		return nil, domain.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var args struct {
		UserID int64  `json:"user_id"`
		Round  string `json:"round"`
		Unit   string `json:"unit"`
	}
	json.Unmarshal(row.EncodedArgs, &args)
	u, _ := userFrom(r.Context())
	if args.UserID != u.ID && !access.Allow(u, access.ViewJobs, "") {
		return nil, domain.ErrNotFound // others' jobs do not exist for you
	}
	v := &jobView{ID: row.ID, Kind: row.Kind, State: string(row.State), Result: json.RawMessage("null"),
		Errors: []string{}, Created: row.CreatedAt, Finished: row.FinalizedAt}
	switch row.State {
	case rivertype.JobStateCompleted:
		v.Progress = 100
	case rivertype.JobStateRunning:
		v.Progress = 50
	}
	if row.Kind == (jobargs.ConsolidateArgs{}).Kind() {
		// A report generation leads to the round's reports, where the
		// files are.
		v.Back = "/rounds/" + args.Round + "/reports"
	}
	if row.Kind == (jobargs.ImportArgs{}).Kind() && args.Round != "" && args.Unit != "" {
		v.ReportPage = "/rounds/" + url.PathEscape(args.Round) + "/submissions/" + url.PathEscape(args.Unit)
	}
	if out := row.Output(); len(out) > 0 {
		v.Result = out
		switch row.Kind {
		case (jobargs.ImportArgs{}).Kind():
			var res intake.ImportResult
			if json.Unmarshal(out, &res) == nil {
				v.Import = &res
			}
		case (jobargs.ConsolidateArgs{}).Kind():
			var res reports.Result
			if json.Unmarshal(out, &res) == nil {
				v.Report = &res
			}
		}
	}
	for _, e := range row.Errors {
		// Internal error text is for operators (River UI), not for users.
		v.Errors = append(v.Errors, "Lần chạy thứ "+strconv.Itoa(e.Attempt)+" gặp lỗi hệ thống lúc "+e.At.In(vnTime).Format("15:04:05 02/01/2006"))
	}
	return v, nil
}

func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadJob(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadJob(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Joined = r.URL.Query().Get("joined") != ""
	if v.Progress < 100 && v.State != "discarded" && v.State != "cancelled" {
		w.Header().Set("Refresh", "2") // the page follows the job until it ends
	}
	s.render(w, r, http.StatusOK, "job.html", v)
}
