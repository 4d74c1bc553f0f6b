// Package config reads baocao's settings from the environment once, at
// start, and validates them with messages that name the variable.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"baocao/internal/access"
)

// Env is the deployment mode.
type Env string

const (
	// Dev is the default: readable logs, demo data and demo accounts.
	Dev Env = "dev"
	// Prod creates no account or data by itself and logs JSON.
	Prod Env = "prod"
)

// Config is every setting of the process.
type Config struct {
	// DatabaseURL is the PostgreSQL server to use; empty means a private
	// cluster under DataDir (only for `baocao run`).
	DatabaseURL string
	// Addr is the HTTP listen address.
	Addr string
	// DataDir holds the private cluster and other local state.
	DataDir string
	// Env is dev or prod.
	Env Env
	// EnvSet says BAOCAO_ENV was set explicitly (an implicit dev never
	// creates demo accounts on an external database).
	EnvSet bool
	// LogLevel is the minimum level logged.
	LogLevel slog.Level
	// ShutdownTimeout bounds how long running jobs and requests may take to
	// finish at shutdown before they are cancelled.
	ShutdownTimeout time.Duration
	// MaxWorkers is the number of jobs each queue runs at once per process.
	MaxWorkers int
	// ReportTimeout bounds one report generation (consolidation and
	// rendering); a generation still running then is cancelled and retried.
	ReportTimeout time.Duration
	// JobRescueAfter is how long a job may stay running before it counts as
	// stuck (its worker died) and runs again. A job kind with a longer
	// timeout of its own waits for that timeout instead.
	JobRescueAfter time.Duration
	// DemoPassword is the password of the demo accounts (dev only).
	DemoPassword string
	// DemoPasswordSet says DemoPassword came from the environment.
	DemoPasswordSet bool
	// SecureCookies marks cookies Secure behind a TLS-terminating proxy.
	SecureCookies bool
	// SessionIdle and SessionMax end sessions unused for, or older than.
	SessionIdle time.Duration
	SessionMax  time.Duration
	// PasswordCost is the work of the password hashes the process makes.
	// No variable sets it: Load leaves it zero, which is
	// access.DefaultPasswordCost. Tests that start the whole program
	// lower it (testkit.PasswordCost) to spare the race detector.
	PasswordCost access.PasswordCost
	// SMTPURL is the mail server notices go through; empty keeps them in
	// the outbox (shown on the notices page).
	SMTPURL string
	// MailFrom is the sender address of notices.
	MailFrom string
	// ForwardEmails and ForwardURL are where a report set marked final is
	// sent (the Ministry's address, an upstream system).
	ForwardEmails []string
	ForwardURL    string
	// SignP12 is the issuer's signing certificate (PKCS#12), opened with
	// SignP12Password; empty in dev makes a self-signed test certificate
	// under DataDir, and in prod leaves issuing refused.
	SignP12         string
	SignP12Password string
	// TSAURL is an RFC 3161 timestamping authority for signatures.
	TSAURL string
	// SealImage and SignatureImage are PNG files of the issuer's seal and
	// its signer's signature, shown on the official report; empty shows
	// drawn samples that say so.
	SealImage, SignatureImage string
}

// DefaultDemoPassword is the demo accounts' password when
// BAOCAO_DEMO_PASSWORD is unset (dev mode only; printed at start-up).
const DefaultDemoPassword = "baocao-demo-2024"

// Var documents one environment variable, for `baocao help` and the README.
type Var struct {
	Name, Default, Description string
}

