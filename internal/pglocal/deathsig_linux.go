package pglocal

import "syscall"

// dieWithParent asks the kernel to interrupt the server when the thread
// that started it exits, so a killed baocao does not leave it running.
func dieWithParent(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGINT }
