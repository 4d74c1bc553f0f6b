package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Timeout bounds connecting to the SMTP server and each command after it,
// so a server that accepts a connection and then hangs costs a delivery
// attempt, not a worker.
const Timeout = 10 * time.Second

// Default ports when SMTP_URL names none.
const (
	defaultPortSMTP  = 25
	defaultPortSMTPS = 465
)

// SMTPMailer sends each message over a connection of its own to one SMTP
// server. It is safe for concurrent use.
type SMTPMailer struct {
	host     string
	port     int
	implicit bool // smtps: TLS from the first byte
	starttls bool // smtp with ?starttls=true: STARTTLS required
	user     string
	pass     string
	from     *mail.Address
	idDomain string // the Message-ID domain: the sender's
	// rootCAs replaces the system roots; tests set it to trust their
	// throwaway server's certificate.
	rootCAs *x509.CertPool
}

// NewSMTP builds a mailer from SMTP_URL and the sender BAOCAO_MAIL_FROM.
//
//	smtp://[user:pass@]host[:port]                 plain SMTP (port 25), no STARTTLS
//	smtp://[user:pass@]host[:port]?starttls=true   STARTTLS required (no silent downgrade)
//	smtps://[user:pass@]host[:port]                TLS from the start (port 465)
//
// User and password, percent-encoded in the URL, sign in with AUTH PLAIN
// (or LOGIN), which go-mail only allows over TLS or to a loopback server.
// Error messages name the variable and never contain the password.
func NewSMTP(rawURL, from string) (*SMTPMailer, error) {
	m, err := parseSMTPURL(rawURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(from) == "" {
		return nil, errors.New("BAOCAO_MAIL_FROM is required when SMTP_URL is set")
	}
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("BAOCAO_MAIL_FROM %q is not an e-mail address: %w", from, err)
	}
	m.from = addr
	m.idDomain = addr.Address[strings.LastIndexByte(addr.Address, '@')+1:]
	// Building a client checks the options once, at start-up.
	if _, err := m.client(); err != nil {
		return nil, fmt.Errorf("SMTP_URL: %w", err)
	}
	return m, nil
}

func parseSMTPURL(rawURL string) (*SMTPMailer, error) {
	if strings.TrimSpace(rawURL) == "" {
		return nil, errors.New("SMTP_URL is empty")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, urlError(rawURL, err)
	}
	m := &SMTPMailer{}
	port := defaultPortSMTP
	switch u.Scheme {
	case "smtp":
	case "smtps":
		m.implicit = true
		port = defaultPortSMTPS
	default:
		return nil, fmt.Errorf("SMTP_URL: scheme must be smtp or smtps, not %q", u.Scheme)
	}
	m.host = u.Hostname()
	if u.Opaque != "" || m.host == "" {
		return nil, errors.New("SMTP_URL: missing host; write smtp://host:port or smtps://host:port")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("SMTP_URL: port %q is not a number from 1 to 65535", p)
		}
		port = n
	}
	m.port = port
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("SMTP_URL: unexpected path %q", u.Path)
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
		if m.user == "" || m.pass == "" {
			return nil, errors.New("SMTP_URL: give both user and password (smtp://user:password@host:port) or neither")
		}
	}
	for key, vals := range u.Query() {
		switch key {
		case "starttls":
			on, err := strconv.ParseBool(vals[len(vals)-1])
			if err != nil {
				return nil, fmt.Errorf("SMTP_URL: starttls must be true or false, not %q", vals[len(vals)-1])
			}
			m.starttls = on
		default:
			return nil, fmt.Errorf("SMTP_URL: unknown option %q (the only one is starttls)", key)
		}
	}
	if m.implicit && m.starttls {
		return nil, errors.New("SMTP_URL: smtps is TLS already; starttls=true belongs to smtp:// only")
	}
	return m, nil
}

// urlError explains a URL that does not parse without quoting the
// password: url.Error quotes the whole URL, and some of its causes (a bad
// port, a bad escape) quote a piece of a password that holds an unencoded
// '/', '?', '#' or '%'. The URL is parsed again without its user part; if
// that parses, the user part was the problem.
func urlError(rawURL string, err error) error {
	if scheme, rest, ok := strings.Cut(rawURL, "://"); ok {
		if at := strings.LastIndexByte(rest, '@'); at >= 0 {
			_, err = url.Parse(scheme + "://" + rest[at+1:])
			if err == nil {
				return errors.New("SMTP_URL: malformed user or password; percent-encode characters such as @ / ? # % in them")
			}
		}
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	return fmt.Errorf("SMTP_URL is not a valid URL: %w", err)
}

// String describes the server without the password, for logs.
func (s *SMTPMailer) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(s.host, strconv.Itoa(s.port))}
	if s.implicit {
		u.Scheme = "smtps"
	}
	if s.user != "" {
		u.User = url.User(s.user)
	}
	if s.starttls {
		u.RawQuery = "starttls=true"
	}
	return u.String()
}

func (s *SMTPMailer) client() (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(s.port),
		gomail.WithTimeout(Timeout),
		// One message per connection, closed by QUIT: an RSET after the
		// accepted message could only add a failure to a success.
		gomail.WithoutRset(),
		gomail.WithTLSConfig(&tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12, RootCAs: s.rootCAs}),
	}
	switch {
	case s.implicit:
		opts = append(opts, gomail.WithSSL())
	case s.starttls:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.user != "" {
		opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	return gomail.NewClient(s.host, opts...)
}

// messageID is what Message.ID may hold.
var messageID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// Send implements Mailer. It returns a *PermanentError for an unparsable
// address and for a 5xx reply to RCPT TO or to the message itself.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return &PermanentError{Err: fmt.Errorf("recipient %q is not an e-mail address: %w", m.To, err)}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("send mail to %s: %w", to.Address, err)
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(to)
	msg.Subject(strings.Join(strings.Fields(m.Subject), " "))
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	// Automatic notices: out-of-office robots should not answer them (RFC 3834).
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	if messageID.MatchString(m.ID) {
		msg.SetMessageIDWithValue(m.ID + "@" + s.idDomain)
	}
	for _, a := range m.Attachments {
		var opts []gomail.FileOption
		if a.ContentType != "" {
			opts = append(opts, gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
		}
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), opts...); err != nil {
			return &PermanentError{Err: fmt.Errorf("attach %s: %w", a.Name, err)}
		}
	}
	client, err := s.client()
	if err != nil {
		return fmt.Errorf("send mail to %s: %w", to.Address, err)
	}
	err = client.DialAndSendWithContext(ctx, msg)
	if err == nil || msg.IsDelivered() {
		// Accepted: a failure after that (QUIT) does not undo the delivery.
		return nil
	}
	return classify(fmt.Errorf("send mail to %s via %s:%d: %w", to.Address, s.host, s.port, err))
}

// classify wraps err in a PermanentError when the server refused this
// message for good. go-mail's SendError.IsTemp cannot be used for that: it
// is true only for replies starting with 4, so a broken connection in the
// middle of a send reads as "not temporary". The reply code is what counts,
// and only at the stages that concern this message: a 5xx to MAIL FROM,
// AUTH or the greeting is a fault of the sender or the configuration that
// would fail every notice alike, and stays retryable until it is fixed.
func classify(err error) error {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return err
	}
	if code := se.ErrorCode(); code < 500 || code > 599 {
		return err
	}
	switch se.Reason {
	case gomail.ErrSMTPRcptTo, gomail.ErrSMTPData, gomail.ErrSMTPDataClose:
		return &PermanentError{Err: err}
	}
	return err
}
