package pipeline

import (
	"path"
	"strings"
)

// pageTarget returns the function the resolve stage uses to rewrite a
// link from the document at in to another Markdown page: the path, from
// the document's export, of the linked page's export with extension ext.
//
// Exports are laid out by logical path under OUT/<locale>/, so a link
// between translations follows the layout rather than the source tree:
// from privacy.de.md, "terms.de.md" is "terms.html" (both are in de/);
// from notice/pt-BR.md, "../terms/pt-BR.md" is "terms.html"; a link to a
// translation in another locale ("privacy.de.md" from privacy.md) leads to
// that locale's folder ("../de/privacy.html"). A link that leaves the
// input root keeps the source layout.
func pageTarget(in Input) func(link, ext string) string {
	selfLogical, selfLocale := logicalPath(in.Rel, in.Root)
	selfDir := path.Dir(selfLogical)
	return func(link, ext string) string {
		plain := strings.TrimSuffix(link, path.Ext(link)) + "." + ext
		if in.Rel == "" || path.IsAbs(link) {
			return plain
		}
		rel := path.Clean(path.Join(path.Dir(in.Rel), link))
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return plain
		}
		logical, locale := logicalPath(rel, in.Root)
		out := strings.TrimSuffix(logical, path.Ext(logical)) + "." + ext
		if locale != "" && locale != selfLocale {
			// Up from the document's folder to OUT, then into the locale.
			up := strings.Repeat("../", strings.Count(selfLogical, "/")+1)
			return up + locale + "/" + out
		}
		return relativePath(selfDir, out)
	}
}

// relativePath returns the slash path of target relative to the folder
// dir; both are relative to the same root.
func relativePath(dir, target string) string {
	if dir == "." {
		return target
	}
	from := strings.Split(dir, "/")
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}
