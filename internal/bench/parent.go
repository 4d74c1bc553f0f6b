package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Run measures every size of cfg, each in a child process started from
// exe (this program, which must understand Config.ChildArgs), against a
// private PostgreSQL started here, and prints the table and the plain
// figures to w. Progress goes to logw.
func Run(ctx context.Context, cfg Config, exe string, w, logw io.Writer) ([]SizeResult, error) {
	logger := slog.New(slog.NewTextHandler(logw, &slog.HandlerOptions{Level: slog.LevelInfo}))
	started := time.Now()
	logger.Info("starting PostgreSQL for the benchmark", "durable", cfg.Durable)
	srv, err := StartServer(ctx, cfg.Durable, nil)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	var results []SizeResult
	for _, size := range cfg.Sizes {
		dsn, err := srv.NewDatabase(ctx, "bench_"+size.Name)
		if err != nil {
			return results, err
		}
		logger.Info("measuring", "size", size.Name, "units", size.Units)
		res, err := runChild(ctx, exe, cfg.ChildArgs(size, dsn), logw)
		if err != nil {
			return results, fmt.Errorf("size %s: %w", size.Name, err)
		}
		results = append(results, *res)
		logger.Info("measured", "size", size.Name, "peak_rss", FormatBytes(res.PeakRSS))
	}
	fmt.Fprintf(w, "baocao benchmark, %s, on %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), Machine())
	fmt.Fprintf(w, "Settings: %s. Whole run %s.\n\n", cfg.Describe(), time.Since(started).Round(time.Second))
	WriteTable(w, results)
	WriteFigures(w, results)
	return results, nil
}

// runChild runs one size in a process of its own and reads its result;
// the peak memory is the child's own maximum resident set, as the kernel
// counted it.
func runChild(ctx context.Context, exe string, args []string, logw io.Writer) (*SizeResult, error) {
	cmd := exec.CommandContext(ctx, exe, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, logw
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = time.Minute
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("benchmark process: %w", err)
	}
	var res SizeResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("benchmark process result: %w (output %q)", err, truncate(out.String(), 200))
	}
	rss, err := peakRSSOf(cmd.ProcessState)
	if err != nil {
		return nil, err
	}
	res.PeakRSS = rss
	return &res, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Machine describes the computer: processor, cores, memory, Go version.
func Machine() string {
	model := "unknown processor"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	mem := "unknown memory"
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		for _, line := range strings.Split(string(data), "\n") {
			if _, err := fmt.Sscanf(line, "MemTotal: %d kB", &kb); err == nil {
				mem = fmt.Sprintf("%.1f GiB memory", float64(kb)/(1<<20))
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d cores, %s, %s %s/%s", model, runtime.NumCPU(), mem, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
