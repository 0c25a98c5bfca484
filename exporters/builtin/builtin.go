// Package builtin assembles galley's built-in exporters into a registry.
package builtin

import (
	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/html"
	"github.com/galleydoc/galley/exporters/json"
	"github.com/galleydoc/galley/exporters/markdown"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/exporters/text"
)

// Registry returns a registry of every built-in exporter: html, pdf, txt,
// json and md.
func Registry() *exporters.Registry {
	return exporters.NewRegistry(html.New(), pdf.New(), text.New(), json.New(), markdown.New())
}
