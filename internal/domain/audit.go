package domain

import (
	"time"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID      int64
	At      time.Time
	ActorID *int64
	Actor   string
	Action  string
	Target  string
	IP      string
	Details map[string]any
}

// AuditFilter narrows ListAudit; zero fields do not filter.
type AuditFilter struct {
	Actor  string
	Action string
	From   time.Time
	To     time.Time
	Limit  int
}
