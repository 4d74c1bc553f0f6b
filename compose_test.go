// The repository root holds no Go package, only this test: there is no
// Docker engine in CI, so compose.yaml is checked by loading it the way
// `docker compose` does.
package baocao_test

import (
	"context"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

func loadCompose(t *testing.T) *types.Project {
	t.Helper()
	opts, err := cli.NewProjectOptions([]string{"compose.yaml"}, cli.WithWorkingDirectory("."), cli.WithName("baocao"))
	if err != nil {
		t.Fatal(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose.yaml does not load: %v", err)
	}
	return project
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, err := p.GetService(name)
	if err != nil {
		t.Fatalf("service %s: %v", name, err)
	}
	return s
}

func TestCompose_Services(t *testing.T) {
	p := loadCompose(t)
	for _, name := range []string{"postgres", "migrate", "web", "worker", "mailpit"} {
		service(t, p, name)
	}
	pg := service(t, p, "postgres")
	if pg.HealthCheck == nil || len(pg.HealthCheck.Test) == 0 || !strings.Contains(strings.Join(pg.HealthCheck.Test, " "), "pg_isready") {
		t.Errorf("postgres has no pg_isready healthcheck: %+v", pg.HealthCheck)
	}
	commands := map[string]string{"migrate": "migrate", "web": "serve", "worker": "worker"}
	for name, cmd := range commands {
		s := service(t, p, name)
		if s.Build == nil {
			t.Errorf("%s is not built from the Dockerfile", name)
		}
		if len(s.Command) != 1 || s.Command[0] != cmd {
			t.Errorf("%s command = %v, want [%s]", name, s.Command, cmd)
		}
		url := s.Environment["DATABASE_URL"]
		if url == nil || !strings.Contains(*url, "@postgres:5432/baocao") {
			t.Errorf("%s DATABASE_URL = %v, want the postgres service", name, url)
		}
		if smtp := s.Environment["SMTP_URL"]; smtp == nil || !strings.Contains(*smtp, "mailpit:1025") {
			t.Errorf("%s SMTP_URL = %v, want mailpit", name, smtp)
		}
		dep, ok := s.DependsOn["postgres"]
		if !ok || dep.Condition != types.ServiceConditionHealthy {
			t.Errorf("%s does not wait for a healthy postgres: %+v", name, s.DependsOn)
		}
	}
	for _, name := range []string{"web", "worker"} {
		dep, ok := service(t, p, name).DependsOn["migrate"]
		if !ok || dep.Condition != types.ServiceConditionCompletedSuccessfully {
			t.Errorf("%s does not wait for migrations to complete", name)
		}
	}
	web := service(t, p, "web")
	if addr := web.Environment["BAOCAO_ADDR"]; addr == nil || *addr != "0.0.0.0:8080" {
		t.Errorf("web BAOCAO_ADDR = %v, want 0.0.0.0:8080 inside the container", addr)
	}
	if len(web.Ports) == 0 || web.Ports[0].Target != 8080 {
		t.Errorf("web does not publish port 8080: %+v", web.Ports)
	}
	worker := service(t, p, "worker")
	if worker.Deploy == nil || worker.Deploy.Replicas == nil || *worker.Deploy.Replicas != 2 {
		t.Errorf("worker replicas = %+v, want 2", worker.Deploy)
	}
}
