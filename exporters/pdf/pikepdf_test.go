package pdf_test

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/galleydoc/galley/internal/corpustest"
	"github.com/galleydoc/galley/pipeline"
	"github.com/galleydoc/galley/pipeline/tree"
)

// pikepdfPython returns a Python 3 that imports pikepdf (Debian
// python3-pikepdf installs it for the system's /usr/bin/python3, which a
// python3 earlier on the PATH may not see), or "".
func pikepdfPython() string {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import pikepdf").Run() == nil {
			return py
		}
	}
	return ""
}

// pikeReport is what testdata/pikepdf_catalog.py prints for a file.
type pikeReport struct {
	File            string   `json:"file"`
	Version         string   `json:"version"`
	Pages           int      `json:"pages"`
	Marked          bool     `json:"marked"`
	Lang            *string  `json:"lang"`
	DisplayDocTitle bool     `json:"display_doc_title"`
	Dests           []string `json:"dests"`
	StructTree      *struct {
		Type       string  `json:"type"`
		First      string  `json:"first"`
		FirstLang  *string `json:"first_lang"`
		ParentTree bool    `json:"parent_tree"`
		Elements   int     `json:"elements"`
	} `json:"struct_tree"`
	Attachments []struct {
		Name         string `json:"name"`
		Relationship string `json:"relationship"`
		MIME         string `json:"mime"`
		Size         *int   `json:"size"`
		Checksum     string `json:"checksum"`
		MD5          string `json:"md5"`
		SHA256       string `json:"sha256"`
		InNameTree   bool   `json:"in_name_tree"`
	} `json:"attachments"`
}

// pikeExport is a PDF to read with pikepdf and what galley meant to write.
type pikeExport struct {
	name   string
	data   []byte
	doc    *tree.Document
	source []byte // the source file, when embedded
}

// TestPikepdfCatalog reads galley's PDFs with pikepdf, a reader
// independent of galley's own (qpdf's, through its Python binding): the
// catalog has /MarkInfo /Marked, /Lang (the export locale),
// /ViewerPreferences /DisplayDocTitle and a structure tree whose root
// element is Document with a parent tree; every heading id, anchor and
// footnote is a named destination; with --embed-source the source is the
// catalog's one associated file (/AFRelationship /Source, its MIME type,
// size and MD5 checksum) listed among the embedded files, and its bytes as
// pikepdf decodes them are the source's. It runs over the example notice
// and every corpus notice (under -short, those of a few scripts), each
// exported with --embed-source.
func TestPikepdfCatalog(t *testing.T) {
	py := pikepdfPython()
	if py == "" {
		t.Skip("pikepdf not installed (apt-get install python3-pikepdf); skipping the independent catalog check")
	}
	add := func(exports []pikeExport, path, locale string, embed bool) []pikeExport {
		opts := pipeline.Options{EmbedSource: embed}
		if locale != "" {
			opts.Locales = []string{locale}
		}
		data, doc, _ := convertWith(t, path, opts)
		e := pikeExport{name: path + " " + locale, data: data, doc: doc}
		if embed {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			e.source = src
		}
		return append(exports, e)
	}
	example := "../../example/notices/privacy-notice.md"
	readWithPikepdf(t, py, add(add(nil, example, "", false), example, "", true))
	t.Run("corpus", func(t *testing.T) {
		var exports []pikeExport
		for _, f := range corpusFiles(t) {
			if testing.Short() && !shortSet(corpustest.Rel(t, f)) {
				continue
			}
			locale := ""
			if strings.Contains(f, "mozilla-legal") {
				locale = strings.TrimSuffix(filepath.Base(f), ".md")
			}
			exports = add(exports, f, locale, true)
		}
		readWithPikepdf(t, py, exports)
	})
}

