// Package smtptest runs a real SMTP server in the test process, on a
// loopback port, recording every message it accepts. Tests stop and start
// it to stand for an outage, and make it refuse chosen recipients.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options shape a Server.
type Options struct {
	// Username and Password, when set, are required through AUTH PLAIN
	// before MAIL FROM (allowed without TLS: the server is on loopback).
	Username, Password string
	// StartTLS offers STARTTLS; ImplicitTLS speaks TLS from the first byte
	// (smtps). Both use a self-signed certificate that RootCAs trusts.
	StartTLS, ImplicitTLS bool
	// Delay holds each message this long before accepting it, so that
	// concurrent deliveries overlap.
	Delay time.Duration
}

// Message is one accepted message, as received.
type Message struct {
	From string
	To   []string
	Data []byte
	// TLS says the message came over TLS; User is who signed in, if any.
	TLS  bool
	User string
}

// Server is the SMTP server. Its address stays the same across Stop and
// Start, so a mailer built before an outage reaches it after.
type Server struct {
	// Addr is the server's host:port on 127.0.0.1.
	Addr string

	t    testing.TB
	opts Options
	tls  *tls.Config
	pool *x509.CertPool

	mu       sync.Mutex
	srv      *smtp.Server
	ln       net.Listener
	rejects  map[string]*smtp.SMTPError
	received []Message
}

// New reserves a loopback address for a server that is not running yet:
// connections to it are refused until Start. The server stops when the
// test ends.
func New(t testing.TB, opts Options) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), t: t, opts: opts, rejects: map[string]*smtp.SMTPError{}}
	ln.Close()
	if opts.StartTLS || opts.ImplicitTLS {
		s.tls, s.pool = selfSigned(t)
	}
	t.Cleanup(s.Stop)
	return s
}

// Start runs a server with opts at once.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := New(t, opts)
	s.Start()
	return s
}

// URL is the SMTP_URL that reaches the server, with its credentials
// percent-encoded.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr}
	if s.opts.ImplicitTLS {
		u.Scheme = "smtps"
	}
	if s.opts.Username != "" {
		u.User = url.UserPassword(s.opts.Username, s.opts.Password)
	}
	if s.opts.StartTLS {
		u.RawQuery = "starttls=true"
	}
	return u.String()
}

// RootCAs trusts the server's certificate (nil without TLS).
func (s *Server) RootCAs() *x509.CertPool { return s.pool }

// Start listens on Addr and serves until Stop.
func (s *Server) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return
	}
	var ln net.Listener
	var err error
	// The port was free when New reserved it; another process taking it
	// meanwhile is unlikely but would not go unnoticed.
	for range 50 {
		if ln, err = net.Listen("tcp", s.Addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("smtptest: listen again on %s: %v", s.Addr, err)
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{s: s, conn: c}, nil
	}))
	srv.Domain = "smtptest.local"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	if s.opts.ImplicitTLS {
		ln = tls.NewListener(ln, s.tls)
	} else if s.opts.StartTLS {
		srv.TLSConfig = s.tls
	}
	s.srv, s.ln = srv, ln
	go srv.Serve(ln)
}

// Stop closes the listener and every open connection.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		// Closing the listener too: Serve may not have registered it with
		// the server yet, and then Close alone would miss it.
		s.ln.Close()
		s.srv.Close()
		s.srv, s.ln = nil, nil
	}
}

// Reject makes the server answer RCPT TO for rcpt with code (550 for a
// mailbox that does not exist, 450 for one that is busy).
func (s *Server) Reject(rcpt string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	enh := smtp.EnhancedCode{code / 100, 1, 1}
	s.rejects[strings.ToLower(rcpt)] = &smtp.SMTPError{Code: code, EnhancedCode: enh, Message: "mailbox unavailable"}
}

// Messages returns what the server accepted so far, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.received...)
}

// Count returns how many accepted messages went to rcpt.
func (s *Server) Count(rcpt string) int {
	n := 0
	for _, m := range s.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, rcpt) {
				n++
			}
		}
	}
	return n
}

type session struct {
	s    *Server
	conn *smtp.Conn
	user string
	from string
	to   []string
}

func (se *session) AuthMechanisms() []string {
	if se.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != se.s.opts.Username || pass != se.s.opts.Password {
			return smtp.ErrAuthFailed
		}
		se.user = user
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.opts.Username != "" && se.user == "" {
		return smtp.ErrAuthRequired
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.s.mu.Lock()
	rej := se.s.rejects[strings.ToLower(to)]
	se.s.mu.Unlock()
	if rej != nil {
		return rej
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	time.Sleep(se.s.opts.Delay)
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	_, isTLS := se.conn.TLSConnectionState()
	se.s.received = append(se.s.received, Message{From: se.from, To: se.to, Data: data, TLS: isTLS, User: se.user})
	return nil
}

func (se *session) Reset() { se.from, se.to = "", nil }

func (se *session) Logout() error { return nil }

// Decoded is a received plain-text message, its encodings undone.
type Decoded struct {
	Header  mail.Header
	Subject string
	// Body is the text with "\n" line ends.
	Body string
}

// Decode parses m as a single-part text message: the Subject's RFC 2047
// words and the body's quoted-printable or base64 are decoded.
func (m Message) Decode() (Decoded, error) {
	msg, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
	if err != nil {
		return Decoded{}, fmt.Errorf("parse message: %w", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return Decoded{}, fmt.Errorf("decode subject: %w", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "text/plain" || !strings.EqualFold(params["charset"], "utf-8") {
		return Decoded{}, fmt.Errorf("content type %q: want text/plain; charset=UTF-8", msg.Header.Get("Content-Type"))
	}
	body := msg.Body
	switch cte := strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")); cte {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "", "7bit", "8bit":
	default:
		return Decoded{}, errors.New("unknown transfer encoding " + cte)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return Decoded{}, fmt.Errorf("decode body: %w", err)
	}
	return Decoded{Header: msg.Header, Subject: subject, Body: strings.ReplaceAll(string(text), "\r\n", "\n")}, nil
}

// selfSigned makes a certificate for 127.0.0.1 and localhost.
func selfSigned(t testing.TB) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "smtptest"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