// Vars lists every variable Load reads.
var Vars = []Var{
	{"DATABASE_URL", "(unset)", "PostgreSQL connection string. Unset: `baocao run` starts a private cluster under BAOCAO_DATA_DIR; serve, worker and migrate require it."},
	{"BAOCAO_ADDR", "127.0.0.1:8080", "HTTP listen address (host:port)."},
	{"BAOCAO_DATA_DIR", "./var", "Local state: the private PostgreSQL cluster and its log."},
	{"BAOCAO_ENV", "dev", "dev (demo data and accounts, text logs) or prod (nothing created by itself, JSON logs). Demo data needs dev set explicitly unless `baocao run` uses its private database."},
	{"BAOCAO_LOG_LEVEL", "info", "debug, info, warn or error."},
	{"BAOCAO_SHUTDOWN_TIMEOUT", "30s", "How long running jobs and requests may take to finish at shutdown before they are cancelled."},
	{"BAOCAO_MAX_WORKERS", "10", "Jobs each queue runs at once in one process."},
	{"BAOCAO_REPORT_TIMEOUT", "5m", "How long one report generation (consolidation and rendering) may run before it is cancelled and retried."},
	{"BAOCAO_JOB_RESCUE_AFTER", "BAOCAO_REPORT_TIMEOUT + 1m", "A job still running this long after it started is taken to have lost its worker (killed, machine gone) and runs again; must exceed BAOCAO_REPORT_TIMEOUT."},
	{"BAOCAO_DEMO_PASSWORD", DefaultDemoPassword, "Dev mode only: the password of the demo accounts (admin, staff, one per unit)."},
	{"BAOCAO_SECURE_COOKIES", "false", "true behind a TLS-terminating proxy: cookies are marked Secure (they always are over direct TLS)."},
	{"BAOCAO_SESSION_IDLE", "2h", "A sign-in session ends after this long without use."},
	{"BAOCAO_SESSION_MAX", "12h", "A sign-in session ends this long after sign-in, used or not."},
	{"SMTP_URL", "(unset)", "Mail server for notices: smtp://user:pass@host:587 or smtps://host:465. Unset: notices stay in the outbox and on the notices page."},
	{"BAOCAO_MAIL_FROM", "baocao@localhost", "Sender address of notices."},
	{"BAOCAO_FORWARD_EMAILS", "(unset)", "Comma-separated addresses a report set marked final is e-mailed to (the package attached)."},
	{"BAOCAO_FORWARD_URL", "(unset)", "An http(s) URL a report set marked final is POSTed to as application/zip."},
	{"BAOCAO_SIGN_P12", "(unset)", "The issuer's signing certificate and key (PKCS#12 .p12/.pfx) the official report PDF is signed with. Unset: dev signs with a self-signed TEST certificate made under BAOCAO_DATA_DIR/signing; prod cannot issue reports."},
	{"BAOCAO_SIGN_P12_PASSWORD", "(unset)", "The password of BAOCAO_SIGN_P12."},
	{"BAOCAO_SIGN_P12_PASSWORD_FILE", "(unset)", "A file holding that password instead (keeps it out of the environment)."},
	{"BAOCAO_TSA_URL", "(unset)", "An RFC 3161 timestamping authority; signatures then carry a trusted signing time."},
	{"BAOCAO_SEAL_IMAGE", "(unset)", "PNG of the issuing body's seal (red, transparent background, actual size) shown on the official report. Unset: dev shows a drawn sample marked MẪU; prod shows none."},
	{"BAOCAO_SIGNATURE_IMAGE", "(unset)", "PNG of the signer's handwritten signature shown on the official report. Unset: dev shows a drawn sample; prod shows none."},
}

