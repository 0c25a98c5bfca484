package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/internal/pdfcheck"
	"github.com/galleydoc/galley/pipeline/markdown"
)

// TestTaggedStructure reads the kitchen sink's structure tree back and
// checks the element types the HTML export has: headings (with the skipped
// level closed up), lists with labels, a table with header cells, links
// tied to their annotations, a note, a figure with its alt text, code and
// a quote; and that every rule of galley's PDF/A-2u and PDF/UA-1 check
// passes.
func TestTaggedStructure(t *testing.T) {
	doc := kitchenSink()
	data, _ := export(t, doc, exporters.Options{Media: mediaOf(doc), TOC: true})
	save(t, "tagged.pdf", data)
	vs, err := pdfcheck.Check(data, pdfcheck.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[pdfcheck.Name]int{}
	var headings []string
	alts := map[string]bool{}
	for _, n := range sortedObjs(f) {
		d, ok := f.Objects[n].(pdfcheck.Dict)
		// Structure elements: /S and a parent /P (galley leaves out the
		// optional /Type /StructElem).
		if !ok || f.Name(d["S"]) == "" || d["P"] == nil || f.Name(d["Type"]) == "Annot" {
			continue
		}
		s := f.Name(d["S"])
		counts[s]++
		if strings.HasPrefix(string(s), "H") && len(s) == 2 {
			headings = append(headings, string(s))
		}
		if a, ok := d["Alt"].(pdfcheck.String); ok {
			alts[string(a)] = true
		}
	}
	for typ, min := range map[pdfcheck.Name]int{"Document": 1, "H1": 1, "H2": 2, "H3": 1, "P": 10, "L": 5, "LI": 11, "Lbl": 11, "LBody": 11,
		"Table": 2, "THead": 1, "TBody": 2, "TR": 42, "TH": 3, "TD": 120, "Link": 4, "Reference": 1, "Note": 1, "Figure": 1,
		"Code": 2, "BlockQuote": 1, "Div": 2, "Caption": 4, "Sect": 2, "TOC": 1, "TOCI": 3} {
		if counts[typ] < min {
			t.Errorf("%d %s elements, want at least %d", counts[typ], typ, min)
		}
	}
	if counts["H4"] != 0 {
		t.Errorf("the level-four heading after an H2 is tagged H4, skipping H3")
	}
	if !alts["A gradient"] {
		t.Errorf("the figure's alt text is missing: %v", alts)
	}
}

func sortedObjs(f *pdfcheck.File) []int {
	var nums []int
	for n := range f.Objects {
		nums = append(nums, n)
	}
	for i := 1; i < len(nums); i++ {
		for j := i; j > 0 && nums[j] < nums[j-1]; j-- {
			nums[j], nums[j-1] = nums[j-1], nums[j]
		}
	}
	return nums
}

// TestNamedDestinations checks that every heading id and anchor is a named
// destination, so notice.pdf#your-rights opens at the heading.
func TestNamedDestinations(t *testing.T) {
	data, _ := export(t, kitchenSink(), exporters.Options{})
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	names := f.Dict(f.Catalog()["Names"])
	dests := f.Array(f.Dict(names["Dests"])["Names"])
	got := map[string]bool{}
	prev := ""
	for i := 0; i+1 < len(dests); i += 2 {
		name := string(dests[i].(pdfcheck.String))
		if name <= prev {
			t.Errorf("destination names out of order: %q after %q", name, prev)
		}
		prev = name
		got[name] = true
		if d := f.Array(dests[i+1]); len(d) != 5 || f.Name(d[1]) != "XYZ" {
			t.Errorf("destination %q: %v", name, dests[i+1])
		}
	}
	for _, id := range []string{"privacy-notice", "what-we-collect", "your-rights", "deep", "html-anchor", "github-actions", "gitlab-cicd", "fn:1"} {
		if !got[id] {
			t.Errorf("no named destination %q (have %v)", id, got)
		}
	}
	// poppler resolves them too.
	if have("pdfinfo") {
		file := filepath.Join(t.TempDir(), "d.pdf")
		os.WriteFile(file, data, 0o644)
		out, err := exec.Command("pdfinfo", "-dests", file).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte(`"your-rights"`)) {
			t.Errorf("pdfinfo -dests: %v\n%s", err, out)
		}
	}
}

