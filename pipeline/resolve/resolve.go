// Package resolve is the pipeline stage after reading: it gives headings and
// tabs their ids (MkDocs slugs), turns date macros into Date nodes with their
// provenance, fills in the document title, and resolves links (relative
// Markdown pages to the exported files, #anchors to ids in the document),
// reporting what does not resolve.
package resolve

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/galleydoc/galley/internal/lazyregexp"
	"github.com/galleydoc/galley/internal/spelling"
	"github.com/galleydoc/galley/pipeline/diag"
	"github.com/galleydoc/galley/pipeline/tree"
)

// Dates are the dates the macros resolve to; nil fields are unknown.
type Dates struct {
	Revision     *tree.DateInfo
	Creation     *tree.DateInfo
	SiteRevision *tree.DateInfo
}

// Options configure the stage.
type Options struct {
	// Dates for the date macros and the document metadata.
	Dates Dates
	// Style is the date style macros produce (the plugin's `type`);
	// "" means tree.StyleDate. CustomFormat is its strftime format for
	// tree.StyleCustom.
	Style        tree.DateStyle
	CustomFormat string
	// LinkExt is the extension that links to other Markdown pages are
	// rewritten to ("html"); "" leaves them alone.
	LinkExt string
	// PageTarget, when set, gives the path a link to another Markdown page
	// (its path as written, without fragment) takes in the export, with
	// extension ext: the pipeline lays exports out by locale, so a link
	// between translations is not the source path. nil replaces the
	// extension only.
	PageTarget func(link, ext string) string
	// SourceDir is the directory of the source file, for checking that
	// relative links resolve; "" skips the check.
	SourceDir string
	// DisplayPath is the file name used in diagnostics.
	DisplayPath string
	// Diag receives warnings: broken links, unknown macros.
	Diag *diag.Sink
	// NoHeadingIDs leaves headings without ids (for the bare CommonMark and
	// GFM dialects, whose specifications give headings none).
	NoHeadingIDs bool
	// WarnUnknownMacros reports `{{ … }}` and `{% … %}` template text
	// outside code that is not a date macro (galley leaves it as text); the
	// pipeline sets it under --strict, where such text is most likely a
	// template that was never rendered.
	WarnUnknownMacros bool
	// MaxTableCells limits the cells of one table; 0 means
	// DefaultMaxTableCells.
	MaxTableCells int
}

// DefaultMaxTableCells is the default limit on the cells of one table.
const DefaultMaxTableCells = 200000

// LimitError is a document over one of the size limits.
type LimitError struct {
	Line int
	Msg  string
}

func (e *LimitError) Error() string   { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }
func (e *LimitError) SourceLine() int { return e.Line }

// MissingDateError is returned when the document uses a date macro and no
// date is known for it.
type MissingDateError struct {
	Macro string
	Line  int
}

// SourceLine returns the line of the macro.
func (e *MissingDateError) SourceLine() int { return e.Line }

func (e *MissingDateError) Error() string {
	return fmt.Sprintf("line %d: no date for {{%s}}: the file has no git history; pass --date YYYY-MM-DD, add `date:` to its front matter, or set SOURCE_DATE_EPOCH", e.Line, e.Macro)
}

// Document resolves doc in place.
func Document(doc *tree.Document, opts Options) error {
	if err := checkLimits(doc, opts); err != nil {
		return err
	}
	if doc.Meta.Revision == nil {
		doc.Meta.Revision = opts.Dates.Revision
	}
	if doc.Meta.Creation == nil {
		doc.Meta.Creation = opts.Dates.Creation
	}
	if !opts.NoHeadingIDs {
		tree.AssignIDs(doc)
	}
	if doc.Meta.Title == "" {
		doc.Meta.Title = tree.BodyTitle(doc.Blocks)
	}
	if doc.Meta.Title == "" {
		base := path.Base(filepath.ToSlash(doc.Meta.Source.Path))
		doc.Meta.Title = strings.TrimSuffix(base, path.Ext(base))
	}
	if err := resolveMacros(doc, opts); err != nil {
		return err
	}
	resolveLinks(doc, opts)
	warnDuplicateIDs(doc, opts)
	warnAccessibility(doc, opts)
	warnUnknownMacros(doc, opts)
	return nil
}

