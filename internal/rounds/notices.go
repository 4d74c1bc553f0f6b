package rounds

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"baocao/internal/catalog"
	"baocao/internal/domain"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/postgres"
)

// Kinds of notices.
const (
	NoticeOpened       = "round_opened"
	NoticeReminder     = "reminder"
	NoticeOverdue      = "overdue"
	NoticeChase        = "chase"
	NoticeStaffOverdue = "staff_overdue"
	NoticeLocked       = "round_locked"
	NoticeDigest       = "staff_digest"
	NoticeManual       = "manual_reminder"
	NoticeAccepted     = "submission_accepted"
	NoticeReturned     = "submission_returned"
	NoticeReopened     = "submission_reopened"
	NoticeExtended     = "deadline_extended"
)

func titleFor(format string, year int) string {
	return strings.ReplaceAll(format, "{year}", fmt.Sprint(year))
}

// notice writes one notice unless its key exists, and starts its delivery.
func (s *Service) notice(ctx context.Context, tx pgx.Tx, n domain.Notification) (bool, error) {
	if n.To == "" {
		n.To = "(chưa có địa chỉ)"
	}
	id, err := postgres.InsertNotification(ctx, tx, n)
	if err != nil || id == 0 {
		return false, err
	}
	if _, err := s.jobs.InsertTx(ctx, tx, jobargs.DeliverArgs{NotificationID: id}, nil); err != nil {
		return false, fmt.Errorf("deliver notice %d: %w", id, err)
	}
	return true, nil
}

func unitNotice(kind string, round domain.Round, u catalog.Unit, key, subject, body string) domain.Notification {
	id, code := round.ID, u.Code
	return domain.Notification{Kind: kind, RoundID: &id, UnitCode: &code, Audience: "unit", To: u.Email,
		Subject: subject, Body: body, DedupeKey: key}
}

func local(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("15:04 ngày 02/01/2006")
}

const signature = "\n\n-- \nHệ thống báo cáo định kỳ (baocao). Thư gửi tự động, vui lòng không trả lời thư này."

func (s *Service) noticeOpened(ctx context.Context, tx pgx.Tx, c *catalog.Catalog, round domain.Round, units []domain.RoundUnit) error {
	byCode := c.UnitsByCode()
	for _, ru := range units {
		u := byCode[ru.UnitCode]
		body := fmt.Sprintf("Kính gửi %s,\n\nHệ thống đã mở kỳ báo cáo \"%s\". Hạn nộp: %s. Đề nghị đơn vị nhập số liệu và nộp báo cáo "+
			"trong hạn (trên trang web, bằng biểu mẫu Excel hoặc qua API). Tên đăng nhập của đơn vị: %s.%s",
			u.Name, round.Title, catalog.DeadlineText(round.DueAt), strings.ToLower(u.Code), signature)
		if _, err := s.notice(ctx, tx, unitNotice(NoticeOpened, round, u, fmt.Sprintf("opened:%s:%s", round.Code, u.Code),
			"Mở kỳ báo cáo: "+round.Title, body)); err != nil {
			return err
		}
	}
	return nil
}

func reminderBody(u catalog.Unit, round domain.Round, due time.Time, days int) (string, string) {
	subject := fmt.Sprintf("Nhắc nộp báo cáo: còn %d ngày — %s", days, round.Title)
	body := fmt.Sprintf("Kính gửi %s,\n\nĐơn vị chưa nộp báo cáo \"%s\". Hạn nộp: %s (còn %d ngày). "+
		"Đề nghị đơn vị hoàn thành và nộp báo cáo đúng hạn.%s", u.Name, round.Title, catalog.DeadlineText(due), days, signature)
	return subject, body
}

func overdueBody(u catalog.Unit, round domain.Round, due time.Time) (string, string) {
	subject := "Quá hạn nộp báo cáo — " + round.Title
	body := fmt.Sprintf("Kính gửi %s,\n\nĐã hết hạn nộp báo cáo \"%s\" (%s) nhưng hệ thống chưa nhận được báo cáo của đơn vị. "+
		"Đề nghị đơn vị nộp ngay; báo cáo nộp sau hạn được ghi nhận là nộp muộn.%s", u.Name, round.Title, catalog.DeadlineText(due), signature)
	return subject, body
}

