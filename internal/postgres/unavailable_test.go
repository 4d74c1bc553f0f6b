package postgres

import (
	"context"
	"fmt"
	"io"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"baocao/internal/domain"
)

func TestUnavailable(t *testing.T) {
	_, noServer := pgconn.Connect(context.Background(), "host=/nonexistent-baocao-socket-dir port=5432 user=baocao connect_timeout=2")
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"no server to connect to", noServer, true},
		{"server shutting down", &pgconn.PgError{Code: "57P01"}, true},
		{"server starting up", fmt.Errorf("read user: %w", &pgconn.PgError{Code: "57P03"}), true},
		{"connection exception", &pgconn.PgError{Code: "08006"}, true},
		{"too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"connection dropped", fmt.Errorf("update submission: %w", io.ErrUnexpectedEOF), true},
		{"connection closed", fmt.Errorf("commit: %w", pgconn.ErrConnClosed), true},
		{"connection reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"serialization failure", &pgconn.PgError{Code: "40001"}, false},
		{"request cancelled", context.Canceled, false},
		{"domain error", domain.ErrNotFound, false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unavailable(tt.err); got != tt.want {
				t.Fatalf("Unavailable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
