package pdfcheck

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// The reader is deliberately small and independent of the writer: it finds
// objects by scanning for "N G obj" rather than trusting the cross-reference
// table, so that a file broken on purpose (a wrong stream length, a missing
// trailer entry) can still be inspected clause by clause.

// Name is a PDF name (without the slash).
type Name string

// Ref is an indirect reference.
type Ref struct{ Num, Gen int }

// Dict is a PDF dictionary.
type Dict map[Name]any

// Array is a PDF array.
type Array []any

// String is a PDF string's bytes.
type String []byte

// Stream is a stream object: its dictionary, raw (still encoded) data and
// the offsets the clause 6.1.7 checks need.
type Stream struct {
	Dict Dict
	Raw  []byte
	// KeywordEOL is the end-of-line after the stream keyword ("\r\n", "\n"
	// or what else was found); EndEOL is the one before endstream.
	KeywordEOL, EndEOL string
	// DataLen is the number of bytes between the EOL after the stream
	// keyword and the EOL before endstream.
	DataLen int
}

// Operator is a content-stream operator.
type Operator string

type keyword string

// File is a parsed PDF.
type File struct {
	Data    []byte
	Objects map[int]any
	Trailer Dict
}

var objRE = regexp.MustCompile(`(?m)^(\d+) (\d+) obj\b`)

// Parse reads data.
func Parse(data []byte) (*File, error) {
	f := &File{Data: data, Objects: map[int]any{}}
	for _, m := range objRE.FindAllSubmatchIndex(data, -1) {
		num, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		lx := &lexer{b: data, i: m[1]}
		v, err := lx.object(f)
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", num, err)
		}
		f.Objects[num] = v
	}
	if err := f.unpack(); err != nil {
		return nil, err
	}
	t := bytes.LastIndex(data, []byte("trailer"))
	if t < 0 {
		// A cross-reference stream: its dictionary is the trailer.
		x := f.xrefStream()
		if x == nil {
			return nil, errors.New("no trailer and no cross-reference stream")
		}
		f.Trailer = x.Dict
		return f, nil
	}
	lx := &lexer{b: data, i: t + len("trailer")}
	v, err := lx.value()
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	d, ok := v.(Dict)
	if !ok {
		return nil, errors.New("trailer is not a dictionary")
	}
	f.Trailer = d
	return f, nil
}

// xrefStream returns the cross-reference stream startxref points at, or
// nil.
func (f *File) xrefStream() *Stream {
	sx := bytes.LastIndex(f.Data, []byte("startxref"))
	if sx < 0 {
		return nil
	}
	lx := &lexer{b: f.Data, i: sx + len("startxref")}
	v, err := lx.value()
	at, ok := v.(int)
	if err != nil || !ok || at < 0 || at >= len(f.Data) {
		return nil
	}
	m := objRE.FindSubmatchIndex(f.Data[at:])
	if m == nil || m[0] != 0 {
		return nil
	}
	num, _ := strconv.Atoi(string(f.Data[at+m[2] : at+m[3]]))
	s, _ := f.Objects[num].(*Stream)
	if s == nil || f.Name(s.Dict["Type"]) != "XRef" {
		return nil
	}
	return s
}

