package shape

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"

	"github.com/galleydoc/galley/fonts"
)

// The simple path sets a short left-to-right Latin run without HarfBuzz
// where HarfBuzz provably does nothing but map each character to its
// nominal glyph, give it its hmtx advance and apply the face's pair
// kerning: every other lookup HarfBuzz would run for the run is shown, from
// the face's tables, unable to act on it. Most words of a Latin document
// are such runs, and HarfBuzz's fixed cost per call (the shape plan, every
// lookup of every feature walked over the buffer) is most of what shaping
// them costs. The result is the one HarfBuzz gives, glyph for glyph and
// unit for unit (TestSimpleMatchesHarfBuzz compares the two on every
// character and pair of characters the path takes, and on the words of real
// documents); a run the path cannot prove simple goes to HarfBuzz.
//
// What the proof rests on, per face (simplePlan):
//   - the face is shaped by HarfBuzz's OpenType path (no AAT morx, kerx,
//     trak or TrueType kern table, no feature variations), and both layout
//     tables have a 'latn' script (HarfBuzz's choice for Latin text);
//   - GSUB: every lookup of every feature that HarfBuzz could turn on for
//     left-to-right Latin text, in any language system of 'latn' (a
//     superset of what it does turn on), is listed with the glyphs that
//     could start a match (coverage); a run touching none of them, or
//     touching one only where the rest of the match (a ligature's other
//     components, a chained context's other glyphs) is absent from the
//     run, is not substituted;
//   - GPOS: the lookups of 'kern' and 'dist' that are pair adjustments are
//     applied here as go-text's HarfBuzz applies them (the same tables and
//     lookups of go-text, in lookup order, first matching subtable, the
//     pair skipped past where the second glyph has a value record); they
//     must be the same in every language system, and must not skip base
//     glyphs or ligatures; every other lookup must be unable to act, as
//     for GSUB; mark glyphs (GDEF class 3, or the mark lookups' coverage)
//     send the run to HarfBuzz; the pair subtables are read from the file
//     (rawPairLookup: coverage and classes by go-text's own parsers, the
//     value records where they lie, go-text's sanitizing checks), so that
//     go-text parses the face only for text HarfBuzz shapes
//     (TestRawPairLookups compares both readings on every face);
//   - go-text's HarfBuzz looks a glyph up in a lookup's coverage only where
//     the lookup's and the subtable's digests (small bloom filters) may
//     have it, and go-text builds those digests leaving some ranges out
//     (setDigest below): C HarfBuzz kerns "ǐ)" in Noto Sans Bold Italic,
//     go-text does not. The pair lookups are filtered by the same digests,
//     built the same way, so the runs are go-text's, which galley's PDFs
//     have always held.
// The plan reads the face's layout tables, character map and advances
// through fonts.Face.Layout, Glyph and GlyphAdvance, which give what
// go-text's parse of the face gives without that parse (a Latin document's
// faces are never parsed by go-text).
// The characters taken are printable Latin below U+0250 without the soft
// hyphen (no combining marks, default ignorables, fraction slashes or
// characters normalisation could decompose: each one the face maps is kept
// as its nominal glyph), in runs of at most maxSimpleRunes.

// Lookup flags (OpenType's LookupFlag bits).
const (
	ignoreBaseGlyphs = 0x0002
	ignoreLigatures  = 0x0004
)

// maxSimpleRunes bounds the runs the simple path takes: the checks look a
// run's glyphs up linearly.
const maxSimpleRunes = 64

// simplePlan is what the simple path needs of a face, built once per
// process; nil where the face is not eligible.
type simplePlan struct {
	face *fonts.Face
	// lay is the face's layout tables (fonts.Face.Layout: LightFont's,
	// without the rest of go-text's parse of the face).
	lay  *fonts.Layout
	upem int32
	// checks are the glyphs that could start a GSUB or GPOS match, each
	// with what else the match needs (an index in needs, shared by the
	// glyphs of a subtable's coverage; noNeeds for nothing more), sorted
	// by glyph; starts has a bit for each of their glyphs (up to the
	// highest).
	checks []glyphCheck
	needs  []matchNeeds
	starts []uint64
	// kern holds the pair adjustment lookups applied, in lookup order.
	kern []pairLookupDigests
	// ligs holds the ligature substitution lookups applied (liga and the
	// like: on in every language system), in lookup order.
	ligs []ligLookup
	// glyphs caches, by character (the simple path's are all below
	// simpleRuneEnd), the character's nominal glyph plus one where the
	// path may set it, noGlyph where not (no glyph, or a mark glyph),
	// 0 until first asked: a word's characters were each a search of the
	// character map and of GDEF's classes. Filled as text asks, by any
	// goroutine.
	glyphs [simpleRuneEnd]atomic.Uint32
}

// noGlyph marks a character of the plan's glyphs the simple path cannot
// set.
const noGlyph = ^uint32(0)

// glyph returns the nominal glyph of r (a simpleRune) in the plan's face,
// or false where the simple path cannot set r: the face has no glyph for
// it, or its glyph is a mark.
func (p *simplePlan) glyph(r rune) (gofont.GID, bool) {
	v := p.glyphs[r].Load()
	if v == 0 {
		v = noGlyph
		if g, ok := p.face.Glyph(r); ok && g != 0 && g <= 0xFFFF && !p.mark(p.face, g) {
			v = uint32(g) + 1
		}
		p.glyphs[r].Store(v)
	}
	if v == noGlyph {
		return 0, false
	}
	return gofont.GID(v - 1), true
}

// ligLookup is a ligature substitution lookup with go-text's digests, as
// pairLookupDigests.
type ligLookup struct {
	digest setDigest
	subs   []ligSubtable
	// starts has the glyphs a ligature may start at: those of a
	// subtable's coverage that the lookup's and the subtable's digests
	// let through (a bit test per glyph, where the digests alone let
	// through glyphs no coverage has, each then searched for).
	starts glyphBits
}

// glyphBits is a set of glyphs, a bit each, as long as its highest glyph
// needs.
type glyphBits []uint64

func (s *glyphBits) add(g gofont.GID) {
	if i := int(g >> 6); i >= len(*s) {
		*s = append(*s, make([]uint64, i+1-len(*s))...)
	}
	(*s)[g>>6] |= 1 << (g & 63)
}

func (s glyphBits) has(g gofont.GID) bool {
	i := int(g >> 6)
	return i < len(s) && s[i]&(1<<(g&63)) != 0
}

type ligSubtable struct {
	digest setDigest
	cov    tables.Coverage
	sets   []tables.LigatureSet
}

