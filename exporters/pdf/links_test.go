package pdf

import (
	"bytes"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestPageLinks: a link to another page of the set points at that page's
// PDF, clickable; other relative links are text only.
func TestPageLinks(t *testing.T) {
	link := func(url, target, ext, text string) tree.Inline {
		return &tree.Link{URL: url, Target: target, PageExt: ext, Content: []tree.Inline{txt(text)}}
	}
	doc := &tree.Document{Blocks: []tree.Block{para(1,
		link("terms.md#use", "terms.html#use", "html", "Terms"), txt(" and "),
		link("notes.txt", "notes.txt", "", "notes"))}}
	data, _ := export(t, doc, exporters.Options{})
	if !bytes.Contains(data, []byte("/URI (terms.pdf#use)")) {
		t.Error("no link to terms.pdf#use")
	}
	if bytes.Contains(data, []byte("terms.html")) || bytes.Contains(data, []byte("/URI (notes.txt)")) {
		t.Error("a link points at the HTML export or at a file outside the set")
	}
}
