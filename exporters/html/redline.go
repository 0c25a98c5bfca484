package html

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/locales"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Redlines (a document whose Redline is set, made by package redline):
// inserted text is in <ins class="redline">, deleted text in
// <del class="redline"> (so <main> without its <del> elements reads as the
// new version, and without its <ins> elements as the old one); whole blocks
// are wrapped the same way, as <ins class="redline block">. The first
// element of change N carries id="change-N", which the summary in the
// page's <header> links to. Strikethrough formatting is written <s> in a
// redline, so that every <del> is a deletion.

// mark writes an Insert or Delete inline.
func (r *renderer) mark(ins bool, change int, content []tree.Inline) {
	tag := "del"
	if ins {
		tag = "ins"
	}
	r.s("<" + tag + r.changeAttrs(change, "redline") + ">")
	if !ins {
		r.deleted++
		defer func() { r.deleted-- }()
	}
	r.inlines(content)
	r.s("</" + tag + ">")
}

// changeAttrs returns the id (first element of a change only) and class
// attributes of a change's element.
func (r *renderer) changeAttrs(change int, class string) string {
	var sb strings.Builder
	if change > 0 && !r.anchored[change] {
		if r.anchored == nil {
			r.anchored = map[int]bool{}
		}
		r.anchored[change] = true
		sb.WriteString(` id="` + tree.ChangeAnchor(change) + `"`)
	}
	sb.WriteString(` class="` + class + `"`)
	if change > 0 {
		sb.WriteString(` data-change="` + strconv.Itoa(change) + `"`)
	}
	return sb.String()
}

// changeBlock writes a BlockChange: its blocks inside <ins> or <del>.
func (r *renderer) changeBlock(b *tree.BlockChange, tight bool) {
	if len(b.Blocks) == 0 {
		return
	}
	tag := "del"
	if b.Inserted {
		tag = "ins"
	}
	class := "redline block"
	if b.Moved {
		class += " moved"
	}
	r.s("<" + tag + r.changeAttrs(b.Change, class) + ">")
	if !b.Inserted {
		r.deleted++
		defer func() { r.deleted-- }()
	}
	if !tight {
		r.buf.WriteByte('\n')
	}
	r.blocks(b.Blocks, tight)
	r.s("</" + tag + ">\n")
}

// redlineCSS styles the marks so that they read without colour too:
// insertions underlined, deletions struck through, whole blocks with a bar
// in the margin, moved blocks in blue, double-underlined or double-struck,
// with a dashed bar (the edits inside a moved section keep their own marks).
const redlineCSS = `
ins.redline { text-decoration: underline; text-decoration-thickness: 0.08em; text-underline-offset: 0.15em; background: #e6f4ea; color: #0b5e1f; }
del.redline { text-decoration: line-through; text-decoration-thickness: 0.08em; background: #fdecea; color: #a1141d; }
ins.redline.block, del.redline.block { display: block; padding-inline-start: 0.6em; margin-inline-start: -0.9em; border-inline-start: 0.3em solid; }
ins.redline.block { border-color: #1e8e3e; }
del.redline.block { border-color: #d93025; }
ins.redline.moved, del.redline.moved { border-inline-start-style: dashed; border-color: #1a4f8b; text-decoration-style: double; background: #eef3fb; color: #1a4f8b; }
s { text-decoration: line-through; }
header.redline { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.5rem 1rem; border-bottom: 2px solid var(--rule); font-size: 0.95em; }
header.redline .redline-title { font-weight: 650; font-size: 1.2em; margin: 0 0 0.5em; }
header.redline dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0 0 0.8em; }
header.redline dt { font-weight: 600; }
header.redline dd { margin: 0; }
header.redline ol { margin: 0; padding-inline-start: 1.8em; }
header.redline .kind { font-weight: 600; }
@media print {
  ins.redline, del.redline { background: none; }
  header.redline { padding: 0 0 1em; }
}
`