// pairLookupDigests is a pair adjustment lookup with the digests go-text's
// HarfBuzz filters glyphs with before it looks at a coverage table (the
// lookup's and each subtable's). They are built as go-text builds them,
// including the ranges it leaves out once one of a digest's masks is full:
// a glyph the digest says the lookup cannot have is not adjusted, though
// the coverage has it (C HarfBuzz adjusts it), and galley's output is
// go-text's.
type pairLookupDigests struct {
	digest setDigest
	subs   []pairSubtable
}

// pairSubtable is a pair adjustment subtable, its data taken out of the
// interface once (a type switch per glyph copied the structs).
type pairSubtable struct {
	digest setDigest
	cov    tables.Coverage
	// fmt1 and fmt2 are go-text's parse of the subtable, nil where it
	// is read raw only (rawPairLookup).
	fmt1 *tables.PairPosData1
	fmt2 *tables.PairPosData2
	// class1 and class2 are a format 2 subtable's class definitions.
	class1, class2 tables.ClassDef
	// raw is the subtable's bytes, read without go-text's value record
	// parsing (which decodes every record a search passes, in a new
	// slice); nil where they could not be checked to give what go-text
	// gives (device tables, data out of bounds).
	raw *rawPairPos
	// covIndex, classes1 and classes2 remember, by glyph, what cov,
	// class1 and class2 give: a run's glyphs were each a binary search
	// of the coverage and of both class definitions, pair after pair.
	covIndex, classes1, classes2 glyphMemo
}

// glyphMemo remembers, by glyph, a value (below 1<<32-2) or its absence
// that a function of the glyph gives, filled as glyphs are asked about,
// by any goroutine; glyphs past its length are not remembered.
type glyphMemo []atomic.Uint32

// memoAbsent marks a glyph the function gives no value for.
const memoAbsent = ^uint32(0)

// newGlyphMemo returns a memo for glyphs up to last.
func newGlyphMemo(last int) glyphMemo {
	if last < 0 {
		return nil
	}
	return make(glyphMemo, last+1)
}

// get returns the value for g, calling fn where it is not remembered.
func (m glyphMemo) get(g gofont.GID, fn func(tables.GlyphID) (int, bool)) (int, bool) {
	if int(g) >= len(m) {
		return fn(tables.GlyphID(g))
	}
	v := m[g].Load()
	if v == 0 {
		v = memoAbsent
		if r, ok := fn(tables.GlyphID(g)); ok && r >= 0 && uint32(r) < memoAbsent-1 {
			v = uint32(r) + 1
		} else if ok {
			return r, ok // not remembered: out of range
		}
		m[g].Store(v)
	}
	if v == memoAbsent {
		return 0, false
	}
	return int(v - 1), true
}

// lastCovered returns the highest glyph of cov, or -1.
func lastCovered(cov tables.Coverage) int {
	last := -1
	switch c := cov.(type) {
	case tables.Coverage1:
		for _, g := range c.Glyphs {
			last = max(last, int(g))
		}
	case tables.Coverage2:
		for _, r := range c.Ranges {
			last = max(last, int(r.EndGlyphID))
		}
	}
	return last
}

// lastClassed returns the highest glyph cd gives a class, or -1.
func lastClassed(cd tables.ClassDef) int {
	last := -1
	switch c := cd.(type) {
	case tables.ClassDef1:
		if len(c.ClassValueArray) > 0 {
			last = int(c.StartGlyphID) + len(c.ClassValueArray) - 1
		}
	case tables.ClassDef2:
		for _, r := range c.ClassRangeRecords {
			last = max(last, int(r.EndGlyphID))
		}
	}
	return last
}

// memos makes sub's glyph memos.
func (sub *pairSubtable) memos() {
	sub.covIndex = newGlyphMemo(lastCovered(sub.cov))
	if sub.class1 != nil {
		sub.classes1 = newGlyphMemo(lastClassed(sub.class1))
	}
	if sub.class2 != nil {
		sub.classes2 = newGlyphMemo(lastClassed(sub.class2))
	}
}

// class returns cd's class of g as go-text's ClassDef.Class gives it, through
// the memo m.
func class(m glyphMemo, cd tables.ClassDef, g gofont.GID) (uint16, bool) {
	c, ok := m.get(g, func(g tables.GlyphID) (int, bool) {
		c, ok := cd.Class(g)
		return int(c), ok
	})
	return uint16(c), ok
}

// glyphCheck is a glyph that could start a match (the high 32 bits) and
// the index of what else the match needs in the plan's needs (the low 32
// bits, as an int32; noNeeds: nothing more), packed in one integer so
// that the checks sort as integers, by glyph.
type glyphCheck uint64

func newCheck(g gofont.GID, need int32) glyphCheck {
	return glyphCheck(uint64(g)<<32 | uint64(uint32(need)))
}

func (c glyphCheck) glyph() gofont.GID { return gofont.GID(c >> 32) }
func (c glyphCheck) need() int32       { return int32(uint32(c)) }

const noNeeds = -1

// matchNeeds is a necessary condition for a lookup subtable to act on a
// run at a glyph of its coverage: each set must share a glyph with the
// run (a ligature's other components, a chained context's other glyphs).
// A nil matchNeeds needs nothing more.
// A ligature whose lookup skips no base glyph or ligature needs its other
// components right after the glyph (the run has no marks to skip).
type matchNeeds struct {
	lig      *tables.LigatureSet
	adjacent bool
	other    []tables.Coverage
}

var simplePlans sync.Map // planKey → *simplePlan (nil: not eligible)

// planKey is a face and the script of the runs: Latin, or Common (digits,
// punctuation), for which HarfBuzz picks other script tables.
type planKey struct {
	face   *fonts.Face
	common bool
}

type planEntry struct {
	once sync.Once
	plan *simplePlan
}

func simplePlanOf(face *fonts.Face, common bool) *simplePlan {
	k := planKey{face, common}
	v, ok := simplePlans.Load(k)
	if !ok {
		v, _ = simplePlans.LoadOrStore(k, &planEntry{})
	}
	e := v.(*planEntry)
	e.once.Do(func() { e.plan = buildSimplePlan(face, common) })
	return e.plan
}

// gsubOff reports whether HarfBuzz never turns GSUB feature tag on by
// itself for left-to-right Latin text (user features, right-to-left forms,
// and the fraction features, which act only around a fraction slash, a
// character the simple path does not take). Every other feature is assumed
// on.
func gsubOff(tag ot.Tag) bool {
	switch tagString(tag) {
	case "aalt", "c2sc", "c2pc", "case", "smcp", "pcap",
		"salt", "subs", "sups", "sinf", "ordn", "lnum", "onum", "pnum", "tnum", "zero",
		"swsh", "cswh", "titl", "hist", "hlig", "dlig", "ornm", "nalt", "unic", "afrc",
		"frac", "numr", "dnom", "rtlm", "rtla", "vert", "vrt2", "vrtr":
		return true
	}
	return false
}

