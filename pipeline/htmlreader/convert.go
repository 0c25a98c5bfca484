package htmlreader

import (
	"strconv"
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/markdown"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
)

// converter turns DOM nodes into tree nodes. Nesting depth is checked before
// conversion starts (see depth), so its recursion is bounded.
type converter struct {
	line          int  // line of nodes with no line annotation (see lineOf)
	dropLandmarks bool // drop nav/header/footer/aside (the <body> fallback)
	page          bool // a whole page (Read), not a fragment: TitleClass applies

	// Footnotes of a whole page (Read): definitions by target id, in
	// definition order, and the display index given to each on first
	// reference.
	fnByTarget map[string]*footnoteDef
	fnDefs     []*footnoteDef
	fnSections map[*html.Node]bool // footnote sections holding definitions
	fnNext     int

	pluginDates []*tree.Date // dates of the MkDocs revision-date plugin, in order

	// Block containers open (see enter), their limit (0: the default) and
	// the first error of the conversion.
	nesting, maxNesting int
	err                 error
}

// containsLevel reports whether n is a block container that counts as a
// level of nesting against Options.MaxNesting: what Markdown counts (lists,
// quotes, admonitions, tabs) and HTML's own containers (tables, definition
// lists, <details>). Other elements are flattened into their parent's flow.
func containsLevel(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Menu, atom.Dir, atom.Blockquote, atom.Table, atom.Details, atom.Dl:
		return true
	case atom.Div, atom.Aside, atom.Section:
		return hasClass(n, "admonition") || hasClass(n, "tabbed-set") || (n.DataAtom == atom.Section && hasClass(n, "tabs"))
	}
	return false
}

// enter opens a level of nesting at the container n. Past the limit it
// records the error, at n's line, and reports false: the caller leaves n's
// content out (the read fails). Each enter is paired with a leave.
func (c *converter) enter(n *html.Node) bool {
	c.nesting++
	limit := c.maxNesting
	if limit <= 0 {
		limit = markdown.DefaultMaxNesting
	}
	if c.nesting <= limit {
		return true
	}
	if c.err == nil {
		c.err = &NestingError{Line: c.lineOf(n), Msg: "blocks nest too deeply (more than " + strconv.Itoa(limit) +
			" levels, the max_nesting limit); flatten the lists, quotes, tables or admonitions"}
	}
	return false
}

func (c *converter) leave() { c.nesting-- }

type footnoteDef struct {
	node  *html.Node // the <li>
	label string
	index int
}

// pos returns the source position of the block made from n.
func (c *converter) pos(n *html.Node) tree.Pos { return tree.Pos{Line: c.lineOf(n)} }

// flow converts the children of n, a block container: block elements become
// blocks and runs of inline content between them become paragraphs.
func (c *converter) flow(n *html.Node) []tree.Block {
	return c.flowSkip(n, nil)
}

// flowSkip is flow leaving out the children skip selects (skip may be nil).
func (c *converter) flowSkip(n *html.Node, skip func(*html.Node) bool) []tree.Block {
	var out []tree.Block
	var pending []tree.Inline
	var first *html.Node // where the pending inline content starts
	md := markdownInHTML(n)
	flush := func() {
		if p := c.paragraph(first, pending, tree.Attr{}); p != nil {
			out = append(out, p)
		}
		pending, first = nil, nil
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if skip != nil && skip(ch) {
			continue
		}
		switch ch.Type {
		case html.TextNode:
			if md && strings.TrimSpace(ch.Data) != "" {
				blocks := c.markdownText(ch.Data, c.lineOf(ch))
				if len(blocks) == 1 {
					if p, ok := blocks[0].(*tree.Paragraph); ok {
						// Inline Markdown joins the inline content around it.
						if first == nil {
							first = ch
						}
						pending = append(pending, &tree.Text{Text: " "})
						pending = append(pending, p.Content...)
						pending = append(pending, &tree.Text{Text: " "})
						continue
					}
				}
				flush()
				out = append(out, blocks...)
				continue
			}
			if first == nil && strings.TrimSpace(ch.Data) != "" {
				first = ch
			}
			pending = append(pending, &tree.Text{Text: collapseText(ch.Data)})
		case html.ElementNode:
			if c.dropped(ch) {
				continue
			}
			if isBlock(ch) || containsBlock(ch) {
				flush()
				out = append(out, c.block(ch)...)
				continue
			}
			if first == nil {
				first = ch
			}
			pending = c.inline(pending, ch)
		}
	}
	flush()
	return out
}