var templateText = lazyregexp.New(`\{\{.*?\}\}|\{%.*?%\}`)

// warnUnknownMacros reports template text galley leaves as it is: always
// where it looks like a misspelled date macro (`{{ git_revision_date_localised }}`
// would otherwise print as written, unnoticed), and every `{{ … }}` and
// `{% … %}` under opts.WarnUnknownMacros.
func warnUnknownMacros(doc *tree.Document, opts Options) {
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				t, ok := in.(*tree.Text)
				if !ok || !strings.Contains(t.Text, "{") {
					return
				}
				for _, m := range templateText.Regexp().FindAllString(t.Text, -1) {
					if near := nearMacro(m); near != "" {
						opts.Diag.Warnf(opts.DisplayPath, b.SourceLine(), "unknown-macro", "%s is not a macro galley knows; did you mean {{ %s }}? It is kept as text", m, near)
					} else if opts.WarnUnknownMacros {
						opts.Diag.Warnf(opts.DisplayPath, b.SourceLine(), "unknown-macro", "%s is not a macro galley knows; it is kept as text (was a template not rendered?)", m)
					}
				}
			})
		}
		return true
	})
}

// dateMacros are the names of the date macros, for nearMacro.
var dateMacros = []string{"git_revision_date_localized", "git_creation_date_localized", "git_site_revision_date_localized"}

// nearMacro returns the date macro that the template text m (`{{ name }}`)
// misspells, at most three edits away, or "".
func nearMacro(m string) string {
	name, ok := strings.CutPrefix(m, "{{")
	if !ok {
		return ""
	}
	name = strings.ReplaceAll(strings.TrimSpace(strings.TrimSuffix(name, "}}")), `\_`, "_")
	if len(name) < 10 || len(name) > 48 {
		return ""
	}
	return spelling.Nearest(strings.ToLower(name), dateMacros, 3)
}

func resolveMacros(doc *tree.Document, opts Options) error {
	style := opts.Style
	if style == "" {
		style = tree.StyleDate
	}
	var err error
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		m, ok := in.(*tree.Macro)
		if !ok {
			return in
		}
		var info *tree.DateInfo
		switch {
		case strings.HasPrefix(m.Name, "git_creation_date_localized"):
			info = doc.Meta.Creation
			if info == nil {
				info = doc.Meta.Revision
			}
		case m.Name == "git_site_revision_date_localized":
			info = opts.Dates.SiteRevision
			if info == nil {
				info = doc.Meta.Revision
			}
		default:
			info = doc.Meta.Revision
		}
		if info == nil {
			if err == nil {
				err = &MissingDateError{Macro: m.Name, Line: m.Line}
			}
			return in
		}
		d := &tree.Date{Time: info.Time, Style: style, Format: opts.CustomFormat, Source: info.Source, Commit: info.Commit}
		if strings.Contains(m.Name, "_raw_") {
			d.Style = rawStyle(m.Name)
		}
		return d
	})
	return err
}

// rawStyle maps the plugin's *_raw_<type> macro variants to a style.
func rawStyle(name string) tree.DateStyle {
	switch name[strings.LastIndex(name, "_raw_")+5:] {
	case "datetime":
		return tree.StyleDateTime
	case "iso_date":
		return tree.StyleISODate
	case "iso_datetime":
		return tree.StyleISODateTime
	case "custom":
		return tree.StyleCustom
	}
	return tree.StyleDate
}

func resolveLinks(doc *tree.Document, opts Options) {
	anchors := map[string]bool{}
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		switch b := b.(type) {
		case *tree.Heading:
			anchors[b.ID] = true
		case *tree.Tabs:
			for _, t := range b.Tabs {
				anchors[t.ID] = true
			}
		}
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				if a, ok := in.(*tree.Anchor); ok {
					anchors[a.ID] = true
				}
			})
		}
		return true
	})
	tree.MapInlines(doc, func(in tree.Inline) tree.Inline {
		switch l := in.(type) {
		case *tree.Link:
			l.PageExt = ""
			l.Target, l.Internal = target(l, anchors, opts)
		}
		return in
	})
}