// Load reads the configuration through getenv (os.Getenv in production) and
// reports every invalid variable at once.
func Load(getenv func(string) string) (Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	var errs []error
	cfg := Config{
		DatabaseURL: strings.TrimSpace(getenv("DATABASE_URL")),
		Addr:        get("BAOCAO_ADDR", "127.0.0.1:8080"),
		DataDir:     get("BAOCAO_DATA_DIR", "./var"),
		Env:         Env(get("BAOCAO_ENV", string(Dev))),
		EnvSet:      strings.TrimSpace(getenv("BAOCAO_ENV")) != "",
	}
	if _, port, err := net.SplitHostPort(cfg.Addr); err != nil {
		errs = append(errs, fmt.Errorf("BAOCAO_ADDR %q: want host:port, such as 127.0.0.1:8080", cfg.Addr))
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		errs = append(errs, fmt.Errorf("BAOCAO_ADDR %q: port must be a number from 0 to 65535", cfg.Addr))
	}
	if cfg.Env != Dev && cfg.Env != Prod {
		errs = append(errs, fmt.Errorf("BAOCAO_ENV %q: want dev or prod", cfg.Env))
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(get("BAOCAO_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("BAOCAO_LOG_LEVEL %q: want debug, info, warn or error", getenv("BAOCAO_LOG_LEVEL")))
	}
	timeout, err := time.ParseDuration(get("BAOCAO_SHUTDOWN_TIMEOUT", "30s"))
	if err != nil || timeout <= 0 {
		errs = append(errs, fmt.Errorf("BAOCAO_SHUTDOWN_TIMEOUT %q: want a positive duration such as 30s", getenv("BAOCAO_SHUTDOWN_TIMEOUT")))
	}
	cfg.ShutdownTimeout = timeout
	workers, err := strconv.Atoi(get("BAOCAO_MAX_WORKERS", "10"))
	if err != nil || workers < 1 || workers > 1000 {
		errs = append(errs, fmt.Errorf("BAOCAO_MAX_WORKERS %q: want a whole number from 1 to 1000", getenv("BAOCAO_MAX_WORKERS")))
	}
	cfg.MaxWorkers = workers
	cfg.ReportTimeout, cfg.JobRescueAfter = jobTimes(get, &errs)
	cfg.DemoPassword = get("BAOCAO_DEMO_PASSWORD", DefaultDemoPassword)
	cfg.DemoPasswordSet = strings.TrimSpace(getenv("BAOCAO_DEMO_PASSWORD")) != ""
	switch v := get("BAOCAO_SECURE_COOKIES", "false"); v {
	case "true", "1", "yes":
		cfg.SecureCookies = true
	case "false", "0", "no":
	default:
		errs = append(errs, fmt.Errorf("BAOCAO_SECURE_COOKIES %q: want true or false", v))
	}
	cfg.SMTPURL = strings.TrimSpace(getenv("SMTP_URL"))
	cfg.MailFrom = get("BAOCAO_MAIL_FROM", "baocao@localhost")
	if !strings.Contains(cfg.MailFrom, "@") {
		errs = append(errs, fmt.Errorf("BAOCAO_MAIL_FROM %q: want an e-mail address", cfg.MailFrom))
	}
	for _, e := range strings.Split(getenv("BAOCAO_FORWARD_EMAILS"), ",") {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		if !strings.Contains(e, "@") {
			errs = append(errs, fmt.Errorf("BAOCAO_FORWARD_EMAILS: %q is not an e-mail address", e))
		}
		cfg.ForwardEmails = append(cfg.ForwardEmails, e)
	}
	cfg.ForwardURL = strings.TrimSpace(getenv("BAOCAO_FORWARD_URL"))
	if u := cfg.ForwardURL; u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		errs = append(errs, fmt.Errorf("BAOCAO_FORWARD_URL %q: want an http:// or https:// URL", u))
	}
	signing(getenv, &cfg, &errs)
	for _, d := range []struct {
		name, def string
		dst       *time.Duration
	}{{"BAOCAO_SESSION_IDLE", "2h", &cfg.SessionIdle}, {"BAOCAO_SESSION_MAX", "12h", &cfg.SessionMax}} {
		v, err := time.ParseDuration(get(d.name, d.def))
		if err != nil || v < time.Minute {
			errs = append(errs, fmt.Errorf("%s %q: want a duration of at least 1m, such as 2h", d.name, getenv(d.name)))
		}
		*d.dst = v
	}
	return cfg, errors.Join(errs...)
}

// jobTimes reads the report timeout and the rescue delay. A dead worker's
// report job runs again once the rescue delay has passed (and River's next
// check, every 30 s, sees it), so the delay is kept a minute above the
// timeout: long enough for a cancelled generation to unwind, short enough
// that a killed worker costs minutes, not the hour River assumes.
func jobTimes(get func(name, def string) string, errs *[]error) (timeout, rescue time.Duration) {
	v := get("BAOCAO_REPORT_TIMEOUT", "5m")
	timeout, err := time.ParseDuration(v)
	if err != nil || timeout < time.Second {
		*errs = append(*errs, fmt.Errorf("BAOCAO_REPORT_TIMEOUT %q: want a duration of at least 1s, such as 5m", v))
		return timeout, 0
	}
	v = get("BAOCAO_JOB_RESCUE_AFTER", "")
	if v == "" {
		return timeout, timeout + time.Minute
	}
	rescue, err = time.ParseDuration(v)
	if err != nil || rescue <= timeout {
		*errs = append(*errs, fmt.Errorf("BAOCAO_JOB_RESCUE_AFTER %q: want a duration longer than BAOCAO_REPORT_TIMEOUT (%s), such as %s",
			v, timeout, timeout+time.Minute))
	}
	return timeout, rescue
}

// RequireDatabaseURL reports the missing DATABASE_URL for commands that do
// not start a private cluster.
func (c Config) RequireDatabaseURL(command string) error {
	if c.DatabaseURL == "" {
		return fmt.Errorf("DATABASE_URL is not set: `baocao %s` needs an existing PostgreSQL server "+
			"(`baocao run` starts a private one instead)", command)
	}
	return nil
}

// signing reads the signing settings: the certificate file and its
// password (given, or read from BAOCAO_SIGN_P12_PASSWORD_FILE so that it
// stays out of the environment), the timestamping authority, the images.
func signing(getenv func(string) string, cfg *Config, errs *[]error) {
	cfg.SignP12 = strings.TrimSpace(getenv("BAOCAO_SIGN_P12"))
	cfg.SignP12Password = getenv("BAOCAO_SIGN_P12_PASSWORD")
	if f := strings.TrimSpace(getenv("BAOCAO_SIGN_P12_PASSWORD_FILE")); f != "" {
		data, err := os.ReadFile(f)
		if err != nil {
			*errs = append(*errs, fmt.Errorf("BAOCAO_SIGN_P12_PASSWORD_FILE: %w", err))
		}
		cfg.SignP12Password = strings.TrimRight(string(data), "\r\n")
	}
	if cfg.SignP12 != "" {
		if _, err := os.Stat(cfg.SignP12); err != nil {
			*errs = append(*errs, fmt.Errorf("BAOCAO_SIGN_P12: %w", err))
		}
	}
	cfg.TSAURL = strings.TrimSpace(getenv("BAOCAO_TSA_URL"))
	if u := cfg.TSAURL; u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		*errs = append(*errs, fmt.Errorf("BAOCAO_TSA_URL %q: want an http:// or https:// URL", u))
	}
	for _, img := range []struct {
		name string
		dst  *string
	}{{"BAOCAO_SEAL_IMAGE", &cfg.SealImage}, {"BAOCAO_SIGNATURE_IMAGE", &cfg.SignatureImage}} {
		*img.dst = strings.TrimSpace(getenv(img.name))
		if *img.dst == "" {
			continue
		}
		if data, err := os.ReadFile(*img.dst); err != nil {
			*errs = append(*errs, fmt.Errorf("%s: %w", img.name, err))
		} else if !bytes.HasPrefix(data, []byte("\x89PNG")) {
			*errs = append(*errs, fmt.Errorf("%s %q: want a PNG image (transparent background)", img.name, *img.dst))
		}
	}
}
