package pdffont

import (
	"bytes"
	"testing"
)

func TestStreamCacheKeepsAndEvicts(t *testing.T) {
	c := streamCache{max: 100}
	builds := 0
	build := func(n int) func() ([]byte, int) {
		return func() ([]byte, int) { builds++; return bytes.Repeat([]byte{'x'}, n), n * 2 }
	}
	if d, n := c.get("a", build(20)); len(d) != 20 || n != 40 {
		t.Fatalf("first get = %d bytes, n %d", len(d), n)
	}
	c.get("a", build(20))
	if builds != 1 {
		t.Fatalf("a second get of a kept key built again (%d builds)", builds)
	}
	c.get("big", build(60)) // over max/4: returned, not kept
	c.get("big", build(60))
	if builds != 3 {
		t.Fatalf("a value over a quarter of the cache was kept (%d builds)", builds)
	}
	for _, k := range []string{"b", "c", "d", "e", "f"} { // 20 + 5×20 > 100: "a" goes
		c.get(k, build(20))
	}
	if c.size > c.max {
		t.Fatalf("cache holds %d bytes, over its %d", c.size, c.max)
	}
	before := builds
	c.get("a", build(20))
	if builds != before+1 {
		t.Fatal("the oldest entry was not evicted")
	}
	c.get("f", build(20))
	if builds != before+1 {
		t.Fatal("the newest entry was evicted")
	}
}

// glyphs returns the set of ids.
func glyphs(ids ...uint16) glyphSet {
	s := make(glyphSet, 1024)
	for _, g := range ids {
		s.add(g)
	}
	return s
}

func TestSubsetKey(t *testing.T) {
	a := subsetKey("Sans.ttf", glyphs(1, 300, 2))
	b := subsetKey("Sans.ttf", glyphs(300, 2, 1))
	if a != b {
		t.Error("the key depends on insertion order")
	}
	for _, other := range []string{
		subsetKey("Sans.ttf", glyphs(1, 2)),
		subsetKey("Serif.ttf", glyphs(1, 300, 2)),
		subsetKey("Sans.ttf", glyphs(1, 2, 301)),
		subsetKey("Sans.ttf", glyphs(1, 2, 300, 65535)),
	} {
		if other == a {
			t.Errorf("different subsets share the key %q", a)
		}
	}
}
