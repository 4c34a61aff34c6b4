package schema

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
)

const testFile = `{
  "openapi": "3.1.0",
  "info": {"title": "t", "version": "1"},
  "paths": {
    "/t/{aid}": {"get": {
      "operationId": "list",
      "parameters": [
        {"name": "aid", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^T\\d{2}$"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
        {"name": "deleted", "in": "query", "schema": {"type": "boolean"}},
        {"name": "keys", "in": "query", "style": "form", "explode": true, "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}
      ],
      "responses": {
        "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}},
        "204": {"description": "no body"}
      }
    }},
    "/things": {"post": {
      "operationId": "create",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
      "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
    }},
    "/alias": {"$ref": "#/paths/~1things"},
    "/later": {"get": {"x-sandbox-not-emulated": true, "responses": {"501": {"description": "not emulated"}}}}
  },
  "components": {"schemas": {
    "Thing": {"type": "object", "properties": {"name": {"type": "string", "minLength": 1},
      "meta": {"type": "object", "additionalProperties": {}},
      "inner": {"type": "object", "properties": {"a": {"type": "string"}}}},
      "required": ["name"]}
  }}
}`

func load(t *testing.T, content string) (*Set, error) {
	t.Helper()
	return Load(fstest.MapFS{"t.json": {Data: []byte(content)}}, "t.json")
}

func TestQueryCoercionAndEveryViolation(t *testing.T) {
	set, err := load(t, testFile)
	if err != nil {
		t.Fatal(err)
	}
	op := set.Op("list")
	q := url.Values{"limit": {"5"}, "deleted": {"true"}, "keys": {"a", "b"}, "ignored": {"x"}}
	p, vs := op.ValidateRequest(map[string]string{"aid": "T12"}, q, http.Header{}, nil, false)
	if len(vs) != 0 {
		t.Fatalf("violations: %v", vs)
	}
	if p.Query["limit"] != int64(5) || p.Query["deleted"] != true || len(p.Query["keys"].([]any)) != 2 {
		t.Fatalf("coerced query: %#v", p.Query)
	}
	bad := url.Values{"limit": {"abc"}, "deleted": {"1"}, "keys": {"a", "b", "c"}}
	_, vs = op.ValidateRequest(map[string]string{"aid": "X"}, bad, http.Header{}, nil, false)
	fields := map[string]bool{}
	for _, v := range vs {
		fields[v.In+":"+v.Field] = true
	}
	for _, want := range []string{"path:aid", "query:limit", "query:deleted", "query:keys"} {
		if !fields[want] {
			t.Errorf("missing violation %s in %v", want, vs)
		}
	}
	_, vs = op.ValidateRequest(map[string]string{"aid": "T12"}, url.Values{"limit": {"0"}}, http.Header{}, nil, false)
	if len(vs) != 1 || vs[0].Field != "limit" || !strings.Contains(vs[0].Message, ">= 1") {
		t.Fatalf("limit=0: %v", vs)
	}
}

func TestBodyRulesAndPrune(t *testing.T) {
	set, err := load(t, testFile)
	if err != nil {
		t.Fatal(err)
	}
	op := set.Op("create")
	_, vs := op.ValidateRequest(nil, nil, http.Header{}, nil, false)
	if len(vs) != 1 || vs[0].In != "body" {
		t.Fatalf("missing body: %v", vs)
	}
	_, vs = op.ValidateRequest(nil, nil, http.Header{}, map[string]any{"inner": map[string]any{}}, true)
	if len(vs) != 1 || vs[0].Field != "name" || vs[0].Message != "is required" {
		t.Fatalf("required: %v", vs)
	}
	body := map[string]any{"name": "x", "junk": 1, "meta": map[string]any{"any": 1}, "inner": map[string]any{"a": "1", "b": "2"}}
	pruned := op.PruneBody(body).(map[string]any)
	if _, ok := pruned["junk"]; ok {
		t.Errorf("unknown top-level field kept: %v", pruned)
	}
	if pruned["meta"].(map[string]any)["any"] != 1 {
		t.Errorf("open object pruned: %v", pruned)
	}
	if _, ok := pruned["inner"].(map[string]any)["b"]; ok {
		t.Errorf("unknown nested field kept: %v", pruned)
	}
}

