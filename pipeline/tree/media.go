package tree

import (
	"net/url"
	"path"
	"strings"
)

// The media rule. A local image is a file under the input root: a relative
// URL ("logo.png", "../assets/logo%20big.png") names it relative to the
// document, a root-relative one ("/assets/logo.png", as MkDocs writes them)
// relative to the input root; %-escapes are decoded and query and fragment
// dropped. The pipeline reads each such file once per run (from an fs.FS
// rooted at the input root), hashes those bytes for its cache and hands
// them to the exporters as Media; no exporter opens a file.

// MediaPath returns where the local image img names, as a clean slash path
// relative to the input root, for a document at docPath (also relative to
// the root). local is false for remote, data: and other non-file URLs;
// inside is false when the path leaves the input root ("../../x.png" from
// a document at the root), which is never read.
func (img *Image) MediaPath(docPath string) (p string, local, inside bool) {
	if img.URL == "" || strings.HasPrefix(img.URL, "//") {
		return "", false, false
	}
	u, err := url.Parse(img.URL)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false, false
	}
	p = u.Path
	if strings.HasPrefix(p, "/") {
		p = path.Clean(p[1:])
	} else {
		p = path.Join(path.Dir(strings.ReplaceAll(docPath, "\\", "/")), p)
	}
	if p == ".." || strings.HasPrefix(p, "../") || p == "." {
		return p, true, false
	}
	return p, true, true
}

// MediaFile is one local file a document embeds, as the pipeline read it.
type MediaFile struct {
	// Path is the file's path relative to the input root (MediaPath).
	Path string
	// Data is the file's content; Type its MIME type, sniffed from Data
	// ("image/png", …).
	Data []byte
	Type string
}

// Media holds the local files of one document, by the URL its images give
// them. It is read-only once built, and safe for concurrent use then.
type Media struct {
	byURL map[string]*MediaFile
}

// Add records the file the image URL u names.
func (m *Media) Add(u string, f *MediaFile) {
	if m.byURL == nil {
		m.byURL = map[string]*MediaFile{}
	}
	m.byURL[u] = f
}

// Image returns the file img names, if the pipeline read it.
func (m *Media) Image(img *Image) (*MediaFile, bool) {
	if m == nil || img == nil {
		return nil, false
	}
	f, ok := m.byURL[img.URL]
	return f, ok
}

// Len returns the number of files.
func (m *Media) Len() int {
	if m == nil {
		return 0
	}
	return len(m.byURL)
}
