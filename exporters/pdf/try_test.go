package pdf

import (
	"bytes"
	"os"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/diag"
)

func TestTry(t *testing.T) {
	var sink diag.Sink
	var buf bytes.Buffer
	if err := New().Export(&buf, kitchenSink(), exporters.Options{Diag: &sink, Producer: "galley test", TOC: true}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/ks.pdf", buf.Bytes(), 0o644)
	for _, d := range sink.All() {
		t.Log(d)
	}
}
