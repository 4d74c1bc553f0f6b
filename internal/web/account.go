package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"baocao/internal/access"
	"baocao/internal/auth"
	"baocao/internal/domain"
)

type loginData struct {
	Username string
	Next     string
	Error    string
}

// safeNext keeps a post-login redirect on this site: a path, without
// scheme, host, backslashes or control characters (browsers drop tabs and
// newlines, so "/\t/evil" would become "//evil").
func safeNext(next string) string {
	if strings.ContainsAny(next, "\\") || strings.IndexFunc(next, unicode.IsControl) >= 0 {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") || strings.HasPrefix(next, "//") {
		return "/"
	}
	return next
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := userFrom(r.Context()); ok {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login.html", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	data := loginData{Username: r.PostForm.Get("username"), Next: safeNext(r.PostForm.Get("next"))}
	sess, err := s.deps.Auth.Login(r.Context(), data.Username, r.PostForm.Get("password"), clientIP(r))
	var thr *auth.ThrottledError
	switch {
	case errors.As(err, &thr):
		w.Header().Set("Retry-After", retryAfter(thr.RetryAfter))
		data.Error = msgThrottled
		s.render(w, r, http.StatusTooManyRequests, "login.html", data)
		return
	case errors.Is(err, auth.ErrBadCredentials):
		data.Error = msgBadCredentials
		s.render(w, r, http.StatusUnauthorized, "login.html", data)
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	if !s.dropPreviousSession(w, r) {
		return
	}
	s.setSessionCookie(w, r, sess.Token, int(time.Until(sess.Expires).Seconds()))
	if sess.User.MustChangePassword {
		http.Redirect(w, r, "/account/password", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, data.Next, http.StatusSeeOther)
}

// dropPreviousSession ends the session a browser had before signing in
// again, so every sign-in rotates the session id.
func (s *Server) dropPreviousSession(w http.ResponseWriter, r *http.Request) bool {
	if old, err := r.Cookie(sessionCookie); err == nil && old.Value != "" {
		if err := s.deps.Auth.DropSession(r.Context(), old.Value); err != nil {
			s.fail(w, r, err)
			return false
		}
	}
	return true
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	token := tokenFrom(r.Context())
	if !strings.HasPrefix(token, access.SessionTokenPrefix) {
		// An integration token is revoked on the tokens page, not here.
		s.fail(w, r, domain.ErrForbidden)
		return
	}
	if err := s.deps.Auth.Logout(r.Context(), u, token, clientIP(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

type passwordData struct {
	Errors map[string]string
	Saved  bool
	// Forced says the current password was handed out by an
	// administrator and must be changed before anything else.
	Forced bool
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	u, _ := userFrom(r.Context())
	s.render(w, r, http.StatusOK, "password.html", passwordData{Saved: r.URL.Query().Get("saved") == "1", Forced: u.MustChangePassword})
}

func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadRequest)
		return
	}
	u, _ := userFrom(r.Context())
	next, again := r.PostForm.Get("new_password"), r.PostForm.Get("new_password_again")
	var err error
	if next != again {
		err = &domain.FieldError{Field: "new_password_again", Code: "password_mismatch"}
	} else {
		var sess auth.Session
		sess, err = s.deps.Auth.ChangePassword(r.Context(), u, r.PostForm.Get("current_password"), next, clientIP(r))
		if err == nil {
			s.setSessionCookie(w, r, sess.Token, int(time.Until(sess.Expires).Seconds()))
			http.Redirect(w, r, "/account/password?saved=1", http.StatusSeeOther)
			return
		}
	}
	var fe *domain.FieldError
	if !errors.As(err, &fe) {
		s.fail(w, r, err)
		return
	}
	field := fe.Field
	if field == "password" {
		field = "new_password"
	}
	s.render(w, r, http.StatusUnprocessableEntity, "password.html", passwordData{Errors: map[string]string{field: fieldMessage(fe)},
		Forced: u.MustChangePassword})
}

// retryAfter is a Retry-After header value: whole seconds, rounded up.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(int(d.Seconds() + 0.999))
}
