// Package shape sets runs of text as positioned glyphs with HarfBuzz
// (github.com/go-text/typesetting's Go port): OpenType GSUB and GPOS with the
// font's default features (ccmp, locl, liga, kern, mark, mkmk, the Arabic,
// Indic, Thai, Khmer and Myanmar shapers, ...).
//
// A run is text in one face, one direction and one script. Results are in
// font units (the font's units per em), so they do not depend on the size the
// text is set at, and are cached per process by face, script, language,
// direction and text: a document repeats its words, and a batch of documents
// repeats most of them. Cached runs are shared and must not be modified.
//
// Faces are parsed once per process (package fonts); each goroutine shapes
// with its own HarfBuzz font objects, taken from a free list, because those
// hold caches that are not safe for concurrent use.
package shape

import (
	"sync"
	"unicode"
	"unicode/utf8"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"

	"github.com/galleydoc/galley/fonts"
)

// Glyph is one shaped glyph. Positions are in font units.
type Glyph struct {
	// ID is the glyph index in the font.
	ID uint16
	// Advance is how far the pen moves after the glyph.
	Advance int32
	// XOff and YOff move the glyph from the pen position (marks, cursive
	// attachment); YOff is positive upwards.
	XOff, YOff int32
	// Cluster is the index, in the run's runes, of the first character of
	// the cluster the glyph belongs to. Glyphs of one cluster are
	// adjacent.
	Cluster int32
}

// Run is a shaped run of text. Glyphs are in visual order (left to right,
// also for right-to-left text, where clusters decrease).
type Run struct {
	Face   *fonts.Face
	Text   string
	Runes  []rune
	RTL    bool
	Glyphs []Glyph
	// Advance is the sum of the glyph advances, in font units.
	Advance int32
	// UPEM is the font's units per em.
	UPEM int
	// Missing is the first character the face has no glyph for (shaped as
	// glyph 0), or 0.
	Missing rune

	textOnce sync.Once
	texts    []string
	reorder  bool
}

// GlyphText returns the text each glyph (in the order of Glyphs) stands
// for, for a PDF ToUnicode map, and whether the glyphs read in order with
// those texts fail to give the run's text back (an extractor then needs the
// text itself, as ActualText). Computed once per run.
//
// A cluster of one glyph stands for the cluster's text. In right-to-left
// runs a cluster's text goes, reversed, to its first glyph (its base) and
// the others (marks) stand for nothing: extractors reverse right-to-left
// lines character by character. Otherwise a cluster of several glyphs maps
// each glyph to the characters up to the one it is the nominal glyph of
// (a letter and its marks); where that fails (an Indic vowel sign drawn
// before its consonant) the glyphs, left to right, stand for the cluster's
// characters in order, one each and the last glyph the rest (so that read
// in drawing order they give the text), and the run is reported for
// reordering. A left-to-right mark moved sideways
// (a virama pulled under its consonant) also asks for ActualText: it leaves
// a gap extractors read as a space.
func (r *Run) GlyphText() ([]string, bool) {
	r.textOnce.Do(r.glyphText)
	return r.texts, r.reorder
}

func (r *Run) glyphText() {
	if !r.glyphTextOneToOne() {
		r.glyphTextClusters()
	}
}

// glyphTextOneToOne is glyphText for the usual run (a word of the simple
// path): left to right, glyph i drawing character i alone, the text valid
// UTF-8. Each glyph stands for its character, a piece of r.Text, as
// glyphTextClusters gives it, without the cluster walk; false for other
// runs.
func (r *Run) glyphTextOneToOne() bool {
	n := len(r.Glyphs)
	if r.RTL || n == 0 || n != len(r.Runes) {
		return false
	}
	for i, g := range r.Glyphs {
		if g.Cluster != int32(i) {
			return false
		}
	}
	if !utf8.ValidString(r.Text) || utf8.RuneCountInString(r.Text) != n {
		return false
	}
	texts := make([]string, n)
	i, from := 0, 0
	for k := range r.Text {
		if k > 0 {
			texts[i] = r.Text[from:k]
			i, from = i+1, k
		}
	}
	texts[i] = r.Text[from:]
	r.texts = texts
	for _, g := range r.Glyphs {
		if g.XOff != 0 {
			r.reorder = true
			break
		}
	}
	return true
}

