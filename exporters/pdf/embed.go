package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/galleydoc/galley/internal/fpdf"
	"github.com/galleydoc/galley/pipeline/tree"
)

// sourceFile is the document's source, attached as a PDF/A-3 associated
// file (/AF on the catalog, /AFRelationship /Source).
type sourceFile struct {
	name, mime string
	data       []byte
	modified   time.Time
}

func newSourceFile(doc *tree.Document, data []byte, modified time.Time) *sourceFile {
	name := path.Base(doc.Meta.Source.Path)
	if name == "." || name == "/" || name == "" {
		name = "source"
	}
	return &sourceFile{name: name, mime: sourceMIME(doc.Meta.Source.Format, name), data: data, modified: modified}
}

// sourceMIME is the media type of a source read by reader format.
func sourceMIME(format, name string) string {
	switch {
	case format == "html" || strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm"):
		return "text/html"
	case format == "json" || strings.HasSuffix(name, ".json"):
		return "application/json"
	}
	return "text/markdown"
}

// pdfName writes s as a PDF name object, escaping what names cannot hold.
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || strings.IndexByte("#/()<>[]{}%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// write writes the embedded file stream and its file specification, and
// the catalog's /AF and /EmbeddedFiles entries.
func (s *sourceFile) write(w *fpdf.ObjectWriter) {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(s.data)
	zw.Close()
	sum := md5.Sum(s.data)
	mod := "D:" + s.modified.UTC().Format("20060102150405") + "+00'00'"
	stream := w.Stream(fmt.Sprintf("/Type /EmbeddedFile /Subtype %s /Filter /FlateDecode /Params <</Size %d /CheckSum <%s> /ModDate (%s)>>",
		pdfName(s.mime), len(s.data), hex.EncodeToString(sum[:]), mod), z.Bytes())
	name := pdfText(s.name)
	spec := w.Object(fmt.Sprintf("<</Type /Filespec /F %s /UF %s /EF <</F %d 0 R /UF %d 0 R>> /Desc (Source of this document) /AFRelationship /Source>>",
		asciiName(s.name), name, stream, stream))
	w.Catalog(fmt.Sprintf("/AF [%d 0 R]", spec))
	w.Names(fmt.Sprintf("/EmbeddedFiles <</Names [%s %d 0 R]>>", name, spec))
}

// asciiName is name as a PDF byte string for /F, which predates Unicode
// file names: characters outside printable ASCII become underscores (/UF
// holds the real name).
func asciiName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c < 0x20 || c > 0x7E {
			b[i] = '_'
		}
	}
	return pdfText(string(b))
}