// readWithPikepdf runs testdata/pikepdf_catalog.py over the exports, once
// for all, and checks each report.
func readWithPikepdf(t *testing.T, py string, exports []pikeExport) {
	t.Helper()
	dir := t.TempDir()
	args := []string{"testdata/pikepdf_catalog.py"}
	for i, e := range exports {
		f := filepath.Join(dir, strconv.Itoa(i)+".pdf")
		if err := os.WriteFile(f, e.data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("pikepdf_catalog.py: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	i := 0
	for ; sc.Scan(); i++ {
		if i >= len(exports) {
			t.Fatalf("more reports than files: %s", sc.Text())
		}
		var r pikeReport
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
		checkPikeReport(t, exports[i], r)
	}
	if i != len(exports) {
		t.Fatalf("%d reports for %d files", i, len(exports))
	}
	t.Logf("pikepdf read %d PDFs", len(exports))
}

func checkPikeReport(t *testing.T, e pikeExport, r pikeReport) {
	t.Helper()
	bad := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{e.name}, args...)...)
	}
	if r.Version != "1.7" {
		bad("PDF version %s, want 1.7", r.Version)
	}
	if !r.Marked || !r.DisplayDocTitle {
		bad("MarkInfo /Marked %v, ViewerPreferences /DisplayDocTitle %v; want both true", r.Marked, r.DisplayDocTitle)
	}
	locale := e.doc.Meta.Locale
	if locale == "" {
		locale = "en"
	}
	if r.Lang == nil || *r.Lang != locale {
		bad("catalog /Lang %v, want %s", r.Lang, locale)
	}
	if st := r.StructTree; st == nil {
		bad("no structure tree")
	} else if st.Type != "StructTreeRoot" || st.First != "Document" || !st.ParentTree || st.Elements < 3 {
		bad("structure tree: type %s, first element %s, parent tree %v, %d elements", st.Type, st.First, st.ParentTree, st.Elements)
	}
	dests := map[string]bool{}
	for _, d := range r.Dests {
		dests[d] = true
	}
	for _, id := range destIDs(e.doc) {
		if !dests[id] {
			bad("no named destination %q (has %d)", id, len(r.Dests))
		}
	}
	if e.source == nil {
		if len(r.Attachments) != 0 {
			bad("%d associated files without --embed-source", len(r.Attachments))
		}
		return
	}
	if len(r.Attachments) != 1 {
		bad("%d associated files, want the source", len(r.Attachments))
		return
	}
	a := r.Attachments[0]
	md := md5.Sum(e.source)
	sha := sha256.Sum256(e.source)
	if a.Relationship != "Source" || a.MIME != "text/markdown" || !a.InNameTree {
		bad("associated file: relationship %s, MIME %s, in the embedded files %v", a.Relationship, a.MIME, a.InNameTree)
	}
	if a.Size == nil || *a.Size != len(e.source) {
		bad("associated file /Size %v, the source has %d bytes", a.Size, len(e.source))
	}
	if a.Checksum != hex.EncodeToString(md[:]) || a.MD5 != a.Checksum {
		bad("associated file /CheckSum %s, its bytes' MD5 %s, the source's %x", a.Checksum, a.MD5, md)
	}
	if a.SHA256 != hex.EncodeToString(sha[:]) {
		bad("the embedded bytes are not the source's (SHA-256 %s, want %x)", a.SHA256, sha)
	}
}

// destIDs returns the ids a PDF of doc must have named destinations for:
// headings, explicit anchors and footnotes.
func destIDs(doc *tree.Document) []string {
	var ids []string
	visit := func(list []tree.Block) {
		tree.Walk(list, func(b tree.Block) bool {
			if h, ok := b.(*tree.Heading); ok && h.ID != "" {
				ids = append(ids, h.ID)
			}
			for _, in := range tree.InlineLists(b) {
				tree.WalkInlines(*in, func(x tree.Inline) {
					if a, ok := x.(*tree.Anchor); ok && a.ID != "" {
						ids = append(ids, a.ID)
					}
				})
			}
			return true
		})
	}
	visit(doc.Blocks)
	for _, f := range doc.Footnotes {
		ids = append(ids, "fn:"+f.ID)
		visit(f.Blocks)
	}
	return ids
}
