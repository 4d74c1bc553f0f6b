package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
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
	code := runCommand(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
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

func runWithInput(env map[string]string, stdin string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := runCommand(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCatalogCheck(t *testing.T) {
	code, out, stderr := runWith(nil, "catalog", "check", "../../templates/catalog/kien-giang-2024")
	if code != 0 || !strings.HasPrefix(out, "kien-giang-2024: hợp lệ: 32 đơn vị (31 đơn vị báo cáo)") || strings.Count(out, "\n") != 1 {
		t.Fatalf("check seed: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	dir := t.TempDir()
	for _, name := range []string{"plan.yaml", "units.yaml", "indicators.yaml", "forms.yaml", "schedules.yaml", "report.yaml"} {
		data, err := os.ReadFile("../../internal/catalog/testdata/minimal/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "units.yaml" {
			data = []byte(strings.Replace(string(data), "parent: TINH", "parent: NOWHERE", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr = runWith(nil, "catalog", "check", dir)
	want := filepath.Join(dir, "units.yaml") + `:11: đơn vị "NOWHERE" không tồn tại`
	if code != 1 || out != "" || !strings.HasPrefix(stderr, want+"\n") {
		t.Fatalf("check broken: exit %d, stdout %q, stderr %q; want %q", code, out, stderr, want)
	}
	if code, _, _ := runWith(nil, "catalog", "check", filepath.Join(dir, "missing")); code != 1 {
		t.Fatalf("check of a missing folder: exit %d", code)
	}
}

func TestCatalogLoad_Twice(t *testing.T) {
	env := map[string]string{"DATABASE_URL": pgtest.URL(t), "BAOCAO_LOG_LEVEL": "error"}
	code, out, stderr := runWith(env, "catalog", "load", "../../templates/catalog/kien-giang-2024")
	if code != 0 || !strings.Contains(out, "đã nạp danh mục kien-giang-2024 thành phiên bản 1") {
		t.Fatalf("first load: exit %d, %q %q", code, out, stderr)
	}
	code, out, _ = runWith(env, "catalog", "load", "../../templates/catalog/kien-giang-2024")
	if code != 0 || !strings.Contains(out, "không thay đổi: vẫn là phiên bản 1") {
		t.Fatalf("second load: exit %d, %q", code, out)
	}
}

func TestUserCommands(t *testing.T) {
	env := map[string]string{"DATABASE_URL": pgtest.URL(t), "BAOCAO_LOG_LEVEL": "error"}
	code, out, stderr := runWithInput(env, "mùa thu Hà Nội 2024\n", "user", "create", "Chuyenvien", "-role", "staff", "-name", "Nguyễn Văn A")
	if code != 0 || !strings.Contains(out, "đã tạo tài khoản chuyenvien") {
		t.Fatalf("create: exit %d, %q %q", code, out, stderr)
	}
	if code, _, stderr := runWithInput(env, "password123\n", "user", "passwd", "chuyenvien"); code != 1 || !strings.Contains(stderr, "quá phổ biến") {
		t.Fatalf("passwd with a common password: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runWithInput(env, "x\n", "user", "create", "donvi", "-role", "agency"); code != 1 || !strings.Contains(stderr, "unit") {
		t.Fatalf("agency without unit: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runWithInput(env, "mùa thu Hà Nội 2024\n", "user", "create", "chuyenvien", "-role", "staff"); code != 1 || !strings.Contains(stderr, "đã được dùng") {
		t.Fatalf("duplicate: exit %d, %q", code, stderr)
	}
	code, out, _ = runWith(env, "user", "reset", "chuyenvien")
	if code != 0 || !regexp.MustCompile(`mật khẩu tạm của chuyenvien: [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\n`).MatchString(out) {
		t.Fatalf("reset: exit %d, %q", code, out)
	}
	if code, out, _ := runWith(env, "user", "disable", "chuyenvien"); code != 0 || !strings.Contains(out, "đã khóa") {
		t.Fatalf("disable: exit %d, %q", code, out)
	}
	if code, _, stderr := runWith(env, "user", "disable", "nobody"); code != 1 || !strings.Contains(stderr, "không có tài khoản") {
		t.Fatalf("disable unknown: exit %d, %q", code, stderr)
	}
}
