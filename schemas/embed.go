// Package schemas embeds the OpenAPI 3.1 documents, one per API: the single
// source for the routes the sandbox serves, what a request may carry and
// what a response looks like. The sandbox mounts and validates requests
// with them at run time; the tests validate every response.
package schemas

import "embed"

// FS holds every document.
//
//go:embed *.openapi.json
var FS embed.FS
