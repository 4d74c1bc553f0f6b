package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"baocao/internal/access"
	"baocao/internal/domain"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/notify"
	"baocao/internal/postgres"
)

// Destinations are where a final report set is forwarded.
type Destinations struct {
	Emails []string
	URL    string
}

// MarkFinal marks a report set as the one forwarded upward and, in the same
// transaction, records one delivery per destination and inserts their
// jobs. Marking the same set again sends nothing twice.
func (s *Service) MarkFinal(ctx context.Context, u access.User, roundCode string, number int, dest Destinations, ip string) error {
	if !access.Allow(u, access.ForwardReports, "") {
		return domain.ErrForbidden
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return err // domain.ErrNotFound, naming the round, when there is none
	}
	if err := issued(ctx, s.pool, r.ID, number); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := postgres.MarkReportsFinal(ctx, tx, r.ID, number); err != nil {
			return err
		}
		var targets []domain.Delivery
		for _, e := range dest.Emails {
			targets = append(targets, domain.Delivery{Channel: "email", Destination: e})
		}
		if dest.URL != "" {
			targets = append(targets, domain.Delivery{Channel: "http", Destination: dest.URL})
		}
		var sends []river.InsertManyParams
		for _, d := range targets {
			d.RoundID, d.Number, d.RecordedBy = r.ID, number, u.Username
			id, isNew, err := postgres.InsertDelivery(ctx, tx, d)
			if err != nil {
				return err
			}
			if isNew {
				sends = append(sends, river.InsertManyParams{Args: jobargs.ForwardArgs{DeliveryID: id}})
			}
		}
		if len(sends) > 0 {
			if _, err := s.jobs.InsertManyTx(ctx, tx, sends); err != nil {
				return fmt.Errorf("forward report %s/%d: %w", r.Code, number, err)
			}
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "report_final",
			Target: fmt.Sprintf("%s/%d", r.Code, number), IP: ip, Details: map[string]any{"destinations": len(targets)}})
	})
}

// RecordManual records a dispatch made outside the system (by post, by
// hand, through another system).
func (s *Service) RecordManual(ctx context.Context, u access.User, roundCode string, number int, destination, note, ip string) error {
	if !access.Allow(u, access.ForwardReports, "") {
		return domain.ErrForbidden
	}
	destination, note = strings.TrimSpace(destination), strings.TrimSpace(note)
	if destination == "" {
		return &domain.FieldError{Field: "destination", Code: "required"}
	}
	r, err := postgres.GetRound(ctx, s.pool, roundCode)
	if err != nil {
		return err // domain.ErrNotFound, naming the round, when there is none
	}
	if err := issued(ctx, s.pool, r.ID, number); err != nil {
		return err
	}
	now := s.Now()
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, _, err := postgres.InsertDelivery(ctx, tx, domain.Delivery{RoundID: r.ID, Number: number, Channel: "manual",
			Destination: destination, Status: domain.NoticeSent, Note: note, RecordedBy: u.Username, SentAt: &now}); err != nil {
			return err
		}
		return postgres.Audit(ctx, tx, domain.AuditEntry{ActorID: &u.ID, Actor: u.Username, Action: "report_dispatched",
			Target: fmt.Sprintf("%s/%d", r.Code, number), IP: ip, Details: map[string]any{"destination": destination, "note": note}})
	})
}

// issued refuses a set that is not issued: ErrNotIssued for a draft,
// domain.ErrNotFound for no set at all. Only the official version is
// marked final and forwarded.
func issued(ctx context.Context, db postgres.DBTX, roundID int64, number int) error {
	draft, issued, err := postgres.SetStates(ctx, db, roundID, number)
	switch {
	case err != nil || issued:
		return err
	case draft:
		return ErrNotIssued
	}
	return fmt.Errorf("report set %d: %w", number, domain.ErrNotFound)
}

// ErrPermanent marks a delivery refused for good: not retried.
var ErrPermanent = errors.New("refused for good")

// Forward sends one delivery of the package: by e-mail with the ZIP
// attached, or by HTTP POST of the ZIP. The row is locked while it is
// sent, so two workers never both send it. A temporary failure is returned
// for the job to retry; a permanent one marks the delivery failed.
func (s *Service) Forward(ctx context.Context, deliveryID int64, mailer notify.Mailer, client *http.Client) error {
	var retry error
	err := pgx.BeginFunc(context.WithoutCancel(ctx), s.pool, func(tx pgx.Tx) error {
		d, err := postgres.LockDelivery(ctx, tx, deliveryID)
		if errors.Is(err, domain.ErrNotFound) {
			return nil // sent or failed already
		}
		if err != nil {
			return err
		}
		pkg, err := postgres.ReportOfSet(ctx, tx, d.RoundID, d.Number, "zip")
		if err != nil {
			return err
		}
		sendErr := s.send(ctx, d, pkg, mailer, client)
		status, text := domain.NoticeSent, ""
		switch {
		case sendErr == nil:
		case errors.Is(sendErr, ErrPermanent) || notify.IsPermanent(sendErr):
			status, text = domain.NoticeFailed, sendErr.Error()
		default:
			status, text, retry = domain.NoticeQueued, sendErr.Error(), sendErr
		}
		if len(text) > 1000 {
			text = text[:1000]
		}
		return postgres.FinishDelivery(ctx, tx, d.ID, status, text, s.Now())
	})
	if err != nil {
		return err
	}
	return retry
}

func (s *Service) send(ctx context.Context, d domain.Delivery, pkg domain.Report, mailer notify.Mailer, client *http.Client) error {
	switch d.Channel {
	case "email":
		if mailer == nil {
			return errors.New("SMTP_URL is not set: e-mail deliveries wait until a mail server is configured")
		}
		return mailer.Send(ctx, notify.Message{To: d.Destination, ID: fmt.Sprintf("baocao-delivery-%d", d.ID),
			Subject: fmt.Sprintf("Báo cáo số %02d — %s", d.Number, strings.TrimSuffix(pkg.Filename, ".zip")),
			Body: fmt.Sprintf("Kính gửi Quý cơ quan,\n\nGửi kèm gói báo cáo %s (PDF, Excel và manifest.json với mã kiểm tra sha256 của từng tệp). "+
				"Mã kiểm tra của gói: %s.\n\n-- \nHệ thống báo cáo định kỳ (baocao)", pkg.Filename, pkg.SHA256),
			Attachments: []notify.Attachment{{Name: pkg.Filename, ContentType: "application/zip", Data: pkg.Data}}})
	case "http":
		if client == nil {
			client = &http.Client{Timeout: 30 * time.Second}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.Destination, bytes.NewReader(pkg.Data))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrPermanent, err)
		}
		req.Header.Set("Content-Type", "application/zip")
		req.Header.Set("Content-Disposition", `attachment; filename="`+pkg.Filename+`"`)
		req.Header.Set("X-Baocao-Sha256", pkg.SHA256)
		req.Header.Set("Idempotency-Key", fmt.Sprintf("baocao-delivery-%d", d.ID))
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("post to %s: %w", d.Destination, err)
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		switch {
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			return nil
		case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusRequestTimeout:
			return fmt.Errorf("%w: %s answered %s", ErrPermanent, d.Destination, resp.Status)
		}
		return fmt.Errorf("%s answered %s", d.Destination, resp.Status)
	}
	return fmt.Errorf("%w: unknown channel %s", ErrPermanent, d.Channel)
}
