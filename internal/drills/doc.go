// Package drills holds baocao's fault drills (issue #9), run by `make test`
// against a real PostgreSQL:
//
//   - a worker process killed with SIGKILL in the middle of consolidation
//     and rendering leaves, once a fresh worker has taken over, exactly one
//     snapshot, one report number and one set of files (Linux only: its
//     workers die with the test binary through Pdeathsig);
//   - PostgreSQL restarted during a burst of submission PUTs loses no
//     acknowledged write, answers the rest with a retryable 503, and the
//     server carries on without a restart of its own;
//   - the same PUT or upload sent twice with one Idempotency-Key, one
//     after the other or both in flight at once, makes one revision.
//
// The package has no code of its own besides this comment: the drills are
// its tests.
package drills