// TestNoTags checks --no-tags: no structure tree, no PDF/UA claim, still
// PDF/A-2u, and smaller.
func TestNoTags(t *testing.T) {
	tagged, _ := export(t, kitchenSink(), exporters.Options{})
	plain, _ := export(t, kitchenSink(), exporters.Options{NoTags: true})
	for _, s := range []string{"/StructTreeRoot", "/MarkInfo", "pdfuaid", "/StructParents", "BDC"} {
		if bytes.Contains(plain, []byte(s)) {
			t.Errorf("--no-tags output holds %s", s)
		}
	}
	vs, err := pdfcheck.Check(plain, pdfcheck.PDFA2())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
	if len(plain) >= len(tagged) {
		t.Errorf("untagged %d bytes, tagged %d", len(plain), len(tagged))
	}
	t.Logf("kitchen sink: tagged %d bytes, untagged %d (%.1f%% more with tags)", len(tagged), len(plain), 100*float64(len(tagged)-len(plain))/float64(len(plain)))
}

// TestEmbedSource checks --embed-source: the attachment is the source byte
// for byte, an associated file of the catalog with AFRelationship /Source,
// a MIME type and an MD5 checksum, and the XMP claims PDF/A-3.
func TestEmbedSource(t *testing.T) {
	src := []byte("# Privacy Notice\n\nBytes as they are: \r\n tabs\t, ünïcödé, and no trailing newline")
	doc := kitchenSink()
	data, _ := export(t, doc, exporters.Options{EmbedSource: true, Source: src})
	f, err := pdfcheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	cat := f.Catalog()
	af := f.Array(cat["AF"])
	if len(af) != 1 {
		t.Fatalf("catalog /AF: %v", cat["AF"])
	}
	spec := f.Dict(af[0])
	if f.Name(spec["AFRelationship"]) != "Source" {
		t.Errorf("AFRelationship %v", spec["AFRelationship"])
	}
	if uf, _ := spec["UF"].(pdfcheck.String); string(uf) != "notice.md" {
		t.Errorf("UF %q", uf)
	}
	st := f.Stream(f.Dict(spec["EF"])["F"])
	if st == nil {
		t.Fatal("no embedded file stream")
	}
	if f.Name(st.Dict["Subtype"]) != "text/markdown" {
		t.Errorf("MIME type %v", st.Dict["Subtype"])
	}
	params := f.Dict(st.Dict["Params"])
	if n, _ := f.Int(params["Size"]); n != len(src) {
		t.Errorf("Params Size %d, want %d", n, len(src))
	}
	if _, ok := params["CheckSum"].(pdfcheck.String); !ok {
		t.Error("no CheckSum")
	}
	if _, ok := params["ModDate"].(pdfcheck.String); !ok {
		t.Error("no ModDate (PDF/A-3 requires it)")
	}
	r, err := zlib.NewReader(bytes.NewReader(st.Raw))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if !bytes.Equal(got, src) {
		t.Errorf("attachment differs from the source:\n%q\n%q", got, src)
	}
	if !bytes.Contains(data, []byte("<pdfaid:part>3</pdfaid:part>")) {
		t.Error("XMP does not claim PDF/A-3")
	}
	vs, err := pdfcheck.Check(data, pdfcheck.All())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Error(v)
	}
	// qpdf, an independent reader, extracts the same bytes.
	if have("qpdf") {
		file := filepath.Join(t.TempDir(), "a.pdf")
		os.WriteFile(file, data, 0o644)
		out, err := exec.Command("qpdf", "--show-attachment=notice.md", file).Output()
		if err != nil || !bytes.Equal(out, src) {
			t.Errorf("qpdf --show-attachment: %v\n%q", err, out)
		}
	}
	// Without the source the exporter fails rather than write a PDF/A-3
	// without its attachment.
	if err := New().Export(io.Discard, doc, exporters.Options{EmbedSource: true}); err == nil {
		t.Error("EmbedSource without Source: no error")
	}
}

// TestTagSizeBudget: tags cost at most 15 % of the example notice's size
// (the structure tree is packed into compressed object streams; as plain
// objects it cost 27 %).
func TestTagSizeBudget(t *testing.T) {
	src, err := os.ReadFile("../../example/notices/privacy-notice.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := markdown.Read(src, "privacy-notice.md")
	if err != nil {
		t.Fatal(err)
	}
	tagged, _ := export(t, doc, exporters.Options{})
	plain, _ := export(t, doc, exporters.Options{NoTags: true})
	cost := float64(len(tagged)-len(plain)) / float64(len(plain))
	t.Logf("example notice: tagged %d bytes, untagged %d (%.1f%% more with tags)", len(tagged), len(plain), 100*cost)
	if cost > 0.15 {
		t.Errorf("tags cost %.1f%% of the example notice's size, over the 15%% budget", 100*cost)
	}
}

// escapePDFString escapes as the replacer it replaced did.
func TestEscapePDFString(t *testing.T) {
	want := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	for _, s := range []string{"", "plain", `a\b`, "(x)", `\\((()))\`, "no) (yes", "é(ü)"} {
		if got := escapePDFString(s); got != want.Replace(s) {
			t.Errorf("escapePDFString(%q) = %q, want %q", s, got, want.Replace(s))
		}
	}
}
