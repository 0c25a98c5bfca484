package util

import (
	"strings"
	"testing"
)

// Filters made by NewBytesFilterString and ExtendString are built on first
// use (galley: see GALLEY.md), so what each contains must not depend on the
// order they are first used in: each holds its base's elements and its own,
// and nothing else. Upstream's extensions shared their base's slots, and a
// later extension could overwrite an earlier one's element.
func TestBytesFilterExtensionsIndependentOfOrder(t *testing.T) {
	const global = "accesskey,class,dir,hidden,id,lang,style,title"
	extra := []string{"cite", "start,reversed,type", "value", "align,color,noshade,size,width",
		"download,href,media,ping,rel,target", "align,border,height,srcset,width", "abbr,colspan,rowspan,scope"}
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1, 0}, {3, 0, 6, 1, 5, 2, 4}} {
		base := NewBytesFilterString(global)
		filters := make([]BytesFilter, len(extra))
		for i := range extra {
			filters[i] = base.ExtendString(extra[i])
		}
		for _, i := range order {
			filters[i].Contains([]byte("x")) // first use, in this order
		}
		for i, f := range filters {
			want := map[string]bool{}
			for _, e := range strings.Split(global+","+extra[i], ",") {
				want[e] = true
			}
			for _, list := range append([]string{global}, extra...) {
				for _, e := range strings.Split(list, ",") {
					if got := f.Contains([]byte(e)); got != want[e] {
						t.Errorf("order %v: filter %d (%s): Contains(%q) = %v", order, i, extra[i], e, got)
					}
				}
			}
		}
		for _, e := range strings.Split(strings.Join(extra, ","), ",") {
			if base.Contains([]byte(e)) && !strings.Contains(","+global+",", ","+e+",") {
				t.Errorf("order %v: the base filter gained %q", order, e)
			}
		}
		ext := filters[0].Extend([]byte("more"))
		if !ext.Contains([]byte("more")) || !ext.Contains([]byte("cite")) || filters[0].Contains([]byte("more")) {
			t.Errorf("Extend: %v %v %v", ext.Contains([]byte("more")), ext.Contains([]byte("cite")), filters[0].Contains([]byte("more")))
		}
	}
}

// Two extensions adding elements to the same slot of their base, which has
// room in that slot's backing array: the case upstream's shared slots got
// wrong (the second extension's element overwrote the first's).
func TestBytesFilterExtensionsDoNotShareSlots(t *testing.T) {
	bySlot := map[uint64][]string{}
	for i := 0; i < 2000; i++ {
		e := "attr" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		h := bytesHash([]byte(e)) % 64
		bySlot[h] = append(bySlot[h], e)
	}
	for _, es := range bySlot {
		if len(es) < 5 {
			continue
		}
		// Three elements in the base's slot: length 3, capacity 4.
		base := NewBytesFilterString(strings.Join(es[:3], ","))
		a, b := base.ExtendString(es[3]), base.ExtendString(es[4])
		for _, f := range []BytesFilter{a, b, a} {
			f.Contains([]byte(es[0]))
		}
		if !a.Contains([]byte(es[3])) || a.Contains([]byte(es[4])) || !b.Contains([]byte(es[4])) || b.Contains([]byte(es[3])) {
			t.Fatalf("extensions of %v by %q and %q: a has %q %v, %q %v; b has %q %v, %q %v", es[:3], es[3], es[4],
				es[3], a.Contains([]byte(es[3])), es[4], a.Contains([]byte(es[4])), es[4], b.Contains([]byte(es[4])), es[3], b.Contains([]byte(es[3])))
		}
		return
	}
	t.Fatal("no slot with five elements: widen the search")
}
