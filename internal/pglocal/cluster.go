//go:build unix

package pglocal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Start initialises the cluster when needed and starts it, returning once it
// accepts connections. On Linux the server dies with the calling process:
// it gets SIGINT (fast shutdown) when its parent exits, however that
// happens. Elsewhere a server whose owner was killed keeps running, and the
// next Start refuses the directory until it is stopped (see
// clearStalePID).
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Database == "" {
		opts.Database = "baocao"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("cluster directory %s: %w", opts.DataDir, err)
	}
	opts.DataDir = dataDir
	binDir, err := FindBinDir()
	if err != nil {
		return nil, err
	}
	owner, err := serverOwner()
	if err != nil {
		return nil, err
	}
	if err := prepareDir(dataDir, owner); err != nil {
		return nil, err
	}
	c := &Cluster{opts: opts, logPath: dataDir + ".log", exited: make(chan struct{})}
	if c.lock, err = lockDir(dataDir); err != nil {
		return nil, err
	}
	started := false
	defer func() {
		if !started {
			c.lock.Close()
		}
	}()
	if _, err := os.Stat(filepath.Join(dataDir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		opts.Logger.Info("initialising PostgreSQL cluster", "dir", dataDir)
		if err := c.initdb(binDir, owner); err != nil {
			return nil, err
		}
	}
	if err := clearStalePID(dataDir, opts.Logger); err != nil {
		return nil, err
	}
	if err := c.start(binDir, owner); err != nil {
		c.cleanupSocketDir()
		return nil, err
	}
	if err := c.waitReady(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	if err := c.ensureDatabase(ctx, opts.Database); err != nil {
		c.Stop()
		return nil, err
	}
	started = true
	return c, nil
}

// owner is the account the server runs as; nil means the current user.
type owner struct {
	uid, gid int
}

func (o *owner) credential() *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{}
	if o != nil {
		attr.Credential = &syscall.Credential{Uid: uint32(o.uid), Gid: uint32(o.gid)}
	}
	return attr
}

// serverOwner returns the postgres account when running as root, since
// PostgreSQL refuses to run as root.
func serverOwner() (*owner, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("running as root needs a `postgres` system user to run PostgreSQL as " +
			"(PostgreSQL refuses to run as root); install the postgresql package or run as a normal user")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &owner{uid: uid, gid: gid}, nil
}

// prepareDir creates the cluster directory, hands it to the server's owner
// and checks that the owner can reach it.
func prepareDir(dataDir string, o *owner) error {
	parent := filepath.Dir(dataDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("data directory %s: not writable: %w", parent, unwrapPath(err))
	}
	probe, err := os.CreateTemp(parent, ".write-check-*")
	if err != nil {
		return fmt.Errorf("data directory %s: not writable: %w", parent, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return fmt.Errorf("cluster directory %s: %w", dataDir, unwrapPath(err))
	}
	if o == nil {
		return nil
	}
	for dir := parent; ; dir = filepath.Dir(dir) {
		info, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("data directory %s: %w", dir, unwrapPath(err))
		}
		st := info.Sys().(*syscall.Stat_t)
		if info.Mode().Perm()&0o001 == 0 && int(st.Uid) != o.uid {
			return fmt.Errorf("data directory %s: PostgreSQL runs as user postgres, which cannot enter %s; "+
				"choose a data directory it can reach (BAOCAO_DATA_DIR=/var/lib/baocao, for example)", dataDir, dir)
		}
		if dir == "/" || dir == "." {
			break
		}
	}
	return filepath.Walk(dataDir, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, o.uid, o.gid)
	})
}

func (c *Cluster) initdb(binDir string, o *owner) error {
	args := []string{"-D", c.opts.DataDir, "-U", Superuser, "--auth=trust", "--encoding=UTF8",
		"--locale=C", "--no-instructions"}
	if c.opts.Ephemeral {
		args = append(args, "--no-sync")
	}
	cmd := exec.Command(filepath.Join(binDir, "initdb"), args...)
	cmd.SysProcAttr = o.credential()
	cmd.Dir = "/"
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("initdb %s: %w: %s", c.opts.DataDir, err, lastLines(out, 5))
	}
	return nil
}

func (c *Cluster) start(binDir string, o *owner) error {
	c.socketDir = c.opts.DataDir
	// A socket path is limited to 107 bytes; deep checkouts fall back to a
	// private directory under the system temp dir.
	if len(c.socketDir)+len("/.s.PGSQL.5432.lock") > 100 {
		dir, err := os.MkdirTemp("", "baocao-pg-")
		if err != nil {
			return fmt.Errorf("socket directory: %w", err)
		}
		if o != nil {
			if err := os.Chown(dir, o.uid, o.gid); err != nil {
				return fmt.Errorf("socket directory: %w", err)
			}
		}
		c.socketDir, c.tmpSocket = dir, true
	}
	logFile, err := os.OpenFile(c.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("PostgreSQL log %s: %w", c.logPath, unwrapPath(err))
	}
	defer logFile.Close()

	args := []string{"-D", c.opts.DataDir,
		"-c", "listen_addresses=",
		"-c", "unix_socket_directories=" + c.socketDir,
		"-c", "unix_socket_permissions=0700",
		"-c", "port=" + strconv.Itoa(socketPort),
		"-c", "max_connections=200",
	}
	if c.opts.Ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	c.cmd = exec.Command(filepath.Join(binDir, "postgres"), args...)
	c.cmd.Dir = "/"
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	attr := o.credential()
	// Own process group: a terminal's Ctrl-C reaches baocao, which stops
	// its workers before it stops the database.
	attr.Setpgid = true
	if !dieWithParent(attr) {
		c.opts.Logger.Warn("on this system PostgreSQL keeps running if baocao is killed (SIGKILL, a crash); "+
			"the next start then refuses until it is stopped with pg_ctl stop -D "+c.opts.DataDir, "os", runtime.GOOS)
	}
	c.cmd.SysProcAttr = attr

	// Pdeathsig fires when the forking OS thread exits, not the process:
	// fork from a locked thread that lives as long as the server does.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := c.cmd.Start(); err != nil {
			started <- err
			close(c.exited)
			return
		}
		started <- nil
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("start PostgreSQL: %w", err)
	}
	c.opts.Logger.Info("PostgreSQL started", "dir", c.opts.DataDir, "socket", c.socketDir, "pid", c.cmd.Process.Pid)
	return nil
}

func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, c.DSN("postgres"))
		if err == nil {
			conn.Close(ctx)
			return nil
		}
		select {
		case <-c.exited:
			return fmt.Errorf("PostgreSQL in %s exited at start (%v); its log %s ends with: %s",
				c.opts.DataDir, c.waitErr, c.logPath, c.logTail())
		case <-ctx.Done():
			return fmt.Errorf("PostgreSQL in %s not ready within 60s: %w; its log %s ends with: %s",
				c.opts.DataDir, err, c.logPath, c.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (c *Cluster) ensureDatabase(ctx context.Context, db string) error {
	conn, err := pgx.Connect(ctx, c.DSN("postgres"))
	if err != nil {
		return fmt.Errorf("connect to local PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", db).Scan(&exists); err != nil {
		return fmt.Errorf("look up database %s: %w", db, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{db}.Sanitize()); err != nil {
		return fmt.Errorf("create database %s: %w", db, err)
	}
	return nil
}

func (c *Cluster) logTail() string {
	f, err := os.Open(c.logPath)
	if err != nil {
		return "(no log)"
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	return lastLines(data, 5)
}

func lastLines(out []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// unwrapPath drops the path from a *PathError the caller already names.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
