// Package rawhtml is the raw-HTML policy every exporter applies outside
// --raw-html trusted: sanitizing markup (a bluemonday policy for policy
// documents), recognizing URLs that would run code or open arbitrary data,
// and telling what sanitizing removes, so that the pipeline can report it.
package rawhtml

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	xhtml "github.com/galleydoc/galley/internal/nethtml"

	"github.com/galleydoc/galley/internal/bluemonday"
)

// policy returns the shared sanitizing policy (bluemonday policies are safe
// for concurrent use once built).
var policy = sync.OnceValue(newPolicy)

// newPolicy is bluemonday's UGC policy, extended for what policy documents
// and galley's own markup need: ids and names on anchors, classes, table
// spans and scopes, image sizes and lazy loading, task-list checkboxes,
// details/summary, and data: URLs for PNG, GIF, JPEG and WebP images only.
// Scripts, styles, event attributes, forms and javascript:/vbscript:/data:
// links are removed.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.AllowURLSchemes("mailto", "http", "https", "tel")
	// Not bluemonday's AllowDataURIImages: it admits SVG, which is script
	// when opened on its own. (It also applies to every URL attribute;
	// sanitize removes data: links.)
	p.RequireParseableURLs(true)
	p.AllowURLSchemeWithCustomPolicy("data", safeDataImage)
	name := regexp.MustCompile(`^[\p{L}\p{N}_:.-]+$`)
	p.AllowAttrs("name").Matching(name).OnElements("a")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^[\p{L}\p{N}_ :.-]*$`)).Globally()
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^[a-z -]+$`)).Globally()
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer.Regexp()).OnElements("td", "th")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	p.AllowAttrs("start").Matching(bluemonday.Integer.Regexp()).OnElements("ol")
	p.AllowAttrs("datetime").Matching(regexp.MustCompile(`^[0-9T:+.Z-]+$`)).OnElements("time")
	p.AllowElements("del", "ins", "kbd", "time", "address", "main", "caption")
	return p
}

// dataImage matches the start of the data: URLs kept: base64 PNG, GIF,
// JPEG and WebP images. It is compiled on first use, not at start.
var dataImage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^image/(png|gif|jpeg|webp);base64,`) })

// safeDataImage is the policy for data: URLs: base64 PNG, GIF, JPEG or WebP
// images only.
func safeDataImage(u *url.URL) bool {
	if u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	m := dataImage().FindString(u.Opaque)
	if m == "" {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(u.Opaque[len(m):])
	return err == nil
}

// dataLink matches a data: URL kept by the policy on an attribute other
// than <img src>. bluemonday writes attributes as name="value" with quotes
// in values escaped, so the pattern can only match an attribute.
var dataLink = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s(?:href|cite)="data:[^"]*"`) })

// Sanitize returns the safe part of a fragment of raw HTML: what the HTML
// exporter writes in RawSanitize mode. Other exporters that carry raw HTML
// (JSON, Markdown) use it too, so that unsafe markup reaches no output.
func Sanitize(s string) string {
	out := policy().Sanitize(s)
	if strings.Contains(out, `="data:`) {
		out = dataLink().ReplaceAllString(out, "")
	}
	return out
}

// SanitizeWhole is Sanitize for the inline content of one block (what
// the HTML exporter writes inside a <p>), which nothing outside closes or
// opens: an end tag with no start tag before it is removed as well, so
// that the page stays well formed (`Stray </a> end` kept its `</a>`).
// An HTML block is not whole in this sense: Markdown splits `<div>`, the
// blocks inside it and `</div>` at blank lines.
func SanitizeWhole(s string) string {
	out := Sanitize(s)
	if !strings.Contains(out, "</") {
		return out
	}
	return dropStrayEndTags(out)
}