// gposOff reports whether HarfBuzz never turns GPOS feature tag on by
// itself for horizontal text.
func gposOff(tag ot.Tag) bool {
	switch tagString(tag) {
	case "cpsp", "palt", "halt", "vkrn", "vpal", "vhal", "size":
		return true
	}
	return false
}

// tagString returns tag's four bytes as a string (gsubOff and gposOff
// switch on it rather than look tags up in maps built at package
// initialisation, which every process paid for).
func tagString(tag ot.Tag) string {
	t := [4]byte{byte(tag >> 24), byte(tag >> 16), byte(tag >> 8), byte(tag)}
	return string(t[:])
}

var (
	tagKern = ot.NewTag('k', 'e', 'r', 'n')
	tagDist = ot.NewTag('d', 'i', 's', 't')
	tagRvrn = ot.NewTag('r', 'v', 'r', 'n')
)

// isStylisticSet reports whether tag is ssNN or cvNN, user features.
func isStylisticSet(tag ot.Tag) bool {
	a, b, c, d := byte(tag>>24), byte(tag>>16), byte(tag>>8), byte(tag)
	return (a == 's' && b == 's' || a == 'c' && b == 'v') && c >= '0' && c <= '9' && d >= '0' && d <= '9'
}

func buildSimplePlan(face *fonts.Face, common bool) *simplePlan {
	data, err := face.Bytes()
	if err != nil || hasTables(data, "morx", "mort", "kerx", "kern", "trak", "fvar") {
		return nil
	}
	f, err := face.Layout()
	if err != nil || f == nil {
		return nil
	}
	if len(f.GSUB.FeatureVariations) > 0 || len(f.GPOS.FeatureVariations) > 0 {
		return nil
	}
	p := &simplePlan{face: face, lay: f, upem: int32(f.Upem)}
	if p.upem == 0 {
		return nil
	}

	// GSUB: every lookup of a feature that may be on, in any language;
	// ligature lookups on in every language are applied, the others must
	// not act.
	gsubLookups, ligLookups, ok := scriptLookups(&f.GSUB.Layout, common, func(tag ot.Tag) bool {
		return !gsubOff(tag) && !isStylisticSet(tag)
	})
	if !ok {
		return nil
	}
	for _, li := range gsubLookups {
		if int(li) >= len(f.GSUB.Lookups) {
			return nil
		}
		lk := f.GSUB.Lookups[li]
		if slices.Contains(ligLookups, li) && ligatureLookup(lk) {
			p.addLigLookup(lk)
			continue
		}
		for _, st := range lk.Subtables {
			p.addGSUB(st, lk.Flag&(ignoreBaseGlyphs|ignoreLigatures) == 0)
		}
	}

	// GPOS: the pair lookups of kern and dist, the same in every
	// language; every other lookup that may be on must not act.
	// The Layout leaves pair adjustment lookups without subtables (read
	// raw below); where the plan needs one's parsed subtables, they are
	// LightFont's (go-text's parse of the face, done then).
	var light *gofont.GPOS
	gposLookup := func(li uint16) (gofont.GPOSLookup, bool) {
		if !f.PairLookup(int(li)) {
			return f.GPOS.Lookups[li], true
		}
		if light == nil {
			lf, err := face.LightFont()
			if err != nil || lf == nil {
				return gofont.GPOSLookup{}, false
			}
			light = &lf.GPOS
		}
		if int(li) >= len(light.Lookups) {
			return gofont.GPOSLookup{}, false
		}
		return light.Lookups[li], true
	}
	var kernSet, others []uint16
	first := true
	for _, sys := range scriptLangSys(&f.GPOS.Layout, common) {
		var kern []uint16
		for k, fi := range sys.all() {
			if int(fi) >= len(f.GPOS.Features) {
				return nil
			}
			ft := f.GPOS.Features[fi]
			tag := ft.Tag
			if gposOff(tag) && !(k == 0 && sys.required >= 0) {
				continue
			}
			for _, li := range ft.LookupListIndices {
				if int(li) >= len(f.GPOS.Lookups) {
					return nil
				}
				lk := f.GPOS.Lookups[li]
				if (tag == tagKern || tag == tagDist) && (f.PairLookup(int(li)) || pairLookup(lk)) {
					if lk.Flag&(ignoreBaseGlyphs|ignoreLigatures) != 0 {
						return nil
					}
					kern = appendSorted(kern, li)
					continue
				}
				others = appendSorted(others, li)
			}
		}
		if first {
			kernSet, first = kern, false
		} else if !slices.Equal(kern, kernSet) {
			return nil
		}
	}
	if first && len(f.GPOS.Scripts) > 0 {
		return nil // no script HarfBuzz would pick
	}
	for _, li := range others {
		lk, ok := gposLookup(li)
		if !ok {
			return nil
		}
		for _, st := range lk.Subtables {
			p.addGPOS(st)
		}
	}
	slices.Sort(p.checks)
	if n := len(p.checks); n > 0 {
		// As many words as the highest glyph needs (not 8 KB for
		// every glyph id a font could have: fresh memory is a page fault
		// apiece in a new process).
		p.starts = make([]uint64, p.checks[n-1].glyph()>>6+1)
		for _, c := range p.checks {
			g := c.glyph()
			p.starts[g>>6] |= 1 << (g & 63)
		}
	}
	gpos := face.Table("GPOS")
	for _, li := range kernSet {
		d, ok := rawPairLookup(gpos, int(li))
		if !ok {
			// Read from go-text's parse of the lookup instead.
			lk, ok := gposLookup(li)
			if !ok {
				return nil
			}
			d = parsedPairLookup(lk, gpos, int(li))
		}
		p.kern = append(p.kern, d)
	}
	return p
}

// parsedPairLookup is the pair adjustment lookup lk (lookup li of the
// GPOS table gpos) as go-text parsed it, with its subtables' bytes where
// they can be read raw.
func parsedPairLookup(lk gofont.GPOSLookup, gpos []byte, li int) pairLookupDigests {
	d := pairLookupDigests{subs: make([]pairSubtable, len(lk.Subtables))}
	raws := rawPairSubtables(gpos, li, len(lk.Subtables))
	for i, st := range lk.Subtables {
		sub := &d.subs[i]
		sub.digest.collectCoverage(st.Cov())
		d.digest.addCoverage(i, sub.digest, st.Cov())
		sub.cov = st.Cov()
		switch data := st.(tables.PairPos).Data.(type) {
		case tables.PairPosData1:
			sub.fmt1 = &data
			if raws != nil {
				sub.raw = newRawPairPos(raws[i], 1, len(data.PairSets))
			}
		case tables.PairPosData2:
			sub.fmt2 = &data
			sub.class1, sub.class2 = data.ClassDef1, data.ClassDef2
			if raws != nil {
				sub.raw = newRawPairPos(raws[i], 2, 0)
			}
		}
	}
	for i := range d.subs {
		d.subs[i].memos()
	}
	return d
}

