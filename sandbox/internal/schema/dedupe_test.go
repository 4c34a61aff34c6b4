package schema

import (
	"math/rand"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/customers-api/sandbox/schemas"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestDeduperKnowsEverySchemaField: the deduper's key writes every field
// of the library's Schema but the location and annotations; a new field
// (another library version) must be added to the key, or to the
// annotations it leaves out, before this passes.
func TestDeduperKnowsEverySchemaField(t *testing.T) {
	known := []string{"Location", "Draft", "meta", "vocab", "dynamicAnchors", "Format", "format", "Always", "Ref",
		"RecursiveAnchor", "RecursiveRef", "DynamicAnchor", "DynamicRef", "dynamicRefAnchor", "Types", "Constant", "Enum",
		"enumError", "Not", "AllOf", "AnyOf", "OneOf", "If", "Then", "Else", "MinProperties", "MaxProperties", "Required",
		"Properties", "PropertyNames", "RegexProperties", "PatternProperties", "AdditionalProperties", "Dependencies",
		"DependentRequired", "DependentSchemas", "UnevaluatedProperties", "MinItems", "MaxItems", "UniqueItems", "Items",
		"AdditionalItems", "PrefixItems", "Items2020", "Contains", "ContainsEval", "MinContains", "MaxContains",
		"UnevaluatedItems", "MinLength", "MaxLength", "Pattern", "ContentEncoding", "decoder", "ContentMediaType",
		"mediaType", "ContentSchema", "Minimum", "ExclusiveMinimum", "Maximum", "ExclusiveMaximum", "MultipleOf", "Title",
		"Description", "Default", "Comment", "ReadOnly", "WriteOnly", "Examples", "Deprecated", "Extensions"}
	typ := reflect.TypeOf(jsonschema.Schema{})
	var have []string
	for i := 0; i < typ.NumField(); i++ {
		have = append(have, typ.Field(i).Name)
	}
	if !slices.Equal(have, known) {
		t.Fatalf("jsonschema.Schema has the fields\n%v\nthe deduper knows\n%v", have, known)
	}
}

// TestSharedSchemasCheckAsBefore: with the request rules' schemas shared,
// every operation answers every generated request (valid or not, bodies
// and path and query parameters) with the same violations, rule values
// included, as with a schema object for every place; and far fewer
// schema objects are kept.
func TestSharedSchemasCheckAsBefore(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		shared, err := loadSet(schemas.FS, file, true)
		if err != nil {
			t.Fatal(err)
		}
		shareSchemas = false
		apart, err := loadSet(schemas.FS, file, true)
		shareSchemas = true
		if err != nil {
			t.Fatal(err)
		}
		if n, m := countSchemas(shared), countSchemas(apart); n*2 > m {
			t.Errorf("%s: %d schema objects shared, %d apart: fewer than half expected", file, n, m)
		} else {
			t.Logf("%s: %d schema objects shared, %d apart", file, n, m)
		}
		ids := slices.Sorted(func(yield func(string) bool) {
			for id := range shared.ops {
				if !yield(id) {
					return
				}
			}
		})
		for _, id := range ids {
			a, b := shared.ops[id], apart.ops[id]
			for i := 0; i < 30; i++ {
				var body any
				if a.body != nil {
					body = gen(rng, a.body, 0)
				}
				path, query := map[string]string{}, url.Values{}
				if ps := a.params["path"]; ps != nil {
					for name := range ps.types {
						path[name] = sampleStrings[rng.Intn(len(sampleStrings))]
					}
				}
				if ps := a.params["query"]; ps != nil {
					for name := range ps.types {
						if rng.Intn(2) == 0 {
							query.Set(name, sampleStrings[rng.Intn(len(sampleStrings))])
						}
					}
				}
				pathB := map[string]string{}
				for k, v := range path {
					pathB[k] = v
				}
				_, va := a.ValidateRequest(path, query, http.Header{}, body, body != nil)
				_, vb := b.ValidateRequest(pathB, query, http.Header{}, body, body != nil)
				sortViolations(va)
				sortViolations(vb)
				if !reflect.DeepEqual(va, vb) {
					t.Fatalf("%s %s: shared %+v, apart %+v", file, id, va, vb)
				}
			}
		}
	}
}

func sortViolations(vs []Violation) {
	sort.Slice(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.In+a.Field+a.Code != b.In+b.Field+b.Code {
			return a.In+a.Field+a.Code < b.In+b.Field+b.Code
		}
		return a.Message+a.Parameter < b.Message+b.Parameter
	})
}

// countSchemas counts the distinct schema objects the set's request rules
// reach.
func countSchemas(set *Set) int {
	seen := map[*jsonschema.Schema]bool{}
	var walk func(s *jsonschema.Schema)
	walk = func(s *jsonschema.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, sub := range subschemas(s) {
			walk(sub)
		}
	}
	for _, op := range set.ops {
		walk(op.body)
		for _, ps := range op.params {
			walk(ps.schema)
		}
	}
	return len(seen)
}

// subschemas are the schemas s holds directly.
func subschemas(s *jsonschema.Schema) []*jsonschema.Schema {
	out := []*jsonschema.Schema{s.Ref, s.RecursiveRef, s.DynamicRef, s.Not, s.If, s.Then, s.Else, s.PropertyNames,
		s.UnevaluatedProperties, s.Items2020, s.Contains, s.UnevaluatedItems, s.ContentSchema}
	out = append(append(append(append(out, s.AllOf...), s.AnyOf...), s.OneOf...), s.PrefixItems...)
	for _, p := range s.Properties {
		out = append(out, p)
	}
	for _, p := range s.PatternProperties {
		out = append(out, p)
	}
	for _, p := range s.DependentSchemas {
		out = append(out, p)
	}
	for _, v := range []any{s.AdditionalProperties, s.Items, s.AdditionalItems} {
		switch v := v.(type) {
		case *jsonschema.Schema:
			out = append(out, v)
		case []*jsonschema.Schema:
			out = append(out, v...)
		}
	}
	return out
}
