package notify

import (
	"context"
	"errors"
	"strings"
	"testing"

	"baocao/internal/notify/smtptest"
)

const from = "Hệ thống Báo cáo <baocao@tinh.gov.vn>"

func TestNewSMTP_URL(t *testing.T) {
	tests := []struct {
		url, from string
		want      string // String() of the mailer; empty when an error is expected
		errHas    string
	}{
		{url: "smtp://mail.tinh.gov.vn:587", want: "smtp://mail.tinh.gov.vn:587"},
		{url: "smtp://mail.tinh.gov.vn", want: "smtp://mail.tinh.gov.vn:25"},
		{url: "smtps://bao.cao:Bi%40Mat@mail.tinh.gov.vn", want: "smtps://bao.cao@mail.tinh.gov.vn:465"},
		{url: "smtp://bao.cao:BiMat@mail.tinh.gov.vn:587?starttls=true", want: "smtp://bao.cao@mail.tinh.gov.vn:587?starttls=true"},
		{url: "SMTP://[::1]:2525/", want: "smtp://[::1]:2525"},
		{url: "", errHas: "SMTP_URL is empty"},
		{url: "http://mail.tinh.gov.vn:25", errHas: "SMTP_URL: scheme must be smtp or smtps"},
		{url: "mail.tinh.gov.vn:25", errHas: "SMTP_URL"},
		{url: "smtp://:25", errHas: "SMTP_URL: missing host"},
		{url: "smtp:mail.tinh.gov.vn", errHas: "SMTP_URL: missing host"},
		{url: "smtp://bao.cao:BiMat@:25", errHas: "SMTP_URL: missing host"},
		{url: "smtp://mail.tinh.gov.vn:99999", errHas: "SMTP_URL: port"},
		{url: "smtp://mail.tinh.gov.vn:0", errHas: "SMTP_URL: port"},
		{url: "smtp://bao.cao:BiMat@mail.tinh.gov.vn:abc", errHas: "SMTP_URL is not a valid URL"},
		{url: "smtp://bao.cao:BiMat@mail.tinh.gov.vn:25/hop-thu", errHas: "SMTP_URL: unexpected path"},
		{url: "smtp://bao.cao@mail.tinh.gov.vn:25", errHas: "SMTP_URL: give both user and password"},
		{url: "smtp://bao.cao:BiMat@mail.tinh.gov.vn:25?tls=true", errHas: "SMTP_URL: unknown option"},
		{url: "smtp://mail.tinh.gov.vn:25?starttls=co", errHas: "SMTP_URL: starttls must be true or false"},
		{url: "smtps://mail.tinh.gov.vn?starttls=true", errHas: "SMTP_URL: smtps is TLS already"},
		// Unencoded special characters in a password must not leak through
		// the parser's messages, which quote bad ports and bad escapes.
		{url: "smtp://bao.cao:Bi%zzMat@mail.tinh.gov.vn:25", errHas: "SMTP_URL: malformed user or password"},
		{url: "smtp://bao.cao:Bi/Mat:1@mail.tinh.gov.vn:25", errHas: "SMTP_URL: malformed user or password"},
		{url: "smtp://bao.cao:Bi?Mat@mail.tinh.gov.vn:25", errHas: "SMTP_URL: malformed user or password"},
		{url: "smtp://bao.cao:Bi#Mat@mail.tinh.gov.vn:2x5", errHas: "SMTP_URL"},
		{url: "smtp://mail.tinh.gov.vn:25", from: "-", errHas: "BAOCAO_MAIL_FROM"},
		{url: "smtp://mail.tinh.gov.vn:25", from: "baocao", errHas: "BAOCAO_MAIL_FROM"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			f := tt.from
			switch f {
			case "":
				f = from
			case "-":
				f = ""
			}
			m, err := NewSMTP(tt.url, f)
			if tt.errHas == "" {
				if err != nil {
					t.Fatalf("NewSMTP: %v", err)
				}
				if got := m.String(); got != tt.want {
					t.Fatalf("String() = %q, want %q", got, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("NewSMTP succeeded (%s), want an error containing %q", m, tt.errHas)
			}
			if !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("error %q does not contain %q", err, tt.errHas)
			}
			for _, secret := range []string{"BiMat", "Mat", "%zz", "zzM"} {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error %q shows the password (%q)", err, secret)
				}
			}
		})
	}
}

func newMailer(t *testing.T, srv *smtptest.Server) *SMTPMailer {
	t.Helper()
	m, err := NewSMTP(srv.URL(), from)
	if err != nil {
		t.Fatal(err)
	}
	m.rootCAs = srv.RootCAs()
	return m
}

var notice = Message{
	To:      "so.taichinh@tinh.gov.vn",
	Subject: "Nhắc hạn: báo cáo quý III năm 2024 — Sở Tài chính",
	Body: "Kính gửi Sở Tài chính,\n\n" +
		"Đợt báo cáo “Quý III năm 2024” hết hạn nộp lúc 17 giờ 00 ngày 15/10/2024.\n" +
		"Đề nghị quý cơ quan hoàn thành và gửi báo cáo đúng hạn.\n\n" +
		"Trân trọng,\nVăn phòng UBND tỉnh — dòng rất dài để kiểm tra việc ngắt dòng của quoted-printable không làm hỏng chữ có dấu: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ đ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự.\n",
	ID: "notice-42.1728900000",
}