// rawPairLookup reads the pair adjustment lookup li of the GPOS table gpos
// from its bytes, without go-text's parse of its value records: each
// subtable's coverage and class definitions parsed by go-text's own
// parsers, its records read where they lie (rawPairPos). It checks what
// go-text's parse and sanitizing of the lookup check (a failure there
// loses the font its GPOS table) and gives false where any subtable
// fails, or could be read otherwise than go-text reads it (device
// tables): the lookup is then read from go-text's parse.
func rawPairLookup(gpos []byte, li int) (pairLookupDigests, bool) {
	raws := rawPairSubtables(gpos, li, -1)
	if raws == nil {
		return pairLookupDigests{}, false
	}
	d := pairLookupDigests{subs: make([]pairSubtable, len(raws))}
	for i, b := range raws {
		if len(b) < 10 {
			return d, false
		}
		u16 := func(at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
		covOff := u16(2)
		if covOff == 0 || covOff >= len(b) {
			return d, false
		}
		cov, _, err := tables.ParseCoverage(b[covOff:])
		if err != nil {
			return d, false
		}
		sub := &d.subs[i]
		switch format := u16(0); format {
		case 1:
			// Sanitize: no fewer pair sets than covered glyphs.
			sets := u16(8)
			if cov.Len() > sets {
				return d, false
			}
			sub.raw = newRawPairPos(b, 1, sets)
		case 2:
			if len(b) < 16 {
				return d, false
			}
			var cds [2]tables.ClassDef
			for k := range cds {
				off := u16(8 + 2*k)
				if off == 0 || off >= len(b) {
					return d, false
				}
				if cds[k], _, err = tables.ParseClassDef(b[off:]); err != nil {
					return d, false
				}
				// Sanitize: the classes are the matrix's.
				if cds[k].Extent() != u16(12+2*k) {
					return d, false
				}
			}
			sub.class1, sub.class2 = cds[0], cds[1]
			sub.raw = newRawPairPos(b, 2, 0)
		default:
			return d, false
		}
		if sub.raw == nil {
			return d, false
		}
		sub.cov = cov
		sub.digest.collectCoverage(cov)
		d.digest.addCoverage(i, sub.digest, cov)
		sub.memos()
	}
	return d, true
}

// langSys is a language system's features: the required one (on in any
// case; -1 for none) and the others.
type langSys struct {
	required int
	features []uint16
}

// all returns the feature indices of ls, the required one first.
func (ls langSys) all() []uint16 {
	if ls.required < 0 {
		return ls.features
	}
	return append([]uint16{uint16(ls.required)}, ls.features...)
}

// scriptTags are the scripts HarfBuzz looks for in a layout table, in
// order (selectScript in go-text's harfbuzz): for Latin 'latn' then the
// fallbacks 'DFLT' and 'dflt'; for Common (whose own tags, 'zyyy', no font
// has) 'DFLT', 'dflt', then 'latn'.
var (
	latinScriptTags  = []ot.Tag{ot.NewTag('l', 'a', 't', 'n'), ot.NewTag('D', 'F', 'L', 'T'), ot.NewTag('d', 'f', 'l', 't')}
	commonScriptTags = []ot.Tag{ot.NewTag('D', 'F', 'L', 'T'), ot.NewTag('d', 'f', 'l', 't'), ot.NewTag('l', 'a', 't', 'n')}
)

// scriptLangSys returns the language systems of the script HarfBuzz picks
// in the layout for Latin text (or Common text), or none when the layout
// has none of the scripts it looks for. A script without a default
// language system counts an empty one (what HarfBuzz uses for a language
// the script does not list).
func scriptLangSys(l *gofont.Layout, common bool) []langSys {
	tags := latinScriptTags
	if common {
		tags = commonScriptTags
	}
	si := -1
	for _, tag := range tags {
		if si = l.FindScript(tag); si >= 0 {
			break
		}
	}
	if si < 0 {
		return nil
	}
	s := l.Scripts[si]
	var out []langSys
	add := func(ls *tables.LangSys) {
		sys := langSys{required: -1, features: ls.FeatureIndices}
		if ls.RequiredFeatureIndex != 0xFFFF {
			sys.required = int(ls.RequiredFeatureIndex)
		}
		out = append(out, sys)
	}
	if s.DefaultLangSys != nil {
		add(s.DefaultLangSys)
	} else {
		out = append(out, langSys{required: -1})
	}
	for i := range s.LangSys {
		add(&s.LangSys[i])
	}
	return out
}

// scriptLookups returns the lookups of the features on reports may be on
// (and of required features), in every language system of the script
// scriptLangSys picks, and those of them on in every language system by
// a feature other than the required one and 'rvrn' (applied once, in
// HarfBuzz's main stage, whatever the language), and not in 'rvrn' or a
// required feature; false when the layout has scripts but none HarfBuzz
// would pick.
func scriptLookups(l *gofont.Layout, common bool, on func(tag ot.Tag) bool) (all, everywhere []uint16, ok bool) {
	systems := scriptLangSys(l, common)
	if systems == nil {
		return nil, nil, len(l.Scripts) == 0
	}
	var allSet, excluded, every lookupSet
	for k, sys := range systems {
		var here lookupSet
		for j, fi := range sys.all() {
			if int(fi) >= len(l.Features) {
				return nil, nil, false
			}
			ft := l.Features[fi]
			required := j == 0 && sys.required >= 0
			if !required && !on(ft.Tag) {
				continue
			}
			for _, li := range ft.LookupListIndices {
				allSet.add(li)
				if required || ft.Tag == tagRvrn {
					excluded.add(li)
				} else {
					here.add(li)
				}
			}
		}
		if k == 0 {
			every = here
			continue
		}
		every.intersect(here)
	}
	every.remove(excluded)
	return allSet.list(), every.list(), true
}

// lookupSet is a set of lookup indices, a bit each.
type lookupSet []uint64

func (s *lookupSet) add(li uint16) {
	if i := int(li >> 6); i >= len(*s) {
		*s = append(*s, make([]uint64, i+1-len(*s))...)
	}
	(*s)[li>>6] |= 1 << (li & 63)
}

// intersect keeps in s the indices o has.
func (s lookupSet) intersect(o lookupSet) {
	for i := range s {
		if i < len(o) {
			s[i] &= o[i]
		} else {
			s[i] = 0
		}
	}
}

// remove takes o's indices out of s.
func (s lookupSet) remove(o lookupSet) {
	for i := range min(len(s), len(o)) {
		s[i] &^= o[i]
	}
}

// list returns the indices of s in increasing order.
func (s lookupSet) list() []uint16 {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	if n == 0 {
		return nil
	}
	out := make([]uint16, 0, n)
	for i, w := range s {
		for w != 0 {
			out = append(out, uint16(i<<6+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	return out
}

func appendSorted(s []uint16, v uint16) []uint16 {
	i := 0
	for i < len(s) && s[i] < v {
		i++
	}
	if i < len(s) && s[i] == v {
		return s
	}
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

func pairLookup(lk gofont.GPOSLookup) bool {
	if len(lk.Subtables) == 0 {
		return false
	}
	for _, st := range lk.Subtables {
		if _, ok := st.(tables.PairPos); !ok {
			return false
		}
	}
	return true
}

// ligatureLookup reports whether lk is made of ligature substitutions
// only and skips no base glyph or ligature (its components must then be
// adjacent in a run without marks).
func ligatureLookup(lk gofont.GSUBLookup) bool {
	if len(lk.Subtables) == 0 || lk.Flag&(ignoreBaseGlyphs|ignoreLigatures) != 0 {
		return false
	}
	for _, st := range lk.Subtables {
		if _, ok := st.(tables.LigatureSubs); !ok {
			return false
		}
	}
	return true
}

// addLigLookup adds lk (a ligatureLookup) to the lookups applied.
func (p *simplePlan) addLigLookup(lk gofont.GSUBLookup) {
	l := ligLookup{subs: make([]ligSubtable, len(lk.Subtables))}
	for i, st := range lk.Subtables {
		sub := &l.subs[i]
		sub.digest.collectCoverage(st.Cov())
		l.digest.addCoverage(i, sub.digest, st.Cov())
		sub.cov = st.Cov()
		sub.sets = st.(tables.LigatureSubs).LigatureSets
	}
	for i := range l.subs {
		sub := &l.subs[i]
		eachCovered(sub.cov, func(g gofont.GID, _ int) {
			if g <= 0xFFFF && l.digest.mayHave(g) && sub.digest.mayHave(g) {
				l.starts.add(g)
			}
		})
	}
	p.ligs = append(p.ligs, l)
}

// addGSUB records the glyphs that could start a match of st (adjacent:
// its lookup skips only marks).
func (p *simplePlan) addGSUB(st tables.GSUBLookup, adjacent bool) {
	switch st := st.(type) {
	case tables.LigatureSubs:
		eachCovered(st.Coverage, func(g gofont.GID, i int) {
			if i < len(st.LigatureSets) {
				p.need(g, p.addNeeds(matchNeeds{lig: &st.LigatureSets[i], adjacent: adjacent}))
			} else {
				p.need(g, noNeeds)
			}
		})
		return
	case tables.ChainedContextualSubs:
		if c3, ok := st.Data.(tables.ChainedContextualSubs3); ok {
			p.addChained3(tables.ChainedSequenceContextFormat3(c3))
			return
		}
	case tables.ContextualSubs:
		if c3, ok := st.Data.(tables.ContextualSubs3); ok {
			p.addContext3(tables.SequenceContextFormat3(c3))
			return
		}
	}
	p.anyCovered(st.Cov())
}

// addGPOS records the glyphs that could start a match of st.
func (p *simplePlan) addGPOS(st tables.GPOSLookup) {
	switch st := st.(type) {
	case tables.ChainedContextualPos:
		if c3, ok := st.Data.(tables.ChainedContextualPos3); ok {
			p.addChained3(tables.ChainedSequenceContextFormat3(c3))
			return
		}
	case tables.ContextualPos:
		if c3, ok := st.Data.(tables.ContextualPos3); ok {
			p.addContext3(tables.SequenceContextFormat3(c3))
			return
		}
	}
	p.anyCovered(st.Cov())
}

func (p *simplePlan) addChained3(c tables.ChainedSequenceContextFormat3) {
	if len(c.InputCoverages) == 0 {
		return // matches nothing
	}
	var other []tables.Coverage
	other = append(other, c.BacktrackCoverages...)
	other = append(other, c.InputCoverages[1:]...)
	other = append(other, c.LookaheadCoverages...)
	k := p.addNeeds(matchNeeds{other: other})
	eachCovered(c.InputCoverages[0], func(g gofont.GID, _ int) { p.need(g, k) })
}

func (p *simplePlan) addContext3(c tables.SequenceContextFormat3) {
	if len(c.Coverages) == 0 {
		return
	}
	other := c.Coverages[1:]
	k := p.addNeeds(matchNeeds{other: other})
	eachCovered(c.Coverages[0], func(g gofont.GID, _ int) { p.need(g, k) })
}

// anyCovered records the glyphs of cov as starting matches that need
// nothing more.
func (p *simplePlan) anyCovered(cov tables.Coverage) {
	eachCovered(cov, func(g gofont.GID, _ int) { p.need(g, noNeeds) })
}

// addNeeds adds m to the plan's needs and returns its index.
func (p *simplePlan) addNeeds(m matchNeeds) int32 {
	p.needs = append(p.needs, m)
	return int32(len(p.needs) - 1)
}

// need records g as starting a match that needs p.needs[k] (k noNeeds:
// nothing more).
func (p *simplePlan) need(g gofont.GID, k int32) {
	if g > 0xFFFF {
		return // no glyph of a run
	}
	p.checks = append(p.checks, newCheck(g, k))
}

// eachCovered calls fn with each glyph of cov and its coverage index.
func eachCovered(cov tables.Coverage, fn func(g gofont.GID, i int)) {
	switch c := cov.(type) {
	case tables.Coverage1:
		for i, g := range c.Glyphs {
			fn(gofont.GID(g), i)
		}
	case tables.Coverage2:
		for _, r := range c.Ranges {
			for g := int(r.StartGlyphID); g <= int(r.EndGlyphID); g++ {
				fn(gofont.GID(g), int(r.StartCoverageIndex)+g-int(r.StartGlyphID))
			}
		}
	}
}

// hasTables reports whether the font file has any of the tables.
func hasTables(data []byte, tags ...string) bool {
	if len(data) < 12 {
		return false
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n && 12+16*i+4 <= len(data); i++ {
		tag := string(data[12+16*i : 12+16*i+4])
		for _, t := range tags {
			if tag == t {
				return true
			}
		}
	}
	return false
}

// simpleRuneEnd bounds the characters the simple path takes.
const simpleRuneEnd = 0x250

// simpleRune reports whether the simple path takes r.
func simpleRune(r rune) bool {
	return (r >= 0x20 && r < 0x7F) || (r >= 0xA0 && r < simpleRuneEnd && r != 0xAD)
}

// shapeSimple returns the run HarfBuzz would give for text in face, or nil
// where the simple path cannot tell.
func shapeSimple(face *fonts.Face, text string, runes []rune, p Props) *Run {
	if p.RTL || p.Script != language.Latin && p.Script != language.Common || len(runes) == 0 || len(runes) > maxSimpleRunes {
		return nil
	}
	for _, r := range runes {
		if !simpleRune(r) {
			return nil
		}
	}
	plan := simplePlanOf(face, p.Script == language.Common)
	if plan == nil {
		return nil
	}
	var gidBuf, ligBuf [maxSimpleRunes]gofont.GID
	var clusterBuf, ligClusterBuf [maxSimpleRunes]int32
	gids, clusters := gidBuf[:len(runes)], clusterBuf[:len(runes)]
	for i, r := range runes {
		g, ok := plan.glyph(r)
		if !ok {
			return nil
		}
		gids[i], clusters[i] = g, int32(i)
	}
	if plan.mayAct(gids) {
		return nil
	}
	// The ligature lookups, in lookup order; no other lookup may act on
	// what each gives.
	for k := range plan.ligs {
		n, changed, ok := plan.ligs[k].apply(gids, clusters, ligBuf[:0], ligClusterBuf[:0])
		if !ok {
			return nil
		}
		if !changed {
			continue
		}
		gidBuf, ligBuf = ligBuf, gidBuf
		clusterBuf, ligClusterBuf = ligClusterBuf, clusterBuf
		gids, clusters = gidBuf[:n], clusterBuf[:n]
		for _, g := range gids {
			if g == 0 || g > 0xFFFF || plan.mark(face, g) {
				return nil
			}
		}
		if plan.mayAct(gids) {
			return nil
		}
	}
	// HarfBuzz's font scale is the face's units per em (harfbuzz.NewFont):
	// advances and value records come out in font units, rounded as
	// (*harfbuzz.Font).GlyphHAdvance and emScaleX round them.
	glyphs := make([]Glyph, len(gids))
	u := float32(plan.upem)
	for i, g := range gids {
		adv := int32(math.Round(float64(face.GlyphAdvance(g) * u / u)))
		glyphs[i] = Glyph{ID: uint16(g), Advance: adv, Cluster: clusters[i]}
	}
	xs, ys := plan.upem, plan.upem
	var buf setDigest // go-text's buffer digest: its glyphs
	for _, g := range gids {
		buf.add(g)
	}
	for _, lk := range plan.kern {
		if lk.digest.mayIntersect(buf) {
			if !plan.applyPairs(lk, gids, glyphs, xs, ys) {
				return nil
			}
		}
	}
	r := &Run{Face: face, Text: text, Runes: runes, UPEM: int(plan.upem), Glyphs: glyphs}
	for _, g := range glyphs {
		r.Advance += g.Advance
	}
	return r
}

// mark reports whether g is a mark glyph (GDEF class 3, or in a mark
// lookup's coverage).
func (p *simplePlan) mark(face *fonts.Face, g gofont.GID) bool {
	if face.MarkGlyph(g) {
		return true
	}
	if cd := p.lay.GlyphClass; cd != nil {
		if c, _ := cd.Class(tables.GlyphID(g)); c == 3 {
			return true
		}
	}
	return false
}

// mayAct reports whether a lookup that must not act could act on the run
// gids.
func (p *simplePlan) mayAct(gids []gofont.GID) bool {
	for i, g := range gids {
		if int(g>>6) >= len(p.starts) || p.starts[g>>6]&(1<<(g&63)) == 0 {
			continue
		}
		k, _ := slices.BinarySearch(p.checks, newCheck(g, 0)) // the first check of g
		for ; k < len(p.checks) && p.checks[k].glyph() == g; k++ {
			if n := p.checks[k].need(); n == noNeeds || p.needs[n].mayMatch(gids, i) {
				return true
			}
		}
	}
	return false
}

// apply applies the ligature lookup to the run gids (its glyphs' clusters
// in clusters) as go-text's HarfBuzz does (applyForward, the digests,
// applySubsLigature, ligateInput), appending the result to out and
// outClusters (of room for len(gids)) and returning its length and
// whether a ligature was formed (if not, out may be left unset): at each
// glyph the first subtable whose first ligature that matches the glyphs
// after it (adjacent: the run has no marks to skip) replaces them, the
// ligature glyph taking the first one's cluster (the lowest); false where
// the lookup's data is out of range.
func (lk *ligLookup) apply(gids []gofont.GID, clusters []int32, out []gofont.GID, outClusters []int32) (n int, changed, ok bool) {
	n = len(gids)
	// Most runs have no glyph a ligature may start at: they are given
	// back as they are, without a copy.
	first := 0
	for first < n && !lk.starts.has(gids[first]) {
		first++
	}
	if first == n {
		return n, false, true
	}
	out = append(out, gids[:first]...)
	outClusters = append(outClusters, clusters[:first]...)
	for i := first; i < n; {
		g := gids[i]
		applied := false
		if lk.starts.has(g) { // the lookup's digest lets g through, and a subtable may have it
		subtables:
			for k := range lk.subs {
				sub := &lk.subs[k]
				if !sub.digest.mayHave(g) {
					continue
				}
				index, ok := sub.cov.Index(tables.GlyphID(g))
				if !ok {
					continue
				}
				if index >= len(sub.sets) {
					return 0, false, false
				}
				for _, lig := range sub.sets[index].Ligatures {
					c := lig.ComponentGlyphIDs
					if len(c)+1 > maxContextLength || !followedBy(gids, i, c) {
						continue
					}
					out = append(out, gofont.GID(lig.LigatureGlyph))
					outClusters = append(outClusters, clusters[i])
					i += 1 + len(c)
					applied, changed = true, true
					break subtables
				}
			}
		}
		if !applied {
			out = append(out, g)
			outClusters = append(outClusters, clusters[i])
			i++
		}
	}
	return len(out), changed, true
}

// followedBy reports whether the glyphs after gids[i] are the components c.
func followedBy(gids []gofont.GID, i int, c []tables.GlyphID) bool {
	if i+1+len(c) > len(gids) {
		return false
	}
	for j, cg := range c {
		if gids[i+1+j] != gofont.GID(cg) {
			return false
		}
	}
	return true
}

// maxContextLength is go-text's HarfBuzz's bound on the glyphs a ligature
// matches.
const maxContextLength = 64

// mayMatch reports whether the match m needs could be in the run gids at
// glyph i.
func (m matchNeeds) mayMatch(gids []gofont.GID, i int) bool {
	has := func(g gofont.GID) bool {
		for _, x := range gids {
			if x == g {
				return true
			}
		}
		return false
	}
	if m.lig != nil {
		for _, lig := range m.lig.Ligatures {
			if m.adjacent {
				if followedBy(gids, i, lig.ComponentGlyphIDs) {
					return true
				}
				continue
			}
			all := true
			for _, c := range lig.ComponentGlyphIDs {
				if !has(gofont.GID(c)) {
					all = false
					break
				}
			}
			if all {
				return true
			}
		}
		return false
	}
	for _, cov := range m.other {
		found := false
		for _, g := range gids {
			if _, ok := cov.Index(tables.GlyphID(g)); ok {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// applyPairs applies the pair adjustment lookup lk to the run as go-text's
// HarfBuzz does (otApplyContext.applyForward, the accelerator's and the
// subtables' digests, and applyGPOS for PairPos):
// at each glyph the first subtable that applies, then on from the second
// glyph of the pair, or past it where the subtable adjusts the second
// glyph. The run holds no mark, so the lookup's flags skip nothing. False
// where the plan cannot tell what go-text gives.
func (p *simplePlan) applyPairs(lk pairLookupDigests, gids []gofont.GID, glyphs []Glyph, xs, ys int32) bool {
	n := len(gids)
	for i := 0; i < n; {
		applied := false
		if i+1 < n && lk.digest.mayHave(gids[i]) {
			for k := range lk.subs {
				sub := &lk.subs[k]
				if !sub.digest.mayHave(gids[i]) {
					continue
				}
				index, ok := sub.covIndex.get(gids[i], sub.cov.Index)
				if !ok {
					continue
				}
				j := i + 1
				handled := false
				if r := sub.raw; r != nil {
					v1, v2, found, fallback := r.find(index, gids[i], gids[j], sub)
					if !fallback {
						if !found {
							continue
						}
						p.rawValue(r.vf1, v1, &glyphs[i], xs, ys)
						p.rawValue(r.vf2, v2, &glyphs[j], xs, ys)
						if r.vf2 != 0 {
							j++
						}
						handled = true
					}
				}
				if handled {
					// set by the raw subtable
				} else if d := sub.fmt1; d != nil {
					if index >= len(d.PairSets) {
						continue
					}
					rec, ok := d.PairSets[index].FindGlyph(tables.GlyphID(gids[j]))
					if !ok {
						continue
					}
					p.value(d.ValueFormat1, &rec.ValueRecord1, &glyphs[i], xs, ys)
					p.value(d.ValueFormat2, &rec.ValueRecord2, &glyphs[j], xs, ys)
					if d.ValueFormat2 != 0 {
						j++
					}
				} else if d := sub.fmt2; d != nil {
					class2, ok := d.ClassDef2.Class(tables.GlyphID(gids[j]))
					if !ok {
						continue
					}
					class1, _ := d.ClassDef1.Class(tables.GlyphID(gids[i]))
					vals := d.Record(class1, class2)
					p.value(d.ValueFormat1, &vals.ValueRecord1, &glyphs[i], xs, ys)
					p.value(d.ValueFormat2, &vals.ValueRecord2, &glyphs[j], xs, ys)
					if d.ValueFormat2 != 0 {
						j++
					}
				} else {
					// Read raw only, and out of its matrix: go-text's
					// reading would be its parse's, which the plan
					// does not have (sanitizing rules this out).
					return false
				}
				i, applied = j, true
				break
			}
		}
		if !applied {
			i++
		}
	}
	return true
}

// rawValue is value for a value record of format in b.
func (p *simplePlan) rawValue(format tables.ValueFormat, b []byte, g *Glyph, xs, ys int32) {
	field := func() int32 {
		v := int32(int16(binary.BigEndian.Uint16(b)))
		b = b[2:]
		return v
	}
	if format&tables.XPlacement != 0 {
		g.XOff += field() * xs / p.upem
	}
	if format&tables.YPlacement != 0 {
		g.YOff += field() * ys / p.upem
	}
	if format&tables.XAdvance != 0 {
		g.Advance += field() * xs / p.upem
	}
}

// rawPairPos is a pair adjustment subtable's bytes (format 1 or 2), its
// bounds checked once.
type rawPairPos struct {
	data         []byte
	format       int
	vf1, vf2     tables.ValueFormat
	size1, size2 int // bytes of the two value records
	class1Count  int
	class2Count  int
}

// valueFormatDevices are the value format bits of device tables: go-text
// parses those tables as it reads a record, and a search stops at one that
// does not parse.
const valueFormatDevices = 0x00F0

// newRawPairPos checks the subtable b of the given format (pairSets: the
// pair sets go-text read, for format 1) and returns it, or nil where
// reading it raw could differ from go-text.
func newRawPairPos(b []byte, format, pairSets int) *rawPairPos {
	if len(b) < 16 || int(binary.BigEndian.Uint16(b)) != format {
		return nil
	}
	r := &rawPairPos{data: b, format: format,
		vf1: tables.ValueFormat(binary.BigEndian.Uint16(b[4:])), vf2: tables.ValueFormat(binary.BigEndian.Uint16(b[6:]))}
	if (r.vf1|r.vf2)&valueFormatDevices != 0 {
		return nil
	}
	r.size1, r.size2 = 2*bits.OnesCount16(uint16(r.vf1)), 2*bits.OnesCount16(uint16(r.vf2))
	if format == 1 {
		n := int(binary.BigEndian.Uint16(b[8:]))
		if n != pairSets || 10+2*n > len(b) {
			return nil
		}
		rec := 2 + r.size1 + r.size2
		for k := 0; k < n; k++ {
			off := int(binary.BigEndian.Uint16(b[10+2*k:]))
			if off+2 > len(b) || off+2+rec*int(binary.BigEndian.Uint16(b[off:])) > len(b) {
				return nil
			}
		}
		return r
	}
	r.class1Count, r.class2Count = int(binary.BigEndian.Uint16(b[12:])), int(binary.BigEndian.Uint16(b[14:]))
	if 16+r.class1Count*r.class2Count*(r.size1+r.size2) > len(b) {
		return nil
	}
	return r
}

// find returns the value records of the pair (g1, g2), g1 at coverage
// index index, as go-text's PairSet.FindGlyph (format 1) or
// PairPosData2.Record (format 2, with d's class definitions) give them.
func (r *rawPairPos) find(index int, g1, g2 gofont.GID, sub *pairSubtable) (v1, v2 []byte, found, fallback bool) {
	if r.format == 1 {
		if index >= int(binary.BigEndian.Uint16(r.data[8:])) {
			return nil, nil, false, false
		}
		set := r.data[binary.BigEndian.Uint16(r.data[10+2*index:]):]
		rec := 2 + r.size1 + r.size2
		lo, hi := 0, int(binary.BigEndian.Uint16(set))
		for lo < hi {
			mid := lo + (hi-lo)/2
			at := 2 + rec*mid
			switch sg := gofont.GID(binary.BigEndian.Uint16(set[at:])); {
			case g2 < sg:
				hi = mid
			case g2 > sg:
				lo = mid + 1
			default:
				return set[at+2 : at+2+r.size1], set[at+2+r.size1 : at+rec], true, false
			}
		}
		return nil, nil, false, false
	}
	class2, ok := class(sub.classes2, sub.class2, g2)
	if !ok {
		return nil, nil, false, false
	}
	class1, _ := class(sub.classes1, sub.class1, g1)
	if int(class1) >= r.class1Count || int(class2) >= r.class2Count {
		// Out of the matrix (a broken font): go-text's reading of it
		// is left to go-text.
		return nil, nil, false, true
	}
	size2 := r.size1 + r.size2
	at := 16 + (int(class1)*r.class2Count+int(class2))*size2
	return r.data[at : at+r.size1], r.data[at+r.size1 : at+size2], true, false
}

// rawPairSubtables returns the bytes of the subtables of lookup li of the
// GPOS table gpos, a pair adjustment lookup (through extension lookups),
// or nil where they cannot be found or are not n (n < 0: any number).
func rawPairSubtables(gpos []byte, li, n int) [][]byte {
	u16 := func(b []byte, at int) (int, bool) {
		if at < 0 || at+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[at:])), true
	}
	ll, ok := u16(gpos, 8)
	if !ok {
		return nil
	}
	count, ok := u16(gpos, ll)
	if !ok || li >= count {
		return nil
	}
	off, ok := u16(gpos, ll+2+2*li)
	if !ok {
		return nil
	}
	lo := ll + off
	typ, ok1 := u16(gpos, lo)
	subs, ok2 := u16(gpos, lo+4)
	if !ok1 || !ok2 || n >= 0 && subs != n {
		return nil
	}
	out := make([][]byte, subs)
	for k := range out {
		so, ok := u16(gpos, lo+6+2*k)
		if !ok {
			return nil
		}
		at := lo + so
		switch typ {
		case 2:
		case 9: // extension: format, lookup type, 32-bit offset
			ext, ok := u16(gpos, at+2)
			if !ok || ext != 2 || at+8 > len(gpos) {
				return nil
			}
			at += int(binary.BigEndian.Uint32(gpos[at+4:]))
		default:
			return nil
		}
		if at < 0 || at >= len(gpos) {
			return nil
		}
		out[k] = gpos[at:]
	}
	return out
}

// horizontal text at no particular size (applyGPOSValueRecord: device
// tables need a ppem or variations, which galley never sets).
func (p *simplePlan) value(format tables.ValueFormat, v *tables.ValueRecord, g *Glyph, xs, ys int32) {
	if format&tables.XPlacement != 0 {
		g.XOff += int32(v.XPlacement) * xs / p.upem
	}
	if format&tables.YPlacement != 0 {
		g.YOff += int32(v.YPlacement) * ys / p.upem
	}
	if format&tables.XAdvance != 0 {
		g.Advance += int32(v.XAdvance) * xs / p.upem
	}
}

// font returns the shaper's HarfBuzz font for f.
func (s *shaper) font(f *gofont.Font) *harfbuzz.Font {
	hf, ok := s.fonts[f]
	if !ok {
		hf = harfbuzz.NewFont(gofont.NewFace(f))
		s.fonts[f] = hf
	}
	return hf
}

// setDigest is go-text's harfbuzz.setDigest (set_digest.go, go-text/
// typesetting v0.3.5, BSD-3-Clause or Unlicense), copied so that the
// simple path filters glyphs exactly as go-text's HarfBuzz does: three
// 64-bit masks of a glyph id's bits at three shifts.
type setDigest [3]uint64

const (
	digestShift0 = 4
	digestShift1 = 0
	digestShift2 = 6
	digestAll    = ^uint64(0)
)

func (sd *setDigest) add(g gofont.GID) {
	sd[0] |= 1 << ((g >> digestShift0) & 63)
	sd[1] |= 1 << ((g >> digestShift1) & 63)
	sd[2] |= 1 << ((g >> digestShift2) & 63)
}

func digestAddRange(dst *uint64, a, b gofont.GID, shift uint) {
	if (b>>shift)-(a>>shift) >= 63 {
		*dst = digestAll
		return
	}
	ma := uint64(1) << ((a >> shift) & 63)
	mb := uint64(1) << ((b >> shift) & 63)
	var op uint64
	if mb < ma {
		op = 1
	}
	*dst |= mb + (mb - ma) - op
}

func (sd *setDigest) addRange(a, b gofont.GID) {
	// As go-text: nothing more once any one mask is full.
	if sd[0] == digestAll || sd[1] == digestAll || sd[2] == digestAll {
		return
	}
	digestAddRange(&sd[0], a, b, digestShift0)
	digestAddRange(&sd[1], a, b, digestShift1)
	digestAddRange(&sd[2], a, b, digestShift2)
}

func (sd setDigest) mayHave(g gofont.GID) bool {
	return sd[0]&(1<<((g>>digestShift0)&63)) != 0 &&
		sd[1]&(1<<((g>>digestShift1)&63)) != 0 &&
		sd[2]&(1<<((g>>digestShift2)&63)) != 0
}

func (sd setDigest) mayIntersect(o setDigest) bool {
	return sd[0]&o[0] != 0 && sd[1]&o[1] != 0 && sd[2]&o[2] != 0
}

// addCoverage adds the coverage cov of a lookup's subtable i, whose own
// digest is sub, to the lookup's digest sd, as go-text builds it (each
// subtable's coverage collected in turn): for the first subtable, that is
// sub.
func (sd *setDigest) addCoverage(i int, sub setDigest, cov tables.Coverage) {
	if i == 0 {
		*sd = sub
		return
	}
	sd.collectCoverage(cov)
}

func (sd *setDigest) collectCoverage(cov tables.Coverage) {
	switch c := cov.(type) {
	case tables.Coverage1:
		for _, g := range c.Glyphs {
			sd.add(gofont.GID(g))
		}
	case tables.Coverage2:
		for _, r := range c.Ranges {
			sd.addRange(gofont.GID(r.StartGlyphID), gofont.GID(r.EndGlyphID))
		}
	}
}
