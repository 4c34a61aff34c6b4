package schema

import (
	"encoding/json"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestQuickNeverAcceptsWhatTheValidatorRefuses generates values from every
// request schema of the project's documents (valid ones, and ones bent in
// every way: wrong types, missing and extra properties, odd strings and
// numbers) and checks that the quick check says "valid" only where the
// full validator finds no violation: it may defer, never decide otherwise.
func TestQuickNeverAcceptsWhatTheValidatorRefuses(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	quickYes, total := 0, 0
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
			schemas := []*jsonschema.Schema{op.body}
			for _, ps := range op.params {
				schemas = append(schemas, ps.schema)
			}
			for _, s := range schemas {
				if s == nil {
					continue
				}
				for i := 0; i < 300; i++ {
					v := gen(rng, s, 0)
					total++
					if !quickValid(s, v) {
						continue
					}
					quickYes++
					if err := s.Validate(v); err != nil {
						b, _ := json.Marshal(v)
						t.Fatalf("%s %s: quick check accepts %s, the validator says %v", file, id, b, err)
					}
				}
			}
		}
	}
	t.Logf("quick check accepted %d of %d values", quickYes, total)
	if quickYes < total/20 {
		t.Errorf("the quick check accepted only %d of %d values: it no longer covers the documents' schemas", quickYes, total)
	}
}

var sampleStrings = []string{"", "a", "T12345678", "P12345678", "c-1001", "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	"3FA85F64-5717-4562-B3FC-2C963F66AFA6", "2024-01-01T00:00:00Z", "2024-01-01", "+4712345678", "ada@example.com", "NO", "DE",
	"CA", "sha1:email", "OPT_OUT", "OPT_IN", "true", "10", "-1", "ä", "a b", strings.Repeat("x", 300), "https://example.com/x"}

var sampleNumbers = []any{json.Number("0"), json.Number("1"), json.Number("-1"), json.Number("1.5"), json.Number("100000"),
	json.Number("1e3"), int64(5), int64(0), int64(-3), int64(1000), 2.5}

func gen(rng *rand.Rand, s *jsonschema.Schema, depth int) any {
	if depth > 6 || rng.Intn(12) == 0 {
		return junk(rng)
	}
	if s.Ref != nil && rng.Intn(4) != 0 {
		return gen(rng, s.Ref, depth+1)
	}
	if len(s.AllOf) > 0 && rng.Intn(2) == 0 {
		return gen(rng, s.AllOf[rng.Intn(len(s.AllOf))], depth+1)
	}
	if len(s.AnyOf) > 0 && rng.Intn(3) != 0 {
		return gen(rng, s.AnyOf[rng.Intn(len(s.AnyOf))], depth+1)
	}
	if len(s.OneOf) > 0 && rng.Intn(3) != 0 {
		return gen(rng, s.OneOf[rng.Intn(len(s.OneOf))], depth+1)
	}
	if len(s.Constant) > 0 && rng.Intn(4) != 0 {
		return s.Constant[0]
	}
	if len(s.Enum) > 0 && rng.Intn(4) != 0 {
		return s.Enum[rng.Intn(len(s.Enum))]
	}
	t := "object"
	switch {
	case len(s.Types) > 0:
		t = s.Types[rng.Intn(len(s.Types))]
	case s.Properties != nil:
	case s.Items2020 != nil:
		t = "array"
	case s.Pattern != nil || s.Format != "":
		t = "string"
	}
	switch t {
	case "object":
		m := map[string]any{}
		for name, sub := range s.Properties {
			if rng.Intn(5) != 0 {
				m[name] = gen(rng, sub, depth+1)
			}
		}
		if rng.Intn(6) == 0 {
			m["extra"] = junk(rng)
		}
		if ap, ok := s.AdditionalProperties.(*jsonschema.Schema); ok && rng.Intn(2) == 0 {
			m["more"] = gen(rng, ap, depth+1)
		}
		if s.AdditionalProperties == true && rng.Intn(2) == 0 {
			m["more"] = junk(rng)
		}
		return m
	case "array":
		n := rng.Intn(4)
		if rng.Intn(8) == 0 {
			n = 30
		}
		a := make([]any, n)
		for i := range a {
			if s.Items2020 != nil {
				a[i] = gen(rng, s.Items2020, depth+1)
			} else {
				a[i] = junk(rng)
			}
		}
		return a
	case "string":
		return sampleStrings[rng.Intn(len(sampleStrings))]
	case "integer", "number":
		return sampleNumbers[rng.Intn(len(sampleNumbers))]
	case "boolean":
		return rng.Intn(2) == 0
	case "null":
		return nil
	}
	return junk(rng)
}

