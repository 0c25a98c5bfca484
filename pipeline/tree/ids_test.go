package tree

import "testing"

func TestSlugifyLikeMkDocs(t *testing.T) {
	// Expected values are what Python-Markdown's toc.slugify gives.
	cases := map[string]string{
		"1. WHO IS RESPONSIBLE FOR YOUR INFORMATION": "1-who-is-responsible-for-your-information",
		"1.\tDEFINITIONS":                "1-definitions",
		"Café & Crème":                   "cafe-creme",
		"PyPI's BigQuery dataset":        "pypis-bigquery-dataset",
		"snake_case  and -- dashes":      "snake_case-and-dashes",
		"  Trailing spaces!  ":           "trailing-spaces",
		"GitHub Actions":                 "github-actions",
		"Ünïcödé Ärger":                  "unicode-arger",
		"日本語の見出し":                        "",
		"What's new (2025)?":             "whats-new-2025",
		"Data Processing Addendum (DPA)": "data-processing-addendum-dpa",
	}
	for in, want := range cases {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
