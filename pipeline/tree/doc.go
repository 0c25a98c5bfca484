// Package tree is galley's document model: the format-neutral tree that every
// reader produces and every exporter consumes.
//
// The pipeline is read → tree → resolve → localize → export. Readers (Markdown,
// HTML, galley's JSON) build a *Document; the resolve and localize stages
// rewrite it in place (macros become Date nodes, links get their targets,
// headings get ids, dates get their localized text); exporters walk it and
// never see the parser that built it. This is pandoc's design: one tree in the
// middle, many readers and writers around it.
//
// # Shape
//
// A Document is Meta plus a list of Blocks plus footnote definitions.
// Blocks and Inlines are small structs behind two marker interfaces, so an
// exporter is a type switch:
//
//	for _, b := range doc.Blocks {
//		switch b := b.(type) {
//		case *tree.Heading:   // b.Level, b.ID, b.Content
//		case *tree.Paragraph: // b.Content
//		case *tree.List:      // b.Items, each holding Blocks
//		...
//		}
//	}
//
// Blocks: Heading, Paragraph, List (of ListItem), Quote, CodeBlock, Table,
// ThematicBreak, Admonition, Tabs, HTMLBlock.
// Inlines: Text, Emphasis, Strong, Strikethrough, Code, Link, Image,
// SoftBreak, LineBreak, RawHTML, Anchor, FootnoteRef, Macro, Date.
//
// Text is always the final character data: entities and backslash escapes are
// already decoded, so exporters escape for their own format and nothing else.
//
// # Dates
//
// A Date inline carries the instant, the style it is written in, the locale,
// where the value came from (Provenance) and, after the localize stage, the
// localized text. HTML writes <time datetime="…">text</time>, text and PDF
// write the text, JSON writes both. A Macro inline is a date macro the reader
// recognised ({{git_revision_date_localized}}) that resolve has not yet turned
// into a Date.
//
// # Positions
//
// Blocks carry the 1-based source line they start on (Pos), and links carry
// theirs, so warnings can say file:line.
package tree