// target computes a link's exported destination.
func target(l *tree.Link, anchors map[string]bool, opts Options) (string, bool) {
	raw := l.URL
	if strings.HasPrefix(raw, "#") {
		frag := raw[1:]
		if dec, err := url.PathUnescape(frag); err == nil {
			frag = dec
		}
		if frag != "" && !anchors[frag] {
			opts.Diag.Warnf(opts.DisplayPath, l.Line, "broken-link", "link to #%s: no heading or anchor has that id in this document", frag)
		}
		return raw, true
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || raw == "" || strings.HasPrefix(raw, "/") {
		return raw, false
	}
	p := u.Path
	if trimmed := strings.TrimSuffix(p, "/"); trimmed != p && isPageExt(path.Ext(trimmed)) {
		// `other.md/#part`: a page link with a stray slash, which no
		// export has (an .md/ path stayed as written, dead).
		opts.Diag.Warnf(opts.DisplayPath, l.Line, "broken-link", "link to %s: a page is linked as %s, without the slash after it", p, trimmed)
		p = trimmed
		u.Path = p
	}
	ext := strings.ToLower(path.Ext(p))
	if opts.SourceDir != "" && p != "" {
		if _, err := os.Stat(filepath.Join(opts.SourceDir, filepath.FromSlash(p))); err != nil {
			opts.Diag.Warnf(opts.DisplayPath, l.Line, "broken-link", "link to %s: no such file next to this document", p)
		}
	}
	if opts.LinkExt != "" && isPageExt(ext) {
		if opts.PageTarget != nil {
			u.Path = opts.PageTarget(p, opts.LinkExt)
		} else {
			u.Path = strings.TrimSuffix(p, path.Ext(p)) + "." + opts.LinkExt
		}
		l.PageExt = opts.LinkExt
		return u.String(), false
	}
	return raw, false
}

// warnDuplicateIDs reports an id given twice by the source (`{: #intro }`
// on two paragraphs, an <a id> repeating a heading's explicit id): the HTML
// would hold two elements with one id, and links reach only the first.
// Generated heading ids are unique already (tree.AssignIDs).
func warnDuplicateIDs(doc *tree.Document, opts Options) {
	first := map[string]int{} // id → line of its first use
	seen := func(id string, line int) {
		if id == "" {
			return
		}
		if l, ok := first[id]; ok {
			where := ""
			if l > 0 {
				where = fmt.Sprintf(" (first on line %d)", l)
			}
			opts.Diag.Warnf(opts.DisplayPath, line, "duplicate-id", "the id %q is given twice%s; links to it reach the first; give this one another id", id, where)
			return
		}
		first[id] = line
	}
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		switch b := b.(type) {
		case *tree.Heading:
			seen(b.ID, b.SourceLine())
		case *tree.Paragraph:
			seen(b.Attr.ID, b.SourceLine())
		case *tree.Tabs:
			for _, t := range b.Tabs {
				seen(t.ID, b.SourceLine())
			}
		}
		for _, list := range tree.InlineLists(b) {
			tree.WalkInlines(*list, func(in tree.Inline) {
				if a, ok := in.(*tree.Anchor); ok {
					seen(a.ID, b.SourceLine())
				}
			})
		}
		return true
	})
}

// isPageExt reports whether a link's extension names a Markdown page.
func isPageExt(ext string) bool {
	ext = strings.ToLower(ext)
	return ext == ".md" || ext == ".markdown"
}

func checkLimits(doc *tree.Document, opts Options) error {
	max := opts.MaxTableCells
	if max <= 0 {
		max = DefaultMaxTableCells
	}
	var err error
	tree.Walk(doc.Blocks, func(b tree.Block) bool {
		t, ok := b.(*tree.Table)
		if !ok || err != nil {
			return err == nil
		}
		cells := 0
		for _, rows := range [][]*tree.Row{t.Head, t.Body} {
			for _, r := range rows {
				cells += len(r.Cells)
			}
		}
		if cells > max {
			err = &LimitError{Line: t.SourceLine(), Msg: fmt.Sprintf("the table has %d cells, over the limit of %d; split it into smaller tables", cells, max)}
		}
		return true
	})
	return err
}
