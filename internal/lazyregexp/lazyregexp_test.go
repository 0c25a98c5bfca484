package lazyregexp

import (
	"sync"
	"testing"
)

func TestCompiledOnFirstUseOnce(t *testing.T) {
	r := New(`^a(b+)$`)
	if r.rx != nil {
		t.Fatal("compiled by New")
	}
	if r.String() != `^a(b+)$` || r.rx != nil {
		t.Fatal("String compiled the expression or changed it")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !r.MatchString("abb") || r.Match([]byte("ac")) {
				t.Error("wrong match")
			}
		}()
	}
	wg.Wait()
	first := r.Regexp()
	if first != r.Regexp() {
		t.Error("compiled twice")
	}
	if m := r.FindStringSubmatch("abbb"); len(m) != 2 || m[1] != "bbb" {
		t.Errorf("FindStringSubmatch: %q", m)
	}
	if got := r.ReplaceAllString("ab", "x"); got != "x" {
		t.Errorf("ReplaceAllString: %q", got)
	}
}

func TestInvalidPanicsAtFirstUse(t *testing.T) {
	r := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression did not panic")
		}
	}()
	r.MatchString("x")
}
