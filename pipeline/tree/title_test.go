package tree

import "testing"

func h1(text string) *Heading {
	return &Heading{Level: 1, Content: []Inline{&Text{Text: text}}}
}

func para(text string) *Paragraph { return &Paragraph{Content: []Inline{&Text{Text: text}}} }

func TestTitleRule(t *testing.T) {
	comment := &HTMLBlock{HTML: "<!-- lint -->"}
	cases := []struct {
		name      string
		doc       *Document
		opening   string // text of OpeningTitle's heading
		rest      int
		showsTitl bool
	}{
		{"opens with H1", &Document{Meta: Meta{Title: "Privacy"}, Blocks: []Block{h1("Privacy"), para("x")}}, "Privacy", 1, true},
		{"comment then H1", &Document{Meta: Meta{Title: "Privacy"}, Blocks: []Block{comment, h1("Privacy"), para("x")}}, "Privacy", 2, true},
		{"front-matter title, no H1", &Document{Meta: Meta{Title: "Terms"}, Blocks: []Block{para("x")}}, "", 1, false},
		{"front-matter title, other H1 later", &Document{Meta: Meta{Title: "Terms"}, Blocks: []Block{para("x"), h1("Annex")}}, "", 2, false},
		{"title is a later H1", &Document{Meta: Meta{Title: "Annex"}, Blocks: []Block{para("x"), h1("Annex")}}, "", 2, true},
		{"H1 inside an HTML block", &Document{Meta: Meta{Title: "T"}, Blocks: []Block{&HTMLBlock{HTML: "<h1>T</h1><p>x</p>", Blocks: []Block{h1("T"), para("x")}}}}, "T", 1, true},
		{"H2 first", &Document{Meta: Meta{Title: "T"}, Blocks: []Block{&Heading{Level: 2, Content: []Inline{&Text{Text: "T"}}}}}, "", 1, true},
	}
	for _, c := range cases {
		h, rest := OpeningTitle(c.doc.Blocks)
		got := ""
		if h != nil {
			got = PlainText(h.Content)
		}
		if got != c.opening || len(rest) != c.rest {
			t.Errorf("%s: OpeningTitle = %q with %d blocks left, want %q and %d", c.name, got, len(rest), c.opening, c.rest)
		}
		if c.name == "H2 first" {
			continue // an H2 with the title's text is not a title heading
		}
		if s := ShowsTitle(c.doc); s != c.showsTitl {
			t.Errorf("%s: ShowsTitle = %v, want %v", c.name, s, c.showsTitl)
		}
	}
	// The HTML block keeps what follows the heading, and the input is untouched.
	hb := &HTMLBlock{HTML: "<h1>T</h1><p>x</p>", Blocks: []Block{h1("T"), para("x")}}
	_, rest := OpeningTitle([]Block{hb})
	if inner := rest[0].(*HTMLBlock); len(inner.Blocks) != 1 || len(hb.Blocks) != 2 {
		t.Errorf("HTML block: %d blocks left, original %d", len(inner.Blocks), len(hb.Blocks))
	}
}

func TestDisplayTitle(t *testing.T) {
	for _, c := range []struct {
		doc  *Document
		want string
	}{
		{&Document{Meta: Meta{Title: " Notice "}}, "Notice"},
		{&Document{Blocks: []Block{para("x"), h1("Heading")}}, "Heading"},
		{&Document{Meta: Meta{Source: Source{Path: "legal/privacy.fr.md"}}}, "privacy.fr"},
		{&Document{}, "Untitled"},
	} {
		if got := DisplayTitle(c.doc); got != c.want {
			t.Errorf("DisplayTitle = %q, want %q", got, c.want)
		}
	}
}