// paragraph makes a paragraph of list after HTML whitespace processing, or
// returns nil when nothing is left (or only spacing: the <p>&nbsp;</p> of
// CMS exports).
func (c *converter) paragraph(n *html.Node, list []tree.Inline, a tree.Attr) *tree.Paragraph {
	list = normalizeInlines(list)
	if len(list) == 0 || blank(list) {
		return nil
	}
	return &tree.Paragraph{Pos: c.pos(n), Attr: a, Content: list}
}

// block converts one block-level element (or an inline element holding
// blocks) into zero or more blocks.
func (c *converter) block(n *html.Node) []tree.Block {
	if containsLevel(n) {
		defer c.leave()
		if !c.enter(n) {
			return nil
		}
	}
	switch n.DataAtom {
	case atom.P:
		a := tree.Attr{ID: strings.TrimSpace(attr(n, "id"))}
		if p := c.paragraph(n, c.inlineChildren(n), a); p != nil {
			return []tree.Block{p}
		}
		return nil
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if c.page && n.DataAtom == atom.H1 && hasClass(n, TitleClass) {
			// The title galley's HTML export writes above a body that does
			// not show it: the page's <title> carries it (Meta.Title).
			return nil
		}
		level := int(n.Data[1] - '0')
		id := strings.TrimSpace(attr(n, "id"))
		content := normalizeInlines(c.inlineChildren(n))
		if blank(content) && id == "" {
			return nil
		}
		return []tree.Block{&tree.Heading{Pos: c.pos(n), Level: level, ID: id, Attr: tree.Attr{ID: id}, Content: content}}
	case atom.Ul, atom.Ol, atom.Menu, atom.Dir:
		return []tree.Block{c.list(n)}
	case atom.Blockquote:
		return []tree.Block{&tree.Quote{Pos: c.pos(n), Blocks: c.flow(n)}}
	case atom.Pre:
		return []tree.Block{c.codeBlock(n)}
	case atom.Hr:
		return []tree.Block{&tree.ThematicBreak{Pos: c.pos(n)}}
	case atom.Table:
		return c.table(n)
	case atom.Details:
		return []tree.Block{c.details(n)}
	case atom.Dl:
		return c.definitionList(n)
	case atom.Summary, atom.Caption, atom.Dt:
		if p := c.paragraph(n, c.inlineChildren(n), tree.Attr{}); p != nil {
			return []tree.Block{p}
		}
		return nil
	}
	if hasClass(n, "admonition") && (n.DataAtom == atom.Div || n.DataAtom == atom.Aside || n.DataAtom == atom.Section) {
		return []tree.Block{c.admonition(n)}
	}
	if hasClass(n, "tabbed-set") {
		if t := c.tabbedSet(n); t != nil {
			return []tree.Block{t}
		}
	}
	if hasClass(n, "tabs") && n.DataAtom == atom.Section {
		if t := c.tabs(n); t != nil {
			return []tree.Block{t}
		}
	}
	if c.fnSections[n] {
		return nil // read separately into Document.Footnotes
	}
	blocks := c.flow(n)
	if id := strings.TrimSpace(attr(n, "id")); id != "" && len(blocks) > 0 {
		attachID(blocks[0], id)
	}
	return blocks
}

// blank reports whether list holds only white space (no-break spaces
// included) and line breaks.
func blank(list []tree.Inline) bool {
	for _, in := range list {
		switch x := in.(type) {
		case *tree.Text:
			if strings.TrimSpace(x.Text) != "" {
				return false
			}
		case *tree.LineBreak:
		default:
			return false
		}
	}
	return true
}