func TestResponses(t *testing.T) {
	set, err := load(t, testFile)
	if err != nil {
		t.Fatal(err)
	}
	op := set.Op("list")
	if err := op.ValidateResponse(200, []byte(`[{"name":"a"}]`)); err != nil {
		t.Errorf("valid: %v", err)
	}
	if err := op.ValidateResponse(200, []byte(`[{"name":""}]`)); err == nil {
		t.Error("invalid item accepted")
	}
	if err := op.ValidateResponse(204, []byte(`{}`)); err == nil {
		t.Error("a body on a no-body status accepted")
	}
	if err := op.ValidateResponse(201, []byte(`[]`)); err == nil {
		t.Error("an undeclared status accepted")
	}
}

// The endpoints are the document's, aliases and not-emulated ones included.
func TestEndpoints(t *testing.T) {
	set, err := load(t, testFile)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range set.Endpoints() {
		id := "-"
		if !e.NotEmulated() {
			id = e.Op.ID
		}
		got = append(got, e.Method+" "+e.Path+" "+id)
	}
	want := []string{"POST /alias create", "GET /t/{aid} list", "POST /things create", "GET /later -"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Fatalf("endpoints %v, want %v", got, want)
	}
}

func TestStartUpRefusesWhatItCannotCheck(t *testing.T) {
	doc := func(op string) string {
		return `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"post": ` + op + `}},
		  "components": {"schemas": {"Q": {"type": "string"}}}}`
	}
	tests := map[string]string{
		"not OpenAPI 3.1":        `{"openapi": "3.0.3", "paths": {}}`,
		"unknown keyword":        doc(`{"operationId": "x", "requestBody": {"content": {"application/json": {"schema": {"type": "object", "exclusiveMinimun": 3}}}}, "responses": {}}`),
		"untyped query param":    doc(`{"operationId": "x", "parameters": [{"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/Q"}}], "responses": {}}`),
		"parameter without in":   doc(`{"operationId": "x", "parameters": [{"name": "q", "schema": {"type": "string"}}], "responses": {}}`),
		"non-numeric status":     doc(`{"operationId": "x", "responses": {"ok": {"description": "ok"}}}`),
		"no operationId":         doc(`{"responses": {}}`),
		"array of integer param": doc(`{"operationId": "x", "parameters": [{"name": "q", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}}}], "responses": {}}`),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := load(t, content); err == nil {
				t.Fatal("loaded")
			}
		})
	}
}

func TestCheckDepth(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, tc := range []struct {
		in   string
		deep bool
	}{
		{nest(MaxDepth), false},
		{nest(MaxDepth + 1), true},
		{`{"a":` + nest(MaxDepth-1) + `}`, false},
		{`{"a":` + nest(MaxDepth) + `}`, true},
		{`"` + strings.Repeat("[", 1000) + `"`, false},                // brackets in a string
		{`["\"` + strings.Repeat("{", 1000) + `"]`, false},            // after an escaped quote
		{`["\\"` + strings.Repeat(",[", MaxDepth) + `]`, true},        // an escaped backslash ends the escape
		{strings.Repeat("[", 9994) + strings.Repeat("]", 9994), true}, // what was accepted before
	} {
		err := CheckDepth([]byte(tc.in))
		if (err != nil) != tc.deep {
			t.Errorf("%.40s… (%d bytes): %v, want too deep %v", tc.in, len(tc.in), err, tc.deep)
		}
		if _, derr := DecodeJSON([]byte(tc.in)); tc.deep && derr != ErrTooDeep {
			t.Errorf("DecodeJSON(%.40s…): %v, want ErrTooDeep", tc.in, derr)
		}
	}
}
