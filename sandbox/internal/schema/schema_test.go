package schema

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
)

const testFile = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "definitions": {
    "Thing": {"type": "object", "properties": {"name": {"type": "string", "minLength": 1},
      "meta": {"type": "object", "additionalProperties": {}},
      "inner": {"type": "object", "properties": {"a": {"type": "string"}}}},
      "required": ["name"]}
  },
  "operations": {
    "list": {
      "path": {"type": "object", "properties": {"aid": {"type": "string", "pattern": "^T\\d{2}$"}}, "required": ["aid"]},
      "query": {"type": "object", "properties": {
        "limit": {"type": "integer", "minimum": 1, "maximum": 100},
        "deleted": {"type": "boolean"},
        "keys": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}},
      "responses": {"200": {"type": "array", "items": {"$ref": "#/definitions/Thing"}}, "204": null}
    },
    "create": {"body": {"$ref": "#/definitions/Thing"}, "bodyRequired": true, "responses": {"200": {"$ref": "#/definitions/Thing"}}}
  }
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

func TestStartUpRefusesWhatItCannotCheck(t *testing.T) {
	tests := map[string]string{
		"unknown keyword":        `{"operations": {"x": {"body": {"type": "object", "exclusiveMinimun": 3}}}}`,
		"untyped query param":    `{"operations": {"x": {"query": {"type": "object", "properties": {"q": {"$ref": "#/definitions/Q"}}}}}, "definitions": {"Q": {"type": "string"}}}`,
		"unknown operation key":  `{"operations": {"x": {"bodyy": {}}}}`,
		"non-numeric status":     `{"operations": {"x": {"responses": {"ok": {}}}}}`,
		"array of integer param": `{"operations": {"x": {"query": {"type": "object", "properties": {"q": {"type": "array", "items": {"type": "integer"}}}}}}}`,
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
