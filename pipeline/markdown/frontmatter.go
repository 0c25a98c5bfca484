package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/galleydoc/galley/internal/yaml"

	"github.com/galleydoc/galley/internal/lazyregexp"
)

// splitFrontMatter separates a leading YAML front matter block (between
// `---` lines) from the body. It returns the decoded mapping (nil when there
// is none), the body, and the number of source lines the front matter took,
// so that body line numbers can be reported as file lines.
func splitFrontMatter(src []byte) (map[string]any, []byte, int, error) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return nil, src, 0, nil
	}
	first := lineEnd(src, 0)
	if string(bytes.TrimRight(src[3:first], " \t\r\n")) != "" {
		return nil, src, 0, nil // "---x" or a thematic break with text: not front matter
	}
	start := first
	lines := 1
	for pos := start; pos < len(src); {
		end := lineEnd(src, pos)
		line := bytes.TrimRight(src[pos:end], " \t\r\n")
		lines++
		if string(line) == "---" || string(line) == "..." {
			fm, err := decodeFrontMatter(src[start:pos])
			if err != nil {
				return nil, nil, 0, err
			}
			return fm, src[end:], lines, nil
		}
		pos = end
	}
	return nil, nil, 0, &SyntaxError{Line: 1, Msg: "front matter starts with --- but never ends; close it with a line of ---"}
}

// lineEnd returns the index just past the newline ending the line at pos.
func lineEnd(src []byte, pos int) int {
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(src)
}

var yamlLine = lazyregexp.New(`line (\d+)`)

func decodeFrontMatter(raw []byte) (map[string]any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, nil
	}
	var node yaml.Node
	if err := yaml.Unmarshal(raw, &node); err != nil {
		line := 2
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = n + 1
			msg = yamlLine.ReplaceAllString(msg, "")
		}
		return nil, &SyntaxError{Line: line, Msg: fmt.Sprintf("malformed YAML front matter (%s); fix the YAML between the --- lines", cleanYAMLError(msg))}
	}
	if len(node.Content) == 0 {
		return map[string]any{}, nil
	}
	doc := node.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, &SyntaxError{Line: doc.Line + 1, Msg: "front matter is not a mapping of keys to values; write it as `key: value` lines"}
	}
	var fm map[string]any
	if err := doc.Decode(&fm); err != nil {
		// The lines YAML names count from the line after the opening
		// ---: the message gives the file's lines, and its place is the
		// first of them.
		line := doc.Line + 1
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = n + 1
		}
		msg := yamlLine.ReplaceAllStringFunc(err.Error(), func(s string) string {
			n, _ := strconv.Atoi(strings.TrimPrefix(s, "line "))
			return fmt.Sprintf("line %d", n+1)
		})
		return nil, &SyntaxError{Line: line, Msg: fmt.Sprintf("front matter cannot be decoded (%s)", cleanYAMLError(msg))}
	}
	return normalizeYAML(fm).(map[string]any), nil
}

func cleanYAMLError(msg string) string {
	msg = lazyregexp.New(`^yaml: `).ReplaceAllString(msg, "")
	return regexp.MustCompile(`\s+`).ReplaceAllString(msg, " ")
}

// normalizeYAML turns map[any]any (non-string keys) into map[string]any so
// the front matter can be written as JSON.
func normalizeYAML(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalizeYAML(x)
		}
		return v
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = normalizeYAML(x)
		}
		return out
	case []any:
		for i, x := range v {
			v[i] = normalizeYAML(x)
		}
		return v
	}
	return v
}