func chaseBody(u catalog.Unit, round domain.Round, due time.Time, days int) (string, string) {
	subject := fmt.Sprintf("Đôn đốc: báo cáo đã quá hạn %d ngày — %s", days, round.Title)
	body := fmt.Sprintf("Kính gửi %s,\n\nBáo cáo \"%s\" của đơn vị đã quá hạn %d ngày (hạn %s). Đề nghị đơn vị nộp báo cáo ngay "+
		"để Sở tổng hợp báo cáo của tỉnh.%s", u.Name, round.Title, days, catalog.DeadlineText(due), signature)
	return subject, body
}

// staffAddresses are the addresses staff notices go to: every active staff
// account with an e-mail, else the address of the body consolidating
// today, else none known: the notice then waits in the outbox, which
// staff read on /notices.
func (s *Service) staffAddresses(ctx context.Context, tx pgx.Tx, c *catalog.Catalog) ([]string, error) {
	addrs, err := postgres.StaffEmails(ctx, tx)
	if err != nil {
		return nil, err
	}
	if len(addrs) == 0 {
		roles, _ := c.RolesOn(c.LocalDay(s.Now()))
		addrs = []string{""}
		if u, ok := c.Unit(roles.Consolidator); ok && u.Email != "" {
			addrs = []string{u.Email}
		}
	}
	return addrs, nil
}

func (s *Service) staffNotice(ctx context.Context, tx pgx.Tx, c *catalog.Catalog, round domain.Round, kind, key, subject, body string) error {
	addrs, err := s.staffAddresses(ctx, tx, c)
	if err != nil {
		return err
	}
	for _, a := range addrs {
		id := round.ID
		if _, err := s.notice(ctx, tx, domain.Notification{Kind: kind, RoundID: &id, Audience: "staff", To: a,
			Subject: subject, Body: body + signature, DedupeKey: key + ":" + a}); err != nil {
			return err
		}
	}
	return nil
}

// ReviewNotice tells a unit that staff accepted, returned or reopened its
// report; a return or a reopening carries the staff comment, which says
// what to correct. It implements intake.Notifier and runs in the
// transaction that records the decision.
func (s *Service) ReviewNotice(ctx context.Context, tx pgx.Tx, round domain.Round, u catalog.Unit, event, comment string, at time.Time) error {
	c, err := s.intake.Catalog(ctx, tx, round.CatalogVersionID)
	if err != nil {
		return err
	}
	loc := c.Location()
	switch event {
	case "accepted":
		subject := "Báo cáo đã được tiếp nhận — " + round.Title
		body := fmt.Sprintf("Kính gửi %s,\n\nBáo cáo \"%s\" của đơn vị đã được tiếp nhận lúc %s. Đơn vị không cần làm gì thêm.%s",
			u.Name, round.Title, local(at, loc), signature)
		return s.reviewNotice(ctx, tx, round, u, NoticeAccepted, event, subject, body, at)
	case "returned", "reopened":
		kind, subject, what := NoticeReturned, "Báo cáo bị trả lại để sửa — "+round.Title, "trả lại"
		if event == "reopened" {
			kind, subject, what = NoticeReopened, "Báo cáo được mở lại để sửa — "+round.Title, "mở lại (sau khi đã tiếp nhận)"
		}
		body := fmt.Sprintf("Kính gửi %s,\n\nLúc %s, cán bộ tổng hợp đã %s báo cáo \"%s\" của đơn vị để sửa, với ý kiến:\n\n%s\n\n"+
			"Đề nghị đơn vị sửa theo ý kiến trên và nộp lại. Việc nộp đúng hạn hay muộn vẫn tính theo lần nộp đầu tiên của đơn vị.%s",
			u.Name, local(at, loc), what, round.Title, quote(comment), signature)
		return s.reviewNotice(ctx, tx, round, u, kind, event, subject, body, at)
	}
	return fmt.Errorf("review notice: unknown event %q", event)
}

func (s *Service) reviewNotice(ctx context.Context, tx pgx.Tx, round domain.Round, u catalog.Unit, kind, event, subject, body string, at time.Time) error {
	key := fmt.Sprintf("%s:%s:%s:%d", event, round.Code, u.Code, at.UnixNano())
	_, err := s.notice(ctx, tx, unitNotice(kind, round, u, key, subject, body))
	return err
}

// quote sets a comment off as a quotation, line by line.
func quote(comment string) string {
	lines := strings.Split(comment, "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	return strings.Join(lines, "\n")
}
