package web

import (
	"errors"
	"net/http"
	"strconv"

	"baocao/internal/domain"
)

type tokensData struct {
	Tokens   []domain.APIToken
	NewToken string
	NewName  string
	// Name is what was typed in a refused form, shown again.
	Name    string
	Error   string
	Revoked bool
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, tokensData{Revoked: r.URL.Query().Get("revoked") == "1"})
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, data tokensData) {
	u, _ := userFrom(r.Context())
	tokens, err := s.deps.Auth.Tokens(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data.Tokens = tokens
	s.render(w, r, status, "tokens.html", data)
}

func (s *Server) tokensCreate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	u, _ := userFrom(r.Context())
	name := r.PostForm.Get("name")
	token, _, err := s.deps.Auth.IssueToken(r.Context(), u, name, r.PostForm.Get("password"), clientIP(r))
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		s.renderTokens(w, r, http.StatusUnprocessableEntity, tokensData{Error: tokenFieldMessage(fe), Name: name})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Shown once, in the response to the request that made it; the page
	// is not cached.
	s.renderTokens(w, r, http.StatusCreated, tokensData{NewToken: token, NewName: name})
}

// tokenFieldMessage explains a refused token form, naming the field.
func tokenFieldMessage(fe *domain.FieldError) string {
	if m, ok := tokenFieldMessages[fe.Field+"/"+fe.Code]; ok {
		return m
	}
	return fieldMessage(fe)
}

func (s *Server) tokensRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, domain.ErrNotFound)
		return
	}
	u, _ := userFrom(r.Context())
	if err := s.deps.Auth.RevokeToken(r.Context(), u, id, clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/tokens?revoked=1", http.StatusSeeOther)
}
