// Package pdf exports galley's document tree as an archive-grade PDF: fonts
// embedded and subset, tagged for screen readers (PDF/UA-1), PDF/A-2u
// structure (XMP metadata, sRGB output intent, content-derived trailer ID,
// printable annotations), named destinations, bookmarks from
// headings, clickable internal and external links, a header with the title
// and a localized "Page X of Y" footer, and byte-identical output for the
// same document and options.
//
// # Layout
//
// The exporter does its own typesetting on top of codeberg.org/go-pdf/fpdf:
// inline content is flattened into styled runs, each run is split by font
// coverage (package fonts: the first embedded face with the glyph wins,
// since fpdf has no font fallback), and a greedy line breaker fills lines
// of mixed bold, italic, code and link text, breaking between words,
// between CJK characters (with kinsoku rules), and inside words too long for
// a line (URLs), never adding hyphens. Blocks become a vertical list of
// boxes that a paginator places on pages; backgrounds and rules of quotes,
// notes and code blocks are drawn per page over the boxes they cover, and
// table rows repeat the header row after a page break.
//
// # Characters
//
// Text is shaped with HarfBuzz (go-text/typesetting), ordered by the
// Unicode bidi algorithm, broken into lines at UAX #14 opportunities and
// written as glyph ids in galley's own Type0 fonts (internal/shape,
// internal/pdffont; see README.md). A character no embedded font has is left
// out with a "missing-glyph" warning naming it (U+XXXX and the character)
// and the source line of its block. Zero-width spaces are break
// opportunities; joiners and bidi controls go to the shaper and the bidi
// algorithm; no-break spaces keep words together.
//
// # Validation
//
// The files are tagged (PDF/UA-1) unless Options.NoTags, and meant to
// satisfy PDF/A-2u; the XMP packet claims both (pdfaid:part 2, conformance
// U; pdfuaid:part 1), and PDF/A-3u with Options.EmbedSource. Package
// internal/pdfcheck checks the machine-checkable clauses; veraPDF is the
// reference validator:
//
//	verapdf --flavour 2u notice.pdf
//	verapdf --flavour ua1 notice.pdf
//
// The package tests check every export with qpdf --check, pdfcpu, pdffonts
// (every font embedded) and pdftotext (reading order) where those tools are
// installed.
//
// # Fonts and speed
//
// Faces are parsed once per process (package fonts) and shaped runs are
// cached per process; only the faces and glyphs the pages use are embedded.
//
// # Right to left
//
// Paragraphs of right-to-left documents (Meta.Direction "rtl"), and others
// whose first strong character is Hebrew or Arabic, are right-aligned and
// reordered visually line by line (UAX #9 levels, rule L2 on shaped pieces).
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/galleydoc/galley/internal/fpdf"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/pdf/internal/pdffont"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Exporter writes PDF. It holds no per-document state and is safe for
// concurrent use.
type Exporter struct {
	bodySize float64
}

// Option configures an Exporter.
type Option func(*Exporter)

// WithBodySize sets the body text size in points (default 10.5).
func WithBodySize(pt float64) Option {
	return func(e *Exporter) {
		if pt >= 6 && pt <= 24 {
			e.bodySize = pt
		}
	}
}

