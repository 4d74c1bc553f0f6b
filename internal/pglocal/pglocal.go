package pglocal

import (
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"time"
)

// Superuser is the role initdb creates; the cluster only accepts connections
// on a Unix socket in a directory only its owner can enter.
const Superuser = "baocao"

// socketPort only names the socket file; the cluster listens on no TCP port.
const socketPort = 5432

// Options configure a cluster.
type Options struct {
	// DataDir is the cluster's PGDATA. It is created and initialised when
	// it does not hold a cluster yet.
	DataDir string
	// Database is created on first start when missing (default "baocao").
	Database string
	// Ephemeral trades durability for speed (fsync off): for tests only.
	Ephemeral bool
	// Logger receives progress lines; nil discards them.
	Logger *slog.Logger
}

// Cluster is a running PostgreSQL server started by Start.
type Cluster struct {
	opts      Options
	socketDir string
	tmpSocket bool
	cmd       *exec.Cmd
	exited    chan struct{}
	waitErr   error
	logPath   string
	lock      *os.File
	stopOnce  sync.Once
}

// DSN returns a connection string for database db on this cluster.
func (c *Cluster) DSN(db string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable", c.socketDir, socketPort, Superuser, db)
}

// Database is the database created at start.
func (c *Cluster) Database() string { return c.opts.Database }

// Exited is closed when the server process ends, expectedly or not.
func (c *Cluster) Exited() <-chan struct{} { return c.exited }

// Stop shuts the server down (fast mode: open sessions are disconnected) and
// waits for it to exit. It is safe to call more than once.
func (c *Cluster) Stop() error {
	var err error
	c.stopOnce.Do(func() {
		_ = c.cmd.Process.Signal(os.Interrupt)
		select {
		case <-c.exited:
		case <-time.After(60 * time.Second):
			_ = c.cmd.Process.Kill()
			<-c.exited
			err = fmt.Errorf("PostgreSQL in %s did not stop within 60s and was killed", c.opts.DataDir)
		}
		c.cleanupSocketDir()
		c.lock.Close()
	})
	return err
}

func (c *Cluster) cleanupSocketDir() {
	if c.tmpSocket {
		_ = os.RemoveAll(c.socketDir)
	}
}

// MkdirTemp creates a fresh directory under the system temp dir that the
// server's account can enter (others may traverse it, not list it), for
// throwaway clusters.
func MkdirTemp(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	if err := os.Chmod(dir, 0o711); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}
