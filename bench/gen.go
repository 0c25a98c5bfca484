// Package bench holds galley's performance work: generators for the
// benchmark inputs (a 1 MB document and a batch of 1,000 notices, made from
// the built-in example notices so nothing from the corpus is committed), Go
// benchmarks of every pipeline stage and of whole runs, and, in
// bench/peers, the program behind `task bench` that times galley against
// pandoc and writes docs/performance.md.
package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/galleydoc/galley/example"
)

// Notice returns the built-in example privacy notice
// (example/notices/privacy-notice.md), about 3 KB of Markdown with front
// matter, a date macro, admonitions, nested lists, a table, a footnote and
// an in-page link.
func Notice() []byte { return mustExample("privacy-notice.md") }

// Cookie returns the built-in example cookie policy, which the notice links
// to.
func Cookie() []byte { return mustExample("cookie-policy.md") }

func mustExample(name string) []byte {
	b, err := fs.ReadFile(example.Notices, example.Root+"/"+name)
	if err != nil {
		// The file is embedded at build time: this cannot happen in a built
		// binary.
		panic(fmt.Sprintf("bench: embedded example %s: %v", name, err))
	}
	return b
}

// splitNotice returns the notice's front matter (with its fences), its H1
// line, and the body after the H1.
func splitNotice(src []byte) (front, h1, body string) {
	s := string(src)
	if strings.HasPrefix(s, "---\n") {
		if end := strings.Index(s[4:], "\n---\n"); end >= 0 {
			front, s = s[:4+end+5], s[4+end+5:]
		}
	}
	if strings.HasPrefix(s, "# ") {
		nl := strings.IndexByte(s, '\n')
		if nl < 0 {
			return front, s, ""
		}
		h1, s = s[:nl+1], s[nl+1:]
	}
	return front, h1, s
}

// Large returns a single Markdown document of at least minBytes: the
// notice's front matter and title once, then its body repeated as numbered
// parts. Each part's headings, footnote labels and in-page links are
// renamed so that ids stay unique and every link resolves, as in a real
// long document. The result is the same for the same minBytes.
func Large(minBytes int) []byte {
	front, h1, body := splitNotice(Notice())
	var buf bytes.Buffer
	buf.Grow(minBytes + len(body))
	buf.WriteString(front)
	buf.WriteString(h1)
	for part := 1; buf.Len() < minBytes; part++ {
		fmt.Fprintf(&buf, "\n## Part %d\n", part)
		p := strings.ReplaceAll(body, "\n## ", fmt.Sprintf("\n### Part %d: ", part))
		p = strings.ReplaceAll(p, "[^law]", fmt.Sprintf("[^law-%d]", part))
		p = strings.ReplaceAll(p, "(#2-information-we-collect)", fmt.Sprintf("(#part-%d-2-information-we-collect)", part))
		buf.WriteString(p)
	}
	return buf.Bytes()
}

// Batch describes a generated tree of notices.
type Batch struct {
	// Dir is the root of the tree.
	Dir string
	// Files are the documents, relative to Dir, slash-separated, sorted.
	Files []string
	// Bytes is the total size of the documents.
	Bytes int64
}

// WriteBatch writes n documents under dir (created if needed): n/2
// organisations, each a folder org-NNNN holding its own privacy notice and
// the cookie policy it links to, with the organisation's name, address and
// dates varied so that no two documents are alike. n is rounded up to an
// even number. The tree is the same for the same n.
func WriteBatch(dir string, n int) (*Batch, error) {
	notice, cookie := string(Notice()), string(Cookie())
	b := &Batch{Dir: dir}
	for org := 1; 2*(org-1) < n; org++ {
		name := fmt.Sprintf("Org %04d", org)
		folder := fmt.Sprintf("org-%04d", org)
		if err := os.MkdirAll(filepath.Join(dir, folder), 0o755); err != nil {
			return nil, fmt.Errorf("bench: writing the batch: %w", err)
		}
		r := strings.NewReplacer(
			"Harbour Lane", name,
			"harbourlane", fmt.Sprintf("org%04d", org),
			"12 Quay Street", fmt.Sprintf("%d Quay Street", org),
			"2026-11-02", fmt.Sprintf("2026-%02d-%02d", 1+org%12, 1+org%28),
			"2026-10-15", fmt.Sprintf("2025-%02d-%02d", 1+org%12, 1+org%28),
		)
		for _, f := range []struct{ name, src string }{{"cookie-policy.md", cookie}, {"privacy-notice.md", notice}} {
			data := r.Replace(f.src)
			rel := folder + "/" + f.name
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(data), 0o644); err != nil {
				return nil, fmt.Errorf("bench: writing the batch: %w", err)
			}
			b.Files = append(b.Files, rel)
			b.Bytes += int64(len(data))
		}
	}
	return b, nil
}
