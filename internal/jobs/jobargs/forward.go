package jobargs

import "github.com/riverqueue/river"

// ForwardArgs asks to send a final report set to one destination.
type ForwardArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind implements river.JobArgs.
func (ForwardArgs) Kind() string { return "forward_report" }

// InsertOpts: the notify queue, one job per delivery while it is pending.
func (ForwardArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueNotify, MaxAttempts: 15,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates()}}
}
