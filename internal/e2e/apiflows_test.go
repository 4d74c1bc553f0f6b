package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The flows for integrators in docs/api.md are shell sessions. A block of
// one is a ```sh block right after the comment <!-- flow: NAME -->; a
// ```text block right after it is what the block prints, "…" standing for
// any text within a line. TestAPIDoc_FlowsRunAsWritten runs each flow's
// blocks in order in one bash process (their variables and files carry
// over, as in a reader's shell) against the running system.

// apiFlows are the flows docs/api.md must hold, in the order they run
// (staff follow the report the agency flow submits), each with what its
// blocks must call: a block that goes missing fails the test.
var apiFlows = []struct {
	name  string
	calls []string
}{
	{"agency", []string{"/api/v1/login", "/api/v1/tokens", "/api/v1/me", `/api/v1/rounds"`, "/api/v1/indicators",
		"/submissions/$UNIT", "-X PUT", "Idempotency-Key", "/form.xlsx", "-F file=@", "/api/v1/jobs/$JOB", "/submit"}},
	{"staff", []string{"/api/v1/login", "/progress", "-X POST", "/reports", "/api/v1/jobs/$JOB", "/api/v1/reports/"}},
}

// flowMarker is the comment that puts the block after it in a flow.
var flowMarker = regexp.MustCompile(`^<!--\s*flow:\s*([a-z0-9-]+)\s*-->$`)

// docBlock is one ```sh block of a flow.
type docBlock struct {
	line int // of its first command in docs/api.md
	code string
	// want is the ```text block after it; hasWant says there is one.
	want    string
	hasWant bool
}

// TestAPIDoc_FlowsRunAsWritten runs the curl examples of docs/api.md: a
// command that fails (an HTTP error status included: the examples use
// curl --fail-with-body, or print the status where an error is the point)
// or an output other than the one shown fails the test.
func TestAPIDoc_FlowsRunAsWritten(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the examples of docs/api.md need %s: install it (.ci/deps does on Debian)", tool)
		}
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, "docs", "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	flows, err := docFlows(src)
	if err != nil {
		t.Fatalf("docs/api.md: %v", err)
	}
	known := map[string]bool{}
	for _, f := range apiFlows {
		known[f.name] = true
		code := ""
		for _, b := range flows[f.name] {
			code += b.code
		}
		if code == "" {
			t.Fatalf("docs/api.md has no block of the flow %q", f.name)
		}
		for _, call := range f.calls {
			if !strings.Contains(code, call) {
				t.Errorf("the flow %q of docs/api.md no longer has %s", f.name, call)
			}
		}
	}
	for name := range flows {
		if known[name] {
			continue
		}
		t.Errorf("docs/api.md has a flow %q this test does not run: add it to apiFlows", name)
	}
	if t.Failed() {
		t.FailNow()
	}

	dir := filepath.Join(artifactsRoot(t), "api-flows")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("the flows' files and the server log in %s", dir)
	sys := startSystem(t, dir)
	for _, f := range apiFlows {
		if !t.Run(f.name, func(t *testing.T) { runFlow(t, sys, filepath.Join(dir, f.name), flows[f.name]) }) {
			t.FailNow() // the next flow builds on this one
		}
	}
}

