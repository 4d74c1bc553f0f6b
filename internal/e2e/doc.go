// Package e2e drives the whole of baocao through a real Chromium: the
// program assembled by internal/app against a fresh PostgreSQL database, its
// River workers running, and a browser that signs in, fills forms, downloads
// and uploads files as people do. It holds tests only; `make e2e` runs them,
// and every step leaves a screenshot in $BAOCAO_E2E_ARTIFACTS (default
// var/e2e at the repository root). The curl examples of docs/api.md run
// here too, against the same system, so that the document stays true.
package e2e
