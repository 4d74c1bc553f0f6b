package web

import (
	"net/http"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/auth"
)

// The administrator's account API (shared/api.md, Additions). Every
// password in these answers is generated and shown this once.

// userJSON is an account as GET /api/v1/admin/users lists it.
type userJSON struct {
	Username   string      `json:"username"`
	Name       string      `json:"name"`
	Role       access.Role `json:"role"`
	Unit       *string     `json:"unit"`
	Disabled   bool        `json:"disabled"`
	LastSignIn *time.Time  `json:"last_sign_in"`
}

func toUserJSON(u access.User) userJSON {
	return userJSON{Username: u.Username, Name: u.DisplayName, Role: u.Role, Unit: orNull(u.Unit), Disabled: !u.Active, LastSignIn: u.LastSignIn}
}

// userFilterOf reads the list's filters from the query: q (part of the
// username or name), role, unit, disabled (1 or 0), signed_in (1: has
// signed in, 0: never has).
func userFilterOf(r *http.Request) access.UserFilter {
	q := r.URL.Query()
	return access.UserFilter{Search: q.Get("q"), Role: access.Role(q.Get("role")), Unit: strings.ToUpper(strings.TrimSpace(q.Get("unit"))),
		Disabled: yesNo(q.Get("disabled")), SignedIn: yesNo(q.Get("signed_in"))}
}

// yesNo reads a yes-or-no filter: "1" or "true", "0" or "false"; nil for
// anything else (no filter).
func yesNo(v string) *bool {
	var b bool
	switch v {
	case "1", "true":
		b = true
	case "0", "false":
	default:
		return nil
	}
	return &b
}

// actor is the signed-in administrator, for the audit log.
func actor(r *http.Request) auth.Actor {
	u, _ := userFrom(r.Context())
	return auth.ActorOf(u, clientIP(r))
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.deps.Auth.Accounts(r.Context(), userFilterOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]userJSON, 0, len(users))
	for _, u := range users {
		out = append(out, toUserJSON(u))
	}
	writeJSON(w, http.StatusOK, out)
}

// newUserRequest is the body of POST /api/v1/admin/users and the fields of
// the page's form.
type newUserRequest struct {
	Username string `json:"username"`
	Role     string `json:"role"`
	Unit     string `json:"unit"`
	Name     string `json:"name"`
	Email    string `json:"email"`
}

func (b newUserRequest) user() access.User {
	return access.User{Username: b.Username, Role: access.Role(strings.TrimSpace(b.Role)), Unit: strings.ToUpper(strings.TrimSpace(b.Unit)),
		DisplayName: strings.TrimSpace(b.Name), Email: b.Email}
}

func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) {
	var body newUserRequest
	if err := decodeJSON(w, r, 8<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, password, err := s.deps.Auth.CreateAccount(r.Context(), actor(r), body.user(), s.deps.Auth.KnownUnit(r.Context()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, map[string]string{"username": u.Username, "password": password})
}

func (s *Server) apiUsersBulk(w http.ResponseWriter, r *http.Request) {
	made, err := s.deps.Auth.CreateUnitAccounts(r.Context(), actor(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type madeJSON struct {
		Username string `json:"username"`
		Unit     string `json:"unit"`
		Password string `json:"password"`
	}
	out := make([]madeJSON, 0, len(made))
	for _, a := range made {
		out = append(out, madeJSON{Username: a.Username, Unit: a.Unit, Password: a.Password})
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) apiUserUpdate(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Role string `json:"role"`
		Unit string `json:"unit"`
	}
	if err := decodeJSON(w, r, 4<<10, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.deps.Auth.UpdateAccount(r.Context(), actor(r), r.PathValue("name"), access.Role(strings.TrimSpace(body.Role)),
		strings.ToUpper(strings.TrimSpace(body.Unit)), s.deps.Auth.KnownUnit(r.Context()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toUserJSON(u))
}

func (s *Server) apiUserResetPassword(w http.ResponseWriter, r *http.Request) {
	password, err := s.deps.Auth.ResetPassword(r.Context(), actor(r), r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"password": password})
}

func (s *Server) apiUserDisable(w http.ResponseWriter, r *http.Request) {
	s.apiUserSetActive(w, r, false)
}

func (s *Server) apiUserEnable(w http.ResponseWriter, r *http.Request) {
	s.apiUserSetActive(w, r, true)
}

func (s *Server) apiUserSetActive(w http.ResponseWriter, r *http.Request, active bool) {
	name := r.PathValue("name")
	if err := s.deps.Auth.SetActive(r.Context(), actor(r), name, active); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.deps.Auth.Account(r.Context(), name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toUserJSON(u))
}