// dropStrayEndTags removes the end tags of fragment that close no element
// open before them.
func dropStrayEndTags(fragment string) string {
	var b strings.Builder
	var open []string
	z := xhtml.NewTokenizerFragment(strings.NewReader(fragment), "body")
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return b.String()
		}
		raw := z.Raw()
		switch tt {
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			if !voidElement(string(name)) {
				open = append(open, string(name))
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			i := len(open) - 1
			for i >= 0 && open[i] != string(name) {
				i--
			}
			if i < 0 {
				continue // closes nothing
			}
			open = open[:i]
		}
		b.Write(raw)
	}
}

// voidElement reports whether an element has no end tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// IsDangerousLinkURL reports whether a link URL would run code or open
// arbitrary data: what IsDangerousURL reports, and every data: URL (links
// have no use for them).
func IsDangerousLinkURL(u string) bool {
	return IsDangerousURL(u) || strings.HasPrefix(normalURL(u), "data:")
}

// normalURL lowercases u without what browsers ignore before and inside a
// scheme (leading C0 controls and spaces, tabs and newlines anywhere): to
// be safe, every C0 control, space and DEL is removed ("jav ascript:" is
// emptied too).
func normalURL(u string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, u))
}

// IsDangerousURL reports whether an image URL would run code or embed
// arbitrary content (goldmark's IsDangerousURL rule): javascript:,
// vbscript:, file: and data: URLs, except data: images in PNG, GIF, JPEG or
// WebP.
func IsDangerousURL(u string) bool {
	l := normalURL(u)
	if strings.HasPrefix(l, "data:image/") {
		rest := l[len("data:image/"):]
		for _, ok := range []string{"png;", "gif;", "jpeg;", "webp;"} {
			if strings.HasPrefix(rest, ok) {
				return false
			}
		}
		return true
	}
	for _, bad := range []string{"javascript:", "vbscript:", "file:", "data:"} {
		if strings.HasPrefix(l, bad) {
			return true
		}
	}
	return false
}

// Removed lists what sanitizing takes out of a fragment of raw HTML that
// changes what a reader sees or what the page does: elements ("<script>",
// "<iframe>", "<form>", …), event-handler attributes ("onerror attribute"),
// and link or image URLs ("href URL of <a>", for javascript: and the like). Cosmetic attributes the
// policy drops (style, width) are not listed. The list is sorted and has no
// repeats; it is empty when sanitizing keeps all of these.
func Removed(fragment string) []string {
	if !strings.Contains(fragment, "<") {
		return nil
	}
	before := tagCensus(fragment)
	after := tagCensus(Sanitize(fragment))
	var out []string
	for k, n := range before {
		if after[k] < n {
			out = append(out, k)
		}
	}
	// An attribute of an element removed entirely goes with it.
	kept := out[:0]
	for _, k := range out {
		if i := strings.Index(k, " of <"); i < 0 || after[k[i+4:]] >= before[k[i+4:]] {
			kept = append(kept, k)
		}
	}
	sort.Strings(kept)
	return kept
}

// tagCensus counts, in a fragment of HTML, the start tags by element
// ("<script>"), the event-handler attributes ("onerror attribute"), and the
// URL attributes by name and element ("href URL of <a>").
func tagCensus(fragment string) map[string]int {
	count := map[string]int{}
	z := xhtml.NewTokenizerFragment(strings.NewReader(fragment), "body")
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return count
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, more := z.TagName()
			el := "<" + string(name) + ">"
			count[el]++
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				k := string(key)
				switch {
				case strings.HasPrefix(k, "on"):
					count[k+" attribute"]++
				case urlAttr(k) && len(bytes.TrimSpace(val)) > 0:
					count[k+" URL of "+el]++
				}
			}
		}
	}
}

// urlAttr reports whether the attribute named k holds a URL a reader
// follows or a page loads.
func urlAttr(k string) bool {
	switch k {
	case "href", "src", "srcset", "action", "formaction", "cite", "poster", "background", "data",
		"xlink:href":
		return true
	}
	return false
}
