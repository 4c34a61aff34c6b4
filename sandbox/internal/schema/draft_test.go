package schema

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/customers-api/sandbox/schemas"
)

// TestEmbeddedDocumentsAreValidSchemas is the meta-schema check the
// embedded documents skip at start-up (draft2020Unchecked): each compiles
// whole, every schema checked against JSON Schema 2020-12's meta-schema.
func TestEmbeddedDocumentsAreValidSchemas(t *testing.T) {
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		if _, err := Load(schemas.FS, file); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

// badMinLength is a document whose request body schema the meta-schema
// refuses (minLength must be a non-negative integer).
const badMinLength = `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "paths": {"/t": {"post": {"operationId": "create",
    "requestBody": {"content": {"application/json": {"schema": {"type": "string", "minLength": -1}}}},
    "responses": {"204": {"description": "ok"}}}}}}`

// TestDraft2020Unchecked shows the meta-schema check is on for Load and
// off for an embedded (lazy) load: if writing the library's unexported
// field stops working, this fails rather than start-up quietly slowing.
func TestDraft2020Unchecked(t *testing.T) {
	if draft2020Unchecked == nil {
		t.Fatal("the jsonschema library's Draft has no meta field any more: see draft.go")
	}
	fsys := fstest.MapFS{"t.json": {Data: []byte(badMinLength)}}
	if _, err := Load(fsys, "t.json"); err == nil || !strings.Contains(err.Error(), "minLength") {
		t.Fatalf("Load: %v, want the meta-schema's refusal of minLength", err)
	}
	if _, err := loadSet(fsys, "t.json", true); err != nil {
		t.Fatalf("a lazy load checks the meta-schema: %v", err)
	}
}
