// Package schemas embeds the JSON Schemas: the single source for what a
// request may carry and what a response looks like. The sandbox validates
// requests with them at run time; the tests validate every response.
package schemas

import "embed"

// FS holds every schema file.
//
//go:embed *.json
var FS embed.FS
