package web

import (
	"net/http"
	"strconv"
	"time"

	"baocao/internal/domain"
)

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := decodeJSON(w, r, 4<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if body.Username == "" || body.Password == "" {
		field := "username"
		if body.Username != "" {
			field = "password"
		}
		s.fail(w, r, &domain.FieldError{Field: field, Code: "required"})
		return
	}
	sess, err := s.deps.Auth.Login(r.Context(), body.Username, body.Password, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.dropPreviousSession(w, r) {
		return
	}
	s.setSessionCookie(w, r, sess.Token, int(time.Until(sess.Expires).Seconds()))
	writeJSON(w, http.StatusOK, map[string]any{"token": sess.Token, "expires_at": sess.Expires.UTC()})
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{
		"username": u.Username, "role": u.Role, "unit": orNull(u.Unit),
		"display_name": u.DisplayName, "email": u.Email,
	})
}

type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Token      string     `json:"token,omitempty"`
}

func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	tokens, err := s.deps.Auth.Tokens(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]tokenJSON, 0, len(tokens))
	for _, t := range tokens {
		out = append(out, tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiTokenCreate(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decodeJSON(w, r, 4<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, _ := userFrom(r.Context())
	token, rec, err := s.deps.Auth.IssueToken(r.Context(), u, body.Name, body.Password, clientIP(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, tokenJSON{ID: rec.ID, Name: rec.Name, CreatedAt: rec.CreatedAt, Token: token})
}

func (s *Server) apiTokenRevoke(w http.ResponseWriter, r *http.Request) {
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
	w.WriteHeader(http.StatusNoContent)
}
