package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"baocao/internal/app"
	"baocao/internal/loadgen"
)

// server is the program running in this process, assembled by app.Open
// exactly as `baocao serve` assembles it, on a loopback port.
type server struct {
	app    *app.App
	cancel context.CancelFunc
	done   chan error
	base   string
}

// startServer opens and runs the program against dsn in mode, and
// returns once /healthz answers.
func startServer(ctx context.Context, dsn string, mode app.Mode) (*server, error) {
	cfg, err := appConfig(dsn)
	if err != nil {
		return nil, err
	}
	a, err := app.Open(ctx, cfg, mode, prodLogger())
	if err != nil {
		return nil, err
	}
	rctx, cancel := context.WithCancel(ctx)
	s := &server{app: a, cancel: cancel, done: make(chan error, 1), base: "http://" + a.Addr()}
	go func() { s.done <- a.Run(rctx) }()
	if !mode.HTTP {
		return s, nil
	}
	client := loadgen.NewClient(1)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := client.Get(s.base + "/healthz")
		if err == nil {
			loadgen.Drain(resp)
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("the server did not answer /healthz within 30s: %v", err)
		}
		select {
		case err := <-s.done:
			a.Close()
			return nil, fmt.Errorf("the server stopped at start: %w", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop shuts the program down as a signal would, and closes it.
func (s *server) stop() error {
	s.cancel()
	err := <-s.done
	if cerr := s.app.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}
