package jobs

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// KindFailures is how one kind of job is failing: the jobs waiting to be
// retried after an error, those River gave up on, and the latest error.
type KindFailures struct {
	Kind      string
	Retrying  int
	Discarded int
	// LastError is the latest attempt's error, at LastAt.
	LastError string
	LastAt    time.Time
}

// failuresRead bounds how many failing jobs Failures reads: enough to
// count any real outage by kind, little enough for a page.
const failuresRead = 1000

// Failures sums up, by kind, the jobs now waiting for a retry and those
// discarded since since, the kind with the latest error first. It reads
// at most failuresRead jobs, the newest.
func Failures(ctx context.Context, c *Client, since time.Time) ([]KindFailures, error) {
	res, err := c.JobList(ctx, river.NewJobListParams().
		States(rivertype.JobStateRetryable, rivertype.JobStateDiscarded).
		Where("(state = 'retryable' OR finalized_at >= @since)", river.NamedArgs{"since": since}).
		OrderBy(river.JobListOrderByID, river.SortOrderDesc).
		First(failuresRead))
	if err != nil {
		return nil, fmt.Errorf("list failing jobs: %w", err)
	}
	byKind := map[string]*KindFailures{}
	for _, j := range res.Jobs {
		k := byKind[j.Kind]
		if k == nil {
			k = &KindFailures{Kind: j.Kind}
			byKind[j.Kind] = k
		}
		if j.State == rivertype.JobStateRetryable {
			k.Retrying++
		} else {
			k.Discarded++
		}
		if n := len(j.Errors); n > 0 && j.Errors[n-1].At.After(k.LastAt) {
			k.LastError, k.LastAt = j.Errors[n-1].Error, j.Errors[n-1].At
		}
	}
	out := make([]KindFailures, 0, len(byKind))
	for _, k := range byKind {
		out = append(out, *k)
	}
	slices.SortFunc(out, func(a, b KindFailures) int {
		return cmp.Or(b.LastAt.Compare(a.LastAt), cmp.Compare(a.Kind, b.Kind))
	})
	return out, nil
}
