package jobargs

import (
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// DeliverArgs asks to e-mail one notice of the outbox. Insert it with
// InsertTx in the transaction that writes the notice.
type DeliverArgs struct {
	NotificationID int64 `json:"notification_id"`
}

// Kind implements river.JobArgs.
func (DeliverArgs) Kind() string { return "deliver_notification" }

// deliverMaxAttempts spans about three hours and twenty minutes with the
// worker's default retry schedule: an SMTP outage of an afternoon is
// ridden out, a dead one ends in a failed notice staff can see.
const deliverMaxAttempts = 25

// InsertOpts puts deliveries on the notify queue and makes a notice's job
// unique while one is waiting, retrying or running. A finished job does
// not count (River's default would block a new one for as long as the
// finished row is kept), so the periodic check can enqueue a notice that
// is still queued again: one left by a process without SMTP, or whose job
// was lost. Enqueueing a notice already sent or failed is harmless: the
// worker finds it no longer queued and does nothing.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueNotify, MaxAttempts: deliverMaxAttempts,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates()}}
}

// pendingStates are the states of a job not yet finished. A job unique
// among them has one copy waiting or running at most, and may be inserted
// again once that one has finished.
func pendingStates() []rivertype.JobState {
	return []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled}
}
