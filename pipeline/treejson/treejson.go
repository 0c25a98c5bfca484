// Package treejson is galley's JSON form of the document tree: a documented,
// versioned schema that filters and other tools can read and write, the way
// pandoc's JSON AST is.
//
// Encode writes a document; Decode (and Read, the `--from json` reader)
// reads one back exactly: encode → decode → encode is byte-identical. The
// JSON Schema (draft 2020-12) is embedded (Schema) and kept in the
// repository as schema/galley-v1.schema.json.
//
// # Format
//
// The top level is
//
//	{"schema": "galley/v1", "meta": {…}, "blocks": […], "footnotes": […]}
//
// Keys are lower snake_case. Every block and inline is an object whose first
// key, "type", names the node; the other keys follow in a fixed order.
// Empty fields are left out (an absent "line" is 0, an absent list is empty,
// an absent flag is false), so the output stays small. The output is
// indented by two spaces, ends with a newline, and is byte-identical for the
// same tree.
//
// meta: title, locale, direction, source {path, format, sha256}, revision
// and creation {time, date, source, commit} (time is RFC 3339 with
// nanoseconds, date the ISO date in the same offset, source the provenance:
// flag, front-matter, git, source-epoch, build or document), translation
// {fallback, source_locale, source_path}, front_matter (the YAML front
// matter as JSON; YAML timestamps become RFC 3339 strings, which read back
// as times; integral floats keep a ".0").
//
// Blocks ("type": fields):
//
//	heading:        line, level, id, attr, content
//	paragraph:      line, attr, content
//	list:           line, ordered, start, tight, marker, items [{task, checked, blocks}]
//	quote:          line, blocks
//	code_block:     line, language, info, text
//	table:          line, align ["", "left", "center", "right" per column],
//	                head and body (rows; a row is an array of cells
//	                {blocks, colspan, rowspan})
//	thematic_break: line
//	admonition:     line, kind, title, collapsible, open, blocks
//	                (no title key: the default title; "title": []: no title)
//	tabs:           line, tabs [{id, title, blocks}]
//	html_block:     line, html, blocks
//
// Inlines:
//
//	text:          text
//	emphasis, strong, strikethrough: content
//	code:          text
//	link:          url, title, target, internal, page_ext, autolink, line,
//	               content (page_ext: target is another page of the set,
//	               given this extension; other formats' exports use theirs)
//	image:         url, title, alt, attr, line
//	soft_break, line_break
//	raw_html:      html
//	anchor:        id
//	footnote_ref:  id, index
//	macro:         name, raw, line
//	date:          time, date, style, format, locale, source, commit, text
//
// attr is {id, classes [...], pairs [[key, value], ...]}. footnotes are
// {id, index, blocks}. An ordered list always has "start".
//
// # Versions
//
// The schema string is "galley/v1". A reader of galley/v1 reads any
// galley/v1.N (minor versions only add optional keys, which are ignored) and
// refuses other major versions with a clear error. Wrong types and unknown
// node types are errors that give the JSON path of the problem, such as
// `$.blocks[3].content[0].type`.
package treejson

import (
	_ "embed"
)

// SchemaID is the schema name and version written by Encode.
const SchemaID = "galley/v1"

//go:embed schema/galley-v1.schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the galley/v1 format.
func Schema() []byte { return append([]byte(nil), schemaJSON...) }

//go:embed schema/galley-diff-v1.schema.json
var diffSchemaJSON []byte

// DiffSchema returns the JSON Schema (draft 2020-12) of galley-diff/v1, the
// JSON form of a redline (galley diff -t json): it refers to the galley/v1
// schema (Schema) for the redline tree.
func DiffSchema() []byte { return append([]byte(nil), diffSchemaJSON...) }
