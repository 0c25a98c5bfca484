package galley_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/galleydoc/galley"
)

const notice = `---
title: Privacy notice
---
# Privacy notice

Last updated **{{git_revision_date_localized}}**

## What we collect

Your *email* address, to send you the newsletter.
`

// Convert one Markdown document to plain text in German. The date macro is
// written the locale's way.
func ExampleConvert() {
	txt, err := galley.Convert(context.Background(), strings.NewReader(notice), galley.Options{
		To:       "txt",
		Locale:   "de",
		Settings: galley.Settings{Date: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC), TextWidth: 40},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(txt))
	// Output:
	// Privacy notice
	// ==============
	//
	// Last updated 16. Dezember 2025
	//
	// What we collect
	// ---------------
	//
	// Your email address, to send you the
	// newsletter.
}

// An HTML fragment (the body alone) for a page of one's own. Warnings, such
// as what the sanitizer removed, go to Warn with their line.
func ExampleConvert_htmlFragment() {
	src := "# Terms\n\nRead <a href=\"#use\" onclick=\"track()\">the rules</a>.\n"
	html, err := galley.Convert(context.Background(), strings.NewReader(src), galley.Options{
		Fragment: true,
		Settings: galley.Settings{Warn: func(w galley.Warning) {
			fmt.Printf("warning on line %d: %s\n", w.Line, w.Code) // w.String() is "<input>:3: raw HTML …"
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(html))
	// Output:
	// warning on line 3: sanitized
	// <h1 id="terms">Terms</h1>
	// <p>Read <a href="#use">the rules</a>.</p>
}

// Read galley's JSON tree with encoding/json: the headings of a document
// and the date its macro resolved to.
func ExampleConvert_readJSONTree() {
	data, err := galley.Convert(context.Background(), strings.NewReader(notice), galley.Options{
		To:       "json",
		Settings: galley.Settings{Date: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		log.Fatal(err)
	}
	// The fields this program needs; the schema (galley.JSONSchema) has all.
	var doc struct {
		Schema string `json:"schema"`
		Meta   struct {
			Title    string `json:"title"`
			Revision struct {
				Date   string `json:"date"`
				Source string `json:"source"`
			} `json:"revision"`
		} `json:"meta"`
		Blocks []struct {
			Type    string `json:"type"`
			Level   int    `json:"level"`
			ID      string `json:"id"`
			Content []struct {
				Text string `json:"text"`
			} `json:"content"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Schema, doc.Meta.Title, doc.Meta.Revision.Date, "from", doc.Meta.Revision.Source)
	for _, b := range doc.Blocks {
		if b.Type == "heading" {
			fmt.Printf("h%d #%s %s\n", b.Level, b.ID, b.Content[0].Text)
		}
	}
	// Output:
	// galley/v1 Privacy notice 2025-12-16 from flag
	// h1 #privacy-notice Privacy notice
	// h2 #what-we-collect What we collect
}

// Export a folder of notices and their translations in two formats and two
// locales, with a manifest, as `galley export` does.
func ExampleExport() {
	src, err := os.MkdirTemp("", "notices")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(src)
	files := map[string]string{
		"privacy.md":     notice,
		"privacy.de.md":  "# Datenschutzhinweis\n\nStand: **{{git_revision_date_localized}}**\n",
		"legal/terms.md": "# Terms of use\n\nBe nice.\n",
	}
	for name, text := range files {
		os.MkdirAll(filepath.Join(src, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	out := filepath.Join(src, "out")

	report, err := galley.Export(context.Background(), []string{src}, out, galley.ExportOptions{
		Formats:  []string{"txt", "json"},
		Locales:  []string{"en", "de"},
		Settings: galley.Settings{Date: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d documents, %d files written, %d failures\n", report.Documents, report.Written, len(report.Failures))
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			fmt.Println(filepath.ToSlash(rel))
		}
		return err
	})
	german, _ := os.ReadFile(filepath.Join(out, "de", "privacy.txt"))
	fmt.Print(string(german))
	// Output:
	// 2 documents, 8 files written, 0 failures
	// de/legal/terms.json
	// de/legal/terms.txt
	// de/privacy.json
	// de/privacy.txt
	// en/legal/terms.json
	// en/legal/terms.txt
	// en/privacy.json
	// en/privacy.txt
	// manifest.json
	// Datenschutzhinweis
	// ==================
	//
	// Stand: 16. Dezember 2025
}
