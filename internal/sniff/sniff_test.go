package sniff

import (
	"net/http"
	"testing"
)

// TestSameAsNetHTTP compares the copy with net/http on a sample of every
// kind of signature it knows, on their prefixes, and on text and binary
// data.
func TestSameAsNetHTTP(t *testing.T) {
	inputs := []string{
		"", " ", "\t\n<!DOCTYPE HTML>", "<html><body>", "<HTML", "<?xml version", "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"%PDF-1.7\n", "%!PS-Adobe-", "\xFE\xFFa", "\xFF\xFEa", "\xEF\xBB\xBFhello",
		"GIF87a", "GIF89a\x01\x00", "\x89PNG\x0D\x0A\x1A\x0A\x00\x00\x00\x0dIHDR", "\xFF\xD8\xFF\xE0\x00\x10JFIF",
		"RIFF\x00\x00\x00\x00WEBPVP8 ", "RIFF\x00\x00\x00\x00WAVE", "RIFF\x00\x00\x00\x00AVI ", "BM\x00\x00", "\x00\x00\x01\x00",
		"\x00\x00\x02\x00", "OggS\x00", "MThd\x00\x00\x00\x06", "ID3", "FORM\x00\x00\x00\x00AIFF", ".snd", "\x1A\x45\xDF\xA3",
		"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", "\x00\x00\x00\x14ftypavif", "wOFF", "wOF2", "OTTO", "\x00\x01\x00\x00",
		"PK\x03\x04", "Rar!\x1A\x07\x00", "Rar!\x1A\x07\x01\x00", "\x1F\x8B\x08", "\x00asm", "\x00\x61\x73\x6D",
		"plain text, nothing else", "binary\x00\x01\x02", "\x1b[0m", "<!-- comment -->", "<script>", "<p>x</p>",
		"<title>", "<a href=x>", "<font>", "<br>", "<div", "<table>", "<h1>", "<iframe>", "<style>", "<head>", "<b>",
	}
	for _, in := range inputs {
		for n := 0; n <= len(in); n++ {
			data := []byte(in[:n])
			if got, want := DetectContentType(data), http.DetectContentType(data); got != want {
				t.Errorf("DetectContentType(%q) = %q, net/http says %q", data, got, want)
			}
		}
	}
	long := make([]byte, 2000)
	for i := range long {
		long[i] = byte('a' + i%26)
	}
	long[700] = 0 // past the 512 bytes sniffed
	if got, want := DetectContentType(long), http.DetectContentType(long); got != want {
		t.Errorf("long input: %q, net/http says %q", got, want)
	}
}
