package domain

import (
	"time"
)

// Notification is one notice in the outbox.
type Notification struct {
	ID        int64
	Kind      string
	RoundID   *int64
	RoundCode *string
	UnitCode  *string
	Audience  string
	To        string
	Subject   string
	Body      string
	DedupeKey string
	Status    string
	Attempts  int
	LastError string
	CreatedAt time.Time
	SentAt    *time.Time
}

// Notification statuses.
const (
	NoticeQueued = "queued"
	NoticeSent   = "sent"
	NoticeFailed = "failed"
)

// NotificationFilter narrows ListNotifications; zero fields do not filter.
type NotificationFilter struct {
	// Unit limits to notices about one unit (an agency's own list).
	Unit     string
	Audience string
	Status   string
	Limit    int
}

// NoticeBacklog counts the outbox's notices that have not reached their
// addressee.
type NoticeBacklog struct {
	// Failed were given up: an address refused, or every attempt spent.
	Failed int
	// Retrying failed at least once and wait for their next attempt.
	Retrying int
	// Waiting were never tried although queued for longer than the
	// backlog was asked about (no mail server, or no worker).
	Waiting int
	// Oldest is when the oldest notice still queued was written.
	Oldest *time.Time
}
