package jobs_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/riverqueue/river"

	"baocao/internal/jobs"
	"baocao/internal/jobs/jobargs"
	"baocao/internal/pgtest"
)

// Services insert with an insert-only client, which River lets insert any
// kind; a kind without a worker would wait forever. The working client
// refuses a kind it has no worker for, so every kind of jobargs is
// inserted through it here.
func TestRegister_EveryKindHasAWorker(t *testing.T) {
	kinds := []river.JobArgs{jobargs.HeartbeatArgs{}, jobargs.TickArgs{}, jobargs.ImportArgs{}, jobargs.DeliverArgs{},
		jobargs.ConsolidateArgs{}, jobargs.ForwardArgs{}, jobargs.DemoReportsArgs{}}
	listed := map[string]bool{}
	for _, a := range kinds {
		listed[reflect.TypeOf(a).Name()] = true
	}
	for _, name := range argsTypes(t) {
		if !listed[name] {
			t.Errorf("jobargs.%s is missing from this test's list", name)
		}
	}

	ctx := context.Background()
	pool := pgtest.New(t)
	client, err := jobs.NewClient(jobs.Deps{Pool: pool, Logger: quiet}, jobs.Options{MaxWorkers: 1})
	if err != nil {
		t.Fatal(err)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, a := range kinds {
		if _, err := client.InsertTx(ctx, tx, a, nil); err != nil {
			t.Errorf("%s: %v", a.Kind(), err)
		}
	}
}

// argsTypes names the types jobargs declares with a Kind method.
func argsTypes(t *testing.T) []string {
	t.Helper()
	dir := "jobargs"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "Kind" {
				continue
			}
			if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok {
				names = append(names, id.Name)
			}
		}
	}
	if len(names) == 0 {
		t.Fatal("no job kinds found in jobargs")
	}
	return names
}
