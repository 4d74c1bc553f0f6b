//go:build !linux

package pglocal

import "syscall"

// dieWithParent has no kernel support outside Linux: there, a server left
// behind by a killed baocao runs until stopped by hand
// (pg_ctl stop -D $BAOCAO_DATA_DIR/postgres).
func dieWithParent(*syscall.SysProcAttr) {}