func TestSMTPMailer_Send(t *testing.T) {
	tests := []struct {
		name string
		opts smtptest.Options
	}{
		{"plain", smtptest.Options{}},
		{"auth on loopback", smtptest.Options{Username: "bao.cao", Password: "Bí mật@1"}},
		{"starttls", smtptest.Options{StartTLS: true, Username: "bao.cao", Password: "x/y?z"}},
		{"smtps", smtptest.Options{ImplicitTLS: true, Username: "bao.cao", Password: "p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.Start(t, tt.opts)
			m := newMailer(t, srv)
			if err := m.Send(context.Background(), notice); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			if len(got[0].To) != 1 || got[0].To[0] != notice.To || got[0].From != "baocao@tinh.gov.vn" {
				t.Fatalf("envelope from %q to %q", got[0].From, got[0].To)
			}
			if tls := tt.opts.StartTLS || tt.opts.ImplicitTLS; got[0].TLS != tls || got[0].User != tt.opts.Username {
				t.Fatalf("received with TLS %v as user %q, want %v and %q", got[0].TLS, got[0].User, tls, tt.opts.Username)
			}
			d, err := got[0].Decode()
			if err != nil {
				t.Fatal(err)
			}
			if d.Subject != notice.Subject {
				t.Errorf("Subject = %q, want %q", d.Subject, notice.Subject)
			}
			if raw := d.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
				t.Errorf("raw Subject %q is not RFC 2047 encoded", raw)
			}
			if d.Body != notice.Body {
				t.Errorf("Body = %q\nwant %q", d.Body, notice.Body)
			}
			if to := d.Header.Get("To"); to != "<so.taichinh@tinh.gov.vn>" {
				t.Errorf("To header = %q", to)
			}
			if id := d.Header.Get("Message-Id"); id != "<notice-42.1728900000@tinh.gov.vn>" {
				t.Errorf("Message-ID = %q", id)
			}
			if d.Header.Get("Auto-Submitted") != "auto-generated" {
				t.Errorf("Auto-Submitted = %q", d.Header.Get("Auto-Submitted"))
			}
		})
	}
}

func TestSMTPMailer_Send_Failures(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	srv.Reject("khong.ton.tai@tinh.gov.vn", 550)
	srv.Reject("dia.chi.sai@tinh.gov.vn", 553)
	srv.Reject("hop.thu.day@tinh.gov.vn", 452)
	m := newMailer(t, srv)
	tests := []struct {
		to        string
		permanent bool
	}{
		{"khong.ton.tai@tinh.gov.vn", true},
		{"dia.chi.sai@tinh.gov.vn", true},
		{"hop.thu.day@tinh.gov.vn", false},
		{"không phải địa chỉ", true},
		{"", true},
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			msg := notice
			msg.To = tt.to
			err := m.Send(context.Background(), msg)
			if err == nil {
				t.Fatal("Send succeeded, want an error")
			}
			if IsPermanent(err) != tt.permanent {
				t.Fatalf("IsPermanent(%v) = %v, want %v", err, !tt.permanent, tt.permanent)
			}
		})
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("server accepted %d refused messages", n)
	}
}

func TestSMTPMailer_Send_ServerDown(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{})
	m := newMailer(t, srv)
	srv.Stop()
	err := m.Send(context.Background(), notice)
	if err == nil {
		t.Fatal("Send to a stopped server succeeded")
	}
	if IsPermanent(err) {
		t.Fatalf("IsPermanent(%v) = true for a refused connection", err)
	}
	srv.Start()
	if err := m.Send(context.Background(), notice); err != nil {
		t.Fatalf("Send after restart: %v", err)
	}
}

func TestSMTPMailer_Send_AuthAndTLSFailuresAreNotPermanent(t *testing.T) {
	t.Run("wrong password", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{Username: "bao.cao", Password: "dung"})
		m, err := NewSMTP(strings.Replace(srv.URL(), ":dung@", ":SaiMatKhau@", 1), from)
		if err != nil {
			t.Fatal(err)
		}
		err = m.Send(context.Background(), notice)
		if err == nil || IsPermanent(err) {
			t.Fatalf("Send with a wrong password: %v; want a temporary error", err)
		}
		if strings.Contains(err.Error(), "SaiMatKhau") {
			t.Fatalf("error %q shows the password", err)
		}
	})
	t.Run("starttls required but not offered", func(t *testing.T) {
		srv := smtptest.Start(t, smtptest.Options{})
		m, err := NewSMTP(srv.URL()+"?starttls=true", from)
		if err != nil {
			t.Fatal(err)
		}
		err = m.Send(context.Background(), notice)
		if err == nil || IsPermanent(err) {
			t.Fatalf("Send: %v; want a temporary error", err)
		}
		if len(srv.Messages()) != 0 {
			t.Fatal("message sent in clear text although STARTTLS was required")
		}
	})
}

func TestIsPermanent(t *testing.T) {
	perm := &PermanentError{Err: errors.New("550 no such user")}
	if !IsPermanent(perm) || !IsPermanent(errors.Join(errors.New("x"), perm)) {
		t.Fatal("a (wrapped) PermanentError is not permanent")
	}
	if IsPermanent(errors.New("550 in text only")) || IsPermanent(nil) {
		t.Fatal("a plain error is permanent")
	}
}