// attachID keeps the id of a transparent container as an anchor at the start
// of its first block, where the block can carry one.
func attachID(b tree.Block, id string) {
	switch b := b.(type) {
	case *tree.Paragraph:
		b.Content = append([]tree.Inline{&tree.Anchor{ID: id}}, b.Content...)
	case *tree.Heading:
		if b.ID == "" {
			b.ID, b.Attr.ID = id, id
		} else if b.ID != id {
			b.Content = append([]tree.Inline{&tree.Anchor{ID: id}}, b.Content...)
		}
	}
}

// list converts <ul>/<ol>. A list is tight unless one of its items holds a
// <p> element directly (the way CommonMark renders loose lists).
func (c *converter) list(n *html.Node) *tree.List {
	l := &tree.List{Pos: c.pos(n), Tight: true, Marker: "-"}
	if n.DataAtom == atom.Ol {
		l.Ordered, l.Marker, l.Start = true, ".", 1
		if s, err := strconv.Atoi(strings.TrimSpace(attr(n, "start"))); err == nil && s >= 0 && s < 1e9 {
			l.Start = s
		}
	}
	var stray []tree.Inline // content outside any <li>, kept in order as items
	flush := func() {
		if p := c.paragraph(n, stray, tree.Attr{}); p != nil {
			l.Items = append(l.Items, &tree.ListItem{Blocks: []tree.Block{p}})
		}
		stray = nil
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && c.dropped(ch) {
			continue
		}
		if ch.Type == html.ElementNode && ch.DataAtom == atom.Li {
			flush()
			item := &tree.ListItem{}
			if box := taskBox(ch); box != nil {
				checked := hasAttr(box, "checked")
				item.Task = &checked
			}
			item.Blocks = c.flow(ch)
			for x := ch.FirstChild; x != nil; x = x.NextSibling {
				if x.Type == html.ElementNode && x.DataAtom == atom.P {
					l.Tight = false
				}
			}
			l.Items = append(l.Items, item)
			continue
		}
		if ch.Type == html.ElementNode && (isBlock(ch) || containsBlock(ch)) {
			flush()
			l.Items = append(l.Items, &tree.ListItem{Blocks: c.block(ch)})
			continue
		}
		if ch.Type == html.TextNode {
			stray = append(stray, &tree.Text{Text: collapseText(ch.Data)})
		} else if ch.Type == html.ElementNode {
			stray = c.inline(stray, ch)
		}
	}
	flush()
	return l
}

// taskBox returns the checkbox that starts a task list item, if any.
func taskBox(li *html.Node) *html.Node {
	for x := li.FirstChild; x != nil; x = x.NextSibling {
		switch {
		case x.Type == html.TextNode && strings.TrimSpace(x.Data) == "":
			continue
		case x.Type == html.ElementNode && x.DataAtom == atom.Input:
			if strings.EqualFold(attr(x, "type"), "checkbox") {
				return x
			}
			return nil
		case x.Type == html.ElementNode && (x.DataAtom == atom.P || x.DataAtom == atom.Label):
			return taskBox(x)
		}
		return nil
	}
	return nil
}

// codeBlock converts <pre>, taking the language from a language-x or lang-x
// class on its <code>, on itself or on a wrapping highlight <div>.
func (c *converter) codeBlock(n *html.Node) *tree.CodeBlock {
	var sb strings.Builder
	preText(&sb, n)
	text := sb.String()
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	lang := ""
	for x := n.FirstChild; x != nil && lang == ""; x = x.NextSibling {
		if x.Type == html.ElementNode && x.DataAtom == atom.Code {
			lang = languageClass(x)
		}
	}
	if lang == "" {
		lang = languageClass(n)
	}
	if lang == "" && n.Parent != nil && n.Parent.DataAtom == atom.Div {
		lang = languageClass(n.Parent)
	}
	return &tree.CodeBlock{Pos: c.pos(n), Language: lang, Info: lang, Text: text}
}

// preText writes the text of a <pre> verbatim, <br> as a newline.
func preText(sb *strings.Builder, n *html.Node) {
	for x := n.FirstChild; x != nil; x = x.NextSibling {
		switch x.Type {
		case html.TextNode:
			sb.WriteString(x.Data)
		case html.ElementNode:
			if x.DataAtom == atom.Br {
				sb.WriteByte('\n')
				continue
			}
			if droppedElement(x) {
				continue
			}
			preText(sb, x)
		}
	}
}

