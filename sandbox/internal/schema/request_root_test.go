package schema

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/customers-api/sandbox/schemas"
)

// TestRequestRootIsTheDocumentsOwn: what a set keeps of its document after
// load (requestRoot, Set.reqDoc) is the document's own, at the same places,
// and holds every request body schema and every definition the request
// rules refer to, so the rules' values (Violation.Parameter) read the same
// as from the whole document.
func TestRequestRootIsTheDocumentsOwn(t *testing.T) {
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		set, err := loadSet(schemas.FS, file, true)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := schemas.FS.ReadFile(file)
		full, err := decodeDocument(data)
		if err != nil {
			t.Fatal(err)
		}
		v, ok := fastDecode(set.reqDoc)
		if !ok {
			t.Fatalf("%s: the request document does not decode", file)
		}
		trimmed := asMap(v)
		if _, whole := trimmed["info"]; whole {
			t.Fatalf("%s: the operations keep the whole document", file)
		}
		full[paramsKey] = trimmed[paramsKey] // the loader's addition
		var same func(at string, a, b any)
		same = func(at string, a, b any) {
			am, ok := a.(map[string]any)
			if !ok {
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%s %s: kept %v, the document has %v", file, at, a, b)
				}
				return
			}
			for k, v := range am {
				same(at+"/"+escape(k), v, asMap(b)[k])
			}
		}
		same("#", trimmed, full)
		for id, op := range set.ops {
			if op.bodyLoc == "" {
				continue
			}
			loc := strings.TrimPrefix(op.bodyLoc, resourceURL(file)+"#")
			if at(trimmed, loc) == nil || !reflect.DeepEqual(at(trimmed, loc), at(full, loc)) {
				t.Errorf("%s %s: the body schema at %s is not the document's", file, id, loc)
			}
		}
	}
}

// A reference the loader does not follow by name (anywhere but
// #/components/schemas/…) keeps the whole document.
func TestRequestRootKeepsAllForOtherReferences(t *testing.T) {
	root := map[string]any{"components": map[string]any{"schemas": map[string]any{"A": map[string]any{"type": "string"}}},
		paramsKey: map[string]any{}}
	op := pending{op: &Operation{}, base: "#/paths/~1t/post",
		body: map[string]any{"properties": map[string]any{"a": map[string]any{"$ref": "#/paths/~1x/get"}}}}
	if got := requestRoot(root, []pending{op}); got != nil {
		t.Fatalf("got %v, want nil (the whole document)", got)
	}
	op.body = map[string]any{"properties": map[string]any{"a": map[string]any{"$ref": "#/components/schemas/A"}}}
	got := requestRoot(root, []pending{op})
	if asMap(asMap(asMap(got["components"])["schemas"])["A"]) == nil || asMap(asMap(got["paths"])["/t"])["post"] == nil {
		t.Fatalf("got %v", got)
	}
}

// refElsewhereFile has a request body that refers to another operation's
// body by its place in paths: the operations then keep, and the request
// rules compile from, the whole document.
const refElsewhereFile = `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "paths": {
    "/a": {"post": {"operationId": "a",
      "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"n": {"type": "string", "maxLength": 3}}}}}},
      "responses": {"204": {"description": "ok"}}}},
    "/b": {"post": {"operationId": "b",
      "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/paths/~1a/post/requestBody/content/application~1json/schema"}}}},
      "responses": {"204": {"description": "ok"}}}}}}`

func TestRequestRulesReferringElsewhere(t *testing.T) {
	for _, lazy := range []bool{false, true} {
		set, err := loadSet(fstest.MapFS{"t.json": {Data: []byte(refElsewhereFile)}}, "t.json", lazy)
		if err != nil {
			t.Fatal(err)
		}
		op := set.Op("b")
		if root, _ := op.requestDoc(); root["info"] == nil {
			t.Fatalf("lazy %v: the operations should keep the whole document", lazy)
		}
		_, vs := op.ValidateRequest(nil, nil, nil, map[string]any{"n": "toolong", "x": "1"}, true)
		if len(vs) != 1 || vs[0].Field != "n" || vs[0].Parameter != "3" {
			t.Fatalf("lazy %v: violations %+v", lazy, vs)
		}
		if got := op.UnknownFields(map[string]any{"n": "ok", "x": "1"}); len(got) != 1 || got[0] != "x" {
			t.Fatalf("lazy %v: unknown fields %v", lazy, got)
		}
	}
}

// A rule of a body written under a templated path ("/x/{id}": the
// validator escapes the braces in the rule's location) still reports its
// value.
func TestParameterUnderTemplatedPath(t *testing.T) {
	const doc = `{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
  "paths": {"/x/{id}": {"post": {"operationId": "x",
    "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"n": {"type": "string", "maxLength": 3}}}}}},
    "responses": {"204": {"description": "ok"}}}}}}`
	set, err := loadSet(fstest.MapFS{"t.json": {Data: []byte(doc)}}, "t.json", true)
	if err != nil {
		t.Fatal(err)
	}
	_, vs := set.Op("x").ValidateRequest(nil, nil, nil, map[string]any{"n": "toolong"}, true)
	if len(vs) != 1 || vs[0].Code != "MAX_LENGTH" || vs[0].Parameter != "3" {
		t.Fatalf("violations %+v, want MAX_LENGTH with parameter 3", vs)
	}
}
