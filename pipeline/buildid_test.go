package pipeline

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

func TestGoBuildIDMatchesGoTool(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("checked on linux")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	got := goBuildID(exe)
	if got == "" || !strings.Contains(got, "/") {
		t.Fatalf("goBuildID(test binary) = %q, want an action/content id", got)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); got != want {
		t.Errorf("goBuildID = %q, go tool buildid says %q", got, want)
	}
	if h := buildHash(); h != "go-build-id:"+got {
		t.Errorf("buildHash() = %q, want the build id", h)
	}
}

func TestBuildIDParsers(t *testing.T) {
	head := []byte("\x00\x01junk\xff Go build ID: \"abc/def\"\n \xff more")
	if got := markerBuildID(head); got != "abc/def" {
		t.Errorf("markerBuildID = %q", got)
	}
	if got := markerBuildID([]byte("no marker here")); got != "" {
		t.Errorf("markerBuildID without marker = %q", got)
	}
	note := []byte{4, 0, 0, 0, 7, 0, 0, 0, 4, 0, 0, 0, 'G', 'o', 0, 0, 'a', 'b', 'c', '/', 'd', 'e', 'f', 0}
	if got := elfNoteBuildID(note, binary.LittleEndian, 4); got != "abc/def" {
		t.Errorf("elfNoteBuildID = %q", got)
	}
	for _, bad := range [][]byte{nil, note[:10], append([]byte{4, 0, 0, 0, 99, 0, 0, 0}, note[8:]...)} {
		if got := elfNoteBuildID(bad, binary.LittleEndian, 4); got != "" {
			t.Errorf("elfNoteBuildID(%q) = %q, want none", bad, got)
		}
	}
}

// elfWithNotes builds the start of an ELF file of the given class and byte
// order: its header, a PT_LOAD and a PT_NOTE program header, and the note
// segment (a GNU build-id note, then Go's, both with 4-byte names as
// the linkers write them) at noteOff.
func elfWithNotes(class byte, bo binary.ByteOrder, noteOff int) []byte {
	ab := bo.(binary.AppendByteOrder)
	appendNote := func(b []byte, name string, typ uint32, desc string) []byte {
		b = ab.AppendUint32(b, uint32(len(name)))
		b = ab.AppendUint32(b, uint32(len(desc)))
		b = ab.AppendUint32(b, typ)
		for b = append(b, name...); len(b)%4 != 0; {
			b = append(b, 0)
		}
		for b = append(b, desc...); len(b)%4 != 0; {
			b = append(b, 0)
		}
		return b
	}
	notes := appendNote(nil, "GNU\x00", 3, "0123456789abcdef0123")
	notes = appendNote(notes, "Go\x00\x00", 4, "act/content")
	data := byte(1)
	if bo == binary.ByteOrder(binary.BigEndian) {
		data = 2
	}
	f := make([]byte, noteOff+len(notes))
	copy(f, "\x7fELF")
	f[4], f[5], f[6] = class, data, 1
	var phoff, phentsize int
	if class == 1 {
		phoff, phentsize = 52, 32
		bo.PutUint32(f[28:], uint32(phoff))
		bo.PutUint16(f[42:], uint16(phentsize))
		bo.PutUint16(f[44:], 2)
	} else {
		phoff, phentsize = 64, 56
		bo.PutUint64(f[32:], uint64(phoff))
		bo.PutUint16(f[54:], uint16(phentsize))
		bo.PutUint16(f[56:], 2)
	}
	for i, typ := range []uint32{1, 4} { // PT_LOAD, PT_NOTE
		ph := f[phoff+i*phentsize:]
		off, size := uint64(0), uint64(len(f))
		if typ == 4 {
			off, size = uint64(noteOff), uint64(len(notes))
		}
		bo.PutUint32(ph, typ)
		if class == 1 {
			bo.PutUint32(ph[4:], uint32(off))
			bo.PutUint32(ph[16:], uint32(size))
			bo.PutUint32(ph[28:], 4)
		} else {
			bo.PutUint64(ph[8:], off)
			bo.PutUint64(ph[32:], size)
			bo.PutUint64(ph[48:], 4)
		}
	}
	copy(f[noteOff:], notes)
	return f
}

// The ELF reader finds Go's note among others in 32- and 64-bit files of
// either byte order, also where the note lies past the bytes read first,
// and finds none in a file without it.
func TestELFBuildID(t *testing.T) {
	for _, c := range []struct {
		name  string
		class byte
		bo    binary.ByteOrder
	}{{"64-bit little-endian", 2, binary.LittleEndian}, {"32-bit big-endian", 1, binary.BigEndian}, {"64-bit big-endian", 2, binary.BigEndian}} {
		f := elfWithNotes(c.class, c.bo, 0x200)
		if got := elfBuildID(bytes.NewReader(f), f); got != "act/content" {
			t.Errorf("%s: elfBuildID = %q, want act/content", c.name, got)
		}
		far := elfWithNotes(c.class, c.bo, 0x3000)
		if got := elfBuildID(bytes.NewReader(far), far[:0x1000]); got != "act/content" {
			t.Errorf("%s, note past the head: elfBuildID = %q, want act/content", c.name, got)
		}
		for n := range 0x200 {
			if got := elfBuildID(bytes.NewReader(f[:n]), f[:n]); got != "" {
				t.Fatalf("%s cut to %d bytes: elfBuildID = %q, want none", c.name, n, got)
			}
		}
	}
	stripped := elfWithNotes(2, binary.LittleEndian, 0x200)
	stripped[0x200+36+8] = 9 // Go's note type no longer 4 (after the 36-byte GNU note)
	if got := elfBuildID(bytes.NewReader(stripped), stripped); got != "" {
		t.Errorf("no Go note: elfBuildID = %q, want none", got)
	}
}
