package e2e

import (
	"strings"
	"testing"
)

func TestSameOutput(t *testing.T) {
	tests := []struct {
		want, got string
		same      bool
	}{
		{"true", "true\n", true},
		{"true", "false\n", false},
		{`{"revision": …}`, `{"revision": 12}`, true},
		{`{"revision": …}`, `{"status": 12}`, false},
		{"409\n{\n  \"code\": \"conflict\"\n}", "409  \n{\n  \"code\": \"conflict\"\n}\n\n", true},
		{"409\n…", "422\n{}", false},
		{"a…c", "a b c", true},
		{"a…c", "a\nb\nc", false},           // "…" stays within its line,
		{"NAM-…", "NAM-2026\nextra", false}, // so every line printed is shown
		{"a.c", "abc", false},               // the rest is literal
		{"", "something", false},
	}
	for _, tt := range tests {
		if got := sameOutput(tt.want, tt.got); got != tt.same {
			t.Errorf("sameOutput(%q, %q) = %v, want %v", tt.want, tt.got, got, tt.same)
		}
	}
}

func TestDocFlows(t *testing.T) {
	src := "# Doc\n\n<!-- flow: one -->\n```sh\nA=1\n```\n```text\n1\n```\n\n" +
		"Text.\n\n<!-- flow: two -->\n```sh\necho two\n```\n\n<!-- flow: one -->\n```sh\necho \"$A\"\n```\n\n" +
		"```sh\necho not in a flow\n```\n"
	flows, err := docFlows([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	one, two := flows["one"], flows["two"]
	if len(flows) != 2 || len(one) != 2 || len(two) != 1 {
		t.Fatalf("flows = %+v", flows)
	}
	if one[0].code != "A=1\n" || !one[0].hasWant || one[0].want != "1\n" || one[0].line != 5 {
		t.Errorf("first block = %+v", one[0])
	}
	if one[1].code != "echo \"$A\"\n" || one[1].hasWant {
		t.Errorf("second block = %+v", one[1])
	}

	for name, bad := range map[string]string{
		"marker without a block":     "<!-- flow: one -->\n\nText.\n",
		"marker before a text block": "<!-- flow: one -->\n```text\nx\n```\n",
		"curl ignoring the status":   "<!-- flow: one -->\n```sh\ncurl -sS \"$BASE/api/v1/me\"\n```\n",
		"curl on continued lines":    "<!-- flow: one -->\n```sh\ncurl -sS \\\n  -o x.json \"$BASE/api/v1/me\"\n```\n",
	} {
		if _, err := docFlows([]byte(bad)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	for _, good := range []string{
		"<!-- flow: one -->\n```sh\ncurl -sS --fail-with-body \\\n  \"$BASE/api/v1/me\"\n```\n",
		"<!-- flow: one -->\n```sh\ncurl -sS -o x.json -w '%{http_code}\\n' \\\n  \"$BASE/api/v1/me\"\n```\n",
	} {
		if _, err := docFlows([]byte(good)); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
	if _, err := docFlows([]byte(strings.Repeat("no flows here\n", 3))); err != nil {
		t.Error(err)
	}
}