// glyphTextClusters is glyphText for any run, cluster by cluster.
func (r *Run) glyphTextClusters() {
	r.texts = make([]string, len(r.Glyphs))
	// A cluster's text is a piece of r.Text (no copy) where the runes
	// are r.Text's: at[i] is the byte offset of rune i.
	var at []int
	if utf8.ValidString(r.Text) {
		at = make([]int, 0, len(r.Runes)+1)
		for i := range r.Text {
			at = append(at, i)
		}
		at = append(at, len(r.Text))
		if len(at) != len(r.Runes)+1 {
			at = nil
		}
	}
	str := func(from, to int) string {
		if at != nil {
			return r.Text[at[from]:at[to]]
		}
		return string(r.Runes[from:to])
	}
	r.Clusters(func(from, to, g0, g1 int) {
		text := r.Runes[from:to]
		n := g1 - g0
		idx := func(i int) int { // glyph index of the i-th glyph in logical order
			if r.RTL {
				return g1 - 1 - i
			}
			return g0 + i
		}
		switch {
		case r.RTL && len(text) > 1:
			rev := make([]rune, len(text))
			for i, c := range text {
				rev[len(text)-1-i] = c
			}
			r.texts[idx(0)] = string(rev)
		case n == 1:
			r.texts[g0] = str(from, to)
		default:
			ok := true
			k := 0
			for i := 0; i < n && ok; i++ {
				g := r.Glyphs[idx(i)].ID
				j := k
				for j < len(text) {
					if ng, has := r.Face.Glyph(text[j]); has && uint16(ng) == g { // Font's cmap
						break
					}
					j++
				}
				if j == len(text) {
					ok = false
					break
				}
				if i == n-1 {
					j = len(text) - 1
				}
				r.texts[idx(i)] = str(from+k, from+j+1)
				k = j + 1
			}
			if !ok || k != len(text) {
				for i := 0; i < n; i++ {
					r.texts[idx(i)] = ""
				}
				if r.RTL {
					r.texts[idx(0)] = str(from, to)
				} else {
					// Left to right, each glyph stands for one
					// character of the cluster, the last glyph for
					// the rest: read in drawing order (a tagged PDF's
					// structure, pdfminer, pdf.js: readers that skip
					// ActualText) they give the cluster's text, and
					// no glyph is left without text where there are
					// characters enough.
					for i := 0; i < n && i < len(text); i++ {
						end := from + i + 1
						if i == n-1 {
							end = to
						}
						r.texts[g0+i] = str(from+i, end)
					}
				}
				r.reorder = true
			}
		}
	})
	if !r.RTL {
		for _, g := range r.Glyphs {
			if g.XOff != 0 {
				r.reorder = true
				break
			}
		}
	}
}

// Width returns the run's advance when set at size points, in points.
func (r *Run) Width(size float64) float64 {
	return float64(r.Advance) * size / float64(r.UPEM)
}

// Scale returns the factor from font units to points at size points.
func (r *Run) Scale(size float64) float64 { return size / float64(r.UPEM) }

// Clusters calls fn for each cluster in logical order with the rune range
// [from, to) it covers and the glyph range [g0, g1) drawing it.
func (r *Run) Clusters(fn func(from, to, g0, g1 int)) {
	n := len(r.Glyphs)
	if n == 0 {
		return
	}
	// Collect cluster starts in glyph order.
	type cl struct{ c, g0, g1 int }
	var cls []cl
	for i := 0; i < n; {
		j := i
		for j < n && r.Glyphs[j].Cluster == r.Glyphs[i].Cluster {
			j++
		}
		cls = append(cls, cl{int(r.Glyphs[i].Cluster), i, j})
		i = j
	}
	if r.RTL {
		for a, b := 0, len(cls)-1; a < b; a, b = a+1, b-1 {
			cls[a], cls[b] = cls[b], cls[a]
		}
	}
	for k, c := range cls {
		to := len(r.Runes)
		if k+1 < len(cls) {
			to = cls[k+1].c
		}
		if to < c.c { // clusters out of order (should not happen): be safe
			to = c.c
		}
		fn(c.c, to, c.g0, c.g1)
	}
}

