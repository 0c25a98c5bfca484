package pipeline

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
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
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil {
				return elfNoteBuildID(data)
			}
		}
		return ""
	}
	// Mach-O and PE: the linker writes `\xff Go build ID: "…"\n \xff` at
	// the start of the text, within the first pages of the file.
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return markerBuildID(head[:n])
}

// elfNoteBuildID reads the build ID from the contents of the
// .note.go.buildid section: an ELF note named "Go" of type 4.
func elfNoteBuildID(note []byte) string {
	if len(note) < 16 {
		return ""
	}
	le := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 | int(b[3])<<24 }
	namesz, descsz, typ := le(note[0:]), le(note[4:]), le(note[8:])
	off := 12 + (namesz+3)&^3
	if typ != 4 || namesz != 4 || !bytes.Equal(note[12:15], []byte("Go\x00")) || descsz <= 0 || off+descsz > len(note) {
		return ""
	}
	return string(note[off : off+descsz])
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
