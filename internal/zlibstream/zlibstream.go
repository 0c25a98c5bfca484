// Package zlibstream compresses PDF streams for every package that writes
// them (the PDF writer in internal/fpdf, the font subsets of
// exporters/pdf/internal/pdffont), in the zlib format FlateDecode reads,
// with klauspost/compress's deflate at its fastest.
//
// A stream of up to 32 KB (a page's content, a font subset, a CMap: all
// the streams of a notice) is compressed by the stateless encoder, which
// keeps no hash tables: a level-1 writer allocates about 800 KB of them,
// which a new process touches page by page (0.2 ms of the 14 ms of
// `galley convert -t pdf` of the example notice), and on such streams the
// stateless output is a little smaller (the notice's: 33,919 against
// 34,277 bytes). A longer stream goes through a pooled level-1 writer,
// whose 32 KB window finds the repeats the stateless encoder's 8 KB one
// misses (600 KB of page content: 91 against 145 KB).
package zlibstream

import (
	"bytes"
	"hash/adler32"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// statelessMax is the longest input compressed by the stateless encoder:
// its block size (klauspost's maxStatelessBlock), so that the input is one
// block with no dictionary.
const statelessMax = 1<<15 - 1

// header is the zlib stream header: deflate with a 32 KB window (0x78),
// "fastest" compression, no preset dictionary, and the check bits that
// make the pair a multiple of 31 (RFC 1950, section 2.2). The level-1
// writer writes the same two bytes.
var header = [2]byte{0x78, 0x01}

var writers sync.Pool // *zlib.Writer

// Compress appends the zlib stream of data to buf.
//
// Writing to a bytes.Buffer cannot fail (it panics when out of memory),
// so neither can the encoders.
func Compress(buf *bytes.Buffer, data []byte) {
	if len(data) > statelessMax {
		zw, _ := writers.Get().(*zlib.Writer)
		if zw == nil {
			zw, _ = zlib.NewWriterLevel(buf, zlib.BestSpeed) // a valid level: no error
		} else {
			zw.Reset(buf)
		}
		zw.Write(data)
		zw.Close()
		writers.Put(zw)
		return
	}
	buf.Grow(len(header) + len(data)/2 + 64)
	buf.Write(header[:])
	flate.StatelessDeflate(buf, data, true, nil)
	sum := adler32.Checksum(data)
	buf.Write([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
}
