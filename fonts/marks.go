package fonts

import (
	"encoding/binary"
	"fmt"

	gofont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Mark attachment lookups (GPOS types 4, 5 and 6: mark to base, mark to
// ligature, mark to mark) are most of what parsing a face for shaping
// costs: Noto Sans anchors its combining marks on some two thousand base
// glyphs, which go-text parses into a matrix of anchors up front. A
// document in Latin script rarely draws a mark glyph, and a mark lookup
// moves only the glyphs of its mark coverage, so a face is parsed with
// those lookups left empty (Face.LightFont), and the set of glyphs they
// act on is read from their coverage tables (Face.MarkGlyph). Text whose
// shaped glyphs include none of them shapes the same either way; other
// text is shaped with Face.Font, which parses the mark lookups on first
// use.

// gposLayout is a face's GPOS table, parsed but for its mark lookups.
type gposLayout struct {
	layout   tables.Layout
	deferred []bool   // by lookup index: a mark attachment lookup, left out of LightFont
	marks    glyphSet // nil where no lookup is deferred
	// pairs marks the pair adjustment lookups, left out of the Layout's
	// GPOS (nil where lookup types could not be read: none is left out).
	pairs []bool
}

// glyphSet is a set of glyph ids, a bit each, as long as its highest
// glyph needs (a fixed 8 KB for every id a font may have was a fresh page
// or two per face in a new process).
type glyphSet []uint64

func (s *glyphSet) add(g uint16) {
	if i := int(g >> 6); i >= len(*s) {
		*s = append(*s, make([]uint64, i+1-len(*s))...)
	}
	(*s)[g>>6] |= 1 << (g & 63)
}

func (s glyphSet) has(g uint16) bool {
	i := int(g >> 6)
	return i < len(s) && s[i]&(1<<(g&63)) != 0
}

// markLookup reports whether GPOS lookup type t (after an extension) is a
// mark attachment lookup.
func markLookup(t uint16) bool { return t == 4 || t == 5 || t == 6 }

// lookupTypes returns, for each lookup of the raw GPOS table, its type,
// with extension lookups (type 9) replaced by the type they wrap (0 when
// that cannot be read, or when an extension's subtables disagree).
func lookupTypes(gpos []byte) ([]uint16, error) {
	if len(gpos) < 10 {
		return nil, errTruncated
	}
	ll := int(binary.BigEndian.Uint16(gpos[8:]))
	if ll+2 > len(gpos) {
		return nil, errTruncated
	}
	n := int(binary.BigEndian.Uint16(gpos[ll:]))
	if ll+2+2*n > len(gpos) {
		return nil, errTruncated
	}
	types := make([]uint16, n)
	for i := range n {
		lo := ll + int(binary.BigEndian.Uint16(gpos[ll+2+2*i:]))
		if lo+6 > len(gpos) {
			return nil, errTruncated
		}
		t := binary.BigEndian.Uint16(gpos[lo:])
		if t == 9 {
			t = 0
			ns := int(binary.BigEndian.Uint16(gpos[lo+4:]))
			for s := range ns {
				if lo+6+2*s+2 > len(gpos) {
					return nil, errTruncated
				}
				so := lo + int(binary.BigEndian.Uint16(gpos[lo+6+2*s:]))
				if so+8 > len(gpos) {
					return nil, errTruncated
				}
				et := binary.BigEndian.Uint16(gpos[so+2:])
				if s > 0 && et != t {
					t = 0
					break
				}
				t = et
			}
		}
		types[i] = t
	}
	return types, nil
}

// markCoverage adds to set the glyphs of the mark coverage of each subtable
// of lookup lo (its offset in gpos), a mark attachment lookup, following
// extensions: the glyphs the lookup can move.
func markCoverage(gpos []byte, lo int, set *glyphSet) error {
	ns := int(binary.BigEndian.Uint16(gpos[lo+4:]))
	ext := binary.BigEndian.Uint16(gpos[lo:]) == 9
	for s := range ns {
		if lo+6+2*s+2 > len(gpos) {
			return errTruncated
		}
		so := lo + int(binary.BigEndian.Uint16(gpos[lo+6+2*s:]))
		if ext {
			if so+8 > len(gpos) {
				return errTruncated
			}
			so += int(binary.BigEndian.Uint32(gpos[so+4:]))
		}
		if so+4 > len(gpos) {
			return errTruncated
		}
		// Formats 1 of types 4, 5 and 6 start with the format and the
		// offset of the (first) mark coverage.
		if binary.BigEndian.Uint16(gpos[so:]) != 1 {
			return fmt.Errorf("mark lookup subtable format %d", binary.BigEndian.Uint16(gpos[so:]))
		}
		if err := addCoverage(gpos, so+int(binary.BigEndian.Uint16(gpos[so+2:])), set); err != nil {
			return err
		}
	}
	return nil
}

// addCoverage adds the glyphs of the coverage table at off to set.
func addCoverage(b []byte, off int, set *glyphSet) error {
	if off+4 > len(b) {
		return errTruncated
	}
	n := int(binary.BigEndian.Uint16(b[off+2:]))
	switch binary.BigEndian.Uint16(b[off:]) {
	case 1:
		if off+4+2*n > len(b) {
			return errTruncated
		}
		for i := range n {
			set.add(binary.BigEndian.Uint16(b[off+4+2*i:]))
		}
	case 2:
		if off+4+6*n > len(b) {
			return errTruncated
		}
		for i := range n {
			r := b[off+4+6*i:]
			for g := uint32(binary.BigEndian.Uint16(r)); g <= uint32(binary.BigEndian.Uint16(r[2:])); g++ {
				set.add(uint16(g))
			}
		}
	default:
		return fmt.Errorf("coverage format %d", binary.BigEndian.Uint16(b[off:]))
	}
	return nil
}

// newGPOS builds go-text's GPOS from layout, as font.NewFont does, with the
// lookups marked in skip left without subtables.
func newGPOS(layout tables.Layout, skip []bool) (gofont.GPOS, error) {
	out := gofont.GPOS{
		Layout:  newLayout(layout),
		Lookups: make([]gofont.GPOSLookup, len(layout.LookupList.Lookups)),
	}
	for i, lk := range layout.LookupList.Lookups {
		out.Lookups[i] = gofont.GPOSLookup{LookupOptions: gofont.LookupOptions{
			Flag: lk.LookupFlag, MarkFilteringSet: lk.MarkFilteringSet,
		}}
		if skip != nil && skip[i] {
			continue
		}
		subtables, err := parseGPOSLookup(lk, len(out.Lookups))
		if err != nil {
			return gofont.GPOS{}, err
		}
		out.Lookups[i].Subtables = subtables
	}
	return out, nil
}

// parseGPOSLookup parses the subtables of a lookup of a GPOS table of n
// lookups, as font.NewFont does: extensions resolved, subtables sanitized.
func parseGPOSLookup(lk tables.Lookup, n int) ([]tables.GPOSLookup, error) {
	subtables, err := lk.AsGPOSLookups()
	if err != nil {
		return nil, err
	}
	for j, subtable := range subtables {
		if ext, isExt := subtable.(tables.ExtensionPos); isExt {
			subtables[j], err = ext.Resolve()
			if err != nil {
				return nil, err
			}
		}
		// As go-text: the switch is on the subtable as read, before an
		// extension is resolved.
		switch subtable := subtable.(type) {
		case tables.SinglePos:
			err = subtable.Sanitize()
		case tables.PairPos:
			err = subtable.Sanitize()
		case tables.MarkBasePos:
			err = subtable.Sanitize()
		case tables.MarkLigPos:
			err = subtable.Sanitize()
		case tables.ContextualPos:
			err = subtable.Sanitize(uint16(n))
		}
		if err != nil {
			return nil, err
		}
	}
	return subtables, nil
}

// newLayout is go-text's (unexported) conversion of a parsed layout table.
func newLayout(table tables.Layout) gofont.Layout {
	fCount := len(table.FeatureList.Features)
	out := gofont.Layout{
		Scripts:  make([]gofont.Script, len(table.ScriptList.Scripts)),
		Features: make([]gofont.Feature, fCount),
	}
	for i, s := range table.ScriptList.Scripts {
		if langSys := s.DefaultLangSys; langSys != nil {
			sanitizeLangSys(langSys, fCount)
		}
		for i := range s.LangSys {
			sanitizeLangSys(&s.LangSys[i], fCount)
		}
		out.Scripts[i] = gofont.Script{Script: s, Tag: table.ScriptList.Records[i].Tag}
	}
	for i, f := range table.FeatureList.Features {
		out.Features[i] = gofont.Feature{Feature: f, Tag: table.FeatureList.Records[i].Tag}
	}
	if table.FeatureVariations != nil {
		out.FeatureVariations = table.FeatureVariations.FeatureVariationRecords
	}
	return out
}

func sanitizeLangSys(langSys *tables.LangSys, featuresCount int) {
	if int(langSys.RequiredFeatureIndex) >= featuresCount {
		langSys.RequiredFeatureIndex = 0xFFFF
	}
}
