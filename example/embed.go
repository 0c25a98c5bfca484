// Package example holds galley's built-in example documents: a realistic
// privacy notice and the cookie policy it links to, exported by
// `galley export` when no path is given.
package example

import "embed"

// Notices is the example document tree; its root is "notices".
//
//go:embed notices
var Notices embed.FS

// Root is the directory inside Notices that holds the documents.
const Root = "notices"