// Props are the segment properties a run is shaped with.
type Props struct {
	RTL      bool
	Script   language.Script
	Language language.Language
}

type key struct {
	face *fonts.Face
	text string
	p    Props
}

// maxCachedBytes bounds the cache by the memory its runs hold (about; a
// count of runs is no bound, since a run may be a whole paragraph, and a
// batch of documents made from one template shapes new paragraphs in every
// document); past it the cache starts over.
const maxCachedBytes = 24 << 20

var cache struct {
	sync.RWMutex
	m     map[key]*Run
	bytes int
}

// runBytes is about what a cached run holds: its text (twice, in the run
// and in the key), runes, glyphs and the map entry.
func runBytes(r *Run) int {
	return 2*len(r.Text) + 4*len(r.Runes) + 20*len(r.Glyphs) + 160
}

// Shape returns text set in face with the given properties. The result is
// cached and shared: do not modify it. A face that cannot be parsed gives
// nil.
func Shape(face *fonts.Face, text string, p Props) *Run {
	k := key{face, text, p}
	cache.RLock()
	r, ok := cache.m[k]
	cache.RUnlock()
	if ok {
		return r
	}
	r = shapeUncached(face, text, p)
	if r == nil {
		return nil
	}
	cache.Lock()
	n := runBytes(r)
	if cache.m == nil || cache.bytes+n > maxCachedBytes {
		cache.m = make(map[key]*Run, 256)
		cache.bytes = 0
	}
	if _, ok := cache.m[k]; !ok {
		cache.bytes += n
	}
	cache.m[k] = r
	cache.Unlock()
	return r
}

// shaper is one goroutine's HarfBuzz state: a buffer and a font object per
// parsed font (a face's light and full fonts are two).
type shaper struct {
	buf   *harfbuzz.Buffer
	fonts map[*gofont.Font]*harfbuzz.Font
}

var free struct {
	sync.Mutex
	list []*shaper
}

func getShaper() *shaper {
	free.Lock()
	defer free.Unlock()
	if n := len(free.list); n > 0 {
		s := free.list[n-1]
		free.list = free.list[:n-1]
		return s
	}
	return &shaper{buf: harfbuzz.NewBuffer(), fonts: map[*gofont.Font]*harfbuzz.Font{}}
}

func putShaper(s *shaper) {
	free.Lock()
	free.list = append(free.list, s)
	free.Unlock()
}

// shapeUncached shapes text: a run the simple path proves needs no
// HarfBuzz (simple.go) without it; otherwise first with the face's light font (without
// its mark attachment lookups, fonts.Face.LightFont) where that is worth
// trying, and again with the full font where a glyph it gave is one those
// lookups could move: the result is the full font's either way.
func shapeUncached(face *fonts.Face, text string, p Props) *Run {
	runes := []rune(text)
	if r := shapeSimple(face, text, runes, p); r != nil {
		return r
	}
	return shapeHarfBuzz(face, text, runes, p)
}

