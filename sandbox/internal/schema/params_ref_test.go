package schema

import (
	"net/http"
	"net/url"
	"testing"
	"testing/fstest"
)

// refParamFile has a query parameter whose items refer to a definition
// of the document: the gathered parameters compile beside the document,
// and the reference still reaches it, embedded or not.
const refParamFile = `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "paths": {"/t": {"get": {"operationId": "list",
    "parameters": [{"name": "codes", "in": "query",
      "schema": {"type": "array", "maxItems": 3, "items": {"type": "string", "$ref": "#/components/schemas/Code"}}}],
    "responses": {"204": {"description": "ok"}}}}},
  "components": {"schemas": {"Code": {"type": "string", "pattern": "^[A-Z]{2}$"}}}}`

func TestParameterReferences(t *testing.T) {
	for _, lazy := range []bool{false, true} {
		set, err := loadSet(fstest.MapFS{"t.json": {Data: []byte(refParamFile)}}, "t.json", lazy)
		if err != nil {
			t.Fatal(err)
		}
		op := set.Op("list")
		if _, vs := op.ValidateRequest(nil, url.Values{"codes": {"NO", "SE"}}, http.Header{}, nil, false); len(vs) != 0 {
			t.Fatalf("lazy %v: violations %v", lazy, vs)
		}
		_, vs := op.ValidateRequest(nil, url.Values{"codes": {"NO", "sweden", "a", "b"}}, http.Header{}, nil, false)
		got := map[string]Violation{}
		for _, v := range vs {
			got[v.Field+" "+v.Code] = v
		}
		if v, ok := got["codes.1 PATTERN"]; !ok || v.Parameter != "^[A-Z]{2}$" {
			t.Errorf("lazy %v: want the item's pattern from the definition, got %v", lazy, vs)
		}
		if v, ok := got["codes MAX_ITEMS"]; !ok || v.Parameter != "3" {
			t.Errorf("lazy %v: want maxItems 3 from the gathered parameters, got %v", lazy, vs)
		}
	}
}
