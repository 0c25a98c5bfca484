package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline/tree"
)

// contentOp is an operator of a content stream with its operands.
type contentOp struct {
	op       string
	operands []string
}

// contentOps splits a content stream into operators and their operands
// (names, numbers, strings, arrays and dictionaries as written).
func contentOps(data []byte) ([]contentOp, error) {
	var out []contentOp
	var operands []string
	i := 0
	white := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 }
	delim := func(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }
	// skipValue returns the end of the value starting at i.
	var skipValue func(i int) (int, error)
	skipValue = func(i int) (int, error) {
		switch c := data[i]; {
		case c == '(':
			depth := 0
			for j := i; j < len(data); j++ {
				switch data[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					if depth--; depth == 0 {
						return j + 1, nil
					}
				}
			}
			return 0, fmt.Errorf("unterminated string at %d", i)
		case c == '<' && i+1 < len(data) && data[i+1] == '<', c == '[':
			end := "]"
			j := i + 1
			if c == '<' {
				end, j = ">>", i+2
			}
			for j < len(data) {
				if white(data[j]) {
					j++
					continue
				}
				if strings.HasPrefix(string(data[j:min(j+2, len(data))]), end) {
					return j + len(end), nil
				}
				var err error
				if j, err = skipValue(j); err != nil {
					return 0, err
				}
			}
			return 0, fmt.Errorf("unterminated %q at %d", c, i)
		case c == '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return 0, fmt.Errorf("unterminated hex string at %d", i)
			}
			for _, h := range data[i+1 : i+j] {
				if !strings.ContainsRune("0123456789ABCDEFabcdef \n", rune(h)) {
					return 0, fmt.Errorf("bad hex string %q", data[i:i+j+1])
				}
			}
			return i + j + 1, nil
		case c == '/':
			j := i + 1
			for j < len(data) && !white(data[j]) && !delim(data[j]) {
				j++
			}
			return j, nil
		case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
			return 0, fmt.Errorf("unexpected %q at %d", c, i)
		default:
			j := i
			for j < len(data) && !white(data[j]) && !delim(data[j]) {
				j++
			}
			return j, nil
		}
	}
	for i < len(data) {
		c := data[i]
		if white(c) {
			i++
			continue
		}
		if c == '%' {
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
			continue
		}
		j, err := skipValue(i)
		if err != nil {
			return nil, err
		}
		tok := string(data[i:j])
		i = j
		isOperand := strings.ContainsRune("(<[/+-.0123456789", rune(tok[0])) || tok == "true" || tok == "false" || tok == "null"
		if isOperand {
			operands = append(operands, tok)
			continue
		}
		out = append(out, contentOp{op: tok, operands: operands})
		operands = nil
		if tok == "ID" {
			e := bytes.Index(data[i:], []byte("EI"))
			if e < 0 {
				return nil, fmt.Errorf("inline image without EI")
			}
			i += e
		}
	}
	if len(operands) > 0 {
		return nil, fmt.Errorf("operands %q without an operator at the end", operands)
	}
	return out, nil
}

// inTextObject are the operators allowed between BT and ET (ISO 32000-1,
// figure 9): text state, positioning and showing, colour and general
// graphics state, marked content.
var inTextObject = map[string]bool{
	"Tc": true, "Tw": true, "Tz": true, "TL": true, "Tf": true, "Tr": true, "Ts": true,
	"Td": true, "TD": true, "Tm": true, "T*": true, "Tj": true, "TJ": true, "'": true, `"`: true,
	"g": true, "G": true, "rg": true, "RG": true, "k": true, "K": true, "cs": true, "CS": true,
	"sc": true, "SC": true, "scn": true, "SCN": true, "gs": true, "w": true, "J": true, "j": true,
	"M": true, "d": true, "ri": true, "i": true, "BMC": true, "BDC": true, "EMC": true, "MP": true, "DP": true,
}

// checkContentStreams checks the structure of every page's content: text
// objects neither nested nor left open and holding only the operators a
// text object may, q and Q balanced, marked-content sequences balanced and
// nested with the text objects (a sequence begun in a text object ends in
// it), and TJ arrays made of hex strings of whole two-byte codes and
// numbers. The painter leaves a text object open for the next run of a
// line; anything else drawn must close it first.
func checkContentStreams(t *testing.T, name string, data []byte) {
	t.Helper()
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Errorf("%s: parse: %v", name, err)
		return
	}
	pages, _ := f.Pages()
	for pi, pg := range pages {
		s := f.Stream(pg["Contents"])
		if s == nil {
			t.Errorf("%s: page %d: no content stream", name, pi+1)
			continue
		}
		content, err := f.Decode(s)
		if err != nil {
			t.Errorf("%s: page %d: %v", name, pi+1, err)
			continue
		}
		for _, p := range contentProblems(content) {
			t.Errorf("%s: page %d: %s", name, pi+1, p)
		}
	}
}

