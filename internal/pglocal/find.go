// Package pglocal runs a private PostgreSQL cluster owned by the calling
// process: the default database of `baocao run` in development and the
// throwaway database of the test harness.
package pglocal

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries is returned when no PostgreSQL server installation is found.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, postgres) not found in PATH, " +
	"`pg_config --bindir` or /usr/lib/postgresql/*/bin: install PostgreSQL " +
	"(Debian/Ubuntu: apt-get install postgresql), set DATABASE_URL to an existing server, " +
	"or start one with `docker compose up` (compose.yaml)")

// FindBinDir returns the directory holding initdb and postgres, looking in
// PATH, then `pg_config --bindir`, then /usr/lib/postgresql/*/bin, newest
// version first.
func FindBinDir() (string, error) {
	var candidates []string
	if p, err := exec.LookPath("initdb"); err == nil {
		candidates = append(candidates, filepath.Dir(p))
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(out)))
	}
	candidates = append(candidates, debianBinDirs("/usr/lib/postgresql")...)
	for _, dir := range candidates {
		if isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "postgres")) {
			return dir, nil
		}
	}
	return "", ErrNoBinaries
}

// debianBinDirs lists root/<version>/bin, highest version first.
func debianBinDirs(root string) []string {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	type versioned struct {
		dir     string
		version float64
	}
	var found []versioned
	for _, e := range entries {
		v, err := strconv.ParseFloat(e.Name(), 64)
		if err != nil {
			continue
		}
		found = append(found, versioned{filepath.Join(root, e.Name(), "bin"), v})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].version > found[j].version })
	dirs := make([]string, len(found))
	for i, f := range found {
		dirs[i] = f.dir
	}
	return dirs
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && info.Mode()&0o111 != 0
}
