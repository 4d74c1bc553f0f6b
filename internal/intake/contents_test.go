package intake

import (
	"testing"

	"baocao/internal/submission"
)

func content(n float64, narrative string) submission.Content {
	c := submission.NewContent()
	c.Values["A"] = submission.Value{Number: &n}
	c.Narratives["KQ"] = narrative
	return c
}

func TestContentCache_CopiesAndReplaces(t *testing.T) {
	c := newContentCache()
	if _, ok := c.get(1, 1); ok {
		t.Fatal("hit in an empty cache")
	}
	orig := content(5, "một")
	c.put(1, 1, orig)
	orig.Narratives["KQ"] = "changed after put"
	got, ok := c.get(1, 1)
	if !ok || got.Narratives["KQ"] != "một" || *got.Values["A"].Number != 5 {
		t.Fatalf("got %+v, %v; want the content as put", got, ok)
	}
	got.Narratives["KQ"] = "changed by a reader"
	if again, _ := c.get(1, 1); again.Narratives["KQ"] != "một" {
		t.Fatalf("a reader's change reached the cache: %q", again.Narratives["KQ"])
	}
	// The next revision of the submission takes the place of the last.
	c.put(1, 2, content(6, "hai"))
	if _, ok := c.get(1, 1); ok {
		t.Error("revision 1 kept after revision 2 was put")
	}
	if got, ok := c.get(1, 2); !ok || got.Narratives["KQ"] != "hai" {
		t.Errorf("revision 2: %+v, %v", got, ok)
	}
	if _, ok := c.get(2, 2); ok {
		t.Error("another submission's revision found")
	}
}

func TestContentCache_Bounded(t *testing.T) {
	c := newContentCache()
	for i := range contentCacheSize + 100 {
		c.put(int64(i), 1, content(float64(i), "x"))
	}
	if n := len(c.m); n != contentCacheSize {
		t.Errorf("%d entries, want at most %d", n, contentCacheSize)
	}
	last := int64(contentCacheSize + 99)
	if got, ok := c.get(last, 1); !ok || *got.Values["A"].Number != float64(last) {
		t.Error("the latest revision put was evicted")
	}
}
