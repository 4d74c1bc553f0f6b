package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"baocao/internal/synth"
)

// Main is the command line of cmd/baocao-bench: it parses args, runs the
// benchmarks, one size as a child process, or the load test, and returns
// the exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := DefaultConfig()
	load := DefaultLoadConfig()
	fs := flag.NewFlagSet("baocao-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "measure the two smaller sizes only, with a shorter api-put load (make bench-quick)")
	loadMode := fs.Bool("load", false, "run the deadline-eve load test instead of the benchmarks (make load)")
	sizeName := fs.String("size", "", "measure this size only: province, communes or national (with -load: the catalog loaded, national by default)")
	dsn := fs.String("dsn", "", "with -size -json: the empty database to measure in (default: start a private PostgreSQL)")
	asJSON := fs.Bool("json", false, "with -size: measure in this process and print the result as JSON (the parent's protocol)")
	strict := fs.Bool("strict", false, "exit with status 1 when a ratio misses its target")
	cfg.RegisterFlags(fs)
	fs.IntVar(&load.Clients, "load-clients", load.Clients, "with -load: concurrent agency clients, each on its own unit")
	fs.DurationVar(&load.Duration, "load-duration", load.Duration, "with -load: how long the clients save and submit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *quick {
		q := QuickConfig()
		cfg.Sizes = q.Sizes
		if !set["api-duration"] {
			cfg.APIDuration = q.APIDuration
		}
		if !set["api-warmup"] {
			cfg.APIWarmup = q.APIWarmup
		}
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if *loadMode {
		load.Seed, load.Year, load.Durable = cfg.Seed, cfg.Year, cfg.Durable
		if *sizeName != "" {
			size, err := SizeByName(*sizeName)
			if err != nil {
				fmt.Fprintln(stderr, "baocao-bench:", err)
				return 2
			}
			load.Size = size
		}
		if err := Load(ctx, load, stdout, logger); err != nil {
			fmt.Fprintln(stderr, "baocao-bench:", err)
			return 1
		}
		return 0
	}
	if *sizeName != "" {
		size, err := SizeByName(*sizeName)
		if err != nil {
			fmt.Fprintln(stderr, "baocao-bench:", err)
			return 2
		}
		if *asJSON {
			return child(ctx, cfg, size, *dsn, stdout, stderr, logger)
		}
		cfg.Sizes = []synth.Size{size}
	} else if *asJSON || *dsn != "" {
		fmt.Fprintln(stderr, "baocao-bench: -json and -dsn go with -size")
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "baocao-bench:", err)
		return 1
	}
	results, err := Run(ctx, cfg, exe, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "baocao-bench:", err)
		return 1
	}
	if *strict {
		for _, s := range results {
			if !s.EndToEndMet() || !s.MemoryMet() {
				return 1
			}
			for _, r := range s.Rows {
				if !r.Met() {
					return 1
				}
			}
		}
	}
	return 0
}

// child measures one size in this process and prints the result as JSON.
func child(ctx context.Context, cfg Config, size synth.Size, dsn string, stdout, stderr io.Writer, logger *slog.Logger) int {
	var srv *Server
	if dsn == "" {
		var err error
		if srv, err = StartServer(ctx, cfg.Durable, nil); err != nil {
			fmt.Fprintln(stderr, "baocao-bench:", err)
			return 1
		}
		defer srv.Stop()
		if dsn, err = srv.NewDatabase(ctx, "bench_"+size.Name); err != nil {
			fmt.Fprintln(stderr, "baocao-bench:", err)
			return 1
		}
	}
	res, err := RunSize(ctx, cfg, size, dsn, logger)
	if err != nil {
		fmt.Fprintf(stderr, "baocao-bench: size %s: %v\n", size.Name, err)
		if errors.Is(err, context.Canceled) {
			return 130
		}
		return 1
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintln(stderr, "baocao-bench:", err)
		return 1
	}
	return 0
}
