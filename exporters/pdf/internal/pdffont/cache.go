package pdffont

import (
	"encoding/binary"
	"sync"
)

// streams keeps, for the whole process, the compressed font programs and
// ToUnicode CMaps already written, so that a batch of documents using the
// same glyphs of a face (notices made from one template) subsets and
// compresses each font once rather than once per document. Entries are
// immutable byte slices shared read-only; the output is the same bytes as
// without the cache (zlib output depends only on its input).
var streams = streamCache{max: 16 << 20}

// streamCache maps a key to compressed bytes, holding at most max bytes of
// values; past that the oldest entries are dropped.
type streamCache struct {
	mu    sync.Mutex
	max   int
	size  int
	m     map[string]cached
	order []string // keys, oldest first
}

type cached struct {
	data []byte
	n    int // length of the uncompressed data (a font program's /Length1)
}

// get returns the value for key, building and keeping it on a miss.
// Concurrent misses of one key may build it twice; both results are equal.
func (c *streamCache) get(key string, build func() ([]byte, int)) ([]byte, int) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v.data, v.n
	}
	data, n := build()
	if len(data) > c.max/4 {
		return data, n // too large to be worth keeping
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; ok {
		return data, n
	}
	if c.m == nil {
		c.m = map[string]cached{}
	}
	for c.size+len(data) > c.max && len(c.order) > 0 {
		old := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.m[old].data)
		delete(c.m, old)
	}
	c.m[key] = cached{data, n}
	c.order = append(c.order, key)
	c.size += len(data)
	return data, n
}

// subsetKey identifies the subset of a face holding the glyphs of used.
func subsetKey(file string, used glyphSet) string {
	gids := used.list(nil)
	b := make([]byte, 0, len(file)+6+2*len(gids))
	b = append(b, "font\x00"...)
	b = append(b, file...)
	b = append(b, 0)
	for _, g := range gids {
		b = binary.BigEndian.AppendUint16(b, uint16(g))
	}
	return string(b)
}
