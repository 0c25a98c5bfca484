package tree

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document is one document: its metadata, its blocks and its footnotes.
type Document struct {
	Meta      Meta
	Blocks    []Block
	Footnotes []*Footnote
	// Redline is set on a redline document (see BlockChange): the two
	// versions it compares and the summary of their changes.
	Redline *Redline
}

// Meta is what galley knows about a document besides its content.
type Meta struct {
	// Title is the document title: front matter `title`, else the first
	// level-1 heading, else the file name.
	Title string
	// Locale is the BCP 47 tag the document is rendered in (e.g. "en", "pt-BR").
	Locale string
	// DateLocale is the CLDR locale whose data writes the dates: "pt" for
	// pt-BR, "es" for ay (matched), "und" (CLDR's root) for a tag CLDR has
	// nothing close to. Empty where the document was not localized.
	DateLocale string
	// Direction is "ltr" or "rtl", from the locale's script.
	Direction string
	// Source describes the input file.
	Source Source
	// Revision and Creation are the document's dates with their provenance;
	// nil where unknown.
	Revision *DateInfo
	Creation *DateInfo
	// Translation says whether the body is a translation for Locale or the
	// default-language body used as a fallback.
	Translation *Translation
	// FrontMatter is the parsed YAML front matter, as decoded (maps have string
	// keys). Nil when the document has none.
	FrontMatter map[string]any
}

// Source identifies the input a document was read from.
type Source struct {
	// Path is the input path relative to its input root, with forward slashes.
	Path string
	// Format is the reader that produced the tree: "markdown", "html" or "json".
	Format string
	// SHA256 is the hex SHA-256 of the input bytes.
	SHA256 string
	// Root is the input root directory (not serialized in exports).
	Root string `json:"-"`
}

// Provenance says where a date came from, in the order galley consults them.
type Provenance string

// Date provenances, in precedence order.
const (
	FromFlag        Provenance = "flag"         // --date
	FromFrontMatter Provenance = "front-matter" // date / revision_date
	FromGit         Provenance = "git"          // author date of the last commit
	FromSourceEpoch Provenance = "source-epoch" // SOURCE_DATE_EPOCH
	FromBuild       Provenance = "build"        // build time (fallback_to_build_date)
	FromDocument    Provenance = "document"     // an explicit date in the text, e.g. {: datetime=… }
)

// DateInfo is a document-level date and where it came from.
type DateInfo struct {
	Time   time.Time
	Source Provenance
	// Commit is the git commit the date was taken from, when Source is git.
	Commit string
	// Text is the date written for the document's locale, in the run's
	// time zone and date style: filled by the localize stage, so every
	// format prints the same words.
	Text string
}

// Translation records which body a localized variant uses.
type Translation struct {
	// Fallback is true when no translation existed for the locale and the
	// default-language body was used.
	Fallback bool
	// SourceLocale is the locale of the body actually used.
	SourceLocale string
	// SourcePath is the path of the body actually used, relative to the root.
	SourcePath string
}

// Pos is a source position: the 1-based line a node starts on (0 = unknown).
type Pos struct {
	Line int
}

// SourceLine returns the 1-based source line, or 0.
func (p Pos) SourceLine() int { return p.Line }

// Attr holds attributes from `{: … }` attribute lists and raw anchors.
type Attr struct {
	ID      string
	Classes []string
	// Pairs are key=value attributes in source order.
	Pairs []KeyValue
}

// KeyValue is one attribute.
type KeyValue struct {
	Key, Value string
}

// Get returns the value of attribute key and whether it is set.
func (a Attr) Get(key string) (string, bool) {
	for _, kv := range a.Pairs {
		if kv.Key == key {
			return kv.Value, true
		}
	}
	return "", false
}

// IsZero reports whether no attribute is set.
func (a Attr) IsZero() bool {
	return a.ID == "" && len(a.Classes) == 0 && len(a.Pairs) == 0
}

// Block is a block-level node. The concrete types are the exported structs of
// this package whose method set includes block().
type Block interface {
	block()
	// SourceLine is the 1-based line the block starts on, or 0.
	SourceLine() int
}

// Inline is an inline node.
type Inline interface {
	inline()
}

// Heading is a section heading.
type Heading struct {
	Pos
	Level   int // 1..6
	ID      string
	Attr    Attr
	Content []Inline
}

// Paragraph is a paragraph of inline content.
type Paragraph struct {
	Pos
	Attr    Attr
	Content []Inline
}

