package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline/tree"
)

func init() { api.DisableConfigDir() }

// have reports whether a command-line tool is installed.
func have(tool string) bool {
	_, err := exec.LookPath(tool)
	return err == nil
}

// CheckPDF validates data with qpdf, pdfcpu and poppler (each skipped with a
// log line when missing) and checks that the words of every paragraph and
// heading of doc appear in reading order in the extracted text.
func CheckPDF(t *testing.T, name string, data []byte, doc *tree.Document) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// pdfcpu: strict validation.
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(data), conf); err != nil {
		t.Errorf("%s: pdfcpu strict validation: %v", name, err)
	}
	// galley's own PDF/A-2u and PDF/UA-1 check (PDF/UA only for tagged files).
	rules := pdfcheck.PDFA2()
	if bytes.Contains(data, []byte("/StructTreeRoot")) {
		rules = pdfcheck.All()
	}
	vs, err := pdfcheck.Check(data, rules)
	if err != nil {
		t.Errorf("%s: pdfcheck: %v", name, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s", name, v)
	}
	checkContentStreams(t, name, data)
	if have("qpdf") {
		out, err := exec.Command("qpdf", "--check", file).CombinedOutput()
		if err != nil || bytes.Contains(out, []byte("WARNING")) {
			t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
		}
	} else {
		t.Log("qpdf not installed (apt-get install -y qpdf): skipping qpdf --check")
	}
	if !have("pdffonts") || !have("pdftotext") {
		t.Log("poppler-utils not installed (apt-get install -y poppler-utils): skipping font and text checks")
		return
	}
	out, err := exec.Command("pdffonts", file).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: pdffonts: %v\n%s", name, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Errorf("%s: pdffonts lists no fonts:\n%s", name, out)
	}
	for _, ln := range lines[2:] {
		f := strings.Fields(ln)
		// name type... encoding emb sub uni object ID: emb is 5th from the end.
		if len(f) < 6 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("%s: font not embedded and subset: %s", name, ln)
		}
	}
	text, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("%s: pdftotext: %v", name, err)
	}
	got := letters(bodyText(string(text)))
	pos := 0
	for _, want := range expectedParagraphs(doc) {
		w := letters(want)
		if w == "" {
			continue
		}
		i := strings.Index(got[pos:], w)
		if i < 0 {
			j := strings.Index(got, w)
			if j >= 0 {
				t.Errorf("%s: paragraph out of order: %.80q", name, want)
			} else {
				t.Errorf("%s: paragraph missing from the text: %.120q", name, want)
			}
			continue
		}
		pos += i + len(w)
	}
}

// bodyText drops the running header and footer lines (drawn last on each
// page) from pdftotext's output.
func bodyText(s string) string {
	pages := strings.Split(s, "\f")
	var sb strings.Builder
	for i, p := range pages {
		lines := strings.Split(strings.TrimRight(p, "\n"), "\n")
		drop := 1 // footer
		if i > 0 {
			drop = 2 // header and footer
		}
		if len(lines) >= drop {
			lines = lines[:len(lines)-drop]
		}
		sb.WriteString(strings.Join(lines, "\n"))
		sb.WriteString("\n")
	}
	return sb.String()
}

// letters keeps letters and digits: the words of a text without layout.
func letters(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// expectedParagraphs returns the text of every heading and paragraph in
// document order (table cells included), skipping paragraphs with images
// (shown as pictures) or right-to-left text (which text extraction
// reorders).
func expectedParagraphs(doc *tree.Document) []string {
	var out []string
	visit := func(b tree.Block) bool {
		var content []tree.Inline
		switch b := b.(type) {
		case *tree.Heading:
			content = b.Content
		case *tree.Paragraph:
			content = b.Content
		default:
			return true
		}
		var sb strings.Builder
		ok := true
		var walk func([]tree.Inline)
		walk = func(list []tree.Inline) {
			for _, in := range list {
				switch in := in.(type) {
				case *tree.Text:
					sb.WriteString(in.Text)
				case *tree.Code:
					sb.WriteString(in.Text)
				case *tree.Date:
					sb.WriteString(dateText(in))
				case *tree.Macro:
					sb.WriteString(in.Raw)
				case *tree.FootnoteRef:
					sb.WriteString(strconv.Itoa(in.Index))
				case *tree.Image:
					ok = false
				case *tree.Emphasis:
					walk(in.Content)
				case *tree.Strong:
					walk(in.Content)
				case *tree.Strikethrough:
					walk(in.Content)
				case *tree.Link:
					walk(in.Content)
				}
			}
		}
		walk(content)
		s := sb.String()
		for _, r := range s {
			if unicode.In(r, unicode.Hebrew, unicode.Arabic) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, s)
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, fn := range doc.Footnotes {
		tree.Walk(fn.Blocks, visit)
	}
	return out
}
