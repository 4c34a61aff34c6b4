package schema

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const uuidFile = `{
  "openapi": "3.1.0",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/op/{id}/{label}": {"post": {
      "operationId": "op",
      "parameters": [
        {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
        {"name": "label", "in": "path", "required": true, "schema": {"type": "string"}},
        {"name": "id", "in": "query", "schema": {"type": "string", "format": "uuid"}},
        {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string", "format": "uuid"}}},
        {"name": "text", "in": "query", "schema": {"type": "string"}},
        {"name": "Requestor-ID", "in": "header", "schema": {"type": "string", "format": "uuid"}},
        {"name": "X-Text", "in": "header", "schema": {"type": "string"}}
      ],
      "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ids"}}}},
      "responses": {"200": {"description": "ok"}}
    }}
  },
  "components": {"schemas": {
    "Ids": {"type": "object", "properties": {
      "id": {"type": "string", "format": "uuid"},
      "name": {"type": "string", "minLength": 1},
      "list": {"type": "array", "maxItems": 2, "items": {"type": "string", "format": "uuid"}},
      "country": {"type": "string", "format": "iso3166-1-alpha-2"}}}
  }}
}`

const upper, lower = "6B0E2F9C-1D4A-4C8E-9A57-2F1B3C4D5E01", "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"

// UUID inputs come back in lower case wherever they are; other values as sent.
func TestUUIDsAreCanonical(t *testing.T) {
	set, err := load(t, uuidFile)
	if err != nil {
		t.Fatal(err)
	}
	op := set.Op("op")
	h := http.Header{}
	h.Set("Requestor-ID", upper)
	h.Set("X-Text", "ABC")
	body := map[string]any{"id": upper, "name": "ABC", "list": []any{upper}}
	p, vs := op.ValidateRequest(map[string]string{"id": upper, "label": "ABC"},
		url.Values{"id": {upper}, "ids": {upper, lower}, "text": {"ABC"}}, h, body, true)
	if len(vs) != 0 {
		t.Fatalf("violations: %v", vs)
	}
	if p.Path["id"] != lower || p.Path["label"] != "ABC" {
		t.Errorf("path: %v", p.Path)
	}
	if p.Query["id"] != lower || p.Query["text"] != "ABC" {
		t.Errorf("query: %v", p.Query)
	}
	if ids := p.Query["ids"].([]any); ids[0] != lower || ids[1] != lower {
		t.Errorf("query ids: %v", ids)
	}
	if p.Headers["Requestor-ID"] != lower || p.Headers["X-Text"] != "ABC" {
		t.Errorf("headers: %v", p.Headers)
	}
	b := op.PruneBody(p.Body).(map[string]any)
	if b["id"] != lower || b["name"] != "ABC" || b["list"].([]any)[0] != lower {
		t.Errorf("body: %v", b)
	}
}

// A violation quotes the value as sent and names the rule's own value.
func TestViolationParameter(t *testing.T) {
	set, err := load(t, uuidFile)
	if err != nil {
		t.Fatal(err)
	}
	op := set.Op("op")
	body := map[string]any{"name": "", "list": []any{lower, lower, lower}, "country": "XX"}
	_, vs := op.ValidateRequest(map[string]string{"id": "NOT-A-UUID"}, url.Values{}, http.Header{}, body, true)
	got := map[string]Violation{}
	for _, v := range vs {
		got[v.In+":"+v.Field] = v
	}
	for key, want := range map[string][2]string{
		"path:id":      {"FORMAT", "uuid"},
		"body:name":    {"MIN_LENGTH", "1"},
		"body:list":    {"MAX_ITEMS", "2"},
		"body:country": {"FORMAT", "iso3166-1-alpha-2"},
	} {
		v, ok := got[key]
		if !ok || v.Code != want[0] || v.Parameter != want[1] {
			t.Errorf("%s: got %+v, want code %s parameter %s (all: %v)", key, v, want[0], want[1], vs)
		}
	}
	if m := got["path:id"].Message; !strings.Contains(m, "NOT-A-UUID") {
		t.Errorf("the message should quote the value as sent: %q", m)
	}
}

// The country format knows the 249 assigned codes and nothing else.
func TestCountryCodes(t *testing.T) {
	if len(countryCodes) != 249 {
		t.Fatalf("%d country codes, want the 249 of ISO 3166-1", len(countryCodes))
	}
	for _, c := range []string{"DE", "GB", "AX", "SS", "ZW", "BQ", "CW"} {
		if !isCountryCode(c) {
			t.Errorf("%s refused", c)
		}
	}
	for _, c := range []string{"XX", "UK", "EU", "XK", "de", "D", "DEU", ""} {
		if isCountryCode(c) {
			t.Errorf("%s accepted", c)
		}
	}
	if !isCountryCode(42) {
		t.Error("a value that is no string is the type rule's to refuse")
	}
}
