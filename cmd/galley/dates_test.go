package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDayInEveryZone: a date without a time (--date, front matter, a
// paragraph's datetime) is that day in whatever zone --timezone names; an
// instant is converted into the zone. A bare date used to be midnight UTC,
// so west of UTC it printed the day before.
func TestDayInEveryZone(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"flag.md":   "# N\n\nLast updated **{{git_revision_date_localized}}**\n",
		"fm.md":     "---\nrevision_date: 2026-03-05\n---\n# N\n\nLast updated **{{git_revision_date_localized}}**\n",
		"stated.md": "# N\n\nEffective 5 March 2026.\n{: datetime=\"2026-03-05\" }\n\nLast updated **{{git_revision_date_localized}}**\n",
		"fmtime.md": "---\nrevision_date: 2026-03-04T23:30:00Z\n---\n# N\n\nLast updated **{{git_revision_date_localized}}**\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		file, zone, date, want string
	}{
		{"flag.md", "America/Los_Angeles", "2026-03-05", "March 5, 2026"},
		{"flag.md", "Pacific/Pago_Pago", "2026-03-05", "March 5, 2026"},
		{"flag.md", "Pacific/Kiritimati", "2026-03-05", "March 5, 2026"},
		{"flag.md", "America/New_York", "2026-03-05T00:30:00", "March 5, 2026"}, // naive: in the zone
		{"flag.md", "Pacific/Kiritimati", "2026-03-04T23:30:00Z", "March 5, 2026"},
		{"flag.md", "America/Los_Angeles", "2026-03-05T06:00:00Z", "March 4, 2026"},
		{"flag.md", "UTC", "2026-03-05t12:00:00z", "March 5, 2026"},     // RFC 3339 §5.6
		{"flag.md", "UTC", "2026-12-31T23:59:60Z", "December 31, 2026"}, // a leap second
		{"fm.md", "America/New_York", "", "March 5, 2026"},
		{"fm.md", "Pacific/Kiritimati", "", "March 5, 2026"},
		{"stated.md", "America/Los_Angeles", "", "2026-03-05"}, // the stated date, as written
		{"fmtime.md", "Pacific/Kiritimati", "", "March 5, 2026"},
		{"fmtime.md", "UTC", "", "March 4, 2026"},
	} {
		args := []string{"convert", "-t", "txt", "-l", "en", "--timezone", c.zone, c.file}
		if c.date != "" {
			args = append(args, "--date", c.date)
		}
		code, out, errOut := galley(t, dir, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
			continue
		}
		if !strings.Contains(out, "Last updated "+c.want) {
			t.Errorf("%s in %s with --date %q: %q, want Last updated %s", c.file, c.zone, c.date, out, c.want)
		}
	}
}
