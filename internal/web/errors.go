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

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/intake"
	"baocao/internal/postgres"
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

// fail turns an error into its response: the one place where domain errors
// become status codes. Unexpected errors are logged and answered 500
// without detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var (
		status  int
		code    string
		message string
		details []any
		field   *access.FieldError
		thr     *auth.ThrottledError
		tooBig  *http.MaxBytesError
		values  *intake.ValuesError
		blocked *intake.BlockedError
		exists  *rounds.ExistsError
		subm    *intake.SubmittedError
		wrong   *intake.StatusError
		stale   *intake.StaleError
		current *int
		broken  catalog.Problems
		refused *catalog.ArchiveError
	)
	switch {
	case errors.As(err, &values):
		status, code, message = http.StatusUnprocessableEntity, "invalid_values", msgInvalidValues
		for _, e := range values.Errors {
			details = append(details, valueErrorJSON(e))
		}
	case errors.As(err, &broken):
		status, code, message = http.StatusUnprocessableEntity, "invalid_catalog", msgInvalidCatalog
		for _, p := range broken {
			details = append(details, problemJSON{File: p.File, Line: p.Line, Message: p.Message})
		}
	case errors.As(err, &refused):
		status, code, message = http.StatusUnprocessableEntity, "invalid_archive", refused.Message
	case errors.As(err, &blocked):
		status, code, message = http.StatusUnprocessableEntity, "blocked", msgBlocked
		for _, i := range blocked.Issues {
			if i.Blocks() {
				details = append(details, i)
			}
		}
	case errors.As(err, &exists):
		status, code = http.StatusConflict, "annual_round_exists"
		message = fmt.Sprintf(msgAnnualExists, exists.Round.Year, exists.Round.Code, exists.Round.Title)
		details = []any{map[string]any{"field": "year", "round": exists.Round.Code}}
	case errors.As(err, &subm):
		path := withdrawPath(subm.Round, subm.Unit)
		status, code, message = http.StatusConflict, "submitted", fmt.Sprintf(msgSubmittedLocked, path)
		details = []any{map[string]any{"withdraw": path}}
	case errors.As(err, &wrong):
		status, code, message = http.StatusConflict, "status", fmt.Sprintf(msgWrongStatus, statusNames[wrong.Status])
		details = []any{map[string]any{"status": wrong.Status}}
	case errors.As(err, &stale):
		status, code, message = http.StatusConflict, "conflict", fmt.Sprintf(msgStale, stale.Current)
		current = &stale.Current
	case errors.Is(err, reports.ErrNotIssued):
		status, code, message = http.StatusConflict, "not_issued", msgNotIssued
	case errors.Is(err, reports.ErrCannotSign):
		status, code, message = http.StatusConflict, "cannot_sign", msgCannotSign
	case errors.Is(err, access.ErrLocked):
		status, code, message = http.StatusLocked, "locked", msgLocked
	case errors.As(err, &field):
		status, code, message = http.StatusUnprocessableEntity, "invalid", fieldMessage(field)
		details = []any{fieldDetail{Field: field.Field, Code: field.Code, Message: fieldMessage(field)}}
	case errors.As(err, &thr):
		w.Header().Set("Retry-After", retryAfter(thr.RetryAfter))
		status, code, message = http.StatusTooManyRequests, "throttled", msgThrottled
	case errors.As(err, &tooBig):
		status, code, message = http.StatusRequestEntityTooLarge, "too_large", msgTooLarge
	case errors.Is(err, errBadRequest):
		status, code, message = http.StatusBadRequest, "bad_request", msgBadRequest
	case errors.Is(err, auth.ErrBadCredentials):
		status, code, message = http.StatusUnauthorized, "bad_credentials", msgBadCredentials
	case errors.Is(err, access.ErrUnauthorized):
		status, code, message = http.StatusUnauthorized, "unauthorized", msgUnauthorized
	case errors.Is(err, errNeedsSession):
		status, code, message = http.StatusForbidden, "session_required", msgNeedsSession
	case errors.Is(err, access.ErrForbidden):
		status, code, message = http.StatusForbidden, "forbidden", msgForbidden
	case errors.Is(err, access.ErrNotFound):
		status, code, message = http.StatusNotFound, "not_found", msgNotFoundAPI
	case errors.Is(err, access.ErrConflict):
		status, code, message = http.StatusConflict, "conflict", msgConflict
	case postgres.Unavailable(err):
		// A database restart or failover: the request's transaction rolled
		// back, and the same request may be sent again shortly.
		s.deps.Logger.WarnContext(r.Context(), "database unavailable", "method", r.Method, "route", r.Pattern, "err", err)
		w.Header().Set("Retry-After", retryAfter(unavailableRetry))
		status, code, message = http.StatusServiceUnavailable, "unavailable", msgUnavailable
	default:
		s.deps.Logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", r.Pattern, "err", err)
		s.internalError(w, r)
		return
	}
	if isAPI(r) {
		writeError(w, status, apiError{Code: code, Message: message, Details: details, CurrentRevision: current})
		return
	}
	title := msgErrorTitle
	if status == http.StatusForbidden {
		title = msgForbiddenTitle
	}
	s.render(w, r, status, "error.html", map[string]string{"Title": title, "Message": message})
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
var errNeedsSession = fmt.Errorf("needs a sign-in session, not an API token: %w", access.ErrForbidden)

// errBadRequest is a request that cannot be read (malformed JSON, say).
var errBadRequest = errors.New("bad request")

func fieldMessage(e *access.FieldError) string {
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
