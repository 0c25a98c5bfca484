package text

import (
	"fmt"
	"os"
	"testing"
)

func TestPrintExport(t *testing.T) {
	p := os.Getenv("TEXT_EXPORT")
	if p == "" {
		t.Skip("set TEXT_EXPORT=file.md to print its text export")
	}
	fmt.Print(export(t, read(t, p), 72))
}
