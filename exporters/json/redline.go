package json

import (
	"bytes"
	stdjson "encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/galleydoc/galley/pipeline/tree"
	"github.com/galleydoc/galley/pipeline/treejson"
)

// DiffSchemaID is the schema of a redline's JSON (galley diff -t json),
// described by pipeline/treejson/schema/galley-diff-v1.schema.json.
const DiffSchemaID = "galley-diff/v1"

// A redline document (Document.Redline set) is written as galley-diff/v1:
//
//	{"schema": "galley-diff/v1",
//	 "old": {…}, "new": {…},          // label, title, revision date, commit
//	 "summary": {…},                  // counts, words added and removed, sections
//	 "changes": [{…}],                // number, kind, section, block, old, new, words
//	 "document": {"schema": "galley/v1", …}}  // the redline tree
//
// "document" is the redline in galley/v1 with its insert, delete and
// block_change nodes; each change's "words" lists, for changes inside a
// block, the block's text as equal, delete and insert runs, so that the
// old text is the equal and delete runs and the new one the equal and
// insert runs.

type diffJSON struct {
	Schema   string             `json:"schema"`
	Old      versionJSON        `json:"old"`
	New      versionJSON        `json:"new"`
	Summary  summaryJSON        `json:"summary"`
	Changes  []changeJSON       `json:"changes"`
	Document stdjson.RawMessage `json:"document"`
}

type versionJSON struct {
	Label    string        `json:"label"`
	Title    string        `json:"title,omitempty"`
	Revision *revisionJSON `json:"revision,omitempty"`
}

type revisionJSON struct {
	Date   string `json:"date"`
	Time   string `json:"time"`
	Text   string `json:"text,omitempty"`
	Source string `json:"source,omitempty"`
	Commit string `json:"commit,omitempty"`
}

type summaryJSON struct {
	Changes      int           `json:"changes"`
	Inserted     int           `json:"inserted"`
	Deleted      int           `json:"deleted"`
	Changed      int           `json:"changed"`
	Moved        int           `json:"moved"`
	WordsAdded   int           `json:"words_added"`
	WordsRemoved int           `json:"words_removed"`
	Sections     []sectionJSON `json:"sections"`
}

type sectionJSON struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title"`
}

type changeJSON struct {
	Number       int         `json:"number"`
	Kind         string      `json:"kind"`
	Section      sectionJSON `json:"section"`
	Block        string      `json:"block"`
	Old          string      `json:"old"`
	New          string      `json:"new"`
	WordsAdded   int         `json:"words_added"`
	WordsRemoved int         `json:"words_removed"`
	Words        []wordsJSON `json:"words,omitempty"`
}

type wordsJSON struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

func exportRedline(w io.Writer, doc *tree.Document, f treejson.Filter) error {
	rl := doc.Redline
	body, err := treejson.EncodeFiltered(doc, f)
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	out := diffJSON{
		Schema: DiffSchemaID,
		Old:    version(rl.Old),
		New:    version(rl.New),
		Summary: summaryJSON{
			Changes: len(rl.Changes), Inserted: rl.Count(tree.ChangeInserted), Deleted: rl.Count(tree.ChangeDeleted),
			Changed: rl.Count(tree.ChangeChanged), Moved: rl.Count(tree.ChangeMoved),
			WordsAdded: rl.WordsAdded, WordsRemoved: rl.WordsRemoved, Sections: []sectionJSON{},
		},
		Changes:  []changeJSON{},
		Document: body,
	}
	for _, s := range rl.Sections {
		out.Summary.Sections = append(out.Summary.Sections, sectionJSON{s.ID, s.Title})
	}
	words := changeWords(doc)
	for _, c := range rl.Changes {
		out.Changes = append(out.Changes, changeJSON{
			Number: c.Number, Kind: string(c.Kind), Section: sectionJSON{c.Section.ID, c.Section.Title}, Block: c.Block,
			Old: c.Old, New: c.New, WordsAdded: c.WordsAdded, WordsRemoved: c.WordsRemoved, Words: words[c.Number],
		})
	}
	var buf bytes.Buffer
	enc := stdjson.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("json: write: %w", err)
	}
	return nil
}

func version(v tree.Version) versionJSON {
	out := versionJSON{Label: v.Label, Title: v.Title}
	if r := v.Revision; r != nil {
		out.Revision = &revisionJSON{Date: r.Time.Format(time.DateOnly), Time: r.Time.Format(time.RFC3339), Source: string(r.Source), Commit: r.Commit}
		if v.Date != nil {
			out.Revision.Text = v.Date.Text
		}
	}
	return out
}

// changeWords returns, for each change marked inside blocks, the text of
// those blocks as equal, delete and insert runs.
func changeWords(doc *tree.Document) map[int][]wordsJSON {
	out := map[int][]wordsJSON{}
	visit := func(b tree.Block) bool {
		for _, list := range tree.InlineLists(b) {
			var runs []wordsJSON
			change := 0
			var walk func([]tree.Inline, string)
			walk = func(l []tree.Inline, op string) {
				for _, in := range l {
					switch in := in.(type) {
					case *tree.Insert:
						change = max(change, in.Change)
						walk(in.Content, "insert")
					case *tree.Delete:
						change = max(change, in.Change)
						walk(in.Content, "delete")
					case *tree.Emphasis:
						walk(in.Content, op)
					case *tree.Strong:
						walk(in.Content, op)
					case *tree.Strikethrough:
						walk(in.Content, op)
					case *tree.Link:
						walk(in.Content, op)
					default:
						text := tree.PlainText([]tree.Inline{in})
						if _, ok := in.(*tree.SoftBreak); ok {
							text = " "
						}
						if text == "" {
							continue
						}
						if n := len(runs); n > 0 && runs[n-1].Op == op {
							runs[n-1].Text += text
						} else {
							runs = append(runs, wordsJSON{op, text})
						}
					}
				}
			}
			walk(*list, "equal")
			if change > 0 {
				for i := range runs {
					runs[i].Text = strings.ReplaceAll(runs[i].Text, "\n", " ")
				}
				out[change] = append(out[change], runs...)
			}
		}
		return true
	}
	tree.Walk(doc.Blocks, visit)
	for _, f := range doc.Footnotes {
		tree.Walk(f.Blocks, visit)
	}
	return out
}