// writeRedlineHeader writes the summary of a redline: the two versions
// with their dates, the sections changed, words added and removed, and a
// link to each change.
func writeRedlineHeader(buf *bytes.Buffer, doc *tree.Document, opts exporters.Options) {
	rl := doc.Redline
	label := func(s string) {
		escape(buf, opts.Label(s))
	}
	buf.WriteString("<header class=\"redline\">\n<p class=\"redline-title\">")
	label(locales.LabelSummaryOfChanges)
	buf.WriteString("</p>\n<dl>\n")
	version := func(name string, v tree.Version) {
		buf.WriteString("<dt>")
		label(name)
		buf.WriteString("</dt><dd><code>")
		escape(buf, v.Label)
		buf.WriteString("</code>")
		if v.Date != nil {
			buf.WriteString(`, <time datetime="` + dateAttr(v.Date) + `">`)
			escape(buf, v.Date.Text)
			buf.WriteString("</time>")
		}
		if v.Commit != "" {
			buf.WriteString(" (")
			label(locales.LabelCommit)
			buf.WriteString(" <code>")
			escape(buf, v.Commit[:min(len(v.Commit), 12)])
			buf.WriteString("</code>)")
		}
		buf.WriteString("</dd>\n")
	}
	version(locales.LabelOldVersion, rl.Old)
	version(locales.LabelNewVersion, rl.New)
	if len(rl.Changes) == 0 {
		buf.WriteString("</dl>\n<p>")
		label(locales.LabelNoChanges)
		buf.WriteString("</p>\n</header>\n")
		return
	}
	var secs []tree.SectionRef
	for _, s := range rl.Sections {
		if s.Title != "" {
			secs = append(secs, s)
		}
	}
	if len(secs) > 0 {
		buf.WriteString("<dt>")
		label(locales.LabelSectionsChanged)
		buf.WriteString("</dt><dd>")
		for i, s := range secs {
			if i > 0 {
				label(locales.LabelSectionSeparator)
			}
			if s.ID != "" {
				buf.WriteString(`<a href="#`)
				escape(buf, s.ID)
				buf.WriteString(`">`)
				escape(buf, s.Title)
				buf.WriteString("</a>")
			} else {
				escape(buf, s.Title)
			}
		}
		buf.WriteString("</dd>\n")
	}
	buf.WriteString("<dt>")
	label(locales.LabelWords)
	buf.WriteString("</dt><dd>")
	escape(buf, opts.Label(locales.LabelWordsAddedRemoved, rl.WordsAdded, rl.WordsRemoved))
	buf.WriteString("</dd>\n</dl>\n<ol class=\"redline-changes\">\n")
	for _, c := range rl.Changes {
		buf.WriteString(`<li><a href="#` + tree.ChangeAnchor(c.Number) + `">`)
		writeChangeTitle(buf, c, opts)
		buf.WriteString("</a>")
		if c.Section.Title != "" {
			buf.WriteString(" (")
			escape(buf, c.Section.Title)
			buf.WriteString(")")
		}
		buf.WriteString(": ")
		escape(buf, excerpt(c))
		buf.WriteString("</li>\n")
	}
	buf.WriteString("</ol>\n</header>\n")
}

// writeChangeTitle writes the title of a change in the summary, the words
// of its kind in a span of class "kind" and what changed after or before
// them, as the label puts it: <span class="kind">Inserted</span> paragraph,
// or <span class="kind">Eingefügt:</span> Absatz.
func writeChangeTitle(buf *bytes.Buffer, c tree.Change, opts exporters.Options) {
	const slot = "\x00"
	before, after, ok := strings.Cut(opts.Label(exporters.ChangeLabel(c.Kind), slot), slot)
	if !ok {
		escape(buf, opts.ChangeTitle(c))
		return
	}
	kind := func(s string) {
		if s != "" {
			buf.WriteString(`<span class="kind">`)
			escape(buf, s)
			buf.WriteString("</span>")
		}
	}
	words := strings.TrimRight(before, " \u00a0")
	kind(words)
	escape(buf, before[len(words):])
	escape(buf, opts.BlockTitle(c.Block))
	words = strings.TrimLeft(after, " \u00a0")
	escape(buf, after[:len(after)-len(words)])
	kind(words)
}

// excerpt is a short text of a change for the summary.
func excerpt(c tree.Change) string {
	text := c.New
	if c.Kind == tree.ChangeDeleted {
		text = c.Old
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 100 {
		text = string(r[:99]) + "…"
	}
	return text
}

// deletedID returns the id to write for id: inside deleted content
// "deleted-" + id, so that a heading or anchor the new version keeps (a
// moved section, a heading whose level changed) has one element with its id.
func (r *renderer) deletedID(id string) string {
	if r.deleted > 0 {
		return "deleted-" + id
	}
	return id
}
