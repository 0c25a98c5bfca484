package markdown

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDumpFile(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip("set DUMP=file.md to print its tree")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(src, p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(doc, "", " ")
	fmt.Println(string(b))
}