// New returns a PDF exporter.
func New(opts ...Option) *Exporter {
	e := &Exporter{bodySize: 10.5}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Name returns "pdf".
func (*Exporter) Name() string { return "pdf" }

// Extension returns "pdf".
func (*Exporter) Extension() string { return "pdf" }

// Traits: in a default run; it renders the tree form of raw HTML, never markup.
func (*Exporter) Traits() exporters.Traits { return exporters.Traits{Default: true} }

// paperSize returns the size of a paper (lower case) in points.
func paperSize(paper string) (size [2]float64, ok bool) {
	switch paper {
	case "a4":
		return [2]float64{595.28, 841.89}, true
	case "letter":
		return [2]float64{612, 792}, true
	}
	return size, false
}

// newLayouter returns the layouter of doc.
func (e *Exporter) newLayouter(doc *tree.Document, opts exporters.Options) (*layouter, error) {
	if doc == nil {
		return nil, fmt.Errorf("pdf: nil document")
	}
	paper := strings.ToLower(opts.Paper)
	if paper == "" {
		paper = "a4"
	}
	size, ok := paperSize(paper)
	if !ok {
		return nil, fmt.Errorf("pdf: unknown paper size %q (a4 or letter)", opts.Paper)
	}
	l := &layouter{
		opts: opts, doc: doc, path: doc.Meta.Source.Path,
		warned: map[string]bool{}, ids: map[string]bool{}, images: map[string]loadedImage{},
		body:  e.bodySize,
		pageW: size[0], pageH: size[1],
		left: 62, right: 62, top: 68, bott: 62,
		fl: &flow{}, cellLists: -1,
	}
	l.rtl = strings.EqualFold(doc.Meta.Direction, "rtl")
	if !opts.NoTags {
		l.tagged = true
		l.root = &selem{typ: "Document", attached: true}
		l.cur = l.root
		if lang := l.docLang(); doc.Meta.Locale != "" && !sameLang(lang, doc.Meta.Locale) {
			l.root.setLang(lang) // a fallback: the body is in another language
		}
	}
	collectIDs(doc, l.ids)
	// title is the metadata title; display is the title block's text. The
	// level-1 heading the body opens with is the visible title (front matter
	// titles may differ from it, as in the GitHub and PyPI documents) and
	// becomes the title block; a body that shows its title further down gets
	// a title block with the date alone (tree.ShowsTitle).
	l.title = tree.DisplayTitle(doc)
	l.display = l.title
	l.body0 = doc.Blocks
	if h, rest := tree.OpeningTitle(doc.Blocks); h != nil {
		l.display = strings.TrimSpace(tree.PlainText(h.Content))
		l.body0 = rest
		l.titleID = h.ID
	} else if tree.ShowsTitle(doc) {
		l.display = ""
	}
	return l, nil
}

// run lays out the document: the title block, a redline's summary, the
// contents, the body and the footnotes. Its pages go to sink as they are
// placed.
func (l *layouter) run(sink func(pageOut)) {
	l.fl.pg = &pager{f: l.fl, top: l.top, bottom: l.pageH - l.bott, y: l.top, sink: sink}
	x, wd := l.left, l.textWidth()
	blocks := l.body0
	if l.titleID != "" {
		l.add(&box{ops: []op{{kind: opDest, opExtra: &opExtra{dest: l.titleID}}}})
	}
	l.bodyShowsDate = opensWithDate(blocks)
	if l.display != "" || l.doc.Meta.Revision != nil {
		l.titleBlock(l.display, x, wd)
	}
	if l.doc.Redline != nil {
		l.summary(x, wd)
	}
	if l.opts.TOC {
		// The contents come after the title block, before the headings
		// they list: they are gathered from the tree.
		if toc := l.contents(blocks); len(toc) > 0 {
			l.toc = toc
			l.tocBlock(toc, x, wd)
		}
	}
	l.blocks(blocks, x, wd, false)
	l.footnotes(x, wd)
	l.trimSpace()
	if l.fl.n() == 0 {
		l.add(&box{h: 1})
	}
	l.fl.pg.finish()
}

// holdPages is how many pages are held before the first is drawn: a
// document of at most that many pages is drawn once it is all laid out,
// with its page total and the page numbers of its contents known, its
// pages compressed whole. A longer one is drawn as it is laid out, with
// holes for those numbers (fpdf patch 17), so that it holds the layout of
// no more than that many pages; its page content is the same, compressed
// in stretches between the holes.
var holdPages = 100

// Export writes doc to w as PDF. It does not modify doc.
func (e *Exporter) Export(w io.Writer, doc *tree.Document, opts exporters.Options) error {
	l, err := e.newLayouter(doc, opts)
	if err != nil {
		return err
	}
	title := l.title
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: l.pageW, Ht: l.pageH}})
	if space, ok := outputSpaces.Get().(*[]byte); ok {
		pdf.SetOutputSpace(*space)
	} else {
		// A first document: room for a notice at once (see grow).
		pdf.SetOutputSpace(make([]byte, 0, firstOutputSpace))
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	// Each page's content is compressed as the page is done, not all of
	// them at the end (a document of thousands of pages held hundreds of
	// megabytes of content).
	pdf.SetDeflatePagesEarly(true)
	// PDF/A-2 and PDF/UA-1 are defined on PDF 1.7.
	pdf.SetPdfVersion(1, 7)
	info := archiveInfo{title: title, lang: doc.Meta.Locale, producer: opts.Producer, tagged: l.tagged, part: 2}
	info.author = frontString(doc, "author")
	info.publisher = frontString(doc, "publisher")
	info.created, info.modified = docDates(doc)
	if info.title == "" {
		// PDF/UA wants a title to show instead of the file name: the
		// source's name is the best there is.
		info.title = sourceName(doc)
		title = info.title
	}
	if info.lang == "" {
		info.lang = "en"
	}
	var src *sourceFile
	if opts.EmbedSource {
		if opts.Source == nil {
			return fmt.Errorf("pdf: --embed-source: the source of %s is not available", doc.Meta.Source.Path)
		}
		src = newSourceFile(doc, opts.Source, info.modified)
		info.part = 3
	}
	pdf.SetCreationDate(info.created)
	pdf.SetModificationDate(info.modified)
	pdf.SetTitle(title, true)
	if info.author != "" {
		pdf.SetAuthor(info.author, true)
	}
	if info.producer != "" {
		pdf.SetProducer(info.producer, true)
	} else {
		pdf.SetProducer("", false)
	}
	pdf.SetLang(info.lang)
	pdf.SetXmpMetadata(info.xmp())
	pdf.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                srgbICC,
		ICCProfileDeflated:        srgbICCDeflated,
	})
	p := &painter{l: l, pdf: pdf, out: pdf, fonts: pdffont.NewSet(), images: map[string]bool{},
		links: map[string]int{}, dests: map[string]dest{}, blevel: -1, title: l.display, bodySize: l.body}
	if l.tagged {
		p.fonts.SpanProps = p.spanProps
	}
	// Pages are drawn as they are laid out (stream.go).
	l.run(p.page)
	if err := p.finish(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	l.fl = nil
	counts := p.outlineCounts()
	var fontErr error
	pdf.SetResourceWriter(func(w *fpdf.ObjectWriter) []fpdf.ResourceRef {
		refs, err := p.fonts.Write(w)
		fontErr = err
		return refs
	})
	pdf.SetCatalogWriter(func(w *fpdf.ObjectWriter) {
		p.writeStructure(w)
		if src != nil {
			src.write(w)
		}
	})
	data, err := pdf.OutputBytes()

	if err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	if fontErr != nil {
		return fmt.Errorf("pdf: fonts: %w", fontErr)
	}
	if b, ok := w.(*bytes.Buffer); ok {
		// Room for the file at once, not doubling up to it (a document
		// of thousands of pages is tens of megabytes).
		grow(b, len(data)+len(data)/64+4096)
	}
	if err := finish(w, data, counts, pdf.PackedObjects()); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	// finish has copied the file to w: its array can take the next one's.
	if cap(data) <= maxOutputSpace {
		space := data[:0]
		outputSpaces.Put(&space)
	}
	return nil
}

