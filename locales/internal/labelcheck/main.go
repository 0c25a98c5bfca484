// Command labelcheck reports galley's label translations that are missing or
// broken: for every language galley promises (and every label file there
// is), each label key without a translation, and each translation whose
// format verbs (%d, %s) differ from the English key's. It exits with status
// 1 when it finds any, listing one "locale: problem" a line.
//
//	go run ./locales/internal/labelcheck
package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/galleydoc/galley/locales"
)

func main() {
	problems := locales.CheckLabels()
	sort.Strings(problems)
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "labelcheck: %d problems in the label translations (locales/labels/*.json)\n", len(problems))
		os.Exit(1)
	}
	fmt.Printf("labelcheck: %d languages × %d labels translated\n", len(locales.LabelLanguages()), len(locales.Labels()))
}
