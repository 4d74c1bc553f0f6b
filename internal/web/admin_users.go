package web

import (
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/catalog"
	"baocao/internal/domain"
)

// The administrator's account pages. A generated password appears only in
// the response to the request that made it; the pages are not cached.

// adminUserPages are the templates of these pages.
var adminUserPages = []string{"admin_users.html", "admin_user.html", "admin_users_result.html"}

type adminUsersData struct {
	Users  []access.User
	Units  []catalog.Unit
	Roles  []access.Role
	Filter struct{ Q, Role, Unit, Disabled, SignedIn string }
	// Form is what was typed in a refused creation form, shown again.
	Form   newUserRequest
	Errors map[string]string
}

// accountRoles are the roles the forms offer, in this order.
var accountRoles = []access.Role{access.RoleAgency, access.RoleStaff, access.RoleLeader, access.RoleAdmin}

// unitsToday are the units in force today, for the forms' unit lists.
func (s *Server) unitsToday(r *http.Request) ([]catalog.Unit, error) {
	v, err := s.catalogs().InForce(r.Context())
	if errors.Is(err, domain.ErrNoCatalog) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return v.Catalog.UnitsOn(v.Catalog.LocalDay(time.Now())), nil
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, adminUsersData{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, data adminUsersData) {
	users, err := s.deps.Auth.Accounts(r.Context(), userFilterOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if data.Units, err = s.unitsToday(r); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	data.Users, data.Roles = users, accountRoles
	data.Filter.Q, data.Filter.Role, data.Filter.Unit, data.Filter.Disabled = q.Get("q"), q.Get("role"), strings.ToUpper(q.Get("unit")), q.Get("disabled")
	data.Filter.SignedIn = q.Get("signed_in")
	s.render(w, r, status, "admin_users.html", data)
}

// resultRow is one account of the result page, numbered from 1.
type resultRow struct {
	No int
	auth.UnitAccount
}

func resultRows(accounts []auth.UnitAccount) []resultRow {
	out := make([]resultRow, len(accounts))
	for i, a := range accounts {
		out[i] = resultRow{No: i + 1, UnitAccount: a}
	}
	return out
}

// usersResultData is the page that hands out generated passwords, once.
type usersResultData struct {
	// Kind is "created", "reset" or "bulk".
	Kind     string
	Accounts []resultRow
	// Workbook is the same accounts as an .xlsx, inlined as a data: URL
	// so that the passwords never leave this response.
	Workbook template.URL
}

func (s *Server) usersCreate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	form := newUserRequest{Username: r.PostForm.Get("username"), Role: r.PostForm.Get("role"), Unit: r.PostForm.Get("unit"),
		Name: r.PostForm.Get("name"), Email: r.PostForm.Get("email")}
	u, password, err := s.deps.Auth.CreateAccount(r.Context(), actor(r), form.user(), s.deps.Auth.KnownUnit(r.Context()))
	if err != nil {
		var fe *domain.FieldError
		switch {
		case errors.As(err, &fe):
			s.renderUsers(w, r, http.StatusUnprocessableEntity, adminUsersData{Form: form, Errors: map[string]string{fe.Field: userFieldMessage(fe)}})
		case errors.Is(err, domain.ErrConflict):
			s.renderUsers(w, r, http.StatusConflict, adminUsersData{Form: form, Errors: map[string]string{"username": msgUsernameTaken}})
		default:
			s.fail(w, r, err)
		}
		return
	}
	s.render(w, r, http.StatusCreated, "admin_users_result.html", usersResultData{Kind: "created",
		Accounts: resultRows([]auth.UnitAccount{{Username: u.Username, Unit: u.Unit, UnitName: u.DisplayName, Password: password}})})
}

func (s *Server) usersBulk(w http.ResponseWriter, r *http.Request) {
	made, err := s.deps.Auth.CreateUnitAccounts(r.Context(), actor(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := usersResultData{Kind: "bulk", Accounts: resultRows(made)}
	if len(made) > 0 {
		book, err := unitAccountsWorkbook(made)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data.Workbook = template.URL("data:" + xlsxContentType + ";base64," + base64.StdEncoding.EncodeToString(book))
	}
	s.render(w, r, http.StatusCreated, "admin_users_result.html", data)
}

type adminUserData struct {
	Account access.User
	Units   []catalog.Unit
	Roles   []access.Role
	Done    string
	Errors  map[string]string
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	s.renderUser(w, r, http.StatusOK, adminUserData{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, data adminUserData) {
	u, err := s.deps.Auth.Account(r.Context(), r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if data.Units, err = s.unitsToday(r); err != nil {
		s.fail(w, r, err)
		return
	}
	data.Account, data.Roles = u, accountRoles
	s.render(w, r, status, "admin_user.html", data)
}

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	name := r.PathValue("name")
	_, err := s.deps.Auth.UpdateAccount(r.Context(), actor(r), name, access.Role(r.PostForm.Get("role")),
		strings.ToUpper(strings.TrimSpace(r.PostForm.Get("unit"))), s.deps.Auth.KnownUnit(r.Context()))
	var fe *domain.FieldError
	if errors.As(err, &fe) {
		s.renderUser(w, r, http.StatusUnprocessableEntity, adminUserData{Errors: map[string]string{fe.Field: userFieldMessage(fe)}})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, userPath(name)+"?done=updated", http.StatusSeeOther)
}

func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	password, err := s.deps.Auth.ResetPassword(r.Context(), actor(r), name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin_users_result.html", usersResultData{Kind: "reset",
		Accounts: resultRows([]auth.UnitAccount{{Username: strings.ToLower(name), Password: password}})})
}

func (s *Server) userDisable(w http.ResponseWriter, r *http.Request) { s.userSetActive(w, r, false) }

func (s *Server) userEnable(w http.ResponseWriter, r *http.Request) { s.userSetActive(w, r, true) }

func (s *Server) userSetActive(w http.ResponseWriter, r *http.Request, active bool) {
	name := r.PathValue("name")
	if err := s.deps.Auth.SetActive(r.Context(), actor(r), name, active); err != nil {
		s.fail(w, r, err)
		return
	}
	done := "disabled"
	if active {
		done = "enabled"
	}
	http.Redirect(w, r, userPath(name)+"?done="+done, http.StatusSeeOther)
}

// userPath is the page of one account.
func userPath(name string) string { return "/admin/users/" + url.PathEscape(strings.ToLower(name)) }
