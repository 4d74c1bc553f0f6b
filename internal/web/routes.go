package web

import (
	"net/http"
	"strings"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/templates/pages"
)

// route is one entry of the route table: a pattern, the policy action that
// guards it (public when empty) and, for unit-scoped actions, the path value
// naming the unit.
type route struct {
	pattern string
	action  access.Action
	unit    string
	handler http.Handler
}

// public marks a route anyone may use.
const public access.Action = ""

// routeTable is every route of the application. Tests walk it, so a route
// added here is checked for access control without further ado.
func (s *Server) routeTable() []route {
	h := func(f http.HandlerFunc) http.Handler { return f }
	return []route{
		{"GET /{$}", access.UseAccount, "", h(s.home)},
		{"GET /static/app.css", public, "", http.StripPrefix("/static/", http.FileServerFS(pages.FS))},
		{"GET /static/app.js", public, "", http.StripPrefix("/static/", http.FileServerFS(pages.FS))},
		{"GET /healthz", public, "", h(s.healthz)},
		{"GET /metrics", public, "", s.deps.Metrics.Handler()},
		{"GET /login", public, "", h(s.loginPage)},
		{"POST /login", public, "", h(s.loginSubmit)},
		{"POST /logout", access.UseAccount, "", h(s.logout)},
		{"GET /account/password", access.UseAccount, "", h(s.passwordPage)},
		{"POST /account/password", access.UseAccount, "", h(s.passwordSubmit)},
		{"GET /account/tokens", access.ReadOwnTokens, "", h(s.tokensPage)},
		{"POST /account/tokens", access.ManageOwnTokens, "", h(s.tokensCreate)},
		{"POST /account/tokens/{id}/revoke", access.ManageOwnTokens, "", h(s.tokensRevoke)},
		{"GET /rounds", access.ReadCatalog, "", h(s.roundsPage)},
		{"GET /units", access.ReadCatalog, "", h(s.unitsPage)},
		{"GET /rounds/new", access.ManageRounds, "", h(s.newRoundPage)},
		{"POST /rounds/new", access.ManageRounds, "", h(s.newRoundPost)},
		{"POST /rounds/annual", access.ManageRounds, "", h(s.newAnnualPost)},
		{"GET /rounds/{round}/progress", access.ReadProgress, "", h(s.dashboardPage)},
		{"POST /rounds/{round}/deadline", access.ManageRounds, "", h(s.deadlinePost)},
		{"POST /rounds/{round}/close", access.ManageRounds, "", h(s.closePost)},
		{"POST /rounds/{round}/remind", access.ManageRounds, "", h(s.remindPost)},
		{"GET /notices", access.UseAccount, "", h(s.noticesPage)},
		{"GET /rounds/{round}/reports", access.ReadReports, "", h(s.reportsPage)},
		{"POST /rounds/{round}/reports", access.GenerateReports, "", h(s.reportsPost)},
		{"POST /rounds/{round}/reports/{number}/issue", access.IssueReports, "", h(s.issuePost)},
		{"POST /rounds/{round}/reports/{number}/final", access.ForwardReports, "", h(s.finalPost)},
		{"POST /rounds/{round}/reports/{number}/dispatch", access.ForwardReports, "", h(s.dispatchPost)},
		{"GET /rounds/{round}/submissions/{unit}", access.ReadSubmission, "unit", h(s.submissionPage)},
		{"POST /rounds/{round}/submissions/{unit}", access.WriteSubmission, "unit", h(s.submissionPost)},
		{"POST /rounds/{round}/submissions/{unit}/withdraw", access.WriteSubmission, "unit", h(s.withdrawPost)},
		{"POST /rounds/{round}/submissions/{unit}/review", access.ReviewSubmission, "unit", h(s.reviewPost)},
		{"GET /rounds/{round}/submissions/{unit}/history", access.ReadSubmission, "unit", h(s.historyPage)},
		{"GET /rounds/{round}/submissions/{unit}/form.xlsx", access.ReadSubmission, "unit", h(s.downloadWorkbook)},
		{"POST /rounds/{round}/submissions/{unit}/upload", access.WriteSubmission, "unit", h(s.pageUploadWorkbook)},
		{"GET /jobs/{id}", access.ReadJob, "", h(s.jobPage)},
		{"GET /admin/audit", access.ViewAudit, "", h(s.auditPage)},
		// Accounts, managed by the administrator (admin_users*.go).
		{"GET /admin/users", access.ManageUsers, "", h(s.usersPage)},
		{"POST /admin/users", access.ManageUsers, "", h(s.usersCreate)},
		{"POST /admin/users/bulk", access.ManageUsers, "", h(s.usersBulk)},
		{"GET /admin/users/{name}", access.ManageUsers, "", h(s.userPage)},
		{"POST /admin/users/{name}", access.ManageUsers, "", h(s.userUpdate)},
		{"POST /admin/users/{name}/reset-password", access.ManageUsers, "", h(s.userResetPassword)},
		{"POST /admin/users/{name}/disable", access.ManageUsers, "", h(s.userDisable)},
		{"POST /admin/users/{name}/enable", access.ManageUsers, "", h(s.userEnable)},
		{"/admin/jobs/", access.ViewJobs, "", s.deps.JobsUI},

		// The catalog: versions, uploads, previews, activation (admin_catalog.go).
		{"GET /admin/catalog", access.ManageCatalog, "", h(s.catalogPage)},
		{"POST /admin/catalog", access.ManageCatalog, "", h(s.catalogUpload)},
		{"GET /admin/catalog/{version}", access.ManageCatalog, "", h(s.catalogVersionPage)},
		{"POST /admin/catalog/{version}/activate", access.ManageCatalog, "", h(s.catalogActivate)},
		{"GET /api/v1/admin/catalog", access.ManageCatalog, "", h(s.apiCatalogVersions)},
		{"POST /api/v1/admin/catalog", access.ManageCatalog, "", h(s.apiCatalogUpload)},
		{"POST /api/v1/admin/catalog/{version}/activate", access.ManageCatalog, "", h(s.apiCatalogActivate)},

		{"POST /api/v1/login", public, "", h(s.apiLogin)},
		{"GET /api/v1/me", access.UseAccount, "", h(s.apiMe)},
		{"GET /api/v1/units", access.ReadCatalog, "", h(s.listUnits)},
		{"GET /api/v1/indicators", access.ReadCatalog, "", h(s.listIndicators)},
		{"GET /api/v1/rounds", access.ReadCatalog, "", h(s.apiRounds)},
		{"POST /api/v1/rounds", access.ManageRounds, "", h(s.apiOpenRound)},
		{"GET /api/v1/rounds/{round}/progress", access.ReadProgress, "", h(s.apiProgress)},
		{"POST /api/v1/rounds/{round}/deadline", access.ManageRounds, "", h(s.apiDeadline)},
		{"POST /api/v1/rounds/{round}/close", access.ManageRounds, "", h(s.apiClose)},
		{"GET /api/v1/outbox", access.ReadProgress, "", h(s.apiOutbox)},
		{"POST /api/v1/rounds/{round}/reports", access.GenerateReports, "", h(s.apiStartReport)},
		{"POST /api/v1/rounds/{round}/reports/{number}/issue", access.IssueReports, "", h(s.apiIssue)},
		{"POST /api/v1/rounds/{round}/reports/{number}/final", access.ForwardReports, "", h(s.apiFinal)},
		{"POST /api/v1/rounds/{round}/reports/{number}/dispatch", access.ForwardReports, "", h(s.apiDispatch)},
		{"GET /api/v1/rounds/{round}/reports", access.ReadReports, "", h(s.apiReports)},
		{"GET /api/v1/rounds/{round}/consolidated", access.ReadReports, "", h(s.apiConsolidated)},
		{"GET /api/v1/reports/{id}", access.ReadReports, "", h(s.downloadReport)},
		{"GET /api/v1/reports/{id}/verify", access.ReadReports, "", h(s.apiVerify)},
		{"GET /api/v1/rounds/{round}/submissions/{unit}", access.ReadSubmission, "unit", h(s.apiGetSubmission)},
		{"PUT /api/v1/rounds/{round}/submissions/{unit}", access.WriteSubmission, "unit", h(s.apiPutSubmission)},
		{"POST /api/v1/rounds/{round}/submissions/{unit}/submit", access.WriteSubmission, "unit", h(s.apiSubmit)},
		{"POST /api/v1/rounds/{round}/submissions/{unit}/withdraw", access.WriteSubmission, "unit", h(s.apiWithdraw)},
		{"POST /api/v1/rounds/{round}/submissions/{unit}/review", access.ReviewSubmission, "unit", h(s.apiReview)},
		{"POST /api/v1/rounds/{round}/submissions/{unit}/reopen", access.ReviewSubmission, "unit", h(s.apiReopen)},
		{"GET /api/v1/rounds/{round}/submissions/{unit}/history", access.ReadSubmission, "unit", h(s.apiHistory)},
		{"GET /api/v1/rounds/{round}/submissions/{unit}/form.xlsx", access.ReadSubmission, "unit", h(s.downloadWorkbook)},
		{"POST /api/v1/rounds/{round}/submissions/{unit}/form.xlsx", access.WriteSubmission, "unit", h(s.apiUploadWorkbook)},
		{"GET /api/v1/jobs/{id}", access.ReadJob, "", h(s.apiJob)},
		{"GET /api/v1/tokens", access.ReadOwnTokens, "", h(s.apiTokens)},
		{"POST /api/v1/tokens", access.ManageOwnTokens, "", h(s.apiTokenCreate)},
		{"DELETE /api/v1/tokens/{id}", access.ManageOwnTokens, "", h(s.apiTokenRevoke)},
		{"GET /api/v1/admin/users", access.ManageUsers, "", h(s.apiUsers)},
		{"POST /api/v1/admin/users", access.ManageUsers, "", h(s.apiUserCreate)},
		{"POST /api/v1/admin/users/bulk", access.ManageUsers, "", h(s.apiUsersBulk)},
		{"PATCH /api/v1/admin/users/{name}", access.ManageUsers, "", h(s.apiUserUpdate)},
		{"POST /api/v1/admin/users/{name}/reset-password", access.ManageUsers, "", h(s.apiUserResetPassword)},
		{"POST /api/v1/admin/users/{name}/disable", access.ManageUsers, "", h(s.apiUserDisable)},
		{"POST /api/v1/admin/users/{name}/enable", access.ManageUsers, "", h(s.apiUserEnable)},
		// The API's reference: the OpenAPI document and its page (api_docs.go).
		{"GET /api/v1/openapi.yaml", public, "", h(s.openAPIDocument)},
		{"GET /api/docs", public, "", h(s.apiDocsPage)},
		{"/api/", public, "", h(s.apiNotFound)},
		{"/", public, "", h(s.pageNotFound)},
	}
}