func languageClass(n *html.Node) string {
	for _, cl := range strings.Fields(attr(n, "class")) {
		for _, prefix := range []string{"language-", "lang-"} {
			if strings.HasPrefix(cl, prefix) && len(cl) > len(prefix) {
				return cl[len(prefix):]
			}
		}
	}
	return ""
}

// details converts <details><summary> into a collapsible admonition whose
// kind is its first class other than "admonition".
func (c *converter) details(n *html.Node) *tree.Admonition {
	a := &tree.Admonition{Pos: c.pos(n), Kind: admonitionKind(n), Collapsible: true, Open: hasAttr(n, "open")}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if a.Title == nil && ch.Type == html.ElementNode && ch.DataAtom == atom.Summary {
			a.Title = normalizeInlines(c.inlineChildren(ch))
			if a.Title == nil {
				a.Title = []tree.Inline{}
			}
			if t, ok := singleText(a.Title); ok && a.Kind != "" && strings.EqualFold(t, a.Kind) {
				a.Title = nil // the default title, as for admonition
			}
			break
		}
	}
	a.Blocks = c.flowSkip(n, func(x *html.Node) bool {
		return x.Type == html.ElementNode && x.DataAtom == atom.Summary
	})
	return a
}

// admonition converts MkDocs' <div class="admonition note"> with its
// <p class="admonition-title">. Without a title element the admonition has no
// title bar (MkDocs writes one whenever a title is shown); a title that is
// the kind's name ("Note" on a note) is the default title (nil).
func (c *converter) admonition(n *html.Node) *tree.Admonition {
	a := &tree.Admonition{Pos: c.pos(n), Kind: admonitionKind(n), Title: []tree.Inline{}}
	var title *html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && hasClass(ch, "admonition-title") {
			title = ch
			break
		}
		if ch.Type == html.ElementNode || (ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "") {
			break
		}
	}
	if title != nil {
		if t := normalizeInlines(c.inlineChildren(title)); t != nil {
			a.Title = t
		}
		// "Note" on a note is the default title MkDocs and galley write.
		if t, ok := singleText(a.Title); ok && a.Kind != "" && strings.EqualFold(t, a.Kind) {
			a.Title = nil
		}
	}
	a.Blocks = c.flowSkip(n, func(x *html.Node) bool { return x == title })
	return a
}

// tabs reads galley's own script-free content tabs back: a
// <section class="tabs"> of <section class="tab" id> each titled by an
// <h4 class="tab-title">. It returns nil when the section holds no tab.
func (c *converter) tabs(n *html.Node) *tree.Tabs {
	t := &tree.Tabs{Pos: c.pos(n)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || c.dropped(ch) {
			continue
		}
		if ch.DataAtom != atom.Section || !hasClass(ch, "tab") {
			return nil
		}
		tab := &tree.Tab{ID: strings.TrimSpace(attr(ch, "id")), Title: []tree.Inline{}}
		var title *html.Node
		for x := ch.FirstChild; x != nil; x = x.NextSibling {
			if x.Type == html.ElementNode && hasClass(x, "tab-title") {
				title = x
				break
			}
		}
		if title != nil {
			if in := normalizeInlines(c.inlineChildren(title)); in != nil {
				tab.Title = in
			}
		}
		tab.Blocks = c.flowSkip(ch, func(x *html.Node) bool { return x == title })
		t.Tabs = append(t.Tabs, tab)
	}
	if len(t.Tabs) == 0 {
		return nil
	}
	return t
}

// singleText returns the text of a list made of one Text node.
func singleText(list []tree.Inline) (string, bool) {
	if len(list) != 1 {
		return "", false
	}
	t, ok := list[0].(*tree.Text)
	if !ok {
		return "", false
	}
	return t.Text, true
}

func admonitionKind(n *html.Node) string {
	for _, cl := range strings.Fields(attr(n, "class")) {
		if cl != "admonition" {
			return strings.ToLower(cl)
		}
	}
	return ""
}

