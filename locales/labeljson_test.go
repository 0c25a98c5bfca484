package locales

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// labelJSONByReflection is what parseLabelFile did before parseLabelJSON,
// and still does where it returns false.
func labelJSONByReflection(b []byte) (map[string]labelMessage, error) {
	var msgs map[string]labelMessage
	err := json.Unmarshal(b, &msgs)
	return msgs, err
}

// The hand parser reads every embedded label file, to what encoding/json
// reads from it.
func TestParseLabelJSON(t *testing.T) {
	names, err := fs.Glob(labelFiles, "labels/*.json")
	if err != nil || len(names) < 50 {
		t.Fatalf("label files: %v, %v", names, err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(labelFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := parseLabelJSON(b)
		if !ok {
			t.Errorf("%s: the hand parser gave up on it", name)
			continue
		}
		want, err := labelJSONByReflection(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the hand parser read\n%v\nencoding/json\n%v", name, got, want)
		}
	}
}

// Where the hand parser takes a file, it reads what encoding/json reads;
// where it gives up, encoding/json decides.
func TestParseLabelJSONCases(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool // the hand parser takes it
	}{
		{`{}`, true},
		{" \n{ }\r\n\t", true},
		{`{"a":"b","c":"d"}`, true},
		{`{"a": "b", "a": "c"}`, true},
		{`{"a": {"one": "x", "other": "y"}, "a": "z"}`, true},
		{`{"%d pages": {"one": "%d page", "other": "%d pages", "one": "%d Seite"}}`, true},
		{`{"q": "say \"hi\" \\ \/ \b\f\n\r\t \u00e9\u4e2d\u0041"}`, true},
		{`{"esc\u0041pe": "k"}`, true},
		{`{"a": "caf` + "\u00e9" + ` 中文"}`, true},
		{`{"a": "\ud83d\ude00"}`, false},
		{`{"a": "\ud83d"}`, false},
		{`{"a": "\x"}`, false},
		{`{"a": "\u00g0"}`, false},
		{"{\"a\": \"line\nbreak\"}", false},
		{"{\"a\": \"\xff\"}", false},
		{`{"a": 1}`, false},
		{`{"a": null}`, false},
		{`null`, false},
		{`[]`, false},
		{`{"a": "b",}`, false},
		{`{"a": "b"} x`, false},
		{`{"a" "b"}`, false},
		{`{"a": "b"`, false},
		{`{"a": "b`, false},
		{`{"a": {"one": "x"}}`, false},
		{`{"a": {"other": ""}}`, false},
		{`{"a": {"several": "x", "other": "y"}}`, false},
		{`{"a": {"other": 3}}`, false},
		{`{"a": {}}`, false},
		{``, false},
	} {
		got, ok := parseLabelJSON([]byte(c.in))
		if ok != c.ok {
			t.Errorf("%q: hand parser ok = %v, want %v", c.in, ok, c.ok)
		}
		if !ok {
			continue
		}
		want, err := labelJSONByReflection([]byte(c.in))
		if err != nil {
			t.Errorf("%q: the hand parser took what encoding/json rejects: %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: hand parser %v, encoding/json %v", c.in, got, want)
		}
	}
}

func FuzzParseLabelJSON(f *testing.F) {
	f.Add([]byte(`{"a": "b", "%d pages": {"one": "x", "other": "y"}}`))
	f.Add([]byte(`{"q": "\"\\\/\b\f\n\r\t\u00e9"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, ok := parseLabelJSON(b)
		if !ok {
			return
		}
		want, err := labelJSONByReflection(b)
		if err != nil {
			t.Fatalf("%q: the hand parser took what encoding/json rejects: %v", b, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: hand parser %v, encoding/json %v", b, got, want)
		}
	})
}

// A key that is no label key is an error naming the file and the key.
func TestLabelFileUnknownKey(t *testing.T) {
	set := newLabelSet(fstest.MapFS{
		"labels/en.json": {Data: []byte(`{"Contents": "Contents", "Contnets": "Inhalt"}`)},
	})
	if _, err := set.file("en"); err == nil || !strings.Contains(err.Error(), `labels/en.json: "Contnets" is not a label key`) {
		t.Errorf("unknown key: %v", err)
	}
	ok := newLabelSet(fstest.MapFS{"labels/en.json": {Data: []byte(`{"Contents": "Contents", "Note": "Note"}`)}})
	if msgs, err := ok.file("en"); err != nil || len(msgs) != 2 {
		t.Errorf("known keys: %v, %v", msgs, err)
	}
}
