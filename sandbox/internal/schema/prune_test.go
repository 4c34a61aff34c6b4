package schema

import (
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestPruneTreeAsTheDocument checks that PruneBody and UnknownFields,
// which walk a tree built once from the body schema, prune every generated
// body of every operation exactly as walking the document itself does
// (pruneReference and unknownReference, the former implementations).
func TestPruneTreeAsTheDocument(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	n := 0
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		set, err := Embedded(file)
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, 0, len(set.ops))
		for id := range set.ops {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			op := set.ops[id]
			if err := op.compileRequest(); err != nil {
				t.Fatal(err)
			}
			root, body := op.requestDoc()
			if op.body == nil || body == nil {
				continue
			}
			for i := 0; i < 200; i++ {
				v := gen(rng, op.body, 0)
				want := pruneReference(root, body, v, 0)
				got := op.PruneBody(v)
				n++
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %s: pruned %v, the document says %v", file, id, got, want)
				}
				var wantUnknown []string
				unknownReference(root, body, v, "", 0, &wantUnknown)
				sort.Strings(wantUnknown)
				if u := op.UnknownFields(v); !slices.Equal(u, wantUnknown) {
					t.Fatalf("%s %s: unknown fields %v, the document says %v", file, id, u, wantUnknown)
				}
				// In place, the same result (v is not used after this).
				if own := op.PruneOwnBody(v); !reflect.DeepEqual(own, want) {
					t.Fatalf("%s %s: pruned in place %v, the document says %v", file, id, own, want)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no body pruned")
	}
}

// pruneReference is PruneBody as it walked the document.
func pruneReference(root map[string]any, s map[string]any, v any, depth int) any {
	if depth > 32 || s == nil {
		return v
	}
	s = resolve(root, s)
	switch t := v.(type) {
	case map[string]any:
		props, hasProps := s["properties"].(map[string]any)
		ap, hasAP := s["additionalProperties"]
		for _, key := range []string{"allOf", "anyOf", "oneOf"} {
			for _, sub := range asList(s[key]) {
				if p, ok := resolve(root, asMap(sub))["properties"].(map[string]any); ok {
					props, hasProps = merged(props, p), true
				}
			}
		}
		if !hasProps && !hasAP {
			return t
		}
		out := make(map[string]any, len(t))
		for k, val := range t {
			if ps, ok := props[k]; ok {
				out[k] = pruneReference(root, asMap(ps), val, depth+1)
				continue
			}
			if hasAP {
				if apm, ok := ap.(map[string]any); ok {
					out[k] = pruneReference(root, apm, val, depth+1)
				} else if ap == true {
					out[k] = val
				}
			}
		}
		return out
	case []any:
		items := asMap(s["items"])
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = pruneReference(root, items, e, depth+1)
		}
		return out
	case string:
		if s["format"] == "uuid" {
			return strings.ToLower(t)
		}
	}
	return v
}

// requestDoc is the set's request document decoded, and the operation's
// body schema in it (nil without one).
func (op *Operation) requestDoc() (root, body map[string]any) {
	v, _ := fastDecode(op.set.reqDoc)
	root = asMap(v)
	if op.bodyLoc != "" {
		body = asMap(at(root, strings.TrimPrefix(op.bodyLoc, resourceURL(op.set.file)+"#")))
	}
	return root, body
}

// unknownReference is UnknownFields as it walked the document.
func unknownReference(root, s map[string]any, v any, path string, depth int, out *[]string) {
	if depth > 32 || s == nil {
		return
	}
	s = resolve(root, s)
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		props, hasProps := s["properties"].(map[string]any)
		ap, hasAP := s["additionalProperties"]
		for _, key := range []string{"allOf", "anyOf", "oneOf"} {
			for _, sub := range asList(s[key]) {
				if p, ok := resolve(root, asMap(sub))["properties"].(map[string]any); ok {
					props, hasProps = merged(props, p), true
				}
			}
		}
		if !hasProps && !hasAP {
			return
		}
		for k, val := range t {
			if ps, ok := props[k]; ok {
				unknownReference(root, asMap(ps), val, join(k), depth+1, out)
				continue
			}
			switch apv := ap.(type) {
			case map[string]any:
				unknownReference(root, apv, val, join(k), depth+1, out)
			case bool:
				if !apv {
					*out = append(*out, join(k))
				}
			default:
				if !hasAP {
					*out = append(*out, join(k))
				}
			}
		}
	case []any:
		items := asMap(s["items"])
		for i, e := range t {
			unknownReference(root, items, e, join(strconv.Itoa(i)), depth+1, out)
		}
	}
}