// List is a bulleted or numbered list.
type List struct {
	Pos
	Ordered bool
	// Start is the first number of an ordered list.
	Start int
	// Tight lists render their items' paragraphs without paragraph spacing.
	Tight bool
	// Marker is the source bullet or delimiter ("-", "*", "+", ".", ")").
	Marker string
	Items  []*ListItem
}

// ListItem is one item of a List.
type ListItem struct {
	// Task is nil for an ordinary item, else whether the task box is checked.
	Task   *bool
	Blocks []Block
}

// Quote is a block quotation.
type Quote struct {
	Pos
	Blocks []Block
}

// CodeBlock is verbatim text, fenced or indented.
type CodeBlock struct {
	Pos
	Language string
	// Info is the whole info string of a fenced block.
	Info string
	Text string
}

// Align is a table column alignment.
type Align string

// Column alignments.
const (
	AlignDefault Align = ""
	AlignLeft    Align = "left"
	AlignCenter  Align = "center"
	AlignRight   Align = "right"
)

// Table is a table with optional header rows.
type Table struct {
	Pos
	// Aligns has one entry per column.
	Aligns []Align
	Head   []*Row
	Body   []*Row
}

// Row is one table row.
type Row struct {
	Cells []*Cell
}

// Cell is one table cell. Cells hold blocks so that tables read from HTML can
// contain lists and paragraphs; a GFM cell holds one Paragraph.
type Cell struct {
	Blocks  []Block
	ColSpan int // 0 or 1: no span
	RowSpan int
}

// ThematicBreak is a horizontal rule.
type ThematicBreak struct {
	Pos
}

// Admonition is a call-out box: `!!! note "Title"`, or a collapsible
// `??? warning` block.
type Admonition struct {
	Pos
	// Kind is the admonition type: note, warning, tip, danger, … ("" for a
	// collapsible with no type).
	Kind string
	// Title is the explicit title; nil means the default (the localized kind),
	// and an empty non-nil slice means no title bar.
	Title       []Inline
	Collapsible bool
	// Open is true for `???+` collapsibles that start expanded.
	Open   bool
	Blocks []Block
}

// DefaultTitleKey returns the label key of the title an admonition shows
// when it has none of its own (Title is nil): its kind capitalised as
// Python-Markdown does ("warning" and "WARNING" give "Warning"), "Note" for
// an untyped one. The keys of the common kinds are galley's labels
// (locales.LabelWarning, …) and are translated; others are shown as they
// are. It returns "" when the admonition has its own title, or shows no
// title bar at all (Title empty but not nil, as `!!! note ""` asks).
func (a *Admonition) DefaultTitleKey() string {
	if a.Title != nil {
		return ""
	}
	return KindTitleKey(a.Kind)
}

// KindTitleKey returns the label key of the default title of admonitions
// of kind (see Admonition.DefaultTitleKey): the kind capitalised, "Note"
// for "".
func KindTitleKey(kind string) string {
	kind = strings.TrimSpace(kind)
	if kind == "" {
		return "Note"
	}
	r, n := utf8.DecodeRuneInString(kind)
	return string(unicode.ToUpper(r)) + strings.ToLower(kind[n:])
}

// Tabs is a group of content tabs (`=== "Title"`).
type Tabs struct {
	Pos
	Tabs []*Tab
}

// Tab is one content tab.
type Tab struct {
	ID     string
	Title  []Inline
	Blocks []Block
}

// HTMLBlock is a raw HTML block from the source. HTML is the markup as
// written: the HTML exporter passes it through (--raw-html trusted) or
// sanitizes it (sanitize). Blocks is the same content read into tree nodes by
// the HTML reader (a <table> becomes a Table), which exporters that cannot
// show markup (PDF, text) render instead; it is nil when the content carries
// nothing to show (a comment, a script).
type HTMLBlock struct {
	Pos
	HTML   string
	Blocks []Block
}

// Footnote is a footnote definition.
type Footnote struct {
	// ID is the label from the source ([^label]).
	ID string
	// Index is the 1-based display number, in order of first reference.
	Index  int
	Blocks []Block
}

func (*Heading) block()       {}
func (*Paragraph) block()     {}
func (*List) block()          {}
func (*Quote) block()         {}
func (*CodeBlock) block()     {}
func (*Table) block()         {}
func (*ThematicBreak) block() {}
func (*Admonition) block()    {}
func (*Tabs) block()          {}
func (*HTMLBlock) block()     {}

// Text is plain character data.
type Text struct {
	Text string
}

// Emphasis is emphasized (italic) content.
type Emphasis struct {
	Content []Inline
}

