package pipeline

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/galleydoc/galley/pipeline/output"
)

// made is one output of a run, kept in a compact form until the run writes
// its manifest: a 10,000-notice export makes 40,000 outputs, and a full
// output.Entry each (ten strings, two of them 64-character hex digests,
// and a date and a translation of their own) was the part of the run's
// memory that grew with its size. The fields the formats of one locale of a
// document share are held once, in a variantInfo; the digests are kept as
// bytes.
type made struct {
	path   string
	format string
	v      *variantInfo
	bytes  int64
	sha256 [sha256.Size]byte
	key    [sha256.Size]byte
	// entry is the whole entry instead, for outputs the previous manifest
	// lists unchanged and for redlines (few, or already in memory).
	entry *output.Entry
}

// variantInfo is what the outputs of one locale of a document have in
// common: an output.Entry without path, format, size and digests.
type variantInfo struct {
	shared output.Entry
}

// Entry returns the manifest entry of the output.
func (m *made) Entry() output.Entry {
	if m.entry != nil {
		return *m.entry
	}
	e := m.v.shared
	e.Path, e.Format, e.Bytes = m.path, m.format, m.bytes
	e.SHA256 = hex.EncodeToString(m.sha256[:])
	e.Key = hex.EncodeToString(m.key[:])
	return e
}

// Path returns the output's path in the output folder.
func (m *made) Path() string {
	if m.entry != nil {
		return m.entry.Path
	}
	return m.path
}

// manifestOutputs returns the entries of outputs, for the manifest
// (which sorts them).
func manifestOutputs(outputs []made) []output.Entry {
	entries := make([]output.Entry, len(outputs))
	for i := range outputs {
		entries[i] = outputs[i].Entry()
	}
	return entries
}
