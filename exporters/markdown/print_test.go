package markdown

import (
	"fmt"
	"os"
	"testing"
)

// TestPrintExport prints the Markdown export of $MD_EXPORT (a Markdown
// file), for looking at by eye; twice set to 2 prints the second round.
func TestPrintExport(t *testing.T) {
	p := os.Getenv("MD_EXPORT")
	if p == "" {
		t.Skip("set MD_EXPORT=file.md to print its Markdown export")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	out := write(t, read(t, src, p))
	if os.Getenv("ROUNDS") == "2" {
		out = write(t, read(t, []byte(out), p))
	}
	fmt.Print(out)
}