// unpack reads the objects of object streams (PDF 1.5) into Objects.
func (f *File) unpack() error {
	nums := make([]int, 0, len(f.Objects))
	for n, v := range f.Objects {
		if s, ok := v.(*Stream); ok && f.Name(s.Dict["Type"]) == "ObjStm" {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, sn := range nums {
		s := f.Objects[sn].(*Stream)
		data, err := f.Decode(s)
		if err != nil {
			return fmt.Errorf("object stream %d: %w", sn, err)
		}
		count, _ := f.Int(s.Dict["N"])
		first, _ := f.Int(s.Dict["First"])
		if first < 0 || first > len(data) {
			return fmt.Errorf("object stream %d: bad /First", sn)
		}
		head := &lexer{b: data[:first]}
		for i := 0; i < count; i++ {
			a, err1 := head.value()
			b, err2 := head.value()
			num, ok1 := a.(int)
			off, ok2 := b.(int)
			if err1 != nil || err2 != nil || !ok1 || !ok2 || first+off > len(data) {
				return fmt.Errorf("object stream %d: bad header entry %d", sn, i)
			}
			lx := &lexer{b: data, i: first + off}
			v, err := lx.value()
			if err != nil {
				return fmt.Errorf("object %d in object stream %d: %w", num, sn, err)
			}
			if _, ok := f.Objects[num]; !ok {
				f.Objects[num] = v
			}
		}
	}
	return nil
}

// Resolve follows references.
func (f *File) Resolve(v any) any {
	for i := 0; i < 32; i++ {
		r, ok := v.(Ref)
		if !ok {
			return v
		}
		v = f.Objects[r.Num]
	}
	return nil
}

// Dict returns v resolved as a dictionary (a stream's dictionary too), or nil.
func (f *File) Dict(v any) Dict {
	switch v := f.Resolve(v).(type) {
	case Dict:
		return v
	case *Stream:
		return v.Dict
	}
	return nil
}

// Array returns v resolved as an array, or nil.
func (f *File) Array(v any) Array {
	a, _ := f.Resolve(v).(Array)
	return a
}

// Stream returns v resolved as a stream, or nil.
func (f *File) Stream(v any) *Stream {
	s, _ := f.Resolve(v).(*Stream)
	return s
}

// Name returns v resolved as a name, or "".
func (f *File) Name(v any) Name {
	n, _ := f.Resolve(v).(Name)
	return n
}

// Int returns v resolved as an integer.
func (f *File) Int(v any) (int, bool) {
	switch n := f.Resolve(v).(type) {
	case int:
		return n, true
	case float64:
		return int(n), n == float64(int(n))
	}
	return 0, false
}

// Catalog returns the document catalog.
func (f *File) Catalog() Dict { return f.Dict(f.Trailer["Root"]) }

// Decode returns a stream's decoded data (FlateDecode or none).
func (f *File) Decode(s *Stream) ([]byte, error) {
	switch flt := f.Resolve(s.Dict["Filter"]).(type) {
	case nil:
		return s.Raw, nil
	case Name:
		if flt != "FlateDecode" {
			return nil, fmt.Errorf("filter %s not supported", flt)
		}
	case Array:
		if len(flt) != 1 || f.Name(flt[0]) != "FlateDecode" {
			return nil, fmt.Errorf("filters %v not supported", flt)
		}
	}
	r, err := zlib.NewReader(bytes.NewReader(s.Raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// Pages returns the page dictionaries in order, with their references.
func (f *File) Pages() ([]Dict, []Ref) {
	var pages []Dict
	var refs []Ref
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		d := f.Dict(v)
		if d == nil || depth > 64 {
			return
		}
		if f.Name(d["Type"]) == "Page" {
			pages = append(pages, d)
			r, _ := v.(Ref)
			refs = append(refs, r)
			return
		}
		for _, k := range f.Array(d["Kids"]) {
			walk(k, depth+1)
		}
	}
	if c := f.Catalog(); c != nil {
		walk(c["Pages"], 0)
	}
	return pages, refs
}

// lexer reads PDF tokens and objects.
type lexer struct {
	b []byte
	i int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (lx *lexer) skip() {
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		if isWhite(c) {
			lx.i++
			continue
		}
		if c == '%' {
			for lx.i < len(lx.b) && lx.b[lx.i] != '\n' && lx.b[lx.i] != '\r' {
				lx.i++
			}
			continue
		}
		return
	}
}

var errEOF = errors.New("unexpected end of data")

// token returns the next token: a value, a delimiter string ("[", "]",
// "<<", ">>") as keyword, or a bare keyword.
func (lx *lexer) token() (any, error) {
	lx.skip()
	if lx.i >= len(lx.b) {
		return nil, errEOF
	}
	c := lx.b[lx.i]
	switch {
	case c == '/':
		lx.i++
		s := lx.i
		for lx.i < len(lx.b) && !isWhite(lx.b[lx.i]) && !isDelim(lx.b[lx.i]) {
			lx.i++
		}
		return Name(unhexName(lx.b[s:lx.i])), nil
	case c == '(':
		return lx.literal()
	case c == '<' && lx.i+1 < len(lx.b) && lx.b[lx.i+1] == '<':
		lx.i += 2
		return keyword("<<"), nil
	case c == '>' && lx.i+1 < len(lx.b) && lx.b[lx.i+1] == '>':
		lx.i += 2
		return keyword(">>"), nil
	case c == '<':
		lx.i++
		s := lx.i
		for lx.i < len(lx.b) && lx.b[lx.i] != '>' {
			lx.i++
		}
		h := bytes.Map(func(r rune) rune {
			if isWhite(byte(r)) {
				return -1
			}
			return r
		}, lx.b[s:lx.i])
		lx.i++
		if len(h)%2 == 1 {
			h = append(h, '0')
		}
		out := make([]byte, len(h)/2)
		for k := range out {
			v, err := strconv.ParseUint(string(h[2*k:2*k+2]), 16, 8)
			if err != nil {
				return nil, fmt.Errorf("bad hex string")
			}
			out[k] = byte(v)
		}
		return String(out), nil
	case c == '[' || c == ']' || c == '{' || c == '}':
		lx.i++
		return keyword(string(c)), nil
	}
	s := lx.i
	for lx.i < len(lx.b) && !isWhite(lx.b[lx.i]) && !isDelim(lx.b[lx.i]) {
		lx.i++
	}
	if s == lx.i {
		lx.i++
		return keyword(string(c)), nil
	}
	w := string(lx.b[s:lx.i])
	if n, err := strconv.Atoi(w); err == nil {
		return n, nil
	}
	if x, err := strconv.ParseFloat(w, 64); err == nil {
		return x, nil
	}
	switch w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return keyword(w), nil
}

func unhexName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b)+0 && i+2 <= len(b)-1 {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func (lx *lexer) literal() (any, error) {
	lx.i++ // (
	depth := 1
	var out []byte
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		lx.i++
		switch c {
		case '\\':
			if lx.i >= len(lx.b) {
				return nil, errEOF
			}
			e := lx.b[lx.i]
			lx.i++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r', '\n':
				if e == '\r' && lx.i < len(lx.b) && lx.b[lx.i] == '\n' {
					lx.i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.i < len(lx.b) && lx.b[lx.i] >= '0' && lx.b[lx.i] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.i]-'0')
						lx.i++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return String(out), nil
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return nil, errEOF
}

// value reads one object, combining "N G R" into a Ref.
func (lx *lexer) value() (any, error) {
	t, err := lx.token()
	if err != nil {
		return nil, err
	}
	switch t := t.(type) {
	case keyword:
		switch t {
		case "<<":
			d := Dict{}
			for {
				lx.skip()
				if lx.i+1 < len(lx.b) && lx.b[lx.i] == '>' && lx.b[lx.i+1] == '>' {
					lx.i += 2
					return d, nil
				}
				k, err := lx.token()
				if err != nil {
					return nil, err
				}
				name, ok := k.(Name)
				if !ok {
					return nil, fmt.Errorf("dictionary key %v is not a name", k)
				}
				v, err := lx.value()
				if err != nil {
					return nil, err
				}
				d[name] = v
			}
		case "[":
			var a Array
			for {
				lx.skip()
				if lx.i < len(lx.b) && lx.b[lx.i] == ']' {
					lx.i++
					return a, nil
				}
				v, err := lx.value()
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
		}
		return t, nil
	case int:
		// Look ahead for "G R".
		save := lx.i
		g, err := lx.token()
		if gn, ok := g.(int); err == nil && ok {
			r, err := lx.token()
			if k, ok := r.(keyword); err == nil && ok && k == "R" {
				return Ref{t, gn}, nil
			}
		}
		lx.i = save
		return t, nil
	}
	return t, nil
}

// object reads an indirect object's value after "N G obj", with its
// stream data if it has one.
func (lx *lexer) object(f *File) (any, error) {
	v, err := lx.value()
	if err != nil {
		return nil, err
	}
	d, ok := v.(Dict)
	if !ok {
		return v, nil
	}
	save := lx.i
	lx.skip()
	if !bytes.HasPrefix(lx.b[lx.i:], []byte("stream")) {
		lx.i = save
		return d, nil
	}
	lx.i += len("stream")
	s := &Stream{Dict: d}
	switch {
	case bytes.HasPrefix(lx.b[lx.i:], []byte("\r\n")):
		s.KeywordEOL = "\r\n"
	case bytes.HasPrefix(lx.b[lx.i:], []byte("\n")):
		s.KeywordEOL = "\n"
	case bytes.HasPrefix(lx.b[lx.i:], []byte("\r")):
		s.KeywordEOL = "\r"
	}
	start := lx.i + len(s.KeywordEOL)
	// Trust /Length when an end-of-line and endstream follow it (the data
	// may itself end in CR or LF, or hold the word endstream).
	if n, ok := d["Length"].(int); ok && n >= 0 && start+n <= len(lx.b) {
		rest := lx.b[start+n:]
		for _, eol := range []string{"\r\n", "\n", "\r"} {
			if bytes.HasPrefix(rest, []byte(eol+"endstream")) {
				s.Raw, s.DataLen, s.EndEOL = lx.b[start:start+n], n, eol
				lx.i = start + n + len(eol) + len("endstream")
				return s, nil
			}
		}
	}
	end := bytes.Index(lx.b[start:], []byte("endstream"))
	if end < 0 {
		return nil, errors.New("stream without endstream")
	}
	end += start
	raw := lx.b[start:end]
	switch {
	case bytes.HasSuffix(raw, []byte("\r\n")):
		s.EndEOL = "\r\n"
	case bytes.HasSuffix(raw, []byte("\n")):
		s.EndEOL = "\n"
	case bytes.HasSuffix(raw, []byte("\r")):
		s.EndEOL = "\r"
	}
	s.Raw = raw[:len(raw)-len(s.EndEOL)]
	s.DataLen = len(s.Raw)
	lx.i = end + len("endstream")
	return s, nil
}
