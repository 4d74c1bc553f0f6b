package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"baocao/internal/reports"
)

// verifyCommand runs `baocao verify FILE`: the check the reports page and
// GET /api/v1/reports/{id}/verify make, on a file at hand (a package as
// the Ministry received it, or its PDF). It prints the verdict as JSON and
// a line for people; the exit code is 1 when anything fails.
func verifyCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: baocao verify FILE.zip|FILE.pdf")
		return 2
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "baocao:", err)
		return 1
	}
	v := reports.Verify(args[0], data)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	if !v.OK {
		fmt.Fprintf(stderr, "%s: KHÔNG ĐẠT (%d vấn đề)\n", args[0], len(v.Problems))
		return 1
	}
	fmt.Fprintf(stderr, "%s: ĐẠT: mã băm khớp, chữ ký số hợp lệ và tệp không bị sửa sau khi ký\n", args[0])
	return 0
}
