package web

import (
	"encoding/json"
	"net/http"
	"time"
)

// vnTime is the zone every time is shown in.
var vnTime = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}()

// apiError is the JSON error body of every /api/ response.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details []any  `json:"details,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeAPIError(w http.ResponseWriter, status int, code, message string, details ...any) {
	writeJSON(w, status, map[string]apiError{"error": {Code: code, Message: message, Details: details}})
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
	return len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/"
}
