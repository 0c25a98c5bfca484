package extension

import (
	"testing"

	"github.com/galleydoc/galley/internal/goldmark"
	"github.com/galleydoc/galley/internal/goldmark/renderer/html"
	"github.com/galleydoc/galley/internal/goldmark/testutil"
)

func TestTypographer(t *testing.T) {
	markdown := goldmark.New(
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
		),
		goldmark.WithExtensions(
			Typographer,
		),
	)
	testutil.DoTestCaseFile(markdown, "_test/typographer.txt", t, testutil.ParseCliCaseArg()...)
}
