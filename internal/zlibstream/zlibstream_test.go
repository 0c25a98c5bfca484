package zlibstream

import (
	"bytes"
	"io"
	"math/rand/v2"
	"sync"
	"testing"

	"compress/zlib"
)

// TestRoundTrip decompresses what Compress wrote, with the standard
// library's reader, for inputs of several sizes written in turn and at
// once (the writers are reused and shared).
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := [][]byte{nil, []byte("BT /F1 12 Tf (Hello) Tj ET"), bytes.Repeat([]byte("glyph "), 50000)}
	noise := make([]byte, 300000)
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	inputs = append(inputs, noise)
	for _, n := range []int{statelessMax, statelessMax + 1} { // either side of the switch of encoder
		inputs = append(inputs, noise[:n], bytes.Repeat([]byte("q"), n))
	}
	check := func(in []byte) error {
		var buf bytes.Buffer
		buf.WriteString("prefix")
		Compress(&buf, in)
		if !bytes.HasPrefix(buf.Bytes(), []byte("prefix")) {
			t.Errorf("Compress did not append")
		}
		zr, err := zlib.NewReader(bytes.NewReader(buf.Bytes()[len("prefix"):]))
		if err != nil {
			return err
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			return err
		}
		if !bytes.Equal(out, in) {
			t.Errorf("round trip of %d bytes gave %d different bytes", len(in), len(out))
		}
		return nil
	}
	for range 2 {
		for _, in := range inputs {
			if err := check(in); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Go(func() {
			if err := check(in); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

// TestDeterministic checks that reused encoder state gives the same bytes
// as new state: PDFs must not depend on what a process compressed before.
func TestDeterministic(t *testing.T) {
	in := bytes.Repeat([]byte("0 0 1 rg 10 10 m 20 20 l S\n"), 4000)
	var first bytes.Buffer
	Compress(&first, in)
	for range 3 {
		var other bytes.Buffer
		Compress(&other, []byte("something else entirely, to dirty the writer"))
		other.Reset()
		Compress(&other, in)
		if !bytes.Equal(first.Bytes(), other.Bytes()) {
			t.Fatal("a reused writer wrote other bytes")
		}
	}
}