// docFlows reads the flows of a Markdown document: their blocks by name,
// in the document's order.
func docFlows(src []byte) (map[string][]docBlock, error) {
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	flows := map[string][]docBlock{}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		html, ok := n.(*ast.HTMLBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		m := flowMarker.FindSubmatch(bytes.TrimSpace(html.Lines().Value(src)))
		if m == nil {
			return ast.WalkContinue, nil
		}
		code, ok := html.NextSibling().(*ast.FencedCodeBlock)
		if !ok || string(code.Language(src)) != "sh" || code.Lines().Len() == 0 {
			return ast.WalkStop, fmt.Errorf("line %d: %s is not followed by a ```sh block", lineOf(src, html), m[0])
		}
		b := docBlock{line: lineOf(src, code), code: string(code.Lines().Value(src))}
		if out, ok := code.NextSibling().(*ast.FencedCodeBlock); ok && string(out.Language(src)) == "text" {
			b.want, b.hasWant = string(out.Lines().Value(src)), true
		}
		flows[string(m[1])] = append(flows[string(m[1])], b)
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return nil, err
	}
	for name, blocks := range flows {
		for _, b := range blocks {
			for _, cmd := range shellLines(b.code) {
				if strings.Contains(cmd, "curl ") && !strings.Contains(cmd, "--fail-with-body") &&
					!strings.Contains(cmd, `-w '%{http_code}\n'`) {
					return nil, fmt.Errorf("line %d (flow %s): a curl that neither fails on an HTTP error "+
						"(--fail-with-body) nor prints the status (-w '%%{http_code}\\n')", b.line, name)
				}
			}
		}
	}
	return flows, nil
}

// lineOf is the line of docs/api.md where n's first line is.
func lineOf(src []byte, n ast.Node) int {
	return bytes.Count(src[:n.Lines().At(0).Start], []byte("\n")) + 1
}

// shellLines joins the lines continued with a backslash.
func shellLines(code string) []string {
	return strings.Split(strings.ReplaceAll(code, "\\\n", " "), "\n")
}

// runFlow runs blocks in one bash process in dir, each block's output in
// a file of its own, and checks each against the document.
func runFlow(t *testing.T, sys system, dir string, blocks []docBlock) {
	out := filepath.Join(dir, ".blocks")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	script.WriteString(`trap 'echo "exit status $? at: $BASH_COMMAND" >&2' ERR` + "\n")
	for i := range blocks {
		fmt.Fprintf(&script, "exec >%s 2>%s\n%s", shellQuote(blockFile(out, i, "stdout")),
			shellQuote(blockFile(out, i, "stderr")), blocks[i].code)
	}
	path := filepath.Join(out, "flow.sh")
	if err := os.WriteFile(path, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-Eeuo", "pipefail", path)
	cmd.Dir = dir
	// What the reader set (BASE, PASSWORD) and no more: no curlrc, no
	// proxy, nothing of the tester's shell.
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "LANG=C.UTF-8", "BASE=" + sys.URL,
		"PASSWORD=" + sys.Password}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	for i, b := range blocks {
		got, err := os.ReadFile(blockFile(out, i, "stdout"))
		if err != nil {
			t.Fatalf("docs/api.md:%d: the block did not run (%v): %s", b.line, runErr, stderr.String())
		}
		if runErr != nil && (i == len(blocks)-1 || !exists(blockFile(out, i+1, "stdout"))) {
			msg, _ := os.ReadFile(blockFile(out, i, "stderr"))
			t.Fatalf("docs/api.md:%d: the block failed (%v)\n%s\nit printed:\n%s\nand on stderr:\n%s%s(its files are in %s)",
				b.line, runErr, b.code, got, msg, stderr.String(), dir)
		}
		if b.hasWant && !sameOutput(b.want, string(got)) {
			t.Errorf("docs/api.md:%d: the block\n%s\nprinted\n%s\nwhere the document shows\n%s", b.line, b.code, got, b.want)
		}
	}
	if runErr != nil {
		t.Fatalf("the flow failed after its last block: %v: %s", runErr, stderr.String())
	}
}

func blockFile(dir string, i int, stream string) string {
	return filepath.Join(dir, fmt.Sprintf("%02d.%s", i+1, stream))
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// shellQuote quotes s for bash.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sameOutput compares what a block printed with what the document shows,
// where "…" stands for any text within its line; spaces at the ends of
// lines and blank lines at the end do not count.
func sameOutput(want, got string) bool {
	parts := strings.Split(trimLines(want), "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`^` + strings.Join(parts, ".*?") + `$`).MatchString(trimLines(got))
}

func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
