package config

import (
	"strings"
	"testing"
	"time"

	"baocao/internal/access"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoad_Defaults(t *testing.T) {
	cfg, err := Load(env(nil))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.DataDir != "./var" || cfg.Env != Dev ||
		cfg.ShutdownTimeout != 30*time.Second || cfg.MaxWorkers != 10 || cfg.DatabaseURL != "" {
		t.Fatalf("defaults = %+v", cfg)
	}
	// Production hashes passwords at access.DefaultPasswordCost: nothing
	// in the environment lowers it.
	if cfg.PasswordCost != (access.PasswordCost{}) {
		t.Fatalf("PasswordCost = %+v, want zero (the default cost)", cfg.PasswordCost)
	}
}

func TestLoad_Invalid(t *testing.T) {
	tests := []struct {
		name, key, value, want string
	}{
		{"addr without port", "BAOCAO_ADDR", "localhost", "BAOCAO_ADDR"},
		{"addr bad port", "BAOCAO_ADDR", "127.0.0.1:http", "BAOCAO_ADDR"},
		{"env", "BAOCAO_ENV", "staging", "BAOCAO_ENV"},
		{"log level", "BAOCAO_LOG_LEVEL", "loud", "BAOCAO_LOG_LEVEL"},
		{"shutdown timeout", "BAOCAO_SHUTDOWN_TIMEOUT", "soon", "BAOCAO_SHUTDOWN_TIMEOUT"},
		{"negative timeout", "BAOCAO_SHUTDOWN_TIMEOUT", "-1s", "BAOCAO_SHUTDOWN_TIMEOUT"},
		{"workers", "BAOCAO_MAX_WORKERS", "0", "BAOCAO_MAX_WORKERS"},
		{"report timeout", "BAOCAO_REPORT_TIMEOUT", "0s", "BAOCAO_REPORT_TIMEOUT"},
		{"rescue before the report timeout", "BAOCAO_JOB_RESCUE_AFTER", "2m", "BAOCAO_JOB_RESCUE_AFTER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(map[string]string{tt.key: tt.value}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load(%s=%q) error = %v, want one naming %s", tt.key, tt.value, err, tt.want)
			}
		})
	}
}

// A killed worker's job runs again a minute after the longest job could
// have taken, not after River's default hour.
func TestLoad_JobRescueAfter(t *testing.T) {
	cfg, err := Load(env(nil))
	if err != nil || cfg.ReportTimeout != 5*time.Minute || cfg.JobRescueAfter != 6*time.Minute {
		t.Fatalf("defaults: timeout %s, rescue after %s, err %v; want 5m, 6m", cfg.ReportTimeout, cfg.JobRescueAfter, err)
	}
	cfg, err = Load(env(map[string]string{"BAOCAO_REPORT_TIMEOUT": "20m"}))
	if err != nil || cfg.JobRescueAfter != 21*time.Minute {
		t.Fatalf("rescue after follows a longer timeout: %s, %v", cfg.JobRescueAfter, err)
	}
	cfg, err = Load(env(map[string]string{"BAOCAO_REPORT_TIMEOUT": "8s", "BAOCAO_JOB_RESCUE_AFTER": "9s"}))
	if err != nil || cfg.ReportTimeout != 8*time.Second || cfg.JobRescueAfter != 9*time.Second {
		t.Fatalf("explicit: timeout %s, rescue after %s, err %v", cfg.ReportTimeout, cfg.JobRescueAfter, err)
	}
}

func TestLoad_ReportsEveryProblem(t *testing.T) {
	_, err := Load(env(map[string]string{"BAOCAO_ENV": "x", "BAOCAO_MAX_WORKERS": "many"}))
	if err == nil || !strings.Contains(err.Error(), "BAOCAO_ENV") || !strings.Contains(err.Error(), "BAOCAO_MAX_WORKERS") {
		t.Fatalf("error = %v, want both variables named", err)
	}
}

func TestVars_DocumentEveryVariableRead(t *testing.T) {
	var read []string
	Load(func(k string) string { read = append(read, k); return "" })
	documented := map[string]bool{}
	for _, v := range Vars {
		documented[v.Name] = true
	}
	for _, k := range read {
		if !documented[k] {
			t.Errorf("%s is read but not listed in Vars", k)
		}
	}
}