// firstOutputSpace is the capacity of the array fpdf builds a process's
// first file in: the example notice's PDF is 44 KB.
const firstOutputSpace = 64 << 10

// grow makes room in b for n more bytes. An empty b gets an array made for
// them: bytes.Buffer.Grow clears the array it allocates, which a new
// process's fresh memory does not need (with the first output space, 0.1
// ms of a notice's PDF convert).
func grow(b *bytes.Buffer, n int) {
	if b.Cap() == 0 {
		*b = *bytes.NewBuffer(make([]byte, 0, n))
		return
	}
	b.Grow(n)
}

// outputSpaces holds the arrays of files written (*[]byte), each handed to
// fpdf for a next file to be built in (fpdf's SetOutputSpace): a batch of
// thousands of documents reuses a few arrays instead of growing one by
// doubling for each file.
var outputSpaces sync.Pool

// maxOutputSpace is the largest array kept: a long document's is let go.
const maxOutputSpace = 4 << 20

// docDates returns the creation and modification dates written into the
// file: the document's own dates, never the clock (Unix epoch when unknown,
// so output stays reproducible).
func docDates(doc *tree.Document) (created, modified time.Time) {
	modified = time.Unix(0, 0).UTC()
	if r := doc.Meta.Revision; r != nil && !r.Time.IsZero() {
		modified = r.Time.UTC()
	}
	created = modified
	if c := doc.Meta.Creation; c != nil && !c.Time.IsZero() && !c.Time.After(modified) {
		created = c.Time.UTC()
	}
	return created.Truncate(time.Second), modified.Truncate(time.Second)
}

// sourceName is the source file's name without its extension.
func sourceName(doc *tree.Document) string {
	name := path.Base(doc.Meta.Source.Path)
	if name == "." || name == "/" || name == "" {
		return "Untitled"
	}
	return strings.TrimSuffix(name, path.Ext(name))
}

func frontString(doc *tree.Document, key string) string {
	v, ok := doc.Meta.FrontMatter[key]
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var parts []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// collectIDs gathers every destination a link may point at.
func collectIDs(doc *tree.Document, ids map[string]bool) {
	visit := func(b tree.Block) bool {
		switch b := b.(type) {
		case *tree.Heading:
			if b.ID != "" {
				ids[b.ID] = true
			}
		case *tree.Tabs:
			for _, t := range b.Tabs {
				if t.ID != "" {
					ids[t.ID] = true
				}
			}
		case *tree.HTMLBlock:
			return true
		}
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				if a, ok := in.(*tree.Anchor); ok && a.ID != "" {
					ids[a.ID] = true
				}
			})
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, fn := range doc.Footnotes {
		ids["fn:"+fn.ID] = true
		tree.Walk(fn.Blocks, visit)
	}
}

// opensWithDate reports whether one of the first paragraphs holds a Date.
func opensWithDate(blocks []tree.Block) bool {
	for i, b := range blocks {
		if i >= 3 {
			break
		}
		p, ok := b.(*tree.Paragraph)
		if !ok {
			continue
		}
		found := false
		tree.WalkInlines(p.Content, func(in tree.Inline) {
			if _, ok := in.(*tree.Date); ok {
				found = true
			}
		})
		if found {
			return true
		}
	}
	return false
}
