// Package pdfcheck checks a PDF against the machine-checkable rules of
// PDF/A-2u (ISO 19005-2) and PDF/UA-1 (ISO 14289-1, as the Matterhorn
// Protocol's machine checkpoints put them) that galley's PDF export claims.
// It is galley's own conformance check where veraPDF (Java) is not
// available: each rule is one clause or checkpoint, implemented on a small
// reader of its own, and the package's tests give every rule a file broken
// on purpose that must fail it.
//
// It checks only the clauses listed in PDFA2 and PDFUA1; passing them is
// necessary, not sufficient, for conformance. veraPDF remains the reference:
//
//	verapdf --flavour 2u notice.pdf    # PDF/A-2u
//	verapdf --flavour ua1 notice.pdf   # PDF/UA-1
package pdfcheck

import (
	"fmt"
	"sort"
)

// Rule is one machine-checkable requirement.
type Rule struct {
	// ID names the clause: "PDF/A-2 6.1.2", "PDF/UA-1 14-003".
	ID string
	// Title says what is required.
	Title string
	// Check returns what violates the rule; nothing when the file passes.
	Check func(*File) []string
}

// Violation is a failed rule.
type Violation struct {
	Rule, Title, Detail string
}

func (v Violation) String() string { return fmt.Sprintf("%s (%s): %s", v.Rule, v.Title, v.Detail) }

// Check parses data and runs rules over it. A file that cannot be parsed
// is an error.
func Check(data []byte, rules []Rule) ([]Violation, error) {
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("pdfcheck: %w", err)
	}
	var out []Violation
	for _, r := range rules {
		details := r.Check(f)
		sort.Strings(details)
		for i, d := range details {
			if i > 0 && d == details[i-1] {
				continue
			}
			out = append(out, Violation{Rule: r.ID, Title: r.Title, Detail: d})
		}
	}
	return out, nil
}

// All returns the PDF/A-2 rules followed by the PDF/UA-1 ones.
func All() []Rule { return append(PDFA2(), PDFUA1()...) }

// Find returns the rule with id.
func Find(id string) (Rule, bool) {
	for _, r := range All() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
