package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/intake"
	"baocao/internal/ops"
	"baocao/internal/reports"
	"baocao/internal/rounds"
	"baocao/internal/submission"
)

// vnTime is the zone every time is shown in.
var vnTime = catalog.Vietnam

// apiError is the JSON error body of every /api/ response.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []any  `json:"details,omitempty"`
	// CurrentRevision is, in a 409 for a stale revision, the revision a
	// client must read and build on.
	CurrentRevision *int `json:"current_revision,omitempty"`
}

// fieldDetail names one invalid field of a request.
type fieldDetail struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeAPIError(w http.ResponseWriter, status int, code, message string, details ...any) {
	writeError(w, status, apiError{Code: code, Message: message, Details: details})
}

func writeError(w http.ResponseWriter, status int, e apiError) {
	writeJSON(w, status, map[string]apiError{"error": e})
}

// problem is how an error is answered: its status, its code and message,
// and what the answer adds.
type problem struct {
	status  int
	code    string
	message string
	details []any
	// current is, in a 409 for a stale revision, the revision to read.
	current *int
	// retryAfter, when set, is the Retry-After header's value.
	retryAfter string
}

// problemOf is the one place where domain errors become status codes. ok
// is false for an error nobody expected, which is the server's fault.
func (s *Server) problemOf(r *http.Request, err error) (p problem, ok bool) {
	var (
		field   *domain.FieldError
		thr     *auth.ThrottledError
		tooBig  *http.MaxBytesError
		values  *intake.ValuesError
		blocked *intake.BlockedError
		exists  *rounds.ExistsError
		subm    *intake.SubmittedError
		wrong   *intake.StatusError
		stale   *intake.StaleError
		broken  catalog.Problems
		refused *catalog.ArchiveError
	)
	switch {
	case errors.As(err, &values):
		p = problem{status: http.StatusUnprocessableEntity, code: "invalid_values", message: msgInvalidValues}
		for _, e := range values.Errors {
			p.details = append(p.details, valueErrorJSON(e))
		}
	case errors.As(err, &broken):
		p = problem{status: http.StatusUnprocessableEntity, code: "invalid_catalog", message: msgInvalidCatalog}
		for _, b := range broken {
			p.details = append(p.details, problemJSON{File: b.File, Line: b.Line, Message: b.Message})
		}
	case errors.As(err, &refused):
		p = problem{status: http.StatusUnprocessableEntity, code: "invalid_archive", message: refused.Message}
	case errors.As(err, &blocked):
		p = problem{status: http.StatusUnprocessableEntity, code: "blocked", message: msgBlocked}
		for _, i := range blocked.Issues {
			if i.Blocks() {
				p.details = append(p.details, i)
			}
		}
	case errors.As(err, &exists):
		p = problem{status: http.StatusConflict, code: "annual_round_exists",
			message: fmt.Sprintf(msgAnnualExists, exists.Round.Year, exists.Round.Code, exists.Round.Title),
			details: []any{map[string]any{"field": "year", "round": exists.Round.Code}}}
	case errors.As(err, &subm):
		path := withdrawPath(subm.Round, subm.Unit)
		p = problem{status: http.StatusConflict, code: "submitted", message: fmt.Sprintf(msgSubmittedLocked, path),
			details: []any{map[string]any{"withdraw": path}}}
	case errors.As(err, &wrong):
		p = problem{status: http.StatusConflict, code: "status", message: fmt.Sprintf(msgWrongStatus, statusNames[wrong.Status]),
			details: []any{map[string]any{"status": wrong.Status}}}
	case errors.As(err, &stale):
		p = problem{status: http.StatusConflict, code: "conflict", message: fmt.Sprintf(msgStale, stale.Current), current: &stale.Current}
	case errors.Is(err, reports.ErrNotIssued):
		p = problem{status: http.StatusConflict, code: "not_issued", message: msgNotIssued}
	case errors.Is(err, reports.ErrCannotSign):
		p = problem{status: http.StatusConflict, code: "cannot_sign", message: msgCannotSign}
	case errors.Is(err, domain.ErrLocked):
		p = problem{status: http.StatusLocked, code: "locked", message: msgLocked}
	case errors.As(err, &field):
		p = problem{status: http.StatusUnprocessableEntity, code: "invalid", message: fieldMessage(field),
			details: []any{fieldDetail{Field: field.Field, Code: field.Code, Message: fieldMessage(field)}}}
	case errors.As(err, &thr):
		p = problem{status: http.StatusTooManyRequests, code: "throttled", message: msgThrottled, retryAfter: retryAfter(thr.RetryAfter)}
	case errors.As(err, &tooBig):
		p = problem{status: http.StatusRequestEntityTooLarge, code: "too_large", message: msgTooLarge}
	case errors.Is(err, errBadRequest):
		p = problem{status: http.StatusBadRequest, code: "bad_request", message: msgBadRequest}
	case errors.Is(err, auth.ErrBadCredentials):
		p = problem{status: http.StatusUnauthorized, code: "bad_credentials", message: msgBadCredentials}
	case errors.Is(err, domain.ErrUnauthorized):
		p = problem{status: http.StatusUnauthorized, code: "unauthorized", message: msgUnauthorized}
	case errors.Is(err, errNeedsSession):
		p = problem{status: http.StatusForbidden, code: "session_required", message: msgNeedsSession}
	case errors.Is(err, domain.ErrForbidden):
		p = problem{status: http.StatusForbidden, code: "forbidden", message: msgForbidden}
	case errors.Is(err, domain.ErrNotFound):
		p = problem{status: http.StatusNotFound, code: "not_found", message: msgNotFoundAPI}
	case errors.Is(err, domain.ErrConflict):
		p = problem{status: http.StatusConflict, code: "conflict", message: msgConflict}
	case ops.DatabaseUnavailable(err):
		// A database restart or failover: the request's transaction rolled
		// back, and the same request may be sent again shortly.
		s.deps.Logger.WarnContext(r.Context(), "database unavailable", "method", r.Method, "route", r.Pattern, "err", err)
		p = problem{status: http.StatusServiceUnavailable, code: "unavailable", message: msgUnavailable, retryAfter: retryAfter(unavailableRetry)}
	default:
		return problem{}, false
	}
	return p, true
}

