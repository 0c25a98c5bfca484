package fonts

import (
	gofont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/font/opentype/tables"
)

// Most of a text face's GSUB lookups serve features only a user turns on
// (small capitals, alternates, old-style, tabular or superior figures,
// stylistic sets: in Noto Sans 28 of its 43 lookups, the largest ones),
// which galley never asks HarfBuzz for (it shapes with the default
// features). Parsing them was about a third of the GSUB parse, itself a
// fifth of a face's first use, so a face's GSUB is parsed without them:
// their lookups are left without subtables, like the mark lookups of GPOS,
// unless a lookup that is kept calls them (a contextual lookup's nested
// lookups are followed), a required feature lists them, or the table has
// feature variations (which may swap the lookups of any feature). HarfBuzz
// never reaches such a lookup for text shaped with the default features,
// so the glyphs and positions are the same (TestShapingWithoutOutlinesIsUnchanged,
// TestLightGSUB).

// userFeature reports whether HarfBuzz turns GSUB feature tag on only
// when asked for it, for no script or direction. (A switch, not a map
// built at package initialisation: every process paid for the map, even
// `galley version`.)
func userFeature(tag ot.Tag) bool {
	t := [4]byte{byte(tag >> 24), byte(tag >> 16), byte(tag >> 8), byte(tag)}
	switch string(t[:]) {
	case "aalt", "c2sc", "c2pc", "case", "smcp", "pcap", "salt",
		"subs", "sups", "sinf", "ordn", "lnum", "onum", "pnum", "tnum", "zero",
		"swsh", "cswh", "titl", "hist", "hlig", "dlig", "ornm", "nalt", "unic", "afrc":
		return true
	}
	a, b, c, d := t[0], t[1], t[2], t[3]
	return (a == 's' && b == 's' || a == 'c' && b == 'v') && c >= '0' && c <= '9' && d >= '0' && d <= '9'
}

// lightGSUB returns the GSUB go-text would build from the raw table gsub
// (font.NewFont: a table that does not parse is no table), with the
// lookups only user features reach left without subtables.
func lightGSUB(gsub []byte) gofont.GSUB {
	if gsub == nil {
		return gofont.GSUB{}
	}
	layout, _, err := tables.ParseLayout(gsub)
	if err != nil {
		return gofont.GSUB{}
	}
	n := len(layout.LookupList.Lookups)
	keep := make([]bool, n)
	if layout.FeatureVariations != nil {
		for i := range keep {
			keep[i] = true
		}
	}
	required := map[uint16]bool{}
	for _, s := range layout.ScriptList.Scripts {
		if ls := s.DefaultLangSys; ls != nil && ls.RequiredFeatureIndex != 0xFFFF {
			required[ls.RequiredFeatureIndex] = true
		}
		for _, ls := range s.LangSys {
			if ls.RequiredFeatureIndex != 0xFFFF {
				required[ls.RequiredFeatureIndex] = true
			}
		}
	}
	for fi, ft := range layout.FeatureList.Features {
		if required[uint16(fi)] || !userFeature(layout.FeatureList.Records[fi].Tag) {
			for _, li := range ft.LookupListIndices {
				if int(li) < n {
					keep[li] = true
				}
			}
		}
	}
	out := gofont.GSUB{Layout: newLayout(layout), Lookups: make([]gofont.GSUBLookup, n)}
	parsed := make([]bool, n)
	for again := true; again; {
		again = false
		for i, lk := range layout.LookupList.Lookups {
			if !keep[i] || parsed[i] {
				continue
			}
			parsed[i] = true
			subtables, err := parseGSUBLookup(lk, n)
			if err != nil {
				return gofont.GSUB{} // as go-text: no GSUB
			}
			out.Lookups[i] = gofont.GSUBLookup{
				LookupOptions: gofont.LookupOptions{Flag: lk.LookupFlag, MarkFilteringSet: lk.MarkFilteringSet},
				Subtables:     subtables,
			}
			for _, st := range subtables {
				eachNestedLookup(st, func(li uint16) {
					if int(li) < n && !keep[li] {
						keep[li], again = true, true
					}
				})
			}
		}
	}
	for i, lk := range layout.LookupList.Lookups {
		if !parsed[i] {
			out.Lookups[i] = gofont.GSUBLookup{LookupOptions: gofont.LookupOptions{
				Flag: lk.LookupFlag, MarkFilteringSet: lk.MarkFilteringSet,
			}}
		}
	}
	return out
}

// parseGSUBLookup parses the subtables of a lookup of a GSUB table of n
// lookups, as font.NewFont does: extensions resolved, subtables sanitized.
func parseGSUBLookup(lk tables.Lookup, n int) ([]tables.GSUBLookup, error) {
	subtables, err := lk.AsGSUBLookups()
	if err != nil {
		return nil, err
	}
	for j, subtable := range subtables {
		if ext, isExt := subtable.(tables.ExtensionSubs); isExt {
			subtables[j], err = ext.Resolve()
			if err != nil {
				return nil, err
			}
		}
		// As go-text: the switch is on the subtable as read, before an
		// extension is resolved.
		switch subtable := subtable.(type) {
		case tables.MultipleSubs:
			err = subtable.Sanitize()
		case tables.LigatureSubs:
			err = subtable.Sanitize()
		case tables.ContextualSubs:
			err = subtable.Sanitize(uint16(n))
		case tables.ReverseChainSingleSubs:
			err = subtable.Sanitize()
		}
		if err != nil {
			return nil, err
		}
	}
	return subtables, nil
}

// eachNestedLookup calls fn with the index of each lookup a contextual
// subtable calls.
func eachNestedLookup(st tables.GSUBLookup, fn func(uint16)) {
	records := func(rs []tables.SequenceLookupRecord) {
		for _, r := range rs {
			fn(r.LookupListIndex)
		}
	}
	ruleSets := func(sets []tables.SequenceRuleSet) {
		for _, set := range sets {
			for _, rule := range set.SeqRule {
				records(rule.SeqLookupRecords)
			}
		}
	}
	chainedSets := func(sets []tables.ChainedSequenceRuleSet) {
		for _, set := range sets {
			for _, rule := range set.ChainedSeqRules {
				records(rule.SeqLookupRecords)
			}
		}
	}
	switch st := st.(type) {
	case tables.ContextualSubs:
		switch d := st.Data.(type) {
		case tables.ContextualSubs1:
			ruleSets(d.SeqRuleSet)
		case tables.ContextualSubs2:
			ruleSets(d.ClassSeqRuleSet)
		case tables.ContextualSubs3:
			records(d.SeqLookupRecords)
		}
	case tables.ChainedContextualSubs:
		switch d := st.Data.(type) {
		case tables.ChainedContextualSubs1:
			chainedSets(d.ChainedSeqRuleSet)
		case tables.ChainedContextualSubs2:
			chainedSets(d.ChainedClassSeqRuleSet)
		case tables.ChainedContextualSubs3:
			records(d.SeqLookupRecords)
		}
	}
}