// definitionList turns <dl> into paragraphs: terms in bold, descriptions as
// their blocks.
func (c *converter) definitionList(n *html.Node) []tree.Block {
	var out []tree.Block
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode || c.dropped(ch) {
			continue
		}
		switch ch.DataAtom {
		case atom.Dt:
			content := normalizeInlines(c.inlineChildren(ch))
			if len(content) > 0 {
				out = append(out, &tree.Paragraph{Pos: c.pos(ch), Content: []tree.Inline{&tree.Strong{Content: content}}})
			}
		case atom.Dd:
			out = append(out, c.flow(ch)...)
		default:
			out = append(out, c.block(ch)...)
		}
	}
	return out
}

// blockAtom reports whether elements of atom k start a new block.
func blockAtom(k atom.Atom) bool {
	switch k {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Center, atom.Dd,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol,
		atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot,
		atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Caption, atom.Legend, atom.Search:
		return true
	}
	return false
}

func isBlock(n *html.Node) bool { return n.Type == html.ElementNode && blockAtom(n.DataAtom) }

// containsBlock reports whether an inline element holds block elements
// (<a><div>…</div></a>), in which case it is read as a block container.
func containsBlock(n *html.Node) bool {
	for x := n.FirstChild; x != nil; x = next(n, x) {
		if isBlock(x) && !droppedElement(x) {
			return true
		}
	}
	return false
}

// droppedAtom reports whether elements of atom k never reach the tree,
// content included.
func droppedAtom(k atom.Atom) bool {
	switch k {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe, atom.Object, atom.Embed,
		atom.Applet, atom.Frame, atom.Frameset, atom.Svg, atom.Math, atom.Canvas, atom.Audio, atom.Video,
		atom.Head, atom.Title, atom.Meta, atom.Link, atom.Base, atom.Input, atom.Button, atom.Select,
		atom.Textarea, atom.Option, atom.Datalist, atom.Map, atom.Param, atom.Source, atom.Track,
		atom.Dialog, atom.Slot:
		return true
	}
	return false
}

// droppedElement reports whether n is never converted, in any context.
func droppedElement(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type != html.TextNode
	}
	if n.Namespace != "" || droppedAtom(n.DataAtom) || hasAttr(n, "hidden") {
		return true
	}
	// Heading permalinks (MkDocs' ¶) and footnote back-links.
	if n.DataAtom == atom.A && (hasClass(n, "headerlink") || hasClass(n, "footnote-backref") ||
		hasClass(n, "footnote-back") || attr(n, "role") == "doc-backlink") {
		return true
	}
	return false
}

// dropped is droppedElement plus the page landmarks of the <body> fallback.
func (c *converter) dropped(n *html.Node) bool {
	if droppedElement(n) {
		return true
	}
	if c.dropLandmarks {
		switch n.DataAtom {
		case atom.Nav, atom.Header, atom.Footer:
			return true
		case atom.Aside:
			return !hasClass(n, "admonition")
		}
		switch attr(n, "role") {
		case "navigation", "banner", "contentinfo", "search", "complementary":
			return true
		}
		// "Skip to content" links.
		if n.DataAtom == atom.A && strings.HasPrefix(attr(n, "href"), "#") && strings.Contains(attr(n, "class"), "skip") {
			return true
		}
	} else if n.DataAtom == atom.Nav || attr(n, "role") == "navigation" {
		return true
	}
	return false
}

func hasClass(n *html.Node, class string) bool {
	for _, cl := range strings.Fields(attr(n, "class")) {
		if cl == class {
			return true
		}
	}
	return false
}

// textContent returns all text under n (dropped elements excluded).
func textContent(n *html.Node) string {
	var sb strings.Builder
	for x := n.FirstChild; x != nil; {
		if x.Type == html.TextNode {
			sb.WriteString(x.Data)
		}
		if x.Type == html.ElementNode && x.FirstChild != nil && !droppedElement(x) {
			x = x.FirstChild
			continue
		}
		for x != nil && x != n && x.NextSibling == nil {
			x = x.Parent
		}
		if x == nil || x == n {
			break
		}
		x = x.NextSibling
	}
	return sb.String()
}
