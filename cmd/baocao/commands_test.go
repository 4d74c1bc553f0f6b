package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"baocao/internal/config"
	"baocao/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestRunCommand_MigrateTwice(t *testing.T) {
	env := map[string]string{"DATABASE_URL": pgtest.URL(t), "BAOCAO_LOG_LEVEL": "error"}
	for i := range 2 {
		code, out, stderr := runWith(env, "migrate")
		if code != 0 || !strings.Contains(out, "migrations up to date") {
			t.Fatalf("migrate run %d: exit %d, stdout %q, stderr %q", i+1, code, out, stderr)
		}
	}
}

func runWith(env map[string]string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := runCommand(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRunCommand_HelpListsEverySetting(t *testing.T) {
	code, out, _ := runWith(nil, "help")
	if code != 0 {
		t.Fatalf("help exit = %d", code)
	}
	for _, v := range config.Vars {
		if !strings.Contains(out, v.Name) {
			t.Errorf("help does not list %s", v.Name)
		}
	}
	for _, cmd := range []string{"run", "serve", "worker", "migrate"} {
		if !strings.Contains(out, "baocao "+cmd) {
			t.Errorf("help does not list `baocao %s`", cmd)
		}
	}
}

func TestRunCommand_Refusals(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		want     string
	}{
		{"unknown command", nil, []string{"launch"}, 2, `unknown command "launch"`},
		{"serve without database", nil, []string{"serve"}, 1, "DATABASE_URL is not set"},
		{"worker without database", nil, []string{"worker"}, 1, "DATABASE_URL is not set"},
		{"migrate without database", nil, []string{"migrate"}, 1, "DATABASE_URL is not set"},
		{"bad setting", map[string]string{"BAOCAO_ENV": "staging"}, []string{"run"}, 1, "BAOCAO_ENV"},
		{"unreachable database", map[string]string{"DATABASE_URL": "postgres://u:topsecret@127.0.0.1:1/x"}, []string{"migrate"}, 1, "connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runWith(tt.env, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.wantCode, tt.want)
			}
			if tt.wantCode == 1 && tt.name != "bad setting" && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Fatalf("error spans several lines: %q", stderr)
			}
			if strings.Contains(stderr, "topsecret") {
				t.Fatalf("stderr reveals the password: %q", stderr)
			}
		})
	}
}
