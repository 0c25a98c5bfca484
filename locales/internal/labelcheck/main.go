// Command labelcheck reports galley's label translations that are missing or
// broken: for every language galley promises (and every label file there
// is), each label key without a translation, and each translation whose
// format verbs (%d, %s) differ from the English key's. It exits with status
// 1 when it finds any, listing one "locale: problem" a line. It then lists,
// as information, the languages of CLDR's modern locales that have no label
// file and what they fall back to (their CLDR parent's labels, else
// English).
//
//	go run ./locales/internal/labelcheck
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/galleydoc/galley/locales"
)

func main() {
	problems := locales.CheckLabels()
	sort.Strings(problems)
	for _, p := range problems {
		fmt.Println(p)
	}
	untranslated := locales.UntranslatedLanguages()
	var byFallback = map[string][]string{}
	for tag, to := range untranslated {
		byFallback[to] = append(byFallback[to], tag)
	}
	targets := make([]string, 0, len(byFallback))
	for to := range byFallback {
		targets = append(targets, to)
	}
	sort.Strings(targets)
	fmt.Printf("%d languages of CLDR's modern locales have no labels (locales/labels/SOURCES.md says where translations may come from):\n", len(untranslated))
	for _, to := range targets {
		tags := byFallback[to]
		sort.Strings(tags)
		fmt.Printf("  → %s labels: %s\n", to, strings.Join(tags, " "))
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "labelcheck: %d problems in the label translations (locales/labels/*.json)\n", len(problems))
		os.Exit(1)
	}
	fmt.Printf("labelcheck: %d languages × %d labels translated\n", len(locales.LabelLanguages()), len(locales.Labels()))
}
