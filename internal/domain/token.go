package domain

import (
	"time"
)

// APIToken is an integration token's record (never the token itself).
type APIToken struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// NewAPIToken is an integration token to store: whose, its name, and the
// hash of the token (access.NewToken), never the token.
type NewAPIToken struct {
	UserID int64
	Name   string
	Hash   []byte
}