func (s *Server) routes() {
	s.table = s.routeTable()
	for _, rt := range s.table {
		if rt.handler == nil {
			continue // a surface this process does not serve
		}
		s.mux.Handle(rt.pattern, s.guard(rt, s.checkInput(rt.pattern, rt.handler)))
	}
}

// guard applies the policy to a route before next, its handler: anonymous
// users are asked to sign in, signed-in users without the right are
// refused.
func (s *Server) guard(rt route, next http.Handler) http.Handler {
	if rt.action == public {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, ok := userFrom(r.Context())
		if !ok {
			s.unauthenticated(w, r)
			return
		}
		if u.MustChangePassword && !openBeforePasswordChange[rt.pattern] {
			s.passwordChangeRequired(w, r)
			return
		}
		unit := ""
		if rt.unit != "" {
			unit = strings.ToUpper(r.PathValue(rt.unit))
		}
		if !access.Allow(u, rt.action, unit) {
			if access.NeedsSession(rt.action) && u.Via != access.ViaSession {
				s.fail(w, r, errNeedsSession)
				return
			}
			s.fail(w, r, domain.ErrForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// unauthenticated answers a request that needs a signed-in user: 401 for
// programs, the sign-in page for people.
func (s *Server) unauthenticated(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) || r.Method != http.MethodGet {
		s.fail(w, r, domain.ErrUnauthorized)
		return
	}
	http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}
