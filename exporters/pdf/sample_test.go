package pdf

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/galleydoc/galley/pipeline/tree"
)

func txt(s string) *tree.Text { return &tree.Text{Text: s} }

func para(line int, in ...tree.Inline) *tree.Paragraph {
	return &tree.Paragraph{Pos: tree.Pos{Line: line}, Content: in}
}

func cell(s string) *tree.Cell {
	return &tree.Cell{Blocks: []tree.Block{para(0, txt(s))}}
}

func boolp(b bool) *bool { return &b }

// kitchenSink builds a document holding every node type of the tree.
func kitchenSink() *tree.Document {
	rev := time.Date(2025, 12, 16, 10, 30, 0, 0, time.UTC)
	long := strings.Repeat("Mozilla collects and processes information to provide and improve its products. ", 6)
	var rows []*tree.Row
	for i := 1; i <= 40; i++ {
		rows = append(rows, &tree.Row{Cells: []*tree.Cell{
			cell("Category " + strings.Repeat("I", i%4+1)),
			cell("Technical data such as IP address, browser type, language settings and operating system, kept for row " + time.Duration(i).String()),
			{Blocks: []tree.Block{&tree.List{Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(0, txt("To provide the service"))}},
				{Blocks: []tree.Block{para(0, txt("To keep it secure"))}},
			}, Tight: true}}},
		}})
	}
	return &tree.Document{
		Meta: tree.Meta{
			Title: "Privacy Notice", Locale: "en", Direction: "ltr",
			Source:      tree.Source{Path: "notice.md", Format: "markdown"},
			Revision:    &tree.DateInfo{Time: rev, Source: tree.FromFlag},
			FrontMatter: map[string]any{"author": "Galley Test Author", "publisher": "Galley Foundation"},
		},
		Blocks: []tree.Block{
			&tree.Heading{Pos: tree.Pos{Line: 1}, Level: 1, ID: "privacy-notice", Content: []tree.Inline{txt("Privacy Notice")}},
			para(3, txt("Last updated "), &tree.Strong{Content: []tree.Inline{&tree.Date{Time: rev, Style: tree.StyleDate, Locale: "en", Text: "December 16, 2025"}}}),
			para(5, txt("This notice explains "), &tree.Strong{Content: []tree.Inline{txt("what we collect")}},
				txt(", "), &tree.Emphasis{Content: []tree.Inline{txt("why we collect it")}}, txt(" and "),
				&tree.Strong{Content: []tree.Inline{&tree.Emphasis{Content: []tree.Inline{txt("how you can control it")}}}},
				txt(". Read the "), &tree.Code{Text: "privacy.json"}, txt(" file or "),
				&tree.Link{URL: "https://www.mozilla.org/privacy/", Target: "https://www.mozilla.org/privacy/", Content: []tree.Inline{txt("our website")}},
				txt(", or jump to "), &tree.Link{URL: "#your-rights", Target: "#your-rights", Internal: true, Content: []tree.Inline{txt("your rights")}},
				txt("."), &tree.FootnoteRef{ID: "1", Index: 1}, &tree.SoftBreak{},
				&tree.Strikethrough{Content: []tree.Inline{txt("Old wording removed.")}}, &tree.LineBreak{},
				txt("A long address: https://example.com/a/very/long/path/that/does/not/fit/on/one/line/at/all/because/it/keeps/going/and/going/index.html?query=1&other=2"),
				txt(" Non\u00a0breaking\u202fspaces, zero\u200bwidth, soft\u00adhyphen."),
			),
			&tree.Heading{Pos: tree.Pos{Line: 10}, Level: 2, ID: "what-we-collect", Content: []tree.Inline{txt("1. What we collect")}},
			para(12, txt(long)),
			&tree.List{Pos: tree.Pos{Line: 14}, Tight: true, Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(14, txt("Account data: email address and display name."))}},
				{Blocks: []tree.Block{para(15, txt("Usage data, including:")), &tree.List{Tight: true, Items: []*tree.ListItem{
					{Blocks: []tree.Block{para(16, txt("Interaction data"))}},
					{Blocks: []tree.Block{para(17, txt("Technical data")), &tree.List{Tight: true, Items: []*tree.ListItem{
						{Blocks: []tree.Block{para(18, txt("Third level"))}},
					}}}},
				}}}},
			}},
			&tree.List{Pos: tree.Pos{Line: 20}, Ordered: true, Start: 7, Marker: ".", Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(20, txt("Seventh item, loose list."))}},
				{Blocks: []tree.Block{para(21, txt("Eighth item."))}},
			}},
			&tree.List{Pos: tree.Pos{Line: 23}, Tight: true, Items: []*tree.ListItem{
				{Task: boolp(true), Blocks: []tree.Block{para(23, txt("Done task"))}},
				{Task: boolp(false), Blocks: []tree.Block{para(24, txt("Open task"))}},
			}},
			&tree.Quote{Pos: tree.Pos{Line: 26}, Blocks: []tree.Block{para(26, txt("A quoted statement from the policy team. "+long))}},
			&tree.Admonition{Pos: tree.Pos{Line: 28}, Kind: "note", Blocks: []tree.Block{para(29, txt("Notes get a title bar with the localized kind."))}},
			&tree.Admonition{Pos: tree.Pos{Line: 31}, Kind: "warning", Title: []tree.Inline{txt("Be careful")}, Blocks: []tree.Block{
				para(32, txt("Warnings are boxed too.")),
				&tree.CodeBlock{Pos: tree.Pos{Line: 33}, Language: "sh", Text: "galley export --format pdf docs/\n"},
			}},
			&tree.Tabs{Pos: tree.Pos{Line: 35}, Tabs: []*tree.Tab{
				{ID: "github-actions", Title: []tree.Inline{txt("GitHub Actions")}, Blocks: []tree.Block{para(36, txt("Use the action."))}},
				{ID: "gitlab-cicd", Title: []tree.Inline{txt("GitLab CI/CD")}, Blocks: []tree.Block{para(38, txt("Use the job."))}},
			}},
			&tree.CodeBlock{Pos: tree.Pos{Line: 40}, Language: "go", Text: "package main\n\nfunc main() {\n\tprintln(\"hello, world — a very long line of code that must wrap because it is far wider than the text block of the page\")\n}\n"},
			&tree.Heading{Pos: tree.Pos{Line: 46}, Level: 2, ID: "your-rights", Content: []tree.Inline{txt("2. Your rights")}},
			&tree.Table{Pos: tree.Pos{Line: 48}, Aligns: []tree.Align{tree.AlignLeft, tree.AlignDefault, tree.AlignDefault},
				Head: []*tree.Row{{Cells: []*tree.Cell{cell("Category"), cell("Data"), cell("Purpose")}}},
				Body: rows},
			&tree.ThematicBreak{Pos: tree.Pos{Line: 90}},
			para(92, &tree.Image{URL: "testdata/gradient.png", Alt: "A gradient", Line: 92}),
			para(94, &tree.Image{URL: "testdata/missing.png", Alt: "Missing picture", Line: 94}),
			para(95, &tree.Image{URL: "testdata/corrupt.png", Alt: "Corrupt picture", Line: 95}),
			&tree.HTMLBlock{Pos: tree.Pos{Line: 96}, HTML: "<table><tr><td>x</td></tr></table>", Blocks: []tree.Block{
				&tree.Table{Pos: tree.Pos{Line: 96}, Aligns: []tree.Align{"", ""}, Head: []*tree.Row{{Cells: []*tree.Cell{cell(""), cell("")}}},
					Body: []*tree.Row{{Cells: []*tree.Cell{cell("From HTML"), {Blocks: []tree.Block{para(0, &tree.Anchor{ID: "html-anchor"}, txt("Anchored cell"))}}}}}},
			}},
			&tree.Heading{Pos: tree.Pos{Line: 100}, Level: 4, ID: "deep", Content: []tree.Inline{txt("A level-four heading")}},
			para(101, txt("Greek: Πολιτική απορρήτου. Russian: Уведомление о конфиденциальности. Japanese: プライバシー通知。Chinese: 隐私声明。Korean: 개인정보 처리방침. Hebrew: פרטיות. Arabic: الخصوصية. Hindi: गोपनीयता. Thai: ความเป็นส่วนตัว. Arrow →, check ✓, emoji 😀, Linear B 𐀀, private \ue000.")),
			para(102, &tree.Link{URL: "#html-anchor", Target: "#html-anchor", Internal: true, Content: []tree.Inline{txt("Back to the anchored cell")}},
				&tree.RawHTML{HTML: "<br>"}, &tree.Macro{Name: "git_revision_date_localized", Raw: "{{git_revision_date_localized}}"}),
		},
		Footnotes: []*tree.Footnote{{ID: "1", Index: 1, Blocks: []tree.Block{para(200, txt("The footnote text, set at the end of the document."))}}},
	}
}

// mediaOf reads the local images of doc from the package directory, as the
// pipeline does before it calls an exporter (tree.Media).
func mediaOf(doc *tree.Document) *tree.Media {
	m := &tree.Media{}
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				img, ok := in.(*tree.Image)
				if !ok {
					return
				}
				data, err := os.ReadFile(filepath.FromSlash(img.URL))
				if err != nil {
					return
				}
				m.Add(img.URL, &tree.MediaFile{Path: img.URL, Data: data, Type: http.DetectContentType(data)})
			})
		}
		return true
	})
	return m
}
