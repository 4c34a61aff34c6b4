package schema

import (
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestPruneTreeAsTheDocument checks that PruneBody, which walks a tree
// built once from the body schema, prunes every generated body of every
// operation exactly as walking the document itself does (pruneReference,
// the former implementation).
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
			if op.body == nil || op.bodyRaw == nil {
				continue
			}
			for i := 0; i < 200; i++ {
				v := gen(rng, op.body, 0)
				want := pruneReference(op.root, op.bodyRaw, v, 0)
				got := op.PruneBody(v)
				n++
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %s: pruned %v, the document says %v", file, id, got, want)
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
