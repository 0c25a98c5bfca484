package fpdf

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestHoles: content given later for holes in pages (galley patch 17)
// reads back, once decompressed, as the same page content as when it is
// written in place, whether the pages are compressed as they end (in
// stretches between the holes), at output or not at all; every stream is
// a valid zlib stream (the reader checks the checksum), and a link moved
// with SetLinkRect and one whose target was never set are written as such.
func TestHoles(t *testing.T) {
	fills := []string{"", "BT /F1 9 Tf (Page 1 of 3) Tj ET\n", strings.Repeat("1 2 m 3 4 l S\n", 300)}
	make := func(holes, early, compress bool) []byte {
		t.Helper()
		pdf := New("P", "pt", "A4", "")
		pdf.SetCompression(compress)
		pdf.SetDeflatePagesEarly(early)
		pdf.SetCreationDate(fixedTime)
		pdf.SetModificationDate(fixedTime)
		pdf.SetCatalogSort(true)
		var ids []int
		var fill []string
		for p := 0; p < 3; p++ {
			pdf.AddPage()
			pdf.RawWriteStr(strings.Repeat("0 0 m 100 100 l S\n", 50+p))
			for k := 0; k <= p; k++ { // holes at the start, between and at the end of stretches
				f := fills[(p+k)%len(fills)]
				if holes {
					ids = append(ids, pdf.Hole())
					fill = append(fill, f)
				} else {
					pdf.RawWriteOpen([]byte(f), "")
				}
			}
			pdf.RawWriteOpen([]byte("BT"), " ET\n") // closed by the hole or the page's end
			pdf.RawWriteStr(strings.Repeat("5 5 m 6 6 l S\n", 20))
		}
		for i, id := range ids {
			pdf.FillHole(id, []byte(fill[i]))
		}
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	want := pageStreams(t, make(false, false, false))
	for _, c := range []struct{ early, compress bool }{{true, true}, {false, true}, {false, false}} {
		got := pageStreams(t, make(true, c.early, c.compress))
		if len(got) != len(want) {
			t.Fatalf("early %v, compress %v: %d streams, want %d", c.early, c.compress, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("early %v, compress %v: stream %d differs from the content written in place:\n%.200q\nwant\n%.200q", c.early, c.compress, i, got[i], want[i])
			}
		}
	}

	pdf := New("P", "pt", "A4", "")
	pdf.AddPage()
	n := pdf.LinkWithOptions(10, 10, 5, 5, pdf.AddLink(), "", LinkOptions{})
	pdf.SetLinkRect(1, n, 100, 200, 30, 12)
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "/Rect [100.00 641.89 130.00 629.89]") || !strings.Contains(s, "/F 4 >>") || strings.Contains(s, "/Dest") {
		t.Errorf("the link moved, without a target:\n%s", s[strings.Index(s, "/Type /Annot"):][:120])
	}
}

// pageStreams returns the content of every stream of a file, decompressed.
func pageStreams(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	re := regexp.MustCompile(`<<(/Filter /FlateDecode )?/Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		body := data[m[1] : m[1]+n]
		if m[2] >= 0 {
			r, err := zlib.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("stream at %d: %v", m[0], err)
			}
			body = b
		}
		out = append(out, string(body))
	}
	return out
}

func TestAdler32Combine(t *testing.T) {
	a, b := []byte(strings.Repeat("galley ", 20000)), []byte(strings.Repeat("x", 70000)+"end")
	for _, cut := range []int{0, 1, 65521, 70000} {
		x, y := append(a, b[:cut]...), b[cut:]
		if got, want := adler32Combine(adler32.Checksum(x), adler32.Checksum(y), len(y)), adler32.Checksum(append(append([]byte(nil), x...), y...)); got != want {
			t.Errorf("cut %d: %08x, want %08x", cut, got, want)
		}
	}
}
