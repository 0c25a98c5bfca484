// Package pdfwords reads the words of a PDF file, with their boxes, as
// poppler's pdftotext -bbox gives them, for tests that check where text
// is set. poppler starts a word at each glyph drawn left of the one before,
// as the glyphs of a right-to-left word are (galley draws them in logical
// order, for tagged text): letters whose boxes touch on a line are joined
// into one word again, left to right.
package pdfwords

import (
	"fmt"
	"html"
	"math"
	"os/exec"
	"regexp"
	"strconv"
)

// Word is a word on a page and its box, in points from the page's top left.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// Read returns the words of the pages first to last (1-based; 0 for
// either end: from the first, to the last page) of the PDF file, in
// pdftotext's order: a right-to-left word's letters left to right.
func Read(file string, first, last int) ([]Word, error) {
	args := []string{"-bbox"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	out, err := exec.Command("pdftotext", append(args, file, "-")...).Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext -bbox %s: %w", file, err)
	}
	return parse(out), nil
}

// parse reads pdftotext -bbox output, joining letters that touch on a line.
func parse(out []byte) []Word {
	var words []Word
	for _, m := range wordRE.FindAllStringSubmatch(string(out), -1) {
		w := Word{Text: html.UnescapeString(m[5])}
		for i, p := range []*float64{&w.XMin, &w.YMin, &w.XMax, &w.YMax} {
			*p, _ = strconv.ParseFloat(m[i+1], 64)
		}
		if n := len(words); n > 0 {
			prev := &words[n-1]
			if math.Abs(prev.YMin-w.YMin) < 0.01 && math.Abs(prev.YMax-w.YMax) < 0.01 && math.Abs(w.XMin-prev.XMax) < 0.5 {
				prev.Text += w.Text
				prev.XMax = w.XMax
				continue
			}
		}
		words = append(words, w)
	}
	return words
}
