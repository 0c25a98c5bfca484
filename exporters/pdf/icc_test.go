package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"testing"

	"github.com/galleydoc/galley/internal/zlibstream"
)

// TestICCDeflated checks that the compressed sRGB profile shipped beside
// the profile decompresses to it, and is what zlibstream writes for it
// (so that a PDF's output intent stream is the same as when the profile
// was compressed at export). -update rewrites sRGB2014.icc.zlib.
func TestICCDeflated(t *testing.T) {
	var want bytes.Buffer
	zlibstream.Compress(&want, srgbICC)
	if *update {
		if err := os.WriteFile("sRGB2014.icc.zlib", want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	zr, err := zlib.NewReader(bytes.NewReader(srgbICCDeflated))
	if err != nil {
		t.Fatalf("sRGB2014.icc.zlib: %v", err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("sRGB2014.icc.zlib: %v", err)
	}
	if !bytes.Equal(got, srgbICC) {
		t.Fatalf("sRGB2014.icc.zlib decompresses to %d bytes that are not sRGB2014.icc's %d", len(got), len(srgbICC))
	}
	if !bytes.Equal(srgbICCDeflated, want.Bytes()) {
		t.Errorf("sRGB2014.icc.zlib is not what zlibstream writes for the profile (%d against %d bytes): run go test -run ICCDeflated -update", len(srgbICCDeflated), want.Len())
	}
}
