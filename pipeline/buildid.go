package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// buildHash identifies the running executable, so that outputs a different
// build of galley made are exported again; "" when it cannot be read.
//
// It is the Go build ID the linker stores in the executable (its last part
// is a hash of the linked binary's content) where there is one, read from
// the ELF note or the marker at the start of the text; else (a build with
// -ldflags=-buildid=, as release builds are made) the SHA-256 of the whole
// file, which costs about 60 ms for a 45 MB executable. It runs at most
// once per process, and only when the export cache needs it.
var buildHash = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(exe); id != "" {
		return "go-build-id:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// goBuildID returns the Go build ID of the executable at path, or "".
func goBuildID(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if bytes.HasPrefix(head, []byte("\x7fELF")) {
		return elfBuildID(f, head)
	}
	// Mach-O and PE: the linker writes `\xff Go build ID: "…"\n \xff` at
	// the start of the text, within the first pages of the file.
	return markerBuildID(head)
}

// elfBuildID returns the build ID of an ELF executable whose first bytes
// are head: the note named "Go" of type 4 in one of its PT_NOTE segments,
// which the Go linker places right after the program headers. It reads
// the program headers and notes as cmd/internal/buildid does, rather than
// through debug/elf, which would link debug/dwarf and internal/zstd into
// galley and initialise them in every process.
func elfBuildID(f io.ReaderAt, head []byte) string {
	if len(head) < 52 {
		return ""
	}
	var bo binary.ByteOrder
	switch head[5] { // EI_DATA
	case 1:
		bo = binary.LittleEndian
	case 2:
		bo = binary.BigEndian
	default:
		return ""
	}
	var phoff, phentsize, phnum uint64
	switch head[4] { // EI_CLASS
	case 1: // ELFCLASS32
		phoff, phentsize, phnum = uint64(bo.Uint32(head[28:])), uint64(bo.Uint16(head[42:])), uint64(bo.Uint16(head[44:]))
	case 2: // ELFCLASS64
		if len(head) < 64 {
			return ""
		}
		phoff, phentsize, phnum = bo.Uint64(head[32:]), uint64(bo.Uint16(head[54:])), uint64(bo.Uint16(head[56:]))
	default:
		return ""
	}
	const ptNote = 4
	for i := range phnum {
		at := phoff + i*phentsize
		var typ, off, size, align uint64
		if head[4] == 1 {
			if phentsize < 32 || at > uint64(len(head)) || uint64(len(head))-at < 32 {
				return ""
			}
			ph := head[at:]
			typ, off, size, align = uint64(bo.Uint32(ph)), uint64(bo.Uint32(ph[4:])), uint64(bo.Uint32(ph[16:])), uint64(bo.Uint32(ph[28:]))
		} else {
			if phentsize < 56 || at > uint64(len(head)) || uint64(len(head))-at < 56 {
				return ""
			}
			ph := head[at:]
			typ, off, size, align = uint64(bo.Uint32(ph)), bo.Uint64(ph[8:]), bo.Uint64(ph[32:]), bo.Uint64(ph[48:])
		}
		if typ != ptNote || size < 16 || size > 1<<20 {
			continue
		}
		var note []byte
		if off <= uint64(len(head)) && size <= uint64(len(head))-off {
			note = head[off : off+size]
		} else {
			note = make([]byte, size)
			if _, err := f.ReadAt(note, int64(off)); err != nil {
				continue
			}
		}
		if id := elfNoteBuildID(note, bo, align); id != "" {
			return id
		}
	}
	return ""
}

// elfNoteBuildID reads the build ID from the contents of a PT_NOTE
// segment: the note named "Go" of type 4 among its notes, or "".
func elfNoteBuildID(note []byte, bo binary.ByteOrder, align uint64) string {
	for len(note) >= 16 {
		namesz, descsz, typ := uint64(bo.Uint32(note)), uint64(bo.Uint32(note[4:])), bo.Uint32(note[8:])
		off := 12 + (namesz+3)&^3
		if off > uint64(len(note)) || descsz > uint64(len(note))-off {
			return ""
		}
		if typ == 4 && namesz == 4 && bytes.Equal(note[12:15], []byte("Go\x00")) && descsz > 0 {
			return string(note[off : off+descsz])
		}
		next := off + (descsz+3)&^3
		if align > 4 && align <= 64 {
			next = (next + align - 1) &^ (align - 1)
		}
		if next >= uint64(len(note)) {
			return ""
		}
		note = note[next:]
	}
	return ""
}

// markerBuildID finds the build ID marker in the first bytes of an
// executable.
func markerBuildID(head []byte) string {
	const prefix = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := head[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}