// contentProblems returns what is wrong with the structure of a page's
// content (see checkContentStreams).
func contentProblems(content []byte) []string {
	ops, err := contentOps(content)
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	inText, q := false, 0
	var marks []bool // open marked-content sequences: begun in a text object
	bad := func(i int, format string, args ...any) {
		from := max(0, i-4)
		var ctx []string
		for _, o := range ops[from:min(len(ops), i+2)] {
			ctx = append(ctx, strings.Join(append(o.operands, o.op), " "))
		}
		out = append(out, fmt.Sprintf("operator %d: %s (near %q)", i, fmt.Sprintf(format, args...), strings.Join(ctx, " | ")))
	}
	for i, o := range ops {
		switch o.op {
		case "BT":
			if inText {
				bad(i, "BT inside a text object")
			}
			inText = true
		case "ET":
			if !inText {
				bad(i, "ET outside a text object")
			}
			if len(marks) > 0 && marks[len(marks)-1] {
				bad(i, "ET ends a text object with a marked-content sequence begun in it still open")
			}
			inText = false
		case "q":
			q++
		case "Q":
			if q--; q < 0 {
				bad(i, "Q without q")
			}
		case "BMC", "BDC":
			marks = append(marks, inText)
		case "EMC":
			if len(marks) == 0 {
				bad(i, "EMC without BMC or BDC")
				break
			}
			if marks[len(marks)-1] != inText {
				bad(i, "EMC ends a marked-content sequence begun on the other side of a BT or ET")
			}
			marks = marks[:len(marks)-1]
		case "TJ":
			if len(o.operands) != 1 || !strings.HasPrefix(o.operands[0], "[") {
				bad(i, "TJ without an array")
				break
			}
			arr := o.operands[0]
			for _, h := range strings.Split(arr[1:len(arr)-1], "<")[1:] {
				hex, _, _ := strings.Cut(h, ">")
				if len(strings.TrimSpace(hex))%4 != 0 {
					bad(i, "hex string of %d digits: codes are two bytes", len(hex))
				}
			}
		}
		if inText && o.op != "BT" && !inTextObject[o.op] {
			bad(i, "%s inside a text object", o.op)
		}
	}
	if inText {
		out = append(out, "text object left open at the end of the page")
	}
	if q != 0 {
		out = append(out, fmt.Sprintf("%d q without Q", q))
	}
	if len(marks) != 0 {
		out = append(out, fmt.Sprintf("%d marked-content sequences left open", len(marks)))
	}
	return out
}

// TestContentProblems: the structure check finds what it looks for.
func TestContentProblems(t *testing.T) {
	for _, c := range []struct {
		content string
		bad     bool
	}{
		{"q 0 g\nBT /F1 10 Tf\n1 0 0 1 62 700 Tm [<00410042>-250<0003>] TJ\nET\nQ", false},
		{"/P <</MCID 0>> BDC\nq BT /F1 10 Tf [(a)] TJ ET Q\nEMC\n/Artifact BMC 0 0 m 1 1 l S EMC", false},
		{"BT /Span <</ActualText <FEFF0041>>> BDC [<0041>] TJ EMC ET", false},
		{"BT /F1 10 Tf [<0041>] TJ", true},                   // left open
		{"BT /F1 10 Tf BT [<0041>] TJ ET ET", true},          // nested
		{"BT /F1 10 Tf 0 0 10 10 re f [<0041>] TJ ET", true}, // a path in a text object
		{"BT q [<0041>] TJ Q ET", true},
		{"q BT [<0041>] TJ ET", true},
		{"/P <</MCID 0>> BDC BT [<0041>] TJ EMC ET", true}, // a sequence ends inside a text object
		{"BT /P <</MCID 0>> BDC [<0041>] TJ ET EMC", true},
		{"BT [<004100>] TJ ET", true}, // half a code
		{"BT [<0041> (unterminated] TJ ET", true},
	} {
		if got := len(contentProblems([]byte(c.content))) > 0; got != c.bad {
			t.Errorf("%q: problems found = %v, want %v: %q", c.content, got, c.bad, contentProblems([]byte(c.content)))
		}
	}
}

// TestContentStreams: the content of documents mixing text styles, links,
// lists, tables, admonitions, right-to-left text, marks and page
// furniture is well formed, and a line of words in one font, size and
// colour is drawn as one text object.
func TestContentStreams(t *testing.T) {
	docs := map[string]*tree.Document{"kitchen": kitchenSink()}
	for _, s := range scriptSamples {
		docs["script-"+s.locale] = sampleDoc(s)
	}
	ar := sampleDoc(scriptSample{"ar", "إشعار الخصوصية", "نحن نحترم خصوصيتك. يشرح هذا الإشعار كيف نجمع بياناتك (Firefox 120) ونستخدمها، ولماذا نحتاج إليها.", "يمكنك حذف حسابك في أي وقت.", nil})
	ar.Meta.Direction = "rtl"
	docs["ar"] = ar
	for name, doc := range docs {
		for _, opts := range []exporters.Options{{}, {TOC: true}, {NoTags: true}} {
			data, _ := export(t, doc, opts)
			checkContentStreams(t, fmt.Sprintf("%s %+v", name, opts), data)
		}
	}

	// One paragraph of plain words: a text object per line, not per word.
	words := strings.Repeat("Privacy matters to every one of us. ", 40)
	data, _ := export(t, &tree.Document{Blocks: []tree.Block{para(1, txt(words))}}, exporters.Options{NoTags: true})
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := f.Pages()
	content, err := f.Decode(f.Stream(pages[0]["Contents"]))
	if err != nil {
		t.Fatal(err)
	}
	ops, err := contentOps(content)
	if err != nil {
		t.Fatal(err)
	}
	bt, tms := 0, 0
	for _, o := range ops {
		switch o.op {
		case "BT":
			bt++
		case "Tm":
			tms++
		}
	}
	// 280 words on some 20 lines, plus the footer.
	if bt < 10 || bt > 40 || tms != bt {
		t.Errorf("%d text objects and %d text matrices for a paragraph of 280 words: want one of each per line", bt, tms)
	}
}
