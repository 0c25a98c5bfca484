package fpdf

// galley patches 5-7: the additions below let a caller write a tagged PDF
// (structure tree, marked content, named destinations, associated files)
// without fpdf knowing about any of it. See GALLEY.md.

// LinkOptions are extra entries of a link annotation (galley patch 5).
type LinkOptions struct {
	// StructParent, when HasStructParent is set, is the annotation's key
	// in the structure tree's parent tree (/StructParent).
	StructParent    int
	HasStructParent bool
	// Contents is the annotation's alternate description (/Contents).
	Contents string
}

// LinkWithOptions puts a link annotation on the current page, as Link (an
// internal link made with AddLink, when link > 0) or LinkString (a URI) do,
// with the extra entries of opts. It returns the annotation's index among the
// current page's link annotations (0-based), which ObjectWriter.LinkObj
// turns into an object number.
func (f *Fpdf) LinkWithOptions(x, y, w, h float64, link int, uri string, opts LinkOptions) int {
	f.newLink(x, y, w, h, link, uri)
	n := len(f.pageLinks[f.page]) - 1
	f.pageLinks[f.page][n].opts = &opts
	return n
}

// SetPageEntries sets raw entries (such as "/StructParents 0 /Tabs /S")
// written into the current page's dictionary (galley patch 6).
func (f *Fpdf) SetPageEntries(entries string) {
	if f.pageEntries == nil {
		f.pageEntries = map[int]string{}
	}
	f.pageEntries[f.page] = entries
}

// PageObj returns the object number of page n (1-based).
func (w *ObjectWriter) PageObj(n int) int { return w.f.pageObj(n) }

// PageCount returns the number of pages.
func (w *ObjectWriter) PageCount() int { return w.f.page }

// LinkObj returns the object number of the index-th link annotation of
// page n (as returned by LinkWithOptions), or 0 when there is none.
func (w *ObjectWriter) LinkObj(page, index int) int {
	if page < 1 || page >= len(w.f.linkObjs) || index < 0 || index >= len(w.f.linkObjs[page]) {
		return 0
	}
	return w.f.linkObjs[page][index]
}

// Catalog adds raw entries to the document catalog.
func (w *ObjectWriter) Catalog(entries string) { w.f.extraCatalog = append(w.f.extraCatalog, entries) }

// Names adds raw entries (such as "/Dests 12 0 R") to the catalog's name
// dictionary.
func (w *ObjectWriter) Names(entries string) { w.f.extraNames = append(w.f.extraNames, entries) }

// SetCatalogWriter registers fn, called once when the document is output,
// after the pages, resources and metadata and before the catalog, to write
// objects (the structure tree, named destinations, associated files) and
// add catalog and name-dictionary entries that refer to them.
func (f *Fpdf) SetCatalogWriter(fn func(w *ObjectWriter)) { f.catalogWriter = fn }

// putCatalogObjects runs the registered catalog writer.
func (f *Fpdf) putCatalogObjects() {
	if f.catalogWriter != nil {
		f.catalogWriter(&ObjectWriter{f: f})
	}
}

// pageObj returns the object number of page n (1-based): pages and their
// content streams are written in pairs from firstPageObj on.
func (f *Fpdf) pageObj(n int) int { return f.firstPageObj + 2*(n-1) }

// SetPdfVersion raises the version written in the file header to
// major.minor (it is never lowered below what the features in use need).
// Tagged PDF (PDF/UA-1) is defined on PDF 1.7 (galley patch 6).
func (f *Fpdf) SetPdfVersion(major, minor uint8) {
	if v := pdfVersion(uint16(major)<<8 | uint16(minor)); v > f.pdfVersion {
		f.pdfVersion = v
	}
}