func junk(rng *rand.Rand) any {
	switch rng.Intn(6) {
	case 0:
		return sampleStrings[rng.Intn(len(sampleStrings))]
	case 1:
		return sampleNumbers[rng.Intn(len(sampleNumbers))]
	case 2:
		return true
	case 3:
		return nil
	case 4:
		return []any{"x"}
	}
	return map[string]any{"x": json.Number("1")}
}

// TestQuickIfThen checks the quick check's "if" against the validator on
// Tradevest's address (state required in Canada), both ways.
func TestQuickIfThen(t *testing.T) {
	set, err := Embedded("tradevest.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	s := set.Definition("AddressInput")
	if s == nil || s.If == nil {
		t.Skip("AddressInput has no if any more")
	}
	addr := func(country, state string) map[string]any {
		m := map[string]any{"street": "Main", "streetNumber": "1", "city": "Toronto", "zip": "M5H", "country": country}
		if state != "" {
			m["state"] = state
		}
		return m
	}
	for _, c := range []struct {
		v     map[string]any
		quick bool
	}{
		{addr("DE", ""), true},
		{addr("CA", "ON"), true},
		{addr("CA", ""), false},
		{addr("DE", "BY"), true},
	} {
		if got := quickValid(s, c.v); got != c.quick {
			t.Errorf("%v: quick check %v, want %v", c.v, got, c.quick)
		}
		if c.quick && s.Validate(c.v) != nil {
			t.Errorf("%v: quick check accepts, the validator refuses", c.v)
		}
	}
}

// TestEmbeddedDocumentsCompile compiles everything an embedded document
// leaves for its first use (response shapes, definitions, the error
// shape): none of it may fail then.
func TestEmbeddedDocumentsCompile(t *testing.T) {
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		set, err := Embedded(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := set.compileAll(); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

// quickParams, the quick check of path parameters without building their
// object, never accepts what the validator refuses, and accepts the usual
// path values.
func TestQuickParamsNeverAcceptsWhatTheValidatorRefuses(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	yes, total := 0, 0
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		set, err := Embedded(file)
		if err != nil {
			t.Fatal(err)
		}
		for id, op := range set.ops {
			if err := op.compileRequest(); err != nil {
				t.Fatal(err)
			}
			ps := op.params["path"]
			if ps == nil {
				continue
			}
			for i := 0; i < 200; i++ {
				vals := map[string]string{}
				for name := range ps.types {
					if rng.Intn(10) > 0 {
						vals[name] = sampleStrings[rng.Intn(len(sampleStrings))]
					}
				}
				if rng.Intn(10) == 0 {
					vals["extra"] = "x"
				}
				total++
				if !quickParams(ps.schema, vals, ps.types) {
					continue
				}
				yes++
				inst := map[string]any{}
				for k, v := range vals {
					inst[k] = coerce(ps.types[k], []string{v})
				}
				if err := ps.schema.Validate(inst); err != nil {
					t.Fatalf("%s %s: quickParams accepts %v, the validator says %v", file, id, vals, err)
				}
			}
		}
	}
	t.Logf("quickParams accepted %d of %d", yes, total)
	if yes == 0 {
		t.Error("quickParams accepted nothing: it no longer covers the documents' path parameters")
	}
}
