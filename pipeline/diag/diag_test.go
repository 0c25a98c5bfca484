package diag

import "testing"

func TestSinkDropsRepeats(t *testing.T) {
	var s Sink
	s.Warnf("a.md", 3, "broken-link", "link to %s: no such file", "b.md")
	s.Warnf("a.md", 3, "broken-link", "link to %s: no such file", "b.md")
	s.Warnf("a.md", 4, "broken-link", "link to %s: no such file", "b.md")
	s.Report(Diagnostic{Severity: Error, Path: "a.md", Line: 3, Code: "broken-link", Message: "link to b.md: no such file"})
	got := s.All()
	if len(got) != 3 {
		t.Fatalf("got %d diagnostics, want 3 (the repeat dropped): %v", len(got), got)
	}
	if got[0].Line != 3 || got[1].Line != 4 || got[2].Severity != Error {
		t.Errorf("order or content changed: %v", got)
	}
}