// shapeHarfBuzz shapes runes (text's) with HarfBuzz, as shapeUncached
// describes.
func shapeHarfBuzz(face *fonts.Face, text string, runes []rune, p Props) *Run {
	light := face.Light() && !mayHide(runes)
	f, err := face.LightFont()
	if !light {
		f, err = face.Font()
	}
	if err != nil || f == nil {
		return nil
	}
	s := getShaper()
	defer putShaper(s)
	buf := s.shape(f, runes, p)
	if light {
		for _, in := range buf.Info {
			if face.MarkGlyph(in.Glyph) {
				face.MarksUsed()
				if f, err = face.Font(); err != nil || f == nil {
					return nil
				}
				buf = s.shape(f, runes, p)
				break
			}
		}
	}
	r := &Run{Face: face, Text: text, Runes: runes, RTL: p.RTL, UPEM: int(f.Upem()), Glyphs: make([]Glyph, len(buf.Info))}
	if r.UPEM == 0 {
		r.UPEM = 1000
	}
	for i, in := range buf.Info {
		pos := buf.Pos[i]
		g := Glyph{ID: uint16(in.Glyph), Advance: int32(pos.XAdvance), XOff: int32(pos.XOffset), YOff: int32(pos.YOffset), Cluster: int32(in.Cluster)}
		if in.Glyph == 0 && r.Missing == 0 && in.Cluster >= 0 && in.Cluster < len(runes) {
			r.Missing = runes[in.Cluster]
		}
		r.Glyphs[i] = g
		r.Advance += g.Advance
	}
	return r
}

// shape shapes runes with f into the shaper's buffer.
func (s *shaper) shape(f *gofont.Font, runes []rune, p Props) *harfbuzz.Buffer {
	hf := s.font(f)
	buf := s.buf
	buf.Clear()
	buf.AddRunes(runes, 0, len(runes))
	buf.Props.Direction = harfbuzz.LeftToRight
	if p.RTL {
		buf.Props.Direction = harfbuzz.RightToLeft
	}
	buf.Props.Script = p.Script
	buf.Props.Language = p.Language
	// Default-ignorable characters (joiners, variation selectors, bidi
	// controls) act on shaping and are then removed, not drawn as an
	// invisible space glyph: such a glyph still has the space's width in
	// the font's widths, so text extraction (pdftotext) read it as a gap
	// that overlapped the next word (a keycap emoji, 1️⃣, broke the line
	// in the extracted text). Their text stays in the cluster of the glyph
	// before them.
	buf.Flags = harfbuzz.RemoveDefaultIgnorables
	buf.Shape(hf, nil)
	return buf
}

// mayHide reports whether runes hold a character whose glyph HarfBuzz may
// hide or remove after positioning (default ignorables: format
// characters, variation selectors, fillers, tags), or a combining mark:
// such text is shaped with the full font at once, since a glyph that goes
// after positioning could have been moved by a mark lookup.
func mayHide(runes []rune) bool {
	for _, r := range runes {
		if r < 0x300 {
			if r == 0xAD {
				return true
			}
			continue
		}
		// Not graphic: format, control, private-use and unassigned
		// characters, line and paragraph separators.
		if !unicode.IsGraphic(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point) {
			return true
		}
	}
	return false
}

// Join returns a run drawing a's glyphs then b's (both left to right, in
// one face), as if shaped together: clusters of b are shifted past a's text.
// The result is not cached.
func Join(a, b *Run) *Run {
	r := &Run{Face: a.Face, Text: a.Text + b.Text, UPEM: a.UPEM, Advance: a.Advance + b.Advance,
		Missing: a.Missing, Glyphs: make([]Glyph, 0, len(a.Glyphs)+len(b.Glyphs))}
	if r.Missing == 0 {
		r.Missing = b.Missing
	}
	r.Runes = append(append(make([]rune, 0, len(a.Runes)+len(b.Runes)), a.Runes...), b.Runes...)
	r.Glyphs = append(r.Glyphs, a.Glyphs...)
	off := int32(len(a.Runes))
	for _, g := range b.Glyphs {
		g.Cluster += off
		r.Glyphs = append(r.Glyphs, g)
	}
	return r
}

// ScriptOf returns the script of r (language.Common or language.Inherited
// for characters shared between scripts).
func ScriptOf(r rune) language.Script { return language.LookupScript(r) }

// IsRealScript reports whether s is a script of its own, not Common,
// Inherited or Unknown.
func IsRealScript(s language.Script) bool {
	return s != language.Common && s != language.Inherited && s != language.Unknown
}
