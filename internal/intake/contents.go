package intake

import (
	"sync"

	"baocao/internal/submission"
)

// contentCacheSize bounds the revisions kept: a few dozen megabytes of
// full forms, enough for every unit saving at once on a deadline's eve.
const contentCacheSize = 2048

// contentCache keeps the content of recently read or written revisions.
// A revision never changes once committed, so (submission, number) names
// its content for good; every save and submit reads the current revision
// to work on, and after a save that is the revision just written, so the
// cache spares a query and the decoding of the whole form each time.
// Only committed revisions go in: a revision number whose transaction
// rolled back may be written again with other content.
type contentCache struct {
	mu sync.Mutex
	m  map[revisionKey]submission.Content
}

type revisionKey struct {
	submission int64
	number     int
}

func newContentCache() *contentCache {
	return &contentCache{m: map[revisionKey]submission.Content{}}
}

// get returns a copy of the content, which the caller may change.
func (c *contentCache) get(submissionID int64, number int) (submission.Content, bool) {
	c.mu.Lock()
	content, ok := c.m[revisionKey{submissionID, number}]
	c.mu.Unlock()
	if !ok {
		return submission.Content{}, false
	}
	return content.Clone(), true
}

// put keeps a copy of a committed revision's content, in place of the
// submission's earlier revision, and makes room when the cache is full.
func (c *contentCache) put(submissionID int64, number int, content submission.Content) {
	content = content.Clone()
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, revisionKey{submissionID, number - 1})
	if len(c.m) >= contentCacheSize {
		for k := range c.m { // any one: map order is as good as random
			delete(c.m, k)
			break
		}
	}
	c.m[revisionKey{submissionID, number}] = content
}