// fail turns an error into its response (problemOf). Unexpected errors
// are logged and answered 500 without detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p, ok := s.problemOf(r, err)
	if !ok {
		s.deps.Logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", r.Pattern, "err", err)
		s.internalError(w, r)
		return
	}
	if p.retryAfter != "" {
		w.Header().Set("Retry-After", p.retryAfter)
	}
	if isAPI(r) {
		writeError(w, p.status, apiError{Code: p.code, Message: p.message, Details: p.details, CurrentRevision: p.current})
		return
	}
	title := msgErrorTitle
	if p.status == http.StatusForbidden {
		title = msgForbiddenTitle
	}
	s.render(w, r, p.status, "error.html", map[string]string{"Title": title, "Message": p.message})
}

// valueErrorJSON is a malformed value as 422 details name it.
func valueErrorJSON(e submission.ValueError) map[string]any {
	d := map[string]any{"code": e.Code, "message": e.Message}
	if e.Indicator != "" {
		d["indicator"] = e.Indicator
		dis := e.Disaggregation
		if dis == nil {
			dis = submission.Disaggregation{}
		}
		d["disaggregation"] = dis
	}
	if e.Field != "" {
		d["field"] = e.Field
	}
	if e.Where != "" {
		d["where"] = e.Where
	}
	return d
}

// unavailableRetry is how soon a client may try again when the database is
// out of reach: about what a PostgreSQL restart takes.
const unavailableRetry = 2 * time.Second

// errNeedsSession refuses an API token what only a person signed in with
// a password may do.
var errNeedsSession = fmt.Errorf("needs a sign-in session, not an API token: %w", domain.ErrForbidden)

// errBadRequest is a request that cannot be read (malformed JSON, say).
var errBadRequest = errors.New("bad request")

func fieldMessage(e *domain.FieldError) string {
	if m, ok := fieldMessages[e.Code]; ok {
		return m
	}
	return msgInvalidField + " (" + e.Field + ")"
}

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeAPIError(w, http.StatusNotFound, "not_found", msgNotFoundAPI)
}

func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error.html", map[string]string{"Title": msgNotFoundTitle, "Message": msgNotFoundPage})
}

// internalError answers a failure the user cannot fix, without details.
func (s *Server) internalError(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		writeAPIError(w, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	s.render(w, r, http.StatusInternalServerError, "error.html", map[string]string{"Title": msgInternalTitle, "Message": msgInternal})
}

func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func itoa(n int) string { return strconv.Itoa(n) }
