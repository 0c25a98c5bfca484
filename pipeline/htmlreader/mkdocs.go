package htmlreader

import (
	"strings"

	"github.com/galleydoc/galley/internal/nethtml"
	"github.com/galleydoc/galley/pipeline/tree"
	"golang.org/x/net/html/atom"
)

// tabbedSet reads the content tabs pymdownx.tabbed writes into MkDocs pages:
//
//	<div class="tabbed-set"> <input id="__tabbed_1_1"> <label for="__tabbed_1_1">Title</label>
//	  <div class="tabbed-content">…</div> …            (classic layout)
//	<div class="tabbed-set tabbed-alternate"> <input>… <div class="tabbed-labels"><label>…</label>…</div>
//	  <div class="tabbed-content"><div class="tabbed-block">…</div>…</div>   (alternate layout)
//
// A tab keeps the id of its radio input when it is a slug (pymdownx's
// slugify option), not the generated __tabbed_N_M. It returns nil when the
// set holds no content.
func (c *converter) tabbedSet(n *html.Node) *tree.Tabs {
	var labels []*html.Node
	var bodies []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		switch {
		case ch.DataAtom == atom.Label:
			labels = append(labels, ch)
		case hasClass(ch, "tabbed-labels"):
			for l := ch.FirstChild; l != nil; l = l.NextSibling {
				if l.Type == html.ElementNode && l.DataAtom == atom.Label {
					labels = append(labels, l)
				}
			}
		case hasClass(ch, "tabbed-content"):
			blocks := 0
			for b := ch.FirstChild; b != nil; b = b.NextSibling {
				if b.Type == html.ElementNode && hasClass(b, "tabbed-block") {
					bodies = append(bodies, b)
					blocks++
				}
			}
			if blocks == 0 {
				bodies = append(bodies, ch)
			}
		}
	}
	if len(bodies) == 0 {
		return nil
	}
	t := &tree.Tabs{Pos: c.pos(n)}
	for i, body := range bodies {
		tab := &tree.Tab{Title: []tree.Inline{}, Blocks: c.flow(body)}
		if i < len(labels) {
			if in := normalizeInlines(c.inlineChildren(labels[i])); in != nil {
				tab.Title = in
			}
			if id := strings.TrimSpace(attr(labels[i], "for")); id != "" && !strings.HasPrefix(id, "__tabbed_") {
				tab.ID = id
			}
		}
		t.Tabs = append(t.Tabs, tab)
	}
	return t
}

// revisionPluginClass marks the date spans of
// mkdocs-git-revision-date-localized-plugin.
const revisionPluginClass = "git-revision-date-localized-plugin"

// pluginDate reads a date span of mkdocs-git-revision-date-localized-plugin:
// its datetime attribute (the timeago type) or its text when that is an ISO
// date (the iso_date and iso_datetime types). Localized texts ("December
// 16, 2025") are kept as text. The first such date sets Meta.Revision when no
// leading "last updated" line does (MkDocs Material shows it at the page's
// end).
func (c *converter) pluginDate(n *html.Node) (*tree.Date, bool) {
	if !strings.Contains(attr(n, "class"), revisionPluginClass) {
		return nil, false
	}
	text := textLine(textContent(n))
	dt := attr(n, "datetime")
	if dt == "" { // timeago: <span class="timeago" datetime="…"> inside
		if x := findFunc(n, func(x *html.Node) bool { return x.Type == html.ElementNode && hasAttr(x, "datetime") }); x != nil {
			dt = attr(x, "datetime")
		}
	}
	t, ok := parseDate(dt)
	if !ok {
		t, ok = parseDate(text)
	}
	if !ok {
		return nil, false
	}
	style := tree.StyleDate
	if len(text) > 10 {
		style = tree.StyleDateTime
	}
	d := &tree.Date{Time: t, Style: style, Source: tree.FromDocument, Text: text}
	c.pluginDates = append(c.pluginDates, d)
	return d, true
}
