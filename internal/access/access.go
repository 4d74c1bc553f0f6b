// Package access decides who may do what: users, their roles and units,
// and the one policy every page, endpoint and job asks. It imports no
// database and no HTTP.
package access

import (
	"time"
)

// Role is what a user is in the system.
type Role string

// The roles of shared/api.md.
const (
	RoleAdmin  Role = "admin"  // manages users and the catalog
	RoleStaff  Role = "staff"  // provincial staff: reads everything, reviews
	RoleAgency Role = "agency" // a reporting unit's user: its own unit only
	// RoleLeader is the issuing body's leader (lãnh đạo): follows progress,
	// reads reports and issues the official, signed version.
	RoleLeader Role = "leader"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleStaff || r == RoleAgency || r == RoleLeader
}

// User is an account.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	Email       string
	Role        Role
	// Unit is the unit an agency user reports for (staff may have their
	// own body too); empty for admins.
	Unit   string
	Active bool
	// MustChangePassword is set while the password is one an administrator
	// handed out (first-time or reset): until the user picks their own,
	// only the change-password page and signing out are open to them.
	MustChangePassword bool
	// LastSignIn is when the user last signed in with a password; nil if
	// never.
	LastSignIn *time.Time
	// Via is how the user signed in for the request at hand; empty for
	// users acting outside a request (jobs, the command line).
	Via Via
}

// Via is how a request's user proved who they are.
type Via string

// The ways to sign in.
const (
	// ViaSession is a person who gave their password: a session from the
	// sign-in page or POST /api/v1/login.
	ViaSession Via = "session"
	// ViaToken is a program holding one of the account's API tokens.
	ViaToken Via = "token"
)

// Action is something a user may be allowed to do.
type Action string

// Actions checked by the policy. Unit-scoped actions take the unit acted on.
const (
	UseAccount       Action = "use_account"       // any signed-in, active user
	ReadCatalog      Action = "read_catalog"      // units, indicators, rounds
	ReadSubmission   Action = "read_submission"   // unit-scoped
	WriteSubmission  Action = "write_submission"  // unit-scoped
	ReviewSubmission Action = "review_submission" // accept or return
	ReadProgress     Action = "read_progress"
	ManageRounds     Action = "manage_rounds"
	ReadReports      Action = "read_reports"
	// Generating a draft report set, issuing the official one and
	// forwarding it upward are three acts of three people.
	GenerateReports Action = "reports.generate"
	IssueReports    Action = "reports.issue"
	ForwardReports  Action = "reports.forward"
	ViewJobs        Action = "view_jobs"
	ReadJob         Action = "read_job" // one job: its starter, or staff
	ManageUsers     Action = "manage_users"
	ManageCatalog   Action = "manage_catalog"
	ViewAudit       Action = "view_audit"
	// ViewOperations is the machine's state: the database, the workers'
	// heartbeat, the jobs that fail.
	ViewOperations  Action = "view_operations"
	ReadOwnTokens   Action = "read_own_tokens"
	ManageOwnTokens Action = "manage_own_tokens" // create and revoke: needs a session
)

// Allow is the policy: may u do a, on unit when a is unit-scoped?
func Allow(u User, a Action, unit string) bool {
	if !u.Active || !u.Role.Valid() {
		return false
	}
	if NeedsSession(a) && u.Via != ViaSession {
		return false
	}
	switch a {
	case UseAccount, ReadCatalog, ReadOwnTokens, ManageOwnTokens, ReadJob:
		return true
	case ReadSubmission:
		return u.Role == RoleStaff || u.Role == RoleAdmin || (u.Role == RoleAgency && unit != "" && unit == u.Unit)
	case WriteSubmission:
		// Figures are entered by the unit itself, never on its behalf.
		return u.Role == RoleAgency && unit != "" && unit == u.Unit
	case ReviewSubmission, ManageRounds, GenerateReports, ForwardReports, ViewJobs:
		return u.Role == RoleStaff || u.Role == RoleAdmin
	case ReadProgress, ReadReports:
		return u.Role == RoleStaff || u.Role == RoleAdmin || u.Role == RoleLeader
	case IssueReports:
		return u.Role == RoleLeader
	case ManageUsers, ManageCatalog, ViewAudit, ViewOperations:
		return u.Role == RoleAdmin
	}
	return false
}

// NeedsSession reports whether only a person signed in with a password
// may do a, never a program with an API token. A token that could make
// tokens would outlive its own revocation: whoever leaked it could mint a
// successor first.
func NeedsSession(a Action) bool { return a == ManageOwnTokens }

// Scope limits a query to what a user may read: every unit, or one.
type Scope struct {
	// Unit is the only unit visible; empty means all units.
	Unit string
}

// ScopeFor is the read scope of u's submissions queries.
func ScopeFor(u User) Scope {
	if u.Role == RoleAgency {
		return Scope{Unit: u.Unit}
	}
	return Scope{}
}
