package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLocalesCommand checks that `galley locales` lists every CLDR locale,
// at every coverage level, with its direction and a sample date.
func TestLocalesCommand(t *testing.T) {
	out, err := exec.Command(galleyBin, "locales").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 760 {
		t.Errorf("%d locales listed, want all of CLDR's (765)", len(lines))
	}
	rows := map[string]string{}
	for _, l := range lines {
		tag, _, _ := strings.Cut(l, " ")
		rows[tag] = strings.Join(strings.Fields(l), " ")
	}
	for tag, want := range map[string]string{
		"de":      "de ltr a4 modern 16. Dezember 2025",
		"en":      "en ltr letter modern December 16, 2025",
		"kab":     "kab ltr a4 core 16 Duǧembeṛ 2025",
		"sah":     "sah ltr a4 basic 2025, ахсынньы 16",
		"dv":      "dv rtl a4 core 2025 M12 16",
		"uz-Arab": "uz-Arab rtl a4 core ۲۰۲۵ دسمبر ۱۶",
		"br":      "br ltr a4 moderate 16 Kerzu 2025",
	} {
		if rows[tag] != want {
			t.Errorf("%s: got %q, want %q", tag, rows[tag], want)
		}
	}
	if _, ok := rows["und"]; ok {
		t.Error("the root locale und is listed")
	}
}
