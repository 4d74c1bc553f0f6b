package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"baocao/internal/domain"
)

// Audit appends an entry to the audit log.
func Audit(ctx context.Context, db DBTX, e domain.AuditEntry) error {
	if e.Details == nil {
		e.Details = map[string]any{}
	}
	_, err := db.Exec(ctx, "INSERT INTO audit_log (actor_id, actor, action, target, ip, details) VALUES ($1, $2, $3, $4, $5, $6)",
		e.ActorID, e.Actor, e.Action, e.Target, e.IP, e.Details)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// ListAudit returns matching entries, newest first.
func ListAudit(ctx context.Context, db DBTX, f domain.AuditFilter) ([]domain.AuditEntry, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Actor != "" {
		add("actor = ?", f.Actor)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("at < ?", f.To)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	sql := "SELECT id, at, actor_id, actor, action, target, ip, details FROM audit_log"
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	sql += " ORDER BY at DESC, id DESC LIMIT " + strconv.Itoa(f.Limit)
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	defer rows.Close()
	var out []domain.AuditEntry
	for rows.Next() {
		var e domain.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.Target, &e.IP, &e.Details); err != nil {
			return nil, fmt.Errorf("list audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
