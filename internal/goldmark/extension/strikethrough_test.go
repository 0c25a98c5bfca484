package extension

import (
	"testing"

	"github.com/galleydoc/galley/internal/goldmark"
	"github.com/galleydoc/galley/internal/goldmark/renderer/html"
	"github.com/galleydoc/galley/internal/goldmark/testutil"
)

func TestStrikethrough(t *testing.T) {
	markdown := goldmark.New(
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
		),
		goldmark.WithExtensions(
			Strikethrough,
		),
	)
	testutil.DoTestCaseFile(markdown, "_test/strikethrough.txt", t, testutil.ParseCliCaseArg()...)
}
