package web

import "net/http"

// openBeforePasswordChange are the routes a user whose password was handed
// out by an administrator may use before choosing their own: the
// change-password page and signing out. Public routes are open anyway.
var openBeforePasswordChange = map[string]bool{
	"GET /account/password":  true,
	"POST /account/password": true,
	"POST /logout":           true,
}

// passwordChangeRequired turns away a user who must change their password
// first: pages send them to the change-password page, the API answers 403
// password_change_required.
func (s *Server) passwordChangeRequired(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		writeAPIError(w, http.StatusForbidden, "password_change_required", msgPasswordChangeRequired)
		return
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/account/password", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusForbidden, "error.html", map[string]string{"Title": msgForbiddenTitle, "Message": msgPasswordChangeRequired})
}
