// Package zlibpool compresses PDF streams with zlib writers shared by
// every package that writes them (the PDF writer in internal/fpdf, the
// font subsets of exporters/pdf/internal/pdffont).
//
// The writers are klauspost/compress's at its fastest level. An encoder
// carries hash tables of a few hundred kilobytes, which a new process
// touches page by page as it first compresses: one pool for all streams
// keeps a one-document process to one encoder, where a pool per package
// and level made two (one at level 5 for the fonts), about 1 ms of the
// 15 ms of `galley convert -t pdf` of the example notice. Level 1 makes
// the notice's PDF 4.5 % larger than level 5 did (44.1 against 42.2 KB).
package zlibpool

import (
	"bytes"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// Level is the compression level of every stream.
const Level = zlib.BestSpeed

var writers sync.Pool // *zlib.Writer

// Compress appends the zlib stream of data to buf.
func Compress(buf *bytes.Buffer, data []byte) {
	zw, _ := writers.Get().(*zlib.Writer)
	if zw == nil {
		zw, _ = zlib.NewWriterLevel(buf, Level) // Level is valid: no error
	} else {
		zw.Reset(buf)
	}
	// Writing to a bytes.Buffer cannot fail (it panics when out of
	// memory), so neither can the writer.
	zw.Write(data)
	zw.Close()
	writers.Put(zw)
}