// Strong is strongly emphasized (bold) content.
type Strong struct {
	Content []Inline
}

// Strikethrough is struck-out content.
type Strikethrough struct {
	Content []Inline
}

// Code is inline code.
type Code struct {
	Text string
}

// Link is a hyperlink.
type Link struct {
	// URL is the destination as written in the source.
	URL   string
	Title string
	// Target is the resolved destination for the exported document: a
	// rewritten relative path (page.md → page.html), a "#id" fragment, or
	// the URL unchanged. Empty until the resolve stage runs.
	Target string
	// Internal is true when the target is an anchor in this document.
	Internal bool
	// PageExt is set when Target is another page of the document set: the
	// extension the resolve stage gave it ("html", the HTML export's). The
	// exporters of other formats link to their own export of the page
	// (TargetFor).
	PageExt string
	// Autolink is true for <https://…> and bare URLs.
	Autolink bool
	Line     int
	Content  []Inline
}

// Image is an image reference.
type Image struct {
	URL   string
	Title string
	Alt   string
	Attr  Attr
	Line  int
}

// SoftBreak is a line ending inside a paragraph (rendered as a space or
// newline).
type SoftBreak struct{}

// LineBreak is a hard line break.
type LineBreak struct{}

// RawHTML is inline raw HTML (kept only where the raw-HTML mode allows).
type RawHTML struct {
	HTML string
}

// IsBreak reports whether the raw HTML is a <br> tag: every format shows it
// as a hard line break (postal addresses and table cells in policies use it).
func (r *RawHTML) IsBreak() bool {
	h := strings.ToLower(strings.TrimSpace(r.HTML))
	if !strings.HasPrefix(h, "<br") || !strings.HasSuffix(h, ">") {
		return false
	}
	rest := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(h[3:], ">"), "/"))
	// <br>, <br/>, <br />, and <br class="x"> with attributes.
	return rest == "" || h[3] == ' ' || h[3] == '\t' || h[3] == '\n'
}

// Anchor is a link target with no content: `<a id="x"></a>` or `<a name>`.
type Anchor struct {
	ID string
}

// FootnoteRef is a reference to a footnote definition.
type FootnoteRef struct {
	ID    string
	Index int
}

// Macro is a recognised date macro not yet resolved, such as
// {{git_revision_date_localized}}. Name is the macro name; Raw is the source
// text, written as is when the macro cannot be resolved.
type Macro struct {
	Name string
	Raw  string
	Line int
}

// DateStyle is how a Date is written.
type DateStyle string

// Date styles, as the MkDocs git-revision-date-localized plugin names them
// (date = CLDR long) plus the CLDR widths.
const (
	StyleDate        DateStyle = "date" // CLDR long date
	StyleDateTime    DateStyle = "datetime"
	StyleISODate     DateStyle = "iso_date"
	StyleISODateTime DateStyle = "iso_datetime"
	StyleCustom      DateStyle = "custom"
	StyleFull        DateStyle = "full"
	StyleLong        DateStyle = "long"
	StyleMedium      DateStyle = "medium"
	StyleShort       DateStyle = "short"
)

// Date is a point in time written the locale's way.
type Date struct {
	Time   time.Time
	Style  DateStyle
	Format string // strftime-style format for StyleCustom
	Locale string
	Source Provenance
	Commit string
	// Text is the localized text, filled by the localize stage.
	Text string
}

func (*Text) inline()          {}
func (*Emphasis) inline()      {}
func (*Strong) inline()        {}
func (*Strikethrough) inline() {}
func (*Code) inline()          {}
func (*Link) inline()          {}
func (*Image) inline()         {}
func (*SoftBreak) inline()     {}
func (*LineBreak) inline()     {}
func (*RawHTML) inline()       {}
func (*Anchor) inline()        {}
func (*FootnoteRef) inline()   {}
func (*Macro) inline()         {}
func (*Date) inline()          {}

// TargetFor returns the link's destination in an export with extension
// ext: Target, with a link to another page of the set pointing at that
// page's export in the same format ("terms.html#use" becomes
// "terms.pdf#use" for ext "pdf").
func (l *Link) TargetFor(ext string) string {
	if l.PageExt == "" || ext == "" || ext == l.PageExt {
		return l.Target
	}
	p, rest := l.Target, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, rest = p[:i], p[i:]
	}
	if base, ok := strings.CutSuffix(p, "."+l.PageExt); ok {
		return base + "." + ext + rest
	}
	return l.Target
}
