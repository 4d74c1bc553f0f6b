// Package notify sends the notices of the outbox by e-mail. It knows
// nothing of the database: the delivery job (internal/jobs) loads a notice,
// hands it to a Mailer as a Message, and records what IsPermanent says about
// the outcome.
package notify

import (
	"context"
	"errors"
)

// Message is one plain-text e-mail to one recipient. Subject and Body are
// UTF-8 (Vietnamese with diacritics); the Mailer encodes them for transport.
type Message struct {
	To      string
	Subject string
	Body    string
	// ID optionally identifies the notice stably, in Message-ID syntax
	// before the "@" (letters, digits, '.', '-', '_'). A copy sent again
	// after a crash then carries the same Message-ID header, which many
	// mail systems use to drop the duplicate. Empty means a random one.
	ID string
	// Attachments are files sent with the message (the report package).
	Attachments []Attachment
}

// Attachment is a file attached to a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Mailer delivers messages.
type Mailer interface {
	// Send hands m to the mail system. A nil error means the server
	// accepted it; an error for which IsPermanent is true means no retry
	// will ever succeed.
	Send(ctx context.Context, m Message) error
}

// PermanentError is a delivery failure that retrying cannot fix: the
// server refused the recipient or the message with a 5xx reply, or the
// address cannot be parsed at all.
type PermanentError struct {
	Err error
}

// Error implements error.
func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }

// Unwrap gives the cause.
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err (or anything it wraps) is a
// PermanentError. Everything else, such as a refused connection, a timeout,
// a 4xx reply or a failed sign-in to the server, is worth a retry.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}
